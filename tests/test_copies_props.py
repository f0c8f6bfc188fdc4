"""copies.independent against a brute-force reading of its definition
(every pair of sentences scored, groups and voices found by graph search),
and the speakers' corpus-wide surname search against its plain form."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from consistency.copies import SIMILAR, _norm, independent
from consistency.model import Claim
from consistency.values import Interval, Quantity

# near-identical sentences (a reprint changing a word or a figure) and unrelated ones
SENTENCES = ["Officials said 19 drones entered Polish airspace overnight.",
             "Officials said 19 drones entered Polish airspace over night.",
             "Officials said 18 drones entered Polish airspace overnight.",
             "Officials said nineteen drones had entered the airspace of Poland.",
             "The army counted 6 to 10 drones.",
             "The army counted 6 to 10 drones!",
             "Tusk said 19 drones came in.",
             "A NATO source put the number at 7."]

claims_drawn = st.lists(st.tuples(st.sampled_from(["a.x", "a.y"]), st.integers(0, 6), st.integers(1, 3),
                                  st.sampled_from(SENTENCES)), max_size=30)


def _components(nodes: list[object], edges: list[tuple[object, object]]) -> dict[object, int]:
    """Each node's component, by depth-first search."""
    near: dict[object, set[object]] = {n: set() for n in nodes}
    for a, b in edges:
        near[a].add(b)
        near[b].add(a)
    label: dict[object, int] = {}
    for k, start in enumerate(nodes):
        stack = [start]
        while stack:
            n = stack.pop()
            if n not in label:
                label[n] = k
                stack += near[n]
    return label


def _reference(claims: list[Claim]) -> tuple[dict[str, int], dict[str, str]]:
    counts: dict[str, int] = {}
    copied: dict[str, str] = {}
    for slot in sorted({c.slot for c in claims}):
        cs = sorted((c for c in claims if c.slot == slot), key=lambda c: (c.source, c.line, c.offset))
        sentences = sorted({_norm(c.quote) for c in cs})
        group = _components(sentences, [(a, b) for a in sentences for b in sentences
                                        if a < b and fuzz.ratio(a, b) >= SIMILAR])
        first: dict[int, str] = {}
        edges = []
        for c in cs:
            g = group[_norm(c.quote)]
            first.setdefault(g, c.source)
            if first[g] != c.source:
                copied[c.id] = first[g]
                edges.append((first[g], c.source))
        sources = sorted({c.source for c in cs})
        counts[slot] = len(set(_components(sources, edges).values()))
    return counts, copied


@settings(deadline=None, max_examples=200)
@given(claims_drawn)
def test_independent_sources_and_copies_are_the_graph_components(drawn: list[tuple[str, int, int, str]]) -> None:
    claims = [Claim(slot, f"s{source}", line, k, quote, "19", Quantity(Interval(19, 19)), id=f"c{k}")
              for k, (slot, source, line, quote) in enumerate(drawn)]
    counts, copied = independent(claims)
    want_counts, want_copied = _reference(claims)
    assert counts == want_counts
    assert copied == want_copied


NAMES = ["Donald Tusk", "Volodymyr Zelenskyy", "Volodymyr Zelensky", "Olena Zelenska", "Mark Rutte", "Tom Rutt",
         "Ursula von der Leyen", "Radosław Sikorski", "Radoslaw Sikorski"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(NAMES), unique=True), st.sampled_from(["Tusk", "Zelensky", "Zelenska", "Rutte",
                                                                        "Leyen", "Sikorski", "Nobody", "rutt"]))
def test_a_surname_expands_over_the_corpus_as_over_a_set(names: list[str], surname: str) -> None:
    """speakers._Surnames searches the corpus's surnames in C and once per
    surname; the result is _expand_surname's over the same names."""
    from consistency.speakers import _expand_surname, _Surnames

    everyone = _Surnames(names)
    assert everyone.expand(surname) == _expand_surname(surname, set(names))
    assert everyone.expand(surname) == _expand_surname(surname, set(names))  # and again, from what it found


@settings(deadline=None)
@given(st.lists(st.sampled_from(NAMES), unique=True), st.sampled_from(NAMES + ["Volodymir Zelenskyy", "D. Tusk"]))
def test_a_full_name_joins_the_first_head_that_is_the_same_person(heads: list[str], name: str) -> None:
    from consistency.speakers import _first_same_person, _same_person

    want = next((h for h in heads if _same_person(name, h)), None)
    assert _first_same_person(name, heads, [h.lower() for h in heads]) == want


@given(st.text(alphabet=st.sampled_from(list("aZ9_%€£ .’‘“”–—\u00a0…éÉ\u3000İ")), max_size=30))
def test_normalising_typographic_punctuation_first_keeps_the_patterns_result(text: str) -> None:
    """_norm turns curly quotes, dashes and the like into spaces to take the
    ASCII path: the same as the pattern over the text as written."""
    assert _norm(text) == re.sub(r"[^\w%$€£]+", " ", text.lower()).strip()
