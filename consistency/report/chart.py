"""A conflict as a picture: each claim's interval as a bar on one axis.

"19 against six to ten" is seen at once when the bars do not overlap. The
chart is a Mermaid Gantt diagram, which GitHub renders in Markdown: dates use
a date axis; numbers use Mermaid's seconds axis, scaled to whole numbers.
Open ends ("more than 10") run to the edge of the chart.
"""

from __future__ import annotations

import datetime as dt
import math

from consistency.escape import mermaid_label
from consistency.model import Claim
from consistency.values import DateSpan, Quantity, describe, fmt_number


def mermaid(slot: str, sides: list[list[Claim]], compared: dict[str, Quantity] | None = None,
            described: dict[str, str] | None = None) -> str:
    """`compared`: the value each claim is compared by, where it differs
    from its own (money converted into the slot's currency); `described`:
    each claim's own value as describe() writes it, by id, when the caller
    has them (Report.described)."""
    claims = [c for side in sides for c in side]
    shown = described or {c.id: describe(c.value) for c in claims}
    if all(isinstance(c.value, DateSpan) for c in claims):
        return _dates(slot, sides, shown)
    if all(isinstance(c.value, Quantity) for c in claims):
        return _numbers(slot, sides, compared or {}, shown)
    return ""


def timeline(slot: str, steps: list[list[Claim]]) -> str:
    """A slot that changed over time: each step at the dates it held."""
    lines = ["timeline", f"  title {_safe(slot)}"]
    for step in steps:
        starts = [c.as_of.start for c in step if c.as_of and c.as_of.start]
        ends = [c.as_of.end for c in step if c.as_of and c.as_of.end]
        if not starts or not ends:
            when = "undated"
        else:
            first, last = min(starts), max(ends)
            when = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        who = sorted({c.attributed_to or c.source for c in step})
        lines.append(f"  {when} : {_safe(describe(step[0].value))} : {_safe(', '.join(who[:4]))}")
    return "\n".join(lines)


def _safe(text: str) -> str:
    """Mermaid reads `:`, `#` and `;` as syntax in a task or event, and a
    line break would end the chart's fenced block (consistency.escape)."""
    return mermaid_label(text)


def _label(c: Claim, shown: str) -> str:
    who = f" · {c.attributed_to}" if c.attributed_to else ""
    return _safe(f"{shown}{who} · {c.source} l.{c.line}")


def _dates(slot: str, sides: list[list[Claim]], described: dict[str, str]) -> str:
    spans = [c.value for side in sides for c in side if isinstance(c.value, DateSpan)]
    known = [d for s in spans for d in (s.start, s.end) if d is not None]
    lo, hi = min(known), max(known)
    pad = dt.timedelta(days=max(1, (hi - lo).days // 10))
    lines = ["gantt", f"  title {slot}", "  dateFormat YYYY-MM-DD", "  axisFormat %Y-%m-%d"]
    for n, side in enumerate(sides):
        lines.append(f"  section Side {chr(ord('A') + n) if n < 26 else n + 1}")
        for c in side:
            assert isinstance(c.value, DateSpan)
            start = c.value.start or lo - pad
            end = (c.value.end or hi + pad) + dt.timedelta(days=1)  # bars end on the day after
            lines.append(f"  {_label(c, described[c.id])} : {start.isoformat()}, {end.isoformat()}")
    return "\n".join(lines)


def _numbers(slot: str, sides: list[list[Claim]], compared: dict[str, Quantity], described: dict[str, str]) -> str:
    shown = {c.id: compared.get(c.id, c.value) for side in sides for c in side if isinstance(c.value, Quantity)}
    values = list(shown.values())
    known = [x for v in values for x in (v.interval.low, v.interval.high) if x is not None]
    lo, hi = min(known), max(known)
    width = (hi - lo) or abs(hi) or 1.0
    pad = width * 0.2
    scale, note = _scale(max(abs(lo - pad), abs(hi + pad)), known)
    unit = next((v.unit for v in values if v.unit), None)
    title = slot + (f" ({unit}{note})" if unit or note else "")
    lines = ["gantt", f"  title {title}", "  dateFormat X", "  axisFormat %s"]
    for n, side in enumerate(sides):
        lines.append(f"  section Side {chr(ord('A') + n) if n < 26 else n + 1}")
        for c in side:
            assert isinstance(c.value, Quantity)
            iv = shown[c.id].interval
            start = lo - pad if iv.low is None else iv.low
            end = hi + pad if iv.high is None else iv.high
            a, b = round(start * scale), round(end * scale)
            if b <= a:
                b = a + max(1, round(width * scale * 0.02))  # a point still shows as a bar
            text = describe(compared[c.id]) if c.id in compared else described[c.id]
            lines.append(f"  {_label(c, text)} : {a}, {b}")
    return "\n".join(lines)


def _scale(top: float, known: list[float]) -> tuple[float, str]:
    """Whole numbers on the axis: small decimals are multiplied up, huge
    figures divided down (Mermaid's axis is JavaScript seconds)."""
    if top >= 1e9:
        power = 10 ** (3 * (int(math.log10(top)) // 3 - 1))
        return 1 / power, f", in units of {fmt_number(power)}"
    decimals = max(len(f"{x:.6g}".partition(".")[2]) for x in known)  # each figure written once
    decimals = min(decimals, 3)
    if decimals:
        return 10.0 ** decimals, f", ×{10 ** decimals}"
    return 1.0, ""
