"""Report → the Markdown discrepancy report people read in a pull request.

Ordered for a reader who has a minute: the verdict in one line, a table of
every slot, then each conflict self-contained (who said what, where, the
sentence itself, how a relative date was resolved) so it can be judged
without opening the sources; agreeing slots and the sources come last.
Nothing time-dependent is written: the same inputs give the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import chain, repeat

import tabulate as _tabulate_module
from tabulate import tabulate

from consistency.model import Claim, Finding
from consistency.checked import Report
from consistency.compare import Valued, valued
from consistency.escape import markdown_cell, markdown_code, markdown_code_cell, markdown_text
from consistency.report.chart import mermaid, timeline
from consistency.report.gcpause import collector_paused
from consistency.values import Quantity, describe_span

# Column widths by character count, whether or not wcwidth happens to be
# installed: the same inputs must give the same bytes on every machine.
# (Tables are also built with disable_numparse: every cell is already text,
# and tabulate's number sniffing was most of the report's time on big runs.)
_tabulate_module.WIDE_CHARS_MODE = False

_VERDICT = {"conflict": "❌ conflict", "changed": "🔄 changed", "consistent": "✅ consistent",
            "single_source": "◻️ single source"}


FOLD = 10  # tables longer than this are folded into <details>
MATRIX_MAX = 40  # sources beyond which coverage is summarised per slot instead of a column per source


def render(report: Report) -> str:
    with collector_paused():  # see consistency.report.gcpause
        return _render(report)


def _render(report: Report) -> str:
    claims = report.by_id
    out: list[str] = ["# Consistency report", ""]
    if report.generated:
        out += [f"Generated {report.generated}.", ""]
    out += [_headline(report), ""]
    if report.delta is not None:
        out += _delta(report)
    out += ["## Slots", "", _fold(_slot_table(report, claims), len(report.findings), "All slots"), ""]
    out += _coverage(report)
    conflicts = [(i, f) for i, f in enumerate(report.findings) if f.kind == "conflict"]
    if conflicts:
        out += ["## Conflicts", ""]
        for i, f in conflicts:
            out += _conflict_section(report, i, f, claims)
    changed = [f for f in report.findings if f.kind == "changed"]
    if changed:
        out += ["## Changed over time", "",
                "Sources disagree, but each was true at a different time: news, not an error.", ""]
        for f in changed:
            out += _changed_section(report, f, claims)
    if report.stale:
        out += ["## Stale baseline entries", "",
                "These accepted findings no longer match anything (fixed, or a source removed); "
                "remove them from the baseline or write it anew.", ""]
        out += [f"- {_code(e.slot)}: {_md(', '.join(e.values))} ({_md(', '.join(e.sources))}) — accepted because: "
                f"{_md(e.reason)}"
                for e in report.stale] + [""]
    agreeing = [f for f in report.findings if f.kind == "consistent"]
    if agreeing:
        out += ["## Consistent", "", _fold(_compact(report, agreeing), len(agreeing), "Consistent slots"), ""]
    single = [f for f in report.findings if f.kind == "single_source"]
    if single:
        out += ["## Single source", "", "Only one source speaks to these slots: nothing to compare yet.", "",
                _fold(_compact(report, single), len(single), "Single-source slots"), ""]
    claimed = {c.slot for c in report.claims}
    silent = sorted(s.id for s in report.slots if s.id not in claimed)
    if silent:
        out += ["## Slots with no claims", "", ", ".join(f"`{s}`" for s in silent), ""]
    if report.date_doubts:
        out += ["## Source dates in doubt", ""]
        out += [f"- {_code(sid)} is {_md(why)}." for sid, why in sorted(report.date_doubts.items())] + [""]
    if report.unit_problems:
        out += ["## Rule problems", "", "Claims in units the rules cannot convert were not compared with each other.",
                ""]
        out += [f"- {_md(p)}." for p in report.unit_problems] + [""]
    out += _problems(report)
    out += ["## Sources", "", _fold(_sources_table(report), len(report.sources), "All sources"), ""]
    return _joined(out)


def _joined(lines: list[str]) -> str:
    """The lines joined, white space stripped from the end and one line
    break after: stripped from the last lines, not from the joined text, as
    copying a report of 14 MB twice more took four times as long as the join."""
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return "\n"
    lines[-1] = lines[-1].rstrip() + "\n"
    return "\n".join(lines)


def github_table(rows: list[list[object]], headers: list[str], colalign: tuple[str, ...] | None = None) -> str:
    """tabulate's "github" table. Written here when every cell is one line of
    plain text or an int, which is all this report makes: tabulate sniffed
    each cell's type and escape codes, half of the Markdown report's time at
    10,000 articles. Anything else (no rows, a line break, an escape or
    tabulate's separator code in a cell or header) is tabulate's; tests hold
    the two to the same bytes."""
    columns = [list(map(str, column)) for column in zip(*rows)]
    if (not rows or set(map(len, rows)) != {len(headers)} or not set(map(type, chain.from_iterable(rows))) <= {str, int}
            or _UNPLAIN.search("\t".join(chain(headers, *columns)))):
        return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,  # type: ignore[arg-type]
                        colalign=colalign)
    return _plain_table(columns, headers, colalign or ("left",) * len(headers))


_UNPLAIN = re.compile("[\n\r\x1b\x01]")  # what tabulate reads as a line break, an escape code or a separator


def _plain_table(columns: list[list[str]], headers: list[str], align: tuple[str, ...]) -> str:
    """Cells stripped and padded to their column's width, the header two
    wider than its text at least; widths by character count (see WIDE_CHARS_MODE)."""
    columns = [list(map(str.strip, column)) for column in columns]
    widths = [max(len(h) + 2, max(map(len, column))) for h, column in zip(headers, columns)]
    padded = [_padded(column, w, a) for column, w, a in zip(columns, widths, align)]
    head = " | ".join(next(_padded([h], w, a)) for h, w, a in zip(headers, widths, align))
    rule = "|".join("-" * (w + 2) for w in widths)
    return f"| {head} |\n|{rule}|\n| " + " |\n| ".join(map(" | ".join, zip(*padded))) + " |"


def _padded(cells: list[str], width: int, align: str) -> Iterator[str]:
    """Left-aligned by str.ljust, in half format()'s time (which parses its
    spec for every cell); centred by format(), as tabulate centres (where
    str.center would put an odd space on the other side)."""
    return map(format, cells, repeat(f"^{width}")) if align == "center" else map(str.ljust, cells, repeat(width))


def _fold(block: str, rows: int, summary: str) -> str:
    if rows <= FOLD:
        return block
    return f"<details><summary>{summary} ({rows})</summary>\n\n{block}\n\n</details>"


def _delta(report: Report) -> list[str]:
    d = report.delta
    assert d is not None
    new = [report.findings[i] for i, fp in enumerate(report.fingerprints) if fp in d.new]
    out = [f"## Since {_code(str(d.against))}", "",
           f"**{len(d.new)} new**, {len(d.resolved)} resolved, {len(d.unchanged)} unchanged conflict(s).", ""]
    out += [f"- 🆕 `{f.slot}`: {_md(f.message)}" for f in new]
    out += [f"- ✅ resolved {_code(slot)}: {_md(message)}" for slot, message in d.resolved]
    return out + ([""] if new or d.resolved else [])


def _headline(report: Report) -> str:
    kinds = [f.kind for f in report.findings]
    accepted = sum(1 for i, f in enumerate(report.findings) if f.kind == "conflict" and report.is_accepted(i))
    n_conf = kinds.count("conflict") - accepted
    readable = [s for s in report.sources if not s.errors]
    files = len({s.path for s in readable})
    articles = f" ({len(readable)} articles)" if len(readable) != files else ""
    lead = f"**{n_conf} conflict{'s' if n_conf != 1 else ''}**" if n_conf else "**No conflicts**"
    extra = f" ({accepted} more accepted in the baseline)" if accepted else ""
    n_stale = len(report.stale)
    stale = f" {n_stale} stale baseline entr{'y' if n_stale == 1 else 'ies'}." if n_stale else ""
    return (
        f"{lead}{extra} across {_n(files, 'source')}{articles} and "
        f"{_n(len(report.slots), 'slot')} ({_n(len(report.claims), 'claim')}): "
        f"{_changes(kinds)}{kinds.count('consistent')} consistent, {kinds.count('single_source')} single-source, "
        f"{len(report.slots) - len({c.slot for c in report.claims})} with no claims.{stale}"
    )


def _changes(kinds: list[str]) -> str:
    n = kinds.count("changed")
    return f"{n} changed over time, " if n else ""


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _slot_table(report: Report, claims: dict[str, Claim]) -> str:
    rows = []
    for f in report.findings:
        cs = [claims[i] for i in f.claims]
        n_sources = len({c.source for c in cs})
        n_free = report.independent.get(f.slot, n_sources)
        shown = f"{n_sources} ({n_free} independent)" if n_free < n_sources else str(n_sources)
        rows.append([f"`{f.slot}`", _VERDICT[f.kind], len(cs), shown, _cell(_range(report, f))])
    return github_table(rows, ["Slot", "Verdict", "Claims", "Sources", "Values"])


def _coverage(report: Report) -> list[str]:
    """Slots × sources: what each source says, and where a rule saw the
    slot's words but took no value (worth an `explain`)."""
    readable = [s for s in report.sources if not s.errors]
    if not readable:
        return []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for c in report.claims:
        counts[(c.slot, c.source)] += 1
    if len(readable) > MATRIX_MAX:
        return _coverage_summary(report, readable, counts)
    rows = []
    for slot in sorted(report.slots, key=lambda s: s.id):
        row = [f"`{slot.id}`"]
        for src in readable:
            state = report.coverage(slot.id, src.id)
            row.append(f"✔ {counts[(slot.id, src.id)]}" if state == "found" else ("?" if state == "ambiguous" else "·"))
        rows.append(row)
    table = github_table(rows, ["Slot", *(_code_cell(s.id) for s in readable)], ("left", *("center" for _ in readable)))
    legend = ("✔ n: n claims found · ?: the slot's words appear but no value was taken "
              "(`python -m consistency explain SLOT --source ID` says why) · ·: not mentioned")
    body = ["## Coverage", "", legend, "", table, ""]
    if len(readable) > 12:
        body = ["## Coverage", "", "<details><summary>Slots × sources</summary>", "", legend, "", table, "",
                "</details>", ""]
    return body


def _coverage_summary(report: Report, readable: list, counts: dict[tuple[str, str], int]) -> list[str]:
    """Past MATRIX_MAX sources a column per source is unreadable (and most of
    the report's size): per slot, how many sources gave a value, and which
    spoke of it without one."""
    # from the claims and the mentions, not a look-up per slot and source (a million at 50,000 sources)
    listed: dict[str, list[int]] = defaultdict(list)  # where each source id is listed: it may be more than once
    for n, src in enumerate(readable):
        listed[src.id].append(n)
    with_claims: dict[str, set[str]] = defaultdict(set)
    for slot_id, source_id in counts:
        with_claims[slot_id].add(source_id)
    spoken: dict[str, set[str]] = defaultdict(set)
    for slot_id, source_id in report.mentioned:
        spoken[slot_id].add(source_id)
    rows = []
    for slot in sorted(report.slots, key=lambda s: s.id):
        have = with_claims.get(slot.id, set())
        found = sum(len(listed[i]) for i in have if i in listed)
        words_only = spoken.get(slot.id, set()) - have
        unsure = _in_list_order(words_only, readable, listed)
        named = ", ".join(_code_cell(i) for i in unsure[:5]) + (f" and {len(unsure) - 5} more" if len(unsure) > 5 else "")
        rows.append([f"`{slot.id}`", found, len(unsure), named or "—"])
    table = github_table(rows, ["Slot", "Sources with claims", "Words but no value", "Such as"])
    legend = (f"{len(readable)} sources, too many for a column each. \"Words but no value\": the slot's words "
              "appear but no value was taken (`python -m consistency explain SLOT --source ID` says why).")
    return ["## Coverage", "", legend, "", table, ""]


def _in_list_order(ids: set[str], readable: list, listed: dict[str, list[int]]) -> list[str]:
    """The sources of `ids` as `readable` lists them. A pass over the list
    when they are many of it; else their positions, sorted: a pass per slot
    was slots × sources when most sources do not speak of most slots."""
    if len(ids) * 8 > len(readable):
        return [src.id for src in readable if src.id in ids]
    return [readable[n].id for n in sorted(n for i in ids if i in listed for n in listed[i])]


def _range(report: Report, f: Finding) -> str:
    values = list(dict.fromkeys(map(report.described.__getitem__, f.claims)))
    return " · ".join(values) if len(values) <= 4 else " · ".join(values[:4]) + f" · … ({len(values) - 4} more)"


def _conflict_section(report: Report, index: int, f: Finding, claims: dict[str, Claim]) -> list[str]:
    slot = report.slot(f.slot)
    where = f" (within {_code(f.within_source)})" if f.within_source else ""
    out = [f"### `{f.slot}`{where}", "", f"{slot.description} Severity: {f.severity}.", ""]
    if report.is_accepted(index):
        out += [f"> Accepted in the baseline: {_md(report.accepted[report.fingerprints[index]])}", ""]
    out += [f"**{_md(f.message)}**", ""]
    sides = [[claims[cid] for cid in side] for side in f.sides]
    converted = {c.id: v for side in sides for c in side if (v := valued(c, slot, report.vocab)).rate is not None}
    chart = mermaid(f.slot, sides, {cid: v.as_quantity() for cid, v in converted.items()
                                    if isinstance(claims[cid].value, Quantity)}, report.described)
    if chart:
        out += ["```mermaid", chart, "```", ""]
    out += _claims_table(report, sides, converted)
    return out + _quotes(sides)


def _claims_table(report: Report, sides: list[list[Claim]], converted: dict[str, Valued] | None = None,
                  label: str = "Side") -> list[str]:
    """`converted`: the claims a rate converted into the slot's currency, shown with both amounts."""
    converted = converted or {}
    copied, described = report.copied, report.described  # looked up once: a conflict may have 100,000 rows
    rows = []
    for n, side in enumerate(sides):
        mark = chr(ord("A") + n) if n < 26 else str(n + 1)
        for c in side:
            cid = c.id
            source = f"{_code_cell(c.source)} (copy of {_code_cell(copied[cid])})" if cid in copied \
                else _code_cell(c.source)
            shown = converted[cid].shown if cid in converted else described[cid]
            rows.append([mark, source, c.line, _cell(c.surface), _cell(_normalised(c, shown)),
                         _cell(_as_of(c)), _cell(c.attributed_to) if c.attributed_to else "—"])
    return [github_table(rows, [label, "Source", "Line", "As written", "Normalised", "As of", "Attributed to"]), ""]


def _as_of(c: Claim) -> str:
    """When the claim held, and from what."""
    if c.as_of is None:
        return "unknown"
    where = "stated" if c.as_of_note.startswith("stated") else c.as_of_note.rsplit(" ", 1)[0]
    return f"{describe_span(c.as_of)} ({where})"


def _changed_section(report: Report, f: Finding, claims: dict[str, Claim]) -> list[str]:
    slot = report.slot(f.slot)
    steps = [[claims[cid] for cid in side] for side in f.sides]
    out = [f"### `{f.slot}`", "", f"{slot.description}", "", f"**{_md(f.message)}**", "",
           "```mermaid", timeline(f.slot, steps), "```", ""]
    out += _claims_table(report, steps, label="Step")
    return out + _quotes(steps)


def _quotes(sides: list[list[Claim]]) -> list[str]:
    """Each sentence quoted once, in claim order, with an empty quote line
    between two (joined here: the report joins its lines with the same
    line break)."""
    quoted: list[str] = []
    seen: set[tuple[str, int, str]] = set()
    for side in sides:
        for c in side:
            key = (c.source, c.line, c.quote)
            if key in seen:
                continue
            seen.add(key)
            who = f" — {_md(c.attributed_to)}" if c.attributed_to else ""
            quoted.append(f"> **{_md(c.source)}, line {c.line}**{who}: “{_md(c.quote)}”")
    quotes = ["\n>\n".join(quoted)] if quoted else []
    if len(seen) > 4:
        return [f"<details><summary>The {len(seen)} quoted sentences</summary>", "", *quotes, "", "</details>", ""]
    return quotes + [""]


def _normalised(c: Claim, shown: str) -> str:
    extra = [x for x in (c.note, f"period {describe_span(c.period)}: `{c.period_note}`" if c.period else "") if x]
    return f"{shown} ({'; '.join(extra)})" if extra else shown


def _compact(report: Report, findings: list[Finding]) -> str:
    claims = report.by_id
    rows = []
    for f in findings:
        cs = [claims[i] for i in f.claims]
        by_source: dict[str, list[int]] = defaultdict(list)
        for c in cs:
            by_source[c.source].append(c.line)
        where = "; ".join(f"`{s}` l. {', '.join(map(str, sorted(set(ls))))}" for s, ls in sorted(by_source.items()))
        rows.append([f"`{f.slot}`", _cell(_range(report, f)), _cell(where)])
    return github_table(rows, ["Slot", "Values", "Where"])


def _sources_table(report: Report) -> str:
    counts: dict[str, int] = defaultdict(int)
    for c in report.claims:
        counts[c.source] += 1
    rows = []
    for s in report.sources:
        published = s.published.isoformat() if s.published else "unknown"
        if s.published and s.published_from:
            published += f" ({s.published_from})"
        about = f"{s.outlet} — {s.title}" if s.outlet and s.title else s.outlet or s.title or "—"
        notes = "; ".join(s.errors) or (
            "; ".join([f"decoded as {s.encoding}", *s.warnings]) if s.encoding else "; ".join(s.warnings)) or "—"
        if s.id in report.date_doubts:
            notes = "⚠️ date contradicted by the corpus (see above)" + ("" if notes == "—" else f"; {notes}")
        rows.append([_code_cell(s.id), _code_cell(s.path), _cell(about), _cell(published), counts[s.id],
                     _cell(notes)])
    return github_table(rows, ["Source", "Path", "Outlet / title", "Published", "Claims", "Notes"])


def _problems(report: Report) -> list[str]:
    bad = [s for s in report.sources if s.errors]
    if not bad:
        return []
    out = ["## Sources with problems", "",
           f"{_n(len(bad), 'source')} could not be checked; every other source was checked in full.", ""]
    out += [f"- {_code(s.id)} ({_code(s.path)}): {_md('; '.join(s.errors))}" for s in bad]
    return out + [""]


# one escaping function per place a text from a source stands (consistency.escape)
_md, _cell, _code, _code_cell = markdown_text, markdown_cell, markdown_code, markdown_code_cell
