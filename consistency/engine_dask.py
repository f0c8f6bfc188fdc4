"""Running extraction on a Dask cluster (`check --engine dask`).

When one machine is not enough, the same unit of work (one file → its
sources and claims) is mapped over an existing Dask cluster, or a local one
started for the run; the claims come back and are compared and reported
here, exactly as in a local run, so the report is byte-identical.
Needs the extra: `pip install consistency[dask]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consistency.extract.matcher import Matcher
from consistency.rules import Slot
from consistency.sources import display_path
from consistency.vocab import Vocabulary

_MATCHERS: dict[int, Matcher] = {}


class EngineError(Exception):
    pass


def _task(path: str, shown: str, slots: list[Slot], vocab: Vocabulary, max_bytes: int) -> Any:
    """On a worker: rules compiled once per process, then one file. Paths
    in the report are the caller's, whatever the worker's directory."""
    from consistency.pipeline import extract_file

    key = id(slots)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _MATCHERS[key] = Matcher.build(slots, vocab)
    sources, claims, mentioned = extract_file(matcher, Path(path), max_bytes)
    for src in sources:
        src.path = shown
    return sources, claims, mentioned


def map_files(scheduler: str, files: list[Path], slots: list[Slot], vocab: Vocabulary, max_bytes: int) -> list[Any]:
    """Each file's (sources, claims, mentioned), in the order given."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'consistency[dask]'") from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check --scheduler") from None
    try:
        slots_f = client.scatter(slots, broadcast=True)
        vocab_f = client.scatter(vocab, broadcast=True)
        futures = client.map(_task, [str(f.absolute()) for f in files], [display_path(f) for f in files],
                             slots=slots_f, vocab=vocab_f, max_bytes=max_bytes, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
