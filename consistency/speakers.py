"""One name per speaker across the corpus.

Outlets spell the same person differently (Zelenskyy / Zelenskiy / Zelensky)
and refer to them by surname after the first mention ("Tusk"). Findings group
claims by speaker, so these must collapse to one canonical name: aliases from
the vocabulary first, then surname → full name within the same source, then
fuzzy matching of full names across sources (rapidfuzz).
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz, process

_SIMILAR = 85.0


def canonical_names(mentions: list[tuple[str, str]], aliases: dict[str, str]) -> dict[tuple[str, str], str]:
    """Map each (source id, name as found) to its canonical spelling."""
    # a spelling's alias, and whether it is a full name or a lone surname, once per spelling: a corpus
    # mentions the same few people over and over
    spelt = {found: aliases.get(found.lower(), found) for found in {found for _, found in mentions}}
    words = {name: len(name.split()) if name[:1].isupper() else 0 for name in set(spelt.values())}
    counts = Counter(spelt[found] for _, found in mentions)
    full_by_source: dict[str, set[str]] = {}
    for source_id, found in mentions:
        name = spelt[found]
        if words[name] > 1:
            full_by_source.setdefault(source_id, set()).add(name)
    # cluster multi-word capitalised names by fuzzy similarity; most frequent spelling wins
    full = sorted({n for names in full_by_source.values() for n in names}, key=lambda n: (-counts[n], n))
    canon: dict[str, str] = {}
    heads: list[str] = []
    lowered: list[str] = []  # the heads in lower case, searched in C
    for name in full:
        head = _first_same_person(name, heads, lowered)
        if head is None:
            heads.append(name)
            lowered.append(name.lower())
        canon[name] = head or name
    out: dict[tuple[str, str], str] = {}
    everyone = _Surnames(full)  # made once, not once per surname looked up
    for source_id, found in mentions:
        name = spelt[found]
        if name in canon:
            out[(source_id, found)] = canon[name]
            continue
        if words[name] == 1:
            expanded = _expand_surname(name, full_by_source.get(source_id, set())) or everyone.expand(name)
            if expanded:
                out[(source_id, found)] = canon.get(expanded, expanded)
                continue
        out[(source_id, found)] = name
    return out


def _first_same_person(name: str, heads: list[str], lowered: list[str]) -> str | None:
    """The first head that is `name`'s person: the heads whose full names
    are close enough are found in C (a corpus may name thousands of
    people), and only their surnames compared here."""
    close = process.extract(name.lower(), lowered, scorer=fuzz.ratio, score_cutoff=_SIMILAR, limit=None)
    return next((heads[k] for k in sorted(k for _, _, k in close) if _same_person(name, heads[k])), None)


def _same_person(a: str, b: str) -> bool:
    """Same surname (fuzzily) and compatible first names."""
    sa, sb = a.split(), b.split()
    if fuzz.ratio(sa[-1].lower(), sb[-1].lower()) < _SIMILAR:
        return False
    return fuzz.ratio(a.lower(), b.lower()) >= _SIMILAR


def _expand_surname(surname: str, names: set[str]) -> str | None:
    """The first full name (alphabetically) whose surname is this one, fuzzily."""
    return min((n for n in names if fuzz.ratio(n.split()[-1].lower(), surname.lower()) >= _SIMILAR), default=None)


class _Surnames:
    """`_expand_surname` over every full name in the corpus: the surnames
    split once and searched in C, each surname looked up once, as a corpus
    names far fewer people than it has mentions of them."""

    def __init__(self, names: list[str]) -> None:
        self.names = sorted(names)
        self.surnames = [n.split()[-1].lower() for n in self.names]
        self.found: dict[str, str | None] = {}

    def expand(self, surname: str) -> str | None:
        if surname not in self.found:
            hits = process.extract(surname.lower(), self.surnames, scorer=fuzz.ratio, score_cutoff=_SIMILAR,
                                   limit=None)
            self.found[surname] = self.names[min(k for _, _, k in hits)] if hits else None
        return self.found[surname]
