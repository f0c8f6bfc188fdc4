"""When a claim held: the as-of dates that tell a change from a contradiction.

Sources written weeks apart may both be right ("Spain rejected the target" in
June, "Spain pledged it" in September). A claim's as-of interval is a date
its sentence states for the statement itself ("Reuters reported on June 19",
"On Tuesday, Rutte said", "as of 1 July", "2% of GDP in 2024"), else its
article's date, else unknown (which overlaps every date: nothing can then be
called a change). Dates that name something else are not as-of dates: a
deadline ("by 2035"), an event named by the date ("the June summit", "during
the June summit") or the claim's own value in a date slot.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from consistency.extract.dates import DateContext, DateMention
from consistency.values import DateSpan

_REPORTING_WORDS = frozenset(
    """said says say told tells reported reports announced announces confirmed confirms wrote writes
    stated states added adds noted notes warned warns declared declares claimed claims remarked
    insisted stressed argued estimated published posted tweeted""".split()
)
_REPORTING = re.compile(rf"\b(?:{'|'.join(sorted(_REPORTING_WORDS, key=lambda w: (-len(w), w)))})\b", re.IGNORECASE)
# the words just before a date that make it the time of the statement
_PREP = re.compile(r"\b(?P<prep>on|in|as\s+of|at\s+the\s+(?:start|end)\s+of)\s+$", re.IGNORECASE)
_VERB_GAP = 4  # words between a reporting verb and its "on …" date
_INNER_PREP = re.compile(r"(?i)(on|in|as\s+of)\s+")
_THE = re.compile(r"(?i)the\b")


@dataclass(frozen=True, slots=True)
class AsOf:
    span: DateSpan | None
    note: str  # where it came from, for the report


UNKNOWN = AsOf(None, "unknown: the source has no date")


def as_of(sentence: str, dates: list[DateMention], value: tuple[int, int], ctx: DateContext,
          fallback: AsOf | None = None, words: set[str] | None = None, padded: str | None = None) -> AsOf:
    """The claim's as-of dates: the first date that governs the statement,
    in order of trust, else the source's own date (`fallback`, if the caller
    made it once for the source with `of_source`: most claims take it, and
    one shared note per source instead of one per claim is memory a large
    corpus keeps). `words`: the word set of an ASCII sentence, if made;
    `padded`: with it, its folded text with a space each side
    (consistency.extract.fold), where the reporting verbs are then found."""
    verbs: bool | frozenset[str] = True
    if words is not None:
        present = _REPORTING_WORDS.intersection(words)
        verbs = present if present and padded is not None and padded[-1:] == " " else bool(present)
    best: tuple[int, int, DateMention, int] | None = None
    for d in dates:
        if d.value is None or d.value.start is None or d.value.end is None:
            continue  # unresolved, or a deadline / "since" span: not a moment
        if d.start < value[1] and value[0] < d.end:
            continue  # the claim's own value
        found = _governs(sentence, d, value, verbs, padded)
        if found is not None and (best is None or (found[0], d.start) < best[:2]):
            best = (found[0], d.start, d, found[1])
    if best is not None:
        d, phrase_start = best[2], best[3]
        how = f" ({d.note})" if d.note else ""
        return AsOf(d.value, f"stated in the sentence: `{' '.join(sentence[phrase_start:d.end].split())}`{how}")
    return fallback if fallback is not None else of_source(ctx)


def earlier(sentence: str, value: tuple[int, int], when: AsOf) -> AsOf:
    """The as-of of a value its sentence gives as superseded ("had previously
    refused", "up from 2%", "an initial estimate of 90"): before the day it
    would otherwise hold on, so that the newer value reads as a change, not a
    contradiction. Other values keep `when`."""
    if when.span is None or when.span.start is None:
        return when
    cue = superseded(sentence, value)
    if cue is None:
        return when
    day = when.span.start
    return AsOf(DateSpan(None, day - dt.timedelta(days=1)),
                f"before {day.isoformat()}: the sentence gives it as superseded (`{cue}`)")


# words that give a figure or a stance as an earlier one, replaced since: "had previously voiced his refusal",
# "an initial estimate of 90", "earlier reports gave 12", "up from 2%"
_SUPERSEDED_BEFORE = re.compile(
    r"\b(?:previously|formerly|originally|initially|at\s+first|earlier\s+reports?|first\s+reports?|"
    r"initial\s+(?:estimates?|reports?|figures?|count)|(?:up|down)\s+from|revised\s+(?:up|down)?\s*from)\b"
    r"(?:(?!\b(?:now|but|since|later|revised|then)\b)[^.;:])*$", re.IGNORECASE)


def superseded(sentence: str, value: tuple[int, int]) -> str | None:
    """The words that give the value at `value` as superseded, if its clause
    has them before it (within 60 characters): its as-of is before the
    source's date, so that it reads as a change, not a contradiction."""
    m = _SUPERSEDED_BEFORE.search(sentence, max(0, value[0] - 60), value[0])
    return " ".join(m.group(0).split()[:3]) if m else None


def of_source(ctx: DateContext) -> AsOf:
    """The as-of dates of a claim that no date in its sentence governs."""
    if ctx.published is not None:
        return AsOf(DateSpan(ctx.published, ctx.published), f"{ctx.published_note} {ctx.published.isoformat()}")
    return UNKNOWN


def _governs(sentence: str, d: DateMention, value: tuple[int, int], verbs: bool | frozenset[str] = True,
             padded: str | None = None) -> tuple[int, int] | None:
    """(rank, where the governing words start): rank 0 when a reporting verb
    dates the statement ("said on June 17"), 1 for an "as of" or
    sentence-initial date ("On Tuesday, …"), 2 for a year just after the
    value ("2% of GDP in 2024"); None when the date names something else.
    `verbs` False: the sentence is known to have no reporting verb; a set:
    the reporting verbs of an ASCII sentence, whose padded fold `padded` is."""
    inner = _INNER_PREP.match(d.text)  # "in June" carries its preposition
    if inner is not None:
        word, prep_start = inner.group(1).lower(), d.start
    else:
        prep = _PREP.search(sentence[:d.start])
        if prep is None:
            return None
        word, prep_start = prep.group("prep").lower(), prep.start()
    if _THE.match(d.text):
        return None  # "the June summit": an event named by its date
    head = sentence[:prep_start]
    verb: tuple[int, int] | None = None
    if verbs:
        if isinstance(verbs, frozenset) and padded is not None and not _cuts_a_word(sentence, prep_start):
            verb = _last_verb(padded, verbs, prep_start)
        else:
            for m in _REPORTING.finditer(head):
                verb = m.span()
    if verb is not None and len(head[verb[1]:].split()) <= _VERB_GAP:
        return 0, verb[0]
    if word.startswith("as") or not head.strip(" \t\"'“‘("):
        return 1, prep_start
    span = d.value
    whole_year = span is not None and span.start is not None and span.end is not None and \
        (span.start.month, span.start.day, span.end.month, span.end.day) == (1, 1, 12, 31)
    if whole_year and value[1] <= prep_start and len(sentence[value[1]:prep_start].split()) <= 4:
        return 2, prep_start
    return None


def _cuts_a_word(sentence: str, at: int) -> bool:
    """Whether `at` falls inside a run of word characters: the head
    sentence[:at] then ends with a piece of a word, which `\\b` takes for a
    whole word there and the fold of the whole sentence does not."""
    return 0 < at < len(sentence) and (sentence[at - 1].isalnum() or sentence[at - 1] == "_") and (
        sentence[at].isalnum() or sentence[at] == "_")


def _last_verb(padded: str, verbs: frozenset[str], end: int) -> tuple[int, int] | None:
    """The span of the last `_REPORTING` match in sentence[:end], for an
    ASCII sentence whose padded fold is `padded` and which `end` does not
    cut inside a word: a match is a whole word (`\\b` both sides; the verbs
    are words, matched ignoring case), so it is a verb of `verbs` with a
    space each side in the fold, ending by `end`. Searching the sentence for
    30 verbs at each character cost more than a `rfind` per verb it has."""
    best: tuple[int, int] | None = None
    for w in verbs:
        # padded[i + 1] is sentence[i]: the needle ends by padded[end + 1], the word by sentence[end - 1]
        i = padded.rfind(f" {w} ", 0, end + 2)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, i + len(w))
    return best
