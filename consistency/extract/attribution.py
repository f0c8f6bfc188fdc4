"""Who said it: the speaker a sentence attributes a claim to.

A discrepancy is only actionable when the reader knows whose figure is whose
("19 (Donald Tusk) vs 6–10 (a NATO source)"). A sentence may hold several
reporting frames ("Rutte said that there are no exceptions to the 5%
target, even though Spain has declared that it will not be obliged to hit
it"), so each frame is found with what it reports: the clause after `X said
(that)`, `according to X,` or `X insisted:`, or, for a frame that closes the
sentence ("…, Tusk said", "…, said Sikorski") or follows a quotation, the
words before it. A value is attributed to the innermost frame that reports
it, and to no one when none does: the date in "Rutte said on the eve of the
summit" is the narrator's, as is the title in "US President Donald Trump
stressed that…".

Speakers are people, bodies and documents: titles are dropped (`Prime
Minister Donald Tusk` → `Donald Tusk`), "the Moncloa government", "Ukraine's
air force", "diplomats consulted in Brussels" and "The Hague Summit
Declaration" kept whole; pronouns, "the source" and roles ("the Spanish
leader") refer back to the last speaker named nearby (see `matcher`), and
`it` to the last body or document. Spellings of one name are merged later,
across the corpus (see `speakers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (
    r"said|says|say|stated|states|told|tells|added|adds|wrote|writes|warned|warns|"
    r"noted|notes|confirmed|confirms|announced|announces|claimed|claims|estimated|"
    r"reported|reports|insisted|insists|argued|argues|stressed|stresses|emphasized|emphasised|emphasizes|"
    r"emphasises|explained|explains|acknowledged|asserted|asserts|remarked|speculated|declared|declares|believes|"
    r"estimates|urged|urges|suggested|suggests|proposed|proposes|maintained|maintains|voiced|speaks\s+of|"
    r"spoke\s+of|thinks|contends|contended|conceded|concedes|admitted|admits|"
    r"claiming|saying|adding"
)
_NAME_WORD = r"(?:[A-Z][\w’'-]*\.?|al-|bin|van|von|der|de|la)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}"
_PRON = r"(?:he|she|they|it|He|She|They|It)"
_BODY = r"(?:government|ministry|army|military|command|presidency|office|cabinet|parliament|council|alliance|agency)"
_ANON = (
    r"(?:(?:[Aa]n?|[Aa]nother|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s+)?"
    r"(?:senior\s+|unnamed\s+|Ukrainian\s+|NATO\s+|Western\s+|European\s+|U\.S\.\s+|Polish\s+|Russian\s+|Spanish\s+|"
    r"alliance\s+|military\s+|defen[cs]e\s+|government\s+)*"
    r"(?:sources|source|officials|official|diplomats|diplomat|spokesperson|spokesman|spokeswoman)"
    r"(?:\s+(?:within|from|in|at|close\s+to)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
    r"|\s+(?:consulted|speaking|quoted|cited|familiar|briefed)\b(?:\s+(?:by|to|in|with)\s+(?:the\s+)?"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?)?"
)
_INSTITUTION = (
    rf"(?:[A-Z][\w.]*(?:’s|'s)\s+(?:[a-z]+\s+){{0,2}}(?:(?i:command|ministry|army|military|government|"
    rf"presidency|office|air\s+force|navy|general\s+staff|defen[cs]e\s+ministry|foreign\s+ministry))"
    rf"|[A-Z][\w.]*(?:’s|'s)\s+[A-Z][a-z]+\s+Ministry"
    rf"|[Tt]he\s+(?:[A-Z][\w.’'-]*\s+){{1,3}}(?:\([^()]{{1,50}}\)\s+)?{_BODY})"
)
_ROLE = (
    r"(?:[Tt]he\s+(?:[A-Z][\w.]*\s+|[a-z]+\s+){0,3}(?:president|prime\s+minister|minister|secretary\s+general|"
    r"chief|spokesman|spokeswoman|spokesperson|commander|leader|premier|chancellor))"
)
_DOCUMENT = (
    r"(?:[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+){0,5}(?:Declaration|Communiqu[eé]|Statement|Report|Resolution)"
)
_SPEAKER = rf"(?P<who>{_INSTITUTION}|{_ROLE}|{_ANON}|{_NAME}(?:\s*\([^()]{{1,50}}\))?|{_PRON})"
_INVERTED_VERBS = (r"said|says|wrote|writes|added|adds|noted|stated|warned|confirmed|claimed|asserted|remarked|"
                   r"explains|explained|insisted|stressed|argued")
_FILLER = r"(?:(?:has|had|have|also|then|later|previously|reportedly|earlier|both|all|again|repeatedly|publicly|" \
          r"openly|now|first|himself|herself|[a-z]+ly)\s+|,\s*)*"

_SAID_BY = re.compile(rf"\b{_SPEAKER}(?:\s+|\s*,\s*){_FILLER}(?P<verb>{_VERBS})\b")
# "Mark Rutte, Secretary-General of NATO (the alliance), said …": a name, its appositive, the verb
_SAID_BY_APPOSED = re.compile(rf"\b(?P<who>{_ANON}|{_NAME_WORD}\s+{_NAME}),\s+[^,;:“”\"]{{3,90}}?,\s+{_FILLER}(?P<verb>{_VERBS})\b")
_THAT_AHEAD = re.compile(r"[^;.“”\"]{0,100}?\bthat\b")
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_INSTITUTION}|{_ANON}|{_DOCUMENT}|{_NAME})")
_INVERTED = re.compile(rf"(?:^|[,;:“”\"]\s*|\s)(?P<verb>{_INVERTED_VERBS})\s+(?P<who>{_ROLE}|{_NAME})"
                       rf"(?=\s*(?:[,.;:]|$|\s+(?:on|in|at|during|told|to)\b))")
_SAID_IN = re.compile(rf"\b(?P<verb>said|stated|says|wrote)\s+in\s+(?P<who>{_DOCUMENT})")
_CUES = re.compile(rf"\b(?:{_VERBS}|[Aa]ccording)\b")
_ROLE_ALL = re.compile(_ROLE + "$")
_ANON_ALL = re.compile(_ANON + "$")
_INSTITUTION_ALL = re.compile(_INSTITUTION + "$")
_DOCUMENT_ALL = re.compile(_DOCUMENT + "$")
_ARTICLE = re.compile(r"^(?:A|An|Another|The|Two|Three|Several|Some|Many)\b")
_TITLES = frozenset(
    """president prime minister secretary general secretary-general chancellor foreign
    defence defense chief spokesman spokeswoman spokesperson commissioner
    ambassador envoy head leader former deputy vice the of state minister's
    u.s. us uk u.k. eu nato ukrainian ukraine's polish russian french british
    german dutch czech lithuanian italian spanish belarusian kremlin european
    commission air force military command mr. mrs. ms. dr. gen. general major
    lieutenant colonel admiral senior official officials top diplomat socialist""".split()
)
_NOT_SPEAKERS = frozenset(
    """this that there which who what we i you one people reports report
    experts analysts media outlets updated information data""".split()
)
_ANAPHORS = re.compile(
    r"^(?:he|she|they|it|the source|the official|the sources|the officials|the diplomat|" + _ROLE + ")$",
    re.IGNORECASE,
)
# what, right after a reporting verb, starts what it reports: `that`, a colon, a quotation, or a clause
_REPORTS = re.compile(r"\s*(?:that\b|:|[“\"']|,)")
# what, right after the verb, only qualifies the saying: "said on the eve of the summit", "said in Brussels"
_ADJUNCT = re.compile(r"\s+(?:on|in|at|during|after|before|ahead\s+of|earlier|later|late|this|last|on\s+the\s+eve)\b",
                      re.IGNORECASE)
# "Rutte remarked, emphasizing that …", "he told the outlet, adding that …": the speaker goes on
_GOES_ON = re.compile(r"[^.;“”\"]{0,40}?,\s*(?:emphasi[sz]ing|adding|saying|noting|stressing|insisting|arguing|"
                      r"claiming|warning|explaining|pointing\s+out)\b")
# what may follow the verb of a frame that closes its sentence ("…, Tusk said." "…, Rutte said in an interview
# with the New York Times published on July 5, crediting …"): its end, or an adjunct with no `that`
_ENDS_FRAME = re.compile(r"\s*(?:[.!?”\"]|$)|\s*,|(?=\s+(?:on|in|at|during|after|before|ahead|earlier|later|late|"
                         r"this|last|to|of|as|when|while|citing|adding|calling|saying|the|a|an|reporters|journalists|"
                         r"parliament|lawmakers|him|her|them|(?:mon|tues|wednes|thurs|fri|satur|"
                         r"sun)day|yesterday|today)\b)(?![^;:]*\bthat\b)", re.IGNORECASE)
_WHEN_WORD = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                        r"August|September|October|November|December|Today|Yesterday|Tonight|Earlier|Later")
_QUOTE_CLOSE = re.compile(r"[”\"'],?\s*$")


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting frame: who, where the name starts, and the span of the
    sentence it reports."""

    who: str
    start: int
    reports: tuple[int, int]


def frames(sentence: str) -> list[Frame]:
    """Every reporting frame of the sentence, in order."""
    if not _CUES.search(sentence):
        return []
    found: list[Frame] = []
    n = len(sentence)
    for m in [*_SAID_BY.finditer(sentence), *_SAID_BY_APPOSED.finditer(sentence)]:
        who = _cleaned(m.group("who"))
        if who is None:
            continue
        after = m.end("verb")
        if _SAID_IN.match(sentence, m.start("verb")):
            continue  # "heads of state said in The Hague Summit Declaration that …": the document speaks
        before_name = sentence[:m.start("who")]
        if _QUOTE_CLOSE.search(before_name) or (before_name.rstrip().endswith(",") and _ENDS_FRAME.match(sentence, after)):
            # "“…,” Rutte said"; "…, Tusk said."; and what "…, adding that …" goes on to report
            end = n if _GOES_ON.match(sentence, after) else m.start("who")
            found.append(Frame(who, m.start("who"), (0, end)))
        elif _GOES_ON.match(sentence, after):
            found.append(Frame(who, m.start("who"), (after, n)))
        elif _REPORTS.match(sentence, after) or not _ADJUNCT.match(sentence, after):
            found.append(Frame(who, m.start("who"), (after, n)))
        else:  # "reported later, before parliament, that …": what it reports starts at `that`
            that = _THAT_AHEAD.match(sentence, after)
            if that is not None:
                found.append(Frame(who, m.start("who"), (that.end(), n)))
    for m in _ACCORDING.finditer(sentence):
        who = _cleaned(m.group("who"))
        if who is None:
            continue
        head = sentence[:m.start()].strip(" “\"'")
        closing = bool(head) and _closes(sentence, m.end())  # "…, according to Die Welt and Spiegel."
        found.append(Frame(who, m.start("who"), (0, m.start()) if closing else (m.end(), n)))
    for m in _INVERTED.finditer(sentence):
        if _WHEN_WORD.match(m.group("who")):
            continue  # "Tusk said Wednesday, …": a day, not a speaker
        who = _cleaned(m.group("who"))
        if who is not None:
            found.append(Frame(who, m.start("who"), (0, m.start("verb"))))
    for m in _SAID_IN.finditer(sentence):
        who = _cleaned(m.group("who"))
        if who is not None:
            found.append(Frame(who, m.start("who"), (m.end(), n)))
    return sorted(found, key=lambda f: (f.start, f.reports))


def speaker_of(found: list[Frame], value: tuple[int, int]) -> Frame | None:
    """The innermost frame that reports the value at `value`, if any."""
    best: Frame | None = None
    for f in found:  # in order of where the names start: of equal reports, the first (the subject, not its
        a, b = f.reports  # appositive: "Mark Rutte, Secretary-General of the … Organization (NATO), said")
        if a <= value[0] and value[1] <= b and (best is None or b - a < best.reports[1] - best.reports[0]):
            best = f
    return best


def find_speaker(sentence: str) -> tuple[str, int] | None:
    """The sentence's first named speaker and where it was named (for a
    sentence taken as a whole: "he said" in the next one refers back to it)."""
    found = frames(sentence)
    named = [f for f in found if not is_anaphor(f.who)]
    pick = named[0] if named else (found[0] if found else None)
    return (pick.who, pick.start) if pick else None


def _closes(sentence: str, at: int) -> bool:
    """Whether only a few words (an adjunct) follow a frame to the sentence's end."""
    rest = sentence[at:]
    return len(rest.split()) <= 16 and not re.search(r"\bthat\b|:", rest)


def _cleaned(who: str) -> str | None:
    who = who.strip()
    if not who or who.split()[0].lower() in _NOT_SPEAKERS:
        return None
    return clean_name(who) or None


def clean_name(who: str) -> str:
    """Drop titles and nationality words: `Prime Minister Donald Tusk` → `Donald Tusk`."""
    if _ROLE_ALL.match(who):
        return who
    if _ANON_ALL.match(who):
        return _ARTICLE.sub(lambda m: m.group(0).lower(), who)
    words = who.split()
    if _INSTITUTION_ALL.match(who) or _DOCUMENT_ALL.match(who) or words[-1].lower().strip(".,") in _TITLES:
        # "Ukraine's Air Force", "the Kremlin", "The Hague Summit Declaration": a body or a text speaks too
        return who.strip(" ,.")
    i = 0
    while i < len(words) - 1 and words[i].lower().strip(".,") in _TITLES:
        i += 1
    return " ".join(words[i:]).strip(" ,.")


def is_anaphor(name: str) -> bool:
    """`he`, `she`, `it`, `the source`, `the Spanish leader`: refers back to a speaker named earlier."""
    return bool(_ANAPHORS.match(name))


def is_body(name: str) -> bool:
    """A body or a document, which `it` refers back to."""
    return bool(_INSTITUTION_ALL.match(name) or _DOCUMENT_ALL.match(name)) or name.split()[-1].lower() in (
        "force", "ministry", "government", "command", "army", "alliance", "council", "declaration", "statement")


_PERSON_BEFORE = re.compile(rf"(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,6}})\s+(?:[a-z]+\s+){{0,4}}$")


def stance_holder(sentence: str, at: int, places: object) -> str | None:
    """Who takes a stance no one reports: the person whose name is its
    subject ("Spanish Prime Minister Pedro Sánchez has now come out openly
    against the plan"), not a country ("Spain is the only country holding
    out": the outlet's statement). `places` (events.Places) says which
    names are places."""
    m = _PERSON_BEFORE.search(sentence, max(0, at - 120), at)
    if m is None:
        return None
    name = clean_name(m.group("who"))
    if not name or len(name.split()) < 2 or places.find(name):  # type: ignore[attr-defined]
        return None
    return name


_PERSON = re.compile(r"\b(?:[A-Z][a-zà-ÿ’'-]+\s+){1,3}[A-Z][a-zà-ÿ’'-]+\b")


def person_before(sentence: str, at: int) -> str | None:
    """The last person's name (two to four capitalised words, no title, body
    or place word last) before `at` in the sentence: who "he" or "she" is
    when the sentence named them first."""
    found = None
    for m in _PERSON.finditer(sentence, 0, at):
        name = clean_name(m.group(0))
        words = name.split()
        if len(words) >= 2 and words[0] not in ("The", "A", "An") and not is_body(name) \
                and words[-1].lower() not in _TITLES:
            found = name
    return found
