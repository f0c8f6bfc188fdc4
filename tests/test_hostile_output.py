"""Output that cannot inject (audit failures 3 and 8; injection #3–5, 8, 9, 12;
bad sources #6, 48, 62, 63, 67, 68): hostile source ids, file names and
quotes go through every format at once (stderr summary, `--strict`, the
Markdown report on stdout and in a file, the step summary, GitHub
annotations, JSON, SARIF, `explain`), and none of them starts a workflow
command, puts raw HTML into the Markdown, breaks a table or a Mermaid chart,
or copies a control character, terminal escape or bidi control raw.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import call
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_IDS = [
    "zz\n::warning title=INJECTED::pwned",
    "x`|<img src=x onerror=alert(1)>\n```\n%%{init: {}}%%",
    "y\r::add-mask::secret",
    "esc\x1b[2J\x1b[31mred",
    "rlo\u202e04\u202c",
    "nul\x00\x85\u2028end",
]
CLAIMS = [f"Polish officials said {n} drones entered Polish airspace overnight." for n in (41, 42, 43, 44, 45, 46)]
QUOTE = "Officials said 47 drones \x1b[2J\x1b[31mentered Polish airspace overnight\r::error ::x \u202e!"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u2028\u2029\u0085]")  # never raw in text output
COMMAND = re.compile(r"^::")


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "seeds", src)
    with (src / "zz.jsonl").open("w", encoding="utf-8") as fh:
        for sid, claim in zip(HOSTILE_IDS, CLAIMS):
            fh.write(json.dumps({"id": sid, "text": claim, "title": sid, "outlet": "<script>x</script>"}) + "\n")
        fh.write(json.dumps({"id": "quote", "text": QUOTE}) + "\n")
    (src / "zz\n::warning title=INJECTED::pwned.txt").write_bytes(b"")  # listed: empty
    (src / "zz_x\n::error ::`|<img src=x onerror=alert(1)>.txt").write_text(CLAIMS[0].replace("41", "48") + "\n",
                                                                          encoding="utf-8")
    (src / "nul.txt").write_text("x" * 9000 + "\n" + CLAIMS[0].replace("41", "49").replace("said", "said\x00") + "\n",
                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lines(text: str) -> list[str]:
    """As the Actions runner splits a log: on \\r and on \\n."""
    return re.split("\r\n|\r|\n", text)


def commands(text: str) -> list[str]:
    return [line for line in lines(text) if COMMAND.match(line)]


def check_markdown(md: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline") and "<details" not in t.content
                and "</details" not in t.content and "<summary" not in t.content], "raw HTML in the report"
    for t in tokens:
        for child in t.children or []:
            assert child.type != "html_inline" or child.content in ("<details>", "</details>", "<summary>",
                                                                    "</summary>"), child.content
    # every table row has its header's cells
    for table in re.findall(r"(?m)^\|.*\|\n\|[-|]+\|\n(?:\|.*\|\n?)+", md):
        rows = [r for r in table.splitlines() if r]
        widths = {len(re.split(r"(?<!\\)\|", r)) for r in rows}
        assert len(widths) == 1, rows
    # Mermaid blocks open and close where the report put them, each task keeps its `:`
    blocks = re.findall(r"(?ms)^```mermaid\n(.*?)^```$", md)
    assert md.count("```mermaid") == len(blocks)
    for block in blocks:
        for task in block.splitlines()[4:]:
            if not task.lstrip().startswith(("section", "title", "timeline")):
                assert " : " in task, task
    assert not RAW.search(md), RAW.search(md)
    assert not commands(md)


def test_hostile_ids_and_quotes_inject_nothing_in_any_format(hostile: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    step = hostile / "step.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    code, out, err = call(capsys, "check", "src", "--rules", str(ROOT / "rules"), "--no-cache", "--strict",
                          "--format", "markdown,json,sarif,github")
    assert code == 2, err  # --strict: the empty file
    # stdout holds the annotations and nothing else that could be a command
    assert out and all(re.match(r"^::(error|warning|notice) (file=[^:,\n\r]*,line=\d+,)?title=[^:,\n\r]*::[^\r\n]*$",
                                line) for line in commands(out)), commands(out)
    assert len(commands(out)) == len(out.splitlines())
    assert not RAW.search(out.replace("\n", ""))
    assert not commands(err) and not RAW.search(err.replace("\n", ""))
    # said, written out (the empty file's id is its path: zz.jsonl's record took the id first)
    assert "could not be read (src/zz\\n::warning title=INJECTED::pwned.txt)" in err
    md = (hostile / "reports/report.md").read_text(encoding="utf-8")
    check_markdown(md)
    assert step.read_text(encoding="utf-8") == md
    # each hostile id is in the report, written out in a code span a backtick cannot close
    assert "| ```` x`\\|<img src=x onerror=alert(1)>\\n```\\n%%{init: {}}%% ```` |" in md
    assert "`zz\\n::warning title=INJECTED::pwned`" in md and "`src/zz\\n::warning title=INJECTED::pwned.txt`" in md
    assert "> **esc\\x1b\\[2J\\x1b\\[31mred, line 4**" in md
    assert "rlo\\u202e04\\u202c" in md and "\\x1b\\[2J\\x1b\\[31mentered" in md
    report = json.loads((hostile / "reports/report.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in report["sources"]} >= set(HOSTILE_IDS)  # JSON is data: the ids as they are
    json.loads((hostile / "reports/report.sarif").read_text(encoding="utf-8"))


def test_the_markdown_on_stdout_injects_nothing(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "check", "src", "--rules", str(ROOT / "rules"), "--no-cache", "--output", "-")
    assert code == 1, err
    check_markdown(out)
    assert not commands(err)


def test_explain_shows_hostile_text_written_out(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "explain", "poland_incursion.drones_entered", "src", "--rules",
                          str(ROOT / "rules"))
    assert code == 0, err
    assert not commands(out) and not RAW.search(out.replace("\n", ""))
    assert "  esc\\x1b[2J\\x1b[31mred, line 4" in out
    # the quote's \r was folded to a space when it was quoted; the escapes are written out
    assert "    “Officials said 47 drones \\x1b[2J\\x1b[31mentered Polish airspace overnight ::error ::x \\u202e!”" in out
    code, _, err = call(capsys, "explain", "poland_incursion.drones_entered", "src", "--rules", str(ROOT / "rules"),
                        "--source", "no\n::error ::x")
    assert code == 2 and not commands(err) and "no source `no\\n::error ::x`" in err
