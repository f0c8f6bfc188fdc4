"""Project configuration (issue 4, README "In CI"): `consistency.yaml` and
`[tool.consistency]` in pyproject.toml set the run (the YAML file wins when
both set a key; the command line wins over both); `check --show-config` says
where each value came from; per-slot severity overrides decide what fails
under `--fail-on`; a mistake in the configuration stops the run with exit 2
and a message naming the file, line and fix.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import call, write

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]
FIX = "consistency: fix the project configuration; nothing was checked"


# ---------------------------------------------------------------- helpers


def show(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = call(capsys, "check", "--show-config", *args)
    assert code == 0, err
    assert err == ""
    return out.splitlines()


def severity_block(lines: list[str]) -> list[str]:
    """The `severity:` line and the slot lines under it."""
    start = next(i for i, line in enumerate(lines) if line.startswith("severity:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    return lines[start:end]


MISSPELT = "severity:\n  nato.member_count: warning\n  poland_incursion.drones_entred: warning\n"


def all_warnings() -> str:
    return "severity:\n" + "".join(f"  {slot}: warning\n" for slot in CONFLICTS)


# ---------------------------------------------------------------- where settings come from

def test_defaults(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = show(capsys)
    for line in ["sources: seeds  # default", "rules: rules  # default", "format: markdown  # default",
                 "output: (none)  # default", "fail_on: error  # default", "severity:  # from the rules",
                 "baseline: consistency-baseline.yaml  # default", "strict_baseline: false  # default",
                 "timestamp: false  # default"]:
        assert line in lines, line
    assert not (repo / "reports").exists(), "--show-config ran the check"


def test_consistency_yaml_sets_the_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "# project settings\nfail_on: never\nformat: json\n")
    lines = show(capsys)
    assert "fail_on: never  # consistency.yaml" in lines
    assert "format: json  # consistency.yaml" in lines
    assert "rules: rules  # default" in lines
    code, out, err = call(capsys, "check")
    assert code == 0, err  # the seeds' conflicts do not fail: fail_on never
    assert out == ""
    assert err.rstrip().endswith("Report: reports/report.json.")
    assert sorted(p.name for p in (repo / "reports").iterdir()) == ["report.json"]


def test_pyproject_sets_the_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pyproject.toml", '[project]\nname = "x"\n\n[tool.consistency]\nfail_on = "never"\n'
                                   'format = ["json", "sarif"]\n\n[tool.consistency.severity]\n'
                                   '"nato.member_count" = "warning"\n')
    lines = show(capsys)
    assert "fail_on: never  # pyproject.toml [tool.consistency]" in lines
    assert "format: json, sarif  # pyproject.toml [tool.consistency]" in lines
    assert severity_block(lines)[1:] == ["  nato.member_count: warning  # pyproject.toml [tool.consistency]"]
    assert severity_block(lines)[0] == "severity:"
    code, _, err = call(capsys, "check")
    assert code == 0, err
    assert err.rstrip().endswith("Report: reports/report.json, reports/report.sarif.")


def test_yaml_wins_over_pyproject_and_the_command_line_over_both(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pyproject.toml", '[tool.consistency]\nfail_on = "warning"\nformat = "sarif"\ntimestamp = true\n')
    write(repo / "consistency.yaml", "fail_on: never\nformat: [json]\n")
    lines = show(capsys)
    assert "fail_on: never  # consistency.yaml" in lines
    assert "format: json  # consistency.yaml" in lines
    assert "timestamp: true  # pyproject.toml [tool.consistency]" in lines
    code, _, err = call(capsys, "check")
    assert code == 0, err

    lines = show(capsys, "--fail-on", "error", "--format", "markdown,github", "--output", "out.md")
    assert "fail_on: error  # command line" in lines
    assert "format: markdown, github  # command line" in lines
    assert "output: out.md  # command line" in lines
    code, out, err = call(capsys, "check", "--fail-on", "error", "--format", "markdown", "--output", "out.md")
    assert code == 1, err
    assert (repo / "out.md").read_text(encoding="utf-8").splitlines()[2].startswith("Generated ")


def test_hyphenated_keys_and_comma_separated_formats(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "fail-on: warning\nformat: json, sarif\nstrict-baseline: true\n")
    lines = show(capsys)
    assert "fail_on: warning  # consistency.yaml" in lines
    assert "format: json, sarif  # consistency.yaml" in lines
    assert "strict_baseline: true  # consistency.yaml" in lines


def test_sources_and_rules_from_the_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.move(repo / "seeds", repo / "articles")
    shutil.move(repo / "rules", repo / "facts")
    write(repo / "consistency.yaml", "sources: [articles]\nrules: facts\n")
    lines = show(capsys)
    assert "sources: articles  # consistency.yaml" in lines
    assert "rules: facts  # consistency.yaml" in lines
    code, out, err = call(capsys, "check", "--format", "json", "--output", "-")
    assert code == 1, err
    assert [s["path"] for s in json.loads(out)["sources"]][0].startswith("articles/")


# ---------------------------------------------------------------- severity and --fail-on

def test_one_slot_downgraded_still_fails_on_the_others(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "severity:\n  poland_incursion.drones_entered: warning\n")
    code, out, err = call(capsys, "check", "--fail-on", "error", "--format", "json", "--output", "-")
    assert code == 1, err
    severities = {f["slot"]: f["severity"] for f in json.loads(out)["findings"] if f["kind"] == "conflict"}
    assert severities == {**{slot: "error" for slot in CONFLICTS}, "poland_incursion.drones_entered": "warning"}


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("never", 0)])
def test_all_conflicts_downgraded_to_warning(repo: Path, capsys: pytest.CaptureFixture[str], fail_on: str,
                                             code: int) -> None:
    write(repo / "consistency.yaml", all_warnings())
    got, _, err = call(capsys, "check", "--fail-on", fail_on)
    assert got == code, err
    md = (repo / "reports/report.md").read_text(encoding="utf-8")
    assert md.count("Severity: warning.") == len(CONFLICTS)
    assert "Severity: error." not in md


def test_fail_on_from_the_configuration_with_severity(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", all_warnings() + "fail_on: warning\n")
    code, _, err = call(capsys, "check")
    assert code == 1, err
    code, _, err = call(capsys, "check", "--fail-on", "error")  # the command line wins
    assert code == 0, err


def test_info_never_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", all_warnings().replace("warning", "info") + "fail_on: warning\n")
    code, _, err = call(capsys, "check")
    assert code == 0, err
    assert f"{len(CONFLICTS)} conflict(s)" in err


def test_exit_codes_end_to_end_with_the_configuration(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = repo / "consistency.yaml"
    write(config, all_warnings() + "fail_on: error\n")
    assert call(capsys, "check")[0] == 0
    write(config, all_warnings() + "fail_on: warning\n")
    assert call(capsys, "check")[0] == 1
    write(config, all_warnings() + "fail_on: sometimes\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines() == [f"consistency: consistency.yaml:{len(CONFLICTS) + 2}:1: fail_on: Input should be 'error', 'warning' "
                                "or 'never'", FIX]


# ---------------------------------------------------------------- mistakes

def test_unknown_key_in_consistency_yaml(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "sources: [seeds]\nfail_onn: warning\n")
    code, out, err = call(capsys, "check")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "consistency: consistency.yaml:2:1: fail_onn: unknown key `fail_onn` (did you mean `fail_on`?)", FIX]
    assert not (repo / "reports").exists()
    # --show-config too: it cannot say what is in effect
    code, out, err = call(capsys, "check", "--show-config")
    assert code == 2 and out == ""


def test_unknown_key_in_pyproject(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pyproject.toml", '[tool.consistency]\nseverities = {}\n')
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines() == [
        "consistency: pyproject.toml [tool.consistency]: severities: unknown key `severities` "
        "(did you mean `severity`?)", FIX]


def test_bad_severity_value(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "severity:\n  nato.member_count: fatal\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines() == [
        "consistency: consistency.yaml:2:3: severity.nato.member_count: Input should be 'error', 'warning' or 'info'",
        FIX]


def test_severity_for_an_unknown_slot_names_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", MISSPELT)
    code, out, err = call(capsys, "check")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == FIX
    assert len(lines) == 2
    assert lines[0].startswith("consistency: consistency.yaml")
    assert "severity.poland_incursion.drones_entred: no such slot in rules" in lines[0]
    assert not (repo / "reports").exists()


def test_severity_for_an_unknown_slot_names_the_line_and_the_likely_slot(repo: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", MISSPELT)
    code, _, err = call(capsys, "check")
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("consistency: consistency.yaml:3:3: severity.poland_incursion.drones_entred: "), first
    assert "(did you mean `poland_incursion.drones_entered`?)" in first


def test_broken_yaml_and_toml(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "sources: [seeds\nfail_on: never\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines()[0].startswith("consistency: consistency.yaml:2:8: not valid YAML: ")
    (repo / "consistency.yaml").unlink()
    write(repo / "pyproject.toml", "[tool.consistency\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines()[0].startswith("consistency: pyproject.toml: not valid TOML: ")
    assert err.splitlines()[-1] == FIX


def test_configuration_that_is_not_a_mapping(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "- fail_on\n- never\n")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err.splitlines() == ["consistency: consistency.yaml: expected a mapping of settings", FIX]


# ---------------------------------------------------------------- --show-config provenance

def test_show_config_severity_from_yaml(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", all_warnings())
    block = severity_block(show(capsys))
    assert block[0] == "severity:"
    assert block[1:] == [f"  {slot}: warning  # consistency.yaml" for slot in CONFLICTS]


def test_show_config_says_where_each_severity_came_from(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "pyproject.toml", '[tool.consistency.severity]\n"hague_summit.dates" = "info"\n')
    write(repo / "consistency.yaml", "severity:\n  nato.member_count: warning\n")
    block = severity_block(show(capsys))
    assert "  hague_summit.dates: info  # pyproject.toml [tool.consistency]" in block
    assert "  nato.member_count: warning  # consistency.yaml" in block


@pytest.mark.parametrize(("file", "text", "where"), [
    ("consistency.yaml", "sources: [seeds]\noutput: ../outside.md\n", "consistency.yaml:2:1"),
    ("pyproject.toml", '[tool.consistency]\nbaseline = "/tmp/abs-baseline.yaml"\n', "pyproject.toml [tool.consistency]"),
], ids=["yaml output above the project", "toml baseline absolute"])
def test_injection_17_a_projects_configuration_writes_only_inside_it(file: str, text: str, where: str, repo: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Audit injection #17: a cloned repository's configuration sent report and baseline writes anywhere."""
    (repo / file).write_text(text, encoding="utf-8")
    key, value = ("output", "../outside.md") if "output" in text else ("baseline", "/tmp/abs-baseline.yaml")
    code, _, err = call(capsys, "check")
    assert code == 2
    assert err == (f"consistency: {where}: {key}: `{value}` is outside the project; a project's configuration writes "
                   f"only inside it (to write elsewhere, give --{key} on the command line)\n"
                   "consistency: fix the project configuration; nothing was checked\n")
    assert not (repo.parent / "outside.md").exists()
