"""The span of time a total covers ("$35 billion in military aid this year",
"over €35 billion for the first half of 2025").

A total is only comparable with a total over the same span, or bounded by
one over a span inside it: a year's aid is at least its first half's. The
period is the nearest such phrase after the value (where English puts it),
else the nearest before.
"""

from __future__ import annotations

import datetime as dt
import re

from consistency.values import DateSpan

_YEAR = r"(?P<y>(?:19|20)\d\d)"
_PERIOD = re.compile(
    rf"\b(?:(?:in|for|during|over)\s+)?the\s+(?P<half>first|second)\s+half\s+of\s+{_YEAR}\b"
    rf"|\b(?:(?:in|for|during|over)\s+)?the\s+(?P<q>first|second|third|fourth)\s+quarter\s+of\s+(?P<qy>(?:19|20)\d\d)\b"
    rf"|\b(?P<rel>this|last|next)\s+year\b"
    rf"|\b(?:in|for|during)\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)",
    re.IGNORECASE,
)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def period_of(sentence: str, value: tuple[int, int], today: dt.date | None) -> tuple[DateSpan, str] | None:
    """The period the total at `value` covers, and the words that say it;
    "this year" needs the claim's date (`today`)."""
    after: list[tuple[int, DateSpan, str]] = []
    before: list[tuple[int, DateSpan, str]] = []
    for m in _PERIOD.finditer(sentence):
        span = _span(m, today)
        if span is None:
            continue
        words = " ".join(m.group(0).split())
        if m.start() >= value[1]:
            after.append((m.start() - value[1], span, words))
        elif m.end() <= value[0]:
            before.append((value[0] - m.end(), span, words))
    pick = min(after, key=lambda t: t[0], default=None) or min(before, key=lambda t: t[0], default=None)
    return None if pick is None else (pick[1], pick[2])


def _span(m: re.Match[str], today: dt.date | None) -> DateSpan | None:
    if m.group("half"):
        y = int(m.group("y"))
        return (DateSpan(dt.date(y, 1, 1), dt.date(y, 6, 30)) if m.group("half").lower() == "first"
                else DateSpan(dt.date(y, 7, 1), dt.date(y, 12, 31)))
    if m.group("q"):
        y, q = int(m.group("qy")), _ORD[m.group("q").lower()]
        end_month = 3 * q
        end = dt.date(y + (end_month == 12), 1 if end_month == 12 else end_month + 1, 1) - dt.timedelta(days=1)
        return DateSpan(dt.date(y, end_month - 2, 1), end)
    if m.group("rel"):
        if today is None:
            return None
        y = today.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
        return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31))
    y = int(m.group("year"))
    return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31))
