"""A progress bar on a terminal for long runs; never in CI logs or pipes;
never a different report."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from consistency import console
from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import write  # noqa: E402


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_in_pipes_or_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert console.progress_bar(io.StringIO()) is None
    assert console.progress_bar(_Terminal()) is not None
    monkeypatch.setenv("CI", "true")
    assert console.progress_bar(_Terminal()) is None


def test_a_long_run_on_a_terminal_shows_a_bar_and_the_same_report(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(console, "PROGRESS_FROM", 20)
    write(tmp_path / "corpus", 25)
    slots, vocab = load_rules(ROOT / "rules")
    terminal = _Terminal()
    shown = check([tmp_path / "corpus"], slots, vocab, progress=console.progress_bar(terminal))
    plain = check([tmp_path / "corpus"], slots, vocab)
    assert "0/25 [" in terminal.getvalue() and "file/s" in terminal.getvalue()  # the bar, cleared at the end
    assert json_report.render(shown) == json_report.render(plain)
