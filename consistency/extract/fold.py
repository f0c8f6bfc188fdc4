"""ASCII text folded for word tests: word characters lower-cased, every
other character a space, one character for one (so offsets hold).

On ASCII text `\\w` is `[A-Za-z0-9_]` and lower-casing is one character for
one, so `fold(text).split()` are exactly the lower-cased runs of `\\w` that a
`\\w+` pattern finds, in order, and a run `w` starts at offset `i` exactly
when `" " + fold(text) + " "` has `" w "` at `i`.
"""

from __future__ import annotations

import re

FOLD = str.maketrans({chr(i): (chr(i).lower() if re.fullmatch(r"\w", chr(i)) else " ") for i in range(128)})


def fold(text: str) -> str:
    """The folded form of an ASCII text (other characters pass unchanged)."""
    return text.translate(FOLD)


def ascii_words(text: str) -> set[str]:
    """The lower-case words (runs of `\\w`) of an ASCII text."""
    return set(text.translate(FOLD).split())
