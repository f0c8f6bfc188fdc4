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
corrupt, foreign or altered one is set aside and rebuilt, never trusted;
each entry and finished run carries a MAC under a key this machine keeps
outside any repository (`cachekey`), so the cache may only make a run
faster, never change what it says.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import stat
import time
import zlib
from pathlib import Path

from consistency.build import build_key
from consistency.cachekey import NoSecret, cache_key, mac

TYPE_CHECKING = False  # as typing's, without importing typing: a re-run needs none of it
if TYPE_CHECKING:  # `entries` is imported where entries are read and written: a re-emitted run needs none
    from typing import Any

    from consistency.entries import Result

SCHEMA = "consistency-claims-cache/5"  # 2: sources without their text, files' signatures, finished runs; 3: claims' as-of dates and periods; 4: outcomes' texts apart, reports' and rules' signatures; 5: every entry, run, rules key and written report with a MAC (cachekey)
OUR_SCHEMAS = "consistency-claims-cache/"
STABLE_NS = 2_000_000_000  # a file changed less than this before it was hashed is hashed again next time
OUTCOMES_KEPT = 4  # finished runs kept (a few corpora or option sets checked in turn)
OUTCOME_MAX_BYTES = 512 * 1024 * 1024  # a run whose reports are larger is not kept (SARIF of a large corpus)

_TABLES = {  # the whole schema, as sqlite_master keeps it: anything else in a file (a view, a trigger) is foreign
    "meta": "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    "entries": "CREATE TABLE entries (key TEXT PRIMARY KEY, body TEXT, mac TEXT)",
    "stats": "CREATE TABLE stats (context TEXT, path TEXT, shown TEXT, signature TEXT, key TEXT, "
             "PRIMARY KEY (context, path, shown))",
    "outcomes": "CREATE TABLE outcomes (key TEXT PRIMARY KEY, head TEXT, body BLOB, seq INTEGER, mac TEXT)",
    "rulesets": "CREATE TABLE rulesets (folder TEXT PRIMARY KEY, signature TEXT, key TEXT, mac TEXT)",
    "written": "CREATE TABLE written (path TEXT PRIMARY KEY, signature TEXT, digest TEXT, mac TEXT)",
}


class Cache:
    """One SQLite file under `.consistency-cache/`, that can only make a run
    faster, never change what it says.

    Nothing in it is believed without its MAC (see cachekey): a file made
    elsewhere (copied, planted, another checkout) or holding anything but
    this schema is set aside and rebuilt, and one entry that fails its MAC
    or does not decode is dropped and made again. The file signatures
    (`stats`) carry no MAC: they only say which key a file had, and what is
    found under a key is checked. Whatever goes wrong with the file itself
    (a folder that is a file or a link, read-only, a full disk, any SQLite
    error) makes the rest of the run go without the cache: `db` is None and
    every method does nothing; `note` says so, once, in the summary."""

    def __init__(self, folder: Path, rules_key: str = ""):
        self.path = folder / "claims.sqlite"
        self.rules_key = rules_key
        self.notes: list[str] = []  # what happened to the cache, for the summary
        self.distrusted = 0  # entries dropped because they failed their MAC or did not decode
        self.db: sqlite3.Connection | None = None
        self.mac_key = b""
        try:
            self.db = self._open(folder)
        except NoSecret as exc:
            self.notes.append(f"no key to trust a cache could be kept ({exc}); this run went without the cache")
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)

    @property
    def note(self) -> str:
        dropped = [f"{self.distrusted} cache entr{'y' if self.distrusted == 1 else 'ies'} failed its check and "
                   f"{'was' if self.distrusted == 1 else 'were'} made again"] if self.distrusted else []
        return "; ".join(self.notes + dropped)

    def _give_up(self, exc: BaseException) -> None:
        """Go on without the cache, saying why once."""
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        if not any(n.endswith("this run went without the cache") for n in self.notes):
            self.notes.append(f"cache {self.path} could not be used ({why}); this run went without the cache")

    def _open(self, folder: Path) -> sqlite3.Connection | None:
        if os.path.islink(folder):
            raise OSError(f"{folder} is a symbolic link; a cache is kept only in a real folder")
        if os.path.lexists(folder) and not os.path.isdir(folder):
            raise OSError(f"{folder} is not a folder; remove it, or run with --no-cache")
        self.mac_key = cache_key(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if os.path.islink(self.path):  # a planted link would have SQLite write wherever it points
            return self._rebuild("a symbolic link")
        try:
            db = _connect(self.path)
            objects = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
            if not objects:  # new: made under a write lock, as another run may be making it too
                db.execute("BEGIN IMMEDIATE")
                objects = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
                if not objects:
                    return self._created(db)
                db.commit()
            problem = _foreign(objects)
            if problem is None:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    problem = "tables without a schema"
                elif row[0] != SCHEMA:
                    if str(row[0]).startswith(OUR_SCHEMAS):  # an older version of this tool: nothing to set aside
                        db.close()
                        self.path.unlink()
                        self.notes.append(f"cache {self.path} was written by another version ({row[0]}); rebuilt")
                        return self._fresh()
                    problem = f"schema {row[0]!r}"
                elif {(n, q) for t, n, _, q in objects if t == "table"} != set(_TABLES.items()):
                    problem = "tables of another shape"
            if problem is None:
                owner = db.execute("SELECT value FROM meta WHERE key = 'owner'").fetchone()
                if owner is None or not hmac.compare_digest(str(owner[0]), self._owner()):
                    db.close()
                    return self._rebuild("was made on another machine or in another checkout, or altered, so "
                                         "nothing in it was believed", said=True)
                return db
            db.close()
            raise sqlite3.DatabaseError(problem)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not os.path.isdir(self.path):
                raise  # read-only, full, locked: nothing wrong with the file, so nothing to set aside
            return self._rebuild(str(exc))

    def _owner(self) -> str:
        return mac(self.mac_key, "owner", SCHEMA)

    def _rebuild(self, why: str, said: bool = False) -> sqlite3.Connection:
        aside = self.path.with_name(self.path.name + ".bad")
        if os.path.isdir(aside) and not os.path.islink(aside):
            shutil.rmtree(aside)
        self.path.replace(aside)
        self.notes.append(f"cache {self.path} {why if said else f'was not usable ({why})'}; set aside as "
                          f"{aside.name} and rebuilt")
        return self._fresh()

    def _fresh(self) -> sqlite3.Connection:
        return self._created(_connect(self.path))

    def _created(self, db: sqlite3.Connection) -> sqlite3.Connection:
        for sql in _TABLES.values():
            db.execute(sql)
        db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
        db.execute("INSERT INTO meta VALUES ('owner', ?)", (self._owner(),))
        db.commit()
        return db

    def key(self, raw: bytes, shown: str, max_bytes: int, sidecar: bytes | None) -> str:
        """A file's key from its bytes, as shown in reports, with its folder's
        `sources.yaml` (None: there is none)."""
        h = hashlib.sha256()
        for part in (build_key(), self.rules_key, shown, str(max_bytes)):
            h.update(part.encode("utf-8", "surrogateescape") + b"\0")
        h.update(raw)
        if sidecar is not None:
            h.update(b"\0sidecar\0" + sidecar)
        return h.hexdigest()

    def has(self, key: str) -> bool:
        return self._row("SELECT 1 FROM entries WHERE key = ?", (key,)) is not None

    def known(self, context: str) -> dict[tuple[str, str], tuple[str, str]]:
        """(path, shown) → (signature, key) of files hashed before in this
        context (rules, size limit, version). A key's entry may have been
        dropped since (it did not decode): `get` then misses and the file is
        extracted again, so no join with the entries (a third of a re-run's
        SQLite time at 100,000 files) is needed to check."""
        if self.db is None:
            return {}
        try:
            rows = self.db.execute("SELECT path, shown, signature, key FROM stats WHERE context = ?", (context,))
            return {(path, shown): (sig, key) for path, shown, sig, key in rows}
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def remember(self, context: str, path: str, shown: str, signature: str, changed_ns: int, key: str) -> None:
        """A file's signature and key, when it had not changed for a while."""
        if self.db is not None and time.time_ns() - changed_ns >= STABLE_NS:
            self._write("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)", (context, path, shown, signature, key))

    def _row(self, sql: str, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The first row a query gives; None when there is none, or no cache (an error ends the cache's use)."""
        if self.db is None:
            return None
        try:
            return self.db.execute(sql, args).fetchone()  # type: ignore[no-any-return]
        except (sqlite3.Error, ValueError) as exc:
            self._give_up(exc)
            return None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(sql, args)
        except (sqlite3.Error, ValueError) as exc:  # ValueError: a string SQLite cannot take (a lone surrogate)
            self._give_up(exc)

    def get(self, key: str) -> Result | None:
        """The entry under `key`, when it passes its MAC and decodes to a
        result of the right shape; else None, and it is dropped (the file is
        extracted again)."""
        from consistency import entries

        row = self._row("SELECT body, mac FROM entries WHERE key = ?", (key,))
        if row is None:
            return None
        body, tag = row
        if isinstance(body, str) and isinstance(tag, str) and hmac.compare_digest(tag, mac(self.mac_key, key, body)):
            try:
                return entries.loads(body)
            except (ValueError, KeyError, TypeError, RecursionError):
                pass
        self.distrusted += 1
        self._write("DELETE FROM entries WHERE key = ?", (key,))
        return None

    def put(self, key: str, result: Result) -> None:
        if self.db is None:
            return
        from consistency import entries

        body = entries.dumps(result)
        self._write("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, body, mac(self.mac_key, key, body)))

    def commit(self) -> None:
        if self.db is None:
            return
        try:
            self.db.commit()
        except sqlite3.Error as exc:
            self._give_up(exc)

    def ruleset(self, where: str, digest: str) -> str | None:
        """The rules' key, when the rules folder `where` held files of this digest when it was last loaded."""
        row = self._row("SELECT key, mac FROM rulesets WHERE folder = ? AND signature = ?", (where, digest))
        if row is None or not isinstance(row[0], str) or not isinstance(row[1], str):
            return None
        return row[0] if hmac.compare_digest(row[1], mac(self.mac_key, where, digest, row[0])) else None

    def remember_ruleset(self, where: str, digest: str, key: str) -> None:
        self._write("INSERT OR REPLACE INTO rulesets VALUES (?, ?, ?, ?)",
                    (where, digest, key, mac(self.mac_key, where, digest, key)))

    def outcome(self, key: str) -> Kept | None:
        """A finished run kept under `key`, its texts not decompressed yet; None when there is none, or it fails
        its MAC or is not well framed (then it is dropped). The MAC covers the head, which holds each text's
        digest: a text is checked against it when it is decompressed (`Kept.texts`)."""
        row = self._row("SELECT head, body, mac FROM outcomes WHERE key = ?", (key,))
        if row is None:
            return None
        try:
            if not (isinstance(row[0], str) and isinstance(row[2], str)
                    and hmac.compare_digest(row[2], mac(self.mac_key, key, row[0]))):
                raise ValueError("fails its MAC")
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
        except (ValueError, TypeError, KeyError, RecursionError):
            self._write("DELETE FROM outcomes WHERE key = ?", (key,))
            self.commit()
            return None
        return Kept(meta, frames, row[1])

    def keep_outcome(self, key: str, meta: dict[str, Any], texts: dict[str, bytes]) -> bool:
        """Keep a finished run: JSON data, and each long text (its UTF-8
        bytes) compressed apart with its digest, dropping all but the latest
        few runs; False when it is too large to be worth keeping (or the
        cache is not in use)."""
        if self.db is None or sum(len(b) for b in texts.values()) > OUTCOME_MAX_BYTES:
            return False
        packed = {name: zlib.compress(b, 1) for name, b in texts.items()}
        listed = [[name, len(packed[name]), hashlib.sha256(b).hexdigest(), len(b)] for name, b in texts.items()]
        head = json.dumps({"meta": meta, "texts": listed})
        self._write("INSERT OR REPLACE INTO outcomes (key, head, body, seq, mac) VALUES "
                    "(?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outcomes), ?)",
                    (key, head, b"".join(packed.values()), mac(self.mac_key, key, head)))
        self._write("DELETE FROM outcomes WHERE seq <= (SELECT MAX(seq) FROM outcomes) - ?", (OUTCOMES_KEPT,))
        self.commit()
        return self.db is not None

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
        tag = mac(self.mac_key, path, signature, digest)
        row = self._row("SELECT mac FROM written WHERE path = ? AND signature = ? AND digest = ?",
                        (path, signature, digest))
        if row is not None and isinstance(row[0], str) and hmac.compare_digest(row[0], tag):
            return True
        try:
            with open(path, "rb") as fh:
                same = hashlib.file_digest(fh, "sha256").hexdigest() == digest
        except OSError:
            return False
        if same and time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) >= STABLE_NS:
            self._write("INSERT OR REPLACE INTO written VALUES (?, ?, ?, ?)", (path, signature, digest, tag))
        return same

    def close(self) -> None:
        if self.db is None:
            return
        try:
            self.db.commit()
            self.db.close()
        except sqlite3.Error as exc:
            self._give_up(exc)
        self.db = None


def _connect(path: Path) -> sqlite3.Connection:
    """SQLite on the file, with functions that have side effects refused in
    any schema object (a planted file's views and triggers are refused
    before use anyway: `_foreign`)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA trusted_schema = OFF")
    return db


def _foreign(objects: list[tuple[str, str, str, str | None]]) -> str | None:
    """What in sqlite_master is not this tool's schema: a view or a trigger
    (a trigger runs on every write, silently), or a table or index of
    another name."""
    for kind, name, table, _ in objects:
        if kind in ("view", "trigger"):
            return f"a {kind} `{name}`, which this tool never makes"
        if kind == "table" and name not in _TABLES:
            return f"a table `{name}`, which this tool never makes"
        if kind == "index" and not (name.startswith("sqlite_autoindex_") and table in _TABLES):
            return f"an index `{name}`, which this tool never makes"
    return None


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
