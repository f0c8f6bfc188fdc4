"""Claims grouped by slot → findings.

Two claims conflict when their intervals, each widened by the slot's
tolerance, have no point in common. Checking every pair would be quadratic;
instead claims are sorted by their lower bound and swept once, packing them
into groups that share a common point (a running intersection). One group
means everyone agrees; several groups are the sides of a conflict, and the
finding lists the sides rather than every disagreeing pair. O(n log n).

Time changes the question. For a slot whose fact may change (`changes: true`)
only claims true at the same time can conflict; values that differ between
times form a timeline (kind `changed`). For totals (`totals: true`) the
period a figure covers decides what it is compared with. Money in another
currency is converted at the vocabulary's rate nearest the claim's date,
and the finding shows both amounts.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from consistency.model import Claim, Finding
from consistency.rules import Slot
from consistency.values import Category, DateSpan, Interval, Quantity, describe, describe_span
from consistency.vocab import Rate, Vocabulary

_INFO = "info"
MAX_SIDES = 6
MAX_VALUES = 8


def sweep(intervals: list[tuple[Interval, int]]) -> list[list[int]]:
    """Pack intervals into groups that share a point, in one pass over the
    intervals sorted by lower bound. Consecutive groups are disjoint from each
    other's common part, which is what makes the slot a conflict. Equal
    intervals (most claims repeat a few figures) are swept once, and the
    running intersection is kept as plain numbers: 100,000 claims take well
    under a second."""
    same: dict[tuple[object, ...], tuple[Interval, list[int]]] = {}
    for iv, idx in intervals:  # keyed by a plain tuple: hashed in C, unlike the dataclass
        got = same.get((iv.low, iv.high, iv.low_inclusive, iv.high_inclusive))
        if got is None:
            same[(iv.low, iv.high, iv.low_inclusive, iv.high_inclusive)] = (iv, [idx])
        else:
            got[1].append(idx)
    keyed = sorted((iv.lo, not iv.low_inclusive, iv.hi, idxs[0], iv, idxs) for iv, idxs in same.values())
    groups: list[list[int]] = []
    c_lo = c_hi = 0.0
    c_lo_in = c_hi_in = False
    open_group = False
    for lo, lo_ex, hi, _, iv, idxs in keyed:
        lo_in, hi_in = not lo_ex, iv.high_inclusive
        if open_group:
            # the intersection of the running common part with this interval
            if lo > c_lo:
                n_lo, n_lo_in = lo, lo_in
            else:  # sorted by low end, so lo == c_lo here
                n_lo, n_lo_in = c_lo, c_lo_in and lo_in
            if hi < c_hi:
                n_hi, n_hi_in = hi, hi_in
            elif hi == c_hi:
                n_hi, n_hi_in = hi, hi_in and c_hi_in
            else:
                n_hi, n_hi_in = c_hi, c_hi_in
            if n_lo < n_hi or (n_lo == n_hi and n_lo_in and n_hi_in and not math.isinf(n_lo)):
                c_lo, c_lo_in, c_hi, c_hi_in = n_lo, n_lo_in, n_hi, n_hi_in
                groups[-1].extend(idxs)
                continue
        groups.append(list(idxs))
        c_lo, c_lo_in, c_hi, c_hi_in = lo, lo_in, hi, hi_in
        # an empty interval ("fewer than 0") agrees with nothing, not even what follows
        open_group = lo < hi or (lo == hi and lo_in and hi_in)  # not empty (inlined: this line runs per side)
    return groups


def compare(claims: Iterable[Claim], slots: list[Slot], vocab: Vocabulary | None = None) -> list[Finding]:
    """One finding per slot that has claims (and per unit, where a slot's
    claims come in units that cannot be compared, such as EUR and USD with
    no rate between them)."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    spec = {s.id: s for s in slots}
    findings: list[Finding] = []
    for slot_id in sorted(by_slot):
        slot = spec[slot_id]
        by_unit: dict[str, list[Valued]] = defaultdict(list)
        for c in by_slot[slot_id]:
            v = valued(c, slot, vocab)
            by_unit[v.unit].append(v)
        for unit in sorted(by_unit):
            findings.append(_judge(slot, sorted(by_unit[unit], key=lambda v: v.claim.sort_key())))
    return findings


def unit_problems(claims: Iterable[Claim], slots: list[Slot], vocab: Vocabulary | None = None) -> list[str]:
    """Slots whose claims came in units nothing converts between (EUR and
    GBP with no rate): a gap in the rules, reported as such; such claims are
    judged per unit and never against each other. Whether a rate exists does
    not depend on the claim, so one claim per written unit is converted."""
    spec = {s.id: s for s in slots}
    written: dict[str, dict[object, Claim]] = defaultdict(dict)
    for c in claims:
        v = c.value
        written[c.slot].setdefault(v.unit if isinstance(v, Quantity) else v.kind, c)
    out = []
    for slot_id in sorted(written):
        if len(written[slot_id]) < 2:
            continue
        slot = spec[slot_id]
        found = sorted({valued(c, slot, vocab).unit for c in written[slot_id].values()})
        if len(found) > 1:
            pairs = ", ".join(f"{u}/{slot.unit}" for u in found if u != slot.unit) if slot.unit else ""
            fix = (f"add a row for {pairs} under `rates:` in _vocab.yaml" if slot.type == "money" and pairs
                   else "give the slot one unit")
            out.append(f"{slot_id} has claims in {', '.join(found)}, which cannot be compared: {fix}; "
                       "each unit is judged on its own")
    return out


@dataclass(frozen=True, slots=True)
class Valued:
    """A claim with the interval it is compared by: in the slot's currency
    when a rate converts it, and a label's point for categories."""

    claim: Claim
    interval: Interval
    unit: str
    rate: Rate | None = None  # the rate that converted it

    @property
    def shown(self) -> str:
        """The value as a finding shows it: both amounts when converted.
        Worked out only for the few values a message names."""
        if self.rate is None:
            return describe(self.claim.value)
        return f"{describe(self.claim.value)} ≈ {describe(self.as_quantity())} at {self.rate.describe()}"

    def as_quantity(self) -> Quantity:
        approx = isinstance(self.claim.value, Quantity) and self.claim.value.approximate
        return Quantity(self.interval, self.unit or None, approx)


def valued(c: Claim, slot: Slot, vocab: Vocabulary | None) -> Valued:
    v = c.value
    if isinstance(v, Quantity):
        unit = v.unit or ""
        if slot.type == "money" and slot.unit and unit and unit != slot.unit and vocab is not None:
            rate = vocab.rate(unit, slot.unit, c.as_of.end if c.as_of is not None else None)
            if rate is not None:
                iv = v.interval
                conv = Interval(_times(iv.low, rate.rate), _times(iv.high, rate.rate), iv.low_inclusive,
                                iv.high_inclusive)
                return Valued(c, conv, slot.unit, rate)
        return Valued(c, v.interval, unit)
    if isinstance(v, Category):
        labels = list(slot.labels)
        point = float(labels.index(v.label)) if v.label in labels else float(len(labels))
        return Valued(c, Interval(point, point), "label")
    return Valued(c, v.comparable_interval(), "date")


def _times(x: float | None, k: float) -> float | None:
    return None if x is None else round(x * k, 2)


def _widen(v: Valued, slot: Slot) -> Interval:
    """The claim's interval grown by the slot's tolerance (dates: by days)."""
    if not slot.tolerance.absolute and not slot.tolerance.relative:
        return v.interval
    return v.interval.widen(slot.tolerance.absolute, slot.tolerance.relative)


def _judge(slot: Slot, items: list[Valued]) -> Finding:
    claims = [v.claim for v in items]
    ivs = [_widen(v, slot) for v in items]
    if slot.totals and any(c.period is not None for c in claims):
        return _judge_totals(slot, items, ivs)
    groups = sweep([(iv, i) for i, iv in enumerate(ivs)])
    if slot.changes and len(groups) > 1:
        same_time = _same_time(claims, ivs)
        if not same_time:
            return _changed(slot, items, groups)
        # only the claims true at the same time are in conflict; the rest of the timeline is not
        sub = sorted(same_time)
        groups = sweep([(ivs[i], k) for k, i in enumerate(sub)])
        return _conflict(slot, [items[i] for i in sub], groups,
                         "at the same time: " + _as_of_text([claims[i] for i in sub]))
    if len(groups) > 1:
        return _conflict(slot, items, groups)
    return _agreement(slot, items)


def _agreement(slot: Slot, items: list[Valued], given: str = "") -> Finding:
    """Everyone agrees (`given` says on what terms), or only one source spoke."""
    ids = tuple(v.claim.id for v in items)
    sources = sorted({v.claim.source for v in items})
    if len(sources) >= 2:
        message = f"{len(sources)} sources agree{given}: {_side_text(items)}"
        return Finding(slot.id, "consistent", _INFO, ids, message, (ids,))
    return Finding(slot.id, "single_source", _INFO, ids, f"only {sources[0]}: {_side_text(items)}", (ids,))


def _conflict(slot: Slot, items: list[Valued], groups: list[list[int]], why: str = "") -> Finding:
    claims = [v.claim for v in items]
    sides = tuple((claims[g[0]].id,) if len(g) == 1 else tuple(claims[i].id for i in sorted(g)) for g in groups)
    involved = {claims[i].source for g in groups for i in g}
    within = next(iter(involved)) if len(involved) == 1 else None
    shown = groups if len(groups) <= MAX_SIDES else [*groups[:2], *groups[-2:]]
    texts = [_side_text([items[i] for i in sorted(g)]) for g in shown]
    if len(groups) > MAX_SIDES:  # the lowest and highest sides; the report's table has them all
        texts[2:2] = [f"… {len(groups) - 4} more sides …"]
    message = " vs ".join(texts)
    if why:
        message += f" ({why})"
    if within:
        message += f" (within {within})"
    return Finding(slot.id, "conflict", slot.severity, tuple(c.id for c in claims), message, sides, within)


def _as_of_text(claims: list[Claim]) -> str:
    spans = sorted({describe_span(c.as_of) if c.as_of else "unknown" for c in claims})
    return "as of " + ", ".join(spans[:4]) + (f" and {len(spans) - 4} more dates" if len(spans) > 4 else "")


def _same_time(claims: list[Claim], ivs: list[Interval]) -> set[int]:
    """Claims that disagree with another claim true at the same time (as-of
    dates overlap; unknown overlaps everything). Two as-of intervals overlap
    when one contains the other's first day, so it is enough to look, at
    each first day in order, at the claims alive then; and a set of value
    intervals disagrees somewhere exactly when its highest low end passes
    its lowest high end. Heaps keep both ends: O(n log n), no pairs."""
    def first(i: int) -> float:
        a = claims[i].as_of
        return -math.inf if a is None or a.start is None else float(a.start.toordinal())

    def last(i: int) -> float:
        a = claims[i].as_of
        return math.inf if a is None or a.end is None else float(a.end.toordinal())

    order = sorted(range(len(claims)), key=lambda i: (first(i), i))
    alive: set[int] = set()
    ends: list[tuple[float, int]] = []
    lows: list[tuple[float, bool, int]] = []  # the highest low end first (and an open one before a closed one)
    highs: list[tuple[float, bool, int]] = []  # the lowest high end first (an open one first)
    involved: set[int] = set()
    k = 0
    while k < len(order):
        day = first(order[k])
        while ends and ends[0][0] < day:
            alive.discard(heapq.heappop(ends)[1])
        while k < len(order) and first(order[k]) == day:
            i = order[k]
            k += 1
            if ivs[i].empty:
                continue
            alive.add(i)
            heapq.heappush(ends, (last(i), i))
            heapq.heappush(lows, (-ivs[i].lo, ivs[i].low_inclusive, i))
            heapq.heappush(highs, (ivs[i].hi, ivs[i].high_inclusive, i))
        while lows and lows[0][2] not in alive:
            heapq.heappop(lows)
        while highs and highs[0][2] not in alive:
            heapq.heappop(highs)
        if lows and highs and not ivs[lows[0][2]].overlaps(ivs[highs[0][2]]):
            involved |= alive
    return involved


def _changed(slot: Slot, items: list[Valued], groups: list[list[int]]) -> Finding:
    """Values that differ only between claims true at different times: a
    timeline, oldest first, not an error."""
    claims = [v.claim for v in items]
    side_of = {i: g for g, members in enumerate(groups) for i in members}

    def when(i: int) -> tuple[float, float, int]:
        a = claims[i].as_of  # an undated claim agrees with every step (else it would be a conflict): last
        if a is None or a.start is None or a.end is None:
            return (math.inf, math.inf, i)
        return (a.start.toordinal(), a.end.toordinal(), i)

    steps: list[list[int]] = []
    for i in sorted(range(len(claims)), key=when):
        if steps and side_of[steps[-1][0]] == side_of[i]:
            steps[-1].append(i)
        else:
            steps.append([i])
    sides = tuple(tuple(claims[i].id for i in sorted(step)) for step in steps)
    texts = []
    for step in steps:
        dated = [claims[i].as_of for i in step if claims[i].as_of is not None]
        when_text = describe_span(DateSpan(dated[0].start, dated[-1].end)) if dated else "an unknown date"
        texts.append(f"{_side_text([items[i] for i in step])} as of {when_text}")
    shown = texts if len(texts) <= MAX_SIDES else [*texts[:2], f"… {len(texts) - 4} more steps …", *texts[-2:]]
    return Finding(slot.id, "changed", _INFO, tuple(c.id for c in claims), " → ".join(shown), sides)


def _judge_totals(slot: Slot, items: list[Valued], ivs: list[Interval]) -> Finding:
    """Totals over periods: equal periods compare as usual; a period inside
    another bounds it from below (a year's aid is at least its first
    half's); periods apart or crossing are not compared. Claims are grouped
    by distinct period, so the pairs looked at are pairs of periods, which
    a slot has few of."""
    claims = [v.claim for v in items]
    by_period: dict[tuple[int, int] | None, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        p = c.period
        by_period[None if p is None or p.start is None or p.end is None
                  else (p.start.toordinal(), p.end.toordinal())].append(i)
    periods = sorted(by_period.items(), key=lambda kv: (kv[0] is None, kv[0] or (0, 0)))
    for _, members in periods:
        groups = sweep([(ivs[i], k) for k, i in enumerate(members)])
        if len(groups) > 1:
            return _conflict(slot, [items[i] for i in members], groups,
                             f"same period: {_period_text(claims[members[0]])}")
    spans = [k for k, _ in periods if k is not None]
    for inner in spans:
        for outer in spans:
            if outer == inner or not (outer[0] <= inner[0] and inner[1] <= outer[1]):
                continue
            top_inner = max(by_period[inner], key=lambda i: (ivs[i].lo, not ivs[i].low_inclusive, -i))
            low_outer = min(by_period[outer], key=lambda i: (ivs[i].hi, ivs[i].high_inclusive, i))
            a, b = ivs[low_outer], ivs[top_inner]
            if a.hi < b.lo or (a.hi == b.lo and not (a.high_inclusive and b.low_inclusive)):  # wholly below
                why = (f"a total for {_period_text(claims[low_outer])} cannot be below one for "
                       f"{_period_text(claims[top_inner])}, a period inside it")
                pair = sorted((low_outer, top_inner))  # claims stay in source order; sides go low to high
                return _conflict(slot, [items[i] for i in pair], [[pair.index(low_outer)], [pair.index(top_inner)]],
                                 why)
    given = "; ".join(_period_text(claims[m[0]]) for _, m in periods)
    return _agreement(slot, items, f", given their periods ({given})")


def _period_text(c: Claim) -> str:
    if c.period is None:
        return "no period stated"
    return f"{describe_span(c.period)} (`{c.period_note}`)"


def _side_text(items: list[Valued]) -> str:
    """"19 (Donald Tusk)" or "6–10 (a NATO source; Reuters)": distinct values
    with who stated them; past a few values, only how many more."""
    parts: dict[tuple[object, ...], tuple[Valued, dict[str, None]]] = {}
    for v in items:
        c = v.claim
        key = _value_key(c)
        got = parts.get(key)
        if got is None:
            got = parts[key] = (v, {})
        if len(got[1]) <= 6:
            got[1][c.attributed_to or c.source] = None
    seen = list(parts.values())
    text = ", ".join(f"{v.shown} ({'; '.join(_few(list(names)))})" for v, names in seen[:MAX_VALUES])
    return text + (f", … {len(seen) - MAX_VALUES} more values" if len(seen) > MAX_VALUES else "")


def _value_key(c: Claim) -> tuple[object, ...]:
    """A value as a plain tuple: hashed in C, unlike the dataclass."""
    v = c.value
    if isinstance(v, Quantity):
        iv = v.interval
        return (iv.low, iv.high, iv.low_inclusive, iv.high_inclusive, v.unit, v.approximate)
    if isinstance(v, Category):
        return (v.label,)
    return (v.start, v.end, v.approximate)


def _few(names: list[str], shown: int = 6) -> list[str]:
    """Who said it: a handful of names (and "more" past them)."""
    return names if len(names) <= shown else [*names[:shown], "more"]
