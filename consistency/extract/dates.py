"""Date phrases → intervals of days.

News writes dates at every precision ("10 September 2025", "June 24–25", "in
June", "by 2035", "on Tuesday"); each becomes the inclusive span of days it
allows, so a day falls inside a month and a two-day summit overlaps either of
its days. Nothing here reads the clock: year-less and relative dates are
resolved against a reference date given by the caller (the source's own date),
and each resolution carries a note the report can show.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from consistency.extract.fold import FOLD
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
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to|and)\s*"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPEN_BEFORE = r"(?:by|until|up\s+until|till|before|no\s+later\s+than|through)"
_OPEN_AFTER = r"(?:since|from|after|starting\s+(?:from|in))"

_PATTERN = re.compile(
    rf"""
      (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
    | (?P<dmy>\b(?P<a_d1>{_DAY})(?:{_DASH}(?P<a_d2>{_DAY}))?\s+(?P<a_m>{_MON})(?:,?\s+(?P<a_y>{_YEAR}))?\b)
    | (?P<mdy>\b(?P<b_m>{_MON})\s+(?P<b_d1>{_DAY})(?!\d|,\d{{3}})(?:{_DASH}(?P<b_d2>{_DAY})(?!\d))?(?:,?\s+(?P<b_y>{_YEAR}))?\b)
    | (?P<mm>(?:\b(?:in|during|of|from)\s+)?\b(?P<c_m1>{_MON}){_DASH}(?P<c_m2>{_MON})(?:,?\s+(?P<c_y>{_YEAR}))?\b)
    | (?P<my>(?:\b(?P<d_pre>{_OPEN_BEFORE}|{_OPEN_AFTER}|in|of|during|early|late|the)\s+)?\b(?P<d_m>{_MON})(?:,?\s+(?P<d_y>{_YEAR}))?\b)
    | (?P<yy>(?:\b(?P<e_pre>{_OPEN_BEFORE}|{_OPEN_AFTER})\s+)?\b(?P<e_y1>{_YEAR})(?:{_DASH}(?P<e_y2>{_YEAR}))?\b(?![-–.,]?\d|\s?%|\s?(?:million|billion)))
    | (?P<wd>(?:\b(?P<f_pre>last|next|this|on|late|early)\s+)?\b(?P<f_wd>{_WD})\b)
    | (?P<rel>\b(?P<g_w>today|yesterday|tomorrow|tonight)\b)
    """,
    re.VERBOSE,
)
_TOKEN = re.compile(r"\w+")
_ANCHOR_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, "today", "yesterday", "tomorrow", "tonight", "by", "until", "up", "till",
     "before", "no", "through", "since", "from", "after", "starting", "in", "of", "during", "early",
     "late", "the", "last", "next", "this", "on"]
)
# Every branch of _PATTERN holds an ASCII digit (days and years start with
# one), a month name (all begin with these abbreviations), a weekday or one
# of the relative words, matched with case as here: a sentence without any of
# them holds no date. Written as plain alternatives so that the engine skips
# ahead to their first letters, this is far cheaper than trying _PATTERN.
_HINT = re.compile("|".join([
    *"0123456789", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "today", "yesterday", "tomorrow", "tonight",
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


@dataclass(frozen=True, slots=True)
class DateContext:
    """What relative and year-less dates are resolved against."""

    published: dt.date | None = None  # what weekdays and "today" resolve against
    reference: dt.date | None = None  # published, or a date inferred from the text
    reference_note: str = ""
    published_note: str = "the source's date"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: DateSpan | None  # None when it could not be resolved (reason in note)
    note: str = ""  # how a relative or year-less date was resolved


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
    """Every date phrase in the sentence, resolved as far as the context allows.
    `fold`, for an ASCII sentence: its padded folded text and word set, if
    already made (prefilter.DocumentWords.fold)."""
    out: list[DateMention] = []
    if fold is not None or sentence.isascii():
        anchors = _live_anchors(sentence, fold)  # none where _HINT finds nothing, and as fast
    elif _HINT.search(sentence):
        anchors = _anchors(sentence)
    else:
        return out
    future: bool | None = None  # only a weekday needs it
    pos = 0
    for anchor in anchors:
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
            out.append(mention)
    return out


def _anchors(sentence: str) -> list[int]:
    """Where a date phrase can start: digits, month and weekday names, and
    the prepositions that open one ("by 2035", "in June", "last Tuesday")."""
    return [m.start() for m in _TOKEN.finditer(sentence)
            if m.group(0)[0].isdigit() or m.group(0).lower() in _ANCHOR_WORDS]


def may_hold_dates(sentence: str) -> bool:
    """False only when scan_dates would find no date in the sentence."""
    return _HINT.search(sentence) is not None


# the anchor words that open a date themselves, as _PATTERN writes them (it
# keeps case): month and weekday names capitalised, the relative words not
_SPELT = {**{w: w.capitalize() for w in [*MONTHS, *WEEKDAYS]},
          **{w: w for w in ("today", "yesterday", "tomorrow", "tonight")}}
# the words that open a date only before one: `in June`, `by 2035`, `last
# Tuesday`; _PATTERN writes them in lower case, and then whitespace and a
# month (every _MON starts with one of _MONTH_STARTS, not always as a whole
# word: `Janto Feb`), a year or a weekday. `up`, `no` and `starting` open
# only longer prepositions, which end in these words: `up until`, `no later
# than`, `starting from`, `starting in`.
_BEFORE_ONLY = frozenset(w for w in _ANCHOR_WORDS if w not in _SPELT) - {"up", "no", "starting"}
_LONGER = {"until": ("up",), "than": ("later", "no"), "from": ("starting",), "in": ("starting",)}
_OPENERS = _BEFORE_ONLY | frozenset(_LONGER)  # the last words of all of them
_RELATIVE_WORDS = ("today", "yesterday", "tomorrow", "tonight")
_RELATIVE_SET = frozenset(_RELATIVE_WORDS)
_MONTH_STARTS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# after the first digit of a day, what a month follows: `10 June`, `5-6 Sept`, `1st and 2nd May`
_DAY_MONTH = rf"\d?(?:st|nd|rd|th)?(?:\s*(?:-|–|—|to|and)\s*\d\d?(?:st|nd|rd|th)?)?\s+(?:{_MONTH_STARTS})"
# In one pass, where a date can open or a preposition opening one can end:
# a digit starting a run of \w (checked behind it) that opens a year (ISO
# dates, `2025`, `2025-2033`) or a day before a month; the start of a month
# name or of a weekday. Each alternative starts with a plain character, so
# that the engine skips ahead to those characters.
_LIVE = re.compile("|".join([
    *(rf"{d}(?<!\w{d})(?={_DAY_MONTH})" for d in "03456789"),
    rf"1(?<!\w1)(?=[89]\d\d|{_DAY_MONTH})",
    rf"2(?<!\w2)(?=0\d\d|{_DAY_MONTH})",
    _MONTH_STARTS,
    *(w.capitalize() for w in WEEKDAYS),
]))
_SPELT_FORMS = frozenset(_SPELT.values())


def _live_anchors(sentence: str, fold: tuple[str, set[str]] | None = None) -> list[int]:
    """The anchors of an ASCII sentence (those of _anchors) at which _PATTERN
    can match, which keeps case: digits that can open a year or a day before
    a month; a month, weekday or relative word written as the pattern
    writes it (not `may`, `The`); a preposition written in lower case before
    whitespace and a year, month or weekday (_prepositions_before). Most
    anchors of news prose (`the`, `of`, `in` and figures that are no dates)
    go, and with them most failed tries."""
    if fold is not None:
        folded, words = fold
    else:
        folded = " " + sentence.translate(FOLD) + " "
        words = set(folded.split())
    found: list[int] = []
    prepositions: bool | None = None  # whether the sentence has one's last word: asked at the first core
    for m in _LIVE.finditer(sentence):
        i = m.start()
        if folded[i] == " ":  # a whole word starts here (the padding shifts by one)
            if sentence[i].isdigit():
                found.append(i)
            elif sentence[i:folded.find(" ", i + 1) - 1] in _SPELT_FORMS:
                found.append(i)
            if i and sentence[i - 1].isspace():
                if prepositions is None:
                    prepositions = not _OPENERS.isdisjoint(words)
                if prepositions:
                    _prepositions_before(sentence, folded, i, found)
    if not _RELATIVE_SET.isdisjoint(words):
        for w in _RELATIVE_WORDS:
            needle = f" {w} "
            i = folded.find(needle)
            while i >= 0:
                if sentence.startswith(w, i):
                    found.append(i)
                i = folded.find(needle, i + 1)
    return sorted(set(found)) if len(found) > 1 else found


def _prepositions_before(sentence: str, folded: str, core: int, found: list[int]) -> None:
    """Add to `found` where a preposition that opens a date before `core`
    (after whitespace) starts: the whole word before the whitespace, written
    in lower case, and for a longer preposition its first word too."""
    w, at = _word_before(sentence, folded, core)
    if w in _BEFORE_ONLY:
        found.append(at)
    before = _LONGER.get(w)
    if before is not None:
        for want in before:  # the words before, nearest first: `than` ← `later` ← `no`
            w, at = _word_before(sentence, folded, at)
            if w != want:
                return
        found.append(at)


def _word_before(sentence: str, folded: str, at: int) -> tuple[str, int]:
    """The whole word that whitespace separates from `at`, as written, and
    where it starts; ("", at) if there is none. `folded` is the sentence's
    fold padded with a space each side: folded[i + 1] is sentence[i]'s."""
    j = at
    while j > 0 and sentence[j - 1].isspace():
        j -= 1
    if j == at or folded[j] == " ":
        return "", at
    a = folded.rfind(" ", 0, j)
    return sentence[a:j], a


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
        return _yearless(start, end, text, ctx, lambda y: (_safe(y, month, d1), _safe(y, month, d2)))
    if m.group("mm"):
        m1, m2 = _month(m.group("c_m1")), _month(m.group("c_m2"))
        if m2 < m1:
            return None
        if m.group("c_y"):
            y = int(m.group("c_y"))
            return DateMention(start, end, text, DateSpan(_month_span(y, m1)[0], _month_span(y, m2)[1]))
        return _yearless(start, end, text, ctx, lambda y: (_month_span(y, m1)[0], _month_span(y, m2)[1]))
    if m.group("my"):
        month = _month(m.group("d_m"))
        pre = (m.group("d_pre") or "").lower()
        if m.group("d_y"):
            a, b = _month_span(int(m.group("d_y")), month)
            return DateMention(start, end, text, _open(DateSpan(a, b), pre))
        mention = _yearless(start, end, text, ctx, lambda y: _month_span(y, month))
        if mention.value is not None:
            mention = DateMention(start, end, text, _open(mention.value, pre), mention.note)
        return mention
    if m.group("yy"):
        y1 = int(m.group("e_y1"))
        y2 = int(m.group("e_y2")) if m.group("e_y2") else y1
        if y2 < y1:
            return None
        span = DateSpan(dt.date(y1, 1, 1), dt.date(y2, 12, 31))
        return DateMention(start, end, text, _open(span, (m.group("e_pre") or "").lower()))
    if m.group("wd"):
        return _weekday(m, ctx, future)
    return _relative_word(m, ctx)


def _open(span: DateSpan, pre: str) -> DateSpan:
    if not pre:
        return span  # most dates have no preposition, and neither pattern matches ""
    pre = _SPACES.sub(" ", pre)
    if _OPEN_BEFORE_ALL.fullmatch(pre):
        return DateSpan(None, span.end)
    if _OPEN_AFTER_ALL.fullmatch(pre):
        return DateSpan(span.start, None)
    return span


def _yearless(start: int, end: int, text: str, ctx: DateContext, make) -> DateMention:  # type: ignore[no-untyped-def]
    """Pick the year that puts the date nearest the reference date: news
    reports what happened lately or is about to happen."""
    ref = ctx.reference
    if ref is None:
        return DateMention(start, end, text, None, "no year given and the source has no date")
    best: tuple[int, dt.date, dt.date] | None = None  # the span made once, for the year chosen
    for y in (ref.year - 1, ref.year, ref.year + 1):
        a, b = make(y)
        if a is None or b is None:
            continue
        dist = 0 if a <= ref <= b else min(abs((a - ref).days), abs((b - ref).days))
        if best is None or dist < best[0]:
            best = (dist, a, b)
    if best is None:
        return DateMention(start, end, text, None, "not a calendar date")
    return DateMention(start, end, text, DateSpan(best[1], best[2]), f"year {best[1].year} from {ctx.reference_note}")


def _weekday(m: re.Match[str], ctx: DateContext, future: bool) -> DateMention | None:
    start, end, text = m.start(), m.end(), m.group(0)
    pub = ctx.published
    if pub is None:
        return DateMention(start, end, text, None, "a weekday, and the source has no date")
    target = WEEKDAYS[m.group("f_wd").lower()]
    pre = (m.group("f_pre") or "").lower()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if pre == "last":
        d, how = pub - dt.timedelta(days=back or 7), "before"
    elif pre == "next" or (future and pre != "last"):
        d, how = pub + dt.timedelta(days=ahead if pre != "next" else (ahead or 7)), "on or after"
    else:
        d, how = pub - dt.timedelta(days=back), "on or before"
    note = f"{m.group('f_wd')} {how} {ctx.published_note} {pub.isoformat()}"
    return DateMention(start, end, text, DateSpan(d, d), note)


def _relative_word(m: re.Match[str], ctx: DateContext) -> DateMention | None:
    pub = ctx.published
    word = m.group("g_w").lower()
    if pub is None:
        return DateMention(m.start(), m.end(), m.group(0), None, f"'{word}', and the source has no date")
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    d = pub + dt.timedelta(days=shift)
    note = f"'{word}' relative to {ctx.published_note} {pub.isoformat()}"
    return DateMention(m.start(), m.end(), m.group(0), DateSpan(d, d), note)


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
