"""The faults of the reliability audit (../shared/audits/reliability-2026-12.md,
"Faults" #5–8, 13, 14; failure 9), each made a test: a worker that dies is
replaced and its files tried again, then listed; a source that raises in a
worker is listed; a killed main process takes its workers with it.

A worker dies for real here (SIGKILL, as the OOM killer sends it): workers
are forked, so a patched `extract_file` in this process is the workers' too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import call

from consistency import pipeline
from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import write  # noqa: E402

SLOTS, VOCAB = load_rules(ROOT / "rules")
DIED = ("the worker process checking it died, twice (killed, as the system does when memory runs out, or crashed); "
        "it was not checked: check it alone with --jobs 1 to see why, or report it with the file")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write(tmp_path / "corpus", 40)
    return tmp_path / "corpus"


def killing(name: str, marker: Path | None) -> Any:
    """extract_file, but the worker that gets `name` is killed: every time, or (with `marker`) the first time."""
    real = pipeline.extract_file

    def extract_file(matcher: Any, f: Path, max_bytes: int, raw: bytes | None = None) -> Any:
        if f.name == name and (marker is None or not marker.exists()):
            if marker is not None:
                marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(matcher, f, max_bytes, raw)

    return extract_file


def test_faults_14_a_worker_killed_once_is_replaced_and_its_files_checked(corpus: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    expected = json_report.render(check([corpus], SLOTS, VOCAB, jobs=1))
    monkeypatch.setattr(pipeline, "extract_file", killing("a000007.txt", tmp_path / "killed-once"))
    got = check([corpus], SLOTS, VOCAB, jobs=2)
    assert (tmp_path / "killed-once").exists()  # a worker did die
    assert json_report.render(got) == expected  # and nothing was lost


def test_failure_9_a_file_that_kills_its_worker_every_time_is_listed(corpus: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    alone = check([corpus], SLOTS, VOCAB, jobs=1)
    monkeypatch.setattr(pipeline, "extract_file", killing("a000007.txt", None))
    got = check([corpus], SLOTS, VOCAB, jobs=2)
    assert [(s.id, s.errors) for s in got.sources if s.errors] == [("a000007", [DIED])]
    def said(claims: Any) -> list[tuple[Any, ...]]:
        return [(c.slot, c.source, c.line, c.quote, c.value) for c in claims if c.source != "a000007"]

    assert said(got.claims) == said(alone.claims)  # every other file's claims, as without the killer
    assert len({s.id for s in got.sources}) == 40


def test_faults_13_a_source_that_raised_in_a_worker_is_listed(corpus: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus / "zz.txt").write_text("hi\n", encoding="utf-8")
    (corpus / "sources.yaml").write_text("zz.txt: just a title\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = call(capsys, "check", "corpus", "--rules", str(ROOT / "rules"), "--jobs", "2", "--no-cache",
                          "--format", "json", "--output", "-")
    assert code in (0, 1), err
    assert "internal error" not in err
    report = json.loads(out)
    assert len(report["sources"]) == 41 and all(s["errors"] == [] for s in report["sources"])


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads a process's children from /proc")
def test_faults_5_to_8_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    write(tmp_path / "big", 1500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "consistency", "check", str(tmp_path / "big"), "--rules",
                             str(ROOT / "rules"), "--jobs", "2", "--no-cache", "--output", str(tmp_path / "r.md")],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = {c for c in _children(proc.pid) if _alive(c)}
        assert len(workers) >= 2, "the run never started its workers"
        proc.send_signal(signal.SIGKILL)  # a CI timeout, or the OOM killer: no shutdown runs
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived the process that started them"
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(tmp_path / "big", ignore_errors=True)
