"""The shared vocabulary is the user's to extend without code: a currency
added in rules/_vocab.yaml is read in sources and usable as a slot's unit."""

from __future__ import annotations

import shutil
from pathlib import Path

from consistency.extract import quantities
from consistency.pipeline import check
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent

RULE = """\
slots:
  - id: poland_budget.defence_spending
    description: Poland's defence budget for 2025.
    type: money
    unit: PLN
    triggers: [defence budget, defense budget, military spending]
    context: [[Poland, Polish]]
    examples:
      - text: Poland's defence budget will reach 187 billion złoty in 2025.
        expect: {low: 187000000000, high: 187000000000, unit: PLN}
      - text: Poland's defence budget is the largest in the region.
        expect: none
"""


def test_a_currency_from_the_vocabulary_is_read_and_compared(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules/_vocab.yaml", rules / "_vocab.yaml")
    (rules / "poland_budget.yaml").write_text(RULE, encoding="utf-8")
    slots, vocab = load_rules(rules)
    assert vocab.currencies["PLN"] == ["PLN", "zł", "złoty", "zloty", "zlotys"]
    found = [(m.text, m.value.unit, m.value.interval.low)
             for m in quantities("187 billion zł, PLN 190 billion and 2 billion zlotys", vocab)]
    assert found == [("187 billion zł", "PLN", 187e9), ("PLN 190 billion", "PLN", 190e9),
                     ("2 billion zlotys", "PLN", 2e9)]
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Poland's defence budget will reach 187 billion złoty in 2025.\n", encoding="utf-8")
    (src / "b.txt").write_text("Poland's defence budget is PLN 160 billion this year, Warsaw said.\n", encoding="utf-8")
    report = check([src], slots, vocab)
    assert [(c.source, c.value.unit, c.value.interval.low) for c in report.claims] == [
        ("a", "PLN", 187e9), ("b", "PLN", 160e9)]
    assert [(f.kind, f.message) for f in report.findings] == [("conflict", "160 billion PLN (Warsaw) vs 187 billion PLN (a)")]


def test_a_money_slot_in_an_unknown_currency_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "poland_budget.yaml").write_text(RULE, encoding="utf-8")  # no _vocab.yaml: PLN is unknown
    try:
        load_rules(rules)
    except Exception as exc:  # noqa: BLE001
        assert str(exc).endswith("slots[0].unit: unknown currency `PLN`; use one of EUR, GBP, RUB, UAH, USD "
                                 "(or add it under `currencies:` in _vocab.yaml)")
    else:
        raise AssertionError("an unknown currency was accepted")
