"""Claims grouped by slot → findings.

Two claims conflict when their intervals, each widened by the slot's
tolerance, have no point in common. Checking every pair would be quadratic;
instead claims are sorted by their lower bound and swept once, packing them
into groups that share a common point (a running intersection). One group
means everyone agrees; several groups are the sides of a conflict, and the
finding lists the sides rather than every disagreeing pair. O(n log n).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from consistency.model import Claim, Finding
from consistency.rules import Slot
from consistency.values import Interval, Quantity, describe

_INFO = "info"


def widened(claim: Claim, slot: Slot) -> Interval:
    """The claim's interval grown by the slot's tolerance (dates: by days)."""
    iv = claim.value.comparable_interval()
    return iv.widen(slot.tolerance.absolute, slot.tolerance.relative)


def sweep(intervals: list[tuple[Interval, int]]) -> list[list[int]]:
    """Pack intervals into groups that share a point, in one pass over the
    intervals sorted by lower bound. Consecutive groups are disjoint from each
    other's common part, which is what makes the slot a conflict."""
    order = sorted(intervals, key=lambda t: (t[0].lo, not t[0].low_inclusive, t[0].hi, t[1]))
    groups: list[list[int]] = []
    common: Interval | None = None
    for iv, idx in order:
        if common is not None and common.overlaps(iv):
            common = _intersect(common, iv)
            groups[-1].append(idx)
        else:
            groups.append([idx])
            common = iv
    return groups


def _intersect(a: Interval, b: Interval) -> Interval:
    if a.lo > b.lo or (a.lo == b.lo and not a.low_inclusive):
        low, low_inc = a.low, a.low_inclusive
    else:
        low, low_inc = b.low, b.low_inclusive
    if a.hi < b.hi or (a.hi == b.hi and not a.high_inclusive):
        high, high_inc = a.high, a.high_inclusive
    else:
        high, high_inc = b.high, b.high_inclusive
    return Interval(low, high, low_inc, high_inc)


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
        message = " vs ".join(_side_text([claims[i] for i in sorted(g)]) for g in groups)
        if within:
            message += f" (within {within})"
        return Finding(slot.id, "conflict", slot.severity, ids, message, sides, within)
    if len(sources) >= 2:
        message = f"{len(sources)} sources agree: {_side_text(claims)}"
        return Finding(slot.id, "consistent", _INFO, ids, message, (ids,))
    return Finding(slot.id, "single_source", _INFO, ids, f"only {sources[0]}: {_side_text(claims)}", (ids,))


def _side_text(claims: list[Claim]) -> str:
    """"19 (Donald Tusk)" or "6–10 (a NATO source; Reuters)": distinct values
    with who stated them."""
    parts: dict[str, list[str]] = {}
    for c in claims:
        who = parts.setdefault(describe(c.value), [])
        name = c.attributed_to or c.source
        if name not in who:
            who.append(name)
    return ", ".join(f"{v} ({'; '.join(w)})" for v, w in parts.items())
