"""Whatever the text, extraction never raises: one odd article must not
cost a run (or a traceback). Random text, and text built from the very
pieces the parsers look for, are thrown at every stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.extract import dates, quantities
from consistency.extract.matcher import Matcher
from consistency.rules import load_rules
from consistency.sources import Source

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
MATCHER = Matcher.build(SLOTS, VOCAB)

PIECES = ["19", "six", "to", "ten", "drones", "entered", "Polish", "airspace", "June", "24", "–", "25", "-",
          "more than", "nearly", "$", "€", "40,6", "billion", "%", "per cent", "by", "2035", "on", "Tuesday",
          "summit", "NATO", "said", "Tusk", "“", "”", "(", ")", ".", ",", "\n", "\n\n", "  •  ", "date 2025-06-12",
          "THE HAGUE (Reuters):", "between", "and", "a hundred", "several", "Article 5", "F-16s", "6:45 a.m.",
          "\u00a0", "\u00ad", "’s", "---", "Explore further", "The Kyiv IndependentMartin Fornusek"]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_value_scanners_never_raise(text: str) -> None:
    for m in quantities(text, VOCAB):
        assert 0 <= m.start <= m.end <= len(text)
    for d in dates(text, dt.date(2025, 6, 12)):
        assert 0 <= d.start <= d.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, dt.date(2025, 6, 12)]))
def test_extraction_never_raises_and_cites_real_lines(text: str, published: dt.date | None) -> None:
    src = Source("x", "x.txt", text=text, published=published)
    got = MATCHER.extract(src, trace=True)
    lines = text.count("\n") + 1
    for c in got.claims:
        assert 1 <= c.line <= lines
        assert c.slot in {s.id for s in SLOTS}


UNIT_PIECES = PIECES + ["member", "members", "allies", "32", "32-member", "alliance", "countries", "missiles",
                        "launched", "shot down", "now has", "boasts", "Ukraine", "overnight"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(UNIT_PIECES), max_size=60).map(" ".join))
def test_the_untraced_shortcuts_find_what_the_traced_run_finds(text: str) -> None:
    # an untraced run skips work whose every outcome is a refusal (a sentence
    # with no unit word for a count, a slot already mentioned and no value of
    # its kind); a traced run does it all to give each refusal's reason
    src = Source("x", "x.txt", text=text, published=dt.date(2025, 6, 12))
    fast, traced = MATCHER.extract(src), MATCHER.extract(src, trace=True)
    assert fast.claims == traced.claims
    assert fast.mentioned == traced.mentioned


def test_letters_that_match_as_ascii_are_read_as_the_ascii_words_they_match() -> None:
    # Python's IGNORECASE matches ſ as s (and ı, İ as i): "dayſ" is matched
    # by the duration word "days", and must be looked up as it, not raise
    from consistency.extract.numbers import scan_numbers

    def read(text: str) -> list[tuple[str, float | None, float | None, str | None]]:
        return [(m.text, m.value.interval.low, m.value.interval.high, m.value.unit) for m in scan_numbers(text, VOCAB)]

    assert read("the summit lasted two dayſ") == [("two dayſ", 2.0, 2.0, "day")]
    assert read("over ſix drones") == [("over ſix", 6.0, None, None)]
    assert read("20 hundredſ") == [("20 hundredſ", 2000.0, 2000.0, None)]
    assert read("ſeveral drones") == [("ſeveral", 3.0, 7.0, None)]
