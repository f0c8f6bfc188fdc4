"""One slot applied to one sentence: which value mentions fill the slot.

A sentence often holds several figures ("3.5% for core needs and 1.5% for
broader areas, … 5% in all"), and several slots want figures from the same
sentence. Each mention is given to a slot only when one of the slot's trigger
words is near it (counted in content words, so "the" and "of" do not push
words apart) and no rival word is nearer: "the current 2% goal" is the old
benchmark, not the new target, because `current` is as near as `goal`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from itertools import accumulate, repeat

from consistency.extract.categories import LabelMention, LabelTable
from consistency.extract.clauses import governing, linked
from consistency.extract.dates import DateMention
from consistency.extract.fold import FOLD
from consistency.extract.numbers import NumberMention
from consistency.extract.prefilter import PhraseTest, Starts, phrase_starts, phrase_test, spans_from_starts
from consistency.extract.ratios import RatioMention
from consistency.rules import Slot, compile_phrases
from consistency.rules.phrases import Pattern
from consistency.values import Category, DateSpan, Interval, Quantity

_TOKEN = re.compile(r"[\w$€£%]+(?:[’'.-]\w+)*")
_START, _END = re.Match.start, re.Match.end
_STOP = frozenset(
    """the a an of to in on at for by and its their his her our that which was were
    is are be been has have had this these those it as with from into""".split()
)
_BARE_FOLLOWERS = frozenset(
    """were was are is had have has of which that who in on at by for from with and
    or but to will would could may might been being per each more than were
    probably reportedly also had already still""".split()
)
# A trigger must be this many words nearer than any rival to win: in "spend
# 3.5% of GDP on core defence" the generic `spend` does not outweigh `core`,
# and in "the old target of 2%" `target` does not outweigh `old`.
RIVAL_MARGIN = 1
# `_TOKEN` with a group, for `split`, and its repeats possessive: a token's
# greedy match never gives back a character (the repeat after the first run
# matches empty), so the engine need not keep its places to backtrack to
_TOKEN_SPLIT = re.compile(r"([\w$€£%]++(?:[’'.-]\w++)*+)")
# the same for ASCII text, where `\\w` is `[A-Za-z0-9_]` either way: with
# re.ASCII the engine tests a character against a table rather than asking
# Unicode's database whether it is a letter or a digit
_TOKEN_SPLIT_ASCII = re.compile(_TOKEN_SPLIT.pattern, re.ASCII)
_WEIGHT = dict.fromkeys(_STOP, 0)  # a word's weight in a distance: .get(word, 1)
_BOUNDARY = re.compile(r"[,;–—]|\s-\s|\b(?:and|or|but|while|whereas|from|versus|vs)\b")
_BREAK = re.compile(r"[,;:()\[\]“”\"—–]|\s-\s|\.\s")


class SentenceView:
    """A sentence tokenised once, for word distances between spans. (A
    plain class: a dataclass's generated `__init__` would call
    `__post_init__` too, a second call for each of the thousands of views.)"""

    __slots__ = ("text", "fold", "starts", "ends", "words", "prefix", "_spans", "_cuts", "_folded", "_words",
                 "_ascii")

    def __init__(self, text: str, fold: tuple[str, set[str]] | None = None) -> None:
        """`fold`: the sentence's padded fold and word set, when the caller made them already."""
        self.text = text
        self.fold = fold
        ascii_ = text.isascii()
        # `_TOKEN` with a group: split gives the text between tokens and the
        # tokens in turn, and their running lengths are where each starts and
        # ends, with no match object or slice made per token. Lower-casing an
        # ASCII text keeps every token where it was.
        parts = _TOKEN_SPLIT_ASCII.split(text.lower()) if ascii_ else _TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts), initial=0))
        self.starts = offsets[1:-1:2]
        self.ends = offsets[2:-1:2]
        words = self.words = parts[1::2] if ascii_ else list(map(str.lower, parts[1::2]))
        # content words before each token (a stop word weighs 0, any other 1)
        self.prefix = list(accumulate(map(_WEIGHT.get, words, repeat(1)), initial=0))
        self._spans: dict[int, list[tuple[int, int]]] = {}  # by the pattern's id: hashing a pattern hashes its code
        self._cuts: dict[tuple[int, int], int | None] = {}
        self._folded, self._words = fold if fold is not None else (None, set())
        self._ascii = ascii_

    def spans(self, pattern: Pattern | None, starts: Starts | None = None) -> list[tuple[int, int]]:
        """The non-empty matches of a slot's phrase pattern in the sentence,
        found once per sentence however many values the slot weighs. Given
        where the pattern's matches can start (prefilter.phrase_starts, made
        once per slot), an ASCII sentence is matched only there."""
        if pattern is None:
            return []
        got = self._spans.get(id(pattern))
        if got is None:
            if starts is None or not self._ascii:
                got = _spans(pattern, self.text)
            else:
                if self._folded is None:
                    self._folded = " " + self.text.translate(FOLD) + " "
                    self._words = set(self._folded.split())
                got = spans_from_starts(pattern, self.text, starts, self._folded, self._words)
            self._spans[id(pattern)] = got
        return got

    def gap(self, a: tuple[int, int], b: tuple[int, int]) -> int:
        """Content words between two spans, plus one; 0 when they overlap."""
        if a[1] <= b[0]:
            left, right = a[1], b[0]
        elif b[1] <= a[0]:
            left, right = b[1], a[0]
        else:
            return 0
        starts, prefix = self.starts, self.prefix
        return prefix[bisect_left(starts, right)] - prefix[bisect_left(starts, left)] + 1

    def gaps(self, spans: list[tuple[int, int]], span: tuple[int, int]) -> list[int]:
        """`gap(s, span)` for each of the spans, with the words up to the
        value's two ends counted once rather than once per span."""
        starts, prefix = self.starts, self.prefix
        start, end = span
        before = prefix[bisect_left(starts, start)] + 1
        after = prefix[bisect_left(starts, end)] - 1
        return [before - prefix[bisect_left(starts, b)] if b <= start
                else prefix[bisect_left(starts, a)] - after if end <= a
                else 0
                for a, b in spans]

    def last_boundary(self, start: int, end: int) -> int | None:
        """Where the last clause boundary between two offsets ends, if any;
        asked for each rival between each pair of values, so kept."""
        key = (start, end)
        if key in self._cuts:
            return self._cuts[key]
        got = self._cuts[key] = _last_boundary(self.text, start, end)
        return got


class Decision:
    """Whether a mention fills a slot, and why. The reason is read only in a
    traced run, so a refusal or acceptance that needs words from the
    sentence carries how to write it, and writes it when asked: a function
    of no arguments, or a tuple of a function and its arguments (no closure
    and cells to make for each of the thousands of decisions)."""

    __slots__ = ("ok", "_reason")

    def __init__(self, ok: bool, reason: str | Callable[[], str] | tuple) -> None:  # type: ignore[type-arg]
        self.ok = ok
        self._reason = reason

    @property
    def reason(self) -> str:
        r = self._reason
        if isinstance(r, tuple):
            r = self._reason = r[0](*r[1:])
        elif not isinstance(r, str):
            r = self._reason = r()
        return r

    def __repr__(self) -> str:
        return f"Decision(ok={self.ok!r}, reason={self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decision) and (self.ok, self.reason) == (other.ok, other.reason)

    def __hash__(self) -> int:  # hashable by value, as the frozen dataclass it replaces was
        return hash((self.ok, self.reason))


_OTHER_UNIT = Decision(False, "counts something else: no unit word of this slot follows it")
_BARE = Decision(False, "no unit: the number stands alone (set `bare_number: true` to allow it)")
_NO_TRIGGER = Decision(False, "no trigger word in the sentence")
_WORDS = re.compile(r"\w+")
_LINKED_FIGURE = re.compile(r"\b(?:risen|rose|rises|climbed|climbs|reached|reaches|increased|grew|jumped|fell|dropped|"
                            r"stands|stood|totals|totalled|totaled|is|was|were)\s+(?:to|at|by)?\s*$", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\b(?:number|total|count|tally|toll)\s+of\b", re.IGNORECASE)
_LEADS_ON = re.compile(r"\b(?:the|of|a|an|from|to|at)$", re.IGNORECASE)
# "BUCHAREST, Sept 13 -", "WARSAW, Sept 10 (Reuters) -": the place and day an article was filed from
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,}(?:,\s+[A-Z][A-Za-z .'’-]+)?,\s+$")
_DATELINE_AFTER = re.compile(r"(?:,?\s+\d{4})?(?:\s*\([^)]{1,30}\))?\s*[-—–:]")
_DATELINE_DATE = Decision(False, "the dateline's day, when the article was filed, not the fact's")
# "three more drones", "two other Russian drones": added to a count, or a set besides it
_MORE_AFTER = re.compile(r"\s+(more|other|additional|extra|further)\b", re.IGNORECASE)
_WEAK_ONE = Decision(False, "a lone `one` is an article more often than a count (\"one of the largest\"); it counts "
                               "in a list (\"one ballistic and 42 cruise missiles\")")
# words that put what follows as a wish or a proposal, not as a stance held: "suggests having Spain exempted"
_PROPOSAL = re.compile(r"\b(?:suggest|propos|ask|call(?:s|ed|ing)?\s+for|urg|want|seek|sought|demand|hope|plan)\w*"
                       r"\b(?:[\s,]+[^\s.;!?]+){0,10}?[\s,]*[“\"]?$", re.IGNORECASE)


def _label_refusal(text: str, mention: LabelMention, triggers: list[tuple[int, int]]) -> str | None:
    """A label says the stance of the party the slot is about when that party
    is its subject, named before it in its clause ("Spain has rejected", "the
    ally that objected"), and when it is stated, not asked for. "The US and
    NATO reject Sánchez's claim" is not Spain rejecting; "he suggests having
    Spain exempted" is not Spain exempt."""
    if triggers and not any(t[1] <= mention.start for t in triggers) and \
            len(_WORDS.findall(text, mention.end, triggers[0][0])) > 2:  # "President Donald Trump": a title, not a verb
        return (f"`{mention.text}` has another subject: `{text[triggers[0][0]:triggers[0][1]]}` is named only after it")
    m = _PROPOSAL.search(text, max(0, mention.start - 80), mention.start)
    if m is not None:
        return f"`{mention.text}` is asked for, not held (`{' '.join(m.group(0).split()[:3])}`)"
    return None


def _far(text: str, trigger: tuple[int, int], distance: int, max_distance: int) -> str:
    return f"trigger `{text[trigger[0]:trigger[1]]}` is {_words(distance)} away (max_distance {max_distance})"


def _outweighed(text: str, rival: tuple[int, int], rival_distance: int, trigger: tuple[int, int],
                distance: int) -> str:
    return (f"rival `{text[rival[0]:rival[1]]}` ({_words(rival_distance)} away) is as near as trigger "
            f"`{text[trigger[0]:trigger[1]]}` ({_words(distance)} away)")


def _taken(text: str, trigger: tuple[int, int], distance: int) -> str:
    return f"trigger `{text[trigger[0]:trigger[1]]}`, {_words(distance)} away"


@dataclass
class CompiledSlot:
    """A slot with its phrase lists compiled once for the whole run."""

    spec: Slot
    triggers: Pattern
    rivals: Pattern | None
    exclude: Pattern | None
    units: Pattern | None
    labels: LabelTable | None = None  # category slots
    exclude_test: PhraseTest | None = None  # whether `exclude` matches, from a sentence's word set
    trigger_starts: Starts | None = None  # where trigger and rival matches can start (phrase_starts)
    rival_starts: Starts | None = None
    context_tests: list[PhraseTest] = field(default_factory=list)  # one per `context` group
    # a count or quantity that must have a unit word after its figure: a
    # sentence with no unit word anywhere cannot fill it (see take)
    unit_test: PhraseTest | None = None
    # a category slot's phrase test per label: a sentence none of them
    # passes names no label. One per label, as LabelTable compiles them: a
    # list with a `re:` phrase runs on RE2, whose `\\w` and case folding
    # differ from Python's outside ASCII, so one test over all the labels'
    # phrases could miss what a label's own pattern finds.
    label_tests: tuple[PhraseTest, ...] = ()
    # the kind of number mention the slot takes (a count or quantity takes plain numbers)
    number_kind: str = field(init=False)
    event: Any = None  # the event the slot's claims are held to (events.CompiledEvent), set by the matcher

    def __post_init__(self) -> None:
        t = self.spec.type
        self.number_kind = "number" if t in ("count", "quantity") else t

    @staticmethod
    def build(spec: Slot) -> CompiledSlot:
        return CompiledSlot(
            spec,
            compile_phrases(spec.triggers),  # type: ignore[arg-type]
            compile_phrases(spec.rivals),
            compile_phrases(spec.exclude),
            compile_phrases(spec.unit_words),
            LabelTable.build(spec) if spec.type == "category" else None,
            phrase_test(spec.exclude) if spec.exclude else None,
            phrase_starts(spec.triggers),
            phrase_starts(spec.rivals) if spec.rivals else None,
            [phrase_test(group) for group in spec.context if group],
            phrase_test(spec.unit_words) if spec.type in ("count", "quantity") and not spec.bare_number else None,
            tuple(phrase_test(phrases) for phrases in spec.labels.values() if phrases) if spec.type == "category"
            else (),
        )

    def take(self, view: SentenceView, mention: Mention,
             others: list[tuple[int, int]] = (),  # type: ignore[assignment]
             candidates: list[tuple[int, int]] | None = None, continued: int = 0) -> Decision:
        """Whether the mention fills this slot, and why (or why not). `others`
        are the spans of the sentence's values of the same kind; `candidates`
        those of them the slot could take (of its unit; default: all).
        `continued`: where a verbless fragment starts that the view joins to
        the sentence before it; that sentence's words describe the fragment's
        figures as its own subject would (one word away)."""
        span = (mention.start, mention.end)
        spec = self.spec
        if isinstance(mention, NumberMention):
            refused = self.refuse_unit(view, mention)
            if refused is not None:
                return refused
        elif isinstance(mention, DateMention) and _DATELINE_BEFORE.match(view.text[:mention.start]) \
                and _DATELINE_AFTER.match(view.text, mention.end):
            return _DATELINE_DATE
        rivals = view.spans(self.rivals, self.rival_starts)
        triggers = view.spans(self.triggers, self.trigger_starts)
        rivalling = list(others if candidates is None else candidates)
        triggers, dropped = governing(view.text, triggers, span, rivalling, label=isinstance(mention, LabelMention))
        if rivals and triggers:
            # the same words read both ways ("defence-related spending"): the trigger, the narrower, wins
            rivals = [r for r in rivals if not any(r[0] < t[1] and t[0] < r[1] for t in triggers)]
        if len(rivalling) > 1 and triggers:
            # a trigger between this value and another describes the one its clause leads to, else the nearer
            between = [t for t in triggers if _belongs(view, t, span, rivalling, nearest=True)]
            if not between and not dropped:
                dropped = f"`{view.text[triggers[0][0]:triggers[0][1]]}` leads into the other figure's clause"
            triggers = between
        if isinstance(mention, LabelMention):
            refused = _label_refusal(view.text, mention, triggers)
            if refused is not None:
                return Decision(False, refused)
        if rivals and isinstance(mention, DateMention) and mention.names is not None:
            rivals = []  # "said on the eve of the summit": the phrase names the event itself, whoever speaks
        if rivals:
            rivals = governing(view.text, rivals, span, rivalling, negatable=False)[0]
            # a rival between this value and another belongs to the nearer of the
            # two (with no other value, each belongs to this one: no call per rival)
            if len(others) > 1:
                rivals = [r for r in rivals if _belongs(view, r, span, others)]
            # a trigger qualified by a rival ("the old target", "current goal") is no trigger
            if rivals:
                triggers = [t for t in triggers if not _qualified(view, t, rivals, span)]
        if not triggers:
            return Decision(False, f"no trigger word describes it: {dropped}") if dropped else _NO_TRIGGER
        # the nearest trigger, the first of equals (the spans are in order)
        distances = _elliptic(view.gaps(triggers, span), triggers, continued)
        distances = [1 if d > 1 and linked(view.text, t, span) else d for d, t in zip(distances, triggers)]
        distance = min(distances)
        trigger = triggers[distances.index(distance)]
        if distance > spec.max_distance:
            return Decision(False, (_far, view.text, trigger, distance, spec.max_distance))
        if rivals:
            distances = _elliptic(view.gaps(rivals, span), rivals, continued)
            rival_distance = min(distances)
            if rival_distance <= distance + RIVAL_MARGIN:
                rival = rivals[distances.index(rival_distance)]
                return Decision(False, (_outweighed, view.text, rival, rival_distance, trigger, distance))
        return Decision(True, (_taken, view.text, trigger, distance))

    def refuse_unit(self, view: SentenceView, mention: NumberMention) -> Decision | None:
        """Why a figure cannot be of this slot's unit (None: it can): a count
        of something else, a bare figure, a duration in another family."""
        kind = self.spec.type
        if kind == "count" or kind == "quantity":
            unit = self._unit_after(view, mention.end)
            if unit == "other":
                return _OTHER_UNIT
            if unit == "bare" and not self.spec.bare_number and not self._unit_in_subject(view.text, mention.start):
                return _BARE
            if mention.weak:
                return _WEAK_ONE
            more = _MORE_AFTER.match(view.text, mention.end)
            if more is not None:
                return Decision(False, f"an increment or another set (`{mention.text} {more.group(1)}`), not the count")
        elif kind == "duration" and self.spec.unit:
            if mention.value.unit != self.spec.unit and convert_duration(mention.value, self.spec.unit) is None:
                return Decision(False, f"a duration in {mention.value.unit}s; the slot is in {self.spec.unit}s")
        return None

    def with_sums(self, view: SentenceView, mentions: list[NumberMention]) -> list[NumberMention]:
        """The mentions with each list of counts of one unit's kinds made one
        total: "one ballistic missile and 42 cruise missiles" is 43 missiles,
        "300 Shahed drones and 115 decoy drones" 415 drones. (A list is
        figures each followed by a unit word, joined by `and` or commas; a
        figure with more after its noun, "three soldiers were killed and 40
        wounded", starts no list.)"""
        if self.units is None or self.spec.type not in ("count", "quantity") or len(mentions) < 2:
            return mentions
        out: list[NumberMention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if (prev is not None and self._unit_after(view, prev.end) == "unit" and self._unit_after(view, m.end) == "unit"
                    and self._listed(view.text, prev.end, m.start)):
                out[-1] = _total(view.text, prev, m)
            else:
                out.append(m)
        return out

    def _listed(self, text: str, a: int, b: int) -> bool:
        between = text[a:b]
        m = _LIST_JOIN.search(between)
        if m is None or len(_WORDS.findall(between, 0, m.start())) > 4:
            return False
        unit = self.units.search(between, 0, m.start())  # type: ignore[union-attr]
        return unit is not None and not between[unit.end():m.start()].strip()

    def _unit_in_subject(self, text: str, start: int) -> bool:
        """Whether a bare figure's unit is named in the subject a linking verb
        gives it to: "the number of Russian drones that entered Polish
        airspace has risen to 23"."""
        if self.units is None:
            return False
        m = _LINKED_FIGURE.search(text, max(0, start - 40), start)
        if m is None:
            return False
        lo = max(text.rfind(";", 0, m.start()), text.rfind(":", 0, m.start()), 0)
        head = text[lo:m.start()]
        return _COUNT_NOUN.search(head) is not None and self.units.search(head) is not None

    def _unit_after(self, view: SentenceView, end: int) -> str:
        """'unit' when a unit word follows (adjectives may stand between),
        'bare' when the figure stands alone ("four were shot down"), 'other'
        when it counts something else ("4 airports", "415 drones and 43 …")."""
        if view.text[end:end + 1] == "-" and self.units is not None and self.units.match(view.text, end + 1):
            return "unit"  # "the 32-member alliance"
        i = bisect_left(view.starts, end)
        for k in range(i, min(i + 4, len(view.starts))):
            between = view.text[view.ends[k - 1] if k > i else end:view.starts[k]]
            if _BREAK.search(between):
                return "bare" if k == i else "other"
            if self.units is not None and self.units.match(view.text, view.starts[k]):
                return "unit"
            if view.words[k] in _BARE_FOLLOWERS or view.words[k][:1].isdigit():
                return "bare" if k == i else "other"
        return "bare" if i >= len(view.starts) else "other"

    def may_name_label(self, text: str, words: set[str] | None, padded: str | None) -> bool:
        """False only when `labels.scan` would find no label in the sentence
        (`words`, `padded`: its word set and padded fold if ASCII, else None)."""
        return any(test.search(text, words, padded) for test in self.label_tests)

    def excluded(self, text: str, fold: tuple[str, set[str]] | None = None) -> str | None:
        """The exclude phrase found in the sentence, if any. `fold`, for an
        ASCII sentence: its padded folded text and word set, which settle
        most sentences without a search."""
        if self.exclude is None:
            return None
        if fold is not None and self.exclude_test is not None and not self.exclude_test.search(text, fold[1], fold[0]):
            return None
        m = self.exclude.search(text)
        return m.group(0) if m else None


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+plus\s+)$")


def _total(text: str, a: NumberMention, b: NumberMention) -> NumberMention:
    """One mention for two counts of one list, their sum."""
    x, y = a.value.interval, b.value.interval
    low = None if x.low is None or y.low is None else x.low + y.low
    high = None if x.high is None or y.high is None else x.high + y.high
    value = Quantity(Interval(low, high, x.low_inclusive and y.low_inclusive, x.high_inclusive and y.high_inclusive),
                     a.value.unit, a.value.approximate or b.value.approximate)
    return NumberMention(a.start, b.end, text[a.start:b.end], value, a.kind)


def _elliptic(distances: list[int], spans: list[tuple[int, int]], continued: int) -> list[int]:
    """Distances with the words of the sentence a fragment continues one word away."""
    if not continued:
        return distances
    return [1 if s[1] <= continued else d for d, s in zip(distances, spans)]


def _words(n: int) -> str:
    return f"{n} word{'' if n == 1 else 's'}"


def _spans(pattern: Pattern | None, text: str) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def _belongs(view: SentenceView, word: tuple[int, int], span: tuple[int, int], others: list[tuple[int, int]],
             nearest: bool = False) -> bool:
    """Whether a word standing between this value and another describes this
    one. Between two values, words up to the last clause boundary (`and`, a
    comma, `from`, a dash) follow the left value, words after it lead into
    the right one: in "3.5% for core needs by 2035 and 1.5% for broader
    areas", `core` describes 3.5%; in "5% of GDP – a jump from the current 2%
    goal", `current` describes 2%."""
    for other in others:
        if other == span:
            continue
        if word[0] < other[1] and other[0] < word[1] and not (word[0] < span[1] and span[0] < word[1]):
            return False  # part of the other figure's phrase ("said on" in "said on Wednesday")
        left, right = (other, span) if other[1] <= span[0] else (span, other)
        if not (left[1] <= word[0] and word[1] <= right[0]):
            continue
        cut = view.last_boundary(left[1], right[0])
        if cut is None and (nearest or _LEADS_ON.search(view.text, word[0], word[1])):
            # no clause boundary between: the word goes with the nearer figure, a word that leads on into
            # what follows ("of the", "met the") with the one after it when both are as near
            to_right, to_left = view.gap(word, right), view.gap(word, left)
            goes_right = to_right < to_left or (to_right == to_left and _LEADS_ON.search(view.text, word[0], word[1])
                                                is not None)
        else:
            goes_right = cut is not None and word[0] >= cut
        if goes_right != (right == span):
            return False
    return True


def _last_boundary(text: str, start: int, end: int) -> int | None:
    last = None
    for m in _BOUNDARY.finditer(text, start, end):
        last = m.end()
    return last


def _qualified(view: SentenceView, trigger: tuple[int, int], rivals: list[tuple[int, int]],
               span: tuple[int, int]) -> bool:
    """A rival right before a trigger, on the same side of the value, makes
    it a different thing: "the old NATO target of 2%" is not the new target."""
    for r in rivals:
        if r[1] <= trigger[0] and view.gap(r, trigger) <= 2:
            same_side = (r[1] <= span[0] and trigger[1] <= span[0]) or (r[0] >= span[1] and trigger[0] >= span[1])
            if same_side:
                return True
    return False


Mention = NumberMention | DateMention | LabelMention | RatioMention
# a duration in another unit, as the span of days it may be: months and years vary in length
_DAYS_IN = {"day": (1.0, 1.0), "week": (7.0, 7.0), "month": (28.0, 31.0), "year": (365.0, 366.0)}


def slot_value(spec: Slot, mention: Mention) -> Quantity | DateSpan | Category | None:
    """The mention's value as the slot stores it (counts take the slot's
    unit; a duration is converted into the slot's unit)."""
    if isinstance(mention, DateMention):
        return mention.names or mention.value  # "on the eve of the summit" gives the summit's day, the next
    if not isinstance(mention, NumberMention):
        return mention.value
    q = mention.value
    if spec.type == "duration" and spec.unit and q.unit and q.unit != spec.unit:
        return convert_duration(q, spec.unit)
    if spec.type in ("count", "quantity"):
        return q.with_unit(spec.unit)
    return q


def convert_duration(q: Quantity, unit: str) -> Quantity | None:
    """Hours/days/weeks/months/years into the slot's unit. Within the
    calendar's fixed ratios the factor is exact ("two years" is 24 months,
    "48 hours" 2 days); across them the result is the interval of what the
    phrase allows ("two months" is 56–62 days). None outside the family."""
    if q.unit not in _DAYS_IN and q.unit != "hour" or unit not in _DAYS_IN:
        return None
    exact = _EXACT.get((q.unit, unit))  # type: ignore[arg-type]
    if exact is not None:
        lo_f = hi_f = exact
    else:
        per = (1 / 24, 1 / 24) if q.unit == "hour" else _DAYS_IN[q.unit]  # type: ignore[index]
        target = _DAYS_IN[unit]
        lo_f, hi_f = per[0] / target[1], per[1] / target[0]
    iv = q.interval
    low = None if iv.low is None else round(iv.low * lo_f, 6)
    high = None if iv.high is None else round(iv.high * hi_f, 6)
    return Quantity(Interval(low, high, iv.low_inclusive, iv.high_inclusive), unit, q.approximate)


_EXACT = {("year", "month"): 12.0, ("month", "year"): 1 / 12, ("week", "day"): 7.0, ("day", "week"): 1 / 7,
          ("hour", "day"): 1 / 24, ("year", "year"): 1.0, ("month", "month"): 1.0, ("day", "day"): 1.0,
          ("week", "week"): 1.0}
