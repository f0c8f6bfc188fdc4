"""The value algebra: every number is an interval with a unit, every date an
interval of days.

Comparing sources means comparing *what they allow*, not bare figures: "six to
ten" and "19" are incompatible while "more than 10" and "19" are not. Keeping
bounds, their openness and an approximation flag on every value lets the
comparator decide by a single rule (disjoint after tolerance = conflict), and
lets the report say exactly what each source allowed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of reals between two bounds; ``None`` is unbounded on that side."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    @property
    def lo(self) -> float:
        return -INF if self.low is None else self.low

    @property
    def hi(self) -> float:
        return INF if self.high is None else self.high

    @property
    def empty(self) -> bool:
        """No number lies in it: low above high, or one point with an open end."""
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and not (self.low_inclusive and self.high_inclusive)

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both (open ends exclude the bound)."""
        if self.empty or other.empty:
            return False
        return _before(self, other) and _before(other, self)

    def widen(self, absolute: float = 0.0, relative: float = 0.0) -> Interval:
        """Grow each finite bound by the larger of an absolute and a relative
        margin; a widened interval always contains the original."""
        low, high = self.low, self.high
        if low is not None:
            low = low - max(absolute, abs(low) * relative)
        if high is not None:
            high = high + max(absolute, abs(high) * relative)
        return Interval(low, high, self.low_inclusive, self.high_inclusive)

    def contains(self, x: float) -> bool:
        lo_ok = x > self.lo or (x == self.lo and self.low_inclusive)
        hi_ok = x < self.hi or (x == self.hi and self.high_inclusive)
        return lo_ok and hi_ok


def _before(a: Interval, b: Interval) -> bool:
    """a's low end is not past b's high end (so they may meet)."""
    if a.lo < b.hi:
        return True
    return a.lo == b.hi and a.low_inclusive and b.high_inclusive and not math.isinf(a.lo)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number-like value: counts, amounts, percentages, money, durations."""

    interval: Interval
    unit: str | None = None
    approximate: bool = False

    kind = "quantity"

    def with_unit(self, unit: str | None) -> Quantity:
        return replace(self, unit=unit)

    def comparable_interval(self) -> Interval:
        return self.interval


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Inclusive days; ``None`` means open on that side ("by 2035")."""

    start: dt.date | None
    end: dt.date | None
    approximate: bool = False

    kind = "date"

    def comparable_interval(self) -> Interval:
        lo = None if self.start is None else float(self.start.toordinal())
        hi = None if self.end is None else float(self.end.toordinal())
        return Interval(lo, hi)


@dataclass(frozen=True, slots=True)
class Category:
    """A label from the closed list a category slot declares (a stance, a
    title). Labels agree only when equal; the comparator places each on its
    own point so that the one sweep serves numbers, dates and labels alike."""

    label: str

    kind = "category"


Value = Quantity | DateSpan | Category

RATIO = "ratio"  # the unit of a ratio slot's values: "4×"


def fmt_number(x: float | None) -> str:
    """Render a number the way a reader writes it (8 million, 3.5, 1,000)."""
    if x is None:
        return "∞"
    ax = abs(x)
    if ax < 1e6:  # no scale word below a million: most figures, answered without the loop
        return _plain(x)
    if not math.isfinite(x):  # a figure past a float's range: a report must still be written
        return "NaN" if x != x else "∞" if x > 0 else "-∞"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if ax >= scale and (ax / scale) * 100 == int((ax / scale) * 100):
            return f"{_plain(x / scale)} {word}"
    return _plain(x)


def _plain(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}"
    return f"{round(x, 4):,}".rstrip("0").rstrip(".")


def describe(value: Value) -> str:
    """Short human form of a value, used in findings and reports."""
    if isinstance(value, DateSpan):
        return describe_span(value)
    if isinstance(value, Category):
        return value.label.replace("_", " ")
    iv, unit = value.interval, value.unit
    one = iv.low == iv.high == 1 or (iv.low is None and iv.high == 1)
    suffix = "" if unit in (None, "") else _SIGNS.get(unit) or f" {_plural(unit, one)}"
    approx = "~" if value.approximate else ""
    if iv.low is not None and iv.low == iv.high:
        return f"{approx}{fmt_number(iv.low)}{suffix}"
    if iv.low is None:
        op = "≤" if iv.high_inclusive else "<"
        return f"{approx}{op} {fmt_number(iv.high)}{suffix}"
    if iv.high is None:
        op = "≥" if iv.low_inclusive else ">"
        return f"{approx}{op} {fmt_number(iv.low)}{suffix}"
    left = "[" if iv.low_inclusive else "("
    right = "]" if iv.high_inclusive else ")"
    if iv.low_inclusive and iv.high_inclusive:
        return f"{approx}{fmt_number(iv.low)}–{fmt_number(iv.high)}{suffix}"
    return f"{approx}{left}{fmt_number(iv.low)}, {fmt_number(iv.high)}{right}{suffix}"


def describe_span(span: DateSpan) -> str:
    if span.start is not None and span.start == span.end:  # one day, as most as-of dates are: one isoformat()
        return span.start.isoformat()
    s = span.start.isoformat() if span.start else "…"
    e = span.end.isoformat() if span.end else "…"
    return s if s == e else f"{s} – {e}"


_SIGNS = {"percent": "%", RATIO: "×"}


def _plural(unit: str, one: bool) -> str:
    """`day` → `days` for counts other than one; currency codes stay as they are."""
    if one or unit.isupper() or unit.endswith("s"):
        return unit
    return _IRREGULAR.get(unit, unit + "s")


_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women", "casualty": "casualties",
              "country": "countries", "ally": "allies", "city": "cities"}
