"""What the cache keeps of one file's result, as JSON: its sources'
metadata, warnings and dates, and its claims (not its text). Apart from
`cache` so that a re-run that re-emits its reports never imports the
values, claims and sources it does not read."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import orjson

from consistency.model import Claim
from consistency.sources import Source
from consistency.values import Category, DateSpan, Interval, Quantity, Value

Result = tuple[list[Source], list[Claim], set[tuple[str, str]]]


def _span(v: DateSpan | None) -> list[Any] | None:
    return None if v is None else _value(v)["d"]


def _unspan(d: list[Any] | None) -> DateSpan | None:
    return None if d is None else _unvalue({"d": d})  # type: ignore[return-value]


def _value(v: Value) -> dict[str, Any]:
    if isinstance(v, Category):
        return {"c": v.label}
    if isinstance(v, DateSpan):
        return {"d": [v.start.isoformat() if v.start else None, v.end.isoformat() if v.end else None,
                      v.approximate]}
    iv = v.interval
    return {"q": [iv.low, iv.high, iv.low_inclusive, iv.high_inclusive, v.unit, v.approximate]}


def _unvalue(d: dict[str, Any]) -> Value:
    if "c" in d:
        return Category(d["c"])
    if "d" in d:
        s, e, approx = d["d"]
        return DateSpan(dt.date.fromisoformat(s) if s else None, dt.date.fromisoformat(e) if e else None, approx)
    lo, hi, lo_in, hi_in, unit, approx = d["q"]
    return Quantity(Interval(lo, hi, lo_in, hi_in), unit, approx)


_SOURCE_FIELDS = ("id", "path", "published_from", "errors", "warnings", "title", "outlet", "url",
                  "author", "encoding", "line_base", "one_line")
_CLAIM_FIELDS = ("slot", "source", "line", "offset", "quote", "surface", "attributed_to", "note", "as_of_note",
                 "period_note")


def dump(result: Result) -> dict[str, Any]:
    sources, claims, mentioned = result
    return {
        "sources": [{**{f: getattr(s, f) for f in _SOURCE_FIELDS},
                     "published": s.published.isoformat() if s.published else None,
                     "article_date": s.article_date.isoformat() if s.article_date else None} for s in sources],
        "claims": [{**{f: getattr(c, f) for f in _CLAIM_FIELDS}, "value": _value(c.value),
                    "as_of": _span(c.as_of), "period": _span(c.period)} for c in claims],
        "mentioned": sorted(mentioned),
    }


def dumps(result: Result) -> str:
    """`dump` as JSON text, by orjson (8x the standard library's speed on
    a file's claims) when it writes the same data: it writes an infinite or
    NaN figure (a 400-digit number in a text) as null, which would read
    back as an open end, and refuses a lone surrogate (a JSONL `\\ud800`
    escape); json escapes both."""
    d = dump(result)
    bounds = [x for c in result[1] if isinstance(v := c.value, Quantity)
              for x in (v.interval.low, v.interval.high) if x is not None]
    if all(map(math.isfinite, bounds)):
        try:
            return orjson.dumps(d).decode()
        except TypeError:
            pass
    return json.dumps(d)


def loads(text: str) -> Result:
    """`load` of JSON text, by orjson unless it holds what only json reads (Infinity, NaN)."""
    try:
        d = orjson.loads(text)
    except orjson.JSONDecodeError:
        d = json.loads(text)
    return load(d)


def load(d: dict[str, Any]) -> Result:
    """The result an entry holds; TypeError or ValueError when any part of it
    is not of the type it was written as (a cache file is data: a `line`
    made text stopped the sort of every claim, an `errors` made a number the
    report, and the whole run with them)."""
    sources = []
    for s in d["sources"]:
        _check(s, _SOURCE_TYPES)
        src = Source(**{f: s[f] for f in _SOURCE_FIELDS})
        src.published = dt.date.fromisoformat(s["published"]) if s["published"] else None
        src.article_date = dt.date.fromisoformat(s["article_date"]) if s["article_date"] else None
        sources.append(src)
    ids = {s.id for s in sources}
    claims = []
    for c in d["claims"]:
        _check(c, _CLAIM_TYPES)
        if c["source"] not in ids:
            raise ValueError(f"a claim of source {c['source']!r}, which the entry does not hold")
        claims.append(Claim(**{f: c[f] for f in _CLAIM_FIELDS}, value=_unvalue(_shaped(c["value"])),
                            as_of=_unspan(_span_shaped(c["as_of"])), period=_unspan(_span_shaped(c["period"]))))
    mentioned = set()
    for pair in d["mentioned"]:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise TypeError("a mention is a pair of ids")
        mentioned.add((pair[0], pair[1]))
    return sources, claims, mentioned


_TEXT, _MAYBE_TEXT, _INT, _BOOL, _TEXTS = (str,), (str, type(None)), (int,), (bool,), (list,)
_SOURCE_TYPES = {"id": _TEXT, "path": _TEXT, "published_from": _TEXT, "errors": _TEXTS, "warnings": _TEXTS,
                 "title": _MAYBE_TEXT, "outlet": _MAYBE_TEXT, "url": _MAYBE_TEXT, "author": _MAYBE_TEXT,
                 "encoding": _TEXT, "line_base": _INT, "one_line": _BOOL, "published": _MAYBE_TEXT,
                 "article_date": _MAYBE_TEXT}
_CLAIM_TYPES = {"slot": _TEXT, "source": _TEXT, "line": _INT, "offset": _INT, "quote": _TEXT, "surface": _TEXT,
                "attributed_to": _MAYBE_TEXT, "note": _TEXT, "as_of_note": _TEXT, "period_note": _TEXT}


def _check(d: Any, types: dict[str, tuple[type, ...]]) -> None:
    if not isinstance(d, dict):
        raise TypeError("not a mapping")
    for name, allowed in types.items():
        v = d[name]
        if not isinstance(v, allowed) or (isinstance(v, bool) and bool not in allowed):
            raise TypeError(f"{name} is a {type(v).__name__}")
        if isinstance(v, list) and not all(isinstance(x, str) for x in v):
            raise TypeError(f"{name} holds what is not text")


def _shaped(v: Any) -> dict[str, Any]:
    """A value as `_value` writes it, or TypeError."""
    if not isinstance(v, dict) or len(v) != 1:
        raise TypeError("not a value")
    if "c" in v and isinstance(v["c"], str):
        return v
    if "d" in v:
        _span_shaped(v["d"])
        return v
    q = v.get("q")
    if (isinstance(q, list) and len(q) == 6 and all(_number_or_none(x) for x in q[:2])
            and all(isinstance(x, bool) for x in (q[2], q[3], q[5])) and isinstance(q[4], (str, type(None)))):
        return v
    raise TypeError("not a value")


def _number_or_none(x: Any) -> bool:
    return x is None or (isinstance(x, (int, float)) and not isinstance(x, bool))


def _span_shaped(d: Any) -> Any:
    if d is None:
        return None
    if (isinstance(d, list) and len(d) == 3 and all(isinstance(x, (str, type(None))) for x in d[:2])
            and isinstance(d[2], bool)):
        return d
    raise TypeError("not a span of days")
