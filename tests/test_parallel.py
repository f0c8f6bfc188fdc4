"""Worker processes change how fast a report comes, never what it says."""

from __future__ import annotations

import sys
from pathlib import Path

from consistency.pipeline import _workers, check
from consistency.report import json as json_report
from consistency.report import markdown
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import write  # noqa: E402


def test_one_and_two_workers_give_byte_identical_reports(tmp_path: Path) -> None:
    slots, vocab = load_rules(ROOT / "rules")
    corpus = tmp_path / "corpus"
    write(corpus, 60)
    paths = [ROOT / "seeds", corpus]
    one = check(paths, slots, vocab, jobs=1)
    two = check(paths, slots, vocab, jobs=2)
    assert len(one.sources) == 77 and len(one.claims) > 150
    assert json_report.render(two) == json_report.render(one)
    assert markdown.render(two) == markdown.render(one)


def test_default_workers_follow_the_corpus_size() -> None:
    assert _workers(None, 10) == 1  # a few files: no process is worth starting
    assert _workers(3, 2) == 2  # never more workers than files
    assert _workers(1, 1000) == 1
