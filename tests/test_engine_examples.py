"""The engine's example corpus (tests/data/engine_examples.yaml): each kind of
statement the issue on unseen text names, a text and what a starter slot
must take from it. A failing id reads `another place[0]`; the assertion shows
the text, what was expected and what came out, with the near misses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency.extract.matcher import Matcher
from consistency.rules import load_rules
from consistency.sources import Source
from consistency.values import Category, DateSpan, Quantity

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
BY_ID = {s.id: s for s in SLOTS}
EXAMPLES = yaml.safe_load((ROOT / "tests/data/engine_examples.yaml").read_text(encoding="utf-8"))
MATCHER = Matcher.build(SLOTS, VOCAB)  # every slot at once, as a run has them


def _fields(value: Any) -> dict[str, Any]:
    if isinstance(value, Quantity):
        return {"low": value.interval.low, "high": value.interval.high}
    if isinstance(value, DateSpan):
        return {"start": value.start, "end": value.end}
    if isinstance(value, Category):
        return {"label": value.label}
    return {}


def _holds(value: Any, want: dict[str, Any]) -> bool:
    got = _fields(value)
    for key, wanted in want.items():
        if key == "contains":
            if not (isinstance(value, Quantity) and value.interval.contains(float(wanted))):
                return False
        elif got.get(key) != wanted:
            return False
    return True


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['kind']}[{i}]" for i, e in enumerate(EXAMPLES)])
def test_engine_example(example: dict[str, Any]) -> None:
    slot = example["slot"]
    assert slot in BY_ID, f"no slot {slot} in rules/"
    published = example.get("published")
    source = Source("example", "example", text=example["text"],
                    published=published if isinstance(published, dt.date) or published is None
                    else dt.date.fromisoformat(published))
    extraction = MATCHER.extract(source, trace=True)
    claims = [c for c in extraction.claims if c.slot == slot]
    misses = [f"{m.surface!r}: {m.reason}" for m in extraction.misses if m.slot == slot]
    shown = f"{example['text']!r}\ngot {[(c.surface, _fields(c.value), c.attributed_to) for c in claims]}\n" \
            f"near misses: {misses}"
    if example["expect"] == "none":
        assert claims == [], shown
        return
    matching = [c for c in claims if _holds(c.value, example["expect"])]
    assert matching and len(matching) == len(claims), shown  # the value, and no other
    if "speaker" in example:
        assert matching[0].attributed_to == example["speaker"], shown
    if "as_of_end" in example:
        end = example["as_of_end"]
        assert matching[0].as_of is not None and matching[0].as_of.end == end, (shown, matching[0].as_of)
