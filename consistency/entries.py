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
    sources = []
    for s in d["sources"]:
        src = Source(**{f: s[f] for f in _SOURCE_FIELDS})
        src.published = dt.date.fromisoformat(s["published"]) if s["published"] else None
        src.article_date = dt.date.fromisoformat(s["article_date"]) if s["article_date"] else None
        sources.append(src)
    claims = [Claim(**{f: c[f] for f in _CLAIM_FIELDS}, value=_unvalue(c["value"]), as_of=_unspan(c["as_of"]),
                    period=_unspan(c["period"])) for c in d["claims"]]
    return sources, claims, {(a, b) for a, b in d["mentioned"]}
