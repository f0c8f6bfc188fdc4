"""README's "Writing a rule" walk-through, step by step, exactly as written:
the commands and the rule file are read from the README, so the walk-through
cannot go stale."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _block(name: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- walkthrough:{name} -->\n```[a-z]*\n(.*?)```", readme, re.S)
    assert m, f"README.md has no walkthrough:{name} block"
    return m.group(1)


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "consistency"], command
    return subprocess.run([sys.executable, *argv[1:]], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_walkthrough_adds_a_working_slot(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")

    new = _run(_block("new").strip(), tmp_path)
    assert new.returncode == 0, new.stderr
    starter = (tmp_path / "rules/kyiv_attack.yaml").read_text(encoding="utf-8")
    assert "id: kyiv_attack.death_toll" in starter and "REPLACE" in starter

    (tmp_path / "rules/kyiv_attack.yaml").write_text(_block("rule"), encoding="utf-8")
    test = _run(_block("test").strip(), tmp_path)
    assert test.returncode == 0, test.stdout + test.stderr
    assert test.stdout.strip().splitlines()[-1] == _block("test-output").strip()

    explain = _run(_block("explain").strip(), tmp_path)
    assert explain.returncode == 0, explain.stderr
    assert "“30” → 30 people; trigger `killed`, 1 word away" in explain.stdout
    assert "002_2e7131b4654abfe7#11, line 336" in explain.stdout  # article 11 of the feed-reader page

    check = subprocess.run([sys.executable, "-m", "consistency", "check", "--format", "json", "--output", "-"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    report = json.loads(check.stdout)
    toll = [(c["source"], c["line"], c["value"]["low"], c["value"]["unit"]) for c in report["claims"]
            if c["slot"] == "kyiv_attack.death_toll"]
    assert toll == [("002_2e7131b4654abfe7#11", 336, 30, "person")]
    assert [f["kind"] for f in report["findings"] if f["slot"] == "kyiv_attack.death_toll"] == ["single_source"]
