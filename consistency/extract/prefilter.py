"""Cheap tests that spare most sentences the extractors' regular expressions.

Python's `re` tries a pattern like a trigger list or the number grammar at
every character of a sentence, and that, not the arithmetic after a match,
was most of the cost of extraction. Most sentences cannot match at all, and
for ASCII text (nearly all of it, once `Source.match_text` has folded
typographic quotes and dashes) that is decided from the sentence's set of
lower-case words: one `str.translate` of the whole document and a
`str.split` per sentence.

On ASCII text `\\w` is `[A-Za-z0-9_]`, lower-casing is one character for
one, and ignoring case is ASCII case folding, so a plain phrase (see
`consistency.rules.phrases`) can only match where each of its whole words is
a word of the sentence. A single word, or a single word stem (`member*`),
matches exactly when the sentence has such a word, and needs no search at
all. Anything these tests cannot settle exactly (non-ASCII text or phrases,
RE2 patterns) runs the pattern as before, so every answer is the pattern's.
"""

from __future__ import annotations

import re
from typing import Iterable

from consistency.extract.fold import FOLD
from consistency.extract.numbers import NUMBER_WORDS, vague_words
from consistency.rules import compile_phrases
from consistency.rules.phrases import Pattern
from consistency.segment import Segment
from consistency.vocab import Vocabulary

_SIMPLE_WORD = re.compile(r"\w+")
_SIMPLE_STEM = re.compile(r"\w+\*")


def phrase_words(phrase: str) -> frozenset[str] | None:
    """Lower-case words every match of a plain ASCII phrase has as whole
    words of the text, or None when the phrase is not one (`re:` or not
    ASCII). A word ending in `*` is a stem: its last run is only the start of
    a word, so it is left out."""
    if phrase.startswith("re:") or not phrase.isascii():
        return None
    out: set[str] = set()
    for w in phrase.split():
        runs = _SIMPLE_WORD.findall(w.rstrip("*"))
        if w.endswith("*") and runs:
            runs.pop()
        out.update(r.lower() for r in runs)
    return frozenset(out)


class DocumentWords:
    """Each segment's word set, from one fold of the whole document; None
    for a segment that is not ASCII (its tests then run the patterns).

    Made for all segments at once, as lists indexed like them: nearly every
    sentence is looked up (for its candidate slots), and a list index costs
    less than a memo's lookups at each of the tens of calls per sentence."""

    def __init__(self, text: str, segments: list[Segment]):
        # " " + the segment's folded text + " ": a word w starts at offset i
        # exactly where " w " is found at i (see consistency.extract.fold)
        padded: list[str | None]
        if text.isascii():
            folded = text.translate(FOLD)
            padded = [f" {folded[seg.start:seg.end]} " for seg in segments]
        else:
            padded = [f" {seg.text.translate(FOLD)} " if seg.text.isascii() else None for seg in segments]
        self.padded: list[str | None] = padded
        self.sets: list[set[str] | None] = [None if p is None else set(p.split()) for p in padded]
        self.found: dict[PhraseTest, list[bool | None]] = {}  # test → segment index → whether it matches

    def of(self, seg: Segment) -> set[str] | None:
        return self.sets[seg.index]

    def fold(self, seg: Segment) -> tuple[str, set[str]] | None:
        """For an ASCII segment, its folded text padded with a space each
        side and its word set, as the extractors make them for themselves
        (`" " + text.translate(FOLD) + " "`); None for another."""
        padded = self.padded[seg.index]
        return None if padded is None else (padded, self.sets[seg.index])  # type: ignore[return-value]

    def in_context(self, tests: list[PhraseTest], window: int, segments: list[Segment], index: int) -> bool:
        """Every context test (a slot's `context` groups, as phrase tests)
        passes within `window` sentences either side of segment `index`;
        each segment is tested once per group however many sentences'
        windows it falls in. The sentence itself is tried first, then its
        neighbours outwards: the answer is the same, and the words are most
        often in the sentence itself."""
        found = self.found
        for test in tests:
            seen = found.get(test)
            if seen is None:
                seen = found[test] = [None] * len(segments)
            hit = seen[index]
            if hit is None:
                hit = seen[index] = test.search(segments[index].text, self.sets[index], self.padded[index])
            if not hit and not (window and self._near(test, seen, window, segments, index)):
                return False
        return True

    def _near(self, test: PhraseTest, seen: list[bool | None], window: int, segments: list[Segment],
              index: int) -> bool:
        """Whether `test` passes in a neighbour of segment `index` within
        `window`, nearest first, filling in `seen` (segment → its answer)."""
        sets, padded = self.sets, self.padded
        n = len(segments)
        for d in range(1, window + 1):
            j = index - d
            if j >= 0:
                hit = seen[j]
                if hit is None:
                    hit = seen[j] = test.search(segments[j].text, sets[j], padded[j])
                if hit:
                    return True
            j = index + d
            if j < n:
                hit = seen[j]
                if hit is None:
                    hit = seen[j] = test.search(segments[j].text, sets[j], padded[j])
                if hit:
                    return True
        return False


class PhraseTest:
    """Whether `compile_phrases(phrases)` has a match in a text, answered
    from the text's word set where that is exact."""

    def __init__(self, phrases: Iterable[str]):
        phrases = list(phrases)
        self.pattern: Pattern | None = compile_phrases(phrases)
        self.opaque = any(p.startswith("re:") for p in phrases)  # one RE2 pattern: always run it
        self.exact: frozenset[str] = frozenset(p.lower() for p in phrases if p.isascii() and _SIMPLE_WORD.fullmatch(p))
        self.stems = tuple(p[:-1].lower() for p in phrases if p.isascii() and _SIMPLE_STEM.fullmatch(p))
        self.stem_starts = tuple(" " + stem for stem in self.stems)
        rest = []
        for p in phrases:
            if p.isascii() and (_SIMPLE_WORD.fullmatch(p) or _SIMPLE_STEM.fullmatch(p)):
                continue
            need = phrase_words(p)
            rest.append((need or frozenset(), compile_phrases([p]), phrase_starts([p])))
        # each other phrase: the words a match needs, its pattern, and where
        # its matches can start in ASCII text (None: anywhere)
        self.rest: list[tuple[frozenset[str], Pattern, Starts | None]] = rest  # type: ignore[assignment]

    def search(self, text: str, words: set[str] | None, padded: str | None = None) -> bool:
        """`words`: the word set of an ASCII text (None for other text);
        `padded`, if given: a space and the folded text, where a word
        starting with a stem is the stem with a space before it. (With no
        phrases, `exact`, `stems` and `rest` are empty and the answer is
        False without a test of its own.)"""
        if words is None or self.opaque:
            return self.pattern is not None and self.pattern.search(text) is not None
        if not words.isdisjoint(self.exact):
            return True
        if self.stems:
            if padded is not None:
                for start in self.stem_starts:
                    if start in padded:
                        return True
            elif any(w.startswith(self.stems) for w in words):
                return True
        if padded is not None and padded[-1] != " ":
            padded = None  # not padded at its end: a last word has no space after it to be found by
        for need, pattern, starts in self.rest:
            if need <= words and (pattern.search(text) if starts is None or padded is None
                                  else found_from_starts(pattern, text, starts, padded)):
                return True
        return False


_TESTS: dict[tuple[str, ...], PhraseTest] = {}


def phrase_test(phrases: Iterable[str]) -> PhraseTest:
    """The test for a phrase list, built once per distinct list."""
    key = tuple(phrases)
    got = _TESTS.get(key)
    if got is None:
        got = _TESTS[key] = PhraseTest(key)
    return got


_ASCII_DIGIT = re.compile("[0-9]")


def may_hold_numbers(text: str, words: set[str] | None, vocab: Vocabulary) -> bool:
    """False only when `scan_numbers` would find nothing in this ASCII text
    (`words` its word set): every figure has a digit or starts with a number
    word, and a vague quantity needs all the words of its phrase."""
    if words is None or _ASCII_DIGIT.search(text) or not words.isdisjoint(NUMBER_WORDS):
        return True
    needs = vague_words(vocab)
    if needs is None:
        return True
    if not (_VAGUE_KEYS and _VAGUE_KEYS[0][0] is needs):
        keys = frozenset(max(sorted(need), key=len) for need in needs) if all(needs) else None
        _VAGUE_KEYS[:] = [(needs, keys)]
    keys = _VAGUE_KEYS[0][1]
    if keys is not None and keys.isdisjoint(words):
        return False  # not one phrase's longest word (`several`, `few`, `dozens`): no phrase is whole
    return any(need <= words for need in needs)


# the vague phrases' words last asked for, and the longest word of each
# (None when a phrase has no word: it is in every sentence)
_VAGUE_KEYS: list[tuple[list[frozenset[str]], frozenset[str] | None]] = []


# The words scan_numbers needs to give a mention of a kind other than a
# plain number, as whole words of an ASCII sentence: a percentage needs `%`
# or one of numbers._PCT's words (`per cent`, `percent`, `percentage
# points`), a duration a word of numbers._DUR after its figure.
_PERCENT_WORDS = frozenset({"percent", "cent", "percentage"})
_DURATION_WORDS = frozenset(w + s for w in ("hour", "day", "week", "month", "year", "decade") for s in ("", "s"))
_CURRENCY_KEYS: list[tuple[Vocabulary, tuple[str, ...]]] = []  # the vocabulary last asked for, its keys
_AS_ASCII = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})  # what `re.I` matches them to


def may_hold_kind(kind: str, text: str, words: set[str] | None, vocab: Vocabulary) -> bool:
    """False only when `scan_numbers` would find no mention of this kind
    (`percent`, `money`, `duration`) in this ASCII text (`words`, its word
    set; None for other text, which is never ruled out). A sentence that a
    percentage slot wants for its trigger words often holds figures, but
    seldom a `%`: it is then spared the scan, the costliest step of a
    sentence."""
    if words is None:
        return True
    if kind == "percent":
        return "%" in text or not words.isdisjoint(_PERCENT_WORDS)
    if kind == "duration":
        return not words.isdisjoint(_DURATION_WORDS)
    if kind == "money":
        low = text.lower()  # the currency a money mention names is one of these, in any case
        return any(key in low for key in _currency_keys(vocab))
    return True


def _currency_keys(vocab: Vocabulary) -> tuple[str, ...]:
    """The currency signs, codes and words of the vocabulary, lower case,
    as ASCII text can hold them: numbers' grammar matches them ignoring
    case, under which only four non-ASCII letters match ASCII ones (ſ, ı,
    İ, the Kelvin sign); a word with any other cannot occur in ASCII text."""
    if _CURRENCY_KEYS and _CURRENCY_KEYS[0][0] is vocab:
        return _CURRENCY_KEYS[0][1]
    written = {w.translate(_AS_ASCII).lower() for code, ws in vocab.currencies.items() for w in (code, *ws)}
    keys = tuple(sorted(w for w in written if w.isascii()))
    _CURRENCY_KEYS[:] = [(vocab, keys)]
    return keys


_FIRST_RUN = re.compile(r"\w+")
# where a phrase list's matches can start: first words, and stems
Starts = tuple[frozenset[str], tuple[str, ...]]
_STARTS: dict[tuple[str, ...], Starts | None] = {}


def phrase_starts(phrases: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """How the matches of `compile_phrases(phrases)` start in ASCII text:
    at a word equal to one of the first set (a phrase's first word) or
    beginning with one of the stems (`defen*`), as `\\\\b` opens every plain
    phrase that starts with a word character. None when a phrase is not one
    of those (`re:`, not ASCII, or starting with punctuation)."""
    key = tuple(phrases)
    if key in _STARTS:
        return _STARTS[key]
    exact: set[str] = set()
    stems: list[str] = []
    got: tuple[frozenset[str], tuple[str, ...]] | None = None
    for p in key:
        head = _FIRST_RUN.match(p)
        if p.startswith("re:") or not p.isascii() or head is None:
            break
        if p[head.end():head.end() + 1] == "*":
            stems.append(head.group(0).lower())
        else:
            exact.add(head.group(0).lower())
    else:
        got = (frozenset(exact), tuple(stems))
    _STARTS[key] = got
    return got


def spans_from_starts(pattern: Pattern, text: str, starts: tuple[frozenset[str], tuple[str, ...]],
                      padded: str, words: set[str]) -> list[tuple[int, int]]:
    """The non-empty matches `pattern.finditer(text)` gives, for an ASCII
    text (`padded`: a space, its folded form, a space; `words`: its word
    set), trying the pattern only where a match can start (phrase_starts)
    and, like finditer, never inside the previous match."""
    exact, stems = starts
    present = exact.intersection(words)
    if not stems:
        if not present:
            return []  # no phrase's first word in the text: most rival lists, for most sentences
        if len(present) == 1:
            (word,) = present
            return _spans_at_word(pattern, text, padded, f" {word} ")
    at: list[int] = []
    for w in present:
        needle = f" {w} "
        i = padded.find(needle)
        while i >= 0:
            at.append(i)  # padded[i + 1] is text[i]
            i = padded.find(needle, i + 1)
    for stem in stems:
        needle = " " + stem
        i = padded.find(needle)
        while i >= 0:
            at.append(i)
            i = padded.find(needle, i + 1)
    if len(at) > 1:
        at = sorted(set(at))
    out: list[tuple[int, int]] = []
    pos = 0
    for i in at:
        if i < pos:
            continue
        m = pattern.match(text, i)
        if m is not None and m.end() > m.start():
            out.append((m.start(), m.end()))
            pos = m.end()
    return out


def _spans_at_word(pattern: Pattern, text: str, padded: str, needle: str) -> list[tuple[int, int]]:
    """spans_from_starts where one word (`needle`: it between spaces) starts
    every match, as for most trigger and rival lists in most sentences: its
    places, found left to right, are in order already, so the pattern is
    tried at each as it is found, with no list of places to sort."""
    out: list[tuple[int, int]] = []
    pos = 0
    i = padded.find(needle)
    while i >= 0:
        if i >= pos:
            m = pattern.match(text, i)
            if m is not None:
                a, b = m.span()
                if b > a:
                    out.append((a, b))
                    pos = b
        i = padded.find(needle, i + 1)
    return out


def found_from_starts(pattern: Pattern, text: str, starts: tuple[frozenset[str], tuple[str, ...]],
                      padded: str) -> bool:
    """Whether `pattern.search(text)` finds a match, for an ASCII text
    (`padded`: a space, its folded form, a space: each word of it then has
    a space either side) and a pattern whose
    matches start only where phrase_starts says (`starts`): the pattern is
    tried at those places alone. A search tries it at every character (a
    phrase's first letter, case ignored, is common), which cost more than
    the few places the phrase's first word or stem has. (No phrase pattern
    matches the empty string: each begins with a word character.)"""
    exact, stems = starts
    for needle in [f" {w} " for w in exact] + [" " + stem for stem in stems]:
        i = padded.find(needle)
        while i >= 0:
            if pattern.match(text, i) is not None:  # padded[i + 1] is text[i]
                return True
            i = padded.find(needle, i + 1)
    return False
