"""`json.dumps(obj, indent=2, ensure_ascii=False)`, the same text, faster.

With `indent`, the standard library gives up its C encoder for a chain of
Python generators, one per container, which was most of the time it took to
write a large report. This walks the document once, appending to one list,
with strings still escaped by the standard library's C function. Anything
it was not written for (keys that are not strings, values that are not
JSON's own types, a container holding itself) goes to `json.dumps`, so the
answer, or the error, is always the standard library's.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_INF = float("inf")


class _Unusual(Exception):
    """A value this encoder leaves to `json.dumps`."""


def dumps(obj: Any) -> str:
    """`json.dumps(obj, indent=2, ensure_ascii=False)`."""
    out: list[str] = []
    try:
        _value(obj, out, "\n")
    except (_Unusual, RecursionError):
        return json.dumps(obj, indent=2, ensure_ascii=False)
    return "".join(out)


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _scalar(v: Any) -> str | None:
    """The text of a value that is not a container, or None for a container."""
    if isinstance(v, str):
        return encode_basestring(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, (list, tuple, dict)):
        return None
    raise _Unusual


def _value(o: Any, out: list[str], nl: str) -> None:
    """Append `o`, whose first line is already placed; `nl` is a newline and
    the indentation of the line `o` starts on."""
    text = _scalar(o)
    if text is not None:
        out.append(text)
        return
    inner = nl + "  "
    if isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        sep = "{" + inner
        for k, v in o.items():
            if not isinstance(k, str):
                raise _Unusual  # json.dumps turns numbers, booleans and None into keys its own way
            text = _scalar(v)
            if text is not None:
                out.append(f"{sep}{encode_basestring(k)}: {text}")
            else:
                out.append(f"{sep}{encode_basestring(k)}: ")
                _value(v, out, inner)
            sep = "," + inner
        out.append(nl + "}")
        return
    if not o:
        out.append("[]")
        return
    sep = "[" + inner
    for v in o:
        text = _scalar(v)
        if text is not None:
            out.append(sep + text)
        else:
            out.append(sep)
            _value(v, out, inner)
        sep = "," + inner
    out.append(nl + "]")
