"""Which of a sentence's words can describe a figure: clause structure.

Word distance alone attaches a figure to the nearest trigger, and unseen
text breaks that in a handful of ways, each a kind of statement:

- a word describes the figure on its side, never one beyond another figure
  of the same kind: in "a further 1.5% … to reach the 5% threshold" the
  threshold is 5%'s (figures joined by `and` share their words: "40 cruise
  and 3 ballistic missiles");
- the whole of a part-whole statement is not its parts: in "the five per
  cent commitment would be made up of at least 3.5 per cent … and of up to
  1.5 per cent" the commitment is neither figure;
- a negated word says the opposite: "would not be required to lift spending
  to 5%", "with no need to reach 5%";
- a possessive owns the noun after it: "NATO's capability objectives with
  2.1%" does not make 2.1% NATO's benchmark, "NATO's 2% benchmark" does;
- a preposition governs what follows it: "this weekend by claiming …" is no
  deadline "by 2035";
- a contrast starts another clause, with its own holder: "Spain thinks it
  can with 2.1%, whereas NATO is sure Spain will need 3.5%".

Each filter returns the words kept and, for `explain`, why the others went.
"""

from __future__ import annotations

import re

_NEGATION_BEFORE = re.compile(r"(?:\b(?:not|no|never|without|nor)|n[’']t)(?:\s+(?:be|been|have|to|a|the|any))*\s+$",
                              re.IGNORECASE)
_PART_WHOLE = re.compile(
    r"\b(?:made\s+up\s+of|split\s+(?:into|between)|divided\s+(?:into|between)|broken\s+down\s+into|"
    r"consist(?:s|ing|ed)?\s+of|compris(?:e|es|ing|ed)|composed\s+of|"
    r"(?:has|have|had|in|into)\s+(?:two|three|four|several)\s+(?:parts|components|pillars|elements|strands))\b",
    re.IGNORECASE)
_CONTRAST = re.compile(r",\s*(?:whereas|while|but|although|though|yet)\b|;|\bwhereas\b|\binstead\s+of\b",
                       re.IGNORECASE)
_COORDINATED = re.compile(r"^(?:\s*[\w’'-]+){0,3}?\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|plus)\s+)$")
_PREPOSITIONS = frozenset("by until till before after since from within through no later than up until".split(" "))
_PREPOSITION_PHRASES = frozenset(["by", "until", "till", "before", "after", "since", "from", "within", "through",
                                  "no later than", "up until", "up to"])
_TOKEN = re.compile(r"[\w$€£%]+")
# "NATO's new goal of committing at least 3.5%": the possessive's noun phrase reaches the figure through `of`
_OF_PHRASE = re.compile(r"\W*(?:[\w-]+\s+){0,2}[\w-]+\s+of\s+(?:[\w-]+\s+){0,3}\W*$")
# "meet NATO's capability targets by putting 2.1% into defence": the figure is how, not the targets' value
_MEANS = re.compile(r"\s+by\s+\w+ing\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"^(?:\s*[\w’'-]+){0,5}?\s+to\s+(?:about\s+|around\s+)?$", re.IGNORECASE)

Span = tuple[int, int]


def governing(text: str, words: list[Span], value: Span, others: list[Span],
              negatable: bool = True, label: bool = False) -> tuple[list[Span], str | None]:
    """The words (spans) that may describe the figure at `value`, and the
    reason the first dropped one went (None when none was). `negatable`:
    the words are triggers, which a negation turns around and which a change
    "from 2% to 5%" hands on to its new value; rivals are neither. `label`:
    the value is a category's label, whose party a possessive before it
    names ("Spain's prime minister … his refusal")."""
    kept: list[Span] = []
    why: str | None = None
    for w in words:
        reason = _refusal(text, w, value, others, negatable, label)
        if reason is None:
            kept.append(w)
        elif why is None:
            why = reason
    return kept, why


def _refusal(text: str, w: Span, value: Span, others: list[Span], negatable: bool, label: bool = False) -> str | None:
    word = " ".join(text[w[0]:w[1]].split())
    before = w[1] <= value[0]
    lo, hi = (w[1], value[0]) if before else (value[1], w[0])
    if w[0] < value[1] and value[0] < w[1]:
        return None  # the word is part of the figure's phrase ("the 32-member alliance")
    for o in others:
        if o == value or not (lo <= o[0] and o[1] <= hi):
            continue
        if not (_coordinated(text, o, value) or negatable and _changed(text, o, value)):
            return f"`{word}` describes `{text[o[0]:o[1]]}`, the figure between it and this one"
    if before and _PART_WHOLE.search(text, lo, hi):
        cue = _PART_WHOLE.search(text, lo, hi)
        return f"`{word}` is the whole that this figure is a part of (`{cue.group(0)}`)"  # type: ignore[union-attr]
    if _CONTRAST.search(text, lo, hi):
        cue = _CONTRAST.search(text, lo, hi)
        return f"`{word}` is in another clause (`{cue.group(0).strip(', ')}`)"  # type: ignore[union-attr]
    if negatable and _NEGATION_BEFORE.search(text, max(0, w[0] - 30), w[0]):
        return f"`{word}` is negated (`{' '.join(text[max(0, w[0] - 30):w[1]].split()[-4:])}`)"
    possessive = word.endswith(("'s", "’s")) or text[w[1]:w[1] + 2] in ("'s", "’s")
    if possessive and not (before and (label or len(_TOKEN.findall(text, w[1] + 2, value[0])) <= 2
                                       or _OF_PHRASE.match(text, w[1] + 2, value[0]))):
        return f"`{word}` owns the noun after it, not this figure"
    if before and _MEANS.match(text, w[1], hi):
        return f"this figure is the means (`{_MEANS.match(text, w[1], hi).group(0).strip()}`), not what " \
               f"`{word}` names"  # type: ignore[union-attr]
    if word.lower() in _PREPOSITION_PHRASES and not before:
        return f"`{word}` governs what follows it, not this figure before it"
    return None


def _coordinated(text: str, a: Span, b: Span) -> bool:
    """Two figures joined as one list ("40 cruise missiles and 3 ballistic
    missiles", "3.5%, 1.5% and 5%"): a word before the first describes both."""
    left, right = (a, b) if a[1] <= b[0] else (b, a)
    return _COORDINATED.match(text[left[1]:right[0]]) is not None


def _changed(text: str, a: Span, b: Span) -> bool:
    """A change "from its current 2% of GDP target to 5%": the words that
    name what changed describe the new value as they do the old."""
    left, right = (a, b) if a[1] <= b[0] else (b, a)
    return (_TO_BETWEEN.match(text[left[1]:right[0]]) is not None
            and _FROM_BEFORE.search(text, max(0, left[0] - 40), left[0]) is not None)


# finite verbs a sentence has when it is one: auxiliaries and modals, and the irregular pasts news uses
_FINITE = frozenset("""is are was were be been am has have had will would can could may might must shall should
    do does did said says told made took came went shot sent flew fought hit led left met ran saw set struck won wrote
    got gave held kept brought began found put stood lost""".split())
_LETTERS = re.compile(r"[A-Za-z’']+")
_FRAGMENT_WORDS = 15


def is_fragment(sentence: str) -> bool:
    """A short sentence with no finite verb ("More than 800 drones and 13
    missiles."): it continues the one before it."""
    if len(sentence) > 8 * _FRAGMENT_WORDS:
        return False  # longer than any fragment could be
    words = [w.lower() for w in _LETTERS.findall(sentence)]
    if not 0 < len(words) <= _FRAGMENT_WORDS:
        return False
    return not any(w in _FINITE or len(w) > 3 and w.endswith("ed") for w in words)


_HOLDER = re.compile(
    r"(?P<who>(?:[A-Z][\w.’'-]*|(?:of|the|de|van|von)(?=\s+[A-Z]))(?:\s+(?:[A-Z][\w.’'-]*|of|the))*"
    r"(?:\s*\([^()]{1,60}\))?|\b(?:he|she|they|it|He|She|They|It))"
    r"\s+(?:[a-z]+\s+){0,3}?"
    r"(?:thinks?|believes?|says?|said|(?:is|are|was|were)\s+(?:\w+\s+)?(?:sure|convinced|certain)|estimates?|estimated|"
    r"argues?|argued|insists?|insisted|claims?|claimed|speaks?\s+of|spoke\s+of|asserts?|asserted|maintains?|"
    r"calculates?|reckons?|told|announced|wrote|stressed|emphasi[sz]ed)\b")
_PRONOUNS = frozenset({"he", "she", "they", "it"})


def holder(text: str, value: Span) -> str | None:
    """Who holds the figure at `value`, as its clause says: the subject of the
    last verb of saying or thinking before it, in the same clause ("Spain
    thinks it can … with 2.1%, whereas NATO is sure that Spain will need
    3.5%": 2.1% is Spain's, 3.5% NATO's). None when the clause names no one,
    or only a pronoun (whose referent the speaker finder knows better)."""
    lo = 0
    for m in _CONTRAST.finditer(text, 0, value[0]):
        lo = m.end()
    found = None
    for m in _HOLDER.finditer(text, lo, value[0]):
        found = m
    if found is None:
        return None
    who = found.group("who").strip()
    return None if who.lower() in _PRONOUNS else who


# a verb that gives its subject's figure: "the death toll … has climbed to 30", "the number of drones was 19"
_LINKING = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:risen|rose|rises|rise|climbed|climbs|climb|reached|reaches|reach|increased|"
    r"increases|grew|grown|jumped|jumps|fell|fallen|falls|dropped|drops|stands|stood|totals|totalled|totaled|"
    r"is|was|are|were|now\s+stands)\s+(?:to|at|by)?\s*(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)
_SUBJECT_BREAK = re.compile(r"[;:]|,\s+(?:but|while|whereas|and)\b|\b(?:that|which|who)\b")


def linked(text: str, word: Span, value: Span) -> bool:
    """Whether the value is its subject's figure, given by a linking verb
    ("the death toll from the attack on Kyiv has climbed to 30"): a trigger
    in the subject then describes it however many words stand between."""
    if word[1] > value[0]:
        return False
    m = _LINKING.search(text, word[1], value[0])
    return m is not None and not _SUBJECT_BREAK.search(text, word[1], m.start())
