"""Broken sources (issue 5): a file that cannot be read never costs the
others anything.

Each kind of broken file is built here for real (empty, binary, undecodable,
over the size limit, unreadable, vanished between discovery and reading, a
symlink loop, malformed front matter, a JSONL file with a bad line) and added,
alone, to a copy of the seeds: the run lists it with its reason, and the
claims and findings are exactly those of the seeds alone. Through the CLI,
all of them together are listed under "## Sources with problems", the exit
code follows the findings only, and `--strict` makes it 2. A 25 MB file is
over the default 20 MB limit and read with `--max-size 30`. Neither a page of
30 000 blank lines nor a named pipe among the sources may stall the run.

The tests run as root, so an unreadable file is simulated by making
`os.open` and `Path.read_bytes` raise PermissionError for it (chmod would not
stop root).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from consistency import pipeline
from consistency.checked import Report
from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.rules import load_rules
from consistency.sources import load_file
from helpers import call

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
SEED_FILES = ["000_372c9b6eba1ce4e1", "001_186edccea4064bc3", "002_2e7131b4654abfe7",
              "003_e112e87bc3af8e1c", "004_dcf8f189fc6cc466"]
SEED_IDS = [*SEED_FILES[:2], *(f"002_2e7131b4654abfe7#{n}" for n in range(1, 14)), *SEED_FILES[3:]]
MB = 1024 * 1024

# what each broken file would say if it were read: a figure that would change the drones finding
CLAIM = "Polish officials said 99 drones entered Polish airspace, Prime Minister Donald Tusk said."

LOOP = "cannot read: Too many levels of symbolic links"
TOO_LARGE = "larger than the 20 MB limit (25.0 MB); split it or raise --max-size"


# ---------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def rules() -> tuple[Any, Any]:
    return load_rules(RULES)


def as_json(report: Report) -> dict[str, Any]:
    return json.loads(json_report.render(report))


@pytest.fixture(scope="module")
def seeds_only(rules: tuple[Any, Any]) -> dict[str, Any]:
    return as_json(check([SEEDS], *rules))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def big_file(path: Path, size: int = 25 * MB) -> Path:
    """A file of `size` bytes, written in one go: a claim, then the same line over and over."""
    line = b"The weather in Warsaw was mild and nothing at all was counted today.\n"
    head = (CLAIM + "\n").encode("utf-8")
    body = line * ((size - len(head)) // len(line) + 1)
    return write(path, head + body[: size - len(head)])


def make_unreadable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Opening this file fails as the OS would for a file root may not read,
    however it is opened (`os.open`, or `Path.read_bytes`)."""
    real_open, real_read = os.open, Path.read_bytes

    def refused(path: Any) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.path.basename(path) == name:
            raise refused(path)
        return real_open(path, flags, *args, **kwargs)

    def read_bytes(self: Path) -> bytes:
        if self.name == name:
            raise refused(self)
        return real_read(self)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def make_vanish(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file is found, then deleted before it is read (another process cleaned the folder)."""
    real = pipeline.discover_files

    def discover_files(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        path.unlink()
        return found

    monkeypatch.setattr(pipeline, "discover_files", discover_files)


def symlink_loop(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")


# each case adds one broken file to `src` (a copy of the seeds) and says what the run must list for it
Case = Callable[[Path, pytest.MonkeyPatch], dict[str, list[str]]]


def _empty(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "empty.txt", b"")
    return {"empty": ["empty"]}


def _blank(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "blank.md", " \n\n\t\r\n")
    return {"blank": ["empty"]}


def _binary(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + CLAIM.encode("utf-8"))
    return {"scan": ["looks binary (NUL bytes); only text sources are read"]}


def _undecodable(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    # every byte but NUL, over and over: no encoding charset-normalizer knows makes text of it
    write(src / "noise.txt", CLAIM.encode("utf-8") + bytes(range(1, 256)) * 40)
    return {"noise": ["not text in any encoding charset-normalizer knows; re-save it as UTF-8"]}


def _bad_bom(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "cut.txt", codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    return {"cut": [f"UTF-16 (byte-order mark) but not valid after byte {2 * len(CLAIM)}"]}


def _too_large(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    big_file(src / "archive.txt")
    return {"archive": [TOO_LARGE]}


def _unreadable(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "locked.txt", CLAIM)
    make_unreadable(mp, "locked.txt")
    return {"locked": ["cannot read: Permission denied"]}


def _vanished(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    make_vanish(mp, write(src / "gone.txt", CLAIM))
    return {"gone": ["vanished before it could be read"]}


def _loop(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    symlink_loop(src)
    return {"loop_a": [LOOP], "loop_b": [LOOP]}


def _front_matter(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    write(src / "draft.md", f"---\ntitle: [Drones over Poland\npublished: 2025-09-10\n---\n{CLAIM}\n")
    return {"draft": ["malformed front matter at line 3: expected ',' or ']', but got ':'"]}


def _jsonl(src: Path, mp: pytest.MonkeyPatch) -> dict[str, list[str]]:
    good = json.dumps({"id": "feed-1", "text": "The weather in Warsaw was mild.", "outlet": "PAP"})
    write(src / "feed.jsonl", f'{good}\n{{"id": "feed-2", "text": "{CLAIM}",}}\n')
    bad = f"line 2: not JSON (Expecting property name enclosed in double quotes; column {len(CLAIM) + 29})"
    return {"feed-1": [], "feed#2": [bad]}


CASES: dict[str, Case] = {
    "empty": _empty, "binary": _binary, "undecodable": _undecodable, "too-large": _too_large,
    "unreadable": _unreadable, "vanished": _vanished, "symlink-loop": _loop, "malformed-front-matter": _front_matter,
    "bad-jsonl-line": _jsonl,
}
MORE: dict[str, Case] = {"blank": _blank, "bad-bom": _bad_bom}  # further kinds, in the all-together run


def copy_of_seeds(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    return src


class Overtime(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Overtime if the block runs longer than `seconds` (a hang fails the test instead of the suite)."""
    def stop(*_: object) -> None:
        raise Overtime(f"still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- one broken file never changes the others

@pytest.mark.parametrize("case", CASES)
def test_one_broken_file_never_changes_the_other_sources_claims_or_findings(
        case: str, rules: tuple[Any, Any], seeds_only: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    src = copy_of_seeds(tmp_path)
    expected = CASES[case](src, monkeypatch)
    report = as_json(check([src], *rules))
    assert {s["id"]: s["errors"] for s in report["sources"]} == {**{i: [] for i in SEED_IDS}, **expected}
    assert report["claims"] == seeds_only["claims"]
    assert report["findings"] == seeds_only["findings"]


# ---------------------------------------------------------------- all of them, through the CLI

def _all_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, list[str]]]:
    src = copy_of_seeds(tmp_path)
    expected: dict[str, list[str]] = {}
    for case in [*CASES.values(), *MORE.values()]:
        expected.update(case(src, monkeypatch))
    return src, {k: v for k, v in expected.items() if v}


def test_every_broken_source_is_listed_with_its_reason_and_the_exit_code_follows_the_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, broken = _all_broken(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    code, md, err = call(capsys, "check", "src", "--rules", str(RULES), "--output", "-")
    assert code == 1, err  # the seeds' conflicts, as without the broken files
    section = md[md.index("## Sources with problems\n"):].split("\n## ")[0].rstrip("\n").split("\n")
    assert section[:3] == ["## Sources with problems", "",
                           f"{len(broken)} sources could not be checked; every other source was checked in full."]
    paths = {"feed#2": "feed.jsonl", "draft": "draft.md", "blank": "blank.md"}
    listed = section[4:]
    escape = str.maketrans({"]": "\\]", "[": "\\[", "<": "\\<", ">": "\\>", "`": "\\`", "_": "\\_"})
    assert listed == [f"- `{sid}` (`src/{paths.get(sid, sid + '.txt')}`): {'; '.join(e).translate(escape)}"
                      for sid, e in sorted(broken.items())]
    assert "checked 6 source(s) (18 articles) against" in err  # the five seeds and feed.jsonl's good line
    # the summary names the first five; the Markdown report lists them all
    shown = sorted(broken)
    assert f"{len(broken)} source(s) could not be read ({', '.join(shown[:5])} and {len(shown) - 5} more)." in err
    assert "6 conflict(s)" in err


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 2)])
def test_broken_source_beside_agreeing_ones_exits_0_unless_strict(strict: bool, code: int, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "src/a.txt", f"{CLAIM}\n")
    write(tmp_path / "src/b.txt", f"Weather was mild.\n{CLAIM}\n")
    write(tmp_path / "src/scan.txt", b"\x00\x01\x02")
    write(tmp_path / "src/empty.md", b"")
    monkeypatch.chdir(tmp_path)
    got, out, err = call(capsys, "check", "src", "--rules", str(RULES), "--format", "json", "--output", "-",
                         *(["--strict"] if strict else []))
    assert got == code, err
    report = json.loads(out)  # written in full either way
    assert [(s["id"], s["errors"]) for s in report["sources"]] == [
        ("a", []), ("b", []), ("empty", ["empty"]), ("scan", ["looks binary (NUL bytes); only text sources are read"])]
    assert [(c["source"], c["line"], c["value"]["low"]) for c in report["claims"]] == [("a", 1, 99), ("b", 2, 99)]
    assert [(f["kind"], f["claims"]) for f in report["findings"]] == [("consistent", ["c1", "c2"])]
    assert "2 source(s) could not be read (empty, scan)." in err
    if strict:
        assert err.splitlines()[-1] == "consistency: --strict: 2 source(s) could not be read (empty, scan)"
    else:
        assert "--strict" not in err


def test_strict_changes_nothing_when_every_source_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "src/a.txt", f"{CLAIM}\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = call(capsys, "check", "src", "--rules", str(RULES), "--output", "-", "--strict")
    assert code == 0, err
    assert "could not be read" not in err


# ---------------------------------------------------------------- the size limit

def test_a_25_mb_file_is_over_the_default_limit_and_read_with_max_size_30(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """UTF-32 (with its byte-order mark) takes 4 bytes a character: the 25 MB on disk that the limit is
    about are 6.5 million characters for the pipeline to read, which keeps this test quick. The last line's
    claim shows the whole file was read."""
    line = "x" * 4095 + "\n"
    body = line * (25 * MB // 4 // len(line))
    text = f"{CLAIM}\n{body}Officials said 21 drones entered Polish airspace.\n"
    write(tmp_path / "src/archive.txt", codecs.BOM_UTF32_LE + text.encode("utf-32-le"))
    assert 25 * MB <= (tmp_path / "src/archive.txt").stat().st_size < 26 * MB
    monkeypatch.chdir(tmp_path)
    args = ["check", "src", "--rules", str(RULES), "--format", "json", "--output", "-"]

    # over the default limit it is listed, not read (see also the one-broken-file cases)
    assert [(s.id, s.errors) for s in load_file(tmp_path / "src/archive.txt")] == [("archive", [TOO_LARGE])]
    code, out, err = call(capsys, *args, "--max-size", "30")
    assert code == 1, err
    report = json.loads(out)
    assert [(s["id"], s["errors"]) for s in report["sources"]] == [("archive", [])]
    last = text.count("\n")
    assert [(c["line"], c["value"]["low"]) for c in report["claims"]] == [(1, 99), (last, 21)]
    assert "could not be read" not in err


def test_the_size_limit_is_on_bytes_before_anything_is_read(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    f = big_file(tmp_path / "archive.txt")
    make_unreadable(monkeypatch, "archive.txt")  # it is never opened
    assert [(s.id, s.errors) for s in load_file(f)] == [("archive", [TOO_LARGE])]
    assert [(s.id, s.errors) for s in load_file(f, max_bytes=30 * MB)] == [
        ("archive", ["cannot read: Permission denied"])]


def test_a_fractional_max_size_is_shown_as_given(tmp_path: Path) -> None:
    f = big_file(tmp_path / "page.txt", size=MB)
    [src] = load_file(f, max_bytes=int(0.5 * MB))
    assert src.errors == ["larger than the 0.5 MB limit (1.0 MB); split it or raise --max-size"]


# ---------------------------------------------------------------- files that must not stall the run

def test_a_source_with_many_blank_lines_does_not_stall_the_run(rules: tuple[Any, Any], tmp_path: Path) -> None:
    """A saved page with 30 000 blank lines (30 kB) between two paragraphs: read in well under a second."""
    write(tmp_path / "spaced.txt", f"{CLAIM}\n" + "\n" * 30_000 + "Officials said 21 drones entered Polish airspace.\n")
    with deadline(1.0):
        report = check([tmp_path], *rules)
    assert [(c.line, c.surface) for c in report.claims] == [(1, "99"), (30_002, "21")]


def test_a_named_pipe_among_the_sources_is_a_problem_not_a_hang(rules: tuple[Any, Any], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"{CLAIM}\n")
    os.mkfifo(tmp_path / "pipe.txt")
    with deadline(1.0):
        report = check([tmp_path], *rules)
    assert [(s.id, s.errors) for s in report.sources] == [
        ("a", []), ("pipe", ["not a regular file (a pipe, socket or device); only files are read"])]
    assert [c.source for c in report.claims] == ["a"]
