"""A mistake in a rule file stops the run with exit 2 and one line per
problem, `file:LINE:COL: key.path: what is wrong and what to change`
(README "Writing rules"), never a traceback, and no report is written.

Each case copies a starter rule file (rules/spain.yaml) into a tmp rules
folder and breaks it in one way; line and column are found in the edited
text, so the starter file may grow without breaking these tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import BaseModel

from consistency.cli import main
from consistency.rules import RuleError, Slot, load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
STARTER = "spain.yaml"
SPAIN_ID = "spain.spending_pct_claimed"


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/rules/spain.yaml, a valid copy of the starter file's first slot; cwd is tmp so messages say
    `rules/spain.yaml`."""
    (tmp_path / "rules").mkdir()
    text = (RULES / STARTER).read_text(encoding="utf-8")
    cut = text.find("\n\n  - id: ")  # the slots after the first: the edits below aim at one slot
    (tmp_path / "rules" / STARTER).write_text(text if cut < 0 else text[:cut + 1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} no longer has exactly one {old!r}; update this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


def at(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column where `needle` first occurs in the file."""
    text = path.read_text(encoding="utf-8")
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def problems(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run `check` on the seeds with ./rules; it must stop with exit 2 and
    report only problems. Returns them without the `consistency: ` prefix."""
    code = main(["check", str(SEEDS), "--rules", "rules", "--output", "report.md"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    assert code == 2, err
    assert out == ""
    assert not Path("report.md").exists(), "a report was written although the rules are broken"
    lines = err.splitlines()
    assert all(line.startswith("consistency: ") for line in lines), err
    *found, last = [line.removeprefix("consistency: ") for line in lines]
    assert last == f"{len(found)} problem(s) in the rules; nothing was checked"
    return found


def test_the_unmodified_starter_copy_is_valid(rules: Path) -> None:
    slots, _ = load_rules(Path("rules"))
    assert [s.id for s in slots] == [SPAIN_ID]


# ---------------------------------------------------------------- one mistake each

def test_misspelled_key_suggests_the_right_one(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers:", "\n    trigers:")
    line, _ = at(f, "trigers:")
    id_line, id_col = at(f, "id: ")
    found = problems(capsys)
    # one mistake, one line: the typo's knock-on "triggers is missing" is folded into the suggestion
    assert found == [f"rules/spain.yaml:{line}:5: slots[0].trigers: unknown key `trigers` (did you mean `triggers`?)"]
    assert (id_line, id_col) != (line, 5)


def test_misspelled_key_points_at_the_key(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers:", "\n    trigers:")
    line, col = at(f, "trigers:")
    assert col == 5
    assert f"rules/spain.yaml:{line}:5: slots[0].trigers: unknown key `trigers` (did you mean `triggers`?)" \
        in problems(capsys)


def test_wrong_type_lists_the_allowed_types(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "type: percent\n", "type: percentage\n")
    line, col = at(f, "type: percentage")
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].type: `percentage`: unknown slot type; "
        "use one of count, quantity, percent, money, date, duration, category, ratio"]


def test_missing_required_key(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    line_text = next(x for x in f.read_text(encoding="utf-8").splitlines(keepends=True) if x.startswith("    triggers:"))
    edit(f, line_text, "")
    line, col = at(f, "id: ")
    assert problems(capsys) == [f"rules/spain.yaml:{line}:{col}: slots[0].triggers: required key missing"]


@pytest.mark.parametrize("relative", ["-0.1", "1.5"])
def test_senseless_tolerance_is_refused(relative: str, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    max_distance:", f"\n    tolerance: {{relative: {relative}}}\n    max_distance:")
    line, col = at(f, f"relative: {relative}")
    found = problems(capsys)
    assert len(found) == 1, found
    assert found[0].startswith(f"rules/spain.yaml:{line}:{col}: slots[0].tolerance.relative: ")


@pytest.mark.parametrize("relative", ["-0.1", "1.5"])
def test_senseless_tolerance_message_explains_the_range(relative: str, rules: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    max_distance:", f"\n    tolerance: {{relative: {relative}}}\n    max_distance:")
    line, col = at(f, f"relative: {relative}")
    found = problems(capsys)
    assert len(found) == 1, found
    prefix = f"rules/spain.yaml:{line}:{col}: slots[0].tolerance.relative: "
    assert found[0].startswith(prefix)
    assert relative in found[0].removeprefix(prefix) and "between 0 and 1" in found[0], found[0]


def test_invalid_yaml_names_the_line(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    unit: percent\n", "\n      unit: percent\n")  # indented two spaces too far
    line, col = at(f, "unit: percent")
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col + 4}: not valid YAML: mapping values are not allowed here; "
        "check indentation and quoting"]


def test_duplicate_slot_id_across_files(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the usual way to get one: copy a rule file to start a new topic and forget to rename the ids
    shutil.copy(rules / STARTER, rules / "spain2.yaml")
    line, col = at(rules / "spain2.yaml", "id: ")  # problems point at the key
    assert problems(capsys) == [
        f"rules/spain2.yaml:{line}:{col}: slots[0].id: `{SPAIN_ID}` must start with `spain2.`, the file's name "
        "(or move the slot to spain.yaml)",
        f"rules/spain2.yaml:{line}:{col}: slots[0].id: `{SPAIN_ID}` is already defined at "
        f"rules/spain.yaml:{line}:{col}; slot ids are unique",
    ]


def test_duplicate_slot_id_within_a_file(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    text = f.read_text(encoding="utf-8")
    slot = text[text.index("  - id: "):]
    f.write_text(text.rstrip("\n") + "\n\n" + slot, encoding="utf-8")
    line = text.rstrip("\n").count("\n") + 3
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:5: slots[1].id: `{SPAIN_ID}` is already defined at "
        f"rules/spain.yaml:{at(f, 'id: ')[0]}:5; slot ids are unique"]


def test_slot_id_must_start_with_the_file_name(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, f"id: {SPAIN_ID}", "id: nato.spending_pct_claimed")
    line, col = at(f, "id: ")
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].id: `nato.spending_pct_claimed` must start with `spain.`, "
        "the file's name (or move the slot to nato.yaml)"]


def test_regex_phrase_must_compile(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers: [", '\n    triggers: ["re:(unclosed", ')
    line, col = at(f, '"re:(unclosed"')
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: pattern `(unclosed` cannot be used: "
        "a `(` is never closed"]


def test_a_word_boundary_yaml_made_a_backspace_is_refused(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In double quotes YAML reads `\\b` as a backspace: the pattern would never match, silently."""
    f = rules / STARTER
    edit(f, "\n    triggers: [", '\n    triggers: ["re:\\bsaid no\\b", ')
    line, col = at(f, '"re:\\bsaid no\\b"')
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: pattern `\\bsaid no\\b` holds a backspace where a "
        "word boundary `\\b` was meant: in double quotes YAML reads `\\b` as a backspace; put the pattern in single "
        "quotes ('re:\\bsaid no\\b')"]


def test_vocabulary_range_upside_down(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (rules / "_vocab.yaml").write_text("vague:\n  several: [7, 3]\n", encoding="utf-8")
    assert problems(capsys) == ["rules/_vocab.yaml:2:3: vague.several: [7.0, 3.0] runs backwards; write [low, high]"]


def test_rules_folder_without_rule_files(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (rules / STARTER).unlink()
    (rules / "notes.txt").write_text("not a rule\n", encoding="utf-8")
    assert problems(capsys) == ["rules: no rule files (*.yaml); add one, e.g. rules/topic.yaml"]


def test_rules_given_as_a_file_says_to_pass_its_folder(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(SEEDS), "--rules", "rules/spain.yaml", "--output", "report.md"])
    _, err = capsys.readouterr()
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("consistency: rules/spain.yaml: ") and "is a file" in first and "create" not in first


def test_bad_expect_is_one_problem(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "expect: none", "expect: nothing")
    line, col = at(f, "expect: nothing")
    found = problems(capsys)
    assert len(found) == 1, found
    assert found[0].startswith(f"rules/spain.yaml:{line}:{col}: slots[0].examples[")
    assert "`none`" in found[0] and "nothing" in found[0], found[0]


# ---------------------------------------------------------------- all at once

def test_every_problem_in_the_folder_is_reported_in_one_run(rules: Path) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers:", "\n    trigers:")                 # 1: unknown key (its knock-on folded in)
    edit(f, "type: percent\n", "type: percentage\n")              # 1
    edit(f, "\n    max_distance:", "\n    tolerance: {relative: 1.5}\n    max_distance:")  # 1
    (rules / "broken.yaml").write_text("slots:\n  - id: broken.x\n   type: count\n", encoding="utf-8")  # 1: YAML
    (rules / "other.yaml").write_text(f.read_text(encoding="utf-8").replace("trigers", "triggers")  # 1: prefix
                                      .replace("percentage", "percent").replace("    tolerance: {relative: 1.5}\n", ""),
                                      encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "consistency", "check", str(SEEDS), "--rules", "rules",
                           "--output", "report.md"], cwd=rules.parent, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert not (rules.parent / "report.md").exists()
    lines = proc.stderr.splitlines()
    assert len(lines) == 6, proc.stderr
    assert lines[-1] == "consistency: 5 problem(s) in the rules; nothing was checked"
    keys = sorted(line.split(": ")[2] for line in lines[:-1])
    assert keys == ["not valid YAML", "slots[0].id", "slots[0].tolerance.relative", "slots[0].trigers",
                    "slots[0].type"]
    files = sorted(line.split(":")[1] for line in lines[:-1])
    assert files == [" rules/broken.yaml", " rules/other.yaml"] + [" rules/spain.yaml"] * 3


# ---------------------------------------------------------------- load_rules itself

def test_load_rules_problem_for_a_missing_key(rules: Path) -> None:
    f = rules / STARTER
    line_text = next(x for x in f.read_text(encoding="utf-8").splitlines(keepends=True) if x.startswith("    triggers:"))
    edit(f, line_text, "")
    line, col = at(f, "id: ")
    with pytest.raises(RuleError) as exc:
        load_rules(Path("rules"))
    assert exc.value.problems == [f"rules/spain.yaml:{line}:{col}: slots[0].triggers: required key missing"]


def test_load_rules_problem_for_a_foreign_slot_id(rules: Path) -> None:
    edit(rules / STARTER, f"id: {SPAIN_ID}", "id: nato.spending_pct_claimed")
    line, col = at(rules / STARTER, "id: ")
    with pytest.raises(RuleError) as exc:
        load_rules(Path("rules"))
    assert exc.value.problems == [
        f"rules/spain.yaml:{line}:{col}: slots[0].id: `nato.spending_pct_claimed` must start with `spain.`, "
        "the file's name (or move the slot to nato.yaml)"]
    assert str(exc.value) == exc.value.problems[0]


def test_load_rules_problem_for_a_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuleError) as exc:
        load_rules(Path("nope"))
    assert exc.value.problems == ["nope: rules folder not found; pass --rules DIR, or create nope/ with a rule file "
                                  "(python -m consistency rules new topic.fact --type count)"]


# ---------------------------------------------------------------- more kinds of broken file (issue 3)

def keys(model: type[BaseModel]) -> str:
    return ", ".join(sorted(model.model_fields))


def with_vocab(rules: Path) -> None:
    """The committed rules/_vocab.yaml beside the starter, for messages that list its units and lists."""
    shutil.copy(RULES / "_vocab.yaml", rules / "_vocab.yaml")


@pytest.mark.parametrize(("old", "new", "needle", "key", "allowed"), [
    ("\n    max_distance:", "\n    colour: blue\n    max_distance:", "colour:", "slots[0].colour", keys(Slot)),
    ("\nslots:", "\nauthor: me\nslots:", "author:", "author", "description, event, slots"),
    ("expect: none", "expect: none\n        note: fails", "note:", "slots[0].examples[3].note",
     "expect, published, text, todo"),
], ids=["slot", "file", "example"])
def test_unknown_key_that_resembles_nothing_lists_the_allowed_keys(old: str, new: str, needle: str, key: str,
                                                                  allowed: str, rules: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, old, new)
    line, col = at(f, needle)
    word = needle.rstrip(":")
    assert problems(capsys) == [f"rules/spain.yaml:{line}:{col}: {key}: unknown key `{word}`; allowed keys: {allowed}"]


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("{low: 2.1, high: 2.1}", "{low: 2.1, hihg: 2.1}", "hihg: 2.1",
     "slots[0].examples[1].expect.hihg: unknown key `hihg` (did you mean `high`?)"),
    ("{low: 2.1, high: 2.1}", "{low: abc, high: 2.1}", "low: abc",
     "slots[0].examples[1].expect.low: expected a number, got `abc`"),
], ids=["misspelled_key", "wrong_value"])
def test_mistake_inside_expect_is_one_line(old: str, new: str, needle: str, message: str, rules: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, f"expect: {old}\n", f"expect: {new}\n")
    line, col = at(f, needle)
    assert problems(capsys) == [f"rules/spain.yaml:{line}:{col}: {message}"]


@pytest.mark.parametrize(("pattern", "construct"), [
    ("(?<=a)b", "lookbehind `(?<=…)`"),
    ("(?<!a)b", "negative lookbehind `(?<!…)`"),
    ("a(?=b)", "lookahead `(?=…)`"),
    (r"(a)\1", r"backreference `\1`"),
], ids=["lookbehind", "negative_lookbehind", "lookahead", "backreference"])
def test_regex_construct_re2_refuses_is_named(pattern: str, construct: str, rules: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers: [", f"\n    triggers: ['re:{pattern}', ")
    line, col = at(f, f"'re:{pattern}'")
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: pattern `{pattern}` cannot be used: "
        f"{construct} is not supported (patterns run on RE2, which never backtracks)"]


@pytest.mark.parametrize("pattern", ["((((a{100}){100}){100}){100})", "a{1001}"], ids=["nested", "over_1000"])
def test_regex_too_large_says_why_in_the_authors_terms(pattern: str, rules: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    edit(f, "\n    triggers: [", f'\n    triggers: ["re:{pattern}", ')
    line, col = at(f, f'"re:{pattern}"')
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: pattern `{pattern}` cannot be used: it is too "
        "large for RE2 (a counted repetition `{n}` over 1000, or nested ones whose counts multiply past 1000); "
        "use `+` or `*`, or smaller counts"]


def test_regex_too_large_is_refused_before_the_run(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever its wording, a pattern RE2 cannot build is one problem line, never an internal error."""
    pattern = "((((a{100}){100}){100}){100})"
    f = rules / STARTER
    edit(f, "\n    triggers: [", f'\n    triggers: ["re:{pattern}", ')
    line, col = at(f, f'"re:{pattern}"')
    found = problems(capsys)
    assert len(found) == 1, found
    assert found[0].startswith(f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: pattern `{pattern}` "
                               "cannot be used: ")


def billion_laughs(levels: int = 10, width: int = 9) -> str:
    """The classic alias bomb: each level lists the previous one `width` times (9**9 strings if expanded)."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    lines.append(f"slots: *{chr(ord('a') + levels - 1)}")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    f.write_text(billion_laughs(), encoding="utf-8")
    text = f.read_text(encoding="utf-8")
    fifty_first = [i for i, ch in enumerate(text) if ch == "*"][50]
    line, col = text.count("\n", 0, fifty_first) + 1, fifty_first - (text.rfind("\n", 0, fifty_first) + 1) + 1
    began = time.perf_counter()
    found = problems(capsys)
    assert time.perf_counter() - began < 1.0
    assert found == [f"rules/spain.yaml:{line}:{col}: more than 50 aliases (*name); rule files do not need anchors "
                     "and aliases, write the lists out"]


@pytest.mark.parametrize("aliases", [50, 51])
def test_alias_limit_is_fifty(aliases: int, rules: Path) -> None:
    """A file may use anchors and aliases a little: 50 aliases load, the 51st is refused."""
    f = rules / STARTER
    edit(f, "\n    triggers: [require*", "\n    triggers: [&need require*")
    edit(f, "\n    max_distance:", "\n    exclude: [" + ", ".join(["*need"] * aliases) + "]\n    max_distance:")
    if aliases == 50:
        slots, _ = load_rules(Path("rules"))
        assert slots[0].exclude == ["require*"] * 50
        return
    text = f.read_text(encoding="utf-8")
    last = text.rindex("*need")
    line, col = text.count("\n", 0, last) + 1, last - (text.rfind("\n", 0, last) + 1) + 1
    with pytest.raises(RuleError) as exc:
        load_rules(Path("rules"))
    assert exc.value.problems == [f"rules/spain.yaml:{line}:{col}: more than 50 aliases (*name); rule files do "
                                  "not need anchors and aliases, write the lists out"]


@pytest.mark.parametrize("vocab", [True, False], ids=["with_vocab", "without_vocab"])
def test_unknown_unit_names_the_known_units(vocab: bool, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if vocab:
        with_vocab(rules)
    f = rules / STARTER
    edit(f, "type: percent\n", "type: count\n")
    edit(f, "unit: percent\n", "unit: drones\n")
    line, col = at(f, "unit: drones")
    known = "drone, member, missile, person" if vocab else "none yet"
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].unit: unknown unit `drones`; units in _vocab.yaml: {known} "
        "(add `drones: [its words]` under `units:` there)"]


def test_missing_examples(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    text = f.read_text(encoding="utf-8")
    f.write_text(text[:text.index("    examples:")], encoding="utf-8")
    line, col = at(f, "id: ")
    assert problems(capsys) == [f"rules/spain.yaml:{line}:{col}: slots[0].examples: required key missing"]


def test_empty_examples_list(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = rules / STARTER
    text = f.read_text(encoding="utf-8")
    f.write_text(text[:text.index("    examples:")] + "    examples: []\n", encoding="utf-8")
    line, col = at(f, "examples:")
    assert problems(capsys) == [f"rules/spain.yaml:{line}:{col}: slots[0].examples: is empty; give at least one entry"]


@pytest.mark.parametrize("text", ["", "\n\n", "# yaml-language-server: $schema=schema.json\n"],
                         ids=["zero_bytes", "blank_lines", "only_a_comment"])
def test_empty_rule_file(text: str, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (rules / STARTER).write_text(text, encoding="utf-8")
    assert problems(capsys) == [
        "rules/spain.yaml:1:1: the file is empty; a rule file holds a `slots:` list "
        "(python -m consistency rules new topic.fact --type count writes one)"]


def test_rule_file_that_is_a_list(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (rules / STARTER).write_text(f"- id: {SPAIN_ID}\n  type: percent\n", encoding="utf-8")
    assert problems(capsys) == ["rules/spain.yaml:1:1: a rule file is a mapping with a `slots:` list, not a list"]


@pytest.mark.parametrize(("text", "what"), [("hello\n", "text"), ("42\n", "a number")], ids=["text", "number"])
def test_rule_file_that_is_a_scalar(text: str, what: str, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (rules / STARTER).write_text(text, encoding="utf-8")
    assert problems(capsys) == [f"rules/spain.yaml:1:1: a rule file is a mapping with a `slots:` list, not {what}"]


@pytest.mark.parametrize("vocab", [True, False], ids=["with_vocab", "without_vocab"])
def test_unknown_vocabulary_list(vocab: bool, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if vocab:
        with_vocab(rules)
    f = rules / STARTER
    edit(f, "\n    triggers: [", "\n    triggers: [$reporting_verb, ")
    line, col = at(f, "$reporting_verb")
    known = "$entering, $exempting, $launching, $meeting, $rejecting, $reporting_verbs, $shooting_down, $supporting" if vocab else "none yet"
    assert problems(capsys) == [
        f"rules/spain.yaml:{line}:{col}: slots[0].triggers[0]: unknown vocabulary list `$reporting_verb`; "
        f"lists in _vocab.yaml: {known}"]


# ---------------------------------------------------------------- README's example lines

def readme_mistakes() -> list[str]:
    """The lines README shows under "Mistakes stop the run", without the `consistency: ` prefix."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Mistakes stop the run.*?```\n(.*?)```", readme, re.S)
    assert block, "README.md no longer has the block of example mistakes"
    lines = block.group(1).splitlines()
    assert all(x.startswith("consistency: ") for x in lines), lines
    return [x.removeprefix("consistency: ") for x in lines]


def readme_mistakes_made(rules: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The three mistakes README shows, made in a copy of the committed rules, in one run."""
    shutil.copytree(RULES, rules, dirs_exist_ok=True)
    edit(rules / "spain.yaml", "\n    triggers: [require", "\n    trigers: [require")
    edit(rules / "spain.yaml", "type: percent\n", "type: percentage\n")
    edit(rules / "nato.yaml", "    unit: member\n", "    unit: drones\n")  # nato.member_count, its one count slot
    return problems(capsys)


def _shape(line: str) -> tuple[str, str, str]:
    """(file, key without list indices, message) of a problem line."""
    where, key, message = line.split(": ", 2)
    return where.split(":")[0], re.sub(r"\[\d+\]", "", key), message


def test_readme_mistake_messages_are_what_the_tool_says(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sorted(map(_shape, readme_mistakes())) == sorted(map(_shape, readme_mistakes_made(rules, capsys)))


def test_readme_mistake_lines_are_exactly_what_the_tool_prints(rules: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert readme_mistakes() == readme_mistakes_made(rules, capsys)


def test_a_broken_vocabulary_is_reported_alone(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every rule leans on _vocab.yaml: checked against an empty one, each would add "unknown unit" noise."""
    vocab = (RULES / "_vocab.yaml").read_text(encoding="utf-8")
    assert vocab.count("rate: 1.16, date: ") == 1
    (rules / "_vocab.yaml").write_text(vocab.replace("rate: 1.16, date: ", "rate: 1.16, dat: "), encoding="utf-8")
    line, col = at(rules / "_vocab.yaml", "dat: ")
    assert problems(capsys) == [
        f"rules/_vocab.yaml:{line}:{col}: rates[0].dat: unknown key `dat` (did you mean `date`?)",
        "rules/_vocab.yaml: fix it first; the rule files are checked once it loads",
    ]
