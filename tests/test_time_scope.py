"""Issue 7: claims that change over time, categories, currencies and ratios.

On the seeds: Spain's stance changed (rejected in June, pledged in
September) and is not a conflict; Trump's title is a conflict (003 calls him
"former President" on a day others call him President); Rutte's two
ammunition ratios (4× and 12×) conflict; the military-aid totals conflict
given their periods and currencies. Property tests pin the time logic
against a brute-force definition.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.compare import compare, unit_problems
from consistency.extract.categories import LabelTable
from consistency.extract.ratios import scan_ratios
from consistency.extract.slots import convert_duration
from consistency.model import Claim
from consistency.rules import Slot
from consistency.values import Category, DateSpan, Interval, Quantity
from consistency.vocab import Rate, Vocabulary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds() -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "consistency", "check", "--format", "json", "--output", "-",
                           "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def finding(report: dict[str, Any], slot: str) -> dict[str, Any]:
    (f,) = [f for f in report["findings"] if f["slot"] == slot]
    return f


def claims_of(report: dict[str, Any], f: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in report["claims"]}
    return [by_id[i] for i in f["claims"]]


# ---------------------------------------------------------------- the seeds

def test_spain_stance_is_a_change_not_a_conflict(seeds: dict[str, Any]) -> None:
    f = finding(seeds, "spain.stance_on_5pct_target")
    assert (f["kind"], f["severity"]) == ("changed", "info")
    assert f["message"] == "rejects (Reuters) as of 2025-06-19 → supports (Mark Rutte) as of 2025-09-04"
    got = [(c["source"], c["line"], c["value"]["label"], c["as_of"]["start"], c["as_of"]["from"])
           for c in claims_of(seeds, f)]
    assert got == [
        ("002_2e7131b4654abfe7#12", 350, "rejects", "2025-06-19",
         "stated in the sentence: `reported on June 19` (year 2025 from the article's latest date 2025-06-19)"),
        ("003_e112e87bc3af8e1c", 15, "supports", "2025-09-04", "the source's date 2025-09-04"),
        ("003_e112e87bc3af8e1c", 28, "supports", "2025-09-04", "the source's date 2025-09-04"),
    ]


def test_trump_title_is_a_conflict_at_the_same_time(seeds: dict[str, Any]) -> None:
    f = finding(seeds, "trump.title")
    assert (f["kind"], f["severity"]) == ("conflict", "error")
    assert f["message"] == (
        "president (Reuters; 002_2e7131b4654abfe7#9; 004_dcf8f189fc6cc466) vs former president (Mark Rutte) "
        "(at the same time: as of 2025-09-04, unknown)")
    labels = [(c["source"], c["value"]["label"]) for c in claims_of(seeds, f)]
    assert [s for s, label in labels if label == "former_president"] == ["003_e112e87bc3af8e1c"] * 2
    # only the claims true on 003's day (or undated) are in the conflict; June's "President" is not
    assert sorted(s for s, label in labels if label == "president") == [
        "002_2e7131b4654abfe7#2", "002_2e7131b4654abfe7#9", "004_dcf8f189fc6cc466"]


def test_ammunition_ratios_conflict_with_their_derivation(seeds: dict[str, Any]) -> None:
    f = finding(seeds, "russia.ammunition_output_vs_nato")
    assert (f["kind"], f["message"]) == ("conflict", "4× (Mark Rutte) vs 12× (Mark Rutte)")
    got = [(c["line"], c["value"]["low"], c["value"]["unit"]) for c in claims_of(seeds, f)]
    assert got == [(133, 12, "ratio"), (261, 4, "ratio")]
    md = (ROOT / "reports/report.md").read_text(encoding="utf-8")
    assert "12× (3× as much in 3 months as in 1 year: 3 × (1 year ÷ 3 months) = 12× the rate)" in md
    assert "4× (1× as much in 3 months as in 1 year: 1 × (1 year ÷ 3 months) = 4× the rate)" in md


def test_military_aid_decision_is_explained(seeds: dict[str, Any]) -> None:
    f = finding(seeds, "europe.military_aid_to_ukraine_2025")
    assert f["kind"] == "conflict"
    assert f["message"] == (
        "35 billion USD (Mark Rutte) vs > 35 billion EUR ≈ > 40.6 billion USD at 1 EUR = 1.16 USD on 2025-06-23, "
        "as converted in The Kyiv Independent, 23 June 2025 (Mark Rutte) (a total for 2025-01-01 – 2025-12-31 "
        "(`this year`) cannot be below one for 2025-01-01 – 2025-06-30 (`for the first half of 2025`), a period "
        "inside it)")
    units = sorted(c["value"]["unit"] for c in claims_of(seeds, f))
    assert units == ["EUR", "USD"]  # the bracketed "$40,6 billions" restates the euros: not a claim of its own


def test_json_contract_is_version_2(seeds: dict[str, Any]) -> None:
    assert seeds["version"] == 2
    assert all("as_of" in c for c in seeds["claims"])


# ---------------------------------------------------------------- building blocks

def test_ratio_corpus() -> None:
    corpus = {
        "producing three times as much ammunition in three months as the whole of NATO is doing in a year": 12,
        "The Russians are producing in three months what NATO produces in a year": 4,
        "Russia makes twice as many shells in a month as Europe does in a year": 24,
        "they build in one week what we build in a month": 365.25 / 12 / 7,
        "Russia produced as much in a year as NATO in a year": 1,
    }
    for text, want in corpus.items():
        (m,) = scan_ratios(text)
        assert m.value.interval.low == pytest.approx(want, abs=1e-4), text
    assert scan_ratios("Russia was outproducing NATO members in terms of ammunition production.") == []


STANCE = Slot(id="t.stance", description="A stance.", type="category", triggers=["Spain"],
              labels={"rejects": ["reject*"], "supports": ["support*", "back*"]}, negated={"rejects": "supports"},
              changes=True, examples=[{"text": "Spain rejects it.", "expect": {"label": "rejects"}}])


@pytest.mark.parametrize(("text", "want"), [
    ("Spain rejects the target.", ["rejects"]),
    ("Spain did not reject the target.", ["supports"]),  # the rule says a negated rejection is support
    ("Spain no longer supports the target.", [None]),  # no entry in `negated`: dropped
    ("Spain never backed it and rejects it.", [None, "rejects"]),
])
def test_negation_flips_or_drops_a_label(text: str, want: list[str | None]) -> None:
    got = [m.value.label if m.value else None for m in LabelTable.build(STANCE).scan(text)]
    assert got == want


def test_longest_label_phrase_wins() -> None:
    slot = Slot(id="t.title", description="A title.", type="category", triggers=["Trump"],
                labels={"president": ["President"], "former_president": ["former President"]},
                examples=[{"text": "President Trump", "expect": {"label": "president"}}])
    got = [(m.text, m.value.label) for m in LabelTable.build(slot).scan("under former President Donald Trump")]
    assert got == [("former President", "former_president")]


@pytest.mark.parametrize(("amount", "unit", "target", "want"), [
    (2, "month", "day", (56, 62)), (1, "year", "day", (365, 366)), (2, "week", "day", (14, 14)),
    (48, "hour", "day", (2, 2)), (2, "year", "month", (24, 24)), (18, "month", "year", (1.5, 1.5)),
    (60, "day", "month", (1.935484, 2.142857)),
])
def test_durations_convert_exactly_or_as_intervals(amount: float, unit: str, target: str,
                                                   want: tuple[float, float]) -> None:
    got = convert_duration(Quantity(Interval(amount, amount), unit), target)
    assert got is not None and (got.interval.low, got.interval.high, got.unit) == (*want, target)
    assert convert_duration(Quantity(Interval(amount, amount), unit), "drone") is None


def test_a_currency_without_a_rate_is_a_rule_problem_not_a_conflict() -> None:
    slot = Slot(id="t.aid", description="Aid.", type="money", unit="USD", triggers=["aid"],
                examples=[{"text": "$1 billion in aid", "expect": {"unit": "USD"}}])
    cs = [claim(slot, "a", Quantity(Interval(5, 5), "USD")), claim(slot, "b", Quantity(Interval(9, 9), "GBP"))]
    findings = compare(cs, [slot], Vocabulary())
    assert [(f.kind, f.message) for f in findings] == [("single_source", "only b: 9 GBP (b)"),
                                                       ("single_source", "only a: 5 USD (a)")]
    assert unit_problems(cs, [slot], Vocabulary()) == [
        "t.aid has claims in GBP, USD, which cannot be compared: add a row for GBP/USD under `rates:` in "
        "_vocab.yaml; each unit is judged on its own"]
    rated = Vocabulary(rates=(Rate("USD", "GBP", 0.5, dt.date(2025, 1, 1)),))  # listed the other way round
    (f,) = compare(cs, [slot], rated)
    assert f.kind == "conflict" and "9 GBP ≈ 18 USD at 1 GBP = 2 USD on 2025-01-01" in f.message
    assert unit_problems(cs, [slot], rated) == []


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 6: "six", 12: "twelve"}
_SPAN_DAYS = {"day": 1, "week": 7, "month": 365.25 / 12, "year": 365.25}


@settings(max_examples=200, deadline=None)
@given(mult=st.sampled_from([None, 2, 3, 4]), n1=st.sampled_from(sorted(_WORDS)), u1=st.sampled_from(sorted(_SPAN_DAYS)),
       n2=st.sampled_from(sorted(_WORDS)), u2=st.sampled_from(sorted(_SPAN_DAYS)), words=st.booleans())
def test_a_ratio_is_the_multiplier_times_the_spans_ratio(mult: int | None, n1: int, u1: str, n2: int, u2: str,
                                                         words: bool) -> None:
    def num(n: int) -> str:
        return _WORDS[n] if words else str(n)

    def span(n: int, unit: str) -> str:
        return f"{num(n)} {unit}{'s' if n > 1 else ''}"

    lead = f"{num(mult)} times as much ammunition " if mult else ""
    text = f"Russia is producing {lead}in {span(n1, u1)} what NATO produces in {span(n2, u2)}."
    (m,) = scan_ratios(text)
    want = (mult or 1) * n2 * _SPAN_DAYS[u2] / (n1 * _SPAN_DAYS[u1])
    assert m.value.interval.low == pytest.approx(want, rel=1e-4), text
    assert m.value.unit == "ratio" and m.note.endswith(f"= {m.note.rsplit('= ', 1)[1]}")


# ---------------------------------------------------------------- properties

def claim(slot: Slot, source: str, value: Any, as_of: DateSpan | None = None, n: int = 0) -> Claim:
    return Claim(slot=slot.id, source=source, line=n + 1, offset=0, quote=f"q{n}", surface="s", value=value,
                 id=f"c{n}", as_of=as_of)


def slot_of(changes: bool) -> Slot:
    return Slot(id="t.count", description="A count.", type="count", unit="drone", unit_words=["drones"],
                triggers=["entered"], changes=changes,
                examples=[{"text": "19 drones entered", "expect": {"low": 19, "high": 19}}])


DAY0 = dt.date(2025, 1, 1).toordinal()
spans = st.one_of(st.none(), st.tuples(st.integers(0, 30), st.integers(0, 5)).map(
    lambda t: DateSpan(dt.date.fromordinal(DAY0 + t[0]), dt.date.fromordinal(DAY0 + t[0] + t[1]))))
values = st.tuples(st.integers(0, 20), st.integers(0, 6)).map(lambda t: Quantity(Interval(t[0], t[0] + t[1]), "drone"))


@settings(max_examples=200, deadline=None)
@given(value=values, as_of=spans, changes=st.booleans(), copies=st.integers(1, 4))
def test_a_claim_never_conflicts_with_itself(value: Quantity, as_of: DateSpan | None, changes: bool,
                                             copies: int) -> None:
    slot = slot_of(changes)
    (f,) = compare([claim(slot, f"s{i % 2}", value, as_of, i) for i in range(copies)], [slot])
    assert f.kind in ("consistent", "single_source")


@settings(max_examples=200, deadline=None)
@given(vals=st.lists(values, min_size=1, max_size=8), as_of=spans)
def test_one_as_of_period_is_never_a_change(vals: list[Quantity], as_of: DateSpan | None) -> None:
    slot = slot_of(True)
    (f,) = compare([claim(slot, f"s{i}", v, as_of, i) for i, v in enumerate(vals)], [slot])
    assert f.kind != "changed"


def brute_force(cs: list[Claim], changes: bool) -> str:
    """The definition, pair by pair: a conflict is two claims with disjoint
    values (and, for a slot that changes, overlapping as-of dates)."""
    def overlap(a: DateSpan | None, b: DateSpan | None) -> bool:
        return a is None or b is None or (a.start <= b.end and b.start <= a.end)  # type: ignore[operator]

    disjoint = [(a, b) for a in cs for b in cs if not a.value.interval.overlaps(b.value.interval)]
    if any(overlap(a.as_of, b.as_of) for a, b in disjoint) or (disjoint and not changes):
        return "conflict"
    if disjoint:
        return "changed"
    return "consistent" if len({c.source for c in cs}) > 1 else "single_source"


@settings(max_examples=400, deadline=None)
@given(data=st.lists(st.tuples(values, spans), min_size=1, max_size=9), changes=st.booleans(), seed=st.randoms())
def test_verdict_matches_the_pairwise_definition_in_any_order(data: list[tuple[Quantity, DateSpan | None]],
                                                              changes: bool, seed: Any) -> None:
    slot = slot_of(changes)
    cs = [claim(slot, f"s{i}", v, a, i) for i, (v, a) in enumerate(data)]
    (f,) = compare(cs, [slot])
    assert f.kind == brute_force(cs, changes)
    shuffled = list(cs)
    seed.shuffle(shuffled)
    assert compare(shuffled, [slot]) == [f]


@settings(max_examples=100, deadline=None)
@given(labels=st.lists(st.sampled_from(["rejects", "supports"]), min_size=1, max_size=6), as_of=spans)
def test_labels_agree_only_when_equal(labels: list[str], as_of: DateSpan | None) -> None:
    cs = [claim(STANCE, f"s{i}", Category(label), as_of, i) for i, label in enumerate(labels)]
    (f,) = compare(cs, [STANCE])
    want = "conflict" if len(set(labels)) > 1 else ("consistent" if len(labels) > 1 else "single_source")
    assert f.kind == want


def test_an_undated_claim_that_agrees_with_every_step_ends_the_timeline() -> None:
    """Found by the property above: an undated claim overlaps every date, so it
    may only agree with all steps; it is listed last, "as of an unknown date"."""
    slot = slot_of(True)
    june, sept = DateSpan(dt.date(2025, 6, 1), dt.date(2025, 6, 1)), DateSpan(dt.date(2025, 9, 1), dt.date(2025, 9, 1))
    cs = [claim(slot, "a", Quantity(Interval(0, 5), "drone"), june, 0),
          claim(slot, "b", Quantity(Interval(10, 12), "drone"), sept, 1),
          claim(slot, "c", Quantity(Interval(4, 11), "drone"), None, 2)]
    (f,) = compare(cs, [slot])
    assert (f.kind, f.sides) == ("changed", (("c0",), ("c1",), ("c2",)))
    assert f.message == ("0–5 drones (a) as of 2025-06-01 → 10–12 drones (b) as of 2025-09-01 → "
                         "4–11 drones (c) as of an unknown date")


def test_numbering_a_claim_keeps_every_other_field() -> None:
    """assemble numbers claims without dataclasses.replace; a field added to
    Claim and forgotten there would be dropped silently."""
    import dataclasses

    fields = {f.name: f"x-{f.name}" for f in dataclasses.fields(Claim)}
    c = Claim(**fields)  # type: ignore[arg-type]
    assert c.numbered("c7", "Someone") == dataclasses.replace(c, id="c7", attributed_to="Someone")
