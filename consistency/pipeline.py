"""The whole check as one pure function: paths and rules in, a Report out.

Each source is loaded and extracted on its own (a broken file only costs its
own result); claims are then put in a canonical order, given ids and merged
speaker names, so the report is the same whatever order the files came in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from consistency.baseline import Entry
from consistency import copies, source_dates
from consistency.compare import compare, unit_problems
from consistency.fingerprint import of_finding
from consistency.extract.matcher import Matcher
from consistency.model import Claim, Finding
from consistency.rules import Slot
from consistency.cache import Cache, rules_key
from consistency.sources import MAX_BYTES, Source, discover, display_path, load_file
from consistency.speakers import canonical_names
from consistency.vocab import Vocabulary

if TYPE_CHECKING:
    from consistency.report.delta import Delta


@dataclass(frozen=True)
class Report:
    sources: list[Source]
    claims: list[Claim]
    findings: list[Finding]
    slots: list[Slot]
    mentioned: frozenset[tuple[str, str]] = frozenset()  # (slot, source) with the slot's words in context
    accepted: dict[str, str] = field(default_factory=dict)  # fingerprint → reason, from the baseline
    stale: tuple[Entry, ...] = ()  # baseline entries that match nothing any more
    delta: Delta | None = None  # new / resolved / unchanged since an earlier report
    generated: str | None = None  # a timestamp, only when asked for
    date_doubts: dict[str, str] = field(default_factory=dict)  # source id → why its own date is in doubt
    independent: dict[str, int] = field(default_factory=dict)  # slot → sources that are not copies of another
    copied: dict[str, str] = field(default_factory=dict)  # claim id → the source whose text it repeats
    cache_note: str = ""  # how many files came from the cache, or what happened to a bad cache
    vocab: Vocabulary | None = None  # for currency conversions shown in the report
    unit_problems: list[str] = field(default_factory=list)  # slots whose claims' units cannot be compared

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def fingerprints(self) -> list[str]:
        """The stable identity of each finding, in order."""
        return [of_finding(f, self.by_id) for f in self.findings]

    def is_accepted(self, index: int) -> bool:
        return self.fingerprints[index] in self.accepted

    def failing(self, floor: int) -> list[Finding]:
        """Conflicts at or above a severity rank, baselined ones excepted."""
        rank = {"info": 0, "warning": 1, "error": 2}
        return [f for i, f in enumerate(self.findings)
                if f.kind == "conflict" and rank[f.severity] >= floor and not self.is_accepted(i)]

    @cached_property
    def _found(self) -> frozenset[tuple[str, str]]:
        return frozenset((c.slot, c.source) for c in self.claims)

    def coverage(self, slot_id: str, source_id: str) -> str:
        """found | ambiguous (mentioned, no value taken) | not mentioned."""
        if (slot_id, source_id) in self._found:
            return "found"
        return "ambiguous" if (slot_id, source_id) in self.mentioned else "not mentioned"

    def slot(self, slot_id: str) -> Slot:
        return next(s for s in self.slots if s.id == slot_id)


def check(paths: list[Path], slots: list[Slot], vocab: Vocabulary, include: list[str] = (),  # type: ignore[assignment]
          exclude: list[str] = (), max_bytes: int = MAX_BYTES, jobs: int | None = 1,  # type: ignore[assignment]
          cache_dir: Path | None = None, progress: Callable[[int], Any] | None = None,
          dask_scheduler: str | None = None) -> Report:
    """The whole check. `jobs` worker processes read and extract the files
    (None: one per core, when there are enough files to pay for starting
    them); with `cache_dir`, files extracted before with the same rules are
    not extracted again. The report is the same either way."""
    files, broken = discover(paths, include, exclude)
    cache = Cache(cache_dir, rules_key(slots, vocab)) if cache_dir is not None else None
    results: dict[int, tuple[list[Source], list[Claim], set[tuple[str, str]]]] = {}
    keys: dict[int, str] = {}
    if cache is not None:
        for i, f in enumerate(files):
            key = cache.key(f, display_path(f), max_bytes)
            hit = cache.get(key) if key else None
            if hit is not None:
                results[i] = hit
            elif key:
                keys[i] = key
    todo = [i for i in range(len(files)) if i not in results]
    workers = _workers(jobs, len(todo))
    bar = progress(len(todo)) if progress is not None and todo else None  # a tqdm-like bar, or none
    if dask_scheduler is not None and todo:
        from consistency.engine_dask import map_files

        results.update(zip(todo, map_files(dask_scheduler, [files[i] for i in todo], slots, vocab, max_bytes),
                           strict=True))
    elif workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(slots, vocab, max_bytes)) as pool:
            done = pool.map(_worker_file, [files[i] for i in todo], chunksize=max(1, len(todo) // (workers * 8)))
            for i, got in zip(todo, done, strict=True):
                results[i] = got
                if bar is not None:
                    bar.update(1)
    elif todo:
        matcher = Matcher.build(slots, vocab)
        for i in todo:
            results[i] = extract_file(matcher, files[i], max_bytes)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    note = ""
    if cache is not None:
        for i in todo:
            if i in keys:
                cache.put(keys[i], results[i])
        cache.close()
        note = cache.note or f"{len(files) - len(todo)} of {len(files)} files from the cache"
    sources: list[Source] = list(broken)
    raw: list[Claim] = []
    mentioned: set[tuple[str, str]] = set()
    for i in range(len(files)):
        got_sources, got_claims, got_mentioned = results[i]
        sources += got_sources
        raw += got_claims
        mentioned |= got_mentioned
    return replace(assemble(sources, raw, slots, vocab, mentioned), cache_note=note)


FILES_PER_WORKER = 50  # below this, starting a process costs more than it saves


def _workers(jobs: int | None, n_files: int) -> int:
    if jobs is not None:
        return max(1, min(jobs, n_files))
    return max(1, min(os.cpu_count() or 1, n_files // FILES_PER_WORKER))


def extract_file(matcher: Matcher, f: Path, max_bytes: int) -> tuple[list[Source], list[Claim], set[tuple[str, str]]]:
    """Read one file and extract its claims: the unit of work, in or out of process."""
    sources, claims, mentioned = [], [], set()
    for src in load_file(f, max_bytes):
        sources.append(src)
        if src.errors:
            continue
        try:
            extraction = matcher.extract(src)
        except (RecursionError, MemoryError) as exc:  # pathological text: keep the others' results
            src.errors.append(f"could not be checked: {type(exc).__name__}")
            continue
        claims += extraction.claims
        mentioned |= extraction.mentioned
    return sources, claims, mentioned


_WORKER: dict[str, object] = {}


def _init_worker(slots: list[Slot], vocab: Vocabulary, max_bytes: int) -> None:
    _WORKER["matcher"] = Matcher.build(slots, vocab)  # compiled once per process
    _WORKER["max_bytes"] = max_bytes


def _worker_file(f: Path) -> tuple[list[Source], list[Claim], set[tuple[str, str]]]:
    return extract_file(_WORKER["matcher"], f, _WORKER["max_bytes"])  # type: ignore[arg-type]


def assemble(sources: list[Source], raw: list[Claim], slots: list[Slot], vocab: Vocabulary,
             mentioned: set[tuple[str, str]] = frozenset()) -> Report:  # type: ignore[assignment]
    """Order, number and attribute claims canonically, then compare."""
    sources = sorted(sources, key=_source_order)
    names = canonical_names(sorted({(c.source, c.attributed_to) for c in raw if c.attributed_to}), vocab.speakers)
    ordered = sorted(raw, key=lambda c: (*c.sort_key(), c.surface))
    claims = [
        replace(c, id=f"c{i}", attributed_to=names.get((c.source, c.attributed_to), c.attributed_to) if c.attributed_to else None)
        for i, c in enumerate(ordered, 1)
    ]
    findings = compare(claims, slots, vocab)
    doubts = source_dates.doubts(sources, {c.id: c for c in claims}, findings)
    independent, copied = copies.independent(claims)
    return Report(sources, claims, findings, slots, frozenset(mentioned), date_doubts=doubts,
                  independent=independent, copied=copied, vocab=vocab,
                  unit_problems=unit_problems(claims, slots, vocab))


def _source_order(s: Source) -> tuple[str, int, str, str]:
    """By id, with a digest's articles in page order (#2 before #10)."""
    base, _, n = s.id.partition("#")
    return (base, int(n) if n.isdigit() else -1, s.id, s.path)
