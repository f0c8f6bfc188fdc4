"""End to end on the bundled seed corpus: what must be found, and the
committed report kept in step with the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent / "expectations"))
from check_expectations import evaluate  # noqa: E402  (a copy of ../shared/tools/check_expectations.py)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "consistency", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_seed_expectations_all_hold() -> None:
    proc = _run("check", "seeds", "--format", "json", "--output", "-")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    expect = yaml.safe_load((ROOT / "tests/expectations/seeds.yaml").read_text(encoding="utf-8"))
    failures, total = evaluate(report, expect)
    assert failures == [], "\n".join(failures)
    assert total == 22


def test_seed_conflicts_are_exactly_the_six_real_ones() -> None:
    report = json.loads(_run("check", "--format", "json", "--output", "-").stdout)
    conflicts = sorted(f["slot"] for f in report["findings"] if f["kind"] == "conflict")
    assert conflicts == ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
                         "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]
    assert [f["slot"] for f in report["findings"] if f["kind"] == "changed"] == ["spain.stance_on_5pct_target"]
    drones = next(f for f in report["findings"] if f["slot"] == "poland_incursion.drones_entered")
    assert drones["message"] == "6–10 drones (a NATO source) vs 19 drones (Donald Tusk) (within 002_2e7131b4654abfe7#1)"


def test_committed_report_is_current(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    proc = _run("check", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    committed = (ROOT / "reports/report.md").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "reports/report.md is out of date: run `python -m consistency check` and commit the result")
