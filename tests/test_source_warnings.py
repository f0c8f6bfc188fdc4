"""A flaw in a source's metadata costs the metadata, not the article."""

from __future__ import annotations

from pathlib import Path

from consistency.pipeline import check
from consistency.report import markdown
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "Prime Minister Donald Tusk said 19 drones entered Polish airspace.\n"


def test_a_bad_published_date_keeps_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: A\npublished: last Tuesday\n---\n{CLAIM}", encoding="utf-8")
    slots, vocab = load_rules(ROOT / "rules")
    report = check([tmp_path], slots, vocab)
    (src,) = report.sources
    assert src.errors == [] and src.published is None
    assert src.warnings == ["front matter (line 3): `published: last Tuesday` is not a date; write it as 2025-06-12"]
    assert [(c.slot, c.line, c.value.interval.low) for c in report.claims] == [
        ("poland_incursion.drones_entered", 5, 19)]
    assert "front matter (line 3): \\`published: last Tuesday\\` is not a date" in markdown.render(report)


def test_a_broken_sidecar_is_named_and_the_sources_still_count(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("a.txt:\n  outlet: [unclosed\n", encoding="utf-8")
    slots, vocab = load_rules(ROOT / "rules")
    report = check([tmp_path], slots, vocab)
    (src,) = report.sources
    assert src.errors == [] and src.outlet is None
    assert len(src.warnings) == 1 and src.warnings[0].startswith("sources.yaml (line 3) could not be read, so its "
                                                                  "metadata was not applied: ")
    assert [c.value.interval.low for c in report.claims] == [19]
