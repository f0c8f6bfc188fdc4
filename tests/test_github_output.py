"""GitHub Actions output (issue 4, README "In CI"): `--format github` prints
workflow commands (`::error file=…,line=…,title=…::…`) on stdout, escaped the
way the runner parses them; at most ten annotations and then one notice for
the rest; and with `GITHUB_STEP_SUMMARY` set, the Markdown report is appended
to the job summary.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from consistency.cli import main
from consistency.report import github
from helpers import call, write

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
S001 = "001_186edccea4064bc3"
S002 = "002_2e7131b4654abfe7"

CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]  # on the seeds
COMMAND = re.compile(r"::(error|warning|notice) (file=[^,:]+,line=\d+,)?title=[^,:]+::.+")


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds' JSON report, from a tmp copy of the checkout."""
    folder = tmp_path_factory.mktemp("seeds")
    shutil.copytree(RULES, folder / "rules")
    shutil.copytree(SEEDS, folder / "seeds")
    out = io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "--format", "json", "--output", "-"]) == 1
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def seed_annotations(seeds: dict) -> list[str]:
    """What the seeds' six conflicts (all errors) must give: one error each, at its first claim, in slot order,
    its message as the JSON report has it."""
    paths = {s["id"]: s["path"] for s in seeds["sources"]}
    claims = {c["id"]: c for c in seeds["claims"]}
    conflicts = sorted((f for f in seeds["findings"] if f["kind"] == "conflict"), key=lambda f: f["slot"])
    assert [f["slot"] for f in conflicts] == CONFLICTS
    lines = []
    for f in conflicts:
        first = claims[f["claims"][0]]
        lines.append(f"::error file={paths[first['source']]},line={first['line']},"
                     f"title=consistency%3A {f['slot']}::{f['message']}")
    # the one a reader sees first for the Polish incursion, in full
    tusk = next(c for c in seeds["claims"] if c["slot"] == "poland_incursion.drones_entered" and c["line"] == 17)
    assert lines[CONFLICTS.index("poland_incursion.drones_entered")] == (
        f"::error file=seeds/{S002}.txt,line=17,title=consistency%3A poland_incursion.drones_entered::"
        f"6–10 drones (a NATO source) vs 19 drones (Donald Tusk) (within {tusk['source']})")
    return lines


NAMES = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima".split()


def twelve_conflicts(folder: Path) -> None:
    """A rules folder with 12 slots (club.alpha … club.lima; the first four are warnings) and two
    sources that disagree on every one of them."""
    slots = []
    for i, name in enumerate(NAMES):
        slots.append(f"""\
  - id: club.{name}
    description: How many members the {name} club has.
    type: count
    unit: member
    unit_words: [member*]
    triggers: [has]
    context: [[{name}]]
    severity: {"warning" if i < 4 else "error"}
    examples:
      - text: The {name} club has 32 members.
        expect: {{low: 32, high: 32, unit: member}}
      - text: The {name} club has a new president.
        expect: none
""")
    write(folder / "rules/club.yaml", "slots:\n" + "".join(slots))
    write(folder / "src/a.txt", "".join(f"The {n} club has 32 members.\n" for n in NAMES))
    write(folder / "src/b.txt", "".join(f"The {n} club has 30 members.\n" for n in NAMES))


# ---------------------------------------------------------------- annotations

def test_seed_annotations(repo: Path, seed_annotations: list[str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check", "--format", "github")
    assert code == 1, err
    assert out.splitlines() == seed_annotations
    assert out.endswith("\n")
    assert all(COMMAND.fullmatch(line) for line in out.splitlines())
    # github alone writes no report file
    assert not (repo / "reports").exists()
    assert f"; {len(CONFLICTS)} conflict(s), " in err
    assert err.rstrip().endswith(" Report: stdout.")


def test_annotations_beside_a_report_file(repo: Path, seed_annotations: list[str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check", "--format", "markdown,github")
    assert code == 1, err
    assert out.splitlines() == seed_annotations
    assert (repo / "reports/report.md").is_file()
    assert err.rstrip().endswith("Report: reports/report.md.")


def test_annotations_follow_the_exit_code_not_the_other_way(repo: Path, seed_annotations: list[str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-on never changes the exit code, not what is annotated."""
    code, out, _ = call(capsys, "check", "--format", "github", "--fail-on", "never")
    assert code == 0
    assert out.splitlines() == seed_annotations


def test_severity_picks_the_command(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo / "consistency.yaml", "severity:\n  hague_summit.duration: warning\n  hague_summit.dates: info\n")
    code, out, err = call(capsys, "check", "--format", "github")
    assert code == 1, err
    # most severe first: the errors (in slot order), then the warning, then the info as a notice
    shown = [line.split(" ", 1)[0] + " " + line.split("title=", 1)[1].split("::", 1)[0] for line in out.splitlines()]
    assert shown == [
        "::error consistency%3A europe.military_aid_to_ukraine_2025",
        "::error consistency%3A poland_incursion.drones_entered",
        "::error consistency%3A russia.ammunition_output_vs_nato",
        "::error consistency%3A trump.title",
        "::warning consistency%3A hague_summit.duration",
        "::notice consistency%3A hague_summit.dates",
    ]


def test_property_values_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    sentence = "NATO confirmed all alliance members agreed to unprecedented {}% defense spending targets.\n"
    write(tmp_path / "p/a,b:c.txt", sentence.format(5))
    write(tmp_path / "p/d.txt", "Weather was mild.\n" + sentence.format(3))
    code, out, err = call(capsys, "check", "p", "--rules", str(RULES), "--format", "github")
    assert code == 1, err
    # `,` and `:` in a property (file, title) are escaped; `%` everywhere
    assert out == ("::error file=p/a%2Cb%3Ac.txt,line=1,title=consistency%3A nato.spending_target_pct::"
                   "3%25 (NATO) vs 5%25 (NATO)\n")


def test_escaping_rules() -> None:
    assert github._data("50% of 3\r\nlines: a, b") == "50%25 of 3%0D%0Alines: a, b"
    assert github._prop("dir, x/a:b%c\nd") == "dir%2C x/a%3Ab%25c%0Ad"


# ---------------------------------------------------------------- at most ten

def test_more_than_ten_conflicts_are_capped_with_one_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    twelve_conflicts(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = call(capsys, "check", "src", "--rules", "rules", "--format", "markdown,github")
    assert code == 1, err
    assert "12 conflict(s)" in err
    lines = out.splitlines()
    assert len(lines) == github.CAP + 1 == 11
    # the errors first (club.echo … club.lima), then as many warnings as fit
    message = "30 members (b) vs 32 members (a)"
    expected = [f"::error file=src/a.txt,line={i + 1},title=consistency%3A club.{n}::{message}"
                for i, n in enumerate(NAMES) if i >= 4]
    expected += [f"::warning file=src/a.txt,line={i + 1},title=consistency%3A club.{n}::{message}"
                 for i, n in enumerate(NAMES[:2])]
    assert lines[:10] == expected
    assert lines[10] == "::notice title=consistency::2 more conflict(s) not annotated; see reports/report.md"


def test_the_notice_points_at_the_job_log_without_a_report_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    twelve_conflicts(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = call(capsys, "check", "src", "--rules", "rules", "--format", "github")
    assert code == 1, err
    assert out.splitlines()[-1] == "::notice title=consistency::2 more conflict(s) not annotated; see the job log"


def test_cap_on_the_seeds(repo: Path, seed_annotations: list[str], monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(github, "CAP", 2)
    code, out, err = call(capsys, "check", "--format", "json,github")
    assert code == 1, err
    assert out.splitlines() == [*seed_annotations[:2],
                                f"::notice title=consistency::{len(CONFLICTS) - 2} more conflict(s) not annotated; "
                                "see reports/report.json"]


def test_exactly_ten_conflicts_need_no_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    twelve_conflicts(tmp_path)
    monkeypatch.chdir(tmp_path)
    # two of the twelve agree: b says 32 for alpha and bravo
    text = (tmp_path / "src/b.txt").read_text(encoding="utf-8").replace("alpha club has 30", "alpha club has 32")
    write(tmp_path / "src/b.txt", text.replace("bravo club has 30", "bravo club has 32"))
    code, out, err = call(capsys, "check", "src", "--rules", "rules", "--format", "github")
    assert code == 1, err
    assert "10 conflict(s), 2 consistent" in err
    assert len(out.splitlines()) == 10
    assert "::notice" not in out


# ---------------------------------------------------------------- the job summary

def test_step_summary_gets_the_markdown_report_appended(repo: Path, seed_annotations: list[str],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = call(capsys, "check", "--output", "-")
    assert code == 1
    summary = repo / "step_summary.md"
    write(summary, "## Earlier step\n\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = call(capsys, "check", "--format", "github")
    assert code == 1, err
    assert out.splitlines() == seed_annotations
    # each report starts a new block, after a blank line
    assert summary.read_text(encoding="utf-8") == "## Earlier step\n\n\n" + report
    code, _, err = call(capsys, "check", "--format", "json")
    assert code == 1, err
    assert summary.read_text(encoding="utf-8") == "## Earlier step\n\n\n" + report + "\n" + report


def test_each_appended_report_starts_a_new_block(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    summary = repo / "step_summary.md"
    write(summary, "<details><summary>Earlier step</summary>\n\nDone.\n\n</details>\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for _ in range(2):
        assert call(capsys, "check", "--format", "github")[0] == 1
    tokens = MarkdownIt("commonmark").enable("table").parse(summary.read_text(encoding="utf-8"))
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert h1 == ["Consistency report", "Consistency report"]


def test_unwritable_step_summary_is_a_warning_not_a_failure(repo: Path, seed_annotations: list[str],
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "summary_dir").mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary_dir"))
    code, out, err = call(capsys, "check", "--format", "github", "--fail-on", "never")
    assert code == 0, err
    assert out.splitlines() == seed_annotations
    assert f"consistency: GITHUB_STEP_SUMMARY ({repo / 'summary_dir'}): cannot append (Is a directory)\n" in err
