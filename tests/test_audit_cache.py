"""The cache rows of the reliability audit (../shared/audits/reliability-2026-12.md,
"Cache" and "Faults" #9–12), each made a test: the cache may only make a run
faster, never change what it says, and nothing wrong with it may cost the run.

Each test runs `check` on the seeds (cold), does to the cache what the audit
did, runs again, and asserts the second run's exit code and report bytes are
the cold run's, with the cache's note said once in the summary.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import call

from consistency import cache as cache_module
from consistency.cachekey import cache_key, mac

DB = ".consistency-cache/claims.sqlite"
ELSEWHERE = (f"cache {DB} was made on another machine or in another checkout, or altered, so nothing in it was "
             "believed; set aside as claims.sqlite.bad and rebuilt")


def run(capsys: pytest.CaptureFixture[str], out: str = "r.json") -> tuple[int, bytes, str]:
    code, _, err = call(capsys, "check", "seeds", "--format", "json", "--output", out)
    return code, Path(out).read_bytes(), err


def note(err: str) -> str:
    """The cache's note in the summary: what the parentheses after the time say."""
    summary = err.splitlines()[0]
    head = summary.split("s (", 1)
    return head[1].split("): ", 1)[0] if len(head) == 2 else ""


@pytest.fixture
def cold(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, bytes]:
    code, data, err = run(capsys, "cold.json")
    assert code == 1, err
    return code, data


def sql(*statements: tuple[str, tuple[Any, ...]] | str) -> None:
    db = sqlite3.connect(DB)
    for st in statements:
        if isinstance(st, str):
            db.execute(st)
        else:
            db.execute(*st)
    db.commit()
    db.close()


def remac_entries(body: Any) -> None:
    """Every entry's body changed by `body(old) -> new`, with a MAC made with this machine's own key: an
    entry that passes its check but is malformed must still never cost the run."""
    key = cache_key(Path(".consistency-cache"))
    db = sqlite3.connect(DB)
    for k, old in db.execute("SELECT key, body FROM entries").fetchall():
        new = body(old)
        db.execute("UPDATE entries SET body = ?, mac = ? WHERE key = ?", (new, mac(key, k, new), k))
    db.execute("DELETE FROM outcomes")  # else the finished reports are re-emitted and no entry is read
    db.commit()
    db.close()


def test_row_1_a_forged_outcome_is_not_believed(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite3.connect(DB)
    for k, h in db.execute("SELECT key, head FROM outcomes").fetchall():  # the audit's forgery, as it did it
        d = json.loads(h)
        d["meta"]["code"] = 0
        db.execute("UPDATE outcomes SET head = ? WHERE key = ?", (json.dumps(d), k))
    db.commit()
    db.close()
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == "5 of 5 files from the cache"  # the entries hold; the forged run was dropped, not used


def test_row_2_a_cache_copied_into_another_checkout_is_rebuilt(repo: Path, cold: tuple[int, bytes],
                                                               capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    other = repo.parent / "fresh-checkout"
    shutil.copytree(repo, other)
    monkeypatch.chdir(other)
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == ELSEWHERE
    assert run(capsys)[2].count("5 of 5 files from the cache") == 1  # and then it is this checkout's own


def test_row_2_a_cache_made_with_another_secret_is_rebuilt(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    code, data, err = run(capsys)
    assert (code, data) == cold and note(err) == ELSEWHERE


def test_row_3_forged_entries_are_not_believed(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    sql("UPDATE entries SET body = replace(body, '[19.0,19.0', '[7.0,7.0')", "DELETE FROM outcomes")
    code, data, err = run(capsys)
    assert (code, data) == cold  # Tusk's 19 drones, not 7
    assert note(err) == "1 cache entry failed its check and was made again"  # the one file with Tusk's 19
    assert note(run(capsys)[2]) == "5 of 5 files from the cache; reports unchanged"


@pytest.mark.parametrize("forge", [
    pytest.param(lambda b: b.replace('"line":', '"line":"x","_l":'), id="row 4 line made text"),
    pytest.param(lambda b: b.replace('"slot":"poland_incursion.drones_entered"', '"slot":"no.such_slot"'),
                 id="row 5 an unknown slot"),
    pytest.param(lambda b: '{"sources": ' + "[" * 100_000 + "]" * 100_000 + "}", id="row 6 nested 100000 deep"),
    pytest.param(lambda b: b.replace('"errors":[]', '"errors":7'), id="row 7 errors a number"),
])
def test_rows_4_to_7_a_malformed_entry_that_passes_its_check_is_made_again(
        forge: Any, cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    remac_entries(forge)
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert "failed their check and were made again" in note(err) or "failed its check" in note(err)


def test_row_12_a_cache_path_that_is_a_file_means_a_run_without_the_cache(repo: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    cold = run(capsys, "cold.json")
    shutil.rmtree(repo / ".consistency-cache")
    (repo / ".consistency-cache").write_text("not a folder", encoding="utf-8")
    code, data, err = run(capsys)
    assert (code, data) == cold[:2]
    assert note(err) == (f"cache {DB} could not be used (.consistency-cache is not a folder; remove it, or run "
                         "with --no-cache); this run went without the cache")


@pytest.mark.parametrize(("planted", "why"), [
    ("CREATE VIEW v AS SELECT 1", "a view `v`, which this tool never makes"),
    ("CREATE TRIGGER t AFTER INSERT ON entries BEGIN SELECT load_extension('/tmp/x.so'); END",
     "a trigger `t`, which this tool never makes"),
    ("CREATE TRIGGER t AFTER INSERT ON entries BEGIN UPDATE entries SET body = '{}'; END",
     "a trigger `t`, which this tool never makes"),
], ids=["row 13 a view", "row 14 a trigger loading an extension", "row 15 a trigger rewriting entries"])
def test_rows_13_to_15_views_and_triggers_are_refused_before_anything_runs(
        planted: str, why: str, cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    sql(planted, "DELETE FROM entries", "DELETE FROM outcomes")
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == f"cache {DB} was not usable ({why}); set aside as claims.sqlite.bad and rebuilt"


def test_row_13_entries_made_a_view_is_refused(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    sql("DROP TABLE entries", "CREATE VIEW entries AS SELECT 'k' AS key, '{}' AS body, '' AS mac")
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == f"cache {DB} was not usable (a view `entries`, which this tool never makes); set aside " \
                        "as claims.sqlite.bad and rebuilt"


def test_row_16_a_cache_file_that_is_a_link_is_not_followed(repo: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    cold = run(capsys, "cold.json")
    (repo / DB).unlink()
    target = tmp_path / "elsewhere.sqlite"
    os.symlink(target, repo / DB)
    code, data, err = run(capsys)
    assert (code, data) == cold[:2]
    assert not target.exists()  # nothing was created where the link points
    assert note(err) == f"cache {DB} was not usable (a symbolic link); set aside as claims.sqlite.bad and rebuilt"


def test_row_17_a_read_only_cache_means_a_run_without_it(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    sql("DELETE FROM outcomes", "DELETE FROM entries WHERE rowid = 1")
    real = cache_module._connect

    def read_only(path: Path) -> sqlite3.Connection:  # the tests run as root, whom a mode 444 would not stop
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.execute("PRAGMA trusted_schema = OFF")
        return db

    monkeypatch.setattr(cache_module, "_connect", read_only)
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == (f"cache {DB} could not be used (attempt to write a readonly database); this run went "
                         "without the cache")
    monkeypatch.setattr(cache_module, "_connect", real)
    assert run(capsys)[:2] == cold


@pytest.mark.parametrize("pages", [8, 14, 20, 24], ids=["faults 12", "faults 11", "faults 10", "faults 9"])
def test_faults_9_to_12_a_full_disk_means_a_run_without_the_cache(pages: int, repo: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A real SQLITE_FULL: the database may not grow past a few pages, as on a disk with that little left."""
    cold = run(capsys, "cold.json")
    shutil.rmtree(repo / ".consistency-cache")
    real = cache_module._connect

    def full(path: Path) -> sqlite3.Connection:
        db = real(path)
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(cache_module, "_connect", full)
    code, data, err = run(capsys)
    assert (code, data) == cold[:2]
    assert note(err) == (f"cache {DB} could not be used (database or disk is full); this run went without the "
                         "cache")
    monkeypatch.setattr(cache_module, "_connect", real)
    assert run(capsys)[:2] == cold[:2]  # with room again, the cache is rebuilt and right


def test_no_secret_means_a_run_without_the_cache(cold: tuple[int, bytes], capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the user's cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    code, data, err = run(capsys)
    assert (code, data) == cold
    assert note(err) == (f"no key to trust a cache could be kept ({blocked}/consistency: Not a directory); this "
                         "run went without the cache")


def test_the_secret_is_the_users_alone_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consistency import cachekey

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cachekey.secret()
    path = tmp_path / "consistency/secret"
    assert len(first) == 32 and path.read_bytes() == first and cachekey.secret() == first
    assert (path.stat().st_mode & 0o777, path.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    path.write_bytes(b"short")  # not a secret: replaced
    assert cachekey.secret() != first and len(path.read_bytes()) == 32
