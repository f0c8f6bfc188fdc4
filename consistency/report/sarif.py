"""Report → SARIF 2.1.0, for code-scanning dashboards (GitHub and others).

Each conflicting claim is one result at its own line, so an alert sits
where a reader would fix the text; the other side's claims are related
locations. Partial fingerprints come from the finding's identity and the
claim's (not from line numbers), so re-runs update alerts instead of
duplicating them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import orjson

from consistency import __version__
from consistency.fingerprint import claim_key, fingerprint
from consistency.checked import Report
from consistency.report.gcpause import collector_paused

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RELATED = 10  # related locations per result


def render(report: Report) -> str:
    return render_bytes(report).decode("utf-8")


def render_bytes(report: Report) -> bytes:
    """The log's bytes, as orjson writes them: `check` writes and keeps
    these, never a decoded copy (a quarter of a second per 10,000 articles,
    and a second log-sized object in memory)."""
    with collector_paused():  # see consistency.report.gcpause
        return _render(report)


def _render(report: Report) -> bytes:
    paths = {s.id: s.path for s in report.sources}
    slots = sorted({f.slot for f in report.findings if f.kind == "conflict"})
    index = {slot: i for i, slot in enumerate(slots)}
    rules = [{"id": s.id, "name": s.id.replace(".", "_"), "shortDescription": {"text": s.description},
              "defaultConfiguration": {"level": _LEVEL[s.severity]}}
             for s in sorted(report.slots, key=lambda s: s.id) if s.id in index]
    results: list[dict[str, Any]] = []
    for n, f in enumerate(report.findings):
        if f.kind != "conflict":
            continue
        fp = report.fingerprints[n]
        claims = [report.by_id[i] for i in f.claims]
        # each claim's value text and location made once: every claim lists ten of the others
        shown = [report.described[i] for i in f.claims]
        located = [_location(paths, c, text) for c, text in zip(claims, shown)]
        related = _disagreeing(shown)
        seen: dict[tuple[str, str, str], int] = {}
        for i, c in enumerate(claims):
            # a sentence repeated in one source (an article pasted twice) is a second alert, not the same one
            key = claim_key(c, shown[i])
            nth = seen[key] = seen.get(key, 0) + 1
            claim_fp = fingerprint(f.slot, [key] if nth == 1 else [(*key[:2], f"{key[2]} #{nth}")])
            others = related[shown[i]]
            result: dict[str, Any] = {
                "ruleId": f.slot,
                "ruleIndex": index[f.slot],
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.slot}: {shown[i]} ({c.attributed_to or c.source}) disagrees — "
                                    f"{f.message}"},
                "locations": [located[i]],
                "partialFingerprints": {"consistencyFinding/v1": fp,
                                        "consistencyClaim/v1": claim_fp},
            }
            if others:
                result["relatedLocations"] = [{**located[j], "id": k} for k, j in enumerate(others)]
            if fp in report.accepted:
                result["suppressions"] = [{"kind": "external", "justification": report.accepted[fp]}]
            results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "consistency", "version": __version__, "rules": rules}},
            "results": results,
        }],
    }
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _disagreeing(shown: list[str]) -> dict[str, list[int]]:
    """For each value shown, the first MAX_RELATED claims that show another.

    Only the first few: listing all of them made the log grow with the
    square of a conflict (297 MB for 1,000 articles); the message and the
    report name the rest. Found once per value, each scan stopping at its
    MAX_RELATED-th hit (so a value's scan passes only its own claims and ten
    others): a scan per claim was the square of the conflict again, 90% of
    the SARIF time at 10,000 articles."""
    related: dict[str, list[int]] = {}
    for value in dict.fromkeys(shown):
        picked = related[value] = []
        for j, other in enumerate(shown):
            if other != value:
                picked.append(j)
                if len(picked) == MAX_RELATED:
                    break
    return related


def _location(paths: dict[str, str], c: Any, shown: str) -> dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": {"uri": quote(paths.get(c.source, c.source), safe="/")},
                             "region": {"startLine": c.line, "snippet": {"text": c.quote}}},
        "message": {"text": f"{c.surface} → {shown}" + (f" ({c.attributed_to})" if c.attributed_to else "")},
    }
