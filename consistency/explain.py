"""`explain SLOT`: why a slot holds what it holds, and why it missed what it
missed.

A user who sees a fact missing from the report needs the tool's reasoning,
not its code: every claim with its sentence, the word that made it match and
how its value was normalised, then every sentence that spoke of the slot's
words without giving it a value, with the reason it was refused.
"""

from __future__ import annotations

from pathlib import Path

from consistency.extract.matcher import Matcher, NearMiss
from consistency.model import Claim
from consistency.pipeline import assemble
from consistency.rules import Slot
from consistency.boundary import extract, sources_of
from consistency.escape import terminal
from consistency.ids import Ids
from consistency.sources import Source, discover
from consistency.values import describe, describe_span
from consistency.vocab import Vocabulary


def explain(slot: Slot, paths: list[Path], vocab: Vocabulary, source_id: str | None = None) -> str | None:
    """The explanation as text; None when `source_id` names no source (a file
    id selects all the articles of a digest page)."""
    files, broken = discover(paths)
    matcher = Matcher.build([slot], vocab)
    sources: list[Source] = list(broken)
    raw: list[Claim] = []
    misses: list[NearMiss] = []
    why: dict[tuple[str, str, int], str] = {}
    ids = Ids()  # as check gives them (consistency.ids): the files', then those that could not be read
    for src in (s for f in files for s in _admitted(ids, sources_of(f))):
        if source_id and src.id != source_id and src.id.split("#")[0] != source_id:
            continue
        sources.append(src)
        got = None if src.errors else extract(matcher, src, trace=True)
        if got is None:
            continue
        raw += got.claims
        misses += got.misses
        why.update(got.why)
    ids.admit(list(broken))
    report = assemble(sources, raw, [slot], vocab)
    out = [f"{slot.id}: {slot.description}", _shape(slot), ""]
    if source_id and not sources:
        return None
    out.append(f"Claims ({len(report.claims)}):" if report.claims else "Claims: none.")
    for c in report.claims:
        who = f" — {c.attributed_to}" if c.attributed_to else ""
        value = describe(c.value) + (f" ({c.note})" if c.note else "")
        out += [f"  {c.source}, line {c.line}{who}",
                f"    “{c.quote}”",
                f"    “{c.surface}” → {value}; {why.get((c.slot, c.source, c.offset), '')}",
                f"    as of {describe_span(c.as_of) + ' (' + c.as_of_note + ')' if c.as_of else 'an unknown date'}"
                + (f"; period {describe_span(c.period)} (`{c.period_note}`)" if c.period else "")]
    for f in report.findings:
        out += ["", f"Verdict: {f.kind.replace('_', ' ')}: {f.message}"]
    # values refused are worth a look each; sentences with no value at all are listed by line
    detailed = [m for m in misses if m.surface or not m.reason.startswith("no ")]
    valueless: dict[tuple[str, str], list[int]] = {}
    for m in misses:
        if m not in detailed:
            valueless.setdefault((m.source, m.reason), []).append(m.line)
    count = len(detailed) + sum(len(set(v)) for v in valueless.values())
    out += ["", f"Near misses ({count}):" if count else "Near misses: none."]
    for m in sorted(detailed, key=lambda m: (m.source, m.line, m.surface)):
        what = f"“{m.surface}”: " if m.surface else ""
        out += [f"  {m.source}, line {m.line}: {what}{m.reason}", f"    “{m.sentence}”"]
    for (source, reason), lines in sorted(valueless.items()):
        shown = ", ".join(str(n) for n in sorted(set(lines)))
        out.append(f"  {source}: the slot's words, but {reason}: line{'s' if len(set(lines)) > 1 else ''} {shown}")
    return "\n".join(map(terminal, out)) + "\n"  # each line as a terminal shows it: no escape obeyed


def _admitted(ids: Ids, sources: list[Source]) -> list[Source]:
    ids.admit(sources)
    return sources


def _shape(slot: Slot) -> str:
    """The rule in one line: what it takes and where it looks."""
    unit = f" of {slot.unit}" if slot.unit else ""
    parts = [f"{slot.type}{unit}", f"triggers within {slot.max_distance} words: {', '.join(slot.triggers)}"]
    if slot.context:
        w = slot.context_window
        where = "the sentence" if w == 0 else f"{w} sentence{'s' if w > 1 else ''} either side"
        parts.append("context (" + where + "): " + " / ".join("|".join(g) for g in slot.context))
    if slot.exclude:
        parts.append("excluded by: " + ", ".join(slot.exclude))
    return "; ".join(parts)
