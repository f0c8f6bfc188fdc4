"""The extractors' shortcuts give the answers of the patterns they spare.

Extraction decides from word sets and folded text (consistency.extract.fold,
prefilter) which sentences need a pattern run, and finds anchors without a
loop over tokens. Each shortcut is compared here with the slow path it
replaces, on text built from the very words the rules and the grammars look
for, with the characters where ASCII shortcuts could go wrong (underscores,
odd spaces, case, non-ASCII letters that fold to ASCII ones).
"""

from __future__ import annotations

import datetime as dt
import importlib
from itertools import accumulate
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from anchor_reference import date_anchors, number_anchors
from consistency.extract.as_of import as_of
from consistency.extract import attribution
from consistency.extract.fold import FOLD, ascii_words, translate_chars
from consistency.extract.matcher import Matcher
from consistency.extract.prefilter import (DocumentWords, PhraseTest, found_from_starts, may_hold_kind,
                                          may_hold_numbers, phrase_starts, spans_from_starts)
from consistency.rules import compile_phrases, load_rules
from consistency.segment import split
from consistency.sources.model import _MATCH_MAP, Source

numbers = importlib.import_module("consistency.extract.numbers")
dates = importlib.import_module("consistency.extract.dates")
as_of_module = importlib.import_module("consistency.extract.as_of")

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
MATCHER = Matcher.build(SLOTS, VOCAB)
LABEL_TABLES = [s.labels for s in MATCHER.slots if s.labels is not None]
PHRASE_LISTS = [lst for s in SLOTS for lst in (s.triggers, s.rivals, s.exclude, *s.context) if lst]

PHRASE_LISTS += [p for s in SLOTS for p in s.labels.values() if p]
_WORDS = sorted({w for lst in PHRASE_LISTS for p in lst if not p.startswith("re:") for w in p.replace("*", "").split()})
PIECES = [*_WORDS, *(w.upper() for w in _WORDS[:40]), "ing", "s", "-", "’", "'", ",", ".", "_", "5", "19", "2035",
          "June", "Jan.", "Tuesday", "today", "said", "according to", "US$", "$", "us", "under", "up", "u5",
          "several", "a few", "dozens of", "one", "twenty-one", "hundred", "per cent", "%", "\t", "\x1c", "\u3000",
          "ſ", "K", "İ", "é", "Σ", "²", "٣", "\n"]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "-", "  ", ", ", ". ", "_", "\t"])
texts = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _list_and_text(phrases: list[str]) -> st.SearchStrategy[tuple[list[str], str]]:
    """A phrase list and a text made mostly of its own words and their parts."""
    own = [w for p in phrases if not p.startswith("re:") for w in p.replace("*", "").split()]
    bits = own + [w[:3] for w in own] + [w.upper() for w in own] + ["un", "s", "ing", "_", "-", "'", "x", "é", "ſ"]
    made = st.lists(st.tuples(st.sampled_from(bits), SEPARATORS), max_size=12).map(
        lambda parts: "".join(a + b for a, b in parts))
    return st.tuples(st.just(phrases), st.one_of(made, texts))


@SETTINGS
@given(st.sampled_from(PHRASE_LISTS).flatmap(_list_and_text))
@example((["spending target"], "the spending target"))
@example((["spending target"], "a spending-target, then Spending   Target"))
def test_phrase_tests_agree_with_the_patterns(case: tuple[list[str], str]) -> None:
    phrases, text = case
    test = PhraseTest(phrases)
    expected = compile_phrases(phrases).search(text) is not None  # type: ignore[union-attr]
    words = ascii_words(text) if text.isascii() else None
    padded = " " + text.translate(FOLD) if text.isascii() else None
    assert test.search(text, words) == expected
    assert test.search(text, words, padded) == expected
    if padded is not None:
        assert test.search(text, words, padded + " ") == expected  # padded both sides, as DocumentWords makes it


@SETTINGS
@given(st.sampled_from(PHRASE_LISTS).flatmap(_list_and_text))
@example((["spending target"], "the spending target"))
@example((["defen* spending"], "Defence spending and defense-spending"))
def test_a_phrase_is_found_from_its_starts_as_by_a_search(case: tuple[list[str], str]) -> None:
    """found_from_starts, which tries a phrase's pattern only where its
    first word or stem is, answers as the search over the whole text."""
    phrases, text = case
    if not text.isascii():
        return
    padded = " " + text.translate(FOLD) + " "
    for phrase in phrases:
        starts = phrase_starts([phrase])
        if starts is None:
            continue
        pattern = compile_phrases([phrase])
        assert pattern is not None
        assert found_from_starts(pattern, text, starts, padded) == (pattern.search(text) is not None)


@SETTINGS
@given(texts)
def test_trigger_lookup_by_word_set_agrees(text: str) -> None:
    if text.isascii():
        assert MATCHER.triggers.slots_in(text, ascii_words(text)) == MATCHER.triggers.slots_in(text)
        padded = " " + text.translate(FOLD) + " "
        assert MATCHER.triggers.slots_in_words(text, ascii_words(text), padded) == MATCHER.triggers.slots_in(text)
        assert MATCHER.triggers.slots_in_words(text, ascii_words(text), padded[:-1]) == MATCHER.triggers.slots_in(text)


@SETTINGS
@given(texts)
def test_anchors_of_ascii_sentences_agree(text: str) -> None:
    if not text.isascii():
        return
    grammar = numbers._grammar(VOCAB)
    folded = " " + text.translate(FOLD) + " "
    assert number_anchors(text, grammar, folded, set(folded.split())) == numbers._anchors(text, grammar)
    assert date_anchors(text) == dates._anchors(text)


@SETTINGS
@given(texts)
def test_sentences_ruled_out_hold_no_values(text: str) -> None:
    words = ascii_words(text) if text.isascii() else None
    if not may_hold_numbers(text, words, VOCAB):
        assert numbers.scan_numbers(text, VOCAB) == []
    if not dates.may_hold_dates(text):
        assert not any(dates._PATTERN.match(text, a) for a in dates._anchors(text))


# the figure words of each kind, so that texts often hold a mention of it
_KIND_PIECES = ["5", "19", "3.5", "2,000", "$", "US$", "usd", "dollars", "euros", "EUR", "zloty", "Zł", "%",
                "per cent", "percent", "percentage points", "PerCent", "days", "Weeks", "year", "decades",
                "hour", "billion", "bn", "about", "over", "between", "and", "to", "-", "(", ")", "ſ", "K"]
kind_texts = st.lists(st.tuples(st.sampled_from(_KIND_PIECES + PIECES[:60]), SEPARATORS), max_size=20).map(
    lambda parts: "".join(a + b for a, b in parts))


@SETTINGS
@given(st.one_of(kind_texts, texts))
@example("a 5% rise, $35 billion over two years, 2.5 per cent and 3 percentage points")
@example("2.5 per cent")
@example("35 Euros for 3 Weeks")
def test_sentences_ruled_out_for_a_kind_hold_no_figure_of_it(text: str) -> None:
    words = ascii_words(text) if text.isascii() else None
    found = {n.kind for n in numbers.scan_numbers(text, VOCAB)}
    for kind in ("number", "percent", "money", "duration"):
        if kind in found:
            assert may_hold_kind(kind, text, words, VOCAB), kind


@SETTINGS
@given(st.one_of(texts, st.lists(st.sampled_from([p for s in SLOTS for ps in s.labels.values() for p in ps
                                                 if not p.startswith("re:")] + PIECES[:40]), max_size=8).map(" ".join)))
@example("Spain said no to the target")
@example("Spain asked for flexıbility, Sánchez said")  # dotless ı: Python's re.I matches it as i, RE2 does not
@example("PRESİDENT Trump and the ex-Presıdent")
def test_sentences_ruled_out_for_labels_name_none(text: str) -> None:
    """A category slot's label tests are all False only where
    LabelTable.scan finds no label."""
    words = ascii_words(text) if text.isascii() else None
    padded = f" {text.translate(FOLD)} " if text.isascii() else None
    fold = (padded, words) if padded is not None and words is not None else None
    for slot in MATCHER.slots:
        if slot.labels is None:
            continue
        said = slot.may_name_label(text, words, padded)
        assert said == slot.may_name_label(text, None, None)  # from the word set as from the patterns
        if not said:
            assert slot.labels.scan(text, fold) == [] and slot.labels.scan(text) == []


def test_kind_words_are_the_number_grammars() -> None:
    """may_hold_kind's words are read off these two patterns: a change to
    either must be made there too."""
    assert numbers._PCT == r"%|\bper\s*cent\b|\bpercent\b|\bpercentage\s+points?\b"
    assert numbers._DUR == r"(?:hours?|days?|weeks?|months?|years?|decades?)\b"


_SPEECH = ["he", "she", "They", "He", "an", "a", "A", "al-", "bin", "van", "von", "de", "der", "la", "the", "The",
           "two", "several", "senior", "source", "officials", "Mr.", "Donald", "Tusk", "NATO", "Poland's", "ministry",
           "Prime", "Minister", "also", "has", "reportedly", "said", "says", "told", "wrote", "adding", "asserted",
           "saidx", "xsaid", "Said", "according to", "“", "”", '"', ":", ";", "x", "_", "é", "ſ", "K"]
_VERB_PIECES = ["said", "says", "told", "wrote", "adding", "asserted", "noted"]
# a few words, mostly speaker-like, then a verb: the shape a match needs
speech = st.tuples(
    st.lists(st.tuples(st.sampled_from(_SPEECH + PIECES[-20:]), SEPARATORS), max_size=6),
    st.sampled_from([" ", "  ", "\t", "", "x"]), st.sampled_from(_VERB_PIECES), st.sampled_from(["", ".", "x", " on"]),
).map(lambda t: "".join(a + b for a, b in t[0]) + t[1] + t[2] + t[3])


@SETTINGS
@given(st.one_of(speech, st.lists(speech, max_size=3).map(" ".join), texts))
@example("a source said, and an official wrote; two sources also said that several officials noted")
@example("xhe said, she said, they said: The minister said the president told")
@example("de Gaulle said al- Assad said bin Salman wrote von der Leyen said van Rompuy said la Rosa said")
@example("Poland's defence ministry said Mr. Tusk said, According to NATO, it said")
def test_a_sentence_without_a_reporting_cue_has_no_frame(text: str) -> None:
    """attribution.frames looks for its patterns only in sentences with a
    reporting verb or `according`: none of them can match without one."""
    patterns = [attribution._SAID_BY, attribution._SAID_BY_APPOSED, attribution._ACCORDING, attribution._INVERTED,
                attribution._SAID_IN]
    if not attribution._CUES.search(text):
        assert not any(p.search(text) for p in patterns)
        assert attribution.frames(text) == []


_DATED = ["Reuters", "reported", "said", "SAID", "Said", "saidx", "told", "officials", "on", "On", "in", "as of",
          "Tuesday", "June 19", "1 July", "2024", "in 2024", "by 2035", "the June summit", "at the end of", "2%",
          "of GDP", "19 drones", "5", "x", ",", "“", "é"]


@SETTINGS
@given(st.lists(st.sampled_from(_DATED), max_size=14).map(" ".join))
def test_as_of_from_the_word_set_is_as_of_from_the_sentence(text: str) -> None:
    """as_of told the sentence's word set (which skips the reporting-verb
    search when it has none) dates every value as without it."""
    ctx = dates.DateContext(dt.date(2025, 6, 24), dt.date(2025, 6, 24), "the source's date 2025-06-24")
    found = dates.scan_dates(text, ctx)
    words = ascii_words(text) if text.isascii() else None
    padded = " " + text.translate(FOLD) + " " if text.isascii() else None
    for value in [(m.start, m.end) for m in numbers.scan_numbers(text, VOCAB)] + [(0, 0)]:
        assert as_of(text, found, value, ctx, None, words) == as_of(text, found, value, ctx)
        assert as_of(text, found, value, ctx, None, words, padded) == as_of(text, found, value, ctx)


@SETTINGS
@given(st.lists(st.sampled_from([*_DATED, "Said", "SAYS", "said,", "said.", "saidx", "xsaid", "_said", "on"]),
                max_size=14).map(" ".join), st.integers(min_value=0, max_value=300))
@example("Reuters reported on June 19", 16)
@example("he said on", 8)
@example("he said", 7)
def test_last_reporting_verb_from_the_fold_is_the_searchs(text: str, end: int) -> None:
    """as_of's _last_verb finds, from the fold, the span of the last
    reporting verb the search of the sentence's head finds, wherever the
    head ends but inside a word."""
    if not text.isascii():
        return
    end = min(end, len(text))
    if as_of_module._cuts_a_word(text, end):
        return
    padded = " " + text.translate(FOLD) + " "
    present = as_of_module._REPORTING_WORDS.intersection(ascii_words(text))
    last = None
    for m in as_of_module._REPORTING.finditer(text[:end]):
        last = m.span()
    assert as_of_module._last_verb(padded, present, end) == last


@SETTINGS
@given(texts, st.integers(min_value=0, max_value=400))
def test_month_before_a_day_is_found_in_the_window(text: str, start: int) -> None:
    start = min(start, len(text))
    assert numbers._date_before(text, start) == bool(numbers._DATE_BEFORE.search(text, 0, start))


@SETTINGS
@given(st.sampled_from(PHRASE_LISTS).flatmap(_list_and_text))
def test_spans_from_phrase_starts_agree_with_finditer(case: tuple[list[str], str]) -> None:
    phrases, text = case
    starts = phrase_starts(phrases)
    if starts is None or not text.isascii():
        return
    pattern = compile_phrases(phrases)
    assert pattern is not None
    folded = " " + text.translate(FOLD) + " "
    expected = [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
    assert spans_from_starts(pattern, text, starts, folded, set(folded.split())) == expected


_FOLDING = [chr(c) for c in _MATCH_MAP]


@given(st.lists(st.sampled_from([*PIECES, *_FOLDING, "“", "”", "—", "\u00a0", "\U0001f600"]), max_size=40).map("".join))
def test_match_text_is_the_translation_it_replaces(text: str) -> None:
    assert translate_chars(text, _MATCH_MAP) == text.translate(_MATCH_MAP)
    assert Source("s", "s", text).match_text == text.translate(_MATCH_MAP)
    ascii_table = str.maketrans({"a": "b"})
    assert translate_chars(text, ascii_table) == text.translate(ascii_table)


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4).map(". ".join))
def test_a_documents_shared_fold_gives_each_extractor_its_own_answer(text: str) -> None:
    ctx = dates.DateContext(dt.date(2025, 6, 24), dt.date(2025, 6, 24), "the source's date 2025-06-24")
    segments = split(text)
    words = DocumentWords(text, segments)
    for seg in segments:
        fold = words.fold(seg)
        assert (fold is None) == (not seg.text.isascii())
        if fold is not None:
            assert fold == (" " + seg.text.translate(FOLD) + " ", ascii_words(seg.text))
        assert numbers.scan_numbers(seg.text, VOCAB, fold) == numbers.scan_numbers(seg.text, VOCAB)
        assert dates.scan_dates(seg.text, ctx, fold) == dates.scan_dates(seg.text, ctx)
        found = dates.scan_dates(seg.text, ctx)
        for value in [(m.start, m.end) for m in numbers.scan_numbers(seg.text, VOCAB)] + [(0, 0)]:
            assert as_of(seg.text, found, value, ctx, None, words.of(seg)) == as_of(seg.text, found, value, ctx)
        for slot in MATCHER.slots:
            assert slot.excluded(seg.text, fold) == slot.excluded(seg.text)
        for table in LABEL_TABLES:
            assert table.scan(seg.text, fold) == table.scan(seg.text)


@SETTINGS
@given(texts)
def test_sentence_view_tokens_are_the_token_patterns(text: str) -> None:
    from consistency.extract.slots import _STOP, _TOKEN, SentenceView

    view = SentenceView(text)
    spans = [m.span() for m in _TOKEN.finditer(text)]
    assert list(zip(view.starts, view.ends)) == spans
    assert view.words == [text[a:b].lower() for a, b in spans]
    if text.isascii():
        assert view.words == _TOKEN.findall(text.lower())
    assert view.prefix == list(accumulate([w not in _STOP for w in view.words], initial=0))


@SETTINGS
@given(texts, st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=4))
def test_sentence_view_gap_counts_content_tokens_between(text: str, ends: list[int]) -> None:
    """gap, from the running count of content words, is the number of
    non-stop tokens starting between the two spans, plus one."""
    from consistency.extract.slots import _STOP, _TOKEN, SentenceView

    a0, a1, b0, b1 = (min(e, len(text)) for e in ends)
    a, b = (min(a0, a1), max(a0, a1)), (min(b0, b1), max(b0, b1))
    if a[1] <= b[0]:
        left, right = a[1], b[0]
    elif b[1] <= a[0]:
        left, right = b[1], a[0]
    else:
        assert SentenceView(text).gap(a, b) == 0
        return
    content = [m for m in _TOKEN.finditer(text) if left <= m.start() < right and m.group().lower() not in _STOP]
    assert SentenceView(text).gap(a, b) == len(content) + 1


@SETTINGS
@given(texts, st.lists(st.tuples(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=30)),
                       min_size=1, max_size=6))
def test_sentence_view_gaps_are_each_spans_gap(text: str, spans: list[tuple[int, int]]) -> None:
    from consistency.extract.slots import SentenceView

    view = SentenceView(text)
    spans = [(min(a, len(text)), min(a + n, len(text) + n)) for a, n in spans]  # non-empty, some past the end
    for span in spans:
        assert view.gaps(spans, span) == [view.gap(s, span) for s in spans]


@SETTINGS
@given(texts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=400))
def test_last_word_is_the_last_run_of_non_space(text: str, start: int, end: int) -> None:
    import re

    from consistency.segment import _last_word

    start, end = min(start, len(text)), min(end, len(text))
    found = re.search(r"\S+\Z", text[start:end]) if start < end else None
    assert _last_word(text, start, end) == (found.group(0) if found else "")
