"""The one-paragraph summary on stderr, coloured only where a person reads
it: on a terminal, never in CI logs, never when NO_COLOR is set."""

from __future__ import annotations

import os
from collections.abc import Callable

TYPE_CHECKING = False  # as typing's, without importing typing: a re-run needs none of it
if TYPE_CHECKING:
    from typing import Any, TextIO

    from consistency.checked import Report

_CODES = {"red": "31", "green": "32", "yellow": "33", "bold": "1"}


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, colour: str, on: bool) -> str:
    return f"\033[{_CODES[colour]}m{text}\033[0m" if on else text


def summary(report: Report, where: str, seconds: float, colour: bool = False) -> str:
    kinds = [f.kind for f in report.findings]
    bad = [s for s in report.sources if s.errors]
    failing = sum(1 for i, f in enumerate(report.findings) if f.kind == "conflict" and not report.is_accepted(i))
    accepted = kinds.count("conflict") - failing
    conflicts = f"{failing} conflict(s)"
    good = [s for s in report.sources if not s.errors]
    files = len({s.path for s in good})
    articles = f" ({len(good)} articles)" if len(good) != files else ""
    doubts = ""
    if report.date_doubts:
        doubts = paint(f" {len(report.date_doubts)} source date(s) contradicted by the corpus "
                       f"({_some(sorted(report.date_doubts))});", "yellow", colour)
    parts = [
        f"consistency: checked {files} source(s){articles} against {len(report.slots)} slot(s)"
        f" in {seconds:.2f}s{_cache(report)}: {len(report.claims)} claim(s) in "
        f"{len({c.slot for c in report.claims})} slot(s);"
        f"{doubts}",
        f"{paint(conflicts, 'red' if failing else 'green', colour)}, {_changed(kinds)}{kinds.count('consistent')} consistent, "
        f"{kinds.count('single_source')} single-source.",
    ]
    if accepted:
        parts.append(f"{accepted} accepted in the baseline.")
    if report.stale:
        parts.append(paint(f"{len(report.stale)} stale baseline entr{'y' if len(report.stale) == 1 else 'ies'}.",
                           "yellow", colour))
    if report.unit_problems:
        parts.append(paint(f"{len(report.unit_problems)} rule problem(s): claims in units that cannot be "
                           "compared (see the report).", "yellow", colour))
    if bad:
        parts.append(paint(f"{len(bad)} source(s) could not be read ({_some([s.id for s in bad])}).", "yellow", colour))
    from consistency.escape import terminal

    parts.append(f"Report: {terminal(where)}.")
    return " ".join(parts)


def _cache(report: Report) -> str:
    """Said only when it matters: files reused, or a bad cache set aside."""
    note = report.cache_note
    if not note or note.startswith("0 of"):
        return ""
    return f" ({note})"


def _some(ids: list[str], shown: int = 5) -> str:
    """A few ids, and how many more: the summary stays one readable line
    (ids as consistency.escape shows them on a terminal: a file name's line
    break made a workflow command of the rest of it in a CI log)."""
    from consistency.escape import terminal

    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(map(terminal, ids[:shown])) + more


PROGRESS_FROM = 200  # files: below this a run is quick enough to need no bar


def progress_bar(stream: TextIO) -> Callable[[int], Any] | None:
    """A progress bar on a terminal for long runs; nothing in CI logs or pipes."""
    if not hasattr(stream, "isatty") or not stream.isatty() or os.environ.get("CI"):
        return None

    def start(total: int) -> Any:
        from tqdm import tqdm

        return tqdm(total=total, unit="file", file=stream, leave=False, disable=total < PROGRESS_FROM)

    return start


def _changed(kinds: list[str]) -> str:
    n = kinds.count("changed")
    return f"{n} changed over time, " if n else ""
