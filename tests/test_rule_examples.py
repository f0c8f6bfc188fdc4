"""Every example in every rule file is a test (the rule is its own corpus).

A failing test id reads `nato.spending_target_pct[2]`; the message shows the
text, what was expected and what came out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.rules import Example, Slot, load_rules
from consistency.testing import expected, mismatch, run_example

RULES = Path(__file__).resolve().parent.parent / "rules"
SLOTS, VOCAB = load_rules(RULES)
CASES = [
    pytest.param(slot, ex, id=f"{slot.id}[{i}]",
                 marks=[pytest.mark.xfail(reason=ex.todo, strict=True)] if ex.todo else [])
    for slot in SLOTS for i, ex in enumerate(slot.examples)
]


@pytest.mark.parametrize(("slot", "example"), CASES)
def test_example(slot: Slot, example: Example) -> None:
    problem = mismatch(run_example(slot, example, VOCAB), expected(example))
    assert problem is None, f"{example.text!r}\n{problem}"


def test_every_slot_has_positive_and_negative_examples() -> None:
    thin = [s.id for s in SLOTS
            if sum(e.expect != "none" for e in s.examples) < 3 or not any(e.expect == "none" for e in s.examples)]
    assert thin == [], f"slots need at least 3 positive and 1 `expect: none` example: {thin}"


def test_starter_slots_are_defined() -> None:
    assert sorted(s.id for s in SLOTS) == sorted([
        "poland_incursion.drones_entered", "poland_incursion.drones_shot_down", "poland_incursion.date",
        "overnight_attack_on_ukraine.drones_launched", "overnight_attack_on_ukraine.missiles_launched",
        "hague_summit.dates", "hague_summit.duration", "nato.spending_target_pct", "nato.spending_core_pct",
        "nato.spending_broader_pct", "nato.spending_target_year", "nato.previous_benchmark_pct",
        "nato.member_count", "ukraine.drone_production_per_year", "ukraine.defence_industry_capacity_usd",
        "spain.spending_pct_claimed",
        # issue 7: a stance and a title (categories), a ratio, a total over a period in two currencies
        "spain.stance_on_5pct_target", "trump.title", "russia.ammunition_output_vs_nato",
        "europe.military_aid_to_ukraine_2025",
    ])
