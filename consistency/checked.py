"""The Report: everything a check found, as the renderers take it.

Apart from the pipeline so that a re-run on an unchanged corpus, which
re-emits its reports from the cache and assembles none, need not define it
(nor import dataclasses, which imports inspect).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from consistency.baseline import Entry
    from consistency.model import Claim, Finding
    from consistency.report.delta import Delta
    from consistency.rules import Slot
    from consistency.sources import Source
    from consistency.vocab import Vocabulary


@dataclass(frozen=True)
class Report:
    sources: list[Source]
    claims: list[Claim]
    findings: list[Finding]
    slots: list[Slot]
    mentioned: frozenset[tuple[str, str]] = frozenset()  # (slot, source) with the slot's words in context
    accepted: dict[str, str] = field(default_factory=dict)  # fingerprint → reason, from the baseline
    stale: tuple[Entry, ...] = ()  # baseline entries that match nothing any more
    delta: Delta | None = None  # new / resolved / unchanged since an earlier report
    generated: str | None = None  # a timestamp, only when asked for
    date_doubts: dict[str, str] = field(default_factory=dict)  # source id → why its own date is in doubt
    independent: dict[str, int] = field(default_factory=dict)  # slot → sources that are not copies of another
    copied: dict[str, str] = field(default_factory=dict)  # claim id → the source whose text it repeats
    cache_note: str = ""  # how many files came from the cache, or what happened to a bad cache
    vocab: Vocabulary | None = None  # for currency conversions shown in the report
    unit_problems: list[str] = field(default_factory=list)  # slots whose claims' units cannot be compared

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def fingerprints(self) -> list[str]:
        """The stable identity of each finding, in order."""
        from consistency.fingerprint import of_finding

        return [of_finding(f, self.by_id) for f in self.findings]

    @cached_property
    def described(self) -> dict[str, str]:
        """Each claim's value as the reports write it, by claim id: worked out
        once for the Markdown's tables and charts and SARIF's messages, which
        described every conflicting claim two or three times (a tenth of a
        second per 10,000 articles)."""
        from consistency.values import describe

        return {c.id: describe(c.value) for c in self.claims}

    def updated(self, **changes: Any) -> Report:
        """dataclasses.replace, keeping what was worked out from the claims
        and findings (ids, fingerprints, descriptions, found pairs) when
        neither changes: a fingerprint hashes every claim of its finding, a
        tenth of a second per 10,000 articles each time."""
        new = replace(self, **changes)
        if "claims" not in changes and "findings" not in changes:
            for name in ("by_id", "fingerprints", "described", "_found"):
                if name in self.__dict__:
                    new.__dict__[name] = self.__dict__[name]  # as cached_property itself stores it
        return new

    def is_accepted(self, index: int) -> bool:
        """Without a baseline nothing is accepted: no fingerprint is worked out to say so."""
        return bool(self.accepted) and self.fingerprints[index] in self.accepted

    def failing(self, floor: int) -> list[Finding]:
        """Conflicts at or above a severity rank, baselined ones excepted."""
        rank = {"info": 0, "warning": 1, "error": 2}
        return [f for i, f in enumerate(self.findings)
                if f.kind == "conflict" and rank[f.severity] >= floor and not self.is_accepted(i)]

    @cached_property
    def _found(self) -> frozenset[tuple[str, str]]:
        return frozenset((c.slot, c.source) for c in self.claims)

    def coverage(self, slot_id: str, source_id: str) -> str:
        """found | ambiguous (mentioned, no value taken) | not mentioned."""
        if (slot_id, source_id) in self._found:
            return "found"
        return "ambiguous" if (slot_id, source_id) in self.mentioned else "not mentioned"

    def slot(self, slot_id: str) -> Slot:
        return next(s for s in self.slots if s.id == slot_id)
