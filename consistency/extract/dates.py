"""Date phrases → intervals of days.

News writes dates at every precision ("10 September 2025", "June 24–25", "in
June", "by 2035", "on Tuesday", "overnight", "next week's summit"); each
becomes the inclusive span of days it allows, so a day falls inside a month
and a two-day summit overlaps either of its days. A night spans the two days
it joins: "Tuesday evening" and "the night of 10 September" both reach into
the other day, as the events they date do.

Nothing here reads the clock. Year-less and relative dates are resolved
against a reference date the caller gives (the source's own date), and each
resolution carries a note the report can show. A relative phrase keeps what
it says (`Relative`), so that where the source has no date it can still be
read later against the dates of the event a rule describes (`nearest`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from consistency.values import DateSpan

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "fifteen": 15, "twenty": 20}
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to|and)\s*"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:evening|night|morning|afternoon)"
_OPEN_BEFORE = r"(?:by|until|up\s+until|till|before|no\s+later\s+than|through)"
_OPEN_AFTER = r"(?:since|from|after|starting\s+(?:from|in))"
_POSS = r"(?:['’]s)?"
_SPAN_NUMBER = "|".join(_NUMBER_WORDS)

_PATTERN = re.compile(
    rf"""
      (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
    | (?P<dmy>\b(?P<a_d1>{_DAY})(?:{_DASH}(?P<a_d2>{_DAY}))?\s+(?P<a_m>{_MON})(?:,?\s+(?P<a_y>{_YEAR}))?\b)
    | (?P<mdy>\b(?P<b_m>{_MON})\s+(?P<b_d1>{_DAY})(?!\d|,\d{{3}})(?:{_DASH}(?P<b_d2>{_DAY})(?!\d))?(?:,?\s+(?P<b_y>{_YEAR}))?\b)
    | (?P<mm>(?:\b(?:in|during|of|from)\s+)?\b(?P<c_m1>{_MON}){_DASH}(?P<c_m2>{_MON})(?:,?\s+(?P<c_y>{_YEAR}))?\b)
    | (?P<my>(?:\b(?P<d_pre>{_OPEN_BEFORE}|{_OPEN_AFTER}|in|of|during|early|late|the)\s+)?\b(?P<d_m>{_MON})(?:,?\s+(?P<d_y>{_YEAR}))?\b
        (?(d_y)|(?!\s+{_DAY}\b)))
    | (?P<yy>(?:\b(?P<e_pre>{_OPEN_BEFORE}|{_OPEN_AFTER})\s+)?\b(?P<e_y1>{_YEAR})(?:{_DASH}(?P<e_y2>{_YEAR}))?\b(?![-–.,]?\d|\s?%|\s?(?:million|billion)))
    | (?P<wd>(?:\b(?P<f_pre>last|next|this|on|late|early)\s+)?\b(?P<f_wd>{_WD})(?:\s*(?:and|to|-|–|&)\s*(?P<f_wd2>{_WD}))?
        (?:\s+(?P<f_part>{_PART}))?\b{_POSS})
    | (?P<rel>\b(?P<g_w>(?i:today|yesterday|tomorrow|tonight))\b{_POSS})
    | (?P<night>\b(?i:(?P<h_last>last|this)\s+night|overnight)\b
        (?!\s+(?:on|into|to|of|between|from)\s+(?:the\s+)?(?:\d|{_MON}|{_WD})))
    | (?P<week>\b(?P<i_pre>(?i:this|next|last|past))\s+(?P<i_w>week|weekend)\b{_POSS})
    | (?P<eve>\b(?i:on\s+)?(?i:the)\s+eve\s+of\b)
    | (?P<ahead>\b(?i:over|within|in)\s+the\s+(?:next|coming)\s+(?:(?P<j_n>\d{{1,2}}|{_SPAN_NUMBER})\s+years|(?P<j_dec>decade))\b)
    """,
    re.VERBOSE,
)
_TOKEN = re.compile(r"\w+")
_ANCHOR_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, "today", "yesterday", "tomorrow", "tonight", "by", "until", "up", "till",
     "before", "no", "through", "since", "from", "after", "starting", "in", "of", "during", "early",
     "late", "the", "last", "next", "this", "on", "overnight", "past", "over", "within"]
)
# Every branch of _PATTERN holds an ASCII digit (days and years start with
# one), a month name (all begin with these abbreviations), a weekday, one of
# the relative words, or `night`, `week`, `eve`, `next` or `coming`: a
# sentence without any of them holds no date, and this plain alternation,
# whose first letters the engine skips ahead to, says so far faster than
# trying _PATTERN at every word.
_HINT = re.compile("|".join([
    *"0123456789", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "(?i:today|yesterday|tomorrow|tonight|night|week|eve|next|coming)",
]))
_NON_DIGITS = re.compile(r"\D")
_EVENT_AFTER = re.compile(r"\s+(?:summit|meeting|talks|session|offensive|attack|elections?)\b")
_SPACES = re.compile(r"\s+")
_OPEN_BEFORE_ALL = re.compile(_OPEN_BEFORE)
_OPEN_AFTER_ALL = re.compile(_OPEN_AFTER)
_FUTURE = re.compile(
    r"\b(?:will|would|to\s+be|scheduled|expected|set\s+to|plans?\s+to|due\s+to|upcoming|next)\b",
    re.IGNORECASE,
)
# "the night of 10 September", "overnight into Wednesday": the night that ends on the day
_NIGHT_BEFORE = re.compile(r"(?i:(?:the\s+)?night\s+(?:of|to|into)|overnight\s+(?:into|to))\s+(?:the\s+)?$")
# "the evening of 9 September": the evening, and the night it runs into
_EVENING_BEFORE = re.compile(r"(?i:(?:the\s+)?evening\s+of)\s+(?:the\s+)?$")
_ONE_DAY = dt.timedelta(days=1)
# a reporting verb, then up to three words and `on`, just before a date: the day of the statement
STATED_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|stated|added|wrote|declared|noted|warned|claimed)"
    r"(?:\s+\w+){0,3}?\s+on\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateContext:
    """What relative and year-less dates are resolved against."""

    published: dt.date | None = None  # what weekdays and "today" resolve against
    reference: dt.date | None = None  # published, or a date inferred from the text
    reference_note: str = ""
    published_note: str = "the source's date"


@dataclass(frozen=True, slots=True)
class Relative:
    """What a relative or year-less phrase says, to be read against any
    reference day: `kind` is day (today: `shift` days on), night (the night
    ending `shift` days on), weekday (`a`, to `b`, `mode` past / last / next
    / future, `evening` reaching into the next day), week (`shift` weeks on;
    `weekend` its Saturday and Sunday), eve (the day itself; the phrase
    names the next), ahead (`shift` years from the day), or yearless
    (`a` month, days `b` to `c`, or months `a` to `b` when `c` is 0)."""

    kind: str
    shift: int = 0
    a: int = 0
    b: int = 0
    c: int = 0
    mode: str = "past"
    evening: bool = False
    weekend: bool = False

    def span(self, ref: dt.date) -> DateSpan | None:
        k = self.kind
        if k == "day" or k == "eve":
            d = ref + dt.timedelta(days=self.shift)
            return DateSpan(d, d)
        if k == "night":
            d = ref + dt.timedelta(days=self.shift)
            return DateSpan(d - _ONE_DAY, d)
        if k == "weekday":
            return self._weekday(ref)
        if k == "week":
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=self.shift)
            if self.weekend:
                return DateSpan(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            return DateSpan(monday, monday + dt.timedelta(days=6))
        if k == "ahead":
            end = _safe(ref.year + self.shift, ref.month, ref.day) or dt.date(ref.year + self.shift, ref.month, 28)
            return DateSpan(ref, end)
        if k == "yearless":
            return _nearest_year(self, ref)
        return None

    def _weekday(self, ref: dt.date) -> DateSpan:
        back = (ref.weekday() - self.a) % 7
        ahead = (self.a - ref.weekday()) % 7
        if self.mode == "last":
            d = ref - dt.timedelta(days=back or 7)
        elif self.mode == "next":
            d = ref + dt.timedelta(days=ahead or 7)
        elif self.mode == "future":
            d = ref + dt.timedelta(days=ahead)
        else:
            d = ref - dt.timedelta(days=back)
        end = d + dt.timedelta(days=(self.b - self.a) % 7) if self.b >= 0 else d
        return DateSpan(d, end + _ONE_DAY if self.evening else end)

    def names(self, span: DateSpan) -> DateSpan | None:
        """The span of what the phrase names, where that is not the day it
        gives: the eve of a summit is the day before the summit."""
        if self.kind == "eve" and span.start is not None:
            d = span.start + _ONE_DAY
            return DateSpan(d, d)
        return None


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: DateSpan | None  # None when it could not be resolved (reason in note)
    note: str = ""  # how a relative or year-less date was resolved
    relative: Relative | None = None  # what a relative or year-less phrase says, to resolve it again
    names: DateSpan | None = None  # what the phrase names, where not its own day ("the eve of the summit")


def nearest(rel: Relative, event: DateSpan) -> DateSpan | None:
    """The reading of a relative phrase nearest an event's dates, for a
    source with no date to read it against: "on Monday" in an undated report
    of an incursion on 9–10 September is the Monday of that week, 8
    September (the reading under which the report is about that event at
    all), "next week's summit" the week that holds the summit. Ties go to
    the reading that overlaps the event most, then the earlier."""
    if event.start is None or event.end is None:
        return None
    best: tuple[int, int, dt.date, DateSpan] | None = None
    day = event.start - dt.timedelta(days=10)
    last = event.end + dt.timedelta(days=10)
    while day <= last:
        span = rel.span(day)
        if span is not None and span.start is not None and span.end is not None:
            gap = max((span.start - event.end).days, (event.start - span.end).days, 0)
            overlap = (min(span.end, event.end) - max(span.start, event.start)).days
            key = (gap, -overlap, span.start)
            if best is None or key < best[:3]:
                best = (gap, -overlap, span.start, span)
        day += _ONE_DAY
    return best[3] if best else None


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(_NON_DIGITS.sub("", s))


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def scan_dates(sentence: str, ctx: DateContext, fold: tuple[str, set[str]] | None = None) -> list[DateMention]:
    """Every date phrase in the sentence, resolved as far as the context
    allows. (`fold`, the sentence's padded fold and word set, is accepted
    for the callers that made it; the scan does not need it.)"""
    out: list[DateMention] = []
    if not _HINT.search(sentence):
        return out
    future: bool | None = None  # only a weekday needs it
    pos = 0
    for anchor in _anchors(sentence):
        if anchor < pos:
            continue
        m = _PATTERN.match(sentence, anchor)
        if m is None or not m.group(0).strip():
            continue
        pos = m.end()
        if m.group("my") and not m.group("d_y") and not _month_alone_ok(m):
            continue
        if future is None and m.group("wd"):
            future = bool(_FUTURE.search(sentence))
        mention = _resolve(m, ctx, bool(future))
        if mention is not None:
            out.append(_at_night(sentence, mention))
    if len(out) > 1 and any(d.relative is not None and d.relative.kind != "yearless" for d in out):
        return _from_statement(sentence, out)
    return out


def _from_statement(sentence: str, found: list[DateMention]) -> list[DateMention]:
    """Relative dates read against the day the sentence dates its statement
    by, where it does: in "Zelensky will attend the summit next week, the
    Council confirmed on June 20" next week is the week after 20 June, not
    after the source's date."""
    said = next((d for d in found if (d.relative is None or d.relative.kind == "yearless") and d.value is not None and d.value.start is not None
                 and d.value.start == d.value.end and STATED_ON.search(sentence, 0, d.start)), None)
    if said is None or said.value is None or said.value.start is None:
        return found
    ref = said.value.start
    out = []
    for d in found:
        rel = d.relative
        if rel is None or rel.kind == "yearless" or d is said:
            out.append(d)
            continue
        span = rel.span(ref)
        note = f"relative to the statement's date {ref.isoformat()} (`{' '.join(said.text.split())}`)"
        out.append(DateMention(d.start, d.end, d.text, span, note, rel, rel.names(span) if span else None))
    return out


def _anchors(sentence: str) -> list[int]:
    """Where a date phrase can start: digits, month and weekday names, and
    the words that open one ("by 2035", "in June", "last Tuesday", "the eve
    of"), found by one search for all of them rather than a look at each word."""
    return [m.start() for m in _ANCHOR.finditer(sentence)]


# a word of _ANCHOR_WORDS or a run of word characters opening with a digit, each a whole token of _TOKEN
_ANCHOR = re.compile(r"(?<!\w)(?:\d\w*|(?ai:" + "|".join(sorted(_ANCHOR_WORDS, key=len, reverse=True)) + r")(?!\w))")


def may_hold_dates(sentence: str) -> bool:
    """False only when scan_dates would find no date in the sentence."""
    return _HINT.search(sentence) is not None


def _at_night(sentence: str, mention: DateMention) -> DateMention:
    """A day that a night or an evening dates reaches into its neighbour:
    "the night of 10 September" is the night into the 10th, "the evening
    of 9 September" runs into the 10th."""
    if mention.value is None or mention.value.start is None or mention.value.end is None:
        return mention
    if mention.value.start != mention.value.end:
        return mention  # "the night of Tuesday to Wednesday", "of 9 to 10 September": both days said already
    head = sentence[max(0, mention.start - 30):mention.start]
    for pattern, before in ((_NIGHT_BEFORE, True), (_EVENING_BEFORE, False)):
        m = pattern.search(head)
        if m is not None:
            start = mention.start - (len(head) - m.start())
            v = mention.value
            span = DateSpan(v.start - _ONE_DAY, v.end) if before else DateSpan(v.start, v.end + _ONE_DAY)
            return DateMention(start, mention.end, sentence[start:mention.end], span, mention.note, mention.relative)
    return mention


def _month_alone_ok(m: re.Match[str]) -> bool:
    """A bare month name is a date only where grammar says so ("in June",
    "the June summit"); "May" alone is far more often the verb."""
    pre = (m.group("d_pre") or "").lower()
    name = m.group("d_m").lower().rstrip(".")
    if name == "may" and pre in ("", "the"):
        return False
    if pre == "the":
        return bool(_EVENT_AFTER.match(m.string[m.end():]))
    return pre != ""


def _resolve(m: re.Match[str], ctx: DateContext, future: bool) -> DateMention | None:
    start, end, text = m.start(), m.end(), m.group(0)
    if m.group("iso"):
        d = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        return DateMention(start, end, text, DateSpan(d, d)) if d else None
    if m.group("dmy") or m.group("mdy"):
        p = "a_" if m.group("dmy") else "b_"
        month = _month(m.group(p + "m"))
        d1 = _day(m.group(p + "d1"))
        d2 = _day(m.group(p + "d2")) if m.group(p + "d2") else d1
        if d2 < d1:
            return None
        year_s = m.group(p + "y")
        if year_s:
            a, b = _safe(int(year_s), month, d1), _safe(int(year_s), month, d2)
            return DateMention(start, end, text, DateSpan(a, b)) if a and b else None
        if _safe(2024, month, d2) is None:  # 2024 has a 29 February
            return None
        return _relative(start, end, text, ctx.reference, ctx.reference_note, Relative("yearless", a=month, b=d1, c=d2),
                         "no year given and the source has no date")
    if m.group("mm"):
        m1, m2 = _month(m.group("c_m1")), _month(m.group("c_m2"))
        if m2 < m1:
            return None
        if m.group("c_y"):
            y = int(m.group("c_y"))
            return DateMention(start, end, text, DateSpan(_month_span(y, m1)[0], _month_span(y, m2)[1]))
        return _relative(start, end, text, ctx.reference, ctx.reference_note, Relative("yearless", a=m1, b=m2),
                         "no year given and the source has no date")
    if m.group("my"):
        month = _month(m.group("d_m"))
        pre = (m.group("d_pre") or "").lower()
        if m.group("d_y"):
            a, b = _month_span(int(m.group("d_y")), month)
            return DateMention(start, end, text, _open(DateSpan(a, b), pre))
        mention = _relative(start, end, text, ctx.reference, ctx.reference_note,
                            Relative("yearless", a=month, b=month), "no year given and the source has no date")
        if mention.value is not None and pre:
            mention = DateMention(start, end, text, _open(mention.value, pre), mention.note, mention.relative)
        return mention
    if m.group("yy"):
        y1 = int(m.group("e_y1"))
        y2 = int(m.group("e_y2")) if m.group("e_y2") else y1
        if y2 < y1:
            return None
        span = DateSpan(dt.date(y1, 1, 1), dt.date(y2, 12, 31))
        return DateMention(start, end, text, _open(span, (m.group("e_pre") or "").lower()))
    rel, what = _relative_phrase(m, future)
    return _relative(start, end, text, ctx.published, ctx.published_note, rel, what)


def _relative_phrase(m: re.Match[str], future: bool) -> tuple[Relative, str]:
    """The Relative a weekday, `today`, `overnight`, `next week`, `the eve
    of` or `over the next decade` says, and how its resolution is told."""
    if m.group("wd"):
        pre = (m.group("f_pre") or "").lower()
        mode = pre if pre in ("last", "next") else "future" if future else "past"
        second = m.group("f_wd2")
        part = (m.group("f_part") or "").lower()
        rel = Relative("weekday", a=WEEKDAYS[m.group("f_wd").lower()], b=WEEKDAYS[second.lower()] if second else -1,
                       mode=mode, evening=part in ("evening", "night"))
        how = {"last": "before", "next": "after", "future": "on or after"}.get(mode, "on or before")
        return rel, f"{m.group('f_wd')} {how}"
    if m.group("rel"):
        word = m.group("g_w").lower()
        if word == "tonight":
            return Relative("night", shift=1), "'tonight' relative to"
        return Relative("day", shift={"today": 0, "yesterday": -1, "tomorrow": 1}[word]), f"'{word}' relative to"
    if m.group("night"):
        return Relative("night", shift=1 if (m.group("h_last") or "").lower() == "this" else 0), \
            f"'{' '.join(m.group(0).lower().split())}': the night before"
    if m.group("week"):
        pre = m.group("i_pre").lower()
        rel = Relative("week", shift={"this": 0, "next": 1}.get(pre, -1), weekend=m.group("i_w").lower() == "weekend")
        return rel, f"'{pre} {m.group('i_w').lower()}' relative to"
    if m.group("eve"):
        return Relative("eve"), "the eve: the day of"
    n = m.group("j_n")
    years = 10 if m.group("j_dec") else int(n) if n.isdigit() else _NUMBER_WORDS[n.lower()]
    return Relative("ahead", shift=years), f"{years} years from"


def _relative(start: int, end: int, text: str, ref: dt.date | None, ref_note: str, rel: Relative,
              what: str) -> DateMention:
    """A relative or year-less phrase, read against `ref` when there is one."""
    if ref is None:
        why = what if rel.kind == "yearless" else f"{text.strip()!r}, and the source has no date"
        return DateMention(start, end, text, None, why, rel)
    span = rel.span(ref)
    if span is None:
        return DateMention(start, end, text, None, "not a calendar date", rel)
    if rel.kind == "yearless":
        note = f"year {span.start.year if span.start else ref.year} from {ref_note}"
    else:
        note = f"{what} {ref_note} {ref.isoformat()}"
    return DateMention(start, end, text, span, note, rel, rel.names(span))


def _nearest_year(rel: Relative, ref: dt.date) -> DateSpan | None:
    """A year-less date in the year that puts it nearest the reference day:
    news reports what happened lately or is about to happen."""
    best: tuple[int, dt.date, dt.date] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if rel.c:
            a, b = _safe(y, rel.a, rel.b), _safe(y, rel.a, rel.c)
        else:
            a, b = _month_span(y, rel.a)[0], _month_span(y, rel.b)[1]
        if a is None or b is None:
            continue
        dist = 0 if a <= ref <= b else min(abs((a - ref).days), abs((b - ref).days))
        if best is None or dist < best[0]:
            best = (dist, a, b)
    return DateSpan(best[1], best[2]) if best else None


def _open(span: DateSpan, pre: str) -> DateSpan:
    if not pre:
        return span  # most dates have no preposition, and neither pattern matches ""
    pre = _SPACES.sub(" ", pre)
    if _OPEN_BEFORE_ALL.fullmatch(pre):
        return DateSpan(None, span.end)
    if _OPEN_AFTER_ALL.fullmatch(pre):
        return DateSpan(span.start, None)
    return span


_FULL_DATE = re.compile(
    rf"\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b"
    rf"|\b(?P<a_d1>{_DAY})\s+(?P<a_m>{_MON}),?\s+(?P<a_y>{_YEAR})\b"
    rf"|\b(?P<b_m>{_MON})\s+(?P<b_d1>{_DAY}),?\s+(?P<b_y>{_YEAR})\b"
)


_YEAR_ANCHOR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def year_of_full_dates(text: str) -> list[dt.date]:
    """Full dates (day, month and year) written in a text: what a source
    without a dateline can be dated by."""
    out = []
    seen: set[int] = set()
    for y in _YEAR_ANCHOR.finditer(text):
        lo = max(0, y.start() - 24)
        m = None
        for cand in _FULL_DATE.finditer(text, lo, min(len(text), y.end() + 7)):
            if cand.start() <= y.start() < cand.end():
                m = cand
                break
        if m is None or m.start() in seen:
            continue
        seen.add(m.start())
        if m.group("iy"):
            d = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        elif m.group("a_y"):
            d = _safe(int(m.group("a_y")), _month(m.group("a_m")), _day(m.group("a_d1")))
        else:
            d = _safe(int(m.group("b_y")), _month(m.group("b_m")), _day(m.group("b_d1")))
        if d:
            out.append(d)
    return out
