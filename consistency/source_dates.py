"""Sources whose own date the corpus contradicts.

An article dated 2025-06-12 that reports a summit other sources hold on
24–25 June as already under way is misdated (or its dateline is wrong), and
every relative date in it ("on Tuesday") is then wrong too. When a source's
claim in a date slot was resolved against its own date, and the other
sources put that event entirely after that date, the source's date is in
doubt; the report says so next to the source.
"""

from __future__ import annotations

from collections import defaultdict

from consistency.model import Claim, Finding
from consistency.sources import Source
from consistency.values import DateSpan, describe


def doubts(sources: list[Source], claims: dict[str, Claim], findings: list[Finding]) -> dict[str, str]:
    """source id → why its date is in doubt."""
    dated = {s.id: s for s in sources if s.published is not None}
    out: dict[str, str] = {}
    for f in findings:
        if f.kind != "conflict":
            continue
        cs = [claims[i] for i in f.claims]
        if not all(isinstance(c.value, DateSpan) for c in cs):
            continue
        by_source: dict[str, list[Claim]] = defaultdict(list)
        for c in cs:
            by_source[c.source].append(c)
        for sid, own in sorted(by_source.items()):
            src = dated.get(sid)
            if src is None or not any("source's date" in c.note for c in own):
                continue
            # the other sides of the conflict: a vaguer claim on this source's side ("in June") agrees
            # with both and says nothing about the date
            mine = {c.id for c in own}
            others = [claims[i] for side in f.sides if not mine & set(side) for i in side]
            starts = [c.value.start for c in others if isinstance(c.value, DateSpan) and c.value.start]
            if others and len(starts) == len(others) and min(starts) > src.published:  # type: ignore[operator]
                later = sorted({describe(c.value) for c in others})
                who = sorted({c.source for c in others}, key=_natural)
                out.setdefault(sid, (
                    f"dated {src.published.isoformat()} ({src.published_from or 'its own date'}), but it reports "
                    f"`{f.slot}` as {describe(own[0].value)} ({own[0].note}), while "
                    f"{', '.join(who[:3])}{' and others' if len(who) > 3 else ''} put it at "
                    f"{', '.join(later[:3])}: after the source's own date"))  # type: ignore[union-attr]
    return out


def _natural(source_id: str) -> tuple[str, int]:
    """002#8 before 002#10."""
    base, _, n = source_id.partition("#")
    return (base, int(n) if n.isdigit() else -1)
