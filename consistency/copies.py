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


def _norm(text: str) -> str:
    return re.sub(r"[^\w%$€£]+", " ", text.lower()).strip()


def independent(claims: list[Claim]) -> tuple[dict[str, int], dict[str, str]]:
    """(slot → number of independent sources, claim id → id of the source
    whose text it copies), for claims grouped by slot."""
    by_slot: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_slot[c.slot].append(c)
    counts: dict[str, int] = {}
    copied: dict[str, str] = {}
    for slot, cs in by_slot.items():
        sentences = sorted({_norm(c.quote) for c in cs})
        index = {s: i for i, s in enumerate(sentences)}
        parent = list(range(len(sentences)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        if 1 < len(sentences) <= MAX_FUZZY:
            for i, sentence in enumerate(sentences):
                for _, _, j in process.extract(sentence, sentences[i + 1:], scorer=fuzz.ratio,
                                               score_cutoff=SIMILAR, limit=None):
                    parent[find(i + 1 + j)] = find(i)
        # sources linked by a shared sentence form one voice
        src_parent: dict[str, str] = {c.source: c.source for c in cs}

        def sfind(s: str) -> str:
            while src_parent[s] != s:
                s = src_parent[s]
            return s

        first_by_group: dict[int, Claim] = {}
        for c in sorted(cs, key=lambda c: (c.source, c.line, c.offset)):
            g = find(index[_norm(c.quote)])
            first = first_by_group.get(g)
            if first is None:
                first_by_group[g] = c
            elif first.source != c.source:
                copied[c.id] = first.source
                a, b = sfind(first.source), sfind(c.source)
                if a != b:
                    src_parent[max(a, b)] = min(a, b)
        counts[slot] = len({sfind(s) for s in src_parent})
    return counts, copied
