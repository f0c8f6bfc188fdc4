"""Source → claims for every slot, in one pass over the text.

All slots' trigger phrases are compiled into one pattern. A single scan of
the source finds every sentence that could hold a claim and which slots it
could feed; only those sentences are parsed for numbers and dates, and each
sentence is parsed once however many slots want it. Cost therefore grows with
the text, not with text × rules.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from consistency.extract.attribution import find_speaker, is_anaphor
from consistency.extract.dates import DateContext, DateMention, scan_dates
from consistency.extract.numbers import NumberMention, scan_numbers
from consistency.extract.slots import CompiledSlot, SentenceView, slot_value
from consistency.model import Claim
from consistency.rules import Slot, phrase_regex
from consistency.segment import Segment, split
from consistency.sources import Source
from consistency.vocab import Vocabulary

_QUOTE_MAX = 400
_CLAUSE_BREAK = re.compile(r",\s+(?:but|while|whereas|although)\b|;")


@dataclass
class Matcher:
    """All slots compiled once for the whole run."""

    slots: list[CompiledSlot]
    vocab: Vocabulary
    combined: re.Pattern[str]
    _route: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @staticmethod
    def build(specs: list[Slot], vocab: Vocabulary) -> Matcher:
        slots = [CompiledSlot.build(s) for s in specs]
        return Matcher(slots, vocab, _combined([p for s in specs for p in s.triggers]))

    def route(self, hit: str) -> tuple[int, ...]:
        """Slots one of whose triggers lies inside the matched text (cached:
        a corpus has few distinct trigger spellings)."""
        key = hit.lower()
        got = self._route.get(key)
        if got is None:
            got = tuple(i for i, s in enumerate(self.slots) if s.triggers.search(hit))
            self._route[key] = got
        return got

    def extract(self, source: Source) -> list[Claim]:
        """Every claim the source makes in any slot, attributions unmerged."""
        segments = split(source.text)
        if not segments:
            return []
        starts = [s.start for s in segments]
        wanted: dict[int, set[int]] = defaultdict(set)
        for m in self.combined.finditer(source.text):
            hit = m.group(1)
            seg = bisect.bisect_right(starts, m.start()) - 1
            if seg >= 0 and m.start() < segments[seg].end:
                wanted[seg].update(self.route(hit))
        ctx = source.date_context()
        speakers = _Speakers(segments)
        claims: list[Claim] = []
        for seg_i in sorted(wanted):
            seg = segments[seg_i]
            if not seg.prose:
                continue
            claims.extend(self._claims_in(source, segments, seg, sorted(wanted[seg_i]), ctx, speakers))
        return claims

    def _claims_in(self, source: Source, segments: list[Segment], seg: Segment, slot_ids: list[int],
                   ctx: DateContext, speakers: _Speakers) -> list[Claim]:
        view = SentenceView(seg.text)
        numbers: list[NumberMention] | None = None
        dates: list[DateMention] | None = None
        out: list[Claim] = []
        for i in slot_ids:
            slot = self.slots[i]
            if slot.excluded(seg.text) or not _in_context(slot, segments, seg.index):
                continue
            if slot.spec.type == "date":
                if dates is None:
                    dates = scan_dates(seg.text, ctx)
                mentions: list[NumberMention] | list[DateMention] = [d for d in dates if d.value is not None]
            else:
                if numbers is None:
                    numbers = scan_numbers(seg.text, self.vocab)
                mentions = [n for n in numbers if slot.wants(n.kind)]
            for mention in mentions:
                ok, _why = slot.take(view, mention)
                if not ok:
                    continue
                value = slot_value(slot.spec, mention)
                if value is None:
                    continue
                line = seg.line + seg.text.count("\n", 0, mention.start)
                out.append(Claim(
                    slot=slot.spec.id, source=source.id, line=line, offset=seg.start + mention.start,
                    quote=_quote(seg.text), surface=mention.text, value=value,
                    attributed_to=speakers.at(seg.index, mention.end),
                    note=mention.note if isinstance(mention, DateMention) else "",
                ))
        return out


def _in_context(slot: CompiledSlot, segments: list[Segment], index: int) -> bool:
    """Every context group must be named within the slot's window of sentences."""
    if not slot.context:
        return True
    w = slot.spec.context_window
    window = segments[max(0, index - w):index + w + 1]
    return all(any(p.search(s.text) for s in window) for p in slot.context)


class _Speakers:
    """Speaker per sentence, with "he said" / "the source added" resolved to
    the last speaker named in the six sentences before."""

    def __init__(self, segments: list[Segment]):
        self.segments = segments
        self.cache: dict[int, tuple[str, int] | None] = {}

    def named(self, i: int) -> str | None:
        found = self.found(i)
        return found[0] if found else None

    def found(self, i: int) -> tuple[str, int] | None:
        if i not in self.cache:
            self.cache[i] = find_speaker(self.segments[i].text)
        return self.cache[i]

    def at(self, i: int, value_end: int) -> str | None:
        """Speaker of a value ending at `value_end` in sentence i. A speaker
        named after the value, beyond a clause break ("…32 members, but
        Kremlin spokesman Peskov said…"), speaks of something else."""
        found = self.found(i)
        text = self.segments[i].text
        if (found is not None and found[1] > value_end and not _inside_quote(text, value_end)
                and _CLAUSE_BREAK.search(text, value_end, found[1])):
            return None
        name = found[0] if found else None
        if name is None or not is_anaphor(name):
            return name
        for j in range(i - 1, max(-1, i - 7), -1):
            prev = self.named(j)
            if prev and not is_anaphor(prev):
                return prev
        return None


def _inside_quote(text: str, pos: int) -> bool:
    """Whether pos lies inside quotation marks: a quote's speaker owns all of it."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…"


def _combined(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for all triggers. A zero-width lookahead at each word start
    reports overlapping triggers too; alternatives are grouped by first letter
    so the engine tries only those that can start at a position."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in sorted(set(phrases), key=lambda p: (-len(p), p)):
        first = p[3:4] if p.startswith("re:") else p[:1]
        key = first.lower() if first.isalpha() and not p.startswith("re:") else ""
        groups[key].append(phrase_regex(p))
    parts = []
    for key in sorted(groups):
        alts = "|".join(groups[key])
        parts.append(f"(?=[{key}{key.upper()}])(?:{alts})" if key else f"(?:{alts})")
    return re.compile(rf"(?=({'|'.join(parts)}))", re.IGNORECASE)
