"""Bounded work: no text can hang a run (audit failure 1, bad sources #12–14).

Reading one sentence costs values × dates × its words, so one sentence of a
few thousand figures took minutes. `segment.split` reads a sentence past its
bounds in pieces, so a text's work grows linearly: doubling a long hostile
sentence at most about doubles its time (a ratio, not a time, is asserted:
the machine may be slow or busy, but a cube is eight times, a square four).
What still runs too long is stopped by the per-source time budget and
listed as that source's problem; a bug in extraction costs its source only.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency import boundary, segment
from consistency.extract.matcher import Matcher
from consistency.pipeline import check
from consistency.rules import load_rules
from consistency.sources import Source

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
MATCHER = Matcher.build(SLOTS, VOCAB)
CLAIM = "Polish officials said 40 drones entered Polish airspace overnight."

# clauses that hold what makes a sentence expensive: counts by their trigger, years, dates, percentages, money
CLAUSES = ["in {y} some {n} drones entered Polish airspace", "{n} drones flew into Poland on June {d}",
           "allies pledged {n}% of GDP by {y}", "Tusk said {n} drones were shot down on {d} September {y}",
           "about ${n} billion in aid this year", "{n} to {m} missiles were launched overnight on Tuesday",
           "NATO now has {n} members", "the summit on June {d}–{e} in The Hague"]
SEPARATORS = [", ", "; ", " and ", ", while ", " — "]


def sentence(parts: list[tuple[int, int]], copies: int) -> str:
    """One sentence of `copies` runs of the clauses, figures varied."""
    out = []
    for k in range(copies):
        for j, (c, s) in enumerate(parts):
            n = 3 + (7 * (k * len(parts) + j)) % 900
            out.append(CLAUSES[c].format(n=n, m=n + 4, y=1990 + n % 40, d=1 + n % 27, e=2 + n % 27)
                       + SEPARATORS[s])
    return "Polish officials said " + "".join(out).rstrip(",;—andwhile ") + "."


def cpu(once: str, twice: str) -> tuple[float, float]:
    """The least CPU time of three extractions of each text, taken in turn
    (so both see the same machine), the least being the least disturbed."""
    sources = [Source("x", "x.txt", text=t, published=dt.date(2025, 9, 10)) for t in (once, twice)]
    best = [float("inf"), float("inf")]
    for _ in range(3):
        for k, src in enumerate(sources):
            began = time.process_time()
            MATCHER.extract(src)
            best[k] = min(best[k], time.process_time() - began)
    return best[0], best[1]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(CLAUSES) - 1), st.integers(0, len(SEPARATORS) - 1)),
                min_size=3, max_size=8))
def test_doubling_a_long_hostile_sentence_at_most_about_doubles_its_time(parts: list[tuple[int, int]]) -> None:
    copies = max(1, 4000 // len(sentence(parts, 1)))  # about 4 KB, then 8 KB: before, 2 s and 15 s
    once, twice = sentence(parts, copies), sentence(parts, 2 * copies)
    a, b = cpu(once, twice)
    ratio = b / max(a, 1e-3)
    assert ratio < 3.0, f"{len(once)} → {len(twice)} characters: {ratio:.2f}× the time"


TEXTS = st.lists(st.sampled_from(["19", "drones", "entered", "2025", "June", "24", "six", ",", ";", " – ", "and",
                                  "x" * 300, "said", "\n", ".", " ", "3.5%", "by 2035", "Tuesday"]),
                 max_size=600).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_pieces_keep_within_the_bounds_and_lose_no_text(text: str) -> None:
    whole = segment.sentences(text)
    pieces = segment.split(text)
    assert [p.index for p in pieces] == list(range(len(pieces)))
    for p in pieces:
        assert text[p.start:p.end] == p.text and p.text == p.text.strip() and p.text
        if p.end - p.start > segment.CUT_FROM:
            assert len(p.text) <= segment.MAX_CHARS
            assert len(segment._FIGURE.findall(p.text)) <= segment.MAX_FIGURES
    # each sentence's non-space characters are its pieces', in order, on its line
    for s in whole:
        inside = [p for p in pieces if s.start <= p.start and p.end <= s.end]
        assert "".join(s.text.split()) == "".join("".join(p.text.split()) for p in inside)
        assert {(p.line, p.paragraph) for p in inside} <= {(s.line, s.paragraph)}


def test_a_sentence_of_many_figures_is_read_in_pieces_and_each_claim_kept() -> None:
    text = "Polish officials said " + ", ".join(f"{i + 2} drones entered Polish airspace" for i in range(40)) + ".\n"
    pieces = segment.split(text)
    assert len(pieces) == 3 and all(p.kind == "sentence" and p.line == 1 for p in pieces)
    claims = MATCHER.extract(Source("x", "x.txt", text=text, published=dt.date(2025, 9, 10))).claims
    assert sorted(c.value.interval.low for c in claims if c.slot == "poland_incursion.drones_entered") == [
        float(i + 2) for i in range(40)]


def test_a_source_over_its_time_budget_is_listed_and_the_others_checked(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(CLAIM + "\n", encoding="utf-8")
    (tmp_path / "slow.txt").write_text("Officials said 41 drones entered Polish airspace overnight.\n",
                                       encoding="utf-8")
    real = Matcher.extract

    def extract(self: Matcher, source: Source, trace: bool = False) -> Any:
        if source.id == "slow":
            while True:  # a runaway
                pass
        return real(self, source, trace)

    monkeypatch.setattr(Matcher, "extract", extract)
    monkeypatch.setattr(boundary, "BASE_SECONDS", 0.2)
    report = check([tmp_path], SLOTS, VOCAB)
    assert [(s.id, s.errors) for s in report.sources] == [("a", []), ("slow", [
        "took over 0.2 s of processor time to check (60 characters), so it was stopped to let the run finish; split it, or "
        "report it (with the file) as a bug"])]
    assert {c.source for c in report.claims} == {"a"}


def test_a_bug_while_checking_one_source_costs_that_source_only(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(CLAIM + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLAIM + "\n", encoding="utf-8")
    real = Matcher.extract

    def extract(self: Matcher, source: Source, trace: bool = False) -> Any:
        if source.id == "b":
            raise KeyError("no.such_slot")
        return real(self, source, trace)

    monkeypatch.setattr(Matcher, "extract", extract)
    report = check([tmp_path], SLOTS, VOCAB)
    assert [(s.id, s.errors) for s in report.sources] == [("a", []), ("b", [
        "could not check it: KeyError: 'no.such_slot'; this is a bug in consistency, please report it with the "
        "file (every other source was checked)"])]
    assert {c.source for c in report.claims} == {"a"}


def test_a_bug_while_reading_one_file_costs_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(CLAIM + "\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(CLAIM + "\n", encoding="utf-8")
    from consistency.sources import formats

    def broken(*args: Any) -> Any:
        raise AttributeError("'str' object has no attribute 'get'")

    monkeypatch.setattr(formats, "_markdown", broken)
    report = check([tmp_path], SLOTS, VOCAB)
    assert [(s.id, s.errors) for s in report.sources] == [("a", []), ("b", [
        "could not read it: AttributeError: 'str' object has no attribute 'get'; this is a bug in consistency, "
        "please report it with the file (every other source was checked)"])]


def test_the_budget_is_processor_time_and_not_armed_where_another_timer_runs() -> None:
    import signal

    began = time.process_time()
    with boundary.budget(0.05):
        time.sleep(0.2)  # waiting uses no processor time: a busy machine does not fail a file
    with pytest.raises(boundary.OverBudget):
        with boundary.budget(0.05):
            while time.process_time() - began < 5:
                pass
    previous = signal.signal(signal.SIGPROF, lambda *_: None)
    signal.setitimer(signal.ITIMER_PROF, 30)
    try:
        with boundary.budget(0.01):  # a profiler's timer governs: no OverBudget
            spin = time.process_time()
            while time.process_time() - spin < 0.05:
                pass
        assert signal.getitimer(signal.ITIMER_PROF)[0] > 0  # and it still runs
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
