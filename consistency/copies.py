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

from rapidfuzz import fuzz, process

from consistency.model import Claim

SIMILAR = 90.0
MAX_FUZZY = 3000  # distinct sentences per slot compared fuzzily; beyond that, exact repeats only


_NOT_WORD = re.compile(r"[^\w%$€£]+")
# the same for ASCII text: every character the pattern matches becomes a space
_ASCII_NOT_WORD = str.maketrans({chr(i): " " for i in range(128) if not re.fullmatch(r"[\w%$€£]", chr(i))})


def _norm(text: str) -> str:
    """Lower case, each run of other characters than word characters and
    % $ € £ one space, none at the ends."""
    if text.isascii():  # no character is both a word character and a space, so split() finds the same runs
        return " ".join(text.lower().translate(_ASCII_NOT_WORD).split())
    return _NOT_WORD.sub(" ", text.lower()).strip()


class _Groups:
    """Union-find: which items have been linked, directly or not."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def link(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=str)] = min(ra, rb, key=str)


def independent(claims: list[Claim]) -> tuple[dict[str, int], dict[str, str]]:
    """(slot → number of independent sources, claim id → id of the source
    whose text it copies), for claims grouped by slot."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    counts: dict[str, int] = {}
    copied: dict[str, str] = {}
    for slot, cs in by_slot.items():
        normed = [(_norm(c.quote), c) for c in cs]  # each claim's sentence normalised once
        sentences = sorted({n for n, _ in normed})
        index = {s: i for i, s in enumerate(sentences)}
        same_text = _Groups()
        if 1 < len(sentences) <= MAX_FUZZY:
            for i, sentence in enumerate(sentences):
                for _, _, j in process.extract(sentence, sentences[i + 1:], scorer=fuzz.ratio,
                                               score_cutoff=SIMILAR, limit=None):
                    same_text.link(i, i + 1 + j)
        # sources linked by a shared sentence form one voice
        voices = _Groups()
        first_by_group: dict[object, Claim] = {}
        for n, c in sorted(normed, key=lambda nc: (nc[1].source, nc[1].line, nc[1].offset)):
            voices.find(c.source)
            g = same_text.find(index[n])
            first = first_by_group.setdefault(g, c)
            if first.source != c.source:
                copied[c.id] = first.source
                voices.link(first.source, c.source)
        counts[slot] = len({voices.find(c.source) for c in cs})
    return counts, copied
