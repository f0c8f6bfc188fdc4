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


def add_list(rules: Path, line: str) -> Path:
    """A named list added at the top of `lists:` in _vocab.yaml."""
    path = rules / "_vocab.yaml"
    edit(path, "lists:\n", f"lists:\n  {line}\n")
    return path


def use_list(rules: Path, name: str) -> tuple[Path, tuple[int, int]]:
    """`$name` put first among the drones slot's triggers; its position."""
    path = rules / POLAND
    line = first_slot_key(rules, "triggers")
    edit(path, line, line.replace("triggers: [", f"triggers: [${name}, ", 1))
    return path, at(path, f"${name}")


def test_row_14_a_bad_pattern_in_a_vocabulary_list_is_named_where_it_is(rules: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    vocab = add_list(rules, 'badre: ["re:entered(?=x)"]')
    use_list(rules, "badre")
    line, col = at(vocab, '"re:entered')
    assert problems(capsys) == [f"rules/_vocab.yaml:{line}:{col}: lists.badre[0]: pattern `entered(?=x)` cannot be "
                                "used: lookahead `(?=…)` is not supported (patterns run on RE2, which never "
                                "backtracks)"]


def test_row_15_lists_naming_each_other_are_refused_with_the_loop(rules: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    vocab = add_list(rules, "la: [$lb, entered]\n  lb: [$la]")
    use_list(rules, "la")
    line, col = at(vocab, "$la]")
    assert problems(capsys) == [f"rules/_vocab.yaml:{line}:{col}: lists.lb[0]: `$la` makes a loop ($la → $lb → $la); "
                                "a list cannot contain itself"]


def test_row_16_a_list_naming_itself_is_refused(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vocab = add_list(rules, "self: [$self, entered]")
    use_list(rules, "self")
    line, col = at(vocab, "$self,")
    assert problems(capsys) == [f"rules/_vocab.yaml:{line}:{col}: lists.self[0]: `$self` makes a loop "
                                "($self → $self); a list cannot contain itself"]


def test_a_list_naming_another_is_expanded(rules: Path) -> None:
    from consistency.rules import load_rules

    add_list(rules, "incoming: [$inner, crossed into]\n  inner: [entered, flew into]")
    use_list(rules, "incoming")
    slots, vocab = load_rules(rules)
    assert vocab.lists["incoming"] == ["entered", "flew into", "crossed into"]
    drones = next(s for s in slots if s.id == DRONES)
    assert drones.triggers[:3] == ["entered", "flew into", "crossed into"]


def test_row_21_a_vague_range_that_is_not_finite_is_refused(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / "_vocab.yaml"
    edit(path, "several: [3, 7]", "several: [.nan, .inf]")
    line, col = at(path, "several:")
    assert problems(capsys) == [f"rules/_vocab.yaml:{line}:{col}: vague.several: [nan, inf] is not a range of "
                                "counts; write [low, high] with numbers from 0 up, such as [3, 7]"]


def test_row_23_an_infinite_rate_is_refused(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / "_vocab.yaml"
    edit(path, "rate: 1.16", "rate: .inf")
    line, col = at(path, "rate: .inf")
    assert problems(capsys) == [f"rules/_vocab.yaml:{line}:{col}: rates[0].rate: inf is not a rate; write what one "
                                "EUR is in USD, such as 1.16"]


@pytest.mark.parametrize(("phrase", "message"), [
    ("'   '", "is only spaces; write a word or phrase, or remove it"),
    ("'*'", "`*` alone matches every word; put `*` after a stem, as in `produc*`"),
    ("'re:'", "`re:` with no pattern after it; write the pattern, as in 're:\\bdrones?\\b'"),
    ("'re:x*'", "pattern `x*` matches an empty string, so it is found everywhere; make it need at least one "
                "character (`x+`, not `x*`)"),
    ("'re:\\w+'", "pattern `\\w+` matches any word, so it is found everywhere; name the words it is about"),
], ids=["row 39 spaces", "row 40 a bare star", "row 12 an empty pattern", "row 12 an empty-matching pattern",
        "a pattern matching any word"])
def test_rows_12_39_40_a_phrase_that_matches_nothing_or_everything_is_refused(
        phrase: str, message: str, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / POLAND
    line = first_slot_key(rules, "triggers")
    edit(path, line, line.replace("triggers: [", f"triggers: [{phrase}, ", 1))
    where = at(path, phrase)
    slot = path.read_text(encoding="utf-8")[:path.read_text(encoding="utf-8").index(f"id: {DRONES}")].count("- id: ")
    assert problems(capsys) == [f"rules/{POLAND}:{where[0]}:{where[1]}: slots[{slot}].triggers[0]: {message}"]


def test_row_4_a_bidi_override_in_a_rule_is_written_out_in_its_message(rules: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = rules / POLAND
    edit(path, f"  - id: {DRONES}\n", f"  - id: {DRONES}\u202ex\n")
    line, col = at(path, f"{DRONES}\u202ex")
    slot = path.read_text(encoding="utf-8")[:path.read_text(encoding="utf-8").index(f"id: {DRONES}")].count("- id: ")
    assert problems(capsys) == [  # the override written out, not obeyed on the terminal
        f"rules/{POLAND}:{line}:{col - 4}: slots[{slot}].id: `{DRONES}\\u202ex` is not a slot id; use lower-case "
        "words joined by dots, topic first (topic.fact_name)"]
