"""`DocumentWords.in_context` answers what its definition says: every
context group of a slot has a match in the sentence or in one within the
slot's window, whatever order the sentences are asked in (the answers it
keeps for each sentence must not leak from one question to the next)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.extract.matcher import Matcher
from consistency.extract.prefilter import DocumentWords, PhraseTest
from consistency.rules import compile_phrases, load_rules
from consistency.segment import split

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
MATCHER = Matcher.build(SLOTS, VOCAB)
CONTEXTS = [(s.spec.context, s.context_tests) for s in MATCHER.slots if s.spec.context]
_WORDS = sorted({w for groups, _ in CONTEXTS for g in groups for p in g if not p.startswith("re:")
                 for w in p.replace("*", "").split()})
PIECES = [*_WORDS, "The", "said", "drones", "é", "Σ", "ing", "-", "'", "5"]
sentences = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(" ".join).map(lambda s: s + ".")
documents = st.lists(sentences, min_size=1, max_size=9).map(lambda ss: " ".join(x[0].upper() + x[1:] for x in ss))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(min_value=0, max_value=3), st.randoms(use_true_random=False))
def test_in_context_is_every_group_within_the_window(text: str, window: int, rnd: random.Random) -> None:
    segments = split(text)
    words = DocumentWords(text, segments)
    order = list(range(len(segments)))
    rnd.shuffle(order)
    for groups, tests in CONTEXTS:
        patterns = [compile_phrases(list(g)) for g in groups]
        for i in order:
            near = segments[max(0, i - window):i + window + 1]
            expected = all(p is not None and any(p.search(s.text) for s in near) for p in patterns)
            assert words.in_context(tests, window, segments, i) == expected


def test_a_test_without_phrases_never_passes() -> None:
    test = PhraseTest([])
    assert not test.search("anything at all", {"anything", "at", "all"}, " anything at all ")
    assert not test.search("é", None)
