"""Baselines (issue 4, README "In CI"): `baseline write --reason` accepts
today's conflicts, `check` then passes, fails on a new conflict only, reports
entries that match nothing any more as stale (failing with
`--strict-baseline`), and keeps recognising an accepted conflict when only
its line numbers move.

Every command runs in-process through `consistency.cli.main` in a tmp folder
holding copies of rules/ and seeds/, the way a user's checkout does.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from consistency.cli import main
from consistency.escape import markdown_text
from helpers import call, write

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
S001 = "001_186edccea4064bc3"
S002 = "002_2e7131b4654abfe7"
BASELINE = "consistency-baseline.yaml"
REASON = "Known disagreement between outlets, under review"
CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]  # on the seeds
N = len(CONFLICTS)
# The conflicts that rest on a claim of seeds/001 (removing it resolves them); the others do not.
WITH_001 = ["hague_summit.dates", "hague_summit.duration"]
KEPT = [slot for slot in CONFLICTS if slot not in WITH_001]
# A sentence that nato.member_count takes (its examples say "the 32-member alliance"): 31 against the seeds' 32.
NEW_SOURCE = "NATO, the 31-member alliance, said its air defenses had been activated.\n"


# ---------------------------------------------------------------- helpers


def entries(path: Path = Path(BASELINE)) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]


def report_md() -> str:
    return Path("reports/report.md").read_text(encoding="utf-8")


def section(md: str, slot: str) -> str:
    """The Markdown of one conflict section."""
    start = md.index(f"### `{slot}`")
    end = md.find("\n### ", start + 1)
    nxt = md.find("\n## ", start + 1)
    ends = [e for e in (end, nxt) if e != -1]
    return md[start:min(ends)] if ends else md[start:]


def quiet(folder: Path, *args: str) -> tuple[int, str]:
    """The CLI in-process in `folder`, without capsys (for module fixtures): (exit code, stdout)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(list(args))
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code, out.getvalue()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Made once, from a tmp copy of the checkout: the seeds' JSON report, and the baseline
    `baseline write --reason REASON` writes for them."""
    folder = tmp_path_factory.mktemp("baseline")
    shutil.copytree(RULES, folder / "rules")
    shutil.copytree(SEEDS, folder / "seeds")
    code, out = quiet(folder, "check", "--format", "json", "--output", "-")
    assert code == 1
    code, _ = quiet(folder, "baseline", "write", "--reason", REASON)
    assert code == 0
    return {"report": json.loads(out), "baseline": (folder / BASELINE).read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def baseline_text(made: dict) -> str:
    return made["baseline"]


@pytest.fixture(scope="module")
def seeds(made: dict) -> dict:
    """The seeds' JSON report."""
    return made["report"]


def conflicts(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["kind"] == "conflict"]


def claims_of(report: dict, finding: dict) -> list[dict]:
    by_id = {c["id"]: c for c in report["claims"]}
    return [by_id[i] for i in finding["claims"]]


def kinds(report: dict) -> tuple[int, int, int]:
    """(changed over time, consistent, single-source) findings of a report."""
    ks = [f["kind"] for f in report["findings"]]
    return ks.count("changed"), ks.count("consistent"), ks.count("single_source")


def with_001(report: dict) -> list[str]:
    """The seeds' conflicts that rest on a claim of seeds/001."""
    return [f["slot"] for f in conflicts(report) if any(c["source"] == S001 for c in claims_of(report, f))]


def test_the_seeds_conflicts(seeds: dict) -> None:
    """What the tests below build on: six conflicts, two of them resting on seeds/001. seeds/001 also calls
    Trump "U.S. President", but as of its date (2025-06-12), which is not the time of the "former President"
    claims (2025-09-04), so that claim is no part of the trump.title conflict; nor are 000's and 002#7's, whose
    relative dates of the June summit ("on Wednesday during the summit", "next week") date them to June."""
    assert [f["slot"] for f in conflicts(seeds)] == CONFLICTS
    assert with_001(seeds) == WITH_001
    (trump,) = [f for f in conflicts(seeds) if f["slot"] == "trump.title"]
    assert sorted({c["source"] for c in claims_of(seeds, trump)}) == [
        f"{S002}#2", f"{S002}#9", "003_e112e87bc3af8e1c", "004_dcf8f189fc6cc466"]
    assert kinds(seeds) == (1, 7, 6)


@pytest.fixture
def baselined(repo: Path, baseline_text: str) -> Path:
    """The tmp checkout with the seeds' six conflicts accepted."""
    write(repo / BASELINE, baseline_text)
    return repo


# ---------------------------------------------------------------- writing the baseline

def test_baseline_write_needs_a_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check")
    assert code == 1, err
    code, out, err = call(capsys, "baseline", "write")
    assert code == 2
    assert out == ""
    assert err == (f"consistency: baseline write needs --reason TEXT: say why the {N} new finding(s) are accepted "
                   "(it is kept with each entry)\n")
    assert not (repo / BASELINE).exists()
    code, out, err = call(capsys, "baseline", "write", "--reason", "   ")
    assert code == 2 and "needs --reason TEXT" in err
    assert not (repo / BASELINE).exists()


def test_baseline_write_records_each_conflict_with_its_evidence(repo: Path, seeds: dict,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "baseline", "write", "--reason", REASON)
    assert code == 0, err
    assert out == ""
    assert err == (f"consistency: wrote {N} accepted finding(s) to {BASELINE} ({N} new); "
                   "`check` now fails only on new conflicts\n")
    text = (repo / BASELINE).read_text(encoding="utf-8")
    assert text.startswith("# Accepted findings")
    doc = yaml.safe_load(text)
    assert doc["version"] == 1
    got = doc["entries"]
    assert [e["slot"] for e in got] == CONFLICTS
    for e in got:
        assert list(e) == ["fingerprint", "slot", "reason", "values", "sources", "quotes"], e
        assert e["reason"] == REASON
        assert re.fullmatch(r"[0-9a-f]{20}", e["fingerprint"]), e
        assert e["values"] and e["sources"] and e["quotes"], e
    assert len({e["fingerprint"] for e in got}) == N
    # each entry's evidence is that of its finding in the JSON report
    for e, f in zip(got, conflicts(seeds)):
        cs = claims_of(seeds, f)
        assert e["sources"] == sorted({c["source"] for c in cs}), e
        assert e["quotes"] == sorted({" ".join(c["quote"].split()) for c in cs}), e
        assert len(e["values"]) == len(set(e["values"])) >= 2, e
    drones = got[CONFLICTS.index("poland_incursion.drones_entered")]
    assert drones["values"] == ["6–10 drones", "19 drones"]
    assert drones["quotes"] == [
        "Prime Minister Donald Tusk said 19 drones entered Polish airspace overnight, with many of those flying "
        "in from Belarus.",
        "The source added that initial indications suggested an intentional incursion of six to ten Russian "
        "drones overnight on 10 September.",
    ]
    duration = got[CONFLICTS.index("hague_summit.duration")]
    assert duration["values"] == ["2 days", "1 day"]
    assert "The summit, shortened to 24 hours, has only one major session on defense spending." in duration["quotes"]
    trump = got[CONFLICTS.index("trump.title")]
    assert trump["values"] == ["president", "former president"]
    assert trump["sources"] == [f"{S002}#2", f"{S002}#9", "003_e112e87bc3af8e1c", "004_dcf8f189fc6cc466"]


def test_baseline_write_is_deterministic(repo: Path, baseline_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "baseline", "write", "--reason", REASON, "seeds/004_dcf8f189fc6cc466.txt",
                        "seeds/003_e112e87bc3af8e1c.txt", f"seeds/{S002}.txt", f"seeds/{S001}.txt",
                        "seeds/000_372c9b6eba1ce4e1.txt")
    assert code == 0, err
    assert (repo / BASELINE).read_text(encoding="utf-8") == baseline_text


# ---------------------------------------------------------------- check against the baseline

def test_check_passes_with_the_conflicts_accepted(baselined: Path, seeds: dict,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check")
    assert code == 0, err
    assert out == ""
    changed, consistent, single = kinds(seeds)
    assert err.rstrip().endswith(f"0 conflict(s), {changed} changed over time, {consistent} consistent, "
                                 f"{single} single-source. {N} accepted in the baseline. Report: reports/report.md.")
    assert "stale" not in err
    md = report_md()
    assert md.splitlines()[2].startswith(f"**No conflicts** ({N} more accepted in the baseline) across ")
    assert md.count(f"> Accepted in the baseline: {REASON}") == N
    for slot in CONFLICTS:  # still shown in full, each marked as accepted
        assert f"> Accepted in the baseline: {REASON}" in section(md, slot), slot
    assert "## Stale baseline entries" not in md
    # --fail-on warning too: accepted conflicts never fail
    code, _, err = call(capsys, "check", "--fail-on", "warning")
    assert code == 0, err


def test_baseline_changes_neither_the_json_report_nor_its_format(baselined: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, with_baseline, err = call(capsys, "check", "--format", "json", "--output", "-")
    assert code == 0, err
    (baselined / BASELINE).unlink()
    code, without, err = call(capsys, "check", "--format", "json", "--output", "-")
    assert code == 1, err
    assert with_baseline == without
    doc = json.loads(with_baseline)
    assert list(doc) == ["version", "sources", "claims", "findings"]
    assert all(list(f) == ["slot", "kind", "severity", "claims", "message"] for f in doc["findings"])


def test_a_new_conflict_fails_and_only_it(baselined: Path, seeds: dict, capsys: pytest.CaptureFixture[str]) -> None:
    write(baselined / "seeds/005_new.txt", NEW_SOURCE)
    code, out, err = call(capsys, "check", "--format", "markdown,json,github")
    assert code == 1, err
    assert err.rstrip().endswith(f"{N} accepted in the baseline. Report: reports/report.md, reports/report.json.")
    assert "; 1 conflict(s), " in err
    # the JSON report lists all seven conflicts, in the same format as ever
    doc = json.loads(Path("reports/report.json").read_text(encoding="utf-8"))
    assert list(doc) == ["version", "sources", "claims", "findings"]
    assert [f["slot"] for f in conflicts(doc)] == sorted(CONFLICTS + ["nato.member_count"])
    assert all(list(f) == ["slot", "kind", "severity", "claims", "message"] for f in doc["findings"])
    assert [(f["slot"], f["message"]) for f in conflicts(doc) if f["slot"] != "nato.member_count"] == \
        [(f["slot"], f["message"]) for f in conflicts(seeds)]
    # only the new conflict is annotated (at its first claim)
    (new,) = [f for f in conflicts(doc) if f["slot"] == "nato.member_count"]
    assert new["message"].startswith("31 members (005_new) vs 32 members (")
    first = claims_of(doc, new)[0]
    path = next(s["path"] for s in doc["sources"] if s["id"] == first["source"])
    assert out == (f"::error file={path},line={first['line']},title=consistency%3A nato.member_count::"
                   f"{new['message']}\n")
    md = report_md()
    assert md.splitlines()[2].startswith(f"**1 conflict** ({N} more accepted in the baseline) across ")
    assert "Accepted in the baseline" not in section(md, "nato.member_count")
    assert md.count(f"> Accepted in the baseline: {REASON}") == N


def test_removed_source_makes_entries_stale(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accepted = entries()
    (baselined / f"seeds/{S001}.txt").unlink()
    code, out, err = call(capsys, "check")
    assert code == 0, err
    assert "; 0 conflict(s), " in err
    assert err.rstrip().endswith(f"{len(KEPT)} accepted in the baseline. {len(WITH_001)} stale baseline entries. "
                                 "Report: reports/report.md.")
    md = report_md()
    assert md.splitlines()[2].startswith(f"**No conflicts** ({len(KEPT)} more accepted in the baseline) across ")
    stale = md.split("\n## Stale baseline entries\n", 1)[1].split("\n## ", 1)[0]
    assert [line for line in stale.splitlines() if line.startswith("- ")] == [
        f"- `{e['slot']}`: {', '.join(e['values'])} ({markdown_text(', '.join(e['sources']))}) — accepted because: "
        f"{REASON}"
        for e in accepted if e["slot"] in WITH_001
    ]
    assert f"({markdown_text(S001)}, " in stale
    # the remaining accepted conflicts are still shown as accepted
    for slot in KEPT:
        assert f"> Accepted in the baseline: {REASON}" in section(md, slot), slot
    assert md.count(f"> Accepted in the baseline: {REASON}") == len(KEPT)

    code, _, err = call(capsys, "check", "--strict-baseline")
    assert code == 1, err
    assert f"{len(WITH_001)} stale baseline entries." in err
    code, _, err = call(capsys, "check", "--strict-baseline", "--fail-on", "never")
    assert code == 0, err


def test_stale_entries_and_a_new_conflict(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stale entries alone never fail without --strict-baseline; a new conflict still does."""
    (baselined / f"seeds/{S001}.txt").unlink()
    write(baselined / "seeds/005_new.txt", NEW_SOURCE)
    code, _, err = call(capsys, "check")
    assert code == 1, err
    assert "; 1 conflict(s)," in err
    assert f"{len(KEPT)} accepted in the baseline. {len(WITH_001)} stale baseline entries." in err


def test_strict_baseline_from_the_project_configuration(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (baselined / f"seeds/{S001}.txt").unlink()
    write(baselined / "consistency.yaml", "strict_baseline: true\n")
    code, _, err = call(capsys, "check")
    assert code == 1, err


def test_writing_the_baseline_anew_drops_stale_entries(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (baselined / f"seeds/{S001}.txt").unlink()
    code, _, err = call(capsys, "baseline", "write")  # nothing new: no reason needed
    assert code == 0, err
    assert err == (f"consistency: wrote {len(KEPT)} accepted finding(s) to {BASELINE} (0 new); "
                   "`check` now fails only on new conflicts\n")
    assert [(e["slot"], e["reason"]) for e in entries()] == [(slot, REASON) for slot in KEPT]
    code, _, err = call(capsys, "check", "--strict-baseline")
    assert code == 0, err
    assert "stale" not in err


def test_line_moves_keep_the_fingerprints(baselined: Path, seeds: dict, capsys: pytest.CaptureFixture[str]) -> None:
    source = baselined / f"seeds/{S002}.txt"
    source.write_text("\n\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = call(capsys, "check", "--format", "markdown,json")
    assert code == 0, err
    assert f"{N} accepted in the baseline." in err and "stale" not in err
    # the lines did move ...
    doc = json.loads(Path("reports/report.json").read_text(encoding="utf-8"))
    path = {s["id"]: s["path"] for s in doc["sources"]}
    moved = [(c["id"], c["line"] + (3 if path[c["source"]] == f"seeds/{S002}.txt" else 0)) for c in seeds["claims"]]
    assert [(c["id"], c["line"]) for c in doc["claims"]] == moved
    assert moved != [(c["id"], c["line"]) for c in seeds["claims"]]
    # ... and the conflicts are still the accepted ones
    assert report_md().count(f"> Accepted in the baseline: {REASON}") == N
    code, _, err = call(capsys, "check", "--strict-baseline")
    assert code == 0, err


def test_writing_again_keeps_existing_reasons(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(baselined / "seeds/005_new.txt", NEW_SOURCE)
    code, _, err = call(capsys, "baseline", "write")
    assert code == 2
    assert err == ("consistency: baseline write needs --reason TEXT: say why the 1 new finding(s) are accepted "
                   "(it is kept with each entry)\n")
    code, _, err = call(capsys, "baseline", "write", "--reason", "The member count is being checked")
    assert code == 0, err
    assert err == (f"consistency: wrote {N + 1} accepted finding(s) to {BASELINE} (1 new); "
                   "`check` now fails only on new conflicts\n")
    got = {e["slot"]: e["reason"] for e in entries()}
    assert got == {**{slot: REASON for slot in CONFLICTS}, "nato.member_count": "The member count is being checked"}
    code, _, err = call(capsys, "check")
    assert code == 0, err
    assert f"{N + 1} accepted in the baseline." in err
    # and writing once more, nothing new, keeps every reason
    code, _, err = call(capsys, "baseline", "write", "--reason", "something else")
    assert code == 0, err
    assert {e["slot"]: e["reason"] for e in entries()} == got


def test_a_custom_baseline_path(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "ci").mkdir()
    code, _, err = call(capsys, "baseline", "write", "--reason", REASON, "--baseline", "ci/accepted.yaml")
    assert code == 0, err
    assert err.startswith(f"consistency: wrote {N} accepted finding(s) to ci/accepted.yaml ({N} new)")
    assert not (repo / BASELINE).exists()
    assert len(entries(repo / "ci/accepted.yaml")) == N
    code, _, err = call(capsys, "check")
    assert code == 1, err  # the default file does not exist
    code, _, err = call(capsys, "check", "--baseline", "ci/accepted.yaml")
    assert code == 0, err
    write(repo / "consistency.yaml", "baseline: ci/accepted.yaml\n")
    code, _, err = call(capsys, "check")
    assert code == 0, err


def test_markdown_headline_counts_stale_entries_in_good_english(baselined: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (baselined / f"seeds/{S001}.txt").unlink()
    code, _, err = call(capsys, "check")
    assert code == 0, err
    assert len(WITH_001) == 2
    assert report_md().splitlines()[2].endswith(" 2 stale baseline entries.")


def test_baseline_write_into_a_new_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "baseline", "write", "--reason", REASON, "--baseline", "ci/accepted.yaml")
    assert code == 0, err
    assert len(entries(repo / "ci/accepted.yaml")) == N


# ---------------------------------------------------------------- broken baseline files

@pytest.mark.parametrize("reason", [None, "", "   "])
def test_entry_without_a_reason_exits_2(baselined: Path, capsys: pytest.CaptureFixture[str],
                                       reason: str | None) -> None:
    doc = yaml.safe_load((baselined / BASELINE).read_text(encoding="utf-8"))
    if reason is None:
        del doc["entries"][1]["reason"]
    else:
        doc["entries"][1]["reason"] = reason
    write(baselined / BASELINE, yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    code, out, err = call(capsys, "check")
    assert code == 2
    assert out == ""
    assert err == (f"consistency: {BASELINE}: entries[1] ({CONFLICTS[1]}) has no `reason`; "
                   "say why it is accepted\n")
    assert not (baselined / "reports").exists(), "a report was written although the baseline is broken"


def test_entry_without_a_fingerprint_exits_2(baselined: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = yaml.safe_load((baselined / BASELINE).read_text(encoding="utf-8"))
    del doc["entries"][0]["fingerprint"]
    write(baselined / BASELINE, yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err == f"consistency: {BASELINE}: entries[0] needs `fingerprint` and `slot`\n"


def test_baseline_that_is_not_yaml_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / BASELINE, "entries: [\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err == (f"consistency: {BASELINE}:2:1: cannot read the baseline (not valid YAML: expected the node "
                   "content, but found '<stream end>'; check indentation and quoting); fix it or write it anew with "
                   "`python -m consistency baseline write --reason TEXT`\n")


def test_baseline_that_is_not_a_mapping_exits_2_naming_the_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / BASELINE, "- fingerprint: abc\n  slot: x\n  reason: y\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.startswith(f"consistency: {BASELINE}: "), err
    assert "internal error" not in err


def test_each_findings_fingerprint_is_worked_out_once_per_check(baselined: Path, seeds: dict,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # a fingerprint hashes every claim of its finding: the baseline, the
    # reports and the summary share one list instead of each making its own
    from consistency import fingerprint

    made: list[str] = []
    real = fingerprint.of_finding
    monkeypatch.setattr(fingerprint, "of_finding", lambda f, claims: made.append(f.slot) or real(f, claims))
    code, _, err = call(capsys, "check", "--no-cache", "--format", "markdown,json,sarif")
    assert code == 0, err
    assert sorted(made) == sorted(set(made)) and set(CONFLICTS) <= set(made)


def test_without_a_baseline_no_finding_is_fingerprinted(repo: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A fingerprint hashes every claim of its finding: Markdown and JSON
    reports, the summary and the exit code need none when nothing can be
    accepted (SARIF, a baseline and --compare-to do)."""
    from consistency import fingerprint

    calls: list[str] = []
    real = fingerprint.of_finding
    monkeypatch.setattr(fingerprint, "of_finding", lambda f, claims: calls.append(f.slot) or real(f, claims))
    code, _, _ = call(capsys, "check", "seeds", "--no-cache", "--format", "markdown,json")
    assert code == 1 and calls == []
    call(capsys, "check", "seeds", "--no-cache", "--format", "sarif")
    assert calls
