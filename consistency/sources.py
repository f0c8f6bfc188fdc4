"""Loading sources: paths → Source(id, text, published date).

A bad file must never cost the others their results, so loading returns a
Source carrying its error instead of raising. The published date is what
relative dates ("on Tuesday") are resolved against; it comes from a dateline
in the text (`date 2025-06-12 THE HAGUE (Reuters):`, `Published 10 September
2025`), else it is unknown.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from consistency.extract.dates import DateContext, year_of_full_dates

SOURCE_SUFFIXES = (".txt", ".md", ".text")
MAX_BYTES = 20 * 1024 * 1024

DATELINE = re.compile(
    r"\bdate\s+(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"(?:\s+[A-Z][^()\n:—–]{0,40}?\s*\([^)\n]{1,40}\)\s*[:—–-]?|\s*[:—–-])?\s*"
    r"|^\s*Published(?:\s+on)?:?\s+(?P<pub>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.MULTILINE,
)


@dataclass
class Source:
    """One document, as the pipeline sees it."""

    id: str
    path: str
    text: str = ""
    published: dt.date | None = None
    published_from: str = ""  # where the date came from, for the report
    errors: list[str] = field(default_factory=list)

    def date_context(self) -> DateContext:
        """What year-less and relative dates in this source resolve against."""
        if self.published is not None:
            return DateContext(self.published, self.published, f"the source's date {self.published.isoformat()}")
        full = year_of_full_dates(self.text)
        if full:
            latest = max(full)
            return DateContext(None, latest, f"the latest full date in the source, {latest.isoformat()}")
        return DateContext()


def published_date(text: str) -> tuple[dt.date | None, str]:
    """The first dateline's date, and a note saying where it was found."""
    m = DATELINE.search(text)
    if m is None:
        return None, ""
    line = text.count("\n", 0, m.start()) + 1
    if m.group("iso"):
        try:
            return dt.date.fromisoformat(m.group("iso")), f"dateline `date {m.group('iso')}` at line {line}"
        except ValueError:
            return None, ""
    full = year_of_full_dates(m.group("pub"))
    if full:
        return full[0], f"`Published {m.group('pub')}` at line {line}"
    return None, ""


def discover(paths: list[Path]) -> tuple[list[Path], list[Source]]:
    """Expand folders into source files; paths that cannot be read become
    sources with an error rather than stopping the run."""
    files: list[Path] = []
    broken: list[Source] = []
    for p in paths:
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / n for n in sorted(names)
                             if n.endswith(SOURCE_SUFFIXES) and not n.startswith("."))
        elif p.is_file():
            files.append(p)
        else:
            broken.append(Source(p.stem, str(p), errors=[f"{p}: no such file or folder"]))
    unique = {f.resolve(): f for f in reversed(files)}  # one file reached by two spellings is one source
    return sorted(unique.values(), key=lambda f: (f.stem, str(f))), broken


def load(path: Path) -> Source:
    """Read and decode one file; any failure is recorded on the Source."""
    src = Source(path.stem, _display(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        src.errors.append(f"cannot read: {exc.strerror or exc}")
        return src
    if len(raw) > MAX_BYTES:
        src.errors.append(f"larger than {MAX_BYTES // (1024 * 1024)} MB; split it or raise the limit")
        return src
    if b"\x00" in raw[:4096]:
        src.errors.append("looks binary (NUL bytes); only text sources are read")
        return src
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        src.errors.append(f"not UTF-8 (byte {exc.start}); re-save it as UTF-8")
        return src
    if not text.strip():
        src.errors.append("empty")
        return src
    src.text = text.replace("\r\n", "\n").replace("\r", "\n")
    src.published, src.published_from = published_date(src.text)
    return src


def _display(path: Path) -> str:
    """Paths in reports are relative to where the tool runs, so reports are
    the same on every machine."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
