"""One slot applied to one sentence: which value mentions fill the slot.

A sentence often holds several figures ("3.5% for core needs and 1.5% for
broader areas, … 5% in all"), and several slots want figures from the same
sentence. Each mention is given to a slot only when one of the slot's trigger
words is near it (counted in content words, so "the" and "of" do not push
words apart) and no rival word is nearer: "the current 2% goal" is the old
benchmark, not the new target, because `current` is as near as `goal`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from consistency.extract.dates import DateMention
from consistency.extract.numbers import NumberMention
from consistency.rules import Slot, phrase_regex
from consistency.values import DateSpan, Quantity

_TOKEN = re.compile(r"[\w$€£%]+(?:[’'.-]\w+)*")
_STOP = frozenset(
    """the a an of to in on at for by and its their his her our that which was were
    is are be been has have had this these those it as with from into""".split()
)
_BARE_FOLLOWERS = frozenset(
    """were was are is had have has of which that who in on at by for from with and
    or but to will would could may might been being per each more than were
    probably reportedly also had already still""".split()
)
_BREAK = re.compile(r"[,;:()\[\]“”\"—–]|\.\s")


@dataclass
class SentenceView:
    """A sentence tokenised once, for word distances between spans."""

    text: str

    def __post_init__(self) -> None:
        toks = list(_TOKEN.finditer(self.text))
        self.starts = [t.start() for t in toks]
        self.ends = [t.end() for t in toks]
        self.words = [t.group(0).lower() for t in toks]
        prefix = [0]
        for w in self.words:
            prefix.append(prefix[-1] + (w not in _STOP))
        self.prefix = prefix

    def gap(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """Content words between two spans, plus one; 0 when they overlap."""
        if a[1] <= b[0]:
            left, right = a[1], b[0]
        elif b[1] <= a[0]:
            left, right = b[1], a[0]
        else:
            return 0
        i = bisect.bisect_left(self.starts, left)
        j = bisect.bisect_left(self.starts, right)
        return self.prefix[j] - self.prefix[i] + 1


@dataclass
class CompiledSlot:
    """A slot with its phrase lists compiled once for the whole run."""

    spec: Slot
    triggers: re.Pattern[str]
    rivals: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    units: re.Pattern[str] | None
    context: list[re.Pattern[str]]

    @staticmethod
    def build(spec: Slot) -> CompiledSlot:
        return CompiledSlot(
            spec,
            _union(spec.triggers),  # type: ignore[arg-type]
            _union(spec.rivals),
            _union(spec.exclude),
            _union(spec.unit_words),
            [p for p in (_union(group) for group in spec.context) if p is not None],
        )

    def wants(self, kind: str) -> bool:
        t = self.spec.type
        if t in ("count", "quantity"):
            return kind == "number"
        return kind == t

    def take(self, view: SentenceView, mention: NumberMention | DateMention) -> tuple[bool, str]:
        """Whether the mention fills this slot, and if not, why not."""
        span = (mention.start, mention.end)
        if isinstance(mention, NumberMention) and self.spec.type in ("count", "quantity"):
            unit = self._unit_after(view, mention.end)
            if unit == "other":
                return False, "counts something else (the word after it is not a unit of this slot)"
            if unit == "bare" and not self.spec.bare_number:
                return False, "no unit word after it"
        if isinstance(mention, NumberMention) and self.spec.type == "duration" and self.spec.unit:
            if mention.value.unit != self.spec.unit:
                return False, f"duration in {mention.value.unit}s, slot is in {self.spec.unit}s"
        if isinstance(mention, NumberMention) and self.spec.type == "money" and self.spec.unit:
            pass  # other currencies are kept: the comparator reports them apart
        near = _nearest(view, self.triggers, span)
        if near is None or near > self.spec.max_distance:
            return False, "no trigger word near it"
        if self.rivals is not None:
            rival = _nearest(view, self.rivals, span)
            if rival is not None and rival <= near:
                return False, "a rival word is nearer than any trigger"
        return True, ""

    def _unit_after(self, view: SentenceView, end: int) -> str:
        """'unit' when a unit word follows (adjectives may stand between),
        'bare' when the figure stands alone ("four were shot down"), 'other'
        when it counts something else ("4 airports", "415 drones and 43 …")."""
        i = bisect.bisect_left(view.starts, end)
        for k in range(i, min(i + 4, len(view.starts))):
            between = view.text[view.ends[k - 1] if k > i else end:view.starts[k]]
            if _BREAK.search(between):
                return "bare" if k == i else "other"
            if self.units is not None and self.units.match(view.text, view.starts[k]):
                return "unit"
            if view.words[k] in _BARE_FOLLOWERS or view.words[k][:1].isdigit():
                return "bare" if k == i else "other"
        return "bare" if i >= len(view.starts) else "other"

    def excluded(self, text: str) -> bool:
        return self.exclude is not None and self.exclude.search(text) is not None


def _union(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile("|".join(phrase_regex(p) for p in phrases), re.IGNORECASE)


def _nearest(view: SentenceView, pattern: re.Pattern[str], span: tuple[int, int]) -> int | None:
    best = None
    for m in pattern.finditer(view.text):
        if m.end() == m.start():
            continue
        d = view.gap((m.start(), m.end()), span)
        if best is None or d < best:
            best = d
    return best


def slot_value(spec: Slot, mention: NumberMention | DateMention) -> Quantity | DateSpan | None:
    """The mention's value as the slot stores it (counts take the slot's unit)."""
    if isinstance(mention, DateMention):
        return mention.value
    q = mention.value
    if spec.type in ("count", "quantity"):
        return q.with_unit(spec.unit)
    return q
