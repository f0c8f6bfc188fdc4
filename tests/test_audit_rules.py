"""The bad rules of the reliability audit (../shared/audits/reliability-2026-12.md,
"Bad rules"), each made a test: a copy of rules/ broken in one way, checked
against the seeds. Each mistake must stop the run with exit 2 and exactly
its lines, `file:LINE:COL: key.path: what is wrong; the fix`, never an
internal error, and never be accepted silently.

Lines and columns are found in the edited text, so the rule files may
change without breaking these tests. Test names carry the audit's row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consistency.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
POLAND = "poland_incursion.yaml"
DRONES = "poland_incursion.drones_entered"


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/rules, a copy of rules/; cwd is tmp so messages say `rules/…`."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{path.name} no longer has {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def at(path: Path, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column where the nth `needle` occurs in the file."""
    text = path.read_text(encoding="utf-8")
    i = -1
    for _ in range(nth):
        i = text.index(needle, i + 1)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def problems(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """`check` on the seeds with ./rules: exit 2 and only problems, each
    without the `consistency: ` prefix."""
    code = main(["check", str(SEEDS), "--rules", "rules", "--output", "report.md", "--no-cache"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    assert code == 2, err
    assert not Path("report.md").exists()
    *found, last = [line.removeprefix("consistency: ") for line in err.splitlines()]
    assert last == f"{len(found)} problem(s) in the rules; nothing was checked"
    return found


def first_slot_key(rules: Path, key: str) -> str:
    """The first `    key: …` line of the drones slot, as written."""
    text = (rules / POLAND).read_text(encoding="utf-8")
    start = text.index(f"id: {DRONES}")
    line_start = text.index(f"    {key}:", start)
    return text[line_start:text.index("\n", line_start)]


def test_row_26_a_key_given_twice_in_a_slot_is_an_error_naming_both(rules: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / POLAND
    line = first_slot_key(rules, "triggers")
    edit(path, line, "    triggers: [launched]\n" + line)
    first, second = at(path, "triggers: [launched]"), at(path, line.strip())
    assert problems(capsys) == [
        f"rules/{POLAND}:{second[0]}:{second[1]}: `triggers` is given twice in one mapping (first at line "
        f"{first[0]}, column {first[1]}); YAML would keep only the last: merge them into one"]


def test_row_27_id_given_twice_in_a_slot_is_an_error(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / POLAND
    edit(path, f"  - id: {DRONES}\n", f"  - id: {DRONES}\n    id: poland_incursion.renamed\n")
    first, second = at(path, f"id: {DRONES}"), at(path, "id: poland_incursion.renamed")
    assert problems(capsys) == [
        f"rules/{POLAND}:{second[0]}:{second[1]}: `id` is given twice in one mapping (first at line {first[0]}, "
        f"column {first[1]}); YAML would keep only the last: merge them into one"]


def test_row_28_a_unit_given_twice_in_the_vocabulary_is_an_error(rules: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / "_vocab.yaml"
    edit(path, "  drone: [", "  drone: [robot*]\n  drone: [")
    first, second = at(path, "drone: [robot*]"), at(path, "drone: [", 2)
    assert problems(capsys) == [
        f"rules/_vocab.yaml:{second[0]}:{second[1]}: `drone` is given twice in one mapping (first at line "
        f"{first[0]}, column {first[1]}); YAML would keep only the last: merge them into one",
        "rules/_vocab.yaml: fix it first; the rule files are checked once it loads"]


def test_row_30_ten_thousand_nested_brackets_are_refused_with_a_position(rules: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / "nato.yaml"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("x: " + "[" * 10_000 + "]" * 10_000 + "\n")
    line, _ = at(path, "x: [")
    assert problems(capsys) == [f"rules/nato.yaml:{line}:67: nested too deeply (more than 64 levels of lists and "
                                "mappings)"]


def test_row_51_an_example_dated_on_a_day_that_does_not_exist(rules: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / POLAND
    text = path.read_text(encoding="utf-8")
    start = text.index("    examples:\n", text.index(f"id: {DRONES}"))
    first = text.index("      - text: ", start)
    path.write_text(text[:first] + "      - published: 2025-02-30\n        text: " + text[first + 14:],
                    encoding="utf-8")
    line, col = at(path, "published: 2025-02-30")
    examples = path.read_text(encoding="utf-8")[:text.index(f"id: {DRONES}")].count("  - id: ")
    assert problems(capsys) == [f"rules/{POLAND}:{line}:{col}: slots[{examples}].examples[0].published: expected a "
                                "date such as 2025-06-12, got `2025-02-30`"]
