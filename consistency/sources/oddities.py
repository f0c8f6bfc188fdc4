"""Figures that cannot be read as written, in any source's text.

A bidi control beside a digit (`4\u200e0`, `\u202e04\u202c`) makes a reader
see one number while the text holds another: the checker read `4‎0` as 0,
and an override shows "40" where the text says "04". A run of a hundred
digits or more is no figure anyone reports (a 400-digit "number" read as
infinity). The sentences holding either are set apart (`segment.bounded`
marks them `garbled`, so they give no claims) and the source says where
(`warnings`), so the report never takes a value a person reads otherwise.
"""

from __future__ import annotations

import re
import unicodedata

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LONG_NUMBER_DIGITS = 100
GARBLED = re.compile(rf"\d(?:[,.]?\d){{{LONG_NUMBER_DIGITS - 1},}}|[{BIDI}]+\d|\d[{BIDI}]+")


def may_hold(text: str) -> bool:
    """Whether GARBLED can match: a bidi control is not ASCII, and a long
    number needs that many digits in a row."""
    return not text.isascii() or _DIGIT_RUN.search(text) is not None


_DIGIT_RUN = re.compile(r"\d{%d}" % (LONG_NUMBER_DIGITS // 2))  # found at memory speed: no match tried per digit


def warnings(text: str, line_of: object = None) -> list[str]:
    """One line per garbled figure, naming its line (`line_of(line)` turns a
    line of the text into the file's, as Source.file_line does)."""
    if not may_hold(text):
        return []
    out = []
    for m in GARBLED.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        shown = line_of(line) if callable(line_of) else line
        found = m.group(0)
        controls = sorted({c for c in found if c in BIDI})
        if controls:
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'BIDI CONTROL')}" for c in controls)
            out.append(f"line {shown}: a bidi control ({names}) touches a figure, so a reader may see another number "
                       "than the text holds; its sentence was not read (remove the control character)")
        else:
            out.append(f"line {shown}: a number of {sum(c.isdigit() for c in found)} digits is no figure; "
                       "its sentence was not read")
    return out


SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the halves it can; the rest are lone


def has_surrogate(text: str) -> bool:
    """Whether the text holds a lone surrogate, which UTF-8 cannot encode
    (decoded text never does: a JSON escape, YAML or a file name's byte can)."""
    return not text.isascii() and SURROGATE.search(text) is not None


def first_surrogate(text: str) -> int:
    m = SURROGATE.search(text)
    return -1 if m is None else m.start()


def without_surrogates(text: str) -> str:
    """A name or message with each lone surrogate written out: a file name's
    undecodable byte (`\\udcff`, as Python reads it) as `\\xff`, others
    as `\\ud800`, so names that differ only there stay apart."""
    return SURROGATE.sub(_written, text)


def _written(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else f"\\u{code:04x}"
