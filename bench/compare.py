"""The comparator on one big slot, printed (not a test).

    python bench/compare.py [--claims 100000] [--runs 3] [--profile]

Builds synthetic claims for one slot in six shapes and times `compare()`
on each (median of `--runs`, wall-clock and CPU time, which varies less on
a shared machine; claims built beforehand, not timed):

- repeated: a few figures repeated by every source (the usual corpus);
- distinct, consistent: every claim a different interval, all containing 500;
- distinct, conflicts: every claim a different figure, each its own side;
- changes: a `changes: true` slot whose figure moves day by day (a
  timeline), and the same with one day on which two figures are given (a
  conflict at the same time);
- totals: a `totals: true` slot with monthly and yearly totals, every
  figure different.

With `--profile`, each shape is also run once under cProfile and its
costliest functions printed.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consistency.compare import compare  # noqa: E402
from consistency.model import Claim, Finding  # noqa: E402
from consistency.rules import Slot  # noqa: E402
from consistency.values import DateSpan, Interval, Quantity  # noqa: E402

SOURCES = 1000
SPEAKERS = [f"Speaker{k} Name{k}" for k in range(40)]
DAY0 = dt.date(2025, 1, 1)


def _slot(**extra: object) -> Slot:
    return Slot(id="bench.drones", description="Drones that entered.", type="count", unit="drone",
                unit_words=["drone*"], triggers=["entered"],
                examples=[{"text": "19 drones entered.", "expect": {"low": 19, "high": 19, "unit": "drone"}}],
                **extra)


def _claim(slot: Slot, i: int, iv: Interval, as_of: DateSpan | None = None, period: DateSpan | None = None,
           rng: random.Random | None = None) -> Claim:
    speaker = SPEAKERS[rng.randrange(len(SPEAKERS))] if rng is not None and rng.random() < 0.5 else None
    return Claim(slot.id, f"s{i % SOURCES:04d}", 1 + i // SOURCES, i % 97, f"quote {i} drones entered",
                 str(i), Quantity(iv, "drone"), speaker, id=f"c{i + 1}", as_of=as_of,
                 period=period, period_note="in the period" if period is not None else "")


def repeated(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    slot = _slot()
    figures = [Interval(19, 19), Interval(20, 20), Interval(15, 25), Interval(30, 30), Interval(None, 40, True, False)]
    return slot, [_claim(slot, i, rng.choice(figures), rng=rng) for i in range(n)]


def distinct_consistent(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    slot = _slot()
    ivs = [Interval(500 - (i + 1) / n * 400, 500 + (i + 1) / n * 400 + rng.random()) for i in range(n)]
    return slot, [_claim(slot, i, iv, rng=rng) for i, iv in enumerate(ivs)]


def distinct_conflicts(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    slot = _slot()
    figures = rng.sample(range(10 * n), n)
    return slot, [_claim(slot, i, Interval(float(v), float(v)), rng=rng) for i, v in enumerate(figures)]


def _changes(n: int, rng: random.Random, clash: bool) -> tuple[Slot, list[Claim]]:
    slot = _slot(changes=True)
    out = []
    for i in range(n):
        day = i // 10  # ten claims a day, each day its own figure
        when = DAY0 + dt.timedelta(days=day)
        figure = float(day) + (0.5 if clash and day == 7 and i % 2 else 0.0)  # day 7: two figures at once
        out.append(_claim(slot, i, Interval(figure, figure), as_of=DateSpan(when, when), rng=rng))
    return slot, out


def changes_timeline(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    return _changes(n, rng, clash=False)


def changes_conflict(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    return _changes(n, rng, clash=True)


def totals(n: int, rng: random.Random) -> tuple[Slot, list[Claim]]:
    slot = _slot(totals=True)
    months = [DateSpan(dt.date(2025, m, 1), dt.date(2025, m, 28)) for m in range(1, 13)]
    year = DateSpan(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    out = []
    for i in range(n):
        x = rng.random()
        if i % 13 == 0:  # a year's total: 12,000 or more, give or take
            out.append(_claim(slot, i, Interval(12_000 + x, 13_000 + x), period=year, rng=rng))
        else:
            out.append(_claim(slot, i, Interval(900 + x, 1_000 + x), period=months[i % 12], rng=rng))
    return slot, out


SHAPES: dict[str, Callable[[int, random.Random], tuple[Slot, list[Claim]]]] = {
    "repeated": repeated, "distinct, consistent": distinct_consistent, "distinct, conflicts": distinct_conflicts,
    "changes, timeline": changes_timeline, "changes, conflict": changes_conflict, "totals": totals}


def _summary(findings: list[Finding]) -> str:
    return "; ".join(f"{f.kind}, {len(f.sides)} sides, {len(f.message)} chars" for f in findings)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    print(f"compare(), one slot of {a.claims:,} claims, median of {a.runs}")
    for name, make in SHAPES.items():
        slot, claims = make(a.claims, random.Random(0))
        times, cpu = [], []
        for _ in range(a.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            findings = compare(claims, [slot])
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        print(f"{name:<22} {statistics.median(times):6.3f} s  (CPU {statistics.median(cpu):.3f} s; "
              f"{_summary(findings)})", flush=True)
        if a.profile:
            prof = cProfile.Profile()
            prof.runcall(compare, claims, [slot])
            pstats.Stats(prof).sort_stats("tottime").print_stats(8)


if __name__ == "__main__":
    main()
