"""A cache of what each source file yields, and of the last finished
reports, so re-checking an unchanged corpus costs almost nothing.

Extraction is a pure function of the file's bytes, its path, its folder's
`sources.yaml`, the rules and vocabulary, the size limit and this tool's
version; the cache key is a hash of all of them, so any change to any of
them is a miss, never a stale hit. An entry keeps what the report needs of
each source (its metadata, warnings, dates) and its claims, not its text.

Hashing a file means reading it; a file whose size, times, inode and
folder's `sources.yaml` are what they were when it was last hashed (and
that had not changed for STABLE_NS before: a write within the same clock
tick cannot hide) is taken to have the same key without reading it, as git
does with its index. A write changes the file's ctime, which no one can set
back, so a changed file is always read and hashed again.

A finished run (`outcome`) is kept under a hash of every file's key and of
everything else the reports depend on (the caller says what): an unchanged
corpus re-emits the same bytes without comparing or rendering again. Only
the last few are kept.

Entries are JSON, not pickles: a cache file is data, and a corrupt or
foreign one is set aside and rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

from consistency import __version__
from consistency.model import Claim
from consistency.sources import Source
from consistency.values import Category, DateSpan, Interval, Quantity, Value

SCHEMA = "consistency-claims-cache/3"  # 2: sources without their text, files' signatures, finished runs; 3: claims' as-of dates and periods
OUR_SCHEMAS = "consistency-claims-cache/"
STABLE_NS = 2_000_000_000  # a file changed less than this before it was hashed is hashed again next time
OUTCOMES_KEPT = 4  # finished runs kept (a few corpora or option sets checked in turn)
OUTCOME_MAX_BYTES = 512 * 1024 * 1024  # a run whose reports are larger is not kept (SARIF of a large corpus)
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
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables - {"meta"}:
                    raise sqlite3.DatabaseError("tables without a schema")
                _create(db)
            elif row[0] != SCHEMA:
                if row[0].startswith(OUR_SCHEMAS):  # an older version of this tool: nothing to set aside
                    db.close()
                    self.path.unlink()
                    self.note = f"cache {self.path} was written by another version ({row[0]}); rebuilt"
                    return self._fresh()
                raise sqlite3.DatabaseError(f"schema {row[0]!r}")
            return db
        except sqlite3.DatabaseError as exc:
            return self._rebuild(str(exc))

    def _rebuild(self, why: str) -> sqlite3.Connection:
        aside = self.path.with_name(self.path.name + ".bad")
        self.path.replace(aside)
        self.note = f"cache {self.path} was not usable ({why}); set aside as {aside.name} and rebuilt"
        return self._fresh()

    def _fresh(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        _create(db)
        return db

    def key(self, raw: bytes, shown: str, max_bytes: int, sidecar: bytes | None) -> str:
        """A file's key from its bytes, as shown in reports, with its folder's
        `sources.yaml` (None: there is none)."""
        h = hashlib.sha256()
        for part in (__version__, self.rules_key, shown, str(max_bytes)):
            h.update(part.encode("utf-8") + b"\0")
        h.update(raw)
        if sidecar is not None:
            h.update(b"\0sidecar\0" + sidecar)
        return h.hexdigest()

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None

    def known(self, context: str) -> dict[tuple[str, str], tuple[str, str]]:
        """(path, shown) → (signature, key) of files hashed before in this
        context (rules, size limit, version), for keys that have an entry."""
        rows = self.db.execute("SELECT s.path, s.shown, s.signature, s.key FROM stats s JOIN entries e "
                               "ON e.key = s.key WHERE s.context = ?", (context,))
        return {(path, shown): (sig, key) for path, shown, sig, key in rows}

    def remember(self, context: str, path: str, shown: str, signature: str, changed_ns: int, key: str) -> None:
        """A file's signature and key, when it had not changed for a while."""
        if time.time_ns() - changed_ns >= STABLE_NS:
            self.db.execute("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)", (context, path, shown, signature, key))

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

    def commit(self) -> None:
        self.db.commit()

    def outcome(self, key: str) -> tuple[dict[str, Any], dict[str, str]] | None:
        """A finished run kept under `key`: (its data, its texts), or None."""
        row = self.db.execute("SELECT body FROM outcomes WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            data = zlib.decompress(row[0])
            size = int.from_bytes(data[:8], "big")
            head = json.loads(data[8:8 + size])
            meta, frames = head["meta"], head["texts"]
            if not isinstance(meta, dict) or not isinstance(frames, list):
                raise TypeError("not an outcome")
            texts, at = {}, 8 + size
            for name, length in frames:
                texts[str(name)] = data[at:at + length].decode("utf-8")
                at += length
            if at != len(data):
                raise ValueError("texts do not fill the entry")
        except (zlib.error, ValueError, TypeError, KeyError):
            self.db.execute("DELETE FROM outcomes WHERE key = ?", (key,))
            self.db.commit()
            return None
        return meta, texts

    def keep_outcome(self, key: str, meta: dict[str, Any], texts: dict[str, str]) -> bool:
        """Keep a finished run: JSON data and long texts (stored as they are,
        not as JSON strings, so re-emitting them decodes nothing), dropping
        all but the latest few; False when it is too large to be worth keeping."""
        if sum(len(t) for t in texts.values()) > OUTCOME_MAX_BYTES:
            return False
        encoded = {name: text.encode("utf-8") for name, text in texts.items()}
        head = json.dumps({"meta": meta, "texts": [[name, len(b)] for name, b in encoded.items()]}).encode("utf-8")
        data = len(head).to_bytes(8, "big") + head + b"".join(encoded.values())
        if len(data) > OUTCOME_MAX_BYTES:
            return False
        self.db.execute("INSERT OR REPLACE INTO outcomes (key, body, seq) VALUES "
                        "(?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outcomes))", (key, zlib.compress(data, 1)))
        self.db.execute("DELETE FROM outcomes WHERE seq <= (SELECT MAX(seq) FROM outcomes) - ?", (OUTCOMES_KEPT,))
        self.db.commit()
        return True

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def _create(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, body TEXT)")
    db.execute("CREATE TABLE stats (context TEXT, path TEXT, shown TEXT, signature TEXT, key TEXT, "
               "PRIMARY KEY (context, path, shown))")
    db.execute("CREATE TABLE outcomes (key TEXT PRIMARY KEY, body BLOB, seq INTEGER)")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
    db.commit()


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


_SOURCE_FIELDS = ("id", "path", "published_from", "errors", "warnings", "title", "outlet", "url",
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
