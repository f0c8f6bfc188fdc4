"""Figures a phrase says rather than writes (the issue on unseen text):
"several dozen", "two dozen", "all but one of the 169", "in her early 40s",
"three, possibly four", "has surpassed $35 billion", "sign up to 5%"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.extract.numbers import scan_numbers
from consistency.vocab import Vocabulary

VOCAB = Vocabulary()


def values(text: str) -> list[tuple[str, float | None, float | None]]:
    return [(m.text, m.value.interval.low, m.value.interval.high) for m in scan_numbers(text, VOCAB)]


@pytest.mark.parametrize(("text", "expected"), [
    ("several dozen drones", [("several dozen", 36, 84)]),
    ("about two dozen drones", [("about two dozen", 21.6, 26.400000000000002)]),
    ("nearly two dozen drones", [("nearly two dozen", 21.6, 24)]),
    ("a dozen drones", [("a dozen", 12, 12)]),
    ("all but one of the 169 on board died", [("all but one of the 169", 168, 168)]),
    ("a woman in her early 40s", [("in her early 40s", 40, 43)]),
    ("two men in their mid-30s", [("two", 2, 2), ("in their mid-30s", 34, 36)]),
    ("in his 50s", [("in his 50s", 50, 59)]),
    ("the 1990s saw 40 wars", [("40", 40, 40)]),
    ("three, possibly four, drones", [("three, possibly four", 3, 4)]),
    ("three or four drones", [("three or four", 3, 4)]),
    ("has surpassed $35 billion", [("surpassed $35 billion", 35e9, None)]),
    ("NATO allies sign up to 5% of GDP", [("up to 5%", 5, 5)]),
    ("up to 8 million drones", [("up to 8 million", 0, 8e6)]),
])
def test_phrased_figures(text: str, expected: list[tuple[str, float, float | None]]) -> None:
    assert values(text) == expected


@given(st.integers(1, 20), st.integers(21, 5000))
def test_all_but_n_of_m_is_their_difference(n: int, m: int) -> None:
    assert values(f"all but {n} of the {m} passengers") == [(f"all but {n} of the {m}", m - n, m - n)]
