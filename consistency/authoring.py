"""Tools for rule authors: run a rule's examples, print the rule schema,
write a starter rule.

Rule authors work in YAML and never read our Python, so each tool answers in
their terms: the example text, what was expected, what came out; the slots
that never fire on a real corpus; a starter file whose comments say what
every key does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from consistency.extract.matcher import Matcher
from consistency.safeyaml import YamlProblem, parse

from consistency.rules import RuleFile, Slot, rule_files
from consistency.kinds import SLOT_TYPES
from consistency.rules.models import SLOT_ID
from consistency.sources import discover, load_file
from consistency.testing import expected, mismatch, run_example
from consistency.vocab import Vocabulary

SCHEMA_ID = "https://consistency.invalid/rule-file.schema.json"


@dataclass
class TestRun:
    """The outcome of `rules test`: lines to print and whether it failed."""

    lines: list[str] = field(default_factory=list)
    examples: int = 0
    failed: int = 0
    warnings: int = 0


def test_rules(slots: list[Slot], vocab: Vocabulary, corpus: list[Path]) -> TestRun:
    """Run every example of every slot; then report slots that take nothing
    from the corpus and slots without a negative example."""
    run = TestRun()
    for slot in slots:
        for i, ex in enumerate(slot.examples):
            run.examples += 1
            problem = mismatch(run_example(slot, ex, vocab), expected(ex))
            if ex.todo:
                if problem is None:
                    run.failed += 1
                    run.lines += [f"FAIL {slot.id}[{i}] passes now: remove its `todo: {ex.todo}`",
                                  f"     text: {ex.text}"]
                continue
            if problem is not None:
                run.failed += 1
                run.lines += [f"FAIL {slot.id}[{i}]", f"     text:     {ex.text}",
                              f"     expected: {_expectation(ex.expect)}", f"     got:      {problem}"]
        if not any(ex.expect == "none" for ex in slot.examples):
            run.warnings += 1
            run.lines.append(f"WARN {slot.id}: no negative example (`expect: none`): add a sentence that "
                             "uses the slot's words but must not fill it")
    files, _ = discover(corpus) if corpus else ([], [])
    if files:
        matcher = Matcher.build(slots, vocab)
        fired: set[str] = set()
        for f in files:
            for src in load_file(f):
                if not src.errors:
                    fired |= {c.slot for c in matcher.extract(src).claims}
        shown = ", ".join(str(p) for p in corpus)
        for slot in slots:
            if slot.id not in fired:
                run.warnings += 1
                run.lines.append(f"WARN {slot.id}: never fires on {shown} (no claim in {len(files)} sources); "
                                 f"`python -m consistency explain {slot.id}` shows the near misses")
    run.lines.append(f"{run.examples} examples, {run.failed} failed; {run.warnings} warning(s)")
    return run


def _expectation(expect: object) -> str:
    if expect == "none":
        return "no claim"
    items = expect if isinstance(expect, list) else [expect]
    return "; ".join(str(e.model_dump(exclude_unset=True, mode="json")) for e in items)  # type: ignore[attr-defined]


def schema() -> str:
    """The JSON Schema of a rule file, generated from the models."""
    doc = RuleFile.model_json_schema()
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
           "title": "consistency rule file", **{k: v for k, v in doc.items() if k != "title"}}
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


_STARTER_SLOT = """\
  - id: {slot_id}
    description: "REPLACE: what the fact is, in one sentence (which event, which figure)."
    type: {slot_type}{unit_line}
    # words that must stand near the value (plain words; `*` ends a stem; `$name` uses a list from _vocab.yaml)
    triggers: [REPLACE]
    # words that, as near as a trigger, mean the value is something else
    rivals: []
    # groups of words, one of each must appear within `context_window` sentences
    context: []
    context_window: 0
    # at most this many content words between value and trigger
    max_distance: 8
    # how far apart two values may be and still agree ({tolerance_hint})
    tolerance: {{absolute: 0, relative: 0}}
    severity: error
    # the slot's own tests: run them with `python -m consistency rules test {file}`
    examples:
      - text: REPLACE with a sentence that states the fact.
        expect: {expect}
        todo: write a real example, then delete this line
      - text: REPLACE with a sentence that uses the trigger words but must not fill the slot.
        expect: none
"""
_UNIT_LINE = {
    "count": "\n    # what is counted: a name under `units:` in _vocab.yaml (or list `unit_words:` here)\n    unit: REPLACE",
    "quantity": "\n    # the unit: a name under `units:` in _vocab.yaml (or list `unit_words:` here)\n    unit: REPLACE",
    "percent": "\n    unit: percent",
    "money": "\n    # the currency the figures are in: USD, EUR, GBP, UAH or RUB\n    unit: USD",
    "duration": "\n    # day (hours and weeks convert to days), month or year\n    unit: day",
    "date": "",
    "category": "\n    # the closed list of labels (rename these), each with the phrases that say it\n"
                "    labels:\n      label_a: [REPLACE]\n      label_b: [REPLACE]\n"
                "    # what a negated label becomes (\"did not reject\"); a label not listed is dropped\n"
                "    negated: {}\n"
                "    # true when the fact may change over time (a stance, a title): a change is not a conflict\n"
                "    changes: false",
    "ratio": "\n    # a ratio of two rates: \"in three months what NATO makes in a year\" is 4; it has no unit",
}
_EXPECT = {
    "count": "{low: 0, high: 0}", "quantity": "{low: 0, high: 0}", "percent": "{low: 0, high: 0, unit: percent}",
    "money": "{low: 0, high: 0, unit: USD}", "duration": "{low: 0, high: 0, unit: day}",
    "date": "{start: 2025-01-01, end: 2025-01-01}", "category": "{label: label_a}", "ratio": "{low: 0, high: 0}",
}


_TOLERANCE_HINT = {"date": "days", "category": "labels agree only when equal: keep it 0"}


def existing_ids(folder: Path) -> set[str]:
    """Slot ids already written in a rules folder, read leniently: a starter
    still being filled in must not stop the next `rules new`."""
    ids: set[str] = set()
    for path in rule_files(folder) if folder.is_dir() else []:
        try:
            data = parse(path.read_text(encoding="utf-8"), kind="rule files")[0]
        except (YamlProblem, OSError, UnicodeDecodeError):
            continue
        slots = data.get("slots") if isinstance(data, dict) else None
        ids |= {str(s["id"]) for s in slots or [] if isinstance(s, dict) and "id" in s}
    return ids


def starter(folder: Path, slot_id: str, slot_type: str, existing: set[str]) -> tuple[Path, str]:
    """The file to write and its new text: a new topic file, or the topic's
    file with the slot appended. Raises ValueError with the reason."""
    if slot_type not in SLOT_TYPES:
        raise ValueError(f"unknown type `{slot_type}`; use one of {', '.join(SLOT_TYPES)}")
    if not re.fullmatch(SLOT_ID, slot_id):
        raise ValueError(f"`{slot_id}` is not a slot id; use lower-case words joined by dots, topic first "
                         "(kyiv_attack.death_toll)")
    parts = slot_id.split(".")
    if slot_id in existing:
        raise ValueError(f"`{slot_id}` already exists; pick another id")
    path = folder / f"{parts[0]}.yaml"
    slot_text = _STARTER_SLOT.format(
        slot_id=slot_id, slot_type=slot_type, unit_line=_UNIT_LINE[slot_type], expect=_EXPECT[slot_type],
        file=path.as_posix(), tolerance_hint=_TOLERANCE_HINT.get(slot_type, "in the slot's unit; relative 0.1 = ±10%"))
    if path.exists():
        text = path.read_text(encoding="utf-8")
        return path, text.rstrip("\n") + "\n\n" + slot_text
    header = ("# yaml-language-server: $schema=schema.json\n"
              "description: \"REPLACE: the story or topic these slots belong to.\"\nslots:\n")
    return path, header + slot_text
