"""English verb forms, so that a frame lists a verb once ("enter", "make it
into", "come out against") and matches it however a sentence inflects it
("entered", "made it into", "came out openly against").

Regular verbs follow the spelling rules (`-s`/`-es`, `-ed`/`-d`/`-ied`,
`-ing` with a dropped `e` or a doubled consonant); the irregular ones news
uses are listed. A library (lemminflect) does this too, but pulls in NumPy
and half a second of start-up on every run for a table of this size; a verb
it would get right and this does not is a line in `_IRREGULAR`.
"""

from __future__ import annotations

import re

# base: (past, past participle)
_IRREGULAR = {
    "be": ("was", "been"), "begin": ("began", "begun"), "break": ("broke", "broken"), "bring": ("brought", "brought"),
    "build": ("built", "built"), "buy": ("bought", "bought"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "do": ("did", "done"), "draw": ("drew", "drawn"), "drive": ("drove", "driven"),
    "fall": ("fell", "fallen"), "fight": ("fought", "fought"), "find": ("found", "found"), "fly": ("flew", "flown"),
    "forgo": ("forwent", "forgone"), "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "have": ("had", "had"), "hit": ("hit", "hit"), "hold": ("held", "held"), "keep": ("kept", "kept"),
    "lead": ("led", "led"), "leave": ("left", "left"), "lose": ("lost", "lost"), "make": ("made", "made"),
    "meet": ("met", "met"), "put": ("put", "put"), "rise": ("rose", "risen"), "run": ("ran", "run"),
    "say": ("said", "said"), "see": ("saw", "seen"), "seek": ("sought", "sought"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shoot": ("shot", "shot"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "stand": ("stood", "stood"), "strike": ("struck", "struck"), "swear": ("swore", "sworn"),
    "take": ("took", "taken"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "throw": ("threw", "thrown"), "undertake": ("undertook", "undertaken"), "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"), "overfly": ("overflew", "overflown"),
}
_IRREGULAR_S = {"be": "is", "have": "has", "do": "does", "go": "goes"}
# two-syllable verbs stressed on the last syllable, which double their final consonant
_DOUBLING = frozenset("""commit admit omit permit submit refer prefer occur deter regret control patrol compel
    expel propel rebel transfer equip""".split())
_VOWELS = "aeiou"


def forms(verb: str) -> list[str]:
    """The base form and its inflections: base, 3rd person, past, past
    participle, -ing; for a phrase ("come out against"), of its first word."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    out = [head, _third(head), *_past(head), _ing(head)]
    return list(dict.fromkeys(w + tail for w in out))


def _third(v: str) -> str:
    if v in _IRREGULAR_S:
        return _IRREGULAR_S[v]
    if re.search(r"(?:s|x|z|ch|sh|o)$", v):
        return v + "es"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ies"
    return v + "s"


def _past(v: str) -> tuple[str, str]:
    if v in _IRREGULAR:
        return _IRREGULAR[v]
    if v.endswith("e"):
        p = v + "d"
    elif re.search(r"[^aeiou]y$", v):
        p = v[:-1] + "ied"
    elif _doubles(v):
        p = v + v[-1] + "ed"
    else:
        p = v + "ed"
    return p, p


def _ing(v: str) -> str:
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and v != "be":
        return v[:-1] + "ing"
    if _doubles(v):
        return v + v[-1] + "ing"
    return v + "ing"


def _doubles(v: str) -> bool:
    """A final consonant after one vowel doubles in a one-syllable verb
    (`ban` → `banned`) and in a few stressed on the end (`commit`)."""
    if v in _DOUBLING:
        return True
    if len(v) < 3 or v[-1] in _VOWELS + "wxy" or v[-2] not in _VOWELS or v[-3] in _VOWELS:
        return False
    return len(re.findall(r"[aeiouy]+", v)) == 1
