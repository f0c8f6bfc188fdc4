"""Baselines: accepted disagreements, so that only new ones fail CI.

A team adopting the checker on an archive cannot fix every old discrepancy
first. `baseline write` records today's conflicts with a human reason each;
`check` then shows them as accepted instead of failing, reports entries that
no longer match anything as stale (the disagreement was fixed, or a source
removed), and fails on anything new.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from consistency.fingerprint import claim_key, of_finding
from consistency.model import Claim, Finding
from consistency.values import describe

HEADER = (
    "# Accepted findings: `python -m consistency check` shows these as accepted instead of failing.\n"
    "# Written by `python -m consistency baseline write --reason TEXT`; every entry needs a reason.\n"
)


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    slot: str
    reason: str
    values: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def as_yaml(self, quotes: list[str]) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "slot": self.slot, "reason": self.reason,
                "values": list(self.values), "sources": list(self.sources), "quotes": quotes}


class BaselineError(Exception):
    pass


def read(path: Path) -> list[Entry]:
    """Entries of a baseline file; [] when there is none."""
    if not path.exists():
        return []
    from consistency.safeyaml import YamlProblem, parse

    try:
        data = parse(path.read_text(encoding="utf-8"), kind="baseline files")[0] or {}
    except (YamlProblem, OSError, UnicodeDecodeError) as exc:
        where = f":{exc.line}:{exc.column}" if isinstance(exc, YamlProblem) else ""
        raise BaselineError(f"{path}{where}: cannot read the baseline ({exc}); fix it or write it anew "
                            "with `python -m consistency baseline write --reason TEXT`") from None
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: expected a mapping with `entries` (as written by "
                            "`python -m consistency baseline write`)")
    entries = []
    for i, item in enumerate(data.get("entries") or []):
        if not isinstance(item, dict) or not item.get("fingerprint") or not item.get("slot"):
            raise BaselineError(f"{path}: entries[{i}] needs `fingerprint` and `slot`")
        if not str(item.get("reason") or "").strip():
            raise BaselineError(f"{path}: entries[{i}] ({item['slot']}) has no `reason`; say why it is accepted")
        entries.append(Entry(str(item["fingerprint"]), str(item["slot"]), str(item["reason"]),
                             tuple(map(str, item.get("values") or ())), tuple(map(str, item.get("sources") or ()))))
    return entries


def write(path: Path, findings: list[Finding], claims: dict[str, Claim], reason: str, old: list[Entry]) -> int:
    """Record every current conflict; entries already there keep their
    reason. Returns the number of entries written."""
    kept = {e.fingerprint: e for e in old}
    items = []
    for f in findings:
        if f.kind != "conflict":
            continue
        fp = of_finding(f, claims)
        cs = [claims[i] for i in f.claims]
        entry = kept.get(fp) or Entry(fp, f.slot, reason,
                                      tuple(dict.fromkeys(describe(c.value) for c in cs)),
                                      tuple(sorted({c.source for c in cs})))
        items.append(entry.as_yaml(sorted({claim_key(c)[2] for c in cs})))
    body = yaml.safe_dump({"version": 1, "entries": items}, sort_keys=False, allow_unicode=True, width=100)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + body, encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror or exc}); pick another --baseline") from None
    return len(items)


def apply(findings: list[Finding], fingerprints: list[str], entries: list[Entry]) -> tuple[dict[str, str], list[Entry]]:
    """(fingerprint → reason for accepted conflicts, stale entries);
    `fingerprints`: the findings' own, in order (Report.fingerprints)."""
    by_fp = {e.fingerprint: e for e in entries}
    accepted: dict[str, str] = {}
    for f, fp in zip(findings, fingerprints, strict=True):
        if f.kind == "conflict" and fp in by_fp:
            accepted[fp] = by_fp[fp].reason
    stale = [e for e in entries if e.fingerprint not in accepted]
    return accepted, stale
