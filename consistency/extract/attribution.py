"""Who said it: the speaker a sentence attributes its claim to.

A discrepancy is only actionable when the reader knows whose figure is whose
("19 (Donald Tusk) vs 6–10 (a NATO source)"). Attribution is read from the
reporting frames news uses (`X said`, `said X`, `according to X`, `X told
Reuters`); titles are dropped (`Prime Minister Donald Tusk` → `Donald Tusk`);
pronouns and "the source" refer back to the last speaker named nearby.
Spellings of one name are merged later, across the corpus (see `speakers`).
"""

from __future__ import annotations

import re

from consistency.extract.fold import FOLD

_VERBS = (
    r"said|says|say|stated|states|told|tells|added|adds|wrote|writes|warned|warns|"
    r"noted|notes|confirmed|confirms|announced|announces|claimed|claims|estimated|"
    r"reported|reports|insisted|argued|stressed|emphasized|emphasised|explained|"
    r"acknowledged|asserted|remarked|speculated|declared|believes|estimates|urged|urges|"
    r"claiming|saying|adding"
)
_NAME_WORD = r"(?:[A-Z][\w’'-]*\.?|al-|bin|van|von|der|de|la)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}"
_PRON = r"(?:he|she|they|He|She|They)"
_ANON = (
    r"(?:[Aa]n?|[Tt]he|[Tt]wo|[Ss]everal)\s+(?:senior\s+|unnamed\s+|Ukrainian\s+|NATO\s+|Western\s+|European\s+|U\.S\.\s+|Polish\s+|Russian\s+|alliance\s+|military\s+|defen[cs]e\s+)*"
    r"(?:source|sources|official|officials|diplomat|diplomats|spokesperson|spokesman|spokeswoman)"
    r"(?:\s+(?:within|from|in|at|close\s+to)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?"
)
_INSTITUTION = (
    r"(?:[A-Z][\w.]*(?:’s|'s)\s+(?:[a-z]+\s+){0,2}(?:command|ministry|army|military|government|"
    r"presidency|office|Air\s+Force|Ministry|Army|Navy|General\s+Staff|[A-Z][a-z]+\s+Ministry))"
)
_ROLE = (
    r"(?:[Tt]he\s+(?:[A-Z][\w.]*\s+)?(?:president|prime\s+minister|minister|secretary\s+general|"
    r"chief|spokesman|spokeswoman|spokesperson|commander))"
)
_SPEAKER = rf"(?P<who>{_INSTITUTION}|{_ROLE}|{_ANON}|{_NAME}|{_PRON})"
_INVERTED_VERBS = r"said|says|wrote|writes|added|adds|noted|stated|warned|confirmed|claimed|asserted|remarked"

_SAID_BY = rf"{_SPEAKER}\s+(?:(?:has|had|also|then|later|previously|reportedly|earlier)\s+)*(?:{_VERBS})\b"
# What every branch of _SPEAKER starts with (a capital, `an `, `al-`, `the`,
# `two`, `several`, `she`, `bin`, `van`, `von`, `de`, `la`, `he`): checked
# first, it spares trying all the branches at each of a sentence's letters.
_SPEAKER_START = r"(?=[A-Z]|an?\s|al-|th|tw|several|she|bin|van|von|de|la|he)"
# Where a match of the first pattern can end: just after a reporting verb
# that follows a space. The pattern is run only up to the last of them.
_VERB_AFTER_SPACE = re.compile(rf"\s(?:{_VERBS})\b")

_PATTERNS = [
    re.compile(_SPEAKER_START + _SAID_BY),
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_INSTITUTION}|{_ANON}|{_NAME})"),
    re.compile(rf"(?:^|[,;:“”\"]\s*|\s)(?:{_INVERTED_VERBS})\s+(?P<who>{_NAME})(?=\s*(?:[,.;:]|$|\s+(?:on|in|at|during|told|to)\b))"),
]
# Every pattern needs one of these as a whole word: the reporting verb (each
# pattern has it between spaces or punctuation and a word boundary) or
# `according`. In an ASCII sentence without any, the patterns, which are
# tried at every character, need not run.
_CUES = frozenset(_VERBS.split("|")) | {"according"}
# the same, pattern by pattern: a pattern whose words an ASCII sentence lacks is not run
_PATTERN_CUES = (frozenset(_VERBS.split("|")), frozenset({"according"}), frozenset(_INVERTED_VERBS.split("|")))
_SAID_VERBS = _PATTERN_CUES[0]
_ROLE_ALL = re.compile(_ROLE + "$")
_ANON_ALL = re.compile(_ANON + "$")
_INSTITUTION_ALL = re.compile(_INSTITUTION + "$")
_ARTICLE = re.compile(r"^(?:A|An|The)\b")
_TITLES = frozenset(
    """president prime minister secretary general secretary-general chancellor foreign
    defence defense chief spokesman spokeswoman spokesperson commissioner
    ambassador envoy head leader former deputy vice the of state minister's
    u.s. us uk u.k. eu nato ukrainian ukraine's polish russian french british
    german dutch czech lithuanian italian spanish belarusian kremlin european
    commission air force military command mr. mrs. ms. dr. gen. general major
    lieutenant colonel admiral senior official officials top diplomat""".split()
)
_NOT_SPEAKERS = frozenset(
    """it this that there which who what we i you one people reports report
    experts analysts media outlets""".split()
)
_ANAPHORS = re.compile(
    r"^(?:he|she|they|the source|the official|the sources|the officials|the diplomat|" + _ROLE + ")$",
    re.IGNORECASE,
)


def find_speaker(sentence: str, words: set[str] | None = None, padded: str | None = None) -> tuple[str, int] | None:
    """The attributed speaker in a sentence and where it was named, or None.
    `words`: the word set of an ASCII sentence, if already made; `padded`:
    its folded text with a space each side (consistency.extract.fold)."""
    best: tuple[str, int] | None = None
    if words is None and sentence.isascii():
        words = set(sentence.translate(FOLD).split())
    if words is not None and _CUES.isdisjoint(words):
        return None  # no reporting verb and no `according`: no pattern can match (see _CUES)
    for k, (pat, cues) in enumerate(zip(_PATTERNS, _PATTERN_CUES)):
        if words is not None and cues.isdisjoint(words):
            continue  # this pattern's verb is not in the sentence
        end = len(sentence) if k else _last_verb_end(sentence, words, padded)
        for m in pat.finditer(sentence, 0, end):
            who = m.group("who").strip()
            if who.split()[0].lower() in _NOT_SPEAKERS:
                continue
            cleaned = clean_name(who)
            if not cleaned:
                continue
            if best is None or (best[0].lower() in ("he", "she", "they") and cleaned.lower() not in ("he", "she", "they")):
                best = (cleaned, m.start("who"))
        if best is not None and not _ANAPHORS.match(best[0]):
            return best
    return best


def _last_verb_end(sentence: str, words: set[str] | None = None, padded: str | None = None) -> int:
    """An offset no match of the first pattern ends after (0: none can),
    at a word boundary: cutting the sentence there changes no match, as
    every match ends at a verb after a space and the pattern's closing
    `\\b` holds at the cut in the cut text as in the whole. From the folded
    sentence (`padded`, with its word set) it is the end of the last verb as
    a whole word in any case; else the end of the last verb after a space."""
    end = 0
    if words is not None and padded is not None:
        for verb in _SAID_VERBS.intersection(words):
            at = padded.rfind(f" {verb} ") + len(verb)  # padded[i + 1] is sentence[i]
            if at > end:
                end = at
        return end
    for end_m in _VERB_AFTER_SPACE.finditer(sentence):
        end = end_m.end()
    return end


def clean_name(who: str) -> str:
    """Drop titles and nationality words: `Prime Minister Donald Tusk` → `Donald Tusk`."""
    if _ROLE_ALL.match(who):
        return who
    if _ANON_ALL.match(who):
        return _ARTICLE.sub(lambda m: m.group(0).lower(), who)
    words = who.split()
    if _INSTITUTION_ALL.match(who) or words[-1].lower().strip(".,") in _TITLES:
        # "Ukraine's Air Force", "the Kremlin": an institution is a speaker too
        return who.strip(" ,.")
    i = 0
    while i < len(words) - 1 and words[i].lower().strip(".,") in _TITLES:
        i += 1
    return " ".join(words[i:]).strip(" ,.")


def is_anaphor(name: str) -> bool:
    """`he`, `she`, `the source`: refers back to a speaker named earlier."""
    return bool(_ANAPHORS.match(name))
