"""ASCII text folded for word tests: word characters lower-cased, every
other character a space, one character for one (so offsets hold).

On ASCII text `\\w` is `[A-Za-z0-9_]` and lower-casing is one character for
one, so `fold(text).split()` are exactly the lower-cased runs of `\\w` that a
`\\w+` pattern finds, in order, and a run `w` starts at offset `i` exactly
when `" " + fold(text) + " "` has `" w "` at `i`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FOLD = str.maketrans({chr(i): (chr(i).lower() if re.fullmatch(r"\w", chr(i)) else " ") for i in range(128)})


def fold(text: str) -> str:
    """The folded form of an ASCII text (other characters pass unchanged)."""
    return text.translate(FOLD)


def ascii_words(text: str) -> set[str]:
    """The lower-case words (runs of `\\w`) of an ASCII text."""
    return set(text.translate(FOLD).split())


# id of a table → (the table, kept alive so its id stays its own; whether it
# leaves ASCII alone; the substitution)
_CHAR_FOLDS: dict[int, tuple[dict[int, str], bool, Callable[[str], str]]] = {}


def translate_chars(text: str, table: dict[int, str]) -> str:
    """`text.translate(table)` for a table that maps single characters to
    single characters, by a substitution over only the characters in the
    table: `str.translate` with a non-ASCII table looks every character of
    the text up, ten times slower on news text where few characters fold."""
    got = _CHAR_FOLDS.get(id(table))
    if got is None or got[0] is not table:
        to = {chr(c): v for c, v in table.items()}
        pattern = re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]")
        got = _CHAR_FOLDS[id(table)] = (table, all(c >= 128 for c in table),
                                        lambda s: pattern.sub(lambda m: to[m.group()], s))
    if got[1] and text.isascii():
        return text
    return got[2](text)


def word_starts(found: list[int], folded: str, present: set[str] | frozenset[str]) -> list[int]:
    """`found` plus where each of the `present` words starts as a whole word
    of the sentence, found in its fold padded with a space each side; sorted,
    without repeats."""
    if not present:
        return found
    for w in present:
        needle = f" {w} "
        i = folded.find(needle)
        while i >= 0:
            found.append(i)  # the padding shifts by one: folded[i + 1] is sentence[i]
            i = folded.find(needle, i + 1)
    return sorted(set(found))
