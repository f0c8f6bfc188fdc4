"""The value scanners' shortcuts give the answers of the patterns they spare.

scan_numbers tries its grammar only at the anchors where a match can start
(numbers._live_anchors) and answers the name and date tests by a look at one
character where that settles them; scan_dates is spared by dates.may_hold_dates.
Each is held here to the slow path it replaces, on text built from the words
the grammars look for and the characters where the shortcuts could go wrong.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import datetime as dt

from anchor_reference import number_anchors
from consistency.extract.fold import FOLD
from consistency.rules import load_rules

numbers = importlib.import_module("consistency.extract.numbers")
dates = importlib.import_module("consistency.extract.dates")

ROOT = Path(__file__).resolve().parent.parent
_, VOCAB = load_rules(ROOT / "rules")
GRAMMAR = numbers._grammar(VOCAB)

_MOD_WORDS = sorted({w for m in numbers._MODS for w in m.replace(".", " ").split()})
_CURRENCY = sorted({w for code, ws in VOCAB.currencies.items() for w in (code, *ws)})
PIECES = [*_MOD_WORDS, *numbers._MODS, "a hundred", "A thousand", "a dozen", "up until", "no later than",
          "starting from", "starting in", *_CURRENCY, *(w.upper() for w in _MOD_WORDS[:12]),
          *numbers._UNITS_WORDS, *numbers._TENS_WORDS, *numbers._NAME_WORDS, "Corps\n", "x-\n", "am", "o",
          "hundred", "thousand", "million", "dozen", "a", "an", "A", "In", "us", "u", "U", "US", "urging", "approx.",
          "per cent", "%", "percent", "days", "years", "o'clock", "a.m.", "pm", "Article", "No.", "F", "#", ":", "/",
          "-", "–", "5", "19", "2035", "1,200", "3.5", ".5", "40,6", "1st", "th", "June", "Jan.", "Sept", "May",
          "may", "March", "Tuesday", "today", "the", "The", "in", "of", "on", "by", "up", "until", "no", "later",
          "than", "starting", "from", "during", "early", "last", "next", "this", "since", "ſ", "K", "İ", "ı", "é",
          "٣", "²", "\t", "\n", "\u3000", "_", "'", ",", ".", *VOCAB.vague, "few", "couple", "of"]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "-", "  ", ", ", ". ", "_", "\t", "\n", "$"])
texts = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))
CONTEXT = dates.DateContext(dt.date(2025, 9, 10), dt.date(2025, 9, 10), "the source's date 2025-09-10")
DATE_PIECES = [*dates._ANCHOR_WORDS, "up until", "no later than", "starting from", "starting in", "The", "In", "ON",
               *(w.capitalize() for w in [*dates.MONTHS, *dates.WEEKDAYS]), "JUNE", "Jan.", "Sept.", "Janet", "Mayor",
               "1850", "1999", "2025", "2035", "2101", "1700", "24", "5th", "31", "2025-06-24", "-", "–", "to", "and",
               "Moscow", "Tuesdays", "said", "x", "_", "ſ", "K", "é"]
_CORES = [*(w.capitalize() for w in [*dates.MONTHS, *dates.WEEKDAYS]), "1850", "1999", "2025", "2101", "1700", "5",
          "31 May", "Moscow", "Tuesdays", "today", "the", "x"]
_PREPOSITIONS = st.tuples(st.sampled_from(sorted(dates._ANCHOR_WORDS) + ["up until", "no later than", "starting in"]),
                          st.sampled_from([" ", "  ", "\t", "", "-"]), st.sampled_from(_CORES)).map("".join)
date_texts = st.lists(st.tuples(st.one_of(st.sampled_from(DATE_PIECES), _PREPOSITIONS), SEPARATORS), max_size=12).map(
    lambda parts: "".join(a + b for a, b in parts))
SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fold(text: str) -> tuple[str, set[str]]:
    folded = " " + text.translate(FOLD) + " "
    return folded, set(folded.split())


@SETTINGS
@given(texts)
def test_number_anchors_left_out_start_no_match(text: str) -> None:
    if not text.isascii():
        return
    every = number_anchors(text, GRAMMAR, *_fold(text))
    live = numbers._live_anchors(text, GRAMMAR, *_fold(text))
    assert set(live) <= set(every) and live == sorted(live)
    for a in set(every) - set(live):
        assert GRAMMAR.pattern.match(text, a) is None, (text, a)


@SETTINGS
@given(texts)
def test_a_number_match_starts_at_its_anchor(text: str) -> None:
    for a in numbers._anchors(text, GRAMMAR):
        m = GRAMMAR.pattern.match(text, a)
        if m is not None:
            start = m.start("mod") if m.group("mod") else (m.start("cur1") if m.group("cur1") else m.start("n1"))
            assert start == a


def _groups(m: object) -> object:
    if m is None:
        return None
    return [(g, m.group(g), m.span(g)) for g in GRAMMAR.pattern.groupindex]  # type: ignore[attr-defined]


_FORMS = numbers._currency_forms(VOCAB)[1:]
_UNGUARDED = re.compile(numbers._source(*_FORMS, guards=False), re.IGNORECASE | re.VERBOSE)


@SETTINGS
@given(texts)
@example("$5 million to 6 billion dollars, 3.5 per cent, 12-day, 40,6 years, 2025-2033 and 7 days")
@example("5 to $10 dollars, 6 - EUR 7, 8 and US$9, 1 to 2 ſeconds, 3 Kelvin, 4 Hundred, 5 PER CENT, 6 zł")
def test_the_guarded_and_digit_patterns_match_as_the_grammar(text: str) -> None:
    """The grammar with its guards matches as without them; at a digit, its
    digit pattern as it."""
    for i, c in enumerate(text):
        expected = _groups(_UNGUARDED.match(text, i))
        assert _groups(GRAMMAR.pattern.match(text, i)) == expected, (text, i)
        if c in "0123456789":
            assert _groups(GRAMMAR.at_digit.match(text, i)) == expected, (text, i)


def test_the_guards_keep_an_empty_currency_list_working() -> None:
    for forms in [([], [], []), (["$"], [], ["dollars"]), ([], ["usd"], ["usd"])]:
        for text in ["5 to 10 dollars", "5  x", "$5 to usd 6", "5 "]:
            plain = re.compile(numbers._source(*forms, guards=False), re.IGNORECASE | re.VERBOSE)
            guarded = re.compile(numbers._source(*forms), re.IGNORECASE | re.VERBOSE)
            at_digit = re.compile(numbers._source(*forms, at_digit=True), re.IGNORECASE | re.VERBOSE)
            for i in range(len(text)):
                m = plain.match(text, i)
                assert _span_groups(guarded.match(text, i)) == _span_groups(m)
                if text[i].isdigit():
                    assert _span_groups(at_digit.match(text, i)) == _span_groups(m)


def _span_groups(m: re.Match[str] | None) -> object:
    return None if m is None else [m.span(g) for g in range(m.re.groups + 1)]


@SETTINGS
@given(texts, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_name_and_date_tests_agree_with_their_patterns(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(end, len(text))
    assert numbers._name_before(text, start) == bool(numbers._NAME_BEFORE.search(text[max(0, start - 14):start]))
    assert numbers._name_after(text, end) == bool(numbers._NAME_AFTER.match(text[end:end + 8]))
    assert numbers._date_after(text, end) == bool(numbers._DATE_AFTER.match(text, end))


def test_name_after_sees_letters_that_fold_to_ascii() -> None:
    for c in "ſKİıaZ:":
        assert numbers._name_after("5" + c + "x", 1) == bool(numbers._NAME_AFTER.match(c + "x"))
    assert numbers._name_after("5 a.m.", 1) and not numbers._name_after("5 at", 1)


@SETTINGS
@given(texts)
def test_number_parts_parse_as_before(text: str) -> None:
    for m in GRAMMAR.pattern.finditer(text):
        t = m.group("n1")
        if t and (t[:1].isdigit() or t[:1] == "."):
            expected = float(t.replace(",", ".")) if numbers._DECIMAL_COMMA.fullmatch(t) else float(t.replace(",", ""))
            assert numbers.parse_number(t) == expected


@SETTINGS
@given(st.one_of(texts, date_texts))
@example("It ended on Wednesday, by 1850 and since  2025, until 1999.")
@example("Today's declaration, overnight, last night, next week's summit, on the eve of it, within the next decade")
@example("starting in\tOct. 5, no later than 1999-2001, from 3 to 5 June, the may, The June, during\x1cJuly")
def test_a_sentence_the_date_hint_refuses_holds_no_date(text: str) -> None:
    """may_hold_dates spares the scan of most sentences: it may say yes
    wrongly, never no."""
    if not dates.may_hold_dates(text):
        assert dates.scan_dates(text, CONTEXT) == []
        assert not any(dates._PATTERN.match(text, a) and dates._PATTERN.match(text, a).group(0).strip()
                       for a in dates._anchors(text))


@SETTINGS
@given(texts)
def test_vague_shortcut_agrees(text: str) -> None:
    words = set(text.translate(FOLD).split())
    needs = numbers.vague_words(VOCAB)
    assert numbers._vague_possible(VOCAB, words) == (needs is None or any(n <= words for n in needs))


ratios = importlib.import_module("consistency.extract.ratios")
SPAN_TEXTS = st.lists(st.tuples(st.sampled_from(["day", "Days", "WEEK", "weeks", "Month", "monthly", "years", "YEAR",
                                                 "yesterday", "in", "a", "as", "what", "three", "times", "wee",
                                                 "\u212a", "ſ", "é", "da", "y", "mon", "th", "s"]), SEPARATORS),
                      max_size=12).map(lambda parts: "".join(a + b for a, b in parts))


@SETTINGS
@given(SPAN_TEXTS)
@example("weeK days")
@example("three wee\u212as")
def test_span_shortcut_refuses_only_sentences_without_spans(text: str) -> None:
    if not ratios._may_name_spans(text):
        assert ratios._SPANS.findall(text) == []

RATE_PIECES = ["in", "within", "over", "IN", "xin", "thin", "a", "an", "three", "half a", "2.5", "12", "day", "weeks",
               "Month", "years", "as", "what", "than", "times", "twice", "three times", "as much", "as many", "more",
               "NATO", "produces", "Russia", ",", ".", ";", "(", "é", "ſ", "K", "\u3000", "_"]
RATE_TEXTS = st.lists(st.tuples(st.sampled_from(RATE_PIECES), SEPARATORS), max_size=24).map(
    lambda parts: "".join(a + b for a, b in parts))


@SETTINGS
@given(RATE_TEXTS)
@example("Russia is producing in three months what NATO produces in a year, and twice as much in a week as in a day.")
@example("xin a month as they did in a year; 2.5 times as much in one week, as (NATO) over a year")
@example("three times as much in three months as NATO in a year. In a day as in a week")
@example("It made 2.5 times as much in a week as NATO in a year.")
def test_ratio_matches_are_finditers(text: str) -> None:
    def spans(ms: object) -> list[object]:
        return [(m.span(), m.groupdict()) for m in ms]  # type: ignore[attr-defined]
    assert spans(ratios._matches(text)) == spans(ratios._PATTERN.finditer(text))


categories = importlib.import_module("consistency.extract.categories")
NEGATION_PIECES = ["not", "NOT", "Never", "no longer", "No  Longer", "hardly", "HARDLY", "don't", "won’t", "DIDN'T",
                   "n't", "reject", "rejects", "backs", "the", "plan", "nothing", "none", "İ", "ſ", "é", "N", "o"]
NEGATION_TEXTS = st.lists(st.tuples(st.sampled_from(NEGATION_PIECES), SEPARATORS), max_size=14).map(
    lambda parts: "".join(a + b for a, b in parts))


@SETTINGS
@given(NEGATION_TEXTS, st.integers(min_value=0, max_value=200))
@example("did not reject", 8)
@example("He has NO LONGER backed", 16)
def test_negation_shortcut_agrees_with_its_pattern(text: str, start: int) -> None:
    start = min(start, len(text))
    expected = categories._NEGATION.search(text, max(0, start - 40), start)
    got = categories._negation_before(text, start)
    assert (got and got.span()) == (expected and expected.span())
