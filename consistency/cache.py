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
the last few are kept. Each text is compressed apart with its digest, so a
report still on disk as it was (`in_place`, known from its signature like a
source, else read and hashed) is neither decompressed nor written again.
The rules' key is kept under a digest of their folder's YAML files
(`ruleset`), so an unchanged rules folder is read but not parsed.

Entries are JSON (`entries`), not pickles: a cache file is data, and a
corrupt or foreign one is set aside and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import time
import zlib
from pathlib import Path

from consistency.build import build_key

TYPE_CHECKING = False  # as typing's, without importing typing: a re-run needs none of it
if TYPE_CHECKING:  # `entries` is imported where entries are read and written: a re-emitted run needs none
    from typing import Any

    from consistency.entries import Result

SCHEMA = "consistency-claims-cache/4"  # 2: sources without their text, files' signatures, finished runs; 3: claims' as-of dates and periods; 4: outcomes' texts apart, reports' and rules' signatures
OUR_SCHEMAS = "consistency-claims-cache/"
STABLE_NS = 2_000_000_000  # a file changed less than this before it was hashed is hashed again next time
OUTCOMES_KEPT = 4  # finished runs kept (a few corpora or option sets checked in turn)
OUTCOME_MAX_BYTES = 512 * 1024 * 1024  # a run whose reports are larger is not kept (SARIF of a large corpus)


class Cache:
    """One SQLite file under `.consistency-cache/`."""

    def __init__(self, folder: Path, rules_key: str = ""):
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
        for part in (build_key(), self.rules_key, shown, str(max_bytes)):
            h.update(part.encode("utf-8") + b"\0")
        h.update(raw)
        if sidecar is not None:
            h.update(b"\0sidecar\0" + sidecar)
        return h.hexdigest()

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None

    def known(self, context: str) -> dict[tuple[str, str], tuple[str, str]]:
        """(path, shown) → (signature, key) of files hashed before in this
        context (rules, size limit, version). A key's entry may have been
        dropped since (it did not decode): `get` then misses and the file is
        extracted again, so no join with the entries (a third of a re-run's
        SQLite time at 100,000 files) is needed to check."""
        rows = self.db.execute("SELECT path, shown, signature, key FROM stats WHERE context = ?", (context,))
        return {(path, shown): (sig, key) for path, shown, sig, key in rows}

    def remember(self, context: str, path: str, shown: str, signature: str, changed_ns: int, key: str) -> None:
        """A file's signature and key, when it had not changed for a while."""
        if time.time_ns() - changed_ns >= STABLE_NS:
            self.db.execute("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)", (context, path, shown, signature, key))

    def get(self, key: str) -> Result | None:
        from consistency import entries

        row = self.db.execute("SELECT body FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return entries.loads(row[0])
        except (ValueError, KeyError, TypeError):
            self.db.execute("DELETE FROM entries WHERE key = ?", (key,))
            return None

    def put(self, key: str, result: Result) -> None:
        from consistency import entries

        self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, entries.dumps(result)))

    def commit(self) -> None:
        self.db.commit()

    def ruleset(self, where: str, digest: str) -> str | None:
        """The rules' key, when the rules folder `where` held files of this digest when it was last loaded."""
        row = self.db.execute("SELECT key FROM rulesets WHERE folder = ? AND signature = ?", (where, digest)).fetchone()
        return None if row is None else str(row[0])

    def remember_ruleset(self, where: str, digest: str, key: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO rulesets VALUES (?, ?, ?)", (where, digest, key))

    def outcome(self, key: str) -> Kept | None:
        """A finished run kept under `key`, its texts not decompressed yet; None when there is none or it is
        not well framed (then it is dropped)."""
        row = self.db.execute("SELECT head, body FROM outcomes WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            head = json.loads(row[0])
            meta, listed = head["meta"], head["texts"]
            if not isinstance(meta, dict) or not isinstance(listed, list) or not isinstance(row[1], bytes):
                raise TypeError("not an outcome")
            frames, at = {}, 0
            for name, length, digest, size in listed:
                if not (isinstance(name, str) and isinstance(digest, str) and isinstance(length, int)
                        and isinstance(size, int)):
                    raise TypeError("not a text's frame")
                frames[name] = (at, length, digest, size)
                at += length
            if at != len(row[1]):
                raise ValueError("texts do not fill the entry")
        except (ValueError, TypeError, KeyError):
            self.db.execute("DELETE FROM outcomes WHERE key = ?", (key,))
            self.db.commit()
            return None
        return Kept(meta, frames, row[1])

    def keep_outcome(self, key: str, meta: dict[str, Any], texts: dict[str, bytes]) -> bool:
        """Keep a finished run: JSON data, and each long text (its UTF-8
        bytes) compressed apart with its digest, dropping all but the latest
        few runs; False when it is too large to be worth keeping."""
        if sum(len(b) for b in texts.values()) > OUTCOME_MAX_BYTES:
            return False
        packed = {name: zlib.compress(b, 1) for name, b in texts.items()}
        listed = [[name, len(packed[name]), hashlib.sha256(b).hexdigest(), len(b)] for name, b in texts.items()]
        self.db.execute("INSERT OR REPLACE INTO outcomes (key, head, body, seq) VALUES "
                        "(?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outcomes))",
                        (key, json.dumps({"meta": meta, "texts": listed}), b"".join(packed.values())))
        self.db.execute("DELETE FROM outcomes WHERE seq <= (SELECT MAX(seq) FROM outcomes) - ?", (OUTCOMES_KEPT,))
        self.db.commit()
        return True

    def in_place(self, path: str, digest: str, size: int) -> bool:
        """Whether the file holds the bytes of this digest: known from its
        signature when it was checked before, unchanged since and stable
        then; else read and hashed (the signature is taken first, so a
        write meanwhile is seen next time)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or st.st_size != size:
            return False
        signature = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        if self.db.execute("SELECT 1 FROM written WHERE path = ? AND signature = ? AND digest = ?",
                           (path, signature, digest)).fetchone() is not None:
            return True
        try:
            with open(path, "rb") as fh:
                same = hashlib.file_digest(fh, "sha256").hexdigest() == digest
        except OSError:
            return False
        if same and time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) >= STABLE_NS:
            self.db.execute("INSERT OR REPLACE INTO written VALUES (?, ?, ?)", (path, signature, digest))
        return same

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def _create(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, body TEXT)")
    db.execute("CREATE TABLE stats (context TEXT, path TEXT, shown TEXT, signature TEXT, key TEXT, "
               "PRIMARY KEY (context, path, shown))")
    db.execute("CREATE TABLE outcomes (key TEXT PRIMARY KEY, head TEXT, body BLOB, seq INTEGER)")
    db.execute("CREATE TABLE rulesets (folder TEXT PRIMARY KEY, signature TEXT, key TEXT)")
    db.execute("CREATE TABLE written (path TEXT PRIMARY KEY, signature TEXT, digest TEXT)")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
    db.commit()


def rules_key(slots: list[Any], vocab: Any) -> str:
    """A hash of everything in the rules that extraction depends on."""
    body = json.dumps([[s.model_dump(mode="json") for s in slots], repr(vocab)], sort_keys=True, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Kept:
    """A finished run as kept: its data, and its texts' frames (name →
    offset, compressed length, sha256 and size of the text's UTF-8)."""

    __slots__ = ("meta", "frames", "body")

    def __init__(self, meta: dict[str, Any], frames: dict[str, tuple[int, int, str, int]], body: bytes):
        self.meta, self.frames, self.body = meta, frames, body

    def texts(self, names: list[str]) -> dict[str, bytes] | None:
        """These texts' bytes; None when one does not decompress to the size
        and digest it was kept with (a damaged entry: the run is rendered
        again and kept anew)."""
        texts = {}
        for name in names:
            at, length, digest, size = self.frames[name]
            try:
                data = zlib.decompress(self.body[at:at + length])
                if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                    return None
                texts[name] = data
            except zlib.error:
                return None
        return texts
