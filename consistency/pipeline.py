"""The whole check as one pure function: paths and rules in, a Report out.

Each source is loaded and extracted on its own (a broken file only costs its
own result); claims are then put in a canonical order, given ids and merged
speaker names, so the report is the same whatever order the files came in.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import deque
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter

from consistency.build import build_key
from consistency.cache import Cache, rules_key
from consistency.sources import MAX_BYTES, SIDECAR, discover_files, display_path, read_file

TYPE_CHECKING = False  # as typing's, without importing typing (nor dataclasses): a re-run needs neither
if TYPE_CHECKING:  # the modules that compare and extract are imported where they are used: a re-run on an
    # unchanged corpus re-emits its reports from the cache without them
    from concurrent.futures import Future, ProcessPoolExecutor
    from typing import Any

    from consistency.checked import Report
    from consistency.extract.matcher import Matcher
    from consistency.model import Claim
    from consistency.rules import Slot
    from consistency.sources import Source
    from consistency.vocab import Vocabulary

    Result = tuple[list[Source], list[Claim], set[tuple[str, str]]]  # one file's: its sources, claims, coverage


def check(paths: list[Path], slots: list[Slot], vocab: Vocabulary, include: list[str] = (),  # type: ignore[assignment]
          exclude: list[str] = (), max_bytes: int = MAX_BYTES, jobs: int | None = 1,  # type: ignore[assignment]
          cache_dir: Path | None = None, progress: Callable[[int], Any] | None = None,
          dask_scheduler: str | None = None) -> Report:
    """The whole check. `jobs` worker processes extract the files (None: one
    per core, when there are enough files to pay for starting them); with
    `cache_dir`, files extracted before with the same rules are not extracted
    again. The report is the same either way."""
    with gather(paths, RuleSet.of(slots, vocab), include, exclude, max_bytes, jobs, cache_dir, progress,
                dask_scheduler) as got:
        return got.report()


class RuleSet:
    """The slots and vocabulary, loaded when first needed. A re-run on an
    unchanged corpus needs only their key, which the cache keeps under the
    signature of the rules folder's files: then no YAML is parsed and no
    model is built. `extra` is whatever else `load` depends on (settings
    that override the rules)."""

    def __init__(self, load: Callable[[], tuple[list[Slot], Vocabulary]], folder: Path | None = None,
                 extra: str = ""):
        self._load, self.folder, self.extra = load, folder, extra
        self._loaded: tuple[list[Slot], Vocabulary] | None = None

    @classmethod
    def of(cls, slots: list[Slot], vocab: Vocabulary) -> RuleSet:
        """Rules loaded already."""
        return cls(lambda: (slots, vocab))

    def load(self) -> tuple[list[Slot], Vocabulary]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    @property
    def slots(self) -> list[Slot]:
        return self.load()[0]

    @property
    def vocab(self) -> Vocabulary:
        return self.load()[1]

    def key(self, cache: Cache) -> str:
        """The rules' key (`rules_key`), from the cache when the folder's
        YAML files hold the bytes they held when it was worked out. Their
        bytes, not their stat signatures, are what is looked up: reading a
        dozen small files costs about a millisecond, and unlike a signature
        a digest needs no wait for the clock to move on before it can be
        trusted, so a re-run straight after an edit is spared the parse too."""
        if self.folder is None or (digest := _folder_digest(self.folder)) is None:
            return rules_key(self.slots, self.vocab)
        where = f"{build_key()}\0{os.path.abspath(self.folder)}\0{self.extra}"
        key = cache.ruleset(where, digest)
        if key is None:
            key = rules_key(self.slots, self.vocab)
            cache.remember_ruleset(where, digest, key)
        return key


def _folder_digest(folder: Path) -> str | None:
    """A digest of the names and bytes of the folder's YAML files (all that
    `load_rules` reads of it); None when the folder cannot be read or holds
    none."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.name.endswith(".yaml"))
        if not names:
            return None
        h = hashlib.blake2b(digest_size=16)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            h.update(f"{name}\0{len(data)}\0".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


class Gathered:
    """Every file read once, hashed, and extracted unless the cache had it;
    the report is assembled on demand, so a caller that kept the finished
    reports of this exact input (`key`) can re-emit them instead."""

    def __init__(self, files: list[str], broken: list[Source], rules: RuleSet, max_bytes: int,
                 results: dict[int, Result], hits: dict[int, str], key: str | None, cache: Cache | None):
        self.files = files  # as discover_files gives them: a Path is built only for a file that is read
        self.broken, self.rules, self.max_bytes = broken, rules, max_bytes
        self.results = results  # extracted in this run, or unreadable
        self.hits = hits  # file index → its cache key, for entries not loaded yet
        self.key = key  # the corpus's key (every file's), or None: not cacheable as a whole
        self.cache = cache

    def note(self, extra: str = "") -> str:
        """What the cache gave, for the summary."""
        if self.cache is None:
            return ""
        return self.cache.note or f"{len(self.hits)} of {len(self.files)} files from the cache{extra}"

    def report(self) -> Report:
        """Load what the cache had, order, compare. Called once: each file's
        result is handed over as it is read, so the raw claims and per-file
        coverage sets are not kept alive beside the report while it is
        rendered (about 1.4 KB an article)."""
        from consistency.ids import Ids, renamed_claims, renamed_mentions

        sources: list[Source] = []
        raw: list[Claim] = []
        mentioned: set[tuple[str, str]] = set()
        ids = Ids()  # no two sources share an id: a later one is given its path
        matcher = None
        slot_ids = {s.id for s in self.rules.slots} if self.hits else set()
        for i in range(len(self.files)):
            got = self.results.pop(i, None)
            if got is None and self.cache is not None:
                got = self.cache.get(self.hits[i])
                if got is not None and not {c.slot for c in got[1]} <= slot_ids:  # not these rules' claims
                    self.cache.distrusted += 1
                    got = None
                if got is None:  # an entry that does not decode is a miss: extract the file again
                    matcher = matcher or _matcher(self.rules)
                    got = extract_file(matcher, Path(self.files[i]), self.max_bytes)
                    self.cache.put(self.hits.pop(i), got)
            assert got is not None
            renamed = ids.admit(got[0])
            sources += got[0]
            raw += renamed_claims(got[1], renamed)
            mentioned |= renamed_mentions(got[2], renamed)
        ids.admit(list(self.broken))  # after the files: a path that could not be read takes no file's id
        sources += self.broken
        return assemble(sources, raw, self.rules.slots, self.rules.vocab, mentioned).updated(cache_note=self.note())

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Gathered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def gather(paths: list[Path], rules: RuleSet, include: list[str] = (),  # type: ignore[assignment]
           exclude: list[str] = (), max_bytes: int = MAX_BYTES, jobs: int | None = 1,  # type: ignore[assignment]
           cache_dir: Path | None = None, progress: Callable[[int], Any] | None = None,
           dask_scheduler: str | None = None) -> Gathered:
    """Discover the files and read each once, in order: hash it, and extract
    it (here or in workers) unless the cache has it. Texts are dropped once
    extracted and few files' bytes are held at a time, so memory does not
    grow with the corpus's text, only with its claims. The rules are
    loaded first (their errors stop the run before anything is read) unless
    the cache knows their key."""
    cache = Cache(cache_dir) if cache_dir is not None else None
    try:
        if cache is not None:
            cache.rules_key = rules.key(cache)
        else:
            rules.load()
    except BaseException:
        if cache is not None:
            cache.close()
        raise
    files, broken = discover_files(paths, include, exclude)
    results: dict[int, Result] = {}
    hits: dict[int, str] = {}
    keys: list[str | None] = []
    sidecars: dict[str, bytes | None] = {}
    folders: dict[str, _Folder] = {}
    context = f"{build_key()}\0{cache.rules_key}\0{max_bytes}" if cache is not None else ""
    known = cache.known(context) if cache is not None else {}
    here = os.getcwd()
    bar = progress(len(files)) if progress is not None and files else None  # a tqdm-like bar, or none
    misses: dict[int, str | None] = {}  # extracted in this run → its cache key

    def done(got: Iterable[tuple[int, Result]]) -> None:
        for i, result in got:
            results[i] = result
            if cache is not None and misses[i] is not None:
                cache.put(misses[i], result)  # type: ignore[arg-type]
            if bar is not None:
                bar.update(1)

    remote: list[int] = []  # for a Dask cluster, which reads the files itself
    with _Extractor(rules, max_bytes, jobs) as extractor:
        for i, f in enumerate(files):
            folder, name = os.path.split(f)  # strings: for 10,000 files, Path's parent and joins cost more than stat
            place = folders.get(folder) or folders.setdefault(folder, _Folder.of(folder, here))
            where, shown = place.where + name, place.shown + name
            signed = _signature(f, place.sidecar) if cache is not None else None
            if signed is not None:  # unchanged since it was hashed? then its key is known without reading it
                old = known.get((where, shown))
                if old is not None and old[0] == signed[0]:
                    hits[i] = old[1]
                    keys.append(old[1])
                    if bar is not None:
                        bar.update(1)
                    continue
            path = Path(f)  # built only for a file that is read
            raw = read_file(path, max_bytes)
            if not isinstance(raw, bytes):  # unreadable: its problem is its result, nothing to cache
                results[i] = ([raw], [], set())
                keys.append(None)
                if bar is not None:
                    bar.update(1)
                continue
            key = None
            if cache is not None:
                key = cache.key(raw, shown, max_bytes, _sidecar_bytes(folder, sidecars))
                if signed is not None:
                    cache.remember(context, where, shown, *signed, key)
                if cache.has(key):
                    hits[i] = key
                    keys.append(key)
                    if bar is not None:
                        bar.update(1)
                    continue
            keys.append(key)
            misses[i] = key
            if dask_scheduler is not None:
                remote.append(i)
            else:
                done(extractor.add(i, path, raw))
        done(extractor.finish())
    if remote:
        from consistency.engine_dask import map_files

        got = map_files(dask_scheduler, [Path(files[i]) for i in remote], rules.slots, rules.vocab, max_bytes)  # type: ignore[arg-type]
        done(zip(remote, got, strict=True))
    if bar is not None:
        bar.close()
    corpus = None
    if cache is not None:
        cache.commit()
        if all(k is not None for k in keys):
            h = hashlib.sha256(f"{build_key()}\0{cache.rules_key}\0{max_bytes}\0".encode())
            for k in keys:
                h.update(k.encode() + b"\0")  # type: ignore[union-attr]
            for s in broken:
                h.update(repr((s.id, s.path, s.errors)).encode() + b"\0")
            corpus = h.hexdigest()
    return Gathered(files, broken, rules, max_bytes, results, hits, corpus, cache)


class _Folder:
    """What the files of one folder share, worked out once: where they are
    (absolute, as the cache's stats record it), how reports show them, and
    their `sources.yaml`'s signature."""

    __slots__ = ("where", "shown", "sidecar")

    def __init__(self, where: str, shown: str, sidecar: tuple[str, int]):
        self.where = where  # ends with the separator
        self.shown = shown  # "" or ends with "/"
        self.sidecar = sidecar

    @classmethod
    def of(cls, folder: str, here: str) -> _Folder:
        shown = display_path(Path(folder))
        try:
            s = os.stat(os.path.join(folder, SIDECAR))
            sidecar = (f"{s.st_size}:{s.st_mtime_ns}:{s.st_ctime_ns}:{s.st_ino}:{s.st_dev}:{s.st_mode}",
                       max(s.st_mtime_ns, s.st_ctime_ns))
        except OSError:
            sidecar = ("none", 0)
        return cls(os.path.join(here, folder, ""), "" if shown == "." else shown if shown.endswith("/") else f"{shown}/",
                   sidecar)


def _signature(f: str, sidecar: tuple[str, int]) -> tuple[str, int] | None:
    """What changes when a regular file or its folder's `sources.yaml`
    changes (size, times, inode), and when the latest of them changed; None
    for anything but a regular file."""
    try:
        st = os.stat(f)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}|{sidecar[0]}",
            max(st.st_mtime_ns, st.st_ctime_ns, sidecar[1]))


def _sidecar_bytes(folder: str, seen: dict[str, bytes | None]) -> bytes | None:
    """The folder's `sources.yaml`, read once per run: part of its files' keys.
    `folder` as os.path.split gives it ("" for the working folder)."""
    if folder not in seen:
        f = os.path.join(folder, SIDECAR)
        try:
            seen[folder] = Path(f).read_bytes() if os.path.isfile(f) else None
        except OSError:
            seen[folder] = None
    return seen[folder]


FILES_PER_WORKER = 50  # below this, starting a process costs more than it saves
BATCH_BYTES = 256 * 1024  # files handed to a worker at once, up to about this much text
HELD_BYTES = 32 * 1024 * 1024  # at most this much text waits for a decision on workers


def _workers(jobs: int | None, n_files: int) -> int:
    if jobs is not None:
        return max(1, min(jobs, n_files))
    return max(1, min(os.cpu_count() or 1, n_files // FILES_PER_WORKER))


class _Extractor:
    """Extracts files as they come, holding only a bounded amount of their
    text: in this process, or in worker processes once enough files have
    come to pay for starting them (as many as `_workers` allows for the
    files seen so far). Results come back in any order, with their index."""

    def __init__(self, rules: RuleSet, max_bytes: int, jobs: int | None):
        self.rules, self.max_bytes, self.jobs = rules, max_bytes, jobs
        self.ceiling = jobs if jobs is not None else (os.cpu_count() or 1)
        self.waiting: deque[tuple[int, Path, bytes]] = deque()  # not handed out yet
        self.held = 0  # bytes waiting
        self.seen = 0  # files given so far
        self.matcher: Matcher | None = None
        self.pool: ProcessPoolExecutor | None = None
        # each batch handed out: its indices, its files (kept to retry them if the worker dies), its future
        self.running: deque[tuple[list[int], list[tuple[Path, bytes]], Future[list[Result]]]] = deque()

    def add(self, i: int, f: Path, raw: bytes) -> Iterator[tuple[int, Result]]:
        self.waiting.append((i, f, raw))
        self.held += len(raw)
        self.seen += 1
        if self.pool is None and self.ceiling > 1 and _workers(self.jobs, self.seen) == self.ceiling:
            self._start(self.ceiling)
        if self.pool is not None:
            yield from self._hand_out(final=False)
        else:
            while self.held > HELD_BYTES:  # no workers yet: do the oldest here rather than hold more
                yield self._here()

    def finish(self) -> Iterator[tuple[int, Result]]:
        if self.pool is None and _workers(self.jobs, len(self.waiting)) > 1:
            self._start(_workers(self.jobs, len(self.waiting)))
        if self.pool is None:
            while self.waiting:
                yield self._here()
            return
        yield from self._hand_out(final=True)
        while self.running:
            yield from self._collect()

    def _here(self) -> tuple[int, Result]:
        i, f, raw = self.waiting.popleft()
        self.held -= len(raw)
        if self.matcher is None:
            self.matcher = _matcher(self.rules)
        return i, extract_file(self.matcher, f, self.max_bytes, raw)

    def _start(self, workers: int) -> None:
        self.pool = self._pool(workers)
        self.workers = workers

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(workers, initializer=_init_worker,
                                   initargs=(self.rules.slots, self.rules.vocab, self.max_bytes, os.getpid()))

    def _hand_out(self, final: bool) -> Iterator[tuple[int, Result]]:
        assert self.pool is not None
        while self.waiting and (final or self.held >= BATCH_BYTES):
            batch: list[tuple[int, Path, bytes]] = []
            size = 0
            while self.waiting and size < BATCH_BYTES:
                item = self.waiting.popleft()
                batch.append(item)
                size += len(item[2])
            self.held -= size
            files = [(f, raw) for _, f, raw in batch]
            self.running.append(([i for i, _, _ in batch], files, self._submit(files)))
            while len(self.running) > 2 * self.workers:  # enough queued to keep every worker busy
                yield from self._collect()

    def _submit(self, files: list[tuple[Path, bytes]]) -> Future[list[Result]]:
        """The batch handed to the pool; a pool already broken gives a future
        that says so, for _collect to deal with like any other."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        assert self.pool is not None
        try:
            return self.pool.submit(_worker_batch, files)
        except BrokenProcessPool as exc:
            failed: Future[list[Result]] = Future()
            failed.set_exception(exc)
            return failed

    def _collect(self) -> Iterator[tuple[int, Result]]:
        from concurrent.futures.process import BrokenProcessPool

        indices, files, future = self.running.popleft()
        try:
            got = future.result()
        except BrokenProcessPool:  # a worker died (the OOM killer, a crash): every unfinished batch is lost
            yield from self._after_a_death([(indices, files, future), *self.running])
            return
        yield from zip(indices, got, strict=True)

    def _after_a_death(self, lost: list[tuple[list[int], list[tuple[Path, bytes]], Future[list[Result]]]]
                       ) -> Iterator[tuple[int, Result]]:
        """A worker died and took the batches in flight with it. Each of
        their files is tried once more, alone, in a fresh worker of its own
        (so a file that kills its worker is known, and kills no other); a
        file whose worker dies again is listed, not retried. Then a new pool
        takes over the rest of the run."""
        from concurrent.futures.process import BrokenProcessPool

        self.running.clear()
        assert self.pool is not None
        self.pool.shutdown(wait=False, cancel_futures=True)
        single = self._pool(1)
        try:
            for indices, files, future in lost:
                if future.done() and not future.cancelled() and future.exception() is None:  # done before the death
                    yield from zip(indices, future.result(), strict=True)
                    continue
                for i, item in zip(indices, files, strict=True):
                    try:
                        got = single.submit(_worker_batch, [item]).result()[0]
                    except BrokenProcessPool:
                        single.shutdown(wait=False, cancel_futures=True)
                        single = self._pool(1)
                        got = _died(item[0])
                    yield i, got
        finally:
            single.shutdown(wait=False, cancel_futures=True)
        self.pool = self._pool(self.workers)

    def __enter__(self) -> _Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def extract_file(matcher: Matcher, f: Path, max_bytes: int, raw: bytes | None = None) -> Result:
    """One file's sources and claims, inside the isolation boundary
    (consistency.boundary): the unit of work, in or out of process."""
    from consistency.boundary import extract_file as isolated

    return isolated(matcher, f, max_bytes, raw)


_WORKER: dict[str, object] = {}


def _matcher(rules: RuleSet) -> Matcher:
    from consistency.extract.matcher import Matcher

    return Matcher.build(rules.slots, rules.vocab)


def _init_worker(slots: list[Slot], vocab: Vocabulary, max_bytes: int, parent: int) -> None:
    _WORKER["matcher"] = _matcher(RuleSet.of(slots, vocab))  # compiled once per process
    _WORKER["max_bytes"] = max_bytes
    _leave_with(parent)


def _leave_with(parent: int) -> None:
    """End this worker once its parent is gone. A parent killed outright (a
    CI timeout, the OOM killer) cannot shut its pool down: its workers lived
    on, holding the CI step's stdout and stderr, so the step never ended. A
    thread asks twice a second whether this process has been handed to
    another parent."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="consistency-parent-watch", daemon=True).start()


def _died(f: Path) -> Result:
    """What a file whose worker died twice gives: its problem, listed."""
    from consistency.boundary import lost

    return [lost(f, "the worker process checking it died, twice (killed, as the system does when memory runs "
                    "out, or crashed); it was not checked: check it alone with --jobs 1 to see why, or report it "
                    "with the file")], [], set()


def _worker_batch(batch: list[tuple[Path, bytes]]) -> list[Result]:
    return [extract_file(_WORKER["matcher"], f, _WORKER["max_bytes"], raw) for f, raw in batch]  # type: ignore[arg-type]


def assemble(sources: list[Source], raw: list[Claim], slots: list[Slot], vocab: Vocabulary,
             mentioned: set[tuple[str, str]] = frozenset()) -> Report:  # type: ignore[assignment]
    """Order, number and attribute claims canonically, then compare. The
    collector is paused as for reports (consistency.report.gcpause): this
    makes a new claim per claim and many short-lived containers, no cycles,
    and each full collection would walk every claim and source alive."""
    from consistency import copies, source_dates
    from consistency.checked import Report
    from consistency.compare import compare, unit_problems
    from consistency.report.gcpause import collector_paused
    from consistency.speakers import canonical_names

    with collector_paused():
        sources = sorted(sources, key=_source_order)
        names = canonical_names(sorted({(c.source, c.attributed_to) for c in raw if c.attributed_to}),
                                vocab.speakers)
        ordered = sorted(raw, key=_CLAIM_ORDER)
        claims = [
            c.numbered(f"c{i}", names.get((c.source, c.attributed_to), c.attributed_to) if c.attributed_to else None)
            for i, c in enumerate(ordered, 1)
        ]
        findings = compare(claims, slots, vocab)
        doubts = source_dates.doubts(sources, {c.id: c for c in claims}, findings)
        independent, copied = copies.independent(claims)
        problems = unit_problems(claims, slots, vocab)
    return Report(sources, claims, findings, slots, frozenset(mentioned), date_doubts=doubts,
                  independent=independent, copied=copied, vocab=vocab, unit_problems=problems)


_CLAIM_ORDER = attrgetter("slot", "source", "line", "offset", "surface")  # Claim.sort_key, then the value as written


def _source_order(s: Source) -> tuple[str, int, str, str]:
    """By id, with a digest's articles in page order (#2 before #10)."""
    base, _, n = s.id.partition("#")
    return (base, int(n) if n.isdigit() else -1, s.id, s.path)
