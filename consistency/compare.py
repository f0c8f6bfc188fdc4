"""Claims grouped by slot → findings.

Two claims conflict when their intervals, each widened by the slot's
tolerance, have no point in common. Checking every pair would be quadratic;
instead claims are sorted by their lower bound and swept once, packing them
into groups that share a common point (a running intersection). One group
means everyone agrees; several groups are the sides of a conflict, and the
finding lists the sides rather than every disagreeing pair. O(n log n).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from consistency.model import Claim, Finding
from consistency.rules import Slot
from consistency.values import Interval, Quantity, describe

_INFO = "info"
MAX_SIDES = 6
MAX_VALUES = 8


def widened(claim: Claim, slot: Slot) -> Interval:
    """The claim's interval grown by the slot's tolerance (dates: by days)."""
    iv = claim.value.comparable_interval()
    if not slot.tolerance.absolute and not slot.tolerance.relative:
        return iv
    return iv.widen(slot.tolerance.absolute, slot.tolerance.relative)


def sweep(intervals: list[tuple[Interval, int]]) -> list[list[int]]:
    """Pack intervals into groups that share a point, in one pass over the
    intervals sorted by lower bound. Consecutive groups are disjoint from each
    other's common part, which is what makes the slot a conflict. Equal
    intervals (most claims repeat a few figures) are swept once, and the
    running intersection is kept as plain numbers: 100,000 claims take well
    under a second."""
    same: dict[Interval, list[int]] = {}
    for iv, idx in intervals:
        same.setdefault(iv, []).append(idx)
    keyed = sorted((iv.lo, not iv.low_inclusive, iv.hi, idxs[0], iv, idxs) for iv, idxs in same.items())
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
        open_group = not iv.empty
    return groups


def compare(claims: Iterable[Claim], slots: list[Slot]) -> list[Finding]:
    """One finding per slot that has claims (and per unit, where a slot's
    claims come in units that cannot be compared, such as EUR and USD)."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    spec = {s.id: s for s in slots}
    findings: list[Finding] = []
    for slot_id in sorted(by_slot):
        by_unit: dict[str, list[Claim]] = defaultdict(list)
        for c in by_slot[slot_id]:
            unit = c.value.unit if isinstance(c.value, Quantity) else "date"
            by_unit[unit or ""].append(c)
        for unit in sorted(by_unit):
            findings.append(_judge(spec[slot_id], sorted(by_unit[unit], key=Claim.sort_key)))
    return findings


def _judge(slot: Slot, claims: list[Claim]) -> Finding:
    ids = tuple(c.id for c in claims)
    sources = sorted({c.source for c in claims})
    groups = sweep([(widened(c, slot), i) for i, c in enumerate(claims)])
    if len(groups) > 1:
        sides = tuple(tuple(claims[i].id for i in sorted(g)) for g in groups)
        involved = {claims[i].source for g in groups for i in g}
        within = next(iter(involved)) if len(involved) == 1 else None
        shown = groups if len(groups) <= MAX_SIDES else [*groups[:2], *groups[-2:]]
        texts = [_side_text([claims[i] for i in sorted(g)]) for g in shown]
        if len(groups) > MAX_SIDES:  # the lowest and highest sides; the report's table has them all
            texts[2:2] = [f"… {len(groups) - 4} more sides …"]
        message = " vs ".join(texts)
        if within:
            message += f" (within {within})"
        return Finding(slot.id, "conflict", slot.severity, ids, message, sides, within)
    if len(sources) >= 2:
        message = f"{len(sources)} sources agree: {_side_text(claims)}"
        return Finding(slot.id, "consistent", _INFO, ids, message, (ids,))
    return Finding(slot.id, "single_source", _INFO, ids, f"only {sources[0]}: {_side_text(claims)}", (ids,))


def _side_text(claims: list[Claim]) -> str:
    """"19 (Donald Tusk)" or "6–10 (a NATO source; Reuters)": distinct values
    with who stated them; past a few values, only how many more."""
    parts: dict[tuple[object, ...], tuple[Claim, dict[str, None]]] = {}
    for c in claims:
        key = _value_key(c)
        got = parts.get(key)
        if got is None:
            got = parts[key] = (c, {})
        if len(got[1]) <= 6:
            got[1][c.attributed_to or c.source] = None
    items = list(parts.values())
    text = ", ".join(f"{describe(c.value)} ({'; '.join(_few(list(names)))})" for c, names in items[:MAX_VALUES])
    return text + (f", … {len(items) - MAX_VALUES} more values" if len(items) > MAX_VALUES else "")


def _value_key(c: Claim) -> tuple[object, ...]:
    """A value as a plain tuple: hashed in C, unlike the dataclass."""
    v = c.value
    if isinstance(v, Quantity):
        iv = v.interval
        return (iv.low, iv.high, iv.low_inclusive, iv.high_inclusive, v.unit, v.approximate)
    return (v.start, v.end, v.approximate)


def _few(names: list[str], shown: int = 6) -> list[str]:
    """Who said it: a handful of names (and "more" past them)."""
    return names if len(names) <= shown else [*names[:shown], "more"]
