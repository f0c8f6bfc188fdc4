"""Copies are not confirmations.

The same wire story reprinted by five outlets is one voice, not five: a
slot "agreed by 5 sources" means little if four are reprints. Claims whose
sentences are near-identical (rapidfuzz) across sources are linked; the
sources of a slot then fall into groups, and each group counts once as an
independent source. Exact repeats are found by hashing; fuzzy matching runs
per slot, in C (rapidfuzz), on the distinct sentences only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from operator import attrgetter

from rapidfuzz import fuzz, process

from consistency.model import Claim

SIMILAR = 90.0
MAX_FUZZY = 3000  # distinct sentences per slot compared fuzzily; beyond that, exact repeats only


_NOT_WORD = re.compile(r"[^\w%$€£]+")
# the same for ASCII text, as a bytes table (a lookup per byte, faster than str.translate's):
# every character the pattern matches becomes a space
_ASCII_NOT_WORD = bytes(i if re.fullmatch(r"[\w%$€£]", chr(i)) else 32 for i in range(128)) + bytes(range(128, 256))
_ORDER = attrgetter("source", "line", "offset")


# typographic punctuation, the only characters outside ASCII in most English sentences: none is a word
# character, nor changes in lower case, so each may become a space before the runs are found
_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2013\u2014\u00a0\u2026"


def _norm(text: str) -> str:
    """Lower case, each run of other characters than word characters and
    % $ € £ one space, none at the ends."""
    if not text.isascii():
        for ch in _PUNCTUATION:  # a substring search each, at memory speed; the pattern is 5x the ASCII path
            if ch in text:
                text = text.replace(ch, " ")
        if not text.isascii():
            return _NOT_WORD.sub(" ", text.lower()).strip()
    # no character is both a word character and a space, so split() finds the same runs
    return b" ".join(text.encode().lower().translate(_ASCII_NOT_WORD).split()).decode()


class _Links:
    """Union-find over the numbers 0 to n-1: which have been linked, directly
    or not. A plain list of parents, each no greater than its child."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def link(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent[max(ra, rb)] = min(ra, rb)


def _similar(sentences: list[str]) -> list[int]:
    """Each sentence's group: sentences linked by near-identity, directly or
    not. A sentence is scored only against later ones outside its group
    (reprints make large groups, and a pair inside one links nothing new);
    each group keeps its members, so the smaller of two is relabelled."""
    n = len(sentences)
    group = list(range(n))
    members = [[k] for k in range(n)]
    if not 1 < n <= MAX_FUZZY:
        return group
    for i, sentence in enumerate(sentences):
        if len(members[group[i]]) == 1:  # alone so far: every later sentence is outside its group
            later: list[int] | range = range(i + 1, n)
            choices = sentences[i + 1:]
        else:
            later = [j for j in range(i + 1, n) if group[j] != group[i]]
            choices = [sentences[j] for j in later]
        for _, _, k in process.extract(sentence, choices, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None):
            a, b = group[i], group[later[k]]
            if a == b:
                continue
            if len(members[a]) < len(members[b]):
                a, b = b, a
            for m in members[b]:
                group[m] = a
            members[a] += members[b]
            members[b] = []
    return group


def independent(claims: list[Claim]) -> tuple[dict[str, int], dict[str, str]]:
    """(slot → number of independent sources, claim id → id of the source
    whose text it copies), for claims grouped by slot."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    counts: dict[str, int] = {}
    copied: dict[str, str] = {}
    for slot, cs in by_slot.items():
        cs.sort(key=_ORDER)
        normed = [_norm(c.quote) for c in cs]  # each claim's sentence normalised once
        sentences = sorted(set(normed))
        group_of = dict(zip(sentences, _similar(sentences)))
        # sources linked by a shared sentence form one voice: a voice is a set of sentence groups
        # joined by the sources that gave sentences in more than one of them
        first_source: dict[int, str] = {}  # each group → the first source to give it
        home: dict[str, int] = {}  # each source → the first group it gave
        voices = _Links(len(sentences))
        for n, c in zip(normed, cs):
            g = group_of[n]
            first = first_source.setdefault(g, c.source)
            if first != c.source:
                copied[c.id] = first
            h = home.setdefault(c.source, g)
            if h != g:
                voices.link(h, g)
        counts[slot] = len({voices.find(g) for g in home.values()})
    return counts, copied
