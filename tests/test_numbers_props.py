"""Properties of the number parser (consistency/extract/numbers.py) through
its public face, `consistency.extract.quantities(text)`.

Two conventions are respected by the generators rather than tested here:
a plain four-digit figure from 1800 to 2100 without separators is a year, and
a lone "one" is an article.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from consistency.extract import quantities
from consistency.values import Interval

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int, joiner: str = "-") -> str:
    """1..99 spelled out the way news prose does: 23 → twenty-three."""
    assert 0 <= n <= 99
    if n < 20:
        return _SMALL[n]
    tens, units = divmod(n, 10)
    return _TENS[tens] if units == 0 else f"{_TENS[tens]}{joiner}{_SMALL[units]}"


def test_words_helper() -> None:
    assert [words(n) for n in (1, 13, 20, 23, 40, 99)] == [
        "one", "thirteen", "twenty", "twenty-three", "forty", "ninety-nine"]
    assert words(71, " ") == "seventy one"


def _is_year_like(s: str) -> bool:
    return s.isdigit() and len(s) == 4 and 1800 <= int(s) <= 2100


def _plain_four_digits(s: str) -> bool:
    return s.isdigit() and len(s) == 4


@st.composite
def rendered_int(draw: st.DrawFn, max_value: int = 999_999_999, spelled: bool = True) -> tuple[int, str]:
    """An integer and how it is written: plain digits, digits with thousands
    separators, or (for 2..99) in words; never a year-like plain figure."""
    n = draw(st.integers(0, max_value))
    styles = ["plain", "commas"] + (["words", "words_space"] if spelled and 2 <= n <= 99 else [])
    style = draw(st.sampled_from(styles))
    if style == "plain":
        text = str(n)
    elif style == "commas":
        text = f"{n:,}"
    else:
        text = words(n, "-" if style == "words" else " ")
    if _is_year_like(text):
        text = f"{n:,}"
    return n, text


def only(text: str):
    found = quantities(text)
    assert len(found) == 1, (text, found)
    return found[0]


def assert_point(mention, n: float, unit: str | None = None) -> None:
    assert mention.value.interval == Interval(n, n, True, True)
    assert isinstance(mention.value.interval.low, float)
    assert mention.value.unit == unit
    assert mention.value.approximate is False


# --- bare figures -----------------------------------------------------------


@settings(deadline=None)
@given(st.integers(0, 999_999_999))
@example(0)
@example(1_234_567)
@example(999_999_999)
@example(1799)
@example(2101)
def test_integer_with_thousands_separators(n: int) -> None:
    text = f"{n:,}"
    m = only(f"{text} drones")
    assert_point(m, n)
    assert m.text == text and m.kind == "number"


@settings(deadline=None)
@given(st.integers(0, 999_999_999).filter(lambda n: not 1800 <= n <= 2100))
@example(0)
@example(1000)
@example(1799)
@example(2101)
@example(999_999_999)
def test_integer_without_separators(n: int) -> None:
    m = only(f"{n} drones")
    assert_point(m, n)
    assert m.text == str(n) and m.kind == "number"


@settings(deadline=None)
@given(st.integers(2, 99), st.sampled_from(["-", " "]), st.sampled_from([str.lower, str.capitalize, str.upper]))
@example(23, "-", str.lower)
@example(99, "-", str.lower)
@example(17, " ", str.lower)
@example(70, "-", str.lower)
def test_spelled_out_numbers(n: int, joiner: str, case) -> None:
    text = case(words(n, joiner))
    m = only(f"{text} drones")
    assert_point(m, n)
    assert m.text == text


@settings(deadline=None)
@given(st.integers(0, 999_999_999).filter(lambda n: not 1800 <= n <= 2100))
def test_figure_inside_a_sentence(n: int) -> None:
    m = only(f"Officials said {n:,} drones entered the airspace overnight.")
    assert_point(m, n)


# --- ranges -----------------------------------------------------------------


@st.composite
def ordered_pair(draw: st.DrawFn) -> tuple[int, str, int, str]:
    x, xs = draw(rendered_int())
    y, ys = draw(rendered_int())
    if x > y:
        (x, xs), (y, ys) = (y, ys), (x, xs)
    if _plain_four_digits(xs) and _plain_four_digits(ys):
        # two plain four-digit figures are read as a span of years ("2025-2033");
        # see test_four_digit_range_that_is_not_years for the non-year case
        xs, ys = f"{x:,}", f"{y:,}"
    return x, xs, y, ys


@settings(deadline=None)
@given(ordered_pair())
@example((6, "six", 10, "ten"))
@example((6, "6", 10, "10"))
@example((12, "12", 12, "12"))
@example((1_200, "1,200", 1_500, "1,500"))
def test_x_to_y(pair: tuple[int, str, int, str]) -> None:
    x, xs, y, ys = pair
    m = only(f"{xs} to {ys} drones")
    assert m.value.interval == Interval(x, y, True, True)
    assert m.value.unit is None and m.value.approximate is False
    assert m.text == f"{xs} to {ys}"


@settings(deadline=None)
@given(ordered_pair())
@example((6, "six", 10, "ten"))
@example((0, "0", 999_999_999, "999,999,999"))
@example((999, "999", 1000, "1000"))
def test_between_x_and_y(pair: tuple[int, str, int, str]) -> None:
    x, xs, y, ys = pair
    m = only(f"between {xs} and {ys} drones")
    assert m.value.interval == Interval(x, y, True, True)
    assert m.value.unit is None and m.value.approximate is False
    assert m.text == f"between {xs} and {ys}"


@settings(deadline=None)
@given(rendered_int(), rendered_int())
def test_x_to_a_smaller_y_is_two_figures(a: tuple[int, str], b: tuple[int, str]) -> None:
    """A descending "60 to 45" is not a range: both figures stand alone."""
    (x, xs), (y, ys) = max(a, b), min(a, b)
    assume(x != y)
    found = quantities(f"{xs} to {ys} drones")
    assert [m.value.interval for m in found] == [Interval(x, x), Interval(y, y)]


@pytest.mark.parametrize("text", ["1200 to 1500 drones", "between 1200 and 1500 drones", "1000 to 9999 drones"])
def test_four_digit_range_that_is_not_years(text: str) -> None:
    m = only(text)
    lo, hi = (int(t) for t in text.replace("between ", "").replace(" and ", " to ").split()[0:3:2])
    assert m.value.interval == Interval(lo, hi)


# --- open-ended modifiers ---------------------------------------------------

_GT = ["more than", "over", "above", "upwards of", "just over", "in excess of", "exceeding"]
_GE = ["at least", "no fewer than", "no less than", "a minimum of"]


@settings(deadline=None)
@given(rendered_int(), st.sampled_from(_GT))
@example((10, "10"), "more than")
@example((10, "ten"), "more than")
@example((1, "1"), "more than")
def test_more_than_x(n: tuple[int, str], modifier: str) -> None:
    x, xs = n
    m = only(f"{modifier} {xs} drones")
    assert m.value.interval == Interval(x, None, False, True)
    assert m.value.interval.contains(x + 0.5) and not m.value.interval.contains(x)
    assert m.text == f"{modifier} {xs}"


@settings(deadline=None)
@given(rendered_int(), st.sampled_from(_GE))
def test_at_least_x(n: tuple[int, str], modifier: str) -> None:
    x, xs = n
    m = only(f"{modifier} {xs} drones")
    assert m.value.interval == Interval(x, None, True, True)


# --- percentages and money ----------------------------------------------------


@st.composite
def decimal_text(draw: st.DrawFn, max_int: int) -> tuple[float, str]:
    whole = draw(st.integers(0, max_int))
    frac = draw(st.one_of(st.just(""), st.integers(0, 9).map(str), st.integers(0, 99).map("{:02d}".format)))
    text = f"{whole}.{frac}" if frac else str(whole)
    if _is_year_like(text):
        text = f"{whole:,}"
    return float(text.replace(",", "")), text


@settings(deadline=None)
@given(decimal_text(999), st.sampled_from(["%", " per cent", " percent", " Per Cent"]))
@example((5.0, "5"), "%")
@example((5.0, "5"), " per cent")
@example((2.5, "2.5"), " percent")
def test_percentages(x: tuple[float, str], suffix: str) -> None:
    value, xs = x
    m = only(f"Spending rose to {xs}{suffix} of GDP.")
    assert_point(m, value, "percent")
    assert m.kind == "percent"
    assert m.text == f"{xs}{suffix}"


@settings(deadline=None)
@given(st.integers(2, 99), st.sampled_from([" per cent", " percent"]))
def test_spelled_out_percentages(n: int, suffix: str) -> None:
    m = only(f"{words(n)}{suffix}")
    assert_point(m, n, "percent")


@settings(deadline=None)
@given(decimal_text(9_999))
@example((35.0, "35"))
@example((2.3, "2.3"))
@example((0.5, "0.5"))
@example((1500.0, "1,500"))
def test_dollar_billions(x: tuple[float, str]) -> None:
    value, xs = x
    m = only(f"The package is worth ${xs} billion.")
    assert m.kind == "money"
    assert m.value.unit == "USD"
    assert m.value.interval.low == m.value.interval.high == value * 1e9
    assert m.value.interval.low == pytest.approx(float(xs.replace(",", "")) * 10**9, rel=1e-15, abs=0)
    assert m.text == f"${xs} billion"


@pytest.mark.parametrize("text", ["approx. 5 drones", "Approx. 5 drones", "some approx.\u00a05 drones"])
def test_approx_with_its_full_stop_is_about(text: str) -> None:
    # the modifier's first word as the sentence's word is `approx`, without its
    # full stop: it was never tried as an anchor, and "approx. 5" read as exactly 5
    got = quantities(text)
    assert [(m.text.split()[-1], m.value.interval.low, m.value.interval.high, m.value.approximate)
            for m in got] == [("5", 4.5, 5.5, True)]
