"""A cache of what each source file yields, so re-checking an unchanged
corpus costs almost nothing.

Extraction is a pure function of the file's bytes, its path, its folder's
`sources.yaml`, the rules and vocabulary, the size limit and this tool's
version; the cache key is a hash of all of them, so any change to any of
them is a miss, never a stale hit. Entries are JSON, not pickles: a cache
file is data, and a corrupt or foreign one is set aside and rebuilt, never
trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from consistency import __version__
from consistency.model import Claim
from consistency.sources import SIDECAR, Source
from consistency.values import Category, DateSpan, Interval, Quantity, Value

SCHEMA = "consistency-claims-cache/2"
Result = tuple[list[Source], list[Claim], set[tuple[str, str]]]


class Cache:
    """One SQLite file under `.consistency-cache/`."""

    def __init__(self, folder: Path, rules_key: str):
        self.path = folder / "claims.sqlite"
        self.rules_key = rules_key
        self.note = ""  # what happened to a bad cache file, for the summary
        folder.mkdir(parents=True, exist_ok=True)
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path)
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, body TEXT)")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                if db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]:
                    raise sqlite3.DatabaseError("entries without a schema")
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                db.commit()
            elif row[0] != SCHEMA:
                raise sqlite3.DatabaseError(f"schema {row[0]!r}")
            return db
        except sqlite3.DatabaseError as exc:
            return self._rebuild(str(exc))

    def _rebuild(self, why: str) -> sqlite3.Connection:
        aside = self.path.with_name(self.path.name + ".bad")
        self.path.replace(aside)
        self.note = f"cache {self.path} was not usable ({why}); set aside as {aside.name} and rebuilt"
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
        db.commit()
        return db

    def key(self, path: Path, shown: str, max_bytes: int) -> str | None:
        """The file's cache key, or None when it cannot be read (no caching)."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        h = hashlib.sha256()
        for part in (__version__, self.rules_key, shown, str(max_bytes)):
            h.update(part.encode("utf-8") + b"\0")
        h.update(raw)
        sidecar = path.parent / SIDECAR
        if sidecar.is_file():
            h.update(b"\0sidecar\0" + sidecar.read_bytes())
        return h.hexdigest()

    def get(self, key: str) -> Result | None:
        row = self.db.execute("SELECT body FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return _load(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            self.db.execute("DELETE FROM entries WHERE key = ?", (key,))
            return None

    def put(self, key: str, result: Result) -> None:
        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, json.dumps(_dump(result))))

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def rules_key(slots: list[Any], vocab: Any) -> str:
    """A hash of everything in the rules that extraction depends on."""
    body = json.dumps([[s.model_dump(mode="json") for s in slots], repr(vocab)], sort_keys=True, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


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


_SOURCE_FIELDS = ("id", "path", "text", "published_from", "errors", "warnings", "title", "outlet", "url",
                  "author", "encoding", "line_base", "one_line")
_CLAIM_FIELDS = ("slot", "source", "line", "offset", "quote", "surface", "attributed_to", "note", "as_of_note",
                 "period_note")


def _dump(result: Result) -> dict[str, Any]:
    sources, claims, mentioned = result
    return {
        "sources": [{**{f: getattr(s, f) for f in _SOURCE_FIELDS},
                     "published": s.published.isoformat() if s.published else None,
                     "article_date": s.article_date.isoformat() if s.article_date else None} for s in sources],
        "claims": [{**{f: getattr(c, f) for f in _CLAIM_FIELDS}, "value": _value(c.value),
                    "as_of": _span(c.as_of), "period": _span(c.period)} for c in claims],
        "mentioned": sorted(mentioned),
    }


def _load(d: dict[str, Any]) -> Result:
    sources = []
    for s in d["sources"]:
        src = Source(**{f: s[f] for f in _SOURCE_FIELDS})
        src.published = dt.date.fromisoformat(s["published"]) if s["published"] else None
        src.article_date = dt.date.fromisoformat(s["article_date"]) if s["article_date"] else None
        sources.append(src)
    claims = [Claim(**{f: c[f] for f in _CLAIM_FIELDS}, value=_unvalue(c["value"]), as_of=_unspan(c["as_of"]),
                    period=_unspan(c["period"])) for c in d["claims"]]
    return sources, claims, {(a, b) for a, b in d["mentioned"]}
