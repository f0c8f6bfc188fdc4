"""The pipeline's hand-offs: claims (what a source says in a slot) and
findings (the comparator's verdict on a slot)."""

from __future__ import annotations

from dataclasses import dataclass, field

from consistency.values import DateSpan, Value


@dataclass(frozen=True, slots=True)
class Claim:
    """A value in a slot, with the evidence a reader needs to check it."""

    slot: str
    source: str
    line: int
    offset: int  # character offset of the value in the source: orders claims in a line
    quote: str
    surface: str  # the value as written
    value: Value
    attributed_to: str | None = None
    note: str = ""  # how a relative or year-less date was resolved, or how a ratio was derived
    id: str = ""
    as_of: DateSpan | None = None  # when the claim held; None: unknown (overlaps any date)
    as_of_note: str = ""  # where the as-of dates came from
    period: DateSpan | None = None  # the span a total covers (slots with `totals: true`)
    period_note: str = ""  # the words that gave the period

    def sort_key(self) -> tuple[str, str, int, int]:
        return (self.slot, self.source, self.line, self.offset)

    def numbered(self, id: str, attributed_to: str | None) -> Claim:
        """The claim with its report id and canonical speaker: built directly,
        as dataclasses.replace was a tenth of a second per 10,000 articles."""
        return Claim(self.slot, self.source, self.line, self.offset, self.quote, self.surface, self.value,
                     attributed_to, self.note, id, self.as_of, self.as_of_note, self.period, self.period_note)


@dataclass(frozen=True, slots=True)
class Finding:
    """A verdict on one slot. A conflict groups claims into sides that agree
    among themselves; sides are listed from the lowest values up."""

    slot: str
    kind: str  # conflict | changed | consistent | single_source
    severity: str  # error | warning | info
    claims: tuple[str, ...]
    message: str
    sides: tuple[tuple[str, ...], ...] = field(default=())
    within_source: str | None = None  # set when all conflicting claims come from one source
