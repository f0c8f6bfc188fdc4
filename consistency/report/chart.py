"""A conflict as a picture: each claim's interval as a bar on one axis.

"19 against six to ten" is seen at once when the bars do not overlap. The
chart is a Mermaid Gantt diagram, which GitHub renders in Markdown: dates use
a date axis; numbers use Mermaid's seconds axis, scaled to whole numbers.
Open ends ("more than 10") run to the edge of the chart.
"""

from __future__ import annotations

import datetime as dt
import math

from consistency.model import Claim
from consistency.values import DateSpan, Quantity, describe, fmt_number


def mermaid(slot: str, sides: list[list[Claim]]) -> str:
    claims = [c for side in sides for c in side]
    if all(isinstance(c.value, DateSpan) for c in claims):
        return _dates(slot, sides)
    if all(isinstance(c.value, Quantity) for c in claims):
        return _numbers(slot, sides)
    return ""


def _label(c: Claim) -> str:
    who = f" · {c.attributed_to}" if c.attributed_to else ""
    text = f"{describe(c.value)}{who} · {c.source} l.{c.line}"
    return text.replace(":", " ").replace("#", "").replace(";", ",")


def _dates(slot: str, sides: list[list[Claim]]) -> str:
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
            lines.append(f"  {_label(c)} : {start.isoformat()}, {end.isoformat()}")
    return "\n".join(lines)


def _numbers(slot: str, sides: list[list[Claim]]) -> str:
    values = [c.value for side in sides for c in side if isinstance(c.value, Quantity)]
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
            iv = c.value.interval
            start = lo - pad if iv.low is None else iv.low
            end = hi + pad if iv.high is None else iv.high
            a, b = round(start * scale), round(end * scale)
            if b <= a:
                b = a + max(1, round(width * scale * 0.02))  # a point still shows as a bar
            lines.append(f"  {_label(c)} : {a}, {b}")
    return "\n".join(lines)


def _scale(top: float, known: list[float]) -> tuple[float, str]:
    """Whole numbers on the axis: small decimals are multiplied up, huge
    figures divided down (Mermaid's axis is JavaScript seconds)."""
    if top >= 1e9:
        power = 10 ** (3 * (int(math.log10(top)) // 3 - 1))
        return 1 / power, f", in units of {fmt_number(power)}"
    decimals = max((len(f"{x:.6g}".split(".")[1]) if "." in f"{x:.6g}" else 0) for x in known)
    decimals = min(decimals, 3)
    if decimals:
        return 10.0 ** decimals, f", ×{10 ** decimals}"
    return 1.0, ""
