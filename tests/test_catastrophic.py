"""A rule author's regular expression can never hang a run (README "Writing a
rule": `re:` patterns run on RE2). Patterns that take exponential time on a
backtracking engine, over 100 kB of the letter they repeat, must come back in
under a second through the whole check, and through `explain`.

The inputs are the worst cases for backtracking: a run of the repeated letter
that the pattern then fails to match at its end (`!`, no `y`). Python's own
`re` is never run on them here: it would not return.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from consistency.explain import explain
from consistency.pipeline import check
from consistency.rules import load_rules
from consistency.values import describe

SIZE = 100_000
LIMIT = 1.0  # seconds, from issue 3's acceptance criteria

RULE = """\
slots:
  - id: bomb.value
    description: A fact found by a pattern that would hang a backtracking engine.
    type: count
    bare_number: true
    triggers: [{trigger}]
    examples:
      - text: Poland said 19 drones entered.
        expect: none
"""


def rules_with_trigger(tmp_path: Path, trigger: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(RULE.format(trigger=f'"{trigger}"'), encoding="utf-8")
    return folder


def timed_check(sources: Path, rules: Path) -> tuple[float, object]:
    slots, vocab = load_rules(rules)  # the loader accepts the pattern: RE2 can run it
    began = time.perf_counter()
    report = check([sources], slots, vocab)
    return time.perf_counter() - began, report


@pytest.mark.parametrize(("trigger", "text"), [
    ("re:(a+)+$", "a" * SIZE),                  # matches: the whole 100 kB
    ("re:(a+)+$", "a" * (SIZE - 1) + "!"),      # fails at the very end: exponential when backtracking
    ("re:(x+x+)+y", "x" * SIZE),                # no `y` anywhere: exponential when backtracking
    ("re:(a|aa)+$", "a" * (SIZE - 1) + "!"),
], ids=["a+_matches", "a+_fails_at_the_end", "x+x+_no_y", "a|aa_fails_at_the_end"])
def test_catastrophic_trigger_over_100_kB_returns_in_under_a_second(trigger: str, text: str, tmp_path: Path) -> None:
    rules = rules_with_trigger(tmp_path, trigger)
    (tmp_path / "src").mkdir()
    (tmp_path / "src/big.txt").write_text(text, encoding="utf-8")
    assert (tmp_path / "src/big.txt").stat().st_size == SIZE
    seconds, report = timed_check(tmp_path / "src", rules)
    assert seconds < LIMIT, f"{trigger} over {SIZE} bytes took {seconds:.2f}s"
    assert [(s.id, s.errors) for s in report.sources] == [("big", [])]  # type: ignore[attr-defined]
    assert report.claims == []  # type: ignore[attr-defined]


def test_catastrophic_pattern_that_matches_is_used_not_skipped(tmp_path: Path) -> None:
    """The same pattern where it matches: the claim beside 100 kB of `a`s is
    taken, so the patterns really ran (a slot that skipped long text would also
    be fast)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bomb.yaml").write_text("""\
slots:
  - id: bomb.drones
    description: Drones, found by patterns that would hang a backtracking engine.
    type: count
    unit: drone
    unit_words: ["re:drones?", "re:(d+r+o+n+e+s*)+"]
    triggers: ["re:(e+n+t+e+r+e+d+)+", "re:(a+)+$"]
    rivals: ["re:(x+x+)+y"]
    context: [["re:(P+o+l+a+n+d+)+", "re:(a|aa)+$"]]
    exclude: ["re:(a|a)+b"]
    max_distance: 60
    examples:
      - text: Poland said 19 drones entered its airspace.
        expect: {low: 19, high: 19}
      - text: Poland said nothing.
        expect: none
""", encoding="utf-8")
    (tmp_path / "src").mkdir()
    tail = "a" * SIZE + "!"
    (tmp_path / "src/big.txt").write_text(f"Poland said 19 drones entered its airspace {tail}\n", encoding="utf-8")
    seconds, report = timed_check(tmp_path / "src", rules)
    assert seconds < LIMIT, f"took {seconds:.2f}s"
    claims = report.claims  # type: ignore[attr-defined]
    assert [(c.source, c.line, c.surface, describe(c.value)) for c in claims] == [("big", 1, "19", "19 drones")]

    slots, vocab = load_rules(rules)
    began = time.perf_counter()
    text = explain(slots[0], [tmp_path / "src"], vocab)
    seconds = time.perf_counter() - began
    assert seconds < LIMIT, f"explain took {seconds:.2f}s"
    assert "Claims (1):" in text and "“19” → 19 drones" in text
