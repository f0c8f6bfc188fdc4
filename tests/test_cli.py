"""The command line as a user and a CI job see it: exit codes, where the
report goes, the JSON contract of DESIGN.md, and that a broken source never
costs the others their results. No case may print a traceback.

In-process `main()` is used where the behaviour is the CLI's own; a
subprocess where it is about the process (exit status, `-m`, the console
script, the default paths relative to the working directory).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency.cli import main
from helpers import CLUB_RULE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"
SEED_FILES = ["000_372c9b6eba1ce4e1", "001_186edccea4064bc3", "002_2e7131b4654abfe7",
              "003_e112e87bc3af8e1c", "004_dcf8f189fc6cc466"]
# the feed-reader page 002 is split into its 13 articles, 002_…#1 to #13
SEED_IDS = [*SEED_FILES[:2], *(f"002_2e7131b4654abfe7#{n}" for n in range(1, 14)), *SEED_FILES[3:]]

sys.path.insert(0, str(Path(__file__).parent / "expectations"))
from check_expectations import evaluate  # noqa: E402


# ---------------------------------------------------------------- helpers

PYTHON_M = (sys.executable, "-m", "consistency")


def run(*args: str, cwd: Path = ROOT, exe: tuple[str, ...] = PYTHON_M) -> subprocess.CompletedProcess[str]:
    """The CLI as a process. `python -m` gets the checkout on PYTHONPATH so it works from any cwd even
    without an install; the console script is run as installed."""
    env = dict(os.environ)
    if exe == PYTHON_M:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    proc = subprocess.run([*exe, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def collapse(text: str) -> str:
    return " ".join(text.split())




def club(tmp_path: Path, *texts: str, severity: str = "error") -> tuple[str, str]:
    """A one-slot rules folder of our own and one source per text: (sources, rules)."""
    write(tmp_path / "rules/club.yaml", CLUB_RULE.replace("SEVERITY", severity))
    for name, text in zip("abcdefgh", texts):
        write(tmp_path / f"src/{name}.txt", text)
    return str(tmp_path / "src"), str(tmp_path / "rules")


@pytest.fixture(scope="module")
def seed_run() -> subprocess.CompletedProcess[str]:
    """`python -m consistency check --format json --output -` from the repo root, once."""
    return run("check", "--format", "json", "--output", "-")


@pytest.fixture(scope="module")
def seed_report(seed_run: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return json.loads(seed_run.stdout)


def tally(report: dict[str, Any]) -> str:
    """What the stderr summary must say about a report's findings."""
    kinds = [f["kind"] for f in report["findings"]]
    changed = kinds.count("changed")
    return (f"{kinds.count('conflict')} conflict(s), {f'{changed} changed over time, ' if changed else ''}"
            f"{kinds.count('consistent')} consistent, {kinds.count('single_source')} single-source.")


# ---------------------------------------------------------------- exit codes

@pytest.mark.parametrize(("fail_on", "code"), [(None, 1), ("warning", 1), ("never", 0)])
def test_seed_exit_code_follows_fail_on(fail_on: str | None, code: int, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                        seed_report: dict[str, Any]) -> None:
    monkeypatch.chdir(ROOT)
    out_file = tmp_path / "report.md"
    args = ["check", "--output", str(out_file)] + (["--fail-on", fail_on] if fail_on else [])
    got, out, err = call(capsys, *args)
    assert got == code, err
    assert out == ""
    assert err.rstrip().endswith(f"{tally(seed_report)} Report: {out_file}.")
    assert out_file.read_text(encoding="utf-8").startswith("# Consistency report")


def test_seed_run_as_a_process_exits_1_and_prints_only_the_report(seed_run: subprocess.CompletedProcess[str],
                                                                  seed_report: dict[str, Any]) -> None:
    assert seed_run.returncode == 1, seed_run.stderr
    assert seed_run.stdout.startswith("{\n")
    assert seed_run.stderr.count("\n") == 1 and seed_run.stderr.startswith("consistency: checked 5 source(s) (17 articles)")
    assert seed_run.stderr.rstrip().endswith(f"{tally(seed_report)} Report: stdout.")


@pytest.mark.parametrize(("severity", "fail_on", "code"), [
    ("error", "error", 1), ("error", "warning", 1), ("error", "never", 0),
    ("warning", "error", 0), ("warning", "warning", 1), ("warning", "never", 0),
    ("info", "error", 0), ("info", "warning", 0),
])
def test_exit_code_compares_conflict_severity_with_fail_on(severity: str, fail_on: str, code: int, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n", "Weather was mild.\nThe chess club has 30 members.\n",
                      severity=severity)
    got, out, err = call(capsys, "check", src, "--rules", rules, "--format", "json", "--output", "-", "--fail-on", fail_on)
    assert got == code, err
    report = json.loads(out)
    assert [(c["source"], c["line"], c["value"]["low"]) for c in report["claims"]] == [("a", 1, 32), ("b", 2, 30)]
    assert report["findings"] == [{"slot": "club.members", "kind": "conflict", "severity": severity,
                                   "claims": ["c1", "c2"], "message": "30 members (b) vs 32 members (a)"}]
    assert err.rstrip().endswith("1 conflict(s), 0 consistent, 0 single-source. Report: stdout.")


def test_silent_folder_is_an_empty_pass_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty pass is never reported as success: no rule fired on any source."""
    write(tmp_path / "src/note.txt", "The weather was mild and nobody counted anything.\n")
    got, out, err = call(capsys, "check", str(tmp_path / "src"), "--rules", str(RULES), "--format", "json", "--output", "-")
    assert got == 2, err
    report = json.loads(out)
    assert [(s["id"], s["errors"]) for s in report["sources"]] == [("note", [])]
    assert report["claims"] == [] and report["findings"] == []
    assert "0 claim(s) in 0 slot(s); 0 conflict(s), 0 consistent, 0 single-source." in err
    assert err.splitlines()[-1] == (
        "consistency: NO RULE FIRED: not one claim was found in any source, so nothing was compared. "
        "Check that the sources are about the rules' topics "
        "(python -m consistency explain SLOT shows the near misses)")


def test_agreeing_folder_exits_0_and_says_consistent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n", "Weather was mild.\nThe chess club has 32 members.\n")
    got, out, err = call(capsys, "check", src, "--rules", rules, "--format", "json", "--output", "-")
    assert got == 0, err
    assert json.loads(out)["findings"] == [{"slot": "club.members", "kind": "consistent", "severity": "info",
                                            "claims": ["c1", "c2"], "message": "2 sources agree: 32 members (a; b)"}]
    assert "0 conflict(s), 1 consistent, 0 single-source." in err


def test_missing_rules_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    got, out, err = call(capsys, "check", str(SEEDS), "--rules", "nope")
    assert got == 2
    assert out == ""
    assert err.splitlines() == [
        "consistency: nope: rules folder not found; pass --rules DIR, or create nope/ with a rule file "
        "(python -m consistency rules new topic.fact --type count)",
        "consistency: 1 problem(s) in the rules; nothing was checked",
    ]
    assert not (tmp_path / "reports").exists()


def test_missing_source_path_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    got, out, err = call(capsys, "check", "nope", "--rules", str(RULES))
    assert got == 2
    assert out == ""
    assert err.splitlines() == ["consistency: nope: no such file or folder; give paths to the sources to check"]
    assert not (tmp_path / "reports").exists()


def test_missing_source_path_among_others_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n")
    monkeypatch.chdir(tmp_path)
    got, out, err = call(capsys, "check", src, "nope", "--rules", rules, "--fail-on", "never")
    assert got == 2
    assert err.splitlines()[0].startswith("consistency: nope: no such file or folder")
    assert not (tmp_path / "reports").exists()


def test_folder_without_sources_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "src/article.pdf", b"%PDF-1.4\n")
    got, out, err = call(capsys, "check", "src", "--rules", str(RULES))
    assert got == 2
    first = err.splitlines()[0]
    assert first.startswith("consistency: src: ") and "no source" in first and ".txt" in first, err
    assert not (tmp_path / "reports").exists()


def test_bad_argument_exits_2_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    got, out, err = call(capsys, "check", "--format", "xml")
    assert got == 2
    assert out == ""
    assert err.startswith("usage: consistency check ")
    assert err.splitlines()[-1] == (
        "consistency: error: argument --format: unknown format `xml`; use one or more of markdown, json, sarif, "
        "github, comma-separated")


@pytest.mark.parametrize("argv", [[], ["bogus"], ["check", "--fail-on", "sometimes"], ["check", "--nope"]])
def test_other_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    got, out, err = call(capsys, *argv)
    assert got == 2
    assert out == ""
    assert "usage: consistency" in err


def test_bad_rule_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "rules/spain.yaml", "slots:\n  - id: spain.x\n   type: count\n")
    got, out, err = call(capsys, "check", str(SEEDS), "--rules", str(tmp_path / "rules"),
                         "--output", str(tmp_path / "r.md"))
    assert got == 2
    assert out == ""
    assert "spain.yaml:3:4: not valid YAML" in err
    assert err.splitlines()[-1] == "consistency: 1 problem(s) in the rules; nothing was checked"
    assert not (tmp_path / "r.md").exists()


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n")
    got, out, err = call(capsys, "check", src, "--rules", rules, "--output", str(tmp_path))  # a folder, not a file
    assert got == 2
    assert err.splitlines() == [
        f"consistency: {tmp_path}: cannot write the report (Is a directory); pick another --output"]


# ---------------------------------------------------------------- the JSON contract

def test_json_top_level_and_sources(seed_report: dict[str, Any]) -> None:
    assert list(seed_report) == ["version", "sources", "claims", "findings"]
    assert seed_report["version"] == 2
    for s in seed_report["sources"]:
        assert set(s) == {"id", "path", "published", "errors"}, s
    assert [s["id"] for s in seed_report["sources"]] == SEED_IDS
    assert [s["path"] for s in seed_report["sources"]] == [f"seeds/{i.split('#')[0]}.txt" for i in SEED_IDS]
    assert all(s["errors"] == [] for s in seed_report["sources"])
    published = {s["id"]: s["published"] for s in seed_report["sources"]}
    assert published["001_186edccea4064bc3"] == "2025-06-12"
    for p in published.values():
        assert p is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", p)


def test_json_claims(seed_report: dict[str, Any]) -> None:
    claims = seed_report["claims"]
    assert len(claims) > 0
    assert [c["id"] for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    source_ids = {s["id"] for s in seed_report["sources"]}
    for c in claims:
        assert set(c) == {"id", "slot", "source", "line", "quote", "attributed_to", "value", "as_of"}, c
        if c["as_of"] is not None:  # version 2: when the claim held, and where that came from
            assert set(c["as_of"]) == {"start", "end", "from"}, c
            assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["as_of"][k]) for k in ("start", "end")), c
            assert c["as_of"]["start"] <= c["as_of"]["end"] and c["as_of"]["from"], c
        assert c["source"] in source_ids
        assert isinstance(c["line"], int) and not isinstance(c["line"], bool) and c["line"] >= 1
        assert isinstance(c["quote"], str) and c["quote"].strip()
        assert c["attributed_to"] is None or (isinstance(c["attributed_to"], str) and c["attributed_to"])
        v = c["value"]
        if v["kind"] == "quantity":
            assert set(v) == {"kind", "low", "high", "low_inclusive", "high_inclusive", "approximate", "unit"}, c
            for bound in ("low", "high"):
                assert v[bound] is None or (isinstance(v[bound], (int, float)) and not isinstance(v[bound], bool))
            for flag in ("low_inclusive", "high_inclusive", "approximate"):
                assert isinstance(v[flag], bool)
            assert isinstance(v["unit"], str) and v["unit"]
        elif v["kind"] == "category":
            assert set(v) == {"kind", "label"} and isinstance(v["label"], str) and v["label"], c
        else:
            assert v["kind"] == "date", c
            assert set(v) == {"kind", "start", "end"}, c
            for bound in ("start", "end"):
                assert v[bound] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", v[bound])
    assert {c["value"]["kind"] for c in claims} == {"quantity", "date", "category"}


def test_json_claim_lines_and_quotes_point_into_the_source(seed_report: dict[str, Any]) -> None:
    paths = {s["id"]: ROOT / s["path"] for s in seed_report["sources"]}
    texts = {i: p.read_text(encoding="utf-8").split("\n") for i, p in paths.items()}
    wrong = []
    for c in seed_report["claims"]:
        lines = texts[c["source"]]
        if not 1 <= c["line"] <= len(lines):
            wrong.append(f"{c['id']}: line {c['line']} is past the end of {c['source']}")
            continue
        here = collapse(lines[c["line"] - 1])
        at = collapse("\n".join(lines[c["line"] - 1:])).find(collapse(c["quote"]))
        if not 0 <= at < len(here):
            wrong.append(f"{c['id']}: {c['quote'][:60]!r} does not start on {c['source']} line {c['line']}")
    assert wrong == []


def test_json_findings(seed_report: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in seed_report["claims"]}
    findings = seed_report["findings"]
    for f in findings:
        assert set(f) == {"slot", "kind", "severity", "claims", "message"}, f
        assert f["kind"] in {"conflict", "changed", "consistent", "single_source"}
        assert f["severity"] in {"error", "warning", "info"}
        assert f["claims"] and all(i in claims for i in f["claims"]), f
        assert {claims[i]["slot"] for i in f["claims"]} == {f["slot"]}, f
        assert isinstance(f["message"], str) and f["message"]
        if f["kind"] == "single_source":
            assert len({claims[i]["source"] for i in f["claims"]}) == 1, f
    assert len({f["slot"] for f in findings}) == len(findings), "one finding per slot"


# ---------------------------------------------------------------- where the report goes

def _repo_copy(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(RULES, tmp_path / "rules")
    return tmp_path


def test_default_run_writes_reports_report_md_in_the_working_folder(tmp_path: Path,
                                                                    seed_report: dict[str, Any]) -> None:
    repo = _repo_copy(tmp_path)
    proc = run("check", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.rstrip().endswith(f"{tally(seed_report)} Report: reports/report.md.")
    assert sorted(p.name for p in (repo / "reports").iterdir()) == ["report.md"]
    # the same report from every checkout: source paths are relative to the working folder
    md = (repo / "reports/report.md").read_text(encoding="utf-8")
    assert md.startswith("# Consistency report")
    assert all(f"`seeds/{i}.txt`" in md for i in SEED_FILES)
    assert str(tmp_path) not in md


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n", "The chess club has 30 members.\n")
    target = tmp_path / "new/folder/out.md"
    got, out, err = call(capsys, "check", src, "--rules", rules, "--output", str(target))
    assert got == 1
    assert out == ""
    assert err.rstrip().endswith(f"Report: {target}.")
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Consistency report")
    assert "**30 members (b) vs 32 members (a)**" in md


def test_json_without_output_writes_reports_report_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str],
                                                        seed_report: dict[str, Any]) -> None:
    monkeypatch.chdir(_repo_copy(tmp_path))
    got, out, err = call(capsys, "check", "--format", "json")
    assert got == 1
    assert out == ""
    assert err.rstrip().endswith("Report: reports/report.json.")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["report.json"]
    assert json.loads((tmp_path / "reports/report.json").read_text(encoding="utf-8")) == seed_report


# ---------------------------------------------------------------- broken sources

def test_broken_sources_never_cost_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str],
                                              seed_report: dict[str, Any]) -> None:
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    write(src / "empty.txt", "")
    write(src / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR 19 drones entered Polish airspace")
    # Latin-1 is decoded (charset-normalizer's guess) and read like any other source
    write(src / "latin1.txt", "Café in Kraków: the weather was mild and the café was full, the señora said.\n"
          .encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    got, out, err = call(capsys, "check", "src", "--rules", str(RULES), "--format", "json", "--output", "-")
    assert got == 1, err
    report = json.loads(out)
    errors = {s["id"]: s["errors"] for s in report["sources"]}
    assert errors == {**{i: [] for i in SEED_IDS},
                      "binary": ["looks binary (NUL bytes); only text sources are read"],
                      "empty": ["empty"],
                      "latin1": []}
    assert {c["source"] for c in report["claims"]} <= set(SEED_IDS)
    # exactly what the seeds alone give: same claims, same ids, same findings
    assert report["claims"] == seed_report["claims"]
    assert report["findings"] == seed_report["findings"]
    # every seed expectation that holds on the seeds alone still holds (tests/test_seeds.py says which do)
    expect = yaml.safe_load((ROOT / "tests/expectations/seeds.yaml").read_text(encoding="utf-8"))
    assert evaluate(report, expect) == evaluate(seed_report, expect)
    assert evaluate(report, expect)[1] == 22
    assert any(f["slot"] == "poland_incursion.drones_entered" and f["kind"] == "conflict" for f in report["findings"])
    assert "checked 6 source(s) (18 articles)" in err
    assert "2 source(s) could not be read (binary, empty)." in err


def test_broken_sources_are_listed_in_the_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, rules = club(tmp_path, "The chess club has 32 members.\n")
    write(tmp_path / "src/binary.txt", b"\x00\x01\x02")
    got, out, err = call(capsys, "check", src, "--rules", rules, "--output", "-")
    assert got == 0, err
    assert "1 source(s) could not be read (binary)." in err
    row = next(line for line in out.splitlines() if "`binary`" in line)
    assert "looks binary (NUL bytes); only text sources are read" in row


# ---------------------------------------------------------------- the console script

def test_console_script_is_the_same_as_python_m(seed_run: subprocess.CompletedProcess[str],
                                                seed_report: dict[str, Any]) -> None:
    exe = shutil.which("consistency")
    if exe is None:
        pytest.skip("the `consistency` console script is not on PATH; run `pip install -e .` to install it")
    proc = run("check", "--format", "json", "--output", "-", exe=(exe,))
    assert proc.returncode == seed_run.returncode == 1, proc.stderr
    assert proc.stdout == seed_run.stdout
    assert proc.stderr.rstrip().endswith(f"{tally(seed_report)} Report: stdout.")
