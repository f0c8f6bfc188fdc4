"""Comparisons of rates → a ratio ("in three months what NATO produces in a
year" is 4 times NATO's rate).

Speakers compare output over different spans of time, with or without a
multiplier: "producing in three months what NATO produces in a year" (1 × 12
months / 3 months = 4) and "three times as much in three months as NATO in a
year" (3 × 12 / 3 = 12). The ratio of the two rates is what can be checked
across statements, so each mention keeps the derivation for the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from consistency.values import RATIO, Interval, Quantity

_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half": 0.5}
_MULT = {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "half": 0.5}
_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
_N = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half\s+a)"
_SPAN = rf"(?:(?P<{{g}}n>{_N})\s+)?(?P<{{g}}u>day|week|month|year)s?"
_PATTERN = re.compile(
    rf"(?:(?P<mult>(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s+times|twice|thrice|double|triple"
    rf"|half)\s+(?:as\s+(?:much|many)|more)\s+)?"
    rf"(?:\w+\s+){{0,3}}?(?P<p1>in|within|over)\s+{_SPAN.format(g='a')}\s+"
    rf"(?:as|what|than)\s+(?:\w+\s+){{0,8}}?(?:in|within|over)\s+{_SPAN.format(g='b')}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RatioMention:
    start: int
    end: int
    text: str
    value: Quantity
    note: str  # the derivation


_SPANS = re.compile(r"\b(?:day|week|month|year)s?\b", re.IGNORECASE)


def scan_ratios(sentence: str) -> list[RatioMention]:
    if not _may_name_spans(sentence) or len(_SPANS.findall(sentence)) < 2:
        return []  # two spans of time, or no comparison of rates
    out = []
    for m in _matches(sentence):
        mult = _multiplier(m.group("mult"))
        a_n, a_u = _count(m.group("an")), m.group("au").lower()
        b_n, b_u = _count(m.group("bn")), m.group("bu").lower()
        first, second = a_n * _DAYS[a_u], b_n * _DAYS[b_u]
        ratio = float(f"{mult * second / first:.6g}")  # six significant digits: 12, 4, 0.0328542
        note = (f"{_num(mult)}× as much in {_span(a_n, a_u)} as in {_span(b_n, b_u)}: "
                f"{_num(mult)} × ({_span(b_n, b_u)} ÷ {_span(a_n, a_u)}) = {_num(ratio)}× the rate")
        start = m.start("mult") if m.group("mult") else m.start("p1")
        out.append(RatioMention(start, m.end(), sentence[start:m.end()],
                                Quantity(Interval(ratio, ratio), RATIO), note))
    return out


# What every match holds from its first rate on (the pattern with its
# groups and its optional lead left out), and the characters of that lead:
# words, whitespace and the point of a multiplier (`2.5 times as much`).
_CORE = re.compile(rf"(?:in|within|over)\s+(?:{_N}\s+)?(?:day|week|month|year)s?\s+(?:as|what|than)\s",
                   re.IGNORECASE)
_NOT_LEAD = re.compile(r"[^\w\s.]")


def _matches(sentence: str) -> Iterator[re.Match[str]]:
    """_PATTERN.finditer(sentence), each search started where the run of
    lead characters before the first _CORE after the last match begins: a
    match starts in the run before its own core, which lies at or after the
    first, so none starts before. The pattern, whose lead can start at any
    character, is thus tried over a clause rather than the whole sentence
    (its \\b still sees the characters before where it starts)."""
    pos = 0
    while True:
        core = _CORE.search(sentence, pos)
        if core is None:
            return
        start = pos
        for other in _NOT_LEAD.finditer(sentence, pos, core.start()):
            start = other.end()
        m = _PATTERN.search(sentence, start)
        if m is None:
            return
        yield m
        pos = m.end()  # matches are never empty: finditer goes on from there


def _may_name_spans(sentence: str) -> bool:
    """False only where _SPANS finds nothing: in ASCII text, where case is
    ignored just by lower-casing, each of its matches holds one of these
    words. Four substring searches cost far less than the pattern, which
    has no first character the engine could skip ahead to."""
    if not sentence.isascii():
        return True
    lower = sentence.lower()
    return "day" in lower or "week" in lower or "month" in lower or "year" in lower


def _multiplier(text: str | None) -> float:
    if not text:
        return 1.0
    word = text.lower().split()[0]
    if word in _MULT:
        return _MULT[word]
    return _count(word)


def _count(text: str | None) -> float:
    if not text:
        return 1.0
    word = text.lower().split()[0]
    return float(_NUM[word]) if word in _NUM else float(word)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _span(n: float, unit: str) -> str:
    return f"{_num(n)} {unit}{'' if n == 1 else 's'}"
