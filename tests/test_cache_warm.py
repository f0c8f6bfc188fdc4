"""A re-run on an unchanged corpus: the rules are not parsed, reports still
in place are not written again, and the modules that extract, compare and
render are not even imported; anything that changed is still seen."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CLUB_RULE, call

import consistency.rules as rules_package
from consistency import cache as cache_module

ROOT = Path(__file__).resolve().parent.parent
CHECK = ["check", "--output", "r.md"]


def _count_rule_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loads: list[Path] = []
    real = rules_package.load_rules

    def counting(folder: Path, *args: object, **kwargs: object) -> object:
        loads.append(folder)
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rules_package, "load_rules", counting)
    return loads


def test_an_unchanged_rules_folder_is_not_parsed_and_any_change_is_seen(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "STABLE_NS", 0)  # the copies are seconds old at most
    loads = _count_rule_loads(monkeypatch)
    cold = call(capsys, *CHECK)
    assert len(loads) == 1
    warm = call(capsys, *CHECK)
    assert len(loads) == 1 and "reports unchanged" in warm[2] and warm[0] == cold[0] == 1
    # a rule file edited, same size, its modification time given back: its ctime tells
    rule = repo / "rules/europe.yaml"
    before, text = rule.stat(), rule.read_text(encoding="utf-8")
    said = "compared in US dollars."
    rule.write_text(text.replace(said, said.replace("US", "UK"), 1), encoding="utf-8")
    os.utime(rule, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert rule.stat().st_size == before.st_size
    edited = call(capsys, *CHECK)
    assert len(loads) == 2 and "from the cache" not in edited[2]  # every file extracted again
    assert "compared in UK dollars." in (repo / "r.md").read_text(encoding="utf-8")
    assert "reports unchanged" in call(capsys, *CHECK)[2] and len(loads) == 2
    # a rule file added
    (repo / "rules/club.yaml").write_text(CLUB_RULE.replace("SEVERITY", "error"), encoding="utf-8")
    call(capsys, *CHECK)
    assert len(loads) == 3 and "club.members" in (repo / "r.md").read_text(encoding="utf-8")
    # a severity set in the project's configuration: the same files, other rules
    (repo / "consistency.yaml").write_text("severity:\n  club.members: info\n", encoding="utf-8")
    call(capsys, *CHECK)
    assert len(loads) == 4
    call(capsys, *CHECK)
    assert len(loads) == 4


def test_a_just_written_rules_folder_is_known_by_its_bytes(repo: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules are known by their bytes, not their times: a folder written
    an instant ago is not parsed again on a re-run straight after (every
    file looks just written here), and an edit within that instant is seen."""
    monkeypatch.setattr(cache_module, "STABLE_NS", 10**18)
    loads = _count_rule_loads(monkeypatch)
    call(capsys, *CHECK)
    assert "reports unchanged" in call(capsys, *CHECK)[2]
    assert len(loads) == 1
    rule = repo / "rules/europe.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("compared in US dollars.", "compared in UK dollars.", 1),
                    encoding="utf-8")
    call(capsys, *CHECK)
    assert len(loads) == 2 and "compared in UK dollars." in (repo / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("stable_ns", [0, 10**18])
def test_reports_in_place_are_not_written_again_and_edited_ones_are(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stable_ns: int) -> None:
    """A report is known to be as written from its signature once it is old
    enough, else from its digest; one edited or deleted is written again."""
    monkeypatch.setattr(cache_module, "STABLE_NS", stable_ns)
    args = ["check", "--format", "markdown,json"]
    call(capsys, *args)
    md, js = Path("reports/report.md"), Path("reports/report.json")
    written = {f: (f.read_bytes(), f.stat().st_mtime_ns, f.stat().st_ino) for f in (md, js)}
    for _ in range(2):
        err = call(capsys, *args)[2]
        assert "reports unchanged" in err and "written again" not in err
        assert {f: (f.read_bytes(), f.stat().st_mtime_ns, f.stat().st_ino) for f in (md, js)} == written
    before = md.stat()
    md.write_bytes(written[md][0].replace(b"|", b"!", 1))  # same size, same modification time
    os.utime(md, ns=(before.st_atime_ns, before.st_mtime_ns))
    js.unlink()
    assert "reports unchanged, written again" in call(capsys, *args)[2]
    assert md.read_bytes() == written[md][0] and js.read_bytes() == written[js][0]


def test_a_report_on_stdout_is_printed_every_time(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cold = call(capsys, "check", "--format", "json", "--output", "-")
    warm = call(capsys, "check", "--format", "json", "--output", "-")
    assert "reports unchanged" in warm[2] and warm[1] == cold[1] and json.loads(warm[1])["sources"]


def test_a_re_run_imports_neither_the_rule_models_nor_what_extracts_compares_and_renders(repo: Path) -> None:
    """Nor typing, dataclasses (which imports inspect), tomllib without a
    pyproject.toml, or the Source model: with Python's own start-up, what a
    re-run imports is most of its time. Modules the interpreter had before
    our code ran (a site `.pth` may import typing) are not ours to count."""
    script = (
        "import sys; started = set(sys.modules)\n"
        "import consistency.cache as c; c.STABLE_NS = 0\n"
        "from consistency.cli import main\n"
        "code = main(['check', '--format', 'markdown,json'])\n"
        "print(code, sorted(m for m in set(sys.modules) - started if m.split('.')[0] in ('pydantic', 'yaml', 'rapidfuzz', 're2')\n"
        "    or m.startswith(('consistency.extract', 'consistency.rules', 'consistency.report', 'consistency.compare',\n"
        "                     'consistency.baseline', 'consistency.sources.digest', 'consistency.sources.decode',\n"
        "                     'consistency.sources.model', 'consistency.sources.formats', 'consistency.checked'))\n"
        "    or m in ('typing', 'dataclasses', 'inspect', 'tomllib')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run() -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env, capture_output=True, text=True,
                              check=True)
        return done.stdout.strip(), done.stderr

    cold, _ = run()
    assert "pydantic" in cold and "dataclasses" in cold
    warm, err = run()
    assert warm == "1 []" and "reports unchanged" in err


def _zeroed(head: str, body: bytes) -> tuple[str, bytes]:
    """Every text's bytes zeroed, at the same length: the frames still fill the entry, nothing decompresses."""
    return head, bytes(len(body))


def _one_byte_changed(head: str, body: bytes) -> tuple[str, bytes]:
    """The Markdown's bytes changed at the same size and framed anew: it
    decompresses to its size, but not to the bytes whose digest was kept."""
    kept = json.loads(head)
    at, texts = 0, []
    for frame in kept["texts"]:
        data = zlib.decompress(body[at:at + frame[1]])
        at += frame[1]
        if frame[0] == "report.markdown":
            data = data.replace(b"|", b"!", 1)
        texts.append(zlib.compress(data, 1))
        frame[1] = len(texts[-1])
    return json.dumps(kept), b"".join(texts)


@pytest.mark.parametrize("damage", [_zeroed, _one_byte_changed], ids=["not_decompressing", "not_the_bytes_kept"])
def test_a_damaged_text_is_rendered_again_not_written(repo: Path, capsys: pytest.CaptureFixture[str],
                                                      damage: Callable[[str, bytes], tuple[str, bytes]]) -> None:
    """A kept text that is not what was kept: the run is rendered again (and
    kept anew), never written from the damaged entry."""
    cold = call(capsys, *CHECK)
    first = (repo / "r.md").read_bytes()
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    [(head, body)] = db.execute("SELECT head, body FROM outcomes").fetchall()
    db.execute("UPDATE outcomes SET head = ?, body = ?", damage(head, body))
    db.commit()
    db.close()
    (repo / "r.md").unlink()
    again = call(capsys, *CHECK)
    assert "reports unchanged" not in again[2] and again[0] == cold[0]
    assert (repo / "r.md").read_bytes() == first
    (repo / "r.md").unlink()
    assert "reports unchanged, written again" in call(capsys, *CHECK)[2] and (repo / "r.md").read_bytes() == first


def test_a_file_whose_entry_was_dropped_is_extracted_again(repo: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Its signature still gives its key without reading it, but the entry
    is gone (dropped when it did not decode): the file is extracted again."""
    monkeypatch.setattr(cache_module, "STABLE_NS", 0)
    cold = call(capsys, *CHECK)
    first = (repo / "r.md").read_bytes()
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    db.execute("DELETE FROM entries WHERE key = (SELECT MIN(key) FROM entries)")
    db.execute("DELETE FROM outcomes")
    db.commit()
    db.close()
    (repo / "r.md").unlink()
    again = call(capsys, *CHECK)
    assert again[0] == cold[0] and "4 of 5 files from the cache" in again[2]
    assert (repo / "r.md").read_bytes() == first
    assert "5 of 5 files from the cache; reports unchanged" in call(capsys, *CHECK)[2]
