"""The comparator at scale: 10,000 claims in one slot are judged in well
under a second (sort and sweep, not all pairs), with the right verdict;
so are a changing fact's timeline and totals over nested periods."""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest

from consistency.compare import compare
from consistency.model import Claim
from consistency.rules import Slot
from consistency.values import DateSpan, Interval, Quantity

N = 10_000
DAY0 = dt.date(2025, 1, 1)
SLOT = Slot(id="scale_test.drones_entered", description="Drones that entered.", type="count", unit="drone",
            unit_words=["drone*"], triggers=["entered"],
            examples=[{"text": "Officials said 19 drones entered.", "expect": {"low": 19, "high": 19, "unit": "drone"}}])


def make_claims(intervals: list[Interval], n_sources: int = 7) -> list[Claim]:
    claims = []
    for i, iv in enumerate(intervals, 1):
        source = f"s{i % n_sources:02d}"
        claims.append(Claim(slot=SLOT.id, source=source, line=i, offset=i % 80, quote=f"{i} drones entered",
                            surface=str(i), value=Quantity(iv, unit="drone"), id=f"c{i}"))
    return claims


def timed_compare(claims: list[Claim]):
    start = time.perf_counter()
    findings = compare(claims, [SLOT])
    return findings, time.perf_counter() - start


@pytest.mark.parametrize("seed", [0, 1])
def test_ten_thousand_overlapping_claims_are_consistent(seed: int) -> None:
    rng = random.Random(seed)
    # every interval contains 500, in many shapes: points, ranges, open ends
    intervals = []
    for _ in range(N):
        lo, hi = rng.randint(0, 499), rng.randint(500, 1000)
        intervals.append(rng.choice([Interval(500, 500), Interval(lo, hi), Interval(lo, None, False),
                                     Interval(None, hi), Interval(lo, 500, True, True)]))
    claims = make_claims(intervals)
    rng.shuffle(claims)
    findings, elapsed = timed_compare(claims)
    assert elapsed < 1.0, f"compare took {elapsed:.2f}s for {N} claims"
    assert len(findings) == 1
    f = findings[0]
    assert (f.slot, f.kind, f.severity) == (SLOT.id, "consistent", "info")
    assert len(f.claims) == N and set(f.claims) == {f"c{i}" for i in range(1, N + 1)}
    assert f.sides == (f.claims,)
    assert f.message.startswith("7 sources agree: ")


@pytest.mark.parametrize("seed", [0, 1])
def test_ten_thousand_claims_in_two_disjoint_clusters_conflict(seed: int) -> None:
    rng = random.Random(seed)
    low_ids, intervals = set(), []
    for i in range(1, N + 1):
        if rng.random() < 0.5:
            low_ids.add(f"c{i}")
            lo = rng.randint(0, 40)
            intervals.append(Interval(lo, rng.randint(max(lo, 40), 60)))  # all contain 40..40
        else:
            lo = rng.randint(100, 140)
            intervals.append(Interval(lo, rng.choice([None, rng.randint(max(lo, 140), 300)])))  # all contain 140
    claims = make_claims(intervals)
    rng.shuffle(claims)
    findings, elapsed = timed_compare(claims)
    assert elapsed < 1.0, f"compare took {elapsed:.2f}s for {N} claims"
    assert len(findings) == 1
    f = findings[0]
    assert (f.slot, f.kind, f.severity) == (SLOT.id, "conflict", "error")
    assert len(f.sides) == 2
    assert set(f.sides[0]) == low_ids  # sides go from the lowest values up
    assert set(f.sides[1]) == {f"c{i}" for i in range(1, N + 1)} - low_ids
    assert f.within_source is None
    assert " vs " in f.message


def test_one_source_alone_is_single_source_even_at_scale() -> None:
    claims = make_claims([Interval(19, 19)] * N, n_sources=1)
    findings, elapsed = timed_compare(claims)
    assert elapsed < 1.0
    assert [(f.kind, len(f.claims)) for f in findings] == [("single_source", N)]


def test_date_doubts_for_twenty_thousand_dated_sources_take_well_under_a_second() -> None:
    """source_dates once rebuilt "the other sides" claim by claim for every
    dated source: quadratic, minutes at 100,000 articles."""
    from consistency.model import Finding
    from consistency.source_dates import doubts
    from consistency.sources import Source

    n = 20_000
    sources = [Source(f"s{i}", f"s{i}.txt", published=dt.date(2025, 6, 12)) for i in range(n)]
    tuesday, summit = DateSpan(dt.date(2025, 6, 10), dt.date(2025, 6, 10)), DateSpan(dt.date(2025, 6, 24),
                                                                                      dt.date(2025, 6, 25))
    claims = {f"c{i}": Claim("x.dates", f"s{i}", 1, 0, "q", "s", tuesday if i % 2 else summit,
                             note="Tuesday on or before the source's date 2025-06-12" if i % 2 else "", id=f"c{i}")
              for i in range(n)}
    sides = (tuple(f"c{i}" for i in range(1, n, 2)), tuple(f"c{i}" for i in range(0, n, 2)))
    start = time.perf_counter()
    found = doubts(sources, claims, [Finding("x.dates", "conflict", "error", tuple(claims), "m", sides)])
    assert time.perf_counter() - start < 1.0
    assert sorted(found) == sorted(f"s{i}" for i in range(1, n, 2))
    assert found["s1"] == ("dated 2025-06-12 (its own date), but it reports `x.dates` as 2025-06-10 (Tuesday on or "
                           "before the source's date 2025-06-12), while s0, s10, s100 and others put it at "
                           "2025-06-24 – 2025-06-25: after the source's own date")



def test_ten_thousand_claims_of_a_changing_fact_make_one_short_timeline() -> None:
    """A figure that moves day by day: one step per day, the message naming
    the first and last two only."""
    slot = SLOT.model_copy(update={"changes": True})
    days = [i // 10 for i in range(N)]
    claims = [Claim(c.slot, c.source, c.line, c.offset, c.quote, c.surface, c.value, id=c.id,
                    as_of=DateSpan(DAY0 + dt.timedelta(days=d), DAY0 + dt.timedelta(days=d)))
              for c, d in zip(make_claims([Interval(d, d) for d in days]), days, strict=True)]
    start = time.perf_counter()
    findings = compare(claims, [slot])
    assert time.perf_counter() - start < 1.0
    [f] = findings
    assert (f.kind, len(f.sides), len(f.claims)) == ("changed", N // 10, N)
    assert f"… {N // 10 - 4} more steps …" in f.message and len(f.message) < 2000


def test_ten_thousand_totals_over_months_and_a_year_are_judged_by_period() -> None:
    slot = SLOT.model_copy(update={"totals": True})
    months = [DateSpan(dt.date(2025, m, 1), dt.date(2025, m, 28)) for m in range(1, 13)]
    year = DateSpan(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    yearly = [i % 13 == 0 for i in range(N)]
    claims = [Claim(c.slot, c.source, c.line, c.offset, c.quote, c.surface,
                    Quantity(Interval(12_000 + i / N, 13_000) if yearly[i] else Interval(900 + i / N, 1_000), "drone"),
                    id=c.id, period=year if yearly[i] else months[i % 12], period_note="this period")
              for i, c in enumerate(make_claims([Interval(0, 0)] * N))]
    start = time.perf_counter()
    findings = compare(claims, [slot])
    assert time.perf_counter() - start < 1.0
    [f] = findings
    assert (f.kind, len(f.claims)) == ("consistent", N)
    assert f.message.endswith(f", … {N - 8} more values")
