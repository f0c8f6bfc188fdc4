"""The Markdown report as GitHub renders it (issue 4): the committed
`reports/report.md` for the seeds is parsed with a Markdown parser
(markdown-it-py, CommonMark with GFM tables) to show that its tables and
Mermaid charts are well-formed (that it is the current report of the seeds is
tests/test_seeds.py::test_committed_report_is_current); any conflict's chart is
well-formed (hypothesis); the report carries no timestamp unless asked; and
the stderr summary is coloured only on a terminal, never in CI or with
NO_COLOR.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from consistency import console
from consistency.baseline import Entry
from consistency.cli import main
from consistency.model import Claim
from consistency.pipeline import check
from consistency.report.chart import mermaid
from consistency.rules import load_rules
from consistency.values import DateSpan, Interval, Quantity
from helpers import call

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
COMMITTED = ROOT / "reports" / "report.md"
CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]  # on the seeds
CATEGORY_CONFLICTS = ["trump.title"]  # labels, not numbers or dates: no chart
CHANGED = ["spain.stance_on_5pct_target"]  # on the seeds: changed over time, each with a timeline
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TASK = re.compile(r"  (?P<name>[^:]+?) : (?P<start>[^,]+), (?P<end>[^,]+)")


# ---------------------------------------------------------------- helpers


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


@pytest.fixture(scope="module")
def committed() -> str:
    return COMMITTED.read_text(encoding="utf-8")


def tables(tokens: list[Token]) -> list[tuple[list[int], list[int], list[int]]]:
    """Per table: (its line span, cells in the header row, cells in each body row)."""
    out = []
    for i, t in enumerate(tokens):
        if t.type != "table_open":
            continue
        header: list[int] = []
        rows: list[int] = []
        j = i + 1
        while tokens[j].type != "table_close":
            if tokens[j].type == "tr_open":
                cells = 0
                k = j + 1
                while tokens[k].type != "tr_close":
                    cells += tokens[k].type in ("th_open", "td_open")
                    k += 1
                (rows if header else header).append(cells)
                j = k
            j += 1
        assert t.map is not None
        out.append((t.map, header, rows))
    return out


def check_gantt(chart: str) -> list[tuple[str, str, str]]:
    """Assert that a Mermaid Gantt chart is well-formed; return its tasks (name, start, end)."""
    lines = chart.split("\n")
    assert lines[0] == "gantt", chart
    titles = [line for line in lines if line.startswith("  title ")]
    formats = [line.removeprefix("  dateFormat ") for line in lines if line.startswith("  dateFormat ")]
    sections = [line for line in lines if line.startswith("  section ")]
    assert len(titles) == 1 and titles[0].strip() != "title", chart
    assert formats in (["YYYY-MM-DD"], ["X"]), chart
    assert sections, chart
    tasks = []
    for line in lines[1:]:
        if line.startswith(("  title ", "  dateFormat ", "  axisFormat ", "  section ")):
            continue
        m = TASK.fullmatch(line)
        assert m, f"not a task line: {line!r}"
        name, start, end = m["name"], m["start"], m["end"]
        assert not set(name) & set(":#;"), name
        if formats == ["X"]:
            assert re.fullmatch(r"-?\d+", start) and re.fullmatch(r"-?\d+", end), line
            assert int(start) < int(end), line
        else:
            assert dt.date.fromisoformat(start) < dt.date.fromisoformat(end), line
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end), line
        tasks.append((name, start, end))
    assert tasks, chart
    # every section has at least one task after it
    kinds = ["s" if line.startswith("  section ") else "t" for line in lines if TASK.fullmatch(line)
             or line.startswith("  section ")]
    assert kinds[0] == "s" and "ss" not in "".join(kinds) and kinds[-1] == "t", chart
    return tasks


def conflict_sections(md: str) -> dict[str, str]:
    """`### slot` heading → its section, for the sections under `## Conflicts`."""
    body = md.split("\n## Conflicts\n", 1)[1]
    body = re.split(r"\n## (?!#)", body, maxsplit=1)[0]
    parts = re.split(r"^### ", body, flags=re.M)[1:]
    return {p.split("`")[1]: p for p in parts}


# ---------------------------------------------------------------- the committed report

def test_every_table_parses_with_as_many_cells_as_its_header(committed: str) -> None:
    tokens = parse(committed)
    found = tables(tokens)
    lines = committed.split("\n")
    separators = [i for i, line in enumerate(lines) if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line)]
    assert len(found) == len(separators) >= 6  # slots, coverage, one per conflict, sources, ...
    for span, header, rows in found:
        assert len(header) == 1 and header[0] >= 3, span
        assert rows, span
        assert all(r == header[0] for r in rows), (span, header, rows)
        # every line of the table became a row: nothing fell out of it
        assert len(rows) + 2 == span[1] - span[0], span
    # and no table-looking line is left outside a table
    covered = {n for span, _, _ in found for n in range(*span)}
    stray = [n + 1 for n, line in enumerate(lines) if line.startswith("|") and n not in covered]
    assert stray == []


def test_one_mermaid_chart_per_conflict(committed: str) -> None:
    """A Gantt chart for each conflict over numbers or dates (none for a category conflict), and a timeline for
    each slot that changed over time."""
    fences = [t for t in parse(committed) if t.type == "fence"]
    assert [t.info for t in fences] == ["mermaid"] * (len(CONFLICTS) - len(CATEGORY_CONFLICTS) + len(CHANGED))
    sections = conflict_sections(committed)
    assert sorted(sections) == CONFLICTS
    for slot, text in sections.items():
        charts = [t for t in parse(text) if t.type == "fence"]
        if slot in CATEGORY_CONFLICTS:
            assert charts == [], slot
            continue
        assert [t.info for t in charts] == ["mermaid"], slot
        tasks = check_gantt(charts[0].content.rstrip("\n"))
        assert f"\n  title {slot}" in charts[0].content
        # one bar per claim in the section's table
        (span, header, rows) = tables(parse(text))[0]
        assert len(tasks) == len(rows), slot
    # the changed slot's timeline: one event per as-of date, in date order
    changed = committed.split("\n## Changed over time\n", 1)[1].split("\n## ", 1)[0]
    assert [h.split("`")[1] for h in re.findall(r"^### .*$", changed, flags=re.M)] == CHANGED
    (timeline,) = [t for t in parse(changed) if t.type == "fence"]
    assert timeline.info == "mermaid"
    assert timeline.content == ("timeline\n"
                                "  title spain.stance_on_5pct_target\n"
                                "  2025-06-19 : rejects : Reuters\n"
                                "  2025-09-04 : supports : Mark Rutte\n")


def test_the_charts_use_the_right_axis(committed: str) -> None:
    sections = conflict_sections(committed)
    dates = [t for t in parse(sections["hague_summit.dates"]) if t.type == "fence"][0].content
    assert "\n  dateFormat YYYY-MM-DD\n" in dates
    assert "\n  axisFormat %Y-%m-%d\n" in dates
    # a span of days is a bar to the day after its last day
    rutte = r"\n  2025-06-24 – 2025-06-25 · Mark Rutte · 002_2e7131b4654abfe7\S* l\.282 : 2025-06-24, 2025-06-26\n"
    assert re.search(rutte, dates), dates
    duration = [t for t in parse(sections["hague_summit.duration"]) if t.type == "fence"][0].content
    assert "\n  title hague_summit.duration (day)\n  dateFormat X\n" in duration
    assert re.search(r"\n  2 days · 001_186edccea4064bc3 l\.3 : 2, 3\n", duration), duration
    drones = [t for t in parse(sections["poland_incursion.drones_entered"]) if t.type == "fence"][0].content
    assert "\n  title poland_incursion.drones_entered (drone)\n  dateFormat X\n  axisFormat %s\n" in drones
    # a range is a bar from its low to its high end; a point is a bar one unit wide
    assert re.search(r"\n  6–10 drones · a NATO source · 002_2e7131b4654abfe7\S* l\.17 : 6, 10\n", drones), drones
    assert re.search(r"\n  19 drones · Donald Tusk · 002_2e7131b4654abfe7\S* l\.38 : 19, 20\n", drones), drones


def test_headings_of_the_committed_report(committed: str) -> None:
    tokens = parse(committed)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == ("h1", "Consistency report")
    assert sum(tag == "h1" for tag, _ in headings) == 1
    h2 = [text for tag, text in headings if tag == "h2"]
    order = ["Slots", "Coverage", "Conflicts", "Changed over time", "Consistent", "Single source", "Sources"]
    assert [h for h in h2 if h in order] == order
    assert h2[-1] == "Sources"
    # the conflicts' h3 sit right under `## Conflicts`, one per conflicting slot, in slot order
    at = headings.index(("h2", "Conflicts"))
    n = len(CONFLICTS)
    h3 = [text for _, text in headings[at + 1:at + 1 + n]]
    assert [re.match(r"`([^`]+)`", h)[1] for h in h3] == CONFLICTS  # type: ignore[index]
    assert headings[at + 1 + n] == ("h2", "Changed over time")
    poland = h3[CONFLICTS.index("poland_incursion.drones_entered")]
    assert re.fullmatch(r"`poland_incursion.drones_entered` \(within `002_2e7131b4654abfe7\S*`\)", poland), poland
    # the slots that changed over time sit under their own h2, as h3, in slot order
    at = headings.index(("h2", "Changed over time"))
    h3 = [text for _, text in headings[at + 1:at + 1 + len(CHANGED)]]
    assert h3 == [f"`{slot}`" for slot in CHANGED]
    assert headings[at + 1 + len(CHANGED)] == ("h2", "Consistent")


# ---------------------------------------------------------------- charts for any conflict

def _claim(n: int, value: Quantity | DateSpan, who: str | None, source: str) -> Claim:
    return Claim(slot="topic.fact", source=source, line=n + 1, offset=0, quote="q", surface="s", value=value,
                 attributed_to=who)


NAMES = st.one_of(st.none(), st.text(alphabet="ab :#;,.-·é%", min_size=1, max_size=12).filter(str.strip))
SOURCES = st.text(alphabet="ab01_:#;-", min_size=1, max_size=10)
NUMBERS = st.one_of(st.integers(-10**6, 10**13).map(float), st.decimals(-1000, 1000, places=3).map(float))


@st.composite
def quantity(draw: st.DrawFn) -> Quantity:
    a, b = sorted([draw(NUMBERS), draw(NUMBERS)])
    shape = draw(st.sampled_from(["point", "range", "open_low", "open_high"]))
    iv = {"point": Interval(a, a), "range": Interval(a, b), "open_low": Interval(None, b),
          "open_high": Interval(a, None, False, True)}[shape]
    return Quantity(iv, draw(st.sampled_from([None, "drone", "percent", "USD"])), draw(st.booleans()))


@st.composite
def date_span(draw: st.DrawFn) -> DateSpan:
    days = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
    a, b = sorted([draw(days), draw(days)])
    shape = draw(st.sampled_from(["day", "span", "open_start", "open_end"]))
    return {"day": DateSpan(a, a), "span": DateSpan(a, b), "open_start": DateSpan(None, b),
            "open_end": DateSpan(a, None)}[shape]


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from([quantity, date_span]), data=st.data())
def test_any_conflict_chart_is_well_formed(kind, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    n_sides = data.draw(st.integers(2, 4))
    sides, n = [], 0
    for _ in range(n_sides):
        side = []
        for _ in range(data.draw(st.integers(1, 3))):
            side.append(_claim(n, data.draw(kind()), data.draw(NAMES), data.draw(SOURCES)))
            n += 1
        sides.append(side)
    chart = mermaid("topic.fact", sides)
    tasks = check_gantt(chart)
    assert len(tasks) == n
    assert chart.count("\n  section ") == n_sides


# ---------------------------------------------------------------- no timestamp unless asked

def test_no_timestamp_unless_asked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, plain, _ = call(capsys, "check", "--output", "-")
    assert code == 1
    assert "Generated" not in plain
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert today not in plain
    assert not re.search(r"\b\d{2}:\d{2}\b", plain)
    code, again, _ = call(capsys, "check", "--output", "-")
    assert again == plain

    code, stamped, _ = call(capsys, "check", "--output", "-", "--timestamp")
    assert code == 1
    lines = stamped.splitlines()
    assert re.fullmatch(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.", lines[2]), lines[2]
    assert lines[3] == ""
    assert lines[:2] + lines[4:] == plain.splitlines()


def test_no_timestamp_in_json_or_sarif(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, js, _ = call(capsys, "check", "--format", "json", "--output", "-")
    _, js_stamped, _ = call(capsys, "check", "--format", "json", "--output", "-", "--timestamp")
    assert js == js_stamped
    _, sarif, _ = call(capsys, "check", "--format", "sarif", "--output", "-")
    _, sarif_stamped, _ = call(capsys, "check", "--format", "sarif", "--output", "-", "--timestamp")
    assert sarif == sarif_stamped


# ---------------------------------------------------------------- colour on stderr

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_on_a_terminal(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    err, out = FakeTerminal(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def terminal_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NO_COLOR", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return monkeypatch


def test_colour_on_a_terminal(repo: Path, terminal_env: pytest.MonkeyPatch) -> None:
    code, out, err = run_on_a_terminal(terminal_env, "check", "--output", "-")
    assert code == 1
    assert f"\x1b[31m{len(CONFLICTS)} conflict(s)\x1b[0m" in err
    assert not ANSI.search(out), "the report itself is never coloured"
    assert f"; {len(CONFLICTS)} conflict(s), " in ANSI.sub("", err)
    assert ANSI.sub("", err).rstrip().endswith(" Report: stdout.")


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("CI", "true"), ("TERM", "dumb")])
def test_no_colour_with_no_color_in_ci_or_on_a_dumb_terminal(repo: Path, terminal_env: pytest.MonkeyPatch,
                                                             name: str, value: str) -> None:
    terminal_env.setenv(name, value)
    code, _, err = run_on_a_terminal(terminal_env, "check", "--output", "-")
    assert code == 1
    assert f"; {len(CONFLICTS)} conflict(s), " in err
    assert not ANSI.search(err), err


def test_no_colour_when_stderr_is_not_a_terminal(repo: Path, terminal_env: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "check", "--output", "-")
    assert code == 1
    assert f"; {len(CONFLICTS)} conflict(s), " in err
    assert "\x1b" not in err


def test_use_colour() -> None:
    class Pipe(io.StringIO):
        def isatty(self) -> bool:
            return False

    with pytest.MonkeyPatch.context() as mp:
        for name in ("NO_COLOR", "CI"):
            mp.delenv(name, raising=False)
        mp.setenv("TERM", "xterm")
        assert console.use_colour(FakeTerminal()) is True
        assert console.use_colour(Pipe()) is False
        assert console.use_colour(object()) is False  # type: ignore[arg-type]
        mp.setenv("NO_COLOR", "1")
        assert console.use_colour(FakeTerminal()) is False


SLOTS, VOCAB = load_rules(RULES)


def test_summary_colours_only_when_asked() -> None:
    report = check([SEEDS], SLOTS, VOCAB)
    plain = console.summary(report, "reports/report.md", 0.25, colour=False)
    coloured = console.summary(report, "reports/report.md", 0.25, colour=True)
    assert "\x1b" not in plain
    assert f"\x1b[31m{len(CONFLICTS)} conflict(s)\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain
    kinds = [f.kind for f in report.findings]
    assert [f.slot for f in report.findings if f.kind == "conflict"] == CONFLICTS
    assert [f.slot for f in report.findings if f.kind == "changed"] == CHANGED
    assert plain.endswith(f"{len(CONFLICTS)} conflict(s), {len(CHANGED)} changed over time, "
                          f"{kinds.count('consistent')} consistent, "
                          f"{kinds.count('single_source')} single-source. Report: reports/report.md.")
    # no failing conflict is green; a stale baseline entry is yellow
    stale = Entry("0" * 20, "topic.fact", "a reason", ("1",), ("a",))
    accepted = {fp: "ok" for fp, f in zip(report.fingerprints, report.findings) if f.kind == "conflict"}
    quiet = replace(report, accepted=accepted, stale=(stale,))
    coloured = console.summary(quiet, "x", 0.1, colour=True)
    assert "\x1b[32m0 conflict(s)\x1b[0m" in coloured
    assert "\x1b[33m1 stale baseline entry.\x1b[0m" in coloured
    assert f"{len(CONFLICTS)} accepted in the baseline." in coloured
