"""Every place an ASCII sentence's number or date phrase may start, found as
the scanners found them before they learnt to skip anchors that open no
match (`numbers._live_anchors`, `dates._live_anchors`): the reference the
property tests hold both the slow token-by-token anchors and the live ones
to."""

from __future__ import annotations

import importlib
import re

from consistency.extract.fold import FOLD, word_starts

numbers = importlib.import_module("consistency.extract.numbers")
dates = importlib.import_module("consistency.extract.dates")  # the package exports a function of that name
_DIGIT_START = re.compile(r"[0-9](?<!\w[0-9])")  # a digit starting a run of \w


def number_anchors(sentence: str, grammar: object, folded: str, words: set[str]) -> list[int]:
    """numbers._anchors for an ASCII sentence, from its fold (`folded`,
    padded with a space each side, and its word set)."""
    chars, anchor_words = numbers._ascii_anchor_finders(grammar.anchor_chars, grammar.anchor_words)  # type: ignore[attr-defined]
    found = [m.start() for m in chars.finditer(sentence)] if chars else []
    return word_starts(found, folded, anchor_words.intersection(words))


def date_anchors(sentence: str) -> list[int]:
    """dates._anchors for an ASCII sentence."""
    folded = " " + sentence.translate(FOLD) + " "
    found = [m.start() for m in _DIGIT_START.finditer(sentence)]
    return word_starts(found, folded, dates._ANCHOR_WORDS.intersection(folded.split()))
