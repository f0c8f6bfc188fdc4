"""The rule author's tools (issue 3, README "Writing a rule"): `rules test`,
`rules schema`, `rules new`, `explain`, and the coverage matrix of the
Markdown report with `Report.coverage`.

Commands run in-process through `consistency.cli.main`; a command that writes
files, or reads the default `rules/` and `seeds/`, runs in a tmp folder that
holds copies of them. Outputs are compared exactly where they are
deterministic: they are what a rule author reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from consistency.checked import Report
from consistency.pipeline import check
from consistency.report import markdown
from consistency.rules import RuleFile, Slot, load_rules, rule_files
from helpers import call, write

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
HEADER = "# yaml-language-server: $schema=schema.json"
TYPES = ["count", "quantity", "percent", "money", "date", "duration", "category", "ratio"]


# ---------------------------------------------------------------- helpers


CLUB = """\
slots:
  - id: club.members
    description: How many members the chess club has.
    type: count
    unit: member
    unit_words: [member*]
    triggers: [has, counts]
    rivals: [guests]
    context: [[club]]
    exclude: [football]
    max_distance: 3
    examples:
EXAMPLES
  - id: club.founded
    description: When the chess club was founded.
    type: date
    triggers: [founded]
    examples:
      - text: The club was founded on 3 May 1990.
        expect: {start: 1990-05-03, end: 1990-05-03}
"""
PASSING = """\
      - text: The chess club has 32 members.
        expect: {low: 32, high: 32, unit: member}
      - text: The chess club has a new president.
        expect: none
      - text: The chess club has about 60 members.
        expect: {low: 60, high: 60}
        todo: about widens the figure; this example documents it
"""
FAILING = """\
      - text: The chess club has 32 members.
        expect: {low: 30, high: 32, unit: member}
      - text: The chess club has a new president and 12 members.
        expect: none
      - text: The chess club has 40 members.
        expect: {low: 40}
      - text: The chess club has 50 members.
        expect: {low: 50}
        todo: known
      - text: The chess club has a new president.
        expect: none
"""
CLUB_SOURCES = {
    "a.txt": "The chess club has 32 members.\nThe chess club has guests, 40 members.\nThe chess club has 12 tables.\n"
             "The chess club has many rooms, and far away in the building there are 50 members.\n",
    "b.txt": "The chess club has a new president.\n",
    "c.txt": "The school has 30 members.\nThe football club has 20 members.\n",
    "d.txt": "Nothing to see here.\n",
}


def club(tmp_path: Path, examples: str = PASSING) -> tuple[Path, Path]:
    """tmp/rules/club.yaml and tmp/src/{a,b,c,d}.txt plus an unreadable e.txt: (rules, src)."""
    write(tmp_path / "rules/club.yaml", CLUB.replace("EXAMPLES\n", examples))
    for name, text in CLUB_SOURCES.items():
        write(tmp_path / "src" / name, text)
    (tmp_path / "src/e.txt").write_bytes(b"\x00\x01binary")
    return tmp_path / "rules", tmp_path / "src"


# ---------------------------------------------------------------- rules test

def test_rules_test_on_the_committed_rules_passes(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    slots, _ = load_rules(RULES)
    code, out, err = call(capsys, "rules", "test")
    assert (code, err) == (0, "")
    assert out == f"{sum(len(s.examples) for s in slots)} examples, 0 failed; 0 warning(s)\n"


def test_rules_test_prints_each_failing_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, src = club(tmp_path, FAILING)
    code, out, err = call(capsys, "rules", "test", "--rules", str(rules), "--corpus", str(src))
    assert code == 1, out + err
    assert err == ""
    quantity = "'kind': 'quantity', 'low': {n}, 'high': {n}, 'low_inclusive': True, 'high_inclusive': True, " \
               "'approximate': False, 'unit': 'member'"
    assert out.splitlines() == [
        "FAIL club.members[0]",
        "     text:     The chess club has 32 members.",
        "     expected: {'low': 30.0, 'high': 32.0, 'unit': 'member'}",
        "     got:      claim '32': low: expected 30.0, got 32.0 (got {" + quantity.format(n=32) + "})",
        "FAIL club.members[1]",
        "     text:     The chess club has a new president and 12 members.",
        "     expected: no claim",
        "     got:      expected 0 claim(s), got 1: [\"'12' → {" + quantity.format(n=12) + "}\"]",
        "FAIL club.members[3] passes now: remove its `todo: known`",
        "     text: The chess club has 50 members.",
        "WARN club.founded: no negative example (`expect: none`): add a sentence that uses the slot's words "
        "but must not fill it",
        f"WARN club.founded: never fires on {src} (no claim in 5 sources); "
        "`python -m consistency explain club.founded` shows the near misses",
        "6 examples, 3 failed; 2 warning(s)",
    ]


def test_rules_test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A slot without a negative example, or one that never fires, is flagged but does not fail the run;
    an example marked `todo` that still fails is expected to."""
    rules, src = club(tmp_path, PASSING)
    code, out, err = call(capsys, "rules", "test", str(rules / "club.yaml"), "--corpus", str(src))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "WARN club.founded: no negative example (`expect: none`): add a sentence that uses the slot's words "
        "but must not fill it",
        f"WARN club.founded: never fires on {src} (no claim in 5 sources); "
        "`python -m consistency explain club.founded` shows the near misses",
        "4 examples, 0 failed; 2 warning(s)",
    ]


def test_rules_test_looks_for_never_firing_rules_in_seeds_by_default(repo: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "rules/club.yaml", CLUB.replace("EXAMPLES\n", PASSING))
    code, out, _ = call(capsys, "rules", "test", "rules/club.yaml")
    assert code == 0
    assert [x for x in out.splitlines() if "never fires" in x] == [
        "WARN club.members: never fires on seeds (no claim in 5 sources); "
        "`python -m consistency explain club.members` shows the near misses",
    ]  # club.founded fires: "NATO was founded ... in 1949"


def test_rules_test_without_a_corpus_does_not_look_for_never_firing_rules(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    rules, _ = club(tmp_path, PASSING)
    monkeypatch.chdir(tmp_path)  # no seeds/ here
    code, out, _ = call(capsys, "rules", "test", "rules/club.yaml")
    assert code == 0
    assert "never fires" not in out
    assert out.splitlines()[-1] == "4 examples, 0 failed; 1 warning(s)"


def test_rules_test_a_slot_that_fires_is_not_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, src = club(tmp_path, PASSING)
    code, out, _ = call(capsys, "rules", "test", "--rules", str(rules), "--corpus", str(src))
    assert code == 0
    assert "club.members" not in out


def test_rules_test_of_a_broken_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rules, _ = club(tmp_path, PASSING)
    monkeypatch.chdir(tmp_path)
    text = (rules / "club.yaml").read_text(encoding="utf-8")
    (rules / "club.yaml").write_text(text.replace("    rivals:", "    rivls:"), encoding="utf-8")
    code, out, err = call(capsys, "rules", "test", "rules/club.yaml")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "consistency: rules/club.yaml:8:5: slots[0].rivls: unknown key `rivls` (did you mean `rivals`?)",
        "consistency: 1 problem(s) in the rules; nothing was checked",
    ]


# ---------------------------------------------------------------- rules schema

def test_rules_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """rules/schema.json is kept current by this test: regenerate it with
    `python -m consistency rules schema > rules/schema.json`."""
    code, out, err = call(capsys, "rules", "schema")
    assert (code, err) == (0, "")
    assert out == (RULES / "schema.json").read_text(encoding="utf-8")


def test_schema_describes_the_rule_file(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = call(capsys, "rules", "schema")
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["slots"]
    assert schema["additionalProperties"] is False
    slot = schema["$defs"]["Slot"]
    assert set(slot["properties"]) == set(Slot.model_fields)
    assert slot["additionalProperties"] is False
    assert slot["properties"]["type"]["enum"] == TYPES


def test_committed_rule_files_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads((RULES / "schema.json").read_text(encoding="utf-8")))
    for path in rule_files(RULES):
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(
            yaml.safe_load(path.read_text(encoding="utf-8")), default=str)))]
        assert errors == [], path.name
    typo = json.loads(json.dumps(yaml.safe_load((RULES / "spain.yaml").read_text(encoding="utf-8")
                                                .replace("    triggers:", "    trigers:", 1)), default=str))
    assert sorted(e.message for e in validator.iter_errors(typo)) == [
        "'triggers' is a required property",
        "Additional properties are not allowed ('trigers' was unexpected)",
    ]


def test_every_rule_file_starts_with_the_schema_line() -> None:
    files = sorted(p.name for p in RULES.glob("*.yaml") if p.name != "_vocab.yaml")
    assert files == [p.name for p in rule_files(RULES)] and files
    wrong = [name for name in files if (RULES / name).read_text(encoding="utf-8").split("\n", 1)[0] != HEADER]
    assert wrong == []


# ---------------------------------------------------------------- rules new

def test_rules_new_writes_a_commented_starter(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "rules", "new", "kyiv_attack.death_toll", "--type", "count")
    assert (code, out) == (0, "")
    assert err == ("consistency: wrote slot `kyiv_attack.death_toll` in rules/kyiv_attack.yaml; replace each "
                   "REPLACE, then run python -m consistency rules test rules/kyiv_attack.yaml\n")
    text = (repo / "rules/kyiv_attack.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER
    data = yaml.safe_load(text)
    slot = data["slots"][0]
    assert (slot["id"], slot["type"], slot["unit"], slot["triggers"]) == ("kyiv_attack.death_toll", "count",
                                                                        "REPLACE", ["REPLACE"])
    assert [e["expect"] for e in slot["examples"]][1] == "none", "the starter has a negative example"
    # every key an author must decide on is explained by the comment line above it
    for key in ("unit", "triggers", "rivals", "context", "max_distance", "tolerance", "examples"):
        i = next(n for n, x in enumerate(lines) if x.startswith(f"    {key}:"))
        assert lines[i - 1].lstrip().startswith("# "), key
    # all keys are the schema's: the starter differs from a valid file only by its REPLACE values
    RuleFile.model_validate(data)


@pytest.mark.parametrize("slot_type", TYPES)
def test_a_filled_starter_is_a_valid_rule(slot_type: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "rules", "new", "kyiv_attack.fact", "--type", slot_type)
    assert code == 0, err
    f = repo / "rules/kyiv_attack.yaml"
    text = f.read_text(encoding="utf-8").replace("unit: REPLACE", "unit: person")
    text = text.replace("label_a: [REPLACE]", "label_a: [quux]").replace("label_b: [REPLACE]", "label_b: [quuz]")
    f.write_text(text.replace("REPLACE", "zyzzyva"), encoding="utf-8")
    code, out, err = call(capsys, "rules", "test", "rules/kyiv_attack.yaml")
    assert (code, err) == (0, ""), out
    assert out.splitlines() == [
        "WARN kyiv_attack.fact: never fires on seeds (no claim in 5 sources); "
        "`python -m consistency explain kyiv_attack.fact` shows the near misses",
        "2 examples, 0 failed; 1 warning(s)",
    ]


@pytest.mark.parametrize("slot_type", TYPES)
def test_the_run_refuses_a_starter_until_every_replace_is_filled(slot_type: str, repo: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """README: "every `REPLACE` is yours to fill (the run refuses the file until you do, and says where)"."""
    call(capsys, "rules", "new", "kyiv_attack.fact", "--type", slot_type)
    text = (repo / "rules/kyiv_attack.yaml").read_text(encoding="utf-8")
    replace_lines = {n for n, x in enumerate(text.splitlines(), 1) if "REPLACE" in x and not x.lstrip().startswith("#")}
    write(repo / "note.txt", "The weather was mild.\n")  # the rules are the point, not the sources
    code, out, err = call(capsys, "check", "note.txt", "--output", "report.md")
    assert (code, out) == (2, "")
    *found, last = [x.removeprefix("consistency: ") for x in err.splitlines()]
    assert last == f"{len(found)} problem(s) in the rules; nothing was checked", err
    assert all(x.startswith("rules/kyiv_attack.yaml:") for x in found), found
    assert {int(x.split(":")[1]) for x in found} == replace_lines


def test_rules_new_refuses_an_existing_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "rules/spain.yaml").read_text(encoding="utf-8")
    code, out, err = call(capsys, "rules", "new", "spain.spending_pct_claimed", "--type", "percent")
    assert (code, out) == (2, "")
    assert err == "consistency: `spain.spending_pct_claimed` already exists; pick another id\n"
    assert (repo / "rules/spain.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("slot_id", ["Kyiv", "kyiv", "kyiv.Death", "kyiv attack.toll", "kyiv-attack.toll",
                                     "kyiv_attack.", ".toll", "1kyiv.toll", "kyiv..toll"])
def test_rules_new_refuses_a_malformed_id(slot_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no rules/ yet: the id alone is judged
    code, out, err = call(capsys, "rules", "new", slot_id, "--type", "count")
    assert (code, out) == (2, "")
    assert err == (f"consistency: `{slot_id}` is not a slot id; use lower-case words joined by dots, topic first "
                   "(kyiv_attack.death_toll)\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("slot_id", ["_kyiv.toll", "kyiv._toll", "kyiv.tóll"])
def test_rules_new_refuses_ids_the_loader_would_refuse(slot_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = call(capsys, "rules", "new", slot_id, "--type", "count")
    assert (code, out) == (2, "")
    assert err == (f"consistency: `{slot_id}` is not a slot id; use lower-case words joined by dots, topic first "
                   "(kyiv_attack.death_toll)\n")
    assert list(tmp_path.iterdir()) == []


def test_rules_new_adds_a_slot_to_an_existing_topic(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "rules/spain.yaml").read_text(encoding="utf-8")
    code, out, err = call(capsys, "rules", "new", "spain.defence_budget", "--type", "money")
    assert (code, out) == (0, "")
    assert err == ("consistency: added slot `spain.defence_budget` to rules/spain.yaml; replace each REPLACE, then "
                   "run python -m consistency rules test rules/spain.yaml\n")
    after = (repo / "rules/spain.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n  - id: spain.defence_budget\n")
    (repo / "rules/spain.yaml").write_text(after.replace("REPLACE", "budget"), encoding="utf-8")
    slots, _ = load_rules(Path("rules"))
    assert [s.id for s in slots if s.id.startswith("spain.")] == ["spain.spending_pct_claimed", "spain.stance_on_5pct_target",
                                                                  "spain.defence_budget"]


def test_rules_new_refuses_an_existing_id_while_a_starter_is_unfilled(repo: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "rules", "new", "kyiv_attack.death_toll", "--type", "count")[0] == 0
    code, out, err = call(capsys, "rules", "new", "kyiv_attack.death_toll", "--type", "count")
    assert (code, out) == (2, "")
    assert err == "consistency: `kyiv_attack.death_toll` already exists; pick another id\n"


def test_rules_new_adds_a_second_slot_while_the_first_is_unfilled(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "rules", "new", "kyiv_attack.death_toll", "--type", "count")[0] == 0
    code, _, err = call(capsys, "rules", "new", "kyiv_attack.injured", "--type", "count")
    assert code == 0, err
    assert "  - id: kyiv_attack.injured\n" in (repo / "rules/kyiv_attack.yaml").read_text(encoding="utf-8")


def test_rules_without_a_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "rules")
    assert (code, out) == (2, "")
    assert "test" in err and "schema" in err and "new" in err


# ---------------------------------------------------------------- explain

def test_explain_on_a_small_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, src = club(tmp_path)
    code, out, err = call(capsys, "explain", "club.members", str(src), "--rules", str(rules))
    assert (code, err) == (0, "")
    assert out == """\
club.members: How many members the chess club has.
count of member; triggers within 3 words: has, counts; context (the sentence): club; excluded by: football

Claims (1):
  a, line 1
    “The chess club has 32 members.”
    “32” → 32 members; trigger `has`, 1 word away
    as of an unknown date

Verdict: single source: only a: 32 members (a)

Near misses (6):
  a, line 2: “40”: rival `guests` (1 word away) is as near as trigger `has` (2 words away)
    “The chess club has guests, 40 members.”
  a, line 3: “12”: counts something else: no unit word of this slot follows it
    “The chess club has 12 tables.”
  a, line 4: “50”: trigger `has` is 7 words away (max_distance 3)
    “The chess club has many rooms, and far away in the building there are 50 members.”
  c, line 1: outside the window: needs one of club in the sentence
    “The school has 30 members.”
  c, line 2: excluded: the sentence says `football`
    “The football club has 20 members.”
  b: the slot's words, but no number in the sentence: line 1
"""


def test_explain_never_says_none_above_a_near_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, src = club(tmp_path)
    code, out, _ = call(capsys, "explain", "club.members", str(src), "--rules", str(rules), "--source", "b")
    assert code == 0
    assert "  b: the slot's words, but no number in the sentence: line 1" in out.splitlines()
    assert "Near misses: none." not in out


def test_explain_relative_date_says_how_it_was_resolved(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = call(capsys, "explain", "hague_summit.dates", "--source", "001_186edccea4064bc3")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    at = lines.index("Claims (1):")
    assert lines[at + 1:at + 4] == [
        "  001_186edccea4064bc3, line 1 — Volodymyr Zelenskiy",
        "    “President Volodymyr Zelenskiy warned European NATOmembers on Tuesday that they risked being attacked "
        "by Russia if it was not defeated in Ukraine, urging them to heed U.S. calls to sign off a big new "
        "spending goal for the alliance at a summit.”",
        "    “on Tuesday” → 2025-06-10 (Tuesday on or before the source's date 2025-06-12); trigger `summit`, "
        "22 words away",
    ]
    assert "Verdict: single source: only 001_186edccea4064bc3: 2025-06-10 (Volodymyr Zelenskiy)" in lines
    # three refused sentences, and three (lines 3, 5 and 9) with the slot's words but no date
    misses = lines[lines.index("Near misses (6):") + 1:]
    assert misses[0] == ("  001_186edccea4064bc3, line 15: outside the window: needs one of NATO, Hague, alliance, "
                         "allies in the sentence")
    assert misses[1] == "    “Trump is expected to meet Zelenskiy for talks during the summit.”"
    assert all(x.startswith("  001_186edccea4064bc3") or x.startswith("    “") for x in misses)


def test_explain_shows_the_words_that_matched_and_the_rival_that_won(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "explain", "poland_incursion.drones_entered", str(SEEDS), "--rules", str(RULES),
                        "--source", "002_2e7131b4654abfe7")
    assert code == 0
    lines = out.splitlines()
    assert "    “six to ten” → 6–10 drones; trigger `incursion`, 1 word away" in lines
    assert "    “19” → 19 drones; trigger `entered`, 2 words away" in lines
    # the file id selects all the articles of the digest page; the claims are in its first article
    assert ("  002_2e7131b4654abfe7#1, line 9: “several”: rival `shot down` (1 word away) is as near as trigger "
            "`violated` (4 words away)") in lines
    assert ("Verdict: conflict: 6–10 drones (a NATO source) vs 19 drones (Donald Tusk) "
            "(within 002_2e7131b4654abfe7#1)") in lines


def test_explain_a_slot_not_mentioned_in_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "explain", "poland_incursion.drones_entered", str(SEEDS), "--rules", str(RULES),
                        "--source", "000_372c9b6eba1ce4e1")
    assert code == 0
    assert out.splitlines()[2:] == ["", "Claims: none.", "", "Near misses: none."]


@pytest.mark.parametrize(("slot", "hint"), [
    ("hague_summit.date", " (did you mean `hague_summit.dates`?)"),
    ("poland_incursion.drones_enterd", " (did you mean `poland_incursion.drones_entered`?)"),
    ("zzz", ""),
])
def test_explain_unknown_slot_exits_2_with_a_did_you_mean(slot: str, hint: str, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = call(capsys, "explain", slot)
    assert (code, out) == (2, "")
    assert err == f"consistency: no slot `{slot}` in rules{hint}\n"


def test_explain_unknown_source_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = call(capsys, "explain", "hague_summit.dates", "--source", "001")
    assert (code, out) == (2, "")
    assert err.startswith("consistency: ") and "`001`" in err


# ---------------------------------------------------------------- coverage matrix

LEGEND = ("✔ n: n claims found · ?: the slot's words appear but no value was taken "
          "(`python -m consistency explain SLOT --source ID` says why) · ·: not mentioned")


def coverage_table(md: str) -> dict[str, dict[str, str]]:
    """The "## Coverage" section as {slot: {source: cell}}; checks the legend. (Past 12 sources the
    section is folded in a <details> element; the legend and table are the same.)"""
    section = md.split("\n## Coverage\n\n", 1)[1].split("\n## ", 1)[0]
    assert LEGEND in section.splitlines()
    table = [line for line in section.splitlines() if line.startswith("|")]
    rows = [[c.strip().strip("`") for c in line.strip("|").split("|")] for line in table]
    header, rule, *body = rows
    assert header[0] == "Slot" and set("".join(rule)) <= {"-", ":"}
    return {row[0]: dict(zip(header[1:], row[1:])) for row in body}


@pytest.fixture(scope="module")
def seed_report() -> Report:
    slots, vocab = load_rules(RULES)
    return check([SEEDS], slots, vocab)


def test_coverage_cells_on_the_seeds(seed_report: Report) -> None:
    table = coverage_table(markdown.render(seed_report))
    assert list(table) == sorted(s.id for s in seed_report.slots)
    assert all(list(row) == [s.id for s in seed_report.sources if not s.errors] for row in table.values())
    drones = table["poland_incursion.drones_entered"]
    assert (drones.get("002_2e7131b4654abfe7#1"), drones.get("000_372c9b6eba1ce4e1")) == ("✔ 2", "·"), drones
    dates = table["hague_summit.dates"]
    assert (dates.get("004_dcf8f189fc6cc466"), dates.get("001_186edccea4064bc3")) == ("?", "✔ 1"), dates
    assert seed_report.coverage("poland_incursion.drones_entered", "002_2e7131b4654abfe7#1") == "found"
    assert seed_report.coverage("poland_incursion.drones_entered", "000_372c9b6eba1ce4e1") == "not mentioned"
    assert seed_report.coverage("hague_summit.dates", "004_dcf8f189fc6cc466") == "ambiguous"


def test_coverage_cells_agree_with_the_claims_and_report_coverage(seed_report: Report) -> None:
    table = coverage_table(markdown.render(seed_report))
    for slot, row in table.items():
        for source, cell in row.items():
            n = sum(1 for c in seed_report.claims if (c.slot, c.source) == (slot, source))
            state = seed_report.coverage(slot, source)
            assert (state == "found") == (n > 0), (slot, source)
            assert cell == {"found": f"✔ {n}", "ambiguous": "?", "not mentioned": "·"}[state], (slot, source)


def test_coverage_of_a_small_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """found (a), the slot's words with no value taken (b), only outside its context or in an excluded
    sentence (c), nothing (d); the unreadable e has no column."""
    rules, src = club(tmp_path)
    code, out, _ = call(capsys, "check", str(src), "--rules", str(rules), "--output", "-")
    assert code == 0
    section = out.split("\n## Coverage\n", 1)[1].split("\n## ", 1)[0]
    assert section == f"""
{LEGEND}

| Slot           |  `a`  |  `b`  |  `c`  |  `d`  |
|----------------|-------|-------|-------|-------|
| `club.founded` |   ·   |   ·   |   ·   |   ·   |
| `club.members` |  ✔ 1  |   ?   |   ·   |   ·   |
"""
    slots, vocab = load_rules(rules)
    report = check([src], slots, vocab)
    assert [report.coverage("club.members", s) for s in "abcde"] == [
        "found", "ambiguous", "not mentioned", "not mentioned", "not mentioned"]


@pytest.mark.parametrize(("slot", "source", "line"), [
    ("overnight_attack_on_ukraine.drones_launched", "116_watanserb-record-728-drones-poland-scrambles",
     "  116_watanserb-record-728-drones-poland-scrambles, line 1: “728”: the article never shows it is about this "
     "event (2025-09-09/2025-09-10 in Ukraine): no date within the event's days or mention of poland_incursion"),
    ("spain.spending_pct_claimed", "204_ara-nato-corrects-sanchez",
     "  204_ara-nato-corrects-sanchez, line 9: “3.5%”: held by another: `NATO` (the slot is what Spain, Sánchez, "
     "Sanchez say)"),
    ("poland_incursion.drones_entered", "108_rbc-ukraine-drones-aimed-at-nato-base",
     "  108_rbc-ukraine-drones-aimed-at-nato-base, line 10: “two”: an increment or another set (`two other`), "
     "not the count"),
    ("nato.spending_target_pct", "206_todayheadline-nato-two-day-summit-per-cent",
     "  206_todayheadline-nato-two-day-summit-per-cent, line 5: “up to 1.5 per cent”: no trigger word describes it: "
     "`commitment` describes `at least 3.5 per cent`, the figure between it and this one"),
], ids=["wrong event", "another's figure", "another set", "clause structure"])
def test_explain_says_why_a_figure_is_another_events_or_anothers(slot: str, source: str, line: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "explain", slot, str(ROOT / "tests/data/devset/articles"), "--rules", str(RULES),
                          "--source", source)
    assert (code, err) == (0, "")
    assert line in out.splitlines(), out
