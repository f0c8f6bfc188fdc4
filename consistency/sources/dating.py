"""When a source was published, and how we know.

Relative dates ("on Tuesday") resolve against the published date, so it
matters where it came from; the report says. In order of trust: the file's
own metadata (front matter, a JSONL field), the folder's `sources.yaml`
sidecar, HTML metadata, then a dateline in the text (`date 2025-06-12 THE
HAGUE (Reuters):`, `Published 10 September 2025`).
"""

from __future__ import annotations

import datetime as dt
import re

from consistency.extract.dates import year_of_full_dates

DATELINE = re.compile(
    r"\bdate\s+(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"(?:\s+[A-Z][^()\n:—–]{0,40}?\s*\([^)\n]{1,40}\)\s*[:—–-]?|\s*[:—–-])?\s*"
    r"|^[ \t]*Published(?:[ \t]+on)?:?[ \t]+(?P<pub>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.MULTILINE,
)


# "THE HAGUE, June 24 (Reuters) -": the wire style, with no year
_WIRE = (r"[ \t]*(?P<place>[A-Z][A-Z .'’-]{2,}(?:,\s+[A-Z][A-Za-z .'’-]+)?),\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+"
         r"(?P<day>\d{1,2})\s+\((?P<agency>[A-Za-z. ]{2,20})\)\s*[-—–:]")
WIRE_DATELINE = re.compile("^" + _WIRE, re.MULTILINE)
# the same after a line end: the literal `\n` lets a search skip from line to line
_WIRE_AFTER_LINE_END = re.compile("\n" + _WIRE)


def from_text(text: str) -> tuple[dt.date | None, str]:
    """The first dateline's date, and a note saying where it was found."""
    m = _first_dateline(text)
    if m is None:
        return _wire(text)
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


def _first_dateline(text: str) -> re.Match[str] | None:
    """DATELINE.search(text), tried only where a match can start: at a
    `date`, or at the start of a line holding `Published`. The search
    itself tries every character (30-75 us for 2 KB without a dateline,
    more than the rest of loading an article)."""
    found = None
    date = text.find("date")
    while date >= 0 and (found := DATELINE.match(text, date)) is None:
        date = text.find("date", date + 1)
    # a `Published` line starts before the `date` found only if it is on or before that line
    end = len(text) if found is None else _line_end(text, found.start())
    published = text.find("Published", 0, end)
    while published >= 0:
        line = text.rfind("\n", 0, published) + 1
        if found is not None and line >= found.start():
            break
        if (m := DATELINE.match(text, line)) is not None:
            return m
        published = text.find("Published", published + 1, end)
    return found


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def parse(value: object) -> dt.date | None:
    """A metadata date: a date, or a string starting with an ISO date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
        if m:
            try:
                return dt.date.fromisoformat(m.group(1))
            except ValueError:
                return None
        full = year_of_full_dates(value)
        return full[0] if full else None
    return None


def _wire(text: str) -> tuple[dt.date | None, str]:
    """A wire dateline gives month and day; the year is the latest year the
    text itself states in a full date, or none (then the date is unknown)."""
    m = _first_wire_dateline(text)
    if m is None:
        return None, ""
    full = year_of_full_dates(text)
    years = sorted({d.year for d in full})
    if not years:
        return None, ""
    got = year_of_full_dates(f"{m.group('day')} {m.group('month')} {years[-1]}")
    if not got:
        return None, ""
    line = text.count("\n", 0, m.start()) + 1
    return got[0], f"dateline `{m.group(0).strip()}` at line {line} (year from the text)"


def _first_wire_dateline(text: str) -> re.Match[str] | None:
    """WIRE_DATELINE.search(text): on the first line, or on the line after
    the first line end that a wire dateline follows."""
    m = WIRE_DATELINE.match(text)
    if m is None and (after := _WIRE_AFTER_LINE_END.search(text)) is not None:
        m = WIRE_DATELINE.match(text, after.start() + 1)
    return m
