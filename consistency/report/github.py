"""Report → GitHub Actions workflow commands (`::error file=…,line=…::…`).

GitHub shows only about ten annotations per step, so the most severe
conflicts are annotated (one per conflict, at its first claim) and a notice
says how many more there are and where the full report is.
"""

from __future__ import annotations

from consistency.checked import Report
from consistency.escape import annotation_data, annotation_property

CAP = 10
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_RANK = {"error": 0, "warning": 1, "info": 2}


_data, _prop = annotation_data, annotation_property  # consistency.escape: the Actions toolkit's, and visible


def render(report: Report, where: str = "the report") -> str:
    paths = {s.id: s.path for s in report.sources}
    conflicts = [(f, report.by_id[f.claims[0]]) for i, f in enumerate(report.findings)
                 if f.kind == "conflict" and not report.is_accepted(i)]
    conflicts.sort(key=lambda t: (_RANK[t[0].severity], t[0].slot))
    lines = []
    for f, first in conflicts[:CAP]:
        lines.append(f"::{_COMMAND[f.severity]} file={_prop(paths.get(first.source, first.source))},"
                     f"line={first.line},title={_prop('consistency: ' + f.slot)}::{_data(f.message)}")
    if len(conflicts) > CAP:
        lines.append(f"::notice title=consistency::{len(conflicts) - CAP} more conflict(s) not annotated; "
                     f"see {_data(where)}")
    return "".join(line + "\n" for line in lines)
