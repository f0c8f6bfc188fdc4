"""GitHub Markdown tables: `tabulate(rows, headers, tablefmt="github",
disable_numparse=True, colalign=...)`, the same text, faster.

tabulate works out a type for every cell, looks for terminal colour codes
and line breaks, and pads through format strings; on a report with thousands
of claims that was most of the Markdown's time. The report's tables are
plain: text and integers, one line per cell, no colour codes. For such a
table this does what tabulate does for it (cells stripped of surrounding
whitespace, padded by character count to the widest cell or the header and
two, one space either side, `|` between); any other table, or a tabulate
configured otherwise, is handed to tabulate itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import tabulate as _tabulate_module
from tabulate import tabulate

_ALIGNS = ("left", "center", "right")


def github_table(rows: Sequence[Sequence[object]], headers: Sequence[str],
                 colalign: Sequence[str] | None = None) -> str:
    """`tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, colalign=colalign)`."""
    fast = _fast(rows, headers, colalign)
    if fast is not None:
        return fast
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,  # type: ignore[arg-type]
                    colalign=colalign)


def _fast(rows: Sequence[Sequence[object]], headers: Sequence[str], colalign: Sequence[str] | None) -> str | None:
    t = _tabulate_module
    if (t.WIDE_CHARS_MODE and t.wcwidth is not None) or t.PRESERVE_WHITESPACE or t.MIN_PADDING != 2:
        return None
    n = len(headers)
    if not rows or not n or type(rows) is not list or any(type(h) is not str for h in headers):
        return None
    aligns = ["left"] * n
    if colalign is not None:
        if isinstance(colalign, str) or len(colalign) > n or any(a not in _ALIGNS for a in colalign):
            return None
        aligns[:len(colalign)] = colalign
    cells: list[list[str]] = []
    for row in rows:
        if type(row) is not list or len(row) != n:
            return None
        out = []
        for v in row:
            tv = type(v)
            if tv is str:
                out.append(v)  # type: ignore[arg-type]
            elif tv is int:
                out.append(str(v))
            else:
                return None
        cells.append(out)
    # colour codes (\x1b), separating lines (\x01) and line breaks take tabulate's other paths
    plain = "\t".join([*headers, *("\t".join(r) for r in cells)])
    if "\x1b" in plain or "\x01" in plain or "\n" in plain or "\r" in plain:
        return None
    cols = [[r[i].strip() for r in cells] for i in range(n)]
    widths = [max(len(h) + 2, max(map(len, col))) for h, col in zip(headers, cols)]
    padded = []
    for col, w, a in zip(cols, widths, aligns):
        if a == "left":
            padded.append([s.ljust(w) for s in col])
        elif a == "right":
            padded.append([s.rjust(w) for s in col])
        else:
            padded.append([format(s, f"^{w}s") for s in col])
    head = [h.ljust(w) if a == "left" else (format(h, f"^{w}s") if a == "center" else h.rjust(w))
            for h, w, a in zip(headers, widths, aligns)]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in zip(*padded)]
    return "\n".join(lines)
