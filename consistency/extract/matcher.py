"""Source → claims for every slot, in one pass over the text.

All slots' trigger phrases are compiled into one pattern. A single scan of
the source finds every sentence that could hold a claim and which slots it
could feed; only those sentences are parsed for numbers and dates, and each
sentence is parsed once however many slots want it. Cost therefore grows with
the text, not with text × rules.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field

from consistency.extract.as_of import AsOf, as_of, earlier, of_source
from consistency.extract.attribution import (Frame, frames, is_anaphor, is_body, person_before, speaker_of,
                                             stance_holder)
from consistency.extract.categories import LabelMention
from consistency.extract.dates import DateContext, DateMention, may_hold_dates, scan_dates
from consistency.extract.events import CompiledEvent, EventScope, Places
from consistency.extract.numbers import NumberMention, scan_numbers
from consistency.extract.periods import period_of
from consistency.extract.prefilter import (DocumentWords, PhraseTest, Starts, found_from_starts, may_hold_kind,
                                           may_hold_numbers, phrase_starts, phrase_words)
from consistency.extract.ratios import RatioMention, scan_ratios
from consistency.extract.clauses import holder, is_fragment
from consistency.extract.slots import CompiledSlot, Decision, SentenceView, slot_value
from consistency.rules.phrases import Pattern
from consistency.model import Claim
from consistency.rules import Slot, compile_phrases
from consistency.segment import Segment, split
from consistency.sources import Source
from consistency.vocab import Vocabulary

_QUOTE_MAX = 400
_RESOLVED_LATER = (DateMention, LabelMention)  # mentions whose value may be None (unresolved)


@dataclass
class Matcher:
    """All slots compiled once for the whole run."""

    slots: list[CompiledSlot]
    vocab: Vocabulary
    triggers: TriggerIndex
    places: Places = field(default_factory=lambda: Places({}))
    titled: list[int] = field(default_factory=list)  # category slots whose labels name a person's title
    events: dict[str, CompiledEvent] = field(default_factory=dict)  # by slot id
    topics: dict[str, list[str]] = field(default_factory=dict)  # topic → its slots with an event
    # what _claims_in reads of each slot for each sentence, in one tuple:
    # the slot, its id, type, family (which scan), context tests and window,
    # unit test and the kind of number it takes
    plans: list[tuple[CompiledSlot, str, str, int, list[PhraseTest], int, PhraseTest | None, str]] = field(
        init=False, repr=False, compare=False)

    @staticmethod
    def build(specs: list[Slot], vocab: Vocabulary) -> Matcher:
        places = Places(vocab.places)
        slots = [CompiledSlot.build(s) for s in specs]
        events: dict[str, CompiledEvent] = {}
        topics: dict[str, list[str]] = {}
        for slot in slots:
            if slot.spec.event is not None:
                slot.event = events[slot.spec.id] = CompiledEvent.build(slot.spec.event, places)
                topics.setdefault(slot.spec.id.split(".")[0], []).append(slot.spec.id)
        index = TriggerIndex()
        for i, spec in enumerate(specs):
            for phrase in spec.triggers:
                index.add(phrase, i)
        titled = [i for i, slot in enumerate(slots) if slot.labels is not None and slot.spec.max_distance <= 2]
        return Matcher(slots, vocab, index, places=places, events=events, topics=topics, titled=titled)

    def __post_init__(self) -> None:
        self.plans = [(slot, slot.spec.id, slot.spec.type, _family(slot), slot.context_tests, slot.spec.context_window,
                       slot.unit_test, slot.number_kind) for slot in self.slots]

    def extract(self, source: Source, trace: bool = False) -> Extraction:
        """Every claim the source makes in any slot (attributions unmerged),
        which slots it mentions without a claim, and, with `trace`, why each
        mention that was not taken was refused."""
        result = Extraction()
        text = source.match_text
        segments = split(text)
        if not segments:
            return result
        ctx = source.date_context()
        words = DocumentWords(text, segments)
        speakers = _Speakers(segments, words)
        undated = of_source(ctx)  # the as-of dates of the claims whose sentence does not date them
        scope = EventScope(segments, ctx, self.places, self.events, self.topics)
        # slots_in's own work for an ASCII sentence, without its dispatch per sentence
        slots_in, slots_in_words = self.triggers.slots_in, self.triggers.slots_in_words
        mentioned: set[int] = set()  # the slots (by index) the source mentions: result.mentioned, at the end
        named_at: dict[int, int] = {}  # a category slot (by index) → the last sentence that named its party
        for seg, ws in zip(segments, words.sets):
            prose = seg.kind == "sentence"  # seg.prose, without a call per sentence
            if not prose and not trace:
                continue
            wanted = slots_in(seg.text) if ws is None else slots_in_words(seg.text, ws, words.padded[seg.index])
            if prose:
                for i in self.titled:
                    if i in wanted:
                        named_at[i] = seg.index
                    elif seg.index - named_at.get(i, -9) <= _REFERENT_REACH and _DEFINITE.search(seg.text):
                        # "Trump warns Spain … The US president had harsh words": the title stands for him
                        self._claims_in(source, segments, seg, [i], ctx, speakers, result, trace, words, undated,
                                        mentioned, scope, referent=True)
            if prose and seg.index and is_fragment(seg.text):
                # "… its largest air strike on Ukraine. More than 800 drones and 13 missiles.": a sentence with
                # no verb continues the one before it, whose words describe its figures
                prev = segments[seg.index - 1]
                if prev.kind == "sentence" and prev.paragraph >= seg.paragraph - 1:
                    joined = Segment(seg.index, prev.start, seg.end, prev.line, prev.paragraph,
                                     text[prev.start:seg.end])
                    more = slots_in(joined.text) - wanted
                    if more:
                        self._claims_in(source, segments, joined, sorted(more), ctx, speakers, result, trace, words,
                                        undated, mentioned, scope, seg.start - prev.start)
            if not wanted:
                continue
            if not prose:
                for i in sorted(wanted):
                    result.miss(self.slots[i].spec.id, source, seg, "", f"not prose (a {seg.kind} line)")
                continue
            self._claims_in(source, segments, seg, sorted(wanted), ctx, speakers, result, trace, words, undated,
                            mentioned, scope)
        result.mentioned.update((self.plans[i][1], source.id) for i in mentioned)
        if ctx.published is None and scope.readings:
            _date_by_events(result, scope)
        return result

    def _claims_in(self, source: Source, segments: list[Segment], seg: Segment, slot_ids: list[int],
                   ctx: DateContext, speakers: _Speakers, result: Extraction, trace: bool,
                   words: DocumentWords, undated: AsOf, mentioned: set[int], scope: EventScope,
                   continued: int = 0, referent: bool = False) -> None:
        """The claims of one sentence, for the slots (indices, in order) whose
        triggers it has. `mentioned`: the slots the source has mentioned so
        far, by index, which this adds to (a set of ints, not of (slot,
        source) pairs: no pair is made and hashed for each slot of each
        sentence)."""
        view: SentenceView | None = None  # tokenised only for a sentence with a value to place
        numbers: list[NumberMention] | None = None
        dates: list[DateMention] | None = None
        ratios: list[RatioMention] | None = None
        quote: str | None = None  # one string for every claim of the sentence
        text, index, source_id = seg.text, seg.index, source.id
        word_set, padded = words.sets[index], words.padded[index]
        if continued:  # a fragment read with the sentence before it: only its own figures, no shortcuts
            word_set = padded = None
        # the sentence folded, for the scans' word tests (None: not ASCII): words.fold(seg), without its call
        fold = None if padded is None else (padded, word_set)
        prefilter: list[bool | None] = [None, None]  # whether it may hold numbers, dates: asked once (_may_fill)
        vocab, plans = self.vocab, self.plans
        for i in slot_ids:
            slot, sid, kind, family, context_tests, window, unit_test, want = plans[i]
            if not trace and i in mentioned and not _may_fill(slot, family, text, word_set, padded, numbers, dates,
                                                                 prefilter, vocab):
                continue  # already mentioned, and no value of its kind here: nothing could change
            if slot.exclude is not None:
                word = slot.excluded(text, fold)
                if word:
                    if trace:
                        result.miss(sid, source, seg, "", f"excluded: the sentence says `{word}`")
                    continue
            if context_tests and not words.in_context(context_tests, window, segments, index):
                if trace:
                    result.miss(sid, source, seg, "", _context_reason(slot))
                continue
            mentioned.add(i)
            mentions: list[NumberMention] | list[DateMention] | list[LabelMention] | list[RatioMention]
            if family == _DATE:
                if dates is None:
                    dates = scan_dates(text, ctx, fold)
                mentions = list(dates)
            elif family == _LABEL:
                mentions = (slot.labels.scan(text, fold)  # type: ignore[union-attr]
                            if slot.may_name_label(text, word_set, padded) else [])
            elif family == _RATIO:
                if ratios is None:
                    ratios = scan_ratios(text)
                mentions = ratios
            elif not trace and unit_test is not None and not unit_test.search(text, word_set, padded):
                mentions = []  # no unit word in the sentence: `take` would refuse each of its figures
            elif numbers is None and not may_hold_kind(want, text, word_set, vocab):
                mentions = []  # no `%`, currency or time word: no figure of the slot's kind (not scanned)
            else:
                if numbers is None:
                    if prefilter[0] is None:
                        prefilter[0] = may_hold_numbers(text, word_set, vocab)
                    numbers = (_without_restatements(text, scan_numbers(text, vocab, fold))
                               if prefilter[0] else [])
                mentions = [n for n in numbers if n.kind == want]
            if continued:
                mentions = [m for m in mentions if m.start >= continued]  # type: ignore[assignment]
            if not mentions:
                if trace:
                    result.miss(sid, source, seg, "", f"no {_kind_name(kind)} in the sentence")
                continue
            if family == _NUMBER and len(mentions) > 1:
                if view is None:
                    view = SentenceView(text, fold)
                mentions = slot.with_sums(view, mentions)  # type: ignore[arg-type]
                # the other figures a word may describe instead: those this slot could take (of its unit)
                candidates = [(m.start, m.end) for m in mentions if slot.refuse_unit(view, m) is None]  # type: ignore[arg-type]
            else:
                candidates = None
            spans = [(m.start, m.end) for m in mentions]
            event = slot.event
            for mention in mentions:
                if (event is not None and isinstance(mention, DateMention) and mention.value is None
                        and scope.about(sid) is not None):
                    mention = scope.resolve(mention, event)
                if isinstance(mention, _RESOLVED_LATER) and mention.value is None:
                    if trace:
                        why = "date not resolved: " if isinstance(mention, DateMention) else ""
                        result.miss(sid, source, seg, mention.text, why + mention.note)
                    continue
                if view is None:
                    view = SentenceView(text, fold)
                if referent:
                    decision = _as_referent(text, mention)  # type: ignore[arg-type]
                else:
                    decision = slot.take(view, mention, spans, candidates, continued)
                value = slot_value(slot.spec, mention) if decision.ok else None
                if value is None:
                    if trace:
                        result.miss(sid, source, seg, mention.text, decision.reason)
                    continue
                start, end = mention.start, mention.end
                at = seg.start + start
                if dates is None:
                    dates = scan_dates(text, ctx, fold)
                if slot.spec.said_by:
                    refused = self._held_by_another(slot, text, (start, end))
                    if refused:
                        if trace:
                            result.miss(sid, source, seg, mention.text, refused)
                        continue
                if event is not None:
                    own = mention if isinstance(mention, DateMention) else None
                    refused = scope.refuse(sid, event, seg, (start, end), dates, own)
                    if refused:
                        if trace:
                            result.miss(sid, source, seg, mention.text, refused)
                        continue
                if isinstance(mention, DateMention) and mention.relative is not None and ctx.published is None \
                        and mention.value is not None and mention.relative.kind != "yearless":
                    scope.readings.append((mention, mention.value))  # read near the event: dates the source
                when = as_of(text, dates, (start, end), ctx, undated, word_set, padded) if dates else undated
                if when is undated or when.span is (undated.span if undated else None):
                    when = earlier(text, (start, end), when)
                if quote is None:
                    quote = _quote(source.text[seg.start:seg.end])
                period = period_of(text, (start, end), when.span.end if when.span else None) if slot.spec.totals else None
                speaker = speakers.at(index, (start - continued, end - continued))
                if speaker is None and isinstance(mention, LabelMention):
                    speaker = stance_holder(text, start, self.places)
                result.claims.append(Claim(
                    slot=sid, source=source_id, line=source.file_line(seg.line + text.count("\n", 0, start)),
                    offset=at, quote=quote, surface=source.text[at:seg.start + end], value=value,
                    attributed_to=speaker,
                    note=getattr(mention, "note", ""),
                    as_of=when.span, as_of_note=when.note,
                    period=period[0] if period else None, period_note=period[1] if period else "",
                ))
                if trace:
                    result.why[(sid, source_id, at)] = decision.reason


    def _held_by_another(self, slot: CompiledSlot, text: str, span: tuple[int, int]) -> str | None:
        """Why a figure is not what the slot's parties say (`said_by`): its
        clause gives it as someone else's; None when it does not."""
        who = holder(text, span)
        if who is None:
            return None
        ours = self.places.names_of(slot.spec.said_by)
        named = {p.place for p in self.places.find(who)}
        lowered = who.lower()
        if named & ours or any(w.lower() in lowered for w in slot.spec.said_by):
            return None
        return f"held by another: `{who}` (the slot is what {', '.join(slot.spec.said_by)} say)"


@dataclass(frozen=True)
class NearMiss:
    """A sentence that spoke of a slot's words without giving it a value."""

    slot: str
    source: str
    line: int
    sentence: str
    surface: str
    reason: str


@dataclass
class Extraction:
    """What one source yields: claims, the slots it mentions, and (traced)
    the near misses and the words that made each claim match."""

    claims: list[Claim] = field(default_factory=list)
    mentioned: set[tuple[str, str]] = field(default_factory=set)
    misses: list[NearMiss] = field(default_factory=list)
    why: dict[tuple[str, str, int], str] = field(default_factory=dict)

    def miss(self, slot: str, source: Source, seg: Segment, surface: str, reason: str) -> None:
        self.misses.append(NearMiss(slot, source.id, source.file_line(seg.line),
                                    _quote(source.text[seg.start:seg.end]), surface, reason))


_REFERENT_REACH = 3  # sentences after its party was named that "the president" still refers to it
_DEFINITE = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w.]*\s+)?[a-z]")  # "the US president", "The president"
_A_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w’'-]+|of\b)")


def _as_referent(text: str, mention: LabelMention) -> Decision:
    """A title used for the slot's party just named ("the US president"), or
    not: without `the` before it, or with a name after it ("the US
    President Joe Biden", "the president of Finland"), it is someone else's."""
    head = text[max(0, mention.start - 5):mention.start].lower()
    if not (head.endswith("the ") or text[mention.start:mention.start + 4].lower() == "the ") \
            or _A_NAME_AFTER.match(text, mention.end):
        return Decision(False, f"`{mention.text}` is not a title standing for the party named before")
    return Decision(True, f"`{mention.text}` stands for the party named in the sentences before")


def _date_by_events(result: Extraction, scope: EventScope) -> None:
    """A source with no date, whose relative dates of an event say when it
    was written ("next week's summit"): its claims that nothing else dates
    are as of then, so that a stance it reports can be told from a later one
    rather than overlapping every date."""
    written = scope.written()
    if written is None:
        return
    span, said = written
    a, b = span.start.isoformat(), span.end.isoformat()  # type: ignore[union-attr]
    note = f"the source has no date; {said} put its writing at {a}" + (f" – {b}" if b != a else "")
    result.claims[:] = [c if c.as_of is not None else dataclasses.replace(c, as_of=span, as_of_note=note)
                        for c in result.claims]


_RESTATED = re.compile(r"\s*[(\[]\s*$")


def _without_restatements(sentence: str, numbers: list[NumberMention]) -> list[NumberMention]:
    """Drop a sum that restates the one before it in another currency, in
    brackets ("35 billion euros ($40.6 billion)"): it is the same amount,
    and the comparator converts currencies itself."""
    out: list[NumberMention] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (prev is not None and n.kind == "money" and prev.kind == "money"
                and prev.value.unit != n.value.unit and _RESTATED.match(sentence[prev.end:n.start])
                and sentence[n.end:n.end + 2].lstrip()[:1] in (")", "]")):
            continue
        out.append(n)
    return out


def _may_fill(slot: CompiledSlot, family: int, text: str, word_set: set[str] | None, padded: str | None,
              numbers: list[NumberMention] | None, dates: list[DateMention] | None, prefilter: list[bool | None],
              vocab: Vocabulary) -> bool:
    """False only when the sentence surely holds no value the slot takes:
    from the values found in it if they were, else from the prefilter.
    `prefilter` keeps the sentence's prefilter answers (numbers, dates) for
    its other slots: a sentence has several slots of one kind. (Only asked
    in an untraced run: a count with no unit word takes no figure.)"""
    if family == _DATE:
        if dates is not None:
            return bool(dates)
        if prefilter[1] is None:
            prefilter[1] = may_hold_dates(text)
        return prefilter[1]
    if family == _NUMBER:
        want = slot.number_kind
        if numbers is not None:
            return any(n.kind == want for n in numbers)
        if prefilter[0] is None:
            prefilter[0] = may_hold_numbers(text, word_set, vocab)
        return (prefilter[0] and may_hold_kind(want, text, word_set, vocab)
                and (slot.unit_test is None or slot.unit_test.search(text, word_set, padded)))
    if family == _LABEL:
        return slot.may_name_label(text, word_set, padded)
    return True


# how a slot's values are found: the `family` of Matcher.plans
_DATE, _LABEL, _RATIO, _NUMBER = range(4)


def _family(slot: CompiledSlot) -> int:
    """Which scan finds the slot's values, in the order _claims_in asks."""
    kind = slot.spec.type
    if kind == "date":
        return _DATE
    if slot.labels is not None:
        return _LABEL
    if kind == "ratio":
        return _RATIO
    return _NUMBER


def _kind_name(slot_type: str) -> str:
    return {"count": "number", "quantity": "number", "money": "sum of money", "percent": "percentage",
            "duration": "duration", "date": "date", "category": "phrase naming a label",
            "ratio": "comparison of rates"}[slot_type]


def _context_reason(slot: CompiledSlot) -> str:
    w = slot.spec.context_window
    groups = " and ".join("one of " + ", ".join(g) for g in slot.spec.context)
    where = "in the sentence" if w == 0 else f"within {w} sentence{'s' if w > 1 else ''} either side"
    return f"outside the window: needs {groups} {where}"


class _Speakers:
    """Who each value of a sentence is attributed to: the frame that reports
    it (attribution.frames), with "he said", "the source added", "the
    Spanish leader stressed" resolved to the last speaker named in the six
    sentences before, and "it said" to the last body or document."""

    def __init__(self, segments: list[Segment], words: DocumentWords | None = None):
        self.segments = segments
        self.cache: dict[int, list[Frame]] = {}

    def frames(self, i: int) -> list[Frame]:
        got = self.cache.get(i)
        if got is None:
            got = self.cache[i] = frames(self.segments[i].text)
        return got

    def named(self, i: int) -> str | None:
        return next((f.who for f in self.frames(i) if not is_anaphor(f.who)), None)

    def at(self, i: int, span: tuple[int, int]) -> str | None:
        """The speaker of the value at `span` of sentence i, if its sentence reports it."""
        found = speaker_of(self.frames(i), span)
        if found is None:
            return None
        name = found.who
        if not is_anaphor(name):
            return name
        body = name.lower() == "it"
        person = name.lower() in ("he", "she")
        if person:  # "… set Pedro Sánchez straight the day after he asserted …": named before it, in its sentence
            here = person_before(self.segments[i].text, found.start)
            if here:
                return here
        for j in range(i - 1, max(-1, i - 7), -1):
            prev = next((f.who for f in self.frames(j) if not is_anaphor(f.who) and (not body or is_body(f.who))
                         and not (person and (is_body(f.who) or len(f.who.split()) < 2 and f.who[:1].islower()))),
                        None)
            if prev:
                return prev
        return None


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…"


class TriggerIndex:
    """Every slot's trigger phrases, indexed by their first word.

    Each sentence's distinct words are looked up in a dict (and, for phrases
    like `produc*`, by their prefixes, memoised per word), and only the few
    phrases that start with one of them are matched in full. The cost per
    sentence is thus independent of how many rules there are; `re:` phrases,
    which have no first word, are searched on their own.
    """

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[Pattern, int]]] = defaultdict(list)
        self.stems: dict[int, dict[str, list[tuple[Pattern, int]]]] = defaultdict(lambda: defaultdict(list))
        self.loose: list[tuple[Pattern, int]] = []
        self._memo: dict[str, tuple[tuple[Pattern, int], ...]] = {}
        # for ASCII sentences given with their word set: whether a phrase's
        # first word settles it, the words a match needs (prefilter), and
        # where its matches can start (prefilter.phrase_starts; None: anywhere)
        self._settled: dict[Pattern, tuple[bool, frozenset[str], Starts | None]] = {}
        self._idle: set[str] = set()  # words that start no phrase
        self._settled_memo: dict[str, tuple[tuple[Pattern, int, bool, frozenset[str], Starts | None], ...]] = {}

    def add(self, phrase: str, slot: int) -> None:
        pattern = compile_phrases([phrase])
        assert pattern is not None
        head = re.match(r"(\w+)(\*?)", phrase) if not phrase.startswith("re:") else None
        if head is None:
            self.loose.append((pattern, slot))
        elif head.group(2) or phrase[head.end():head.end() + 1] == "*":
            self.stems[len(head.group(1))][head.group(1).lower()].append((pattern, slot))
        else:
            self.exact[head.group(1).lower()].append((pattern, slot))
        if head is not None:
            alone = phrase.isascii() and re.fullmatch(r"\w+\*?", phrase) is not None
            need = phrase_words(phrase) or frozenset()
            starts = phrase_starts([phrase])
            if pattern in self._settled:  # the same pattern from another phrase: what holds for both
                was = self._settled[pattern]
                alone, need = alone and was[0], need & was[1]
                starts = starts if starts == was[2] else None
            self._settled[pattern] = (alone, need, starts)

    def candidates(self, word: str) -> tuple[tuple[Pattern, int], ...]:
        """Phrases that may start with this (lower-case) word; memoised, as a
        corpus has far fewer distinct words than words."""
        got = self._memo.get(word)
        if got is None:
            found = list(self.exact.get(word, ()))
            for length, table in self.stems.items():
                if len(word) >= length:
                    found.extend(table.get(word[:length], ()))
            got = self._memo[word] = tuple(found)
        return got

    def slots_in(self, sentence: str, words: set[str] | None = None) -> set[int]:
        """The slots one of whose triggers occurs in the sentence: its distinct
        words are looked up, and only phrases starting with one of them are
        matched in full. `words`, the word set of an ASCII sentence
        (prefilter), spares most of those matches."""
        if words is not None:
            return self.slots_in_words(sentence, words)
        found: set[int] = set()
        memo, candidates = self._memo, self.candidates
        for word in set(_WORD.findall(sentence.lower())):
            cands = memo.get(word)
            if cands is None:
                cands = candidates(word)
            for pattern, slot in cands:
                if slot not in found and pattern.search(sentence):
                    found.add(slot)
        for pattern, slot in self.loose:
            if slot not in found and pattern.search(sentence):
                found.add(slot)
        return found

    def slots_in_words(self, sentence: str, words: set[str], padded: str | None = None) -> set[int]:
        """slots_in for an ASCII sentence and its word set: a phrase that is
        one word or one stem occurs when its first word does; any other is
        matched only when all its whole words are in the sentence, and,
        given `padded` (the sentence folded, a space each side), only where
        its first word or stem is (prefilter.found_from_starts)."""
        found: set[int] = set()
        memo, idle = self._settled_memo, self._idle
        if padded is not None and padded[-1] != " ":
            padded = None  # not padded at its end: a last word has no space after it to be found by
        for word in words - idle:
            cands = memo.get(word)
            if cands is None:
                cands = memo[word] = tuple((p, slot, *self._settled[p]) for p, slot in self.candidates(word))
            if not cands:
                idle.add(word)
                continue
            for pattern, slot, alone, need, starts in cands:
                if slot not in found and (alone or (need <= words and (
                        pattern.search(sentence) if starts is None or padded is None
                        else found_from_starts(pattern, sentence, starts, padded)))):
                    found.add(slot)
        for pattern, slot in self.loose:
            if slot not in found and pattern.search(sentence):
                found.add(slot)
        return found


_WORD = re.compile(r"\w+")
