"""The claim cache: a warm run says exactly what a cold run says; a bad
cache file is set aside and rebuilt, never trusted."""

from __future__ import annotations

import os
import re
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers import call

from consistency import cache as cache_module
from consistency.cache import SCHEMA, Cache
from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


def test_warm_cache_gives_the_same_report_and_reuses_every_file(repo: Path) -> None:
    slots, vocab = load_rules(Path("rules"))
    cold = check([Path("seeds")], slots, vocab, cache_dir=Path(".consistency-cache"))
    warm = check([Path("seeds")], slots, vocab, cache_dir=Path(".consistency-cache"))
    assert cold.cache_note == "0 of 5 files from the cache"
    assert warm.cache_note == "5 of 5 files from the cache"
    assert json_report.render(warm) == json_report.render(cold)
    uncached = check([Path("seeds")], slots, vocab)
    assert json_report.render(uncached) == json_report.render(cold)


@pytest.mark.parametrize("content", [b"garbage, not a database", b""])
def test_a_corrupt_cache_is_set_aside_and_rebuilt(repo: Path, content: bytes,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "check", "--format", "json", "--output", "cold.json")[0] == 1
    (repo / ".consistency-cache/claims.sqlite").write_bytes(content)
    code, _, err = call(capsys, "check", "--format", "json", "--output", "rebuilt.json")
    assert code == 1
    assert (repo / "rebuilt.json").read_bytes() == (repo / "cold.json").read_bytes()
    if content:
        assert "cache .consistency-cache/claims.sqlite was not usable (file is not a database)" in err
        assert (repo / ".consistency-cache/claims.sqlite.bad").read_bytes() == content
    assert call(capsys, "check", "--format", "json", "--output", "warm.json")[2].count("5 of 5 files from the cache") == 1


def test_a_foreign_database_is_not_trusted(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".consistency-cache").mkdir()
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', 'someone-else/3')")
    db.commit()
    db.close()
    code, _, err = call(capsys, "check", "--output", "r.md")
    assert code == 1
    assert "was not usable (schema 'someone-else/3'); set aside as claims.sqlite.bad and rebuilt" in err
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (SCHEMA,)


def test_a_tampered_entry_is_a_miss_not_a_claim(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call(capsys, "check", "--format", "json", "--output", "cold.json")
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    db.execute("UPDATE entries SET body = '{\"sources\": 1}'")
    db.execute("DELETE FROM outcomes")  # else the finished reports are re-emitted, the entries never read
    db.commit()
    db.close()
    code, _, err = call(capsys, "check", "--format", "json", "--output", "again.json")
    assert code == 1 and "files from the cache" not in err
    assert (repo / "again.json").read_bytes() == (repo / "cold.json").read_bytes()


def _summary(err: str) -> str:
    """The summary line without the time and the cache's note."""
    return re.sub(r" in \d+\.\d\ds( \([^:]*\))?: ", " in Ts: ", err)


FORMATS = ["--format", "markdown,json,sarif,github"]


def test_an_unchanged_corpus_re_emits_the_same_reports(repo: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    step = repo / "step.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    cold = call(capsys, "check", *FORMATS)
    files = {f: (repo / "reports" / f).read_bytes() for f in ("report.md", "report.json", "report.sarif")}
    for f in files:
        (repo / "reports" / f).unlink()
    warm = call(capsys, "check", *FORMATS)
    assert "5 of 5 files from the cache; reports unchanged, written again" in warm[2]
    assert {f: (repo / "reports" / f).read_bytes() for f in files} == files
    assert (warm[0], warm[1], _summary(warm[2])) == (cold[0], cold[1], _summary(cold[2])) and cold[0] == 1
    assert cold[1].startswith("::error")  # the workflow commands, on stdout both times
    text = step.read_text(encoding="utf-8")
    assert text == files["report.md"].decode() + "\n" + files["report.md"].decode()  # appended both times
    # with the cache bypassed, the same again
    bypass = call(capsys, "check", *FORMATS, "--no-cache")
    assert "from the cache" not in bypass[2] and _summary(bypass[2]) == _summary(cold[2])
    assert {f: (repo / "reports" / f).read_bytes() for f in files} == files


def test_reports_are_re_emitted_only_for_the_same_inputs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def run(*args: str) -> str:
        code, _, err = call(capsys, "check", "--format", "json", "--output", "r.json", *args)
        assert code in (0, 1), err
        return err

    reused = "reports unchanged"
    assert reused not in run() and reused in run()
    assert reused not in run("--fail-on", "never") and reused in run("--fail-on", "never")
    assert reused in run("--jobs", "2")  # how the work is done is not what it says
    # an accepted finding changes the report: the baseline file is part of what is checked
    assert call(capsys, "baseline", "write", "--reason", "known")[0] == 0
    before, after = run(), run()
    assert reused not in before and reused in after
    assert "6 accepted in the baseline" in before and _summary(after) == _summary(before)  # the seeds' six conflicts
    (repo / "consistency-baseline.yaml").unlink()
    # an edited source
    seed = next((repo / "seeds").glob("004_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    err = run()
    assert reused not in err and "4 of 5 files from the cache" in err
    # --compare-to: the old report's bytes count
    assert reused not in run("--compare-to", "r.json")
    assert reused not in run("--timestamp") and reused not in run("--timestamp")  # a clock: never kept


@pytest.mark.parametrize("tamper", ["not framed", "framed, wrong shape"])
def test_a_tampered_outcome_is_not_re_emitted(repo: Path, capsys: pytest.CaptureFixture[str], tamper: str) -> None:
    call(capsys, "check", "--format", "json", "--output", "cold.json")
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    if tamper == "not framed":
        db.execute("UPDATE outcomes SET body = ?", (zlib.compress(b'{"texts": {"json": 1}}'),))
        db.commit()
    else:  # well stored, but it says something else than a check would
        [(key,)] = db.execute("SELECT key FROM outcomes").fetchall()
        cache = Cache(repo / ".consistency-cache", "")
        assert cache.keep_outcome(key, {"summary": "no time", "after": [], "code": 0, "step": None},
                                  {"report.json": b"{}"})
        cache.close()
    db.close()
    (repo / "cold.json").rename(repo / "first.json")
    code, _, err = call(capsys, "check", "--format", "json", "--output", "cold.json")
    assert code == 1 and "reports unchanged" not in err and "5 of 5 files from the cache" in err
    assert (repo / "cold.json").read_bytes() == (repo / "first.json").read_bytes()


def test_changed_rules_or_sidecar_are_misses(repo: Path) -> None:
    slots, vocab = load_rules(Path("rules"))
    cache = Path(".consistency-cache")
    check([Path("seeds")], slots, vocab, cache_dir=cache)
    fewer = [s for s in slots if s.id != "poland_incursion.drones_entered"]
    assert check([Path("seeds")], fewer, vocab, cache_dir=cache).cache_note == "0 of 5 files from the cache"
    (repo / "seeds/sources.yaml").write_text("001_186edccea4064bc3.txt:\n  outlet: Wire\n", encoding="utf-8")
    after = check([Path("seeds")], slots, vocab, cache_dir=cache)
    assert after.cache_note == "0 of 5 files from the cache"
    assert next(s for s in after.sources if s.id == "001_186edccea4064bc3").outlet == "Wire"


def test_no_cache_leaves_no_cache(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "check", "--no-cache", "--output", "r.md")[0] == 1
    assert not (repo / ".consistency-cache").exists()


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the .txt files read from now on, in order, however they
    are opened (`os.open`, or `Path.read_bytes`)."""
    reads: list[str] = []
    real_open, real_read = os.open, Path.read_bytes

    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).endswith(".txt"):
            reads.append(os.path.basename(path))
        return real_open(path, flags, *args, **kwargs)

    def counting(self: Path) -> bytes:
        if self.suffix == ".txt":
            reads.append(self.name)
        return real_read(self)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_each_file_is_read_once_and_reports_keep_no_text(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A miss is hashed and extracted from one read; a hit is hashed only. Texts are dropped once extracted,
    on every path (in process, in workers, from the cache)."""
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(cache_module, "STABLE_NS", 10**18)  # every file looks just written: hashed each time
    slots, vocab = load_rules(Path("rules"))
    cold = check([Path("seeds")], slots, vocab, cache_dir=Path(".consistency-cache"))
    assert sorted(reads) == sorted(p.name for p in Path("seeds").glob("*.txt"))
    reads.clear()
    warm = check([Path("seeds")], slots, vocab, cache_dir=Path(".consistency-cache"))
    assert sorted(reads) == sorted(p.name for p in Path("seeds").glob("*.txt"))
    for report in (cold, warm, check([Path("seeds")], slots, vocab, jobs=2)):
        assert len(report.sources) == 17 and {s.text for s in report.sources} == {""}
        assert not any("_match" in vars(s) for s in report.sources)


def test_files_unchanged_since_they_were_hashed_are_not_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Like git's index: same size, times, inode and sources.yaml, same key, without reading the file. Any write
    changes the ctime, so an edited file is read again, even one given back its size and modification time."""
    reads = count_reads(monkeypatch)
    monkeypatch.setattr(cache_module, "STABLE_NS", 0)  # the copies are seconds old at most
    slots, vocab = load_rules(Path("rules"))
    cache = Path(".consistency-cache")

    def run() -> tuple[str, list[str]]:
        reads.clear()
        return json_report.render(check([Path("seeds")], slots, vocab, cache_dir=cache)), sorted(reads)

    cold, _ = run()
    assert run() == (cold, [])
    seed = next(Path("seeds").glob("004_*.txt"))
    before = seed.stat()
    text = seed.read_bytes()
    seed.write_bytes(text.replace(b"NATO's 32 countries", b"NATO's 31 countries", 1))  # same size
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited, read = run()
    assert read == [seed.name] and edited != cold
    seed.write_bytes(text)
    assert run() == (cold, [seed.name])
    assert run() == (cold, [])
    (repo / "seeds/sources.yaml").write_text("001_186edccea4064bc3.txt:\n  published: 2025-06-01\n", encoding="utf-8")
    redated, read = run()
    assert read == sorted(p.name for p in Path("seeds").glob("*.txt")) and '"published": "2025-06-01"' in redated


def test_reports_too_large_to_keep_are_rendered_again(repo: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "OUTCOME_MAX_BYTES", 1000)  # the seeds' JSON report is ~36 KB
    first = call(capsys, "check", "--format", "json", "--output", "r.json")
    again = call(capsys, "check", "--format", "json", "--output", "r.json")
    assert "reports unchanged" not in again[2] and "5 of 5 files from the cache" in again[2]
    assert _summary(again[2]) == _summary(first[2])
    db = sqlite3.connect(repo / ".consistency-cache/claims.sqlite")
    assert db.execute("SELECT COUNT(*) FROM outcomes").fetchone() == (0,)
    db.close()


@pytest.mark.parametrize("low, quote", [(float("inf"), "a figure of 400 digits"), (float("nan"), "nan"),
                                        (19.0, "a lone surrogate \ud800 from a JSONL escape"),
                                        (1e16, "plain")])
def test_an_entry_reads_back_as_it_was_written(tmp_path: Path, low: float, quote: str) -> None:
    """Entries are written by orjson where it writes the same data, by json
    where it would not (it writes an infinite figure as null, an open end)."""
    from consistency.model import Claim
    from consistency.sources import Source
    from consistency.values import Interval, Quantity

    claim = Claim("a.x", "s1", 3, 10, quote, "19", Quantity(Interval(low, 20.5), "drone", True))
    result = ([Source("s1", "s1.txt")], [claim], {("a.x", "s1")})
    c = Cache(tmp_path)
    c.put("k", result)
    c.commit()
    got = Cache(tmp_path).get("k")
    assert got is not None
    sources, claims, mentioned = got
    assert repr(claims) == repr([claim]) and mentioned == {("a.x", "s1")} and sources[0].path == "s1.txt"
