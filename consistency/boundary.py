"""One bad input costs only itself: the boundary around each file and source.

Reading a file (decoding, front matter, JSONL, a sidecar, HTML) and
extracting each of its sources happen inside this boundary. Whatever goes
wrong there, a Python error (ours: a bug) or a text that takes too long (a
runaway), becomes a problem listed for that file or source, with what to do;
every other source is still checked in full. A source's texts are also made
valid here (no lone surrogate, which no report can encode) and its garbled
figures named (`sources.oddities`).

The time budget is processor time, not time on the clock (a busy machine
must not fail a file), kept by an interval timer (ITIMER_PROF, SIGPROF), so
it can stop pure Python code anywhere; it is armed only where it can be (the
main thread of a process, no other such timer running): in worker processes
and in a run without workers. A Dask worker runs tasks in threads, and has
its own limits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from consistency.sources import MAX_BYTES, display_path, load_file

TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    from consistency.extract.matcher import Extraction, Matcher
    from consistency.model import Claim
    from consistency.sources import Source

    Result = tuple[list[Source], list[Claim], set[tuple[str, str]]]  # one file's: its sources, claims, coverage

BASE_SECONDS = 20.0  # every file or source may take this long, however small
SECONDS_PER_MB = 2.0  # and this much more per MB of text (about six times what a hostile one takes: 0.3 s)


class OverBudget(BaseException):
    """The time budget ran out. Not an Exception: code being stopped that
    catches Exception must not swallow it."""


def seconds_for(size: int) -> float:
    """The budget for a text or file of `size` characters or bytes."""
    return BASE_SECONDS + SECONDS_PER_MB * size / (1024 * 1024)


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once it has used `seconds` of processor
    time; nothing where no timer can be armed (a thread, a platform without
    SIGPROF, an outer timer of the kind already running: a profiler's)."""
    if (not hasattr(signal, "setitimer") or not hasattr(signal, "SIGPROF")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_PROF)[0] > 0):
        yield
        return

    def over(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, over)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def sources_of(f: Path, max_bytes: int = MAX_BYTES, raw: bytes | None = None) -> list[Source]:
    """Every source in one file (load_file), each made valid; a file that
    could not be read at all, whatever the reason, as one source saying so."""
    size = len(raw) if raw is not None else _size(f)
    seconds = seconds_for(size)
    try:
        with budget(seconds):
            sources = load_file(f, max_bytes, raw)
    except OverBudget:
        return [_failed(f, f"took over {seconds:.3g} s of processor time to read ({size:,} bytes), so it was stopped to let the "
                           "run finish; split the file, or report it (with the file) as a bug")]
    except Exception as exc:  # noqa: BLE001 - the boundary: our bug must cost this file only
        return [_failed(f, _bug("read", exc))]
    for src in sources:
        settle(src)
    return sources


def extract(matcher: Matcher, src: Source, trace: bool = False) -> Extraction | None:
    """The source's extraction; None, with the reason added to its errors,
    when it failed or ran out of time."""
    seconds = seconds_for(len(src.text))
    try:
        with budget(seconds):
            return matcher.extract(src, trace=trace)
    except OverBudget:
        src.errors.append(f"took over {seconds:.3g} s of processor time to check ({len(src.text):,} characters), "
                          "so it was stopped to let the run finish; split it, or report it (with the file) as a bug")
    except Exception as exc:  # noqa: BLE001 - the boundary
        src.errors.append(_bug("check", exc))
    return None


def extract_file(matcher: Matcher, f: Path, max_bytes: int, raw: bytes | None = None) -> Result:
    """Read one file (unless its bytes are given) and extract its claims: the
    unit of work, in or out of process. The sources come back without their
    text: only claims are kept."""
    sources, claims, mentioned = sources_of(f, max_bytes, raw), [], set()
    for src in sources:
        if not src.errors:
            extraction = extract(matcher, src)
            if extraction is not None:
                claims += extraction.claims
                mentioned |= extraction.mentioned
        src.drop_text()
    return sources, claims, mentioned


def settle(src: Source) -> None:
    """Make a source's texts valid Unicode (a lone surrogate, from a JSONL
    `\\ud800` escape, YAML or an undecodable file name, cannot be written as
    UTF-8: the whole report failed) and name its garbled figures."""
    from consistency.sources import oddities

    for name in ("id", "path", "title", "outlet", "url", "author"):
        value = getattr(src, name)
        if value is not None and oddities.has_surrogate(value):
            setattr(src, name, oddities.without_surrogates(value))
    src.errors[:] = [oddities.without_surrogates(e) if oddities.has_surrogate(e) else e for e in src.errors]
    src.warnings[:] = [oddities.without_surrogates(w) if oddities.has_surrogate(w) else w for w in src.warnings]
    if src.text and oddities.has_surrogate(src.text):
        line = src.file_line(src.text.count("\n", 0, oddities.first_surrogate(src.text)) + 1)
        src.text = oddities.SURROGATE.sub("\ufffd", src.text)  # one character for one: offsets hold
        src.warnings.append(f"line {line}: a lone surrogate (half of a UTF-16 pair, as a JSON `\\ud800` escape "
                            "gives), which is no character, was read as U+FFFD")
    if src.text and not src.errors:
        src.warnings += oddities.warnings(src.text, src.file_line)


def lost(f: Path, why: str) -> Source:
    """A file whose work was lost outside this boundary (its worker died), as a source with its problem."""
    return _failed(f, why)


def _failed(f: Path, why: str) -> Source:
    from consistency.sources import Source

    src = Source(f.stem, display_path(f), errors=[why])
    settle(src)
    return src


def _bug(step: str, exc: BaseException) -> str:
    what = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (f"could not {step} it: {type(exc).__name__}{': ' + what if what else ''}; this is a bug in consistency, "
            "please report it with the file (every other source was checked)")


def _size(f: Path) -> int:
    try:
        return os.stat(f).st_size
    except OSError:
        return 0
