"""Fixtures shared by the test files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI job's GITHUB_STEP_SUMMARY must not leak into the tests' runs."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="session")
def _user_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("user-cache")


@pytest.fixture(autouse=True)
def _own_user_cache(_user_cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's secret (consistency.cachekey) is made under the tests' own
    user cache directory, never the real ~/.cache (processes the tests start
    inherit it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_user_cache_home))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding copies of rules/ and seeds/, as the working directory."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path
