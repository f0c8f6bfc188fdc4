"""Report → the JSON contract of DESIGN.md, version 2.

Other tools parse this; it changes only with a version bump, so it is built
field by field here and nowhere else. Version 2 (issue 7) added, and changed
nothing that version 1 had: `as_of` on each claim (when the claim held, and
where that came from), the finding kind `changed` (a fact that changed over
time: not an error), and the `category` value kind (`label`).
"""

from __future__ import annotations


from typing import Any

import orjson

from consistency.model import Claim, Finding
from consistency.checked import Report
from consistency.report.gcpause import collector_paused
from consistency.values import Category, DateSpan, Value

VERSION = 2


def value_json(value: Value) -> dict[str, Any]:
    if isinstance(value, Category):
        return {"kind": "category", "label": value.label}
    if isinstance(value, DateSpan):
        return {
            "kind": "date",
            "start": value.start.isoformat() if value.start else None,
            "end": value.end.isoformat() if value.end else None,
        }
    iv = value.interval
    return {
        "kind": "quantity",
        "low": _num(iv.low),
        "high": _num(iv.high),
        "low_inclusive": iv.low_inclusive,
        "high_inclusive": iv.high_inclusive,
        "approximate": value.approximate,
        "unit": value.unit,
    }


def _num(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def claim_json(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "slot": c.slot,
        "source": c.source,
        "line": c.line,
        "quote": c.quote,
        "attributed_to": c.attributed_to,
        "value": value_json(c.value),
        "as_of": None if c.as_of is None else {"start": c.as_of.start, "end": c.as_of.end, "from": c.as_of_note},
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {"slot": f.slot, "kind": f.kind, "severity": f.severity, "claims": list(f.claims), "message": f.message}


def render(report: Report) -> str:
    return render_bytes(report).decode("utf-8")


def render_bytes(report: Report) -> bytes:
    """The report file's bytes, as orjson writes them: `check` writes and
    keeps these, never a decoded copy (a second report-sized object at the
    memory's peak). The claims' as-of dates and the sources' are left to
    orjson, which writes a `datetime.date` as isoformat() does (YYYY-MM-DD),
    in C: 75,000 isoformat() calls at 10,000 articles otherwise.
    (value_json, which others read too, writes its own.)"""
    with collector_paused():  # see consistency.report.gcpause
        return _render(report)


def _render(report: Report) -> bytes:
    doc = {
        "version": VERSION,
        "sources": [
            {"id": s.id, "path": s.path, "published": s.published, "errors": list(s.errors)}
            for s in report.sources
        ],
        "claims": [claim_json(c) for c in report.claims],
        "findings": [finding_json(f) for f in report.findings],
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
