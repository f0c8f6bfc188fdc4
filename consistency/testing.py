"""Running a rule's own examples: the rule file is its test corpus.

Used by the pytest suite (one test per example) so that a failing example
prints the text, what was expected and what came out.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from consistency.extract.matcher import Matcher
from consistency.model import Claim
from consistency.rules import Example, Expect, Slot
from consistency.sources import Source
from consistency.values import Category, DateSpan, Quantity, describe_span
from consistency.vocab import Vocabulary


def run_example(slot: Slot, example: Example, vocab: Vocabulary) -> list[Claim]:
    """The claims the slot takes from the example's text."""
    src = Source("example", "example", text=example.text, published=example.published)
    return Matcher.build([slot], vocab).extract(src).claims


def expected(example: Example) -> list[Expect]:
    if example.expect == "none":
        return []
    return example.expect if isinstance(example.expect, list) else [example.expect]


def mismatch(claims: list[Claim], wants: list[Expect]) -> str | None:
    """None when the claims match the expectations one to one, in order;
    otherwise a readable account of the difference."""
    got = [f"{c.surface!r} → {_show(c)}" for c in claims]
    if len(claims) != len(wants):
        return f"expected {len(wants)} claim(s), got {len(claims)}: {got or 'none'}"
    for claim, want in zip(claims, wants):
        bad = _fields_off(claim, want)
        if bad:
            return f"claim {claim.surface!r}: {', '.join(bad)} (got {_show(claim)})"
    return None


def _fields_off(claim: Claim, want: Expect) -> list[str]:
    v = claim.value
    actual: dict[str, Any] = {"attributed_to": claim.attributed_to}
    if isinstance(v, Quantity):
        iv = v.interval
        actual.update(low=iv.low, high=iv.high, low_inclusive=iv.low_inclusive, high_inclusive=iv.high_inclusive,
                      approximate=v.approximate, unit=v.unit)
    elif isinstance(v, DateSpan):
        actual.update(start=v.start, end=v.end, approximate=v.approximate)
    elif isinstance(v, Category):
        actual.update(label=v.label)
    off = []
    for name, wanted in want.model_dump(exclude_unset=True).items():
        if name == "contains":
            if not _contains(v, wanted):
                off.append(f"does not contain {wanted}")
            continue
        if name in ("as_of", "period"):
            span = claim.as_of if name == "as_of" else claim.period
            if span is None or not _contains(span, wanted):
                shown = describe_span(span) if span else "none"
                off.append(f"{name}: expected dates including {wanted}, got {shown}")
            continue
        have = actual.get(name)
        if isinstance(wanted, float) and isinstance(have, float):
            if not math.isclose(wanted, have, rel_tol=1e-9):
                off.append(f"{name}: expected {wanted}, got {have}")
        elif have != wanted:
            off.append(f"{name}: expected {wanted!r}, got {have!r}")
    return off


def _contains(v: Quantity | DateSpan | Category, x: float | dt.date) -> bool:
    if isinstance(v, DateSpan) and isinstance(x, dt.date):
        return (v.start is None or v.start <= x) and (v.end is None or x <= v.end)
    if isinstance(v, Quantity) and not isinstance(x, dt.date):
        return v.interval.contains(float(x))
    return False


def _show(c: Claim) -> str:
    from consistency.report.json import value_json

    return str(value_json(c.value)) + (f" said by {c.attributed_to}" if c.attributed_to else "")
