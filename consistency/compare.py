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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from consistency.model import Claim, Finding
from consistency.report.gcpause import collector_paused
from consistency.rules import Slot
from consistency.values import INF, Category, DateSpan, Interval, Quantity, describe, describe_span
from consistency.vocab import Rate, Vocabulary

_INFO = "info"
MAX_SIDES = 6
MAX_VALUES = 8


Key = tuple[float, bool, float, bool]  # (low end, low end open, high end, high end closed), ends ±inf when unbounded


def _key(iv: Interval) -> Key:
    """An interval as the sweep orders it: a plain tuple, compared and hashed in C."""
    return (iv.lo, not iv.low_inclusive, iv.hi, iv.high_inclusive)


def sweep(intervals: list[tuple[Interval, int]]) -> list[list[int]]:
    """Pack intervals into groups that share a point, in one pass over the
    intervals sorted by lower bound. Consecutive groups are disjoint from each
    other's common part, which is what makes the slot a conflict."""
    return _sweep((_key(iv), idx) for iv, idx in intervals)


def _sweep(keyed: Iterable[tuple[Key, int]]) -> list[list[int]]:
    """`sweep` on intervals already made keys. Equal intervals (most claims
    repeat a few figures) are swept once, and the running intersection is
    kept as plain numbers: 100,000 claims take well under a second."""
    same: dict[Key, list[int]] = {}
    for k, idx in keyed:
        got = same.get(k)
        if got is None:
            same[k] = [idx]
        else:
            got.append(idx)
    ordered = sorted((k[0], k[1], k[2], idxs[0], k[3], idxs) for k, idxs in same.items())
    groups: list[list[int]] = []
    c_lo = c_hi = 0.0
    c_lo_in = c_hi_in = False
    open_group = False
    for lo, lo_ex, hi, _, hi_in, idxs in ordered:
        lo_in = not lo_ex
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


_SLOT_ORDER = attrgetter("slot", "source", "line", "offset")  # Claim.sort_key, read in C
_ID = attrgetter("id")
_SOURCE = attrgetter("source")


def compare(claims: Iterable[Claim], slots: list[Slot], vocab: Vocabulary | None = None) -> list[Finding]:
    """One finding per slot that has claims (and per unit, where a slot's
    claims come in units that cannot be compared, such as EUR and USD with
    no rate between them). The collector is paused as for reports: a big
    slot makes a list or tuple per claim and per side, no cycles, and the
    collections they set off walk every claim alive."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    spec = {s.id: s for s in slots}
    findings: list[Finding] = []
    with collector_paused():
        for slot_id in sorted(by_slot):
            by_unit = _by_unit(spec[slot_id], sorted(by_slot[slot_id], key=_SLOT_ORDER), vocab)
            findings += (_judge(by_unit[unit]) for unit in sorted(by_unit))
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
                return Valued(c, _converted(v.interval, rate), slot.unit, rate)
        return Valued(c, v.interval, unit)
    if isinstance(v, Category):
        labels = list(slot.labels)
        point = float(labels.index(v.label)) if v.label in labels else float(len(labels))
        return Valued(c, Interval(point, point), "label")
    return Valued(c, v.comparable_interval(), "date")


@dataclass(slots=True)
class _Unit:
    """A slot's claims in one unit, in claim order, each with the key of the
    interval it is compared by (converted and widened by the tolerance).
    Parallel lists rather than an object per claim: a slot may hold 100,000."""

    slot: Slot
    claims: list[Claim] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    converted: dict[int, Valued] = field(default_factory=dict)  # the claims a rate converted, by index

    def shown(self, i: int) -> str:
        got = self.converted.get(i)
        return describe(self.claims[i].value) if got is None else got.shown


def _by_unit(slot: Slot, claims: list[Claim], vocab: Vocabulary | None) -> dict[str, _Unit]:
    """The claims split by the unit they are compared in, as `valued` would
    split them, with their keys worked out once."""
    absolute, relative = slot.tolerance.absolute, slot.tolerance.relative
    widen = bool(absolute or relative)
    converts = slot.type == "money" and bool(slot.unit) and vocab is not None
    labels = list(slot.labels)
    points = {label: Interval(float(k), float(k)) for k, label in enumerate(labels)}
    elsewhere = Interval(float(len(labels)), float(len(labels)))
    rates: dict[tuple[str, object], Rate | None] = {}  # by unit and day: a slot's claims share few days
    units: dict[str, _Unit] = {}
    for c in claims:
        v = c.value
        rate = None
        if isinstance(v, Quantity):
            unit = v.unit or ""
            iv = v.interval
            if converts and unit and unit != slot.unit:
                day = c.as_of.end if c.as_of is not None else None
                if (unit, day) not in rates:
                    rates[(unit, day)] = vocab.rate(unit, slot.unit, day)  # type: ignore[union-attr,arg-type]
                rate = rates[(unit, day)]
                if rate is not None:
                    iv, unit = _converted(iv, rate), slot.unit  # type: ignore[assignment]
        elif isinstance(v, Category):
            unit, iv = "label", points.get(v.label, elsewhere)
        else:
            unit, iv = "date", v.comparable_interval()
        group = units.get(unit)
        if group is None:
            group = units[unit] = _Unit(slot)
        if rate is not None:
            group.converted[len(group.claims)] = Valued(c, iv, unit, rate)
        group.claims.append(c)
        if widen:
            iv = iv.widen(absolute, relative)
        low, high = iv.low, iv.high  # `_key`, inlined: it runs per claim
        group.keys.append((-INF if low is None else low, not iv.low_inclusive, INF if high is None else high,
                           iv.high_inclusive))
    return units


def _converted(iv: Interval, rate: Rate) -> Interval:
    return Interval(_times(iv.low, rate.rate), _times(iv.high, rate.rate), iv.low_inclusive, iv.high_inclusive)


def _times(x: float | None, k: float) -> float | None:
    return None if x is None else round(x * k, 2)


def _judge(u: _Unit) -> Finding:
    slot, claims, keys = u.slot, u.claims, u.keys
    everyone = range(len(claims))
    if slot.totals and any(c.period is not None for c in claims):
        return _judge_totals(u)
    groups = _sweep(zip(keys, everyone))
    if slot.changes and len(groups) > 1:
        same_time = _same_time(claims, keys)
        if not same_time:
            return _changed(u, groups)
        # only the claims true at the same time are in conflict; the rest of the timeline is not
        sub = sorted(same_time)
        return _conflict(u, sub, _sweep((keys[i], i) for i in sub),
                         "at the same time: " + _as_of_text([claims[i] for i in sub]))
    if len(groups) > 1:
        return _conflict(u, everyone, groups)
    return _agreement(u, everyone)


def _agreement(u: _Unit, members: Sequence[int], given: str = "") -> Finding:
    """Everyone agrees (`given` says on what terms), or only one source spoke."""
    chosen = [u.claims[i] for i in members]
    ids = tuple(map(_ID, chosen))
    sources = sorted(set(map(_SOURCE, chosen)))
    if len(sources) >= 2:
        message = f"{len(sources)} sources agree{given}: {_side_text(u, members)}"
        return Finding(u.slot.id, "consistent", _INFO, ids, message, (ids,))
    return Finding(u.slot.id, "single_source", _INFO, ids, f"only {sources[0]}: {_side_text(u, members)}", (ids,))


def _conflict(u: _Unit, members: Sequence[int], groups: list[list[int]], why: str = "") -> Finding:
    """`members` (indices of u's claims, ascending) fall into `groups`, the sides."""
    claims = u.claims
    sides = tuple((claims[g[0]].id,) if len(g) == 1 else tuple(claims[i].id for i in sorted(g)) for g in groups)
    chosen = [claims[i] for i in members]
    involved = set(map(_SOURCE, chosen))
    within = next(iter(involved)) if len(involved) == 1 else None
    shown = groups if len(groups) <= MAX_SIDES else [*groups[:2], *groups[-2:]]
    texts = [_side_text(u, sorted(g)) for g in shown]
    if len(groups) > MAX_SIDES:  # the lowest and highest sides; the report's table has them all
        texts[2:2] = [f"… {len(groups) - 4} more sides …"]
    message = " vs ".join(texts)
    if why:
        message += f" ({why})"
    if within:
        message += f" (within {within})"
    return Finding(u.slot.id, "conflict", u.slot.severity, tuple(map(_ID, chosen)), message, sides, within)


def _as_of_text(claims: list[Claim]) -> str:
    days = {(c.as_of.start, c.as_of.end) if c.as_of else None for c in claims}  # each span described once
    spans = sorted({describe_span(DateSpan(*d)) if d else "unknown" for d in days})
    return "as of " + ", ".join(spans[:4]) + (f" and {len(spans) - 4} more dates" if len(spans) > 4 else "")


def _as_of_days(claims: list[Claim]) -> tuple[list[float], list[float]]:
    """Each claim's first and last as-of day (ordinals), ±inf where open or unknown."""
    firsts, lasts = [], []
    for c in claims:
        a = c.as_of
        if a is None:
            firsts.append(-INF)
            lasts.append(INF)
        else:
            firsts.append(-INF if a.start is None else float(a.start.toordinal()))
            lasts.append(INF if a.end is None else float(a.end.toordinal()))
    return firsts, lasts


def _same_time(claims: list[Claim], keys: list[Key]) -> set[int]:
    """Claims that disagree with another claim true at the same time (as-of
    dates overlap; unknown overlaps everything). Two as-of intervals overlap
    when one contains the other's first day, so it is enough to look, at
    each first day in order, at the claims alive then; and a set of value
    intervals disagrees somewhere exactly when its highest low end passes
    its lowest high end. Heaps keep both ends: O(n log n), no pairs."""
    firsts, lasts = _as_of_days(claims)
    order = sorted(range(len(claims)), key=firsts.__getitem__)  # stable: by first day, then index
    alive: set[int] = set()
    ends: list[tuple[float, int]] = []
    lows: list[tuple[float, bool, int]] = []  # the highest low end first (and an open one before a closed one)
    highs: list[tuple[float, bool, int]] = []  # the lowest high end first (an open one first)
    involved: set[int] = set()
    k = 0
    while k < len(order):
        day = firsts[order[k]]
        while ends and ends[0][0] < day:
            alive.discard(heapq.heappop(ends)[1])
        while k < len(order) and firsts[order[k]] == day:
            i = order[k]
            k += 1
            lo, lo_ex, hi, hi_in = keys[i]
            if lo > hi or (lo == hi and (lo_ex or not hi_in)):  # empty: agrees with nothing
                continue
            alive.add(i)
            heapq.heappush(ends, (lasts[i], i))
            heapq.heappush(lows, (-lo, not lo_ex, i))
            heapq.heappush(highs, (hi, hi_in, i))
        while lows and lows[0][2] not in alive:
            heapq.heappop(lows)
        while highs and highs[0][2] not in alive:
            heapq.heappop(highs)
        if lows and highs and not _overlap(keys[lows[0][2]], keys[highs[0][2]]):
            involved |= alive
    return involved


def _overlap(a: Key, b: Key) -> bool:
    """Interval.overlaps for two keys of intervals that are not empty."""
    return _meets(a, b) and _meets(b, a)


def _meets(a: Key, b: Key) -> bool:
    """a's low end is not past b's high end (values.py's _before)."""
    if a[0] < b[2]:
        return True
    return a[0] == b[2] and not a[1] and b[3] and not math.isinf(a[0])


def _changed(u: _Unit, groups: list[list[int]]) -> Finding:
    """Values that differ only between claims true at different times: a
    timeline, oldest first, not an error."""
    claims = u.claims
    side_of = [0] * len(claims)
    for g, members in enumerate(groups):
        for i in members:
            side_of[i] = g

    def when(i: int) -> tuple[float, float, int]:
        a = claims[i].as_of  # an undated claim agrees with every step (else it would be a conflict): last
        if a is None or a.end is None:
            return (INF, INF, i)
        if a.start is None:  # "before 23 June": placed at its last day
            return (a.end.toordinal(), a.end.toordinal(), i)
        return (a.start.toordinal(), a.end.toordinal(), i)

    steps: list[list[int]] = []
    for i in sorted(range(len(claims)), key=when):
        if steps and side_of[steps[-1][0]] == side_of[i]:
            steps[-1].append(i)
        else:
            steps.append([i])
    sides = tuple(tuple(claims[i].id for i in sorted(step)) for step in steps)
    shown = steps if len(steps) <= MAX_SIDES else [*steps[:2], *steps[-2:]]  # texts for these steps only
    texts = []
    for step in shown:
        dated = [claims[i].as_of for i in step if claims[i].as_of is not None]
        when_text = describe_span(_covering(dated)) if dated else "an unknown date"
        texts.append(f"{_side_text(u, step)} as of {when_text}")
    if len(steps) > MAX_SIDES:
        texts[2:2] = [f"… {len(steps) - 4} more steps …"]
    return Finding(u.slot.id, "changed", _INFO, tuple(map(_ID, claims)), " → ".join(texts), sides)


def _covering(spans: list[DateSpan]) -> DateSpan:
    """The span from the earliest first day to the latest last (open if any is)."""
    starts, ends = [d.start for d in spans], [d.end for d in spans]
    return DateSpan(None if None in starts else min(starts),  # type: ignore[type-var]
                    None if None in ends else max(ends))  # type: ignore[type-var]


def _judge_totals(u: _Unit) -> Finding:
    """Totals over periods: equal periods compare as usual; a period inside
    another bounds it from below (a year's aid is at least its first
    half's); periods apart or crossing are not compared. Claims are grouped
    by distinct period, so the pairs looked at are pairs of periods, which
    a slot has few of."""
    claims, keys = u.claims, u.keys
    by_period: dict[tuple[int, int] | None, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        p = c.period
        by_period[None if p is None or p.start is None or p.end is None
                  else (p.start.toordinal(), p.end.toordinal())].append(i)
    periods = sorted(by_period.items(), key=lambda kv: (kv[0] is None, kv[0] or (0, 0)))
    for _, members in periods:
        groups = _sweep((keys[i], i) for i in members)
        if len(groups) > 1:
            return _conflict(u, members, groups, f"same period: {_period_text(claims[members[0]])}")
    spans = [k for k, _ in periods if k is not None]
    top: dict[tuple[int, int], int] = {}  # each period's claim with the highest low end
    bottom: dict[tuple[int, int], int] = {}  # and with the lowest high end
    for inner in spans:
        for outer in spans:
            if outer == inner or not (outer[0] <= inner[0] and inner[1] <= outer[1]):
                continue
            if inner not in top:
                top[inner] = max(by_period[inner], key=lambda i: (keys[i][0], keys[i][1], -i))
            if outer not in bottom:
                bottom[outer] = min(by_period[outer], key=lambda i: (keys[i][2], keys[i][3], i))
            top_inner, low_outer = top[inner], bottom[outer]
            a, b = keys[low_outer], keys[top_inner]
            if a[2] < b[0] or (a[2] == b[0] and not (a[3] and not b[1])):  # wholly below
                why = (f"a total for {_period_text(claims[low_outer])} cannot be below one for "
                       f"{_period_text(claims[top_inner])}, a period inside it")
                # claims stay in source order; sides go low to high
                return _conflict(u, sorted((low_outer, top_inner)), [[low_outer], [top_inner]], why)
    given = "; ".join(_period_text(claims[m[0]]) for _, m in periods)
    return _agreement(u, range(len(claims)), f", given their periods ({given})")


def _period_text(c: Claim) -> str:
    if c.period is None:
        return "no period stated"
    return f"{describe_span(c.period)} (`{c.period_note}`)"


def _side_text(u: _Unit, members: Iterable[int]) -> str:
    """"19 (Donald Tusk)" or "6–10 (a NATO source; Reuters)": distinct values
    with who stated them; past a few values, only how many more. Every
    member's value is keyed (to count the distinct ones), but names are
    gathered for the shown values only, and described for those alone."""
    claims = u.claims
    names_of: dict[tuple[object, ...], dict[str, None] | None] = {}  # None: a value past those shown
    shown: list[tuple[int, dict[str, None]]] = []  # the member that first gave each shown value, and who gave it
    for i in members:
        c = claims[i]
        v = c.value  # the value as a plain tuple (hashed in C, unlike the dataclass), inlined: it runs per claim
        if isinstance(v, Quantity):
            iv = v.interval
            key: tuple[object, ...] = (iv.low, iv.high, iv.low_inclusive, iv.high_inclusive, v.unit, v.approximate)
        elif isinstance(v, Category):
            key = (v.label,)
        else:
            key = (v.start, v.end, v.approximate)
        names = names_of.get(key, False)
        if names is False:
            names = names_of[key] = {} if len(shown) < MAX_VALUES else None
            if names is not None:
                shown.append((i, names))
        if names is not None and len(names) <= 6:
            names[c.attributed_to or c.source] = None
    text = ", ".join(f"{u.shown(i)} ({'; '.join(_few(list(names)))})" for i, names in shown)
    return text + (f", … {len(names_of) - MAX_VALUES} more values" if len(names_of) > MAX_VALUES else "")


def _few(names: list[str], shown: int = 6) -> list[str]:
    """Who said it: a handful of names (and "more" past them)."""
    return names if len(names) <= shown else [*names[:shown], "more"]
