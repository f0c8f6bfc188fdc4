"""Holding claims to their event: its time, its place, its parties.

A slot is about one event (the incursion into Poland of 9–10 September
2025), and news about it is full of neighbouring ones: another night's
attack, a drone in Romanian or Lithuanian airspace, Ukraine's own air
defence, last year's summit, next year's. A figure that fits the slot's
words but belongs to one of those is the commonest wrong claim on unseen
text. A rule says what its event is (`event:` with `when`, `where`, `who`),
and this module refuses, with the reason, a claim whose clause places its
figure at another time (a date more than `margin` days off, another year),
in another place (a place named as where it happened that is not the
event's), or with another party as the one acting ("Ukraine's air defence
shot down 380 drones" is not Poland's downing), and every claim of an
article that never shows it is about the event at all (it neither dates it
nor places it, nor is about an event named in `known_by`).

Places are the vocabulary's (`consistency.places` and `places:` in
`rules/_vocab.yaml`); a place's role in its clause is read from the words
around it: "into Polish airspace", "over western Ukraine", "on Polish soil"
place something there; "towards Poland", "near the Polish border", "from
Belarus" do not; "Polish officials", "Ukraine's air force" name a party.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from consistency.extract.dates import MONTHS, STATED_ON, DateContext, DateMention, nearest, scan_dates
from consistency.rules import Event
from consistency.segment import Segment
from consistency.values import DateSpan

_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|into|inside|over|above|across|within|at|on|onto|through|throughout|entered|entering|enter|enters|"
    r"invaded|penetrated)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$|"
    r"\b(?:airspace|air\s+space|territory|soil|skies|sky|land|cities|regions|capital|border|borders)\s+of\s+(?:the\s+)?$")
_TARGET_BEFORE = re.compile(r"\b(?:attacks?|assaults?|strikes?|offensives?|war|invasion|aggression|bombardment|"
                            r"barrage)\s+(?:on|against|in)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?i:from)\s+(?:the\s+)?$")
_NEAR_BEFORE = re.compile(
    r"\b(?:near|close\s+to|towards?|along|bordering|neighbou?ring|off|from|beyond|outside|between|against)\s+"
    r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_LOCATIVE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z][\w-]*\s+){0,2}?(?:airspace|air\s+space|territory|soil|skies|sky|land|border|borders|"
    r"cities|city|regions|region|towns|villages|airports?|capital|summit|talks|conference)\b")
_ITS_SPACE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:airspace|air\s+space|territory|soil|skies)\b",
                        re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\b[^,;]*,?", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\s[–—]\s|\s-\s|,\s+(?:but|while|whereas|although|though|yet)\b|:\s")
_ONE_DAY = dt.timedelta(days=1)
_WORD = re.compile(r"\w+")
_COARSE_DAYS = 27  # a date slot's value wider than this (a month, a decade) that holds the event says nothing to check
_PREDICATE_BREAK = re.compile(r",|\b(?:that|which|who|whom|whose|where|when|while)\b")
_NEAR_WORDS = 8  # words between a value and a place that says where the value's fact happened


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    place: str  # the vocabulary's name for it
    role: str  # "at" (where something happened), "from", "near" (towards, near), "target" (an attack on) or
    # "party" (Polish officials)


class Places:
    """The vocabulary's places in one pattern, longest names first."""

    def __init__(self, places: dict[str, list[str]]) -> None:
        self.by_word: dict[str, str] = {}
        for name, words in places.items():
            for w in [name, *words]:
                self.by_word.setdefault(w, name)
        names = sorted(self.by_word, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])") if names else None

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[PlaceMention]:
        """Every place named in text[lo:hi], with its role there."""
        if self.pattern is None:
            return []
        hi = len(text) if hi is None else hi
        out = []
        for m in self.pattern.finditer(text, lo, hi):
            before = text[max(lo, m.start() - 40):m.start()]
            if _TARGET_BEFORE.search(before):
                role = "target"  # "a broader Russian assault on Ukraine": names another event by its target
            elif _FROM_BEFORE.search(before):
                role = "from"  # "flying in from Belarus"; "From The Hague, Zelenskyy said": where one is coming from
            elif _NEAR_BEFORE.search(before):
                role = "near"
            elif _LOCATIVE_BEFORE.search(before) or _LOCATIVE_AFTER.match(text[m.end():m.end() + 40]):
                role = "at"
            else:
                role = "party"
            out.append(PlaceMention(m.start(), m.end(), self.by_word[m.group(0)], role))
        # "Poland shot down Russian drones that violated its airspace": a pronoun's airspace is its
        # sentence's subject's, the first place named (not the nearest: "Russian drones")
        for m in _ITS_SPACE.finditer(text, lo, hi):
            before = [p for p in out if p.end <= m.start() and p.role != "from"]
            if before:
                p = before[0]
                out.append(PlaceMention(m.start(), m.end(), p.place, "at"))
        if len(out) > 1:
            out.sort(key=lambda p: (p.start, p.end))
        return out

    def names_of(self, words: list[str]) -> set[str]:
        """The places an event's `where` or `who` names: a place by any of its
        words, or a word no place has, which then stands for itself."""
        return {self.by_word.get(w, w) for w in words}


@dataclass
class CompiledEvent:
    """An event's terms as the checks use them."""

    spec: Event
    where: set[str]
    who: set[str]
    when: DateSpan | None
    window: DateSpan | None  # `when` widened by the margin
    months: re.Pattern[str]  # what a sentence dating a day of the event must hold: one of its months

    @staticmethod
    def build(spec: Event, places: Places) -> CompiledEvent:
        when = window = None
        if spec.when is not None:
            when = DateSpan(spec.when[0], spec.when[1])
            pad = dt.timedelta(days=spec.margin)
            window = DateSpan(spec.when[0] - pad, spec.when[1] + pad)
        return CompiledEvent(spec, places.names_of(spec.where), places.names_of(spec.who), when, window,
                             _months_of(when))

    def describe(self) -> str:
        parts = []
        if self.when is not None and self.when.start is not None and self.when.end is not None:
            a, b = self.when.start.isoformat(), self.when.end.isoformat()
            parts.append(a if a == b else f"{a}/{b}")
        if self.spec.where:
            parts.append("in " + ", ".join(sorted(self.where)))
        return " ".join(parts) or "its event"


@dataclass
class EventScope:
    """One source's view of the rules' events: which of them the article is
    about (worked out once per topic, when a claim first asks), and the
    checks each claim of theirs must pass."""

    segments: list[Segment]
    ctx: DateContext
    places: Places
    events: dict[str, CompiledEvent]  # by slot id
    topics: dict[str, list[str]]  # topic → its slots that have an event
    _known: dict[str, str | None] = field(default_factory=dict)  # topic → why it is about it, or None
    _dates: dict[int, list[DateMention]] = field(default_factory=dict)
    _places: dict[int, list[PlaceMention]] = field(default_factory=dict)
    readings: list[tuple[DateMention, DateSpan]] = field(default_factory=list)  # relative dates read near events
    _counts: dict[str, int] | None = None  # how often each place is named as where things happened

    def about(self, slot: str, asking: frozenset[str] = frozenset()) -> str | None:
        """How the article shows it is about the slot's event, or None when
        it does not. `asking`: the topics whose question led here (a topic
        naming another that names it back is asked once)."""
        if slot in self._known:
            return self._known[slot]
        event = self.events.get(slot)
        found: str | None = None
        if event is None:
            found = "no event"
        elif event.when is None and not event.where and all(m in ("date", "place") for m in event.spec.known_by):
            found = "the event has no time or place to be shown by"  # who alone: nothing to look for
        else:
            topic = slot.split(".")[0]
            for mark in event.spec.known_by:
                if mark == "date":
                    found = self._dated(event)
                elif mark == "place":
                    found = self._placed(event)
                elif mark not in asking and mark != topic:
                    if any(self.about(other, asking | {topic}) is not None for other in self.topics.get(mark, ())):
                        found = f"it is about {mark}"
                if found:
                    break
        if not asking:
            self._known[slot] = found
        return found

    def _dated(self, event: CompiledEvent) -> str | None:
        window = event.window
        if window is None or window.start is None or window.end is None:
            return None
        pub = self.ctx.published
        if pub is not None and window.start <= pub <= window.end:
            return f"published {pub.isoformat()}"
        months = event.months
        for i, seg in enumerate(self.segments):
            if seg.kind == "dateline" or not months.search(seg.text):
                continue  # a date within the event's days names one of its months
            for d in self.dates_in(i):
                v = d.value
                if d.relative is not None:
                    if d.relative.kind != "yearless":
                        continue  # "on Monday" says a day only against a date the source must have
                    if v is None:  # "10 September" in a source with no date: the event's days, in some year
                        v = nearest(d.relative, event.when)  # type: ignore[arg-type]
                if v is not None and v.start is not None and v.end is not None \
                        and _overlap(v, event.when) and (v.end - v.start).days <= 31:
                    return f"dated `{' '.join(d.text.split())}`"
        return None

    def _placed(self, event: CompiledEvent) -> str | None:
        if not event.where:
            return None
        for i, seg in enumerate(self.segments):
            if seg.kind == "dateline":  # "THE HAGUE (Reuters) -": filed from there
                for p in self.places.find(seg.text.title()):
                    if p.place in event.where:
                        return f"filed from `{seg.text[p.start:p.end]}`"
                continue
            for p in self.places_in(i):
                if p.role in ("at", "from") and p.place in event.where:
                    return f"placed `{seg.text[p.start:p.end]}`"
        return None

    def _main_place(self, event: CompiledEvent) -> str | None:
        """The place the article is mostly about, when that is not the
        event's: named as where things happened at least twice, and more
        often than any of the event's places."""
        if self._counts is None:
            counts: dict[str, int] = {}
            for i, seg in enumerate(self.segments):
                if seg.kind != "dateline":
                    for p in self.places_in(i):
                        if p.role == "at":
                            counts[p.place] = counts.get(p.place, 0) + 1
            self._counts = counts
        if not self._counts:
            return None
        top = max(sorted(self._counts), key=self._counts.__getitem__)
        ours = max((self._counts.get(w, 0) for w in event.where), default=0)
        return top if top not in event.where and self._counts[top] >= 2 and self._counts[top] > ours else None

    def dates_in(self, i: int) -> list[DateMention]:
        got = self._dates.get(i)
        if got is None:
            got = self._dates[i] = scan_dates(self.segments[i].text, self.ctx)
        return got

    def places_in(self, i: int) -> list[PlaceMention]:
        got = self._places.get(i)
        if got is None:
            got = self._places[i] = self.places.find(self.segments[i].text)
        return got

    def refuse(self, slot: str, event: CompiledEvent, seg: Segment, span: tuple[int, int], dates: list[DateMention],
               own: DateMention | None) -> str | None:
        """Why the value at `span` of this sentence is not the event's, or
        None when nothing says so. `own`: the value itself, for a date slot."""
        text = seg.text
        lo, hi = _clause(text, span)
        time = self._other_time(event, text, lo, hi, span, dates, own)
        if time:
            return time
        found = [p for p in self.places_in(seg.index) if lo <= p.start and p.end <= hi]
        # where the value's own fact happened: a place named near it, not "defeated in Ukraine" a clause on
        at = [p for p in found if p.role == "at" and _words_between(text, p, span) <= _NEAR_WORDS]
        if event.where and at and not any(p.place in event.where for p in at):
            other = next(p for p in at if p.place not in event.where)
            return f"another place: `{text[other.start:other.end]}` (the event is {event.describe()})"
        if event.where and not found and own is None:  # (a date slot's trigger names the event itself)
            # a sentence that names no place is about where its article is: "In the past, incursions had
            # lasted less than a minute, whereas this year's two …" in a report on Estonia's airspace
            main = self._main_place(event)
            if main is not None:
                return f"another place: the article is about {main} (the event is {event.describe()})"
        if event.who and not any(p.place in event.where for p in at):
            acting = [p for p in found if p.role == "party" and p.end <= span[0]
                      and not _ACCORDING.search(text, max(lo, p.start - 60), p.start + 1)
                      and not _in_according(text, lo, p.start)]
            ours = event.who | event.where
            if acting and not any(p.place in ours for p in acting):
                return f"another party acts: `{text[acting[0].start:acting[0].end]}` (the event's are " \
                       f"{', '.join(sorted(event.who))})"
        why = self.about(slot)
        if why is None:
            return f"the article never shows it is about this event ({event.describe()}): " \
                   f"no {' or '.join(_mark_words(event.spec.known_by))}"
        return None

    def _other_time(self, event: CompiledEvent, text: str, lo: int, hi: int, span: tuple[int, int],
                    dates: list[DateMention], own: DateMention | None) -> str | None:
        window, when = event.window, event.when
        if window is None or when is None or when.start is None or when.end is None:
            return None
        years = set(range(when.start.year, when.end.year + 1))
        if own is not None and own.value is not None and own.value.start is not None and own.value.end is not None:
            if not years.intersection(range(own.value.start.year, own.value.end.year + 1)):
                return f"another time: `{' '.join(own.text.split())}` (the event is {event.describe()})"
            wide = (own.value.end - own.value.start).days + 1
            if wide > _COARSE_DAYS and _overlap(own.value, window):
                return (f"too coarse to check: `{' '.join(own.text.split())}` spans {wide} days around the event's "
                        f"{(when.end - when.start).days + 1}")
        others = []
        for d in dates:
            v = d.value
            if v is None and d.relative is not None and d.relative.kind == "yearless":
                v = nearest(d.relative, when)  # "on September 7" in a source with no date: that year's
            if d is own or v is None or v.start is None or v.end is None or not (lo <= d.start and d.end <= hi):
                continue  # the value itself, unresolved, open ("by 2035", "since 2022"), or in another clause
            if d.start < span[1] and span[0] < d.end:
                continue
            if STATED_ON.search(text, max(0, d.start - 60), d.start):
                continue  # the day of the statement ("said on August 19"), not of the event
            others.append((d, v))
        if not others or any(_overlap(v, window) for _, v in others):
            return None
        if own is not None:  # a date slot: only another year is another event; a day off is a claim to check
            far = [(d, v) for d, v in others if not years.intersection(range(v.start.year, v.end.year + 1))]  # type: ignore[union-attr]
            if not far:
                return None
            others = far
        d = others[0][0]
        return f"another time: `{' '.join(d.text.split())}` (the event is {event.describe()})"

    def resolve(self, mention: DateMention, event: CompiledEvent) -> DateMention:
        """A relative date of a source that has no date, read as the one
        nearest the event (when the article is shown to be about it by
        more than that date itself)."""
        if mention.value is not None or mention.relative is None or event.when is None:
            return mention
        if mention.relative.kind == "eve":
            return mention  # the eve of the event is the day before it, whatever day that is: no reading to choose
        span = nearest(mention.relative, event.when)
        if span is None:
            return mention
        note = f"the source has no date: read as the `{' '.join(mention.text.split())}` nearest the event " \
               f"({event.describe()})"
        return DateMention(mention.start, mention.end, mention.text, span, note, mention.relative,
                           mention.relative.names(span))

    def written(self) -> tuple[DateSpan, str] | None:
        """When a source with no date was written, as far as its relative
        dates of events tell: "next week's summit", read as the summit's
        week, was written in the week before it; several such readings
        narrow it down. None when nothing tells, or they disagree."""
        lo: dt.date | None = None
        hi: dt.date | None = None
        said = []
        for mention, span in self.readings:
            rel = mention.relative
            if rel is None or rel.kind == "yearless" or span.start is None:
                continue
            days = [span.start + dt.timedelta(days=k) for k in range(-14, 15)]
            fits = [d for d in days if rel.span(d) == span]
            if not fits:
                continue
            lo = fits[0] if lo is None else max(lo, fits[0])
            hi = fits[-1] if hi is None else min(hi, fits[-1])
            said.append(" ".join(mention.text.split()))
        if lo is None or hi is None or hi < lo:
            return None
        return DateSpan(lo, hi), ", ".join(f"`{t}`" for t in dict.fromkeys(said))


def _words_between(text: str, place: PlaceMention, span: tuple[int, int]) -> int:
    """Words between a place and a value; past a relative clause or a comma
    between them ("sent at Poland within a strike that used 415 drones"),
    as good as infinitely many: the place is another predicate's."""
    a, b = (place.end, span[0]) if place.end <= span[0] else (span[1], place.start)
    if a >= b:
        return 0
    if _PREDICATE_BREAK.search(text, a, b):
        return _NEAR_WORDS + 1
    return len(_WORD.findall(text, a, b))


def _months_of(when: DateSpan | None) -> re.Pattern[str]:
    """A pattern for the months of an event's days, by name or in ISO dates."""
    if when is None or when.start is None or when.end is None:
        return re.compile(r"(?!)")
    names, iso = [], []
    for month in range(1, 13):
        if any(dt.date(y, month, 1) <= when.end and when.start <= dt.date(y, month, calendar.monthrange(y, month)[1])
               for y in range(when.start.year, when.end.year + 1)):
            names += [n for n, k in MONTHS.items() if k == month]
            iso += [f"{y}-{month:02d}-" for y in range(when.start.year, when.end.year + 1)]
    return re.compile(r"(?i:\b(?:" + "|".join(sorted(names, key=len, reverse=True)) + r"))\b|" + "|".join(iso))


def _overlap(a: DateSpan, b: DateSpan | None) -> bool:
    if b is None or a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    return a.start <= b.end and b.start <= a.end


def _clause(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The clause around a value: between the clause breaks either side."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= span[0]:
            lo = m.end()
        elif m.start() >= span[1]:
            hi = m.start()
            break
    return lo, hi


def _in_according(text: str, lo: int, at: int) -> bool:
    """Whether `at` lies in an "according to …," attribution: the source of
    a figure, not the party acting in it."""
    for m in _ACCORDING.finditer(text, lo, at + 1):
        if m.start() <= at < m.end():
            return True
    return False


def _mark_words(known_by: list[str]) -> list[str]:
    return [{"date": "date within the event's days", "place": "place of the event"}.get(k, f"mention of {k}")
            for k in known_by]
