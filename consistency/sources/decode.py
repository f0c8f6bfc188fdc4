"""Bytes → text, saying how.

Saved pages and exports come in every encoding. A byte-order mark decides
first, then strict UTF-8, then charset-normalizer's best guess; the report
says which was used when it was not plain UTF-8, because a guess can be
wrong. Invisible characters that only break words (soft hyphens, zero-width
spaces) are dropped, and line ends become `\\n`.
"""

from __future__ import annotations

import codecs
import re

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (byte-order mark)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (byte-order mark)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (byte-order mark)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (byte-order mark)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (byte-order mark)"),
]
_BOM_FIRST = frozenset(bom[:1] for bom, _, _ in _BOMS)
_PREFERRED = ["cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman"]
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


class DecodeError(ValueError):
    pass


def decode(raw: bytes) -> tuple[str, str]:
    """(text, how it was decoded: "" for plain UTF-8). DecodeError when the
    bytes are not text."""
    if raw[:1] in _BOM_FIRST:  # most files have no mark: one test rather than five
        for bom, codec, how in _BOMS:
            if raw.startswith(bom):
                try:
                    return clean(raw[len(bom):].decode(codec)), how
                except UnicodeDecodeError as exc:
                    raise DecodeError(f"{how} but not valid after byte {exc.start}") from None
    if raw.find(b"\x00", 0, 8192) >= 0:  # not `in raw[:8192]`, which copies up to 8 KB first
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        raise DecodeError("looks binary (NUL bytes); only text sources are read")
    try:
        return clean(raw.decode("utf-8")), ""
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for text that is not UTF-8: 8 ms to import

    results = from_bytes(raw)
    best = results.best()
    if best is None or best.encoding is None:
        raise DecodeError("not text in any encoding charset-normalizer knows; re-save it as UTF-8")
    # equally good guesses (cp1250 and cp1252 often tie on English with a few accents):
    # prefer the Western encodings most text that is not UTF-8 is written in
    ties = [m for m in results if m.chaos == best.chaos and m.coherence == best.coherence]
    best = min(ties, key=lambda m: (_PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED)))
    return clean(str(best)), f"{best.encoding} (guessed by charset-normalizer)"


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without its byte-order mark (Windows tools do): Latin
    text in it has a NUL in every other byte, on the same side. Taken as
    UTF-16 when nearly all of one side's bytes are NUL and almost none of
    the other's, and the whole decodes to text without control characters
    (a binary file's NULs fall on both sides)."""
    head = raw[:8192]
    if len(raw) % 2 or len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec, name in ((odd, even, "utf-16-le", "UTF-16 LE"), (even, odd, "utf-16-be", "UTF-16 BE")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None
            if _CONTROL.search(text):
                return None
            return clean(text), f"{name} (no byte-order mark; told by its NUL bytes)"
    return None


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff]")  # not in text (tab, line ends and form feeds are)


def clean(text: str) -> str:
    """Substring tests first: they run at memory speed and most texts have
    neither carriage returns nor invisible characters, which a regular
    expression would scan for character by character."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and any(map(text.__contains__, _INVISIBLE_CHARS)):
        text = _INVISIBLE.sub("", text)
    return text
