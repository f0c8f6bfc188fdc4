"""The shape of a rule file and of the shared vocabulary, as pydantic models.

The models forbid unknown keys (a typo is an error, not a silently ignored
setting) and carry the ranges that make sense, so that validation, the
JSON Schema editors use (`rules/schema.json`) and the error messages all come
from one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

SlotType = Literal["count", "quantity", "percent", "money", "date", "duration", "category", "ratio"]
Severity = Literal["error", "warning", "info"]
SLOT_ID = r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+"
DURATION_UNITS = ("day", "month", "year")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(_Strict):
    """How far apart two figures may be and still agree: the larger of an
    absolute margin (in the slot's unit; days for dates) and a fraction of
    the figure."""

    absolute: Annotated[float, Field(ge=0, description="margin in the slot's unit (days for dates)")] = 0.0
    relative: Annotated[float, Field(ge=0, le=1, description="fraction of the figure: 0.1 means ±10%")] = 0.0


class Expect(_Strict):
    """The value an example must yield; only the fields given are checked."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None
    approximate: bool | None = None
    unit: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    contains: float | dt.date | None = None
    attributed_to: str | None = None
    label: str | None = Field(default=None, description="a category slot's label")
    as_of: dt.date | None = Field(default=None, description="a day the claim's as-of dates must include")
    period: dt.date | None = Field(default=None, description="a day the period a total covers must include")


class Example(_Strict):
    """A sentence and what the slot must take from it: the rule's own test."""

    text: Annotated[str, Field(min_length=1)]
    expect: Expect | list[Expect] | Literal["none"] = Field(
        description="the value(s) the text yields, or `none` when the slot must take nothing from it")
    published: dt.date | None = Field(default=None, description="the source's date, for relative dates")
    todo: str | None = Field(default=None, description="known to fail, and why (the test expects the failure)")

    @field_validator("expect", mode="before")
    @classmethod
    def _none_or_value(cls, v: Any) -> Any:
        if isinstance(v, str) and v != "none":
            raise ValueError(f"`{v}` is not an expectation; use `none` (no claim) or a mapping such as "
                             "{low: 2.1, high: 2.1}")
        if v is None:
            raise ValueError("empty; use `none` (no claim) or a mapping such as {low: 2.1, high: 2.1}")
        return v


Phrases = Annotated[list[Annotated[str, Field(min_length=1)]], Field(
    description="words or phrases, matched case-insensitively as whole words; `*` ends a stem (`produc*`); "
                "`re:` starts a regular expression (RE2 syntax); `$name` inserts a list from _vocab.yaml")]


class Event(_Strict):
    """The one event a slot's fact is about: when, where and who.

    News about one event is full of neighbouring ones: another night's
    attack, another country's airspace, last year's summit. A claim whose
    sentence places its figure at another time or in another place, or whose
    article never dates or places the event at all, is another event's."""

    when: Annotated[tuple[dt.date, dt.date] | None, WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$"},
        {"type": "array", "items": {"type": "string", "format": "date"}, "minItems": 2, "maxItems": 2},
        {"type": "null"}]})] = Field(
        default=None, description="the event's first and last day: `2025-09-09/2025-09-10`, a date, or [first, last]")
    where: Phrases = Field(default=[], description="where it happened: places from `places` in _vocab.yaml "
                                                    "(`Poland` brings Polish, Warsaw, ...) or words")
    who: Phrases = Field(default=[], description="the parties that act in it (places, bodies): a figure "
                                                  "another party acted on is another event's")
    known_by: list[str] = Field(default=["date", "place"], description="how an article shows it is about this "
                                "event: `date` (it dates it, or is dated within `margin` days after it), `place` "
                                "(it places something in `where`), or another topic's name (it is about that event)")
    margin: Annotated[int, Field(ge=0, le=366, description="days either side of `when` still taken for it")] = 2

    @field_validator("when", mode="before")
    @classmethod
    def _span(cls, v: Any) -> Any:
        if isinstance(v, dt.date):
            return (v, v)
        if isinstance(v, str) and "/" in v:
            return tuple(part.strip() for part in v.split("/", 1))
        if isinstance(v, str):
            return (v, v)
        return v

    @field_validator("when")
    @classmethod
    def _ordered(cls, v: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
        if v is not None and v[1] < v[0]:
            raise ValueError(f"{v[0].isoformat()}/{v[1].isoformat()} runs backwards; write first/last")
        return v


class Slot(_Strict):
    """One comparable fact: what counts as a mention of it, and how to compare."""

    id: Annotated[str, Field(pattern=f"^{SLOT_ID}$",
                             description="topic.fact, the topic being the file's name")]
    description: Annotated[str, Field(min_length=1)]
    type: SlotType
    unit: str | None = Field(default=None, description="what a count counts (a name from `units` in "
                                                        "_vocab.yaml), a currency code, or day/month/year")
    unit_words: Phrases = Field(default=[], description="words naming what is counted; default: the unit's "
                                                         "synonyms in _vocab.yaml")
    also_counts: Phrases = Field(default=[], description="more words that count as the unit here, beside its "
                                                         "synonyms (`breach*` for drones entering: \"19 breaches\")")
    bare_number: bool = Field(default=False, description="a count may stand without its noun "
                                                          "(\"four were shot down\")")
    triggers: Annotated[Phrases, Field(min_length=1)]
    max_distance: Annotated[int, Field(ge=1, le=60, description="content words between a value and its trigger")] = 8
    rivals: Phrases = Field(default=[], description="words that, as near as any trigger, mean the value "
                                                     "belongs to something else")
    context: list[Phrases] = Field(default=[], description="groups of words; one of each group must appear "
                                                           "within context_window sentences")
    context_window: Annotated[int, Field(ge=0, le=10, description="sentences either side")] = 0
    exclude: Phrases = Field(default=[], description="any of these in the sentence: no claim from it")
    said_by: Phrases = Field(default=[], description="the fact is what these parties say (places or words): a "
                                                     "figure its clause gives as another's (\"NATO is sure Spain "
                                                     "will need 3.5%\") is no claim")
    labels: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Phrases] = Field(
        default={}, description="category slots: each label of the closed list, with the phrases that say it")
    negated: dict[str, str | None] = Field(
        default={}, description="category slots: what a negated label becomes (`rejects: supports`); "
                                "a negated label without an entry gives no claim")
    changes: bool = Field(default=False, description="the fact may change over time: claims that disagree "
                                                     "but were true at different times form a timeline "
                                                     "(`changed`), not a conflict")
    totals: bool = Field(default=False, description="the figure is a total over a period (this year, the first "
                                                    "half of 2025): a period's total is at least that of any "
                                                    "period inside it; totals for periods apart are not compared")
    tolerance: Tolerance = Tolerance()
    severity: Severity = "error"
    event: Event | None = Field(default=None, description="the event the fact belongs to (default: the file's)")
    examples: Annotated[list[Example], Field(min_length=1)]


class RuleFile(_Strict):
    """A topic: one or more slots whose ids start with the file's name."""

    description: str = ""
    event: Event | None = Field(default=None, description="the event the topic's facts belong to")
    slots: Annotated[list[Slot], Field(min_length=1)]


class Rate(_Strict):
    """One unit of the pair's first currency in the second (EUR/USD 1.16: one
    euro is 1.16 dollars), as it stood on a day: money claims in different
    currencies are compared in the slot's currency at the rate nearest their
    as-of date."""

    pair: Annotated[str, Field(pattern=r"^[A-Z]{3}/[A-Z]{3}$", description="BASE/QUOTE, as in EUR/USD")]
    rate: Annotated[float, Field(gt=0)]
    date: dt.date = Field(description="the day the rate held")
    source: str = Field(default="", description="where the rate comes from, shown in the report")


class Frame(_Strict):
    """A kind of event or act as news words it: the verbs (in their base form;
    every inflection is matched: `make it into` also finds `made it into`)
    and the other words and phrases (nouns, set phrases) that say it. A rule
    names it in its phrase lists as `$name`."""

    verbs: Phrases = Field(default=[], description="verbs and verb phrases in the base form (`enter`, `cross into`, "
                                                   "`come out ~ against`; `~` is an optional adverb)")
    words: Phrases = Field(default=[], description="nouns and set phrases, matched as written (`incursion*`)")


class VocabFile(_Strict):
    """rules/_vocab.yaml: what all rules share."""

    approximation: Annotated[float, Field(ge=0, le=1, description="width of about/around/nearly: 0.1 = ±10%")] = 0.1
    vague: dict[str, Annotated[list[float], Field(min_length=2, max_length=2)]] = {}
    units: dict[str, Phrases] = {}
    lists: dict[str, Phrases] = {}
    frames: dict[str, Frame] = Field(default={}, description="kinds of event or act (entering, rejecting), each "
                                                             "with its verbs and words; a rule uses one as `$name`")
    currencies: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], list[Annotated[str, Field(min_length=1)]]] = {}
    speakers: dict[str, list[str]] = {}
    places: dict[str, list[Annotated[str, Field(min_length=1)]]] = Field(
        default={}, description="places: a name → the words that name it (adjectives, capitals); adds to the built-in "
                                "countries, or more words for one of them")
    rates: list[Rate] = Field(default=[], description="currency conversion rates, each with the day it held")

