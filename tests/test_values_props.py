"""Properties of the interval algebra (consistency/values.py) and of the
comparator's sort-and-sweep (consistency/compare.py:sweep).

Bounds are drawn from small integers (and None for unbounded), so every
question "is there a point in both?" can be answered exactly by trying a
finite grid: every bound, every midpoint between neighbouring bounds, and a
point beyond each end. With integer bounds in [-5, 5], the half-integers from
-6 to 6 are such a grid.
"""

from __future__ import annotations

import functools
import itertools

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from consistency.compare import sweep
from consistency.values import Interval

BOUND = 5
GRID = [k / 2 for k in range(-2 * (BOUND + 1), 2 * (BOUND + 1) + 1)]  # -6, -5.5, ..., 6


@functools.lru_cache(maxsize=None)
def _members(iv: Interval) -> tuple[float, ...]:
    """The grid points inside iv, decided from the definition (not from
    Interval.contains, which is itself under test)."""
    out = []
    for x in GRID:
        lo_ok = iv.low is None or x > iv.low or (x == iv.low and iv.low_inclusive)
        hi_ok = iv.high is None or x < iv.high or (x == iv.high and iv.high_inclusive)
        if lo_ok and hi_ok:
            out.append(x)
    return tuple(out)


def members(iv: Interval) -> list[float]:
    return list(_members(iv))


def is_empty(iv: Interval) -> bool:
    return not members(iv)


def common_point(ivs: list[Interval]) -> float | None:
    sets = [set(_members(iv)) for iv in ivs]
    for x in GRID:
        if all(x in s for s in sets):
            return x
    return None


bounds = st.one_of(st.none(), st.integers(-BOUND, BOUND))
any_interval = st.builds(Interval, bounds, bounds, st.booleans(), st.booleans())


@st.composite
def _nonempty_intervals(draw: st.DrawFn) -> Interval:
    low, high = draw(bounds), draw(bounds)
    if low is not None and high is not None and low > high:
        low, high = high, low
    if low is not None and low == high:
        return Interval(low, high)
    return Interval(low, high, draw(st.booleans()), draw(st.booleans()))


nonempty_interval = _nonempty_intervals()
margins = st.floats(min_value=0, max_value=20, allow_nan=False, allow_infinity=False)
rel_margins = st.floats(min_value=0, max_value=2, allow_nan=False, allow_infinity=False)


# --- the brute force itself -------------------------------------------------


def test_grid_oracle_is_exact_on_known_cases() -> None:
    assert members(Interval(1, 2, False, False)) == [1.5]
    assert members(Interval(1, 1)) == [1.0]
    assert is_empty(Interval(1, 1, True, False))
    assert is_empty(Interval(2, 1))
    assert len(members(Interval(None, None))) == len(GRID)
    assert members(Interval(None, -5, True, False)) == [-6.0, -5.5]


# --- overlaps ---------------------------------------------------------------


@settings(deadline=None)
@given(any_interval, any_interval)
def test_overlap_is_symmetric(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@settings(deadline=None)
@given(any_interval)
def test_an_interval_overlaps_itself_unless_empty(a: Interval) -> None:
    assert a.overlaps(a) == (not is_empty(a))


@settings(deadline=None)
@given(nonempty_interval, nonempty_interval)
@example(Interval(1, 2, True, False), Interval(2, 3))  # half-open meeting at 2: disjoint
@example(Interval(1, 2), Interval(2, 3))  # closed meeting at 2: overlap
@example(Interval(None, 2), Interval(2, None))
@example(Interval(None, 2, True, False), Interval(2, None))
@example(Interval(2, 2), Interval(2, 3, False, True))
@example(Interval(None, None), Interval(-5, -5))
def test_overlaps_iff_a_common_point_exists(a: Interval, b: Interval) -> None:
    witness = set(members(a)) & set(members(b))
    assert a.overlaps(b) == bool(witness), (a, b, sorted(witness))


@pytest.mark.parametrize("empty", [Interval(5, 3), Interval(0, 0, True, False), Interval(2, 2, False, False)])
def test_an_empty_interval_overlaps_nothing(empty: Interval) -> None:
    assert is_empty(empty)
    assert not empty.overlaps(Interval(-10, 10))


def test_sweep_keeps_an_empty_interval_apart() -> None:
    """"fewer than 0" allows no count at all: it agrees with nothing, not with 19."""
    groups = sweep([(Interval(0, 0, True, False), 0), (Interval(19, 19), 1)])
    assert sorted(map(sorted, groups)) == [[0], [1]]


# --- contains ---------------------------------------------------------------


@settings(deadline=None)
@given(any_interval)
def test_contains_agrees_with_the_definition(a: Interval) -> None:
    assert [x for x in GRID if a.contains(x)] == members(a)


# --- widen ------------------------------------------------------------------


@settings(deadline=None)
@given(any_interval, margins, rel_margins)
def test_widened_interval_contains_the_original(a: Interval, absolute: float, relative: float) -> None:
    w = a.widen(absolute, relative)
    for x in members(a):
        assert w.contains(x), (a, w, x)
    # the widening is by the larger margin, on each finite side
    if a.low is not None:
        assert w.low == a.low - max(absolute, abs(a.low) * relative)
    else:
        assert w.low is None
    if a.high is not None:
        assert w.high == a.high + max(absolute, abs(a.high) * relative)
    else:
        assert w.high is None
    assert (w.low_inclusive, w.high_inclusive) == (a.low_inclusive, a.high_inclusive)


@settings(deadline=None)
@given(nonempty_interval, nonempty_interval, margins, rel_margins)
def test_widened_interval_overlaps_whatever_the_original_did(a: Interval, b: Interval, absolute: float,
                                                            relative: float) -> None:
    assume(a.overlaps(b))
    assert a.widen(absolute, relative).overlaps(b)
    assert b.overlaps(a.widen(absolute, relative))
    assert a.widen(absolute, relative).overlaps(b.widen(absolute, relative))


@settings(deadline=None)
@given(nonempty_interval, nonempty_interval)
def test_zero_widening_is_the_identity(a: Interval, b: Interval) -> None:
    assert a.widen(0, 0) == a
    assert a.widen(0, 0).overlaps(b) == a.overlaps(b)


@settings(deadline=None)
@given(any_interval, margins, margins, rel_margins, rel_margins)
def test_widening_is_monotone_in_the_margin(a: Interval, abs1: float, abs2: float, rel1: float, rel2: float) -> None:
    (abs1, abs2), (rel1, rel2) = sorted((abs1, abs2)), sorted((rel1, rel2))
    small, big = a.widen(abs1, rel1), a.widen(abs2, rel2)
    assert small.lo >= big.lo and small.hi <= big.hi
    probes = GRID + [x for x in (small.low, small.high) if x is not None]
    for x in probes:
        if small.contains(x):
            assert big.contains(x), (a, small, big, x)


@settings(deadline=None)
@given(nonempty_interval, nonempty_interval, margins, margins, rel_margins, rel_margins)
def test_a_wider_margin_keeps_every_overlap(a: Interval, b: Interval, abs1: float, abs2: float, rel1: float,
                                            rel2: float) -> None:
    (abs1, abs2), (rel1, rel2) = sorted((abs1, abs2)), sorted((rel1, rel2))
    if a.widen(abs1, rel1).overlaps(b):
        assert a.widen(abs2, rel2).overlaps(b)


def test_widen_known_values() -> None:
    assert Interval(19, 19).widen(2) == Interval(17, 21)
    assert Interval(100, 200).widen(0, 0.1) == Interval(90, 220)
    assert Interval(100, 200).widen(15, 0.1) == Interval(85, 220)
    assert Interval(10, None, False).widen(1) == Interval(9, None, False)
    assert not Interval(6, 10).overlaps(Interval(19, 19))
    assert Interval(6, 10).widen(9).overlaps(Interval(19, 19))
    assert not Interval(6, 10).widen(8.5).overlaps(Interval(19, 19))


# --- sweep ------------------------------------------------------------------

interval_lists = st.lists(nonempty_interval, min_size=1, max_size=9)


def _indexed(ivs: list[Interval]) -> list[tuple[Interval, int]]:
    return [(iv, i) for i, iv in enumerate(ivs)]


def _disjoint(a: Interval, b: Interval) -> bool:
    return not (set(_members(a)) & set(_members(b)))


def _max_pairwise_disjoint(ivs: list[Interval]) -> int:
    """Size of the largest set of pairwise disjoint intervals, by exhaustion."""
    n = len(ivs)
    best = 1
    for k in range(2, n + 1):
        if any(all(_disjoint(ivs[i], ivs[j]) for i, j in itertools.combinations(c, 2))
               for c in itertools.combinations(range(n), k)):
            best = k
        else:
            break
    return best


# One generated list checks every property of the sweep's result (drawing
# the lists is most of the cost, so they are not drawn once per property).


@settings(deadline=None, max_examples=200)
@given(interval_lists)
@example([Interval(0, 2, True, False), Interval(2, 3)])  # half-open meeting: disjoint
@example([Interval(0, 2), Interval(2, 3)])  # closed meeting: one group
@example([Interval(0, 2), Interval(2, 3), Interval(2, 2)])
@example([Interval(0, 10), Interval(1, 2), Interval(3, 4)])  # the wide one agrees with both
@example([Interval(0, 1), Interval(2, 3), Interval(4, 5), Interval(0, 5)])
@example([Interval(None, 1), Interval(1, None, False), Interval(0, 5)])
@example([Interval(None, 0), Interval(0, None, False)])
@example([Interval(0, 3, False, False), Interval(0, 3), Interval(3, 3)])
@example([Interval(1, 1), Interval(1, 1), Interval(1, 2, False)])
def test_sweep_groups(ivs: list[Interval]) -> None:
    groups = sweep(_indexed(ivs))
    # every input index appears exactly once
    assert all(groups)
    assert sorted(i for g in groups for i in g) == list(range(len(ivs)))
    # every group shares a common point
    for g in groups:
        assert common_point([ivs[i] for i in g]) is not None, [ivs[i] for i in g]
    # several groups iff some pair is disjoint (brute force over all pairs)
    some_disjoint = any(_disjoint(a, b) for a, b in itertools.combinations(ivs, 2))
    assert (len(groups) > 1) == some_disjoint
    # no more groups than needed: interval graphs are perfect, so the fewest
    # groups sharing a point is the largest number of pairwise disjoint intervals
    assert len(groups) == _max_pairwise_disjoint(ivs)
    # indices are labels: relabelling them relabels the groups, nothing else
    relabelled = sweep([(iv, 1000 + 7 * i) for i, iv in enumerate(ivs)])
    assert sorted(sorted(g) for g in groups) == sorted(sorted((x - 1000) // 7 for x in g) for g in relabelled)


@settings(deadline=None)
@given(st.data(), interval_lists)
def test_sweep_does_not_depend_on_input_order(data: st.DataObject, ivs: list[Interval]) -> None:
    perm = data.draw(st.permutations(range(len(ivs))))
    shuffled = [ivs[p] for p in perm]
    g1 = sweep(_indexed(ivs))
    g2 = sweep(_indexed(shuffled))
    assert len(g1) == len(g2)
    assert (len(g1) > 1) == (len(g2) > 1)

    # and as a partition of the interval values (identical intervals are interchangeable)
    def as_values(groups: list[list[int]], src: list[Interval]) -> list[list[str]]:
        return sorted(sorted(repr(src[i]) for i in g) for g in groups)

    assert as_values(g1, ivs) == as_values(g2, shuffled)


def test_sweep_known_cases() -> None:
    assert sweep([]) == []
    assert sweep([(Interval(19, 19), 0), (Interval(6, 10), 1)]) == [[1], [0]]
    assert sweep([(Interval(19, 19), 0), (Interval(10, None, False), 1)]) == [[1, 0]]
    assert sweep([(Interval(1, 2), 0), (Interval(3, 4), 1), (Interval(5, 6), 2)]) == [[0], [1], [2]]
