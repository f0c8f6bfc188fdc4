"""Writing a report with the cyclic garbage collector paused.

A report is strings built from the claims: many short-lived lists, dicts
and strings, which reference counting frees, and no reference cycles. Yet
their allocations trigger collections, and each full collection walks every
object alive, including all the corpus's claims and sources: at 10,000
articles that was a third of the time to write the Markdown report. Pausing
the collector while a report is written changes nothing but the time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off inside the block, and as it was after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
