"""`--compare-to OLD.json`: what changed since an earlier report.

A pull-request comment should open with what the change did: conflicts it
introduced, conflicts it resolved, and those it left as they were. Findings
are matched by fingerprint (slot, values, sources, quotes), so a line moving
does not make an old conflict look new.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consistency.fingerprint import fingerprint
from consistency.values import Category, DateSpan, Interval, Quantity, Value, describe


@dataclass(frozen=True)
class Delta:
    against: str
    new: tuple[str, ...]  # fingerprints of conflicts not in the old report
    resolved: tuple[tuple[str, str], ...]  # (slot, message) of old conflicts gone now
    unchanged: tuple[str, ...]


READS = (1, 2)  # version 2 added fields only; conflicts and fingerprints read the same


class DeltaError(Exception):
    pass


def _value(v: dict[str, Any]) -> Value:
    if v.get("kind") == "category":
        return Category(str(v.get("label")))
    if v.get("kind") == "date":
        start = dt.date.fromisoformat(v["start"]) if v.get("start") else None
        end = dt.date.fromisoformat(v["end"]) if v.get("end") else None
        return DateSpan(start, end)
    return Quantity(Interval(v.get("low"), v.get("high"), v.get("low_inclusive", True), v.get("high_inclusive", True)),
                    v.get("unit"), bool(v.get("approximate")))


def old_conflicts(path: Path) -> dict[str, tuple[str, str]]:
    """fingerprint → (slot, message) for each conflict of a JSON report."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeltaError(f"{path}: cannot read it as a JSON report ({exc}); pass a file written by "
                         "`check --format json`") from None
    if not isinstance(doc, dict) or doc.get("version") not in READS:
        raise DeltaError(f"{path}: not a version 1 or 2 JSON report of this tool")
    claims = {c["id"]: c for c in doc.get("claims", [])}
    out = {}
    for f in doc.get("findings", []):
        if f.get("kind") != "conflict":
            continue
        keys = [(claims[i]["source"], describe(_value(claims[i]["value"])), " ".join(claims[i]["quote"].split()))
                for i in f.get("claims", []) if i in claims]
        out[fingerprint(f["slot"], keys)] = (f["slot"], f.get("message", ""))
    return out


def compare_to(path: Path, current: dict[str, str]) -> Delta:
    """`current` maps the fingerprints of today's conflicts to their slots."""
    old = old_conflicts(path)
    new = tuple(fp for fp in current if fp not in old)
    unchanged = tuple(fp for fp in current if fp in old)
    resolved = tuple(sorted(v for fp, v in old.items() if fp not in current))
    return Delta(path.as_posix(), new, resolved, unchanged)
