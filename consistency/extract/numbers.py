"""Number phrases → quantities: the counts, amounts, percentages, money and
durations that news prose writes in a dozen ways.

One compiled pattern finds every number phrase of a sentence in a single pass
(modifier, figure, scale, range, unit); the parse of each match is then plain
arithmetic. Phrases that look numeric but name things (`Article 5`,
`Shahed-136`, `F-16s`, `6:45 a.m.`, years) are dropped here, so no rule can
ever take them for amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from consistency.extract.fold import FOLD
from consistency.values import Interval, Quantity
from consistency.vocab import Vocabulary

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "bn": 1e9, "mn": 1e6, "tn": 1e12,
}
_DURATION = {
    "hour": ("day", 1 / 24), "hours": ("day", 1 / 24), "day": ("day", 1),
    "days": ("day", 1), "week": ("day", 7), "weeks": ("day", 7),
    "month": ("month", 1), "months": ("month", 1), "year": ("year", 1),
    "years": ("year", 1), "decade": ("year", 10), "decades": ("year", 10),
}

_W_SMALL = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_W_TENS = "|".join(_TENS_WORDS)
_WORDNUM = (
    rf"(?:(?:{_W_TENS})(?:[- ](?:{_W_SMALL}))?|{_W_SMALL})"
    rf"(?:\s+dozen\b|\s+hundred(?:\s+(?:and\s+)?(?:(?:{_W_TENS})(?:[- ](?:{_W_SMALL}))?|{_W_SMALL}))?)?"
    r"|a\s+hundred|a\s+thousand|a\s+dozen|dozen"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|\.\d+"
_NUM = rf"(?:{_DIGITS}|\b(?:{_WORDNUM})\b)"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)s?\b|bn\b|mn\b|tn\b"
_PCT = r"%|\bper\s*cent\b|\bpercent\b|\bpercentage\s+points?\b"
_DUR = r"(?:hours?|days?|weeks?|months?|years?|decades?)\b"

_MODS = {
    # modifier → (kind); the interval is built in _apply_modifier
    "more than": "gt", "over": "gt", "above": "gt", "upwards of": "gt",
    # verbs that say a figure was passed: "has surpassed $35 billion"
    "surpassed": "gt", "surpasses": "gt", "surpassing": "gt", "exceeded": "gt", "exceeds": "gt", "topped": "gt",
    "just over": "gt", "in excess of": "gt", "exceeding": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "a minimum of": "ge",
    "fewer than": "lt", "less than": "lt", "under": "lt", "below": "lt", "just under": "lt",
    "up to": "le", "as many as": "le", "as much as": "le", "at most": "le", "a maximum of": "le",
    "nearly": "near", "almost": "near", "close to": "near",
    "around": "about", "about": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
    "approx.": "about", "circa": "about",
    "between": "between",
}
_MOD = "|".join(re.escape(m) for m in sorted(_MODS, key=len, reverse=True))

_DIGITS_SET = frozenset("0123456789")
_TEMPLATE = r"""
    (?:(?P<mod>\b(?:{mod}))\s+)?
    (?P<cur1>{pre1})?\s?
    (?P<n1>{num})
    (?:\s?{g_scale}(?P<scale1>{scale}))?
    (?:\s*{g_sep}(?P<sep>-|–|—|\bto\b|\band\b|\bor\b|,\s*(?:possibly|perhaps|maybe|or)\b,?)\s*
       (?:{g_pre}(?P<cur2>{pre}))?\s?
       (?P<n2>{num})
       (?:\s?{g_scale}(?P<scale2>{scale}))?
    )?
    (?:\s?{g_pct}(?P<pct>{pct}))?
    (?:\s{g_post}(?P<cur3>{post}))?
    (?:[\s-]{g_dur}(?P<dur>{dur}))?
"""


def _source(signs: list[str], codes: list[str], words: list[str], at_digit: bool = False,
            guards: bool = True) -> str:
    """The number pattern for these currency signs, codes and words; with
    `at_digit`, for a match at a digit, which no modifier (all begin with a
    letter) and only a sign that begins with a digit can open. With
    `guards`, each optional part that may follow a figure opens with a
    lookahead for the characters it can start with (case ignored, as by the
    pattern), so that where it is absent, as mostly, one test fails rather
    than each of its alternatives: the matches are the same."""
    def guard(starts: Iterable[str]) -> str:
        chars = sorted({re.escape(c.lower()) for c in starts})
        return f"(?=[{''.join(chars)}])" if guards and chars else ""  # none: an alternative may be empty

    by_code = rf"\b(?:{'|'.join(map(re.escape, codes))})\b"  # with no code, an empty match
    pre = "|".join([*(re.escape(s) for s in signs), by_code])
    pre1 = pre
    if at_digit:
        at_a_digit = [re.escape(s) for s in signs if s[0] in _DIGITS_SET]
        pre1 = "|".join([*at_a_digit, *([] if codes else [by_code])]) or "(?!)"
    post = rf"(?:{'|'.join(map(re.escape, words))})\b"
    return _TEMPLATE.format(
        mod="(?!)" if at_digit else _MOD, pre1=pre1, pre=pre, num=_NUM, scale=_SCALE, pct=_PCT, post=post, dur=_DUR,
        g_scale=guard(w[0] for w in _SCALES), g_sep=guard("-–—tao,"),
        g_pre=guard(w[0] for w in [*signs, *codes]) if codes else "",
        g_pct=guard("%p"), g_post=guard(w[0] for w in words), g_dur=guard(w[0] for w in _DURATION))


@dataclass(frozen=True)
class _Grammar:
    """The number pattern for one vocabulary: currencies are the vocabulary's
    (rules/_vocab.yaml), so a user adds the zloty without touching code."""

    pattern: re.Pattern[str]
    currency: dict[str, str]  # word or symbol (lower case) → ISO code
    anchor_chars: frozenset[str]
    anchor_words: frozenset[str]
    # the anchors at which a match can start in an ASCII sentence (see _live_anchor_finders)
    live_chars: re.Pattern[str] | None
    live_words: frozenset[str]  # live wherever they stand, or where live_if says
    live_if: dict[str, tuple[frozenset[str], ...]]  # live where the sentence has all of one set
    # the pattern for a match at a digit, where no modifier (all begin with a
    # letter) and only a sign that begins with a digit can open it: the
    # pattern's matches there without the dozens of alternatives that fail
    at_digit: re.Pattern[str]


_GRAMMARS: dict[tuple[tuple[str, tuple[str, ...]], ...], _Grammar] = {}


_LAST: list[tuple[Vocabulary, _Grammar]] = []  # the vocabulary last asked for (a run has one)


def _grammar(vocab: Vocabulary) -> _Grammar:
    if _LAST and _LAST[0][0] is vocab:
        return _LAST[0][1]
    key = tuple(sorted((code, tuple(words)) for code, words in vocab.currencies.items()))
    got = _GRAMMARS.get(key)
    if got is None:
        currency, signs, codes, words = _currency_forms(vocab)
        anchor_chars = frozenset("0123456789") | {s[0] for s in signs}
        anchor_words = (_ANCHOR_WORDS | {re.match(r"\w+", w).group(0) for w in words}  # type: ignore[union-attr]
                        | {re.match(r"\w+", s).group(0) for s in signs if s[:1].isalnum()})  # type: ignore[union-attr]
        ascii_words = _ascii_anchor_finders(anchor_chars, anchor_words)[1]
        got = _Grammar(re.compile(_source(signs, codes, words), re.IGNORECASE | re.VERBOSE), currency, anchor_chars,
                       anchor_words, *_live_anchor_finders(signs, codes, ascii_words),
                       re.compile(_source(signs, codes, words, at_digit=True), re.IGNORECASE | re.VERBOSE))
        _GRAMMARS[key] = got
    _LAST[:] = [(vocab, got)]
    return got


def _currency_forms(vocab: Vocabulary) -> tuple[dict[str, str], list[str], list[str], list[str]]:
    """The vocabulary's currencies as the grammar writes them: each form
    (lower case) → its code; the signs ($, US$, €, ₴), the codes (usd) and
    the words (dollars, usd, złoty), longest first where that matters."""
    key = sorted((code, tuple(words)) for code, words in vocab.currencies.items())
    currency = {w.lower(): code for code, words in key for w in (code, *words)}
    signs = sorted({w for w in currency if not w.isalpha()}, key=len, reverse=True)
    words = sorted({w for w in currency if w.isalpha()}, key=len, reverse=True)
    codes = sorted({w for w in words if w.upper() in vocab.currencies})
    return currency, signs, codes, words


# words before a figure that names a thing (`Article 5`, `Flight 17`)
_NAME_WORDS = ("Article", "Art.", "No.", "Number", "Section", "Chapter", "Resolution", "Rule", "Phase", "Level",
               "Category", "Flight", "Room", "Route", "Highway", "Protocol", "Paragraph", "page", "Vol.", "Unit",
               "Block", "Tier", "Stage", "Grade", "Division", "Brigade", "Battalion", "Regiment", "Corps")
_NAME_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(map(re.escape, _NAME_WORDS))})\s+|[A-Za-z]-|[A-Za-z]|[#:/])$")
_NAME_AFTER = re.compile(r"^(?:[A-Za-z]|:\d|\s?[ap]\.?m\b\.?|\s?o'clock)", re.IGNORECASE)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_DATE_AFTER = re.compile(rf"(?:st|nd|rd|th)?,?\s+{_MONTH}")
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+$")
_VAGUE_CACHE: dict[int, re.Pattern[str]] = {}
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_WORD_SEP = re.compile(r"[\s-]+")
_SECTION_BEFORE = re.compile(r"\b(?:Article|Chapter|Section)\s+$")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_RUN = re.compile(r"\w+")
# a modifier's first word as a token has no punctuation: `approx.` starts at the word `approx`
_ANCHOR_WORDS = frozenset([*_UNITS_WORDS, *_TENS_WORDS, "a", "dozen"]
                          + [re.match(r"\w+", m).group(0).lower() for m in _MODS])  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number phrase inside a sentence, with its span and parsed value."""

    start: int
    end: int
    text: str
    value: Quantity
    kind: str  # "number" | "percent" | "money" | "duration"
    # a bare "one": an article more often than a count ("one of the largest"),
    # so a slot takes it only with its unit word right after ("one ballistic missile")
    weak: bool = False


def word_number(text: str) -> float:
    """Value of a spelled-out number ("twenty-three", "a hundred", "two hundred and five")."""
    total = 0.0
    current = 0.0
    for w in _WORD_SEP.split(text.lower()):
        if w in ("a", "and", ""):
            current = current or (1.0 if w == "a" else current)
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _TENS_WORDS:
            current += _TENS_WORDS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0.0
    return total + current


def parse_number(text: str) -> float:
    """A figure as written: `1,000`, `40,6` (decimal comma), `3.5`, `six`."""
    t = text.strip()
    if t[:1].isdigit() or t[:1] == ".":
        if "," not in t:
            return float(t)
        if _DECIMAL_COMMA.fullmatch(t):
            return float(t.replace(",", "."))
        return float(t.replace(",", ""))
    return word_number(t)


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.lower()
    w = w[:-1] if w.endswith("s") and w not in ("bn", "mn", "tn") else w
    return _SCALES[w]


def _currency(table: dict[str, str], *words: str | None) -> str | None:
    for w in words:
        if w:
            return table.get(w.lower())
    return None


def _is_name(sentence: str, start: int, end: int, n1: str) -> bool:
    """Numbers that label things rather than count them."""
    if not n1[:1].isdigit():
        return bool(_SECTION_BEFORE.search(sentence[max(0, start - 14):start]))
    return _name_before(sentence, start) or _name_after(sentence, end)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NAME_SIGNS = _ASCII_LETTERS | frozenset("#:/")
_AM_PM = frozenset("aApPoO")


def _name_before(sentence: str, start: int) -> bool:
    """_NAME_BEFORE.search(sentence[max(0, start - 14):start]), the pattern
    run only when the window ends in whitespace: every other match ends in
    the window's last character, a letter, `#`, `:` or `/`, or a `-` after
    a letter (`$` matches before a final newline too, whitespace again)."""
    if start == 0:
        return False
    c = sentence[start - 1]
    if c in _NAME_SIGNS:
        return True
    if c == "-":
        return start >= 2 and sentence[start - 2] in _ASCII_LETTERS
    if not c.isspace():
        return False
    before = sentence[max(0, start - 14):start]
    # a word of _NAME_BEFORE then whitespace to the end; or, `$` matching
    # before a final newline, any of its alternatives
    if before[-1] != "\n" and not before.rstrip().endswith(_NAME_WORDS):
        return False
    return bool(_NAME_BEFORE.search(before))


def _name_after(sentence: str, end: int) -> bool:
    """_NAME_AFTER.match(sentence[end:end + 8]), the pattern run only when
    the next character could open a match (case ignored, `[A-Za-z]` also
    takes a few non-ASCII letters): an ASCII letter is a match, any other
    ASCII character but `:` and whitespace is none."""
    c = sentence[end:end + 1]
    if c.isascii():
        if c in _ASCII_LETTERS:
            return True
        if c != ":" and not c.isspace():
            return False
        if c != ":":
            c = sentence[end + 1:end + 2]  # after one whitespace `a.m.` or `o'clock` can follow
            if c.isascii() and c not in _AM_PM:
                return False
    return bool(_NAME_AFTER.match(sentence[end:end + 8]))


def _apply_modifier(kind: str | None, lo: float, hi: float, approx_width: float) -> tuple[Interval, bool]:
    if kind == "gt":
        return Interval(hi, None, False, True), False
    if kind == "ge":
        return Interval(lo, None), False
    if kind == "lt":
        return Interval(0, lo, True, False), False
    if kind == "le":
        return Interval(0, hi), False
    if kind == "near":
        return Interval(hi * (1 - approx_width), hi, True, False), True
    if kind == "about":
        return Interval(lo * (1 - approx_width), hi * (1 + approx_width)), True
    return Interval(lo, hi), False


# Letters that `re.IGNORECASE` matches as ASCII ones (Python folds ſ to s, ı
# and İ to i, the Kelvin sign to k): a phrase matched through them is looked
# up in the ASCII tables as the word it was matched as, not as a key error.
_LOOKALIKES = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
_HAS_LOOKALIKE = re.compile("[\u017f\u0131\u0130\u212a]")


def scan_numbers(sentence: str, vocab: Vocabulary, fold: tuple[str, set[str]] | None = None) -> list[NumberMention]:
    """Every number phrase in the sentence, left to right, names and years left out.
    `fold`, for an ASCII sentence: its padded folded text and word set, if
    already made (prefilter.DocumentWords.fold)."""
    out: list[NumberMention] = []
    pos = 0
    grammar = _grammar(vocab)
    words: set[str] | None = None
    if fold is not None:
        folded, words = fold
        anchors = _live_anchors(sentence, grammar, folded, words)
    elif sentence.isascii():
        folded = " " + sentence.translate(FOLD) + " "
        words = set(folded.split())
        anchors = _live_anchors(sentence, grammar, folded, words)
    else:
        anchors = _anchors(sentence, grammar)
    lookalikes = fold is None and not sentence.isascii() and _HAS_LOOKALIKE.search(sentence) is not None
    match, at_digit = grammar.pattern.match, grammar.at_digit.match
    for anchor in anchors:
        if anchor < pos:
            continue
        m = at_digit(sentence, anchor) if sentence[anchor] in _DIGITS_SET else match(sentence, anchor)
        if m is None:
            continue
        parts = m.groupdict()
        if lookalikes:  # "ſix", "dayſ": matched as ASCII words, so looked up as them
            parts = {k: v.translate(_LOOKALIKES) if v else v for k, v in parts.items()}
        n1 = parts["n1"]
        if not n1:
            continue
        pos = m.end()
        # the match starts at the anchor, never whitespace, so with the
        # modifier, else the sign, else the figure (`\\s?` matches nothing)
        start = anchor
        n1_end = m.end("scale1") if parts["scale1"] else m.end("n1")
        if _is_name(sentence, m.start("n1"), n1_end, n1):
            continue
        n2 = parts["n2"]
        if n2 is not None and not _range_ok(parts, sentence, m.span("n2")):
            # "415 drones and 43" never reaches here; "6 and 10" without "between",
            # "$60 to $45" or "2025-2033": keep the first figure, rescan the rest
            for k in ("n2", "scale2", "cur2", "sep", "pct", "cur3", "dur"):
                parts[k] = None
            if (parts["mod"] or "").lower() == "between":
                parts["mod"] = None  # "between 10 and 6": two figures, not a range
            pos = n1_end
            end = n1_end
        else:
            end = pos
        if _is_year_only(parts) or _in_date(sentence, start, end):
            continue
        if (parts["mod"] or "").lower() == "up to" and _PARTICLE_VERB.search(sentence, max(0, start - 12), start):
            parts["mod"] = None  # "sign up to 5%", "stepped up to 40": a verb's particle, no ceiling
        mention = _build(parts, start, end, sentence, vocab, grammar.currency)
        if mention is not None and _is_lone_one(parts):
            mention = NumberMention(mention.start, mention.end, mention.text, mention.value, mention.kind, True)
        if mention is not None:
            out.append(mention)
    if words is None or _vague_possible(vocab, words):
        vague = _scan_vague(sentence, vocab, out)
        if vague:
            # the figure a vague word multiplies is part of it: "several dozen" is not also "a dozen"
            out = [n for n in out if not any(v.start <= n.start and n.end <= v.end for v in vague)]
            out.extend(vague)
            out.sort(key=_start)
    if "all but" in sentence.lower() or _DECADE_AGE.search(sentence):
        out = _phrased(sentence, out)
    return out


# "all but one of the 169 on board": the whole less the exception
_ALL_BUT = re.compile(rf"\ball\s+but\s+(?P<but>{_NUM})\s+of\s+(?:the\s+)?(?P<of>{_DIGITS}|{_WORDNUM})\b",
                      re.IGNORECASE)
# "in her early 40s", "in their mid-30s", "in his 50s": an age by its decade
_DECADE_AGE = re.compile(r"\b(?:in\s+(?:his|her|their)\s+)?(?:(?P<part>early|mid|late)[- ])?(?P<decade>[1-9]0)s\b",
                         re.IGNORECASE)
_PART_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "": (0, 9)}


def _phrased(sentence: str, found: list[NumberMention]) -> list[NumberMention]:
    """Figures a phrase says rather than writes: "all but one of the 169"
    (168), "in her early 40s" (40-43). Each replaces the figures inside it."""
    made: list[NumberMention] = []
    for m in _ALL_BUT.finditer(sentence):
        whole, but = parse_number(m.group("of")), parse_number(m.group("but"))
        if whole > but:
            made.append(NumberMention(m.start(), m.end(), m.group(0), Quantity(Interval(whole - but, whole - but), None,
                                                                                False), "number"))
    for m in _DECADE_AGE.finditer(sentence):
        if not m.group("part") and not m.group(0).lower().startswith("in "):
            continue  # "the 1990s", "40s" alone: a decade, or not an age
        lo, hi = _PART_OF_DECADE[(m.group("part") or "").lower()]
        base = int(m.group("decade"))
        made.append(NumberMention(m.start(), m.end(), m.group(0), Quantity(Interval(base + lo, base + hi), None, True),
                                  "number"))
    if not made:
        return found
    kept = [n for n in found if not any(p.start <= n.start and n.end <= p.end or n.start <= p.start < n.end
                                        for p in made)]
    return sorted(kept + made, key=_start)


def _start(mention: NumberMention) -> int:
    return mention.start


def _anchors(sentence: str, grammar: _Grammar) -> list[int]:
    """Where a number phrase can start: digits, currency signs and codes,
    number words and the first words of modifiers. Trying the full pattern
    only there is what keeps the scan fast on long prose."""
    chars, words = grammar.anchor_chars, grammar.anchor_words
    return [m.start() for m in _TOKEN.finditer(sentence)
            if m.group(0)[0] in chars or m.group(0).lower() in words]


def _ascii_anchor_finders(chars: frozenset[str], words: frozenset[str]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """For ASCII sentences: a pattern matching the anchor characters where
    they start a token of _TOKEN, and the anchor words an ASCII token can
    equal after `.lower()`. A word character starts a token at the start of
    a run of them, which the lookbehind (placed after the character, so
    that the engine can skip ahead to the characters) checks; any other
    non-space character is a token of its own."""
    ascii_chars = sorted(c for c in chars if c.isascii() and not c.isspace())
    in_word = [c for c in ascii_chars if re.fullmatch(r"\w", c)]
    pattern = None
    if ascii_chars:
        cls = "".join(map(re.escape, ascii_chars))
        source = rf"[{cls}](?<!\w[{''.join(map(re.escape, in_word))}])" if in_word else f"[{cls}]"
        pattern = re.compile(source)
    return pattern, frozenset(w for w in words if w.isascii() and re.fullmatch(r"\w+", w) and w == w.lower())


def _live_anchors(sentence: str, grammar: _Grammar, folded: str, words: set[str]) -> list[int]:
    """The anchors of an ASCII sentence (those of _anchors) at which the
    grammar can match, by the finders _live_anchor_finders makes: the same
    matches, fewer failed tries ("in", "a", "as" open few number phrases)."""
    found = [m.start() for m in grammar.live_chars.finditer(sentence)] if grammar.live_chars else []
    live_if = grammar.live_if
    added = False
    for w in grammar.live_words.intersection(words):
        needs = live_if.get(w)
        if needs is not None and not _has_one(needs, words):
            continue
        needle = f" {w} "
        i = folded.find(needle)
        while i >= 0:
            found.append(i)  # the padding shifts by one: folded[i + 1] is sentence[i]
            i = folded.find(needle, i + 1)
        added = True
    return sorted(set(found)) if added else found  # finditer's are in order already


def _has_one(needs: tuple[frozenset[str], ...], words: set[str]) -> bool:
    """Whether `words` has every word of one of the sets."""
    for n in needs:
        if n <= words:
            return True
    return False


def _live_anchor_finders(signs: list[str], codes: list[str], ascii_words: frozenset[str]) -> tuple[
        re.Pattern[str] | None, frozenset[str], dict[str, tuple[frozenset[str], ...]]]:
    """Anchors for ASCII sentences, kept only where a match can start. A
    match starts with a modifier, a currency sign or code, or a figure
    (digits, or a number word: `twenty`, `a hundred`). Matched in ASCII
    text with case ignored, each of these puts every word of its written
    form in the sentence as a whole word, the first at the anchor. So an
    anchor word (of `ascii_words`, which this never adds to) is live
    wherever it stands if it opens a form alone (`over`, `five`), else
    where the sentence has all the other words of one form it opens: `in`
    needs `excess` and `of`, `a` needs `hundred`, or `minimum` and `of`.
    A currency word written after the figure (`dollars`) opens no form and
    is dropped. A sign that opens with a word ended by another character
    (`US$`) matches only where that word is a live anchor word, so its
    first character (`u`, which starts many words) is no anchor character;
    digits and other signs' first characters stay."""
    forms: list[tuple[str, frozenset[str]]] = []
    for text in [*_MODS, *_UNITS_WORDS, *_TENS_WORDS, "dozen", "a hundred", "a thousand", "a dozen", *codes]:
        runs = _RUN.findall(text.lower())
        forms.append((runs[0], frozenset(runs[1:])))
    chars = set("0123456789")
    for sign in signs:
        run = _RUN.match(sign)
        if run is not None and run.group(0) in ascii_words:
            forms.append((run.group(0), frozenset()))
        if not (sign.isascii() and run is not None and run.end() < len(sign) and run.group(0) in ascii_words):
            chars.add(sign[0])
    needs: dict[str, list[frozenset[str]]] = {}
    for first, rest in forms:
        if first in ascii_words:
            needs.setdefault(first, []).append(rest)
    live_if = {w: tuple(alts) for w, alts in needs.items() if frozenset() not in alts}
    return _ascii_anchor_finders(frozenset(chars), frozenset())[0], frozenset(needs), live_if


def _range_ok(parts: dict[str, str | None], sentence: str, n2_span: tuple[int, int]) -> bool:
    n1, n2, sep = parts["n1"] or "", parts["n2"] or "", (parts["sep"] or "").lower()
    if sep == "and" and (parts["mod"] or "").lower() != "between":
        return False
    if _year_like(n1) and _year_like(n2):
        return False  # "2025-2033" is a span of years, for the date scanner
    if _is_name(sentence, n2_span[0], n2_span[1], n2):
        return False
    lo = parse_number(n1) * _scale(parts["scale1"] or parts["scale2"])
    hi = parse_number(n2) * _scale(parts["scale2"] or parts["scale1"])
    return hi >= lo


def _in_date(sentence: str, start: int, end: int) -> bool:
    """Day numbers belong to dates ("10 September", "June 24–25"), not counts."""
    return _date_after(sentence, end) or _date_before(sentence, start)


_DATE_AFTER_FIRST = frozenset("snrt,")
_MONTH_FIRST = frozenset("JFMASOND")


def _date_after(sentence: str, end: int) -> bool:
    """_DATE_AFTER.match(sentence, end), the pattern run only where its
    first character can be: a suffix's (`st`, `nd`, `rd`, `th`), a comma
    or whitespace."""
    c = sentence[end:end + 1]
    if c == " ":
        c = sentence[end + 1:end + 2]  # after one space, more whitespace or a month
        if not c.isspace() and c not in _MONTH_FIRST:
            return False
    elif not c or not (c in _DATE_AFTER_FIRST or c.isspace()):
        return False
    return _DATE_AFTER.match(sentence, end) is not None


def _date_before(sentence: str, start: int) -> bool:
    """_DATE_BEFORE.search(sentence, 0, start), searching only where a match
    can lie: it ends with the whitespace that ends sentence[:start], and
    before that come at most a month name and a full stop (10 characters);
    the search still sees the characters before it for its `\\b`."""
    k = start
    while k > 0 and sentence[k - 1].isspace():
        k -= 1
    if k == start:
        return False  # `\\s+$` needs whitespace at the end
    return bool(_DATE_BEFORE.search(sentence, max(0, k - 10), start))


def _is_lone_one(parts: dict[str, str | None]) -> bool:
    """A bare "one" is an article more often than a count ("one NATO
    member", "one of the largest"); it counts only with a unit ("one-day")."""
    return (parts["n1"] or "").lower() == "one" and not any(
        parts[g] for g in ("mod", "n2", "scale1", "pct", "cur1", "cur3", "dur"))


def _year_like(figure: str) -> bool:
    # `\\d{4}` in full: four characters that are decimal digits (Unicode's, as `\\d`)
    return len(figure) == 4 and figure.isdecimal() and 1800 <= int(figure) <= 2100


def _is_year_only(parts: dict[str, str | None]) -> bool:
    if not _year_like(parts["n1"] or ""):
        return False
    return not any(parts[g] for g in ("scale1", "pct", "cur1", "cur3", "dur", "mod", "n2"))


def _build(parts: dict[str, str | None], start: int, end: int, sentence: str, vocab: Vocabulary,
           currencies: dict[str, str]) -> NumberMention | None:
    mod = parts["mod"]
    mod = mod.lower() if mod else None
    n2 = parts["n2"]
    if mod == "between" and not n2:
        return None
    scale1, scale2 = parts["scale1"], parts["scale2"]
    lo = parse_number(parts["n1"] or "") * _scale(scale1 or scale2)
    hi = parse_number(n2) * _scale(scale2 or scale1) if n2 else lo
    kind = "number"
    unit: str | None = None
    cur = parts["cur1"] or parts["cur2"] or parts["cur3"]  # the first written names the currency
    if parts["pct"]:
        kind, unit = "percent", "percent"
    elif cur and (code := currencies.get(cur.lower())):
        kind, unit = "money", code
    elif parts["dur"]:
        base, factor = _DURATION[parts["dur"].lower()]
        kind, unit = "duration", base
        lo, hi = lo * factor, hi * factor
    mod_kind = _MODS.get(mod) if mod else None
    if mod_kind == "between" or (kind == "duration" and mod == "over"):
        mod_kind = None  # "held over two days" spans the days, it does not exceed them
    if mod_kind is None:
        # Interval(lo, hi) is closed with both bounds set: empty just when lo > hi
        if lo > hi:
            return None
        value = Quantity(Interval(lo, hi), unit, False)
    else:
        interval, approx = _apply_modifier(mod_kind, lo, hi, vocab.approximation)
        if interval.empty:
            return None  # "fewer than 0": allows nothing, claims nothing
        value = Quantity(interval, unit, approx)
    return NumberMention(start, end, sentence[start:end], value, kind)


# the first words of every number-word figure (`a hundred`, `a dozen` hold
# `hundred`, `dozen`): an ASCII sentence has one of them or a digit, or _NUM
# finds nothing in it
NUMBER_WORDS = frozenset([*_UNITS_WORDS, *_TENS_WORDS, "hundred", "thousand", "dozen"])
_VAGUE_WORDS: dict[tuple[str, ...], list[frozenset[str]] | None] = {}
_LAST_VAGUE: list[tuple[dict[str, tuple[float, float]], list[frozenset[str]] | None]] = []


def vague_words(vocab: Vocabulary) -> list[frozenset[str]] | None:
    """The lower-case words of each vague phrase, all of which an ASCII
    sentence must have for _scan_vague to find the phrase in it (it is
    matched as whole words, case ignored); None when a phrase is not plain
    ASCII words and spaces, so that no such test can be made."""
    if _LAST_VAGUE and _LAST_VAGUE[0][0] is vocab.vague:
        return _LAST_VAGUE[0][1]
    key = tuple(vocab.vague)
    got = _VAGUE_WORDS.get(key, False)
    if got is False:
        got = []
        for p in key:
            if not p.isascii() or not re.fullmatch(r"\w+(?: \w+)*", p):
                got = None
                break
            got.append(frozenset(p.lower().split()))
        _VAGUE_WORDS[key] = got
    _LAST_VAGUE[:] = [(vocab.vague, got)]
    return got  # type: ignore[return-value]


_LAST_KEYS: list[tuple[list[frozenset[str]], frozenset[str]]] = []


def _vague_possible(vocab: Vocabulary, words: set[str]) -> bool:
    """Whether an ASCII sentence (`words` its word set) has every word of
    some vague phrase; first whether it has the longest word of one, which
    few sentences have (`several`, `dozens`)."""
    needs = vague_words(vocab)
    if needs is None:
        return True
    if not (_LAST_KEYS and _LAST_KEYS[0][0] is needs):
        _LAST_KEYS[:] = [(needs, frozenset(max(sorted(need), key=len) for need in needs))]  # none empty
    if _LAST_KEYS[0][1].isdisjoint(words):
        return False
    return any(need <= words for need in needs)


def _scan_vague(sentence: str, vocab: Vocabulary, taken: list[NumberMention]) -> list[NumberMention]:
    """`several`, `a few`, `dozens`: ranges from the shared vocabulary."""
    if not vocab.vague:
        return []
    key = id(vocab)
    pat = _VAGUE_CACHE.get(key)
    if pat is None:
        words = "|".join(re.escape(w) for w in sorted(vocab.vague, key=len, reverse=True))
        pat = re.compile(rf"\b(?:{words})\b(?!\s+(?:of\s+)?(?:\d|[a-z]+\s+(?:thousand|million|billion)))", re.IGNORECASE)
        _VAGUE_CACHE[key] = pat
    out = []
    for m in pat.finditer(sentence):
        if any(t.start <= m.start() < t.end for t in taken):
            continue
        said = m.group(0)
        lo, hi = vocab.vague.get(said.lower()) or vocab.vague[said.translate(_LOOKALIKES).lower()]
        end = m.end()
        dozen = _DOZEN_AFTER.match(sentence, end)
        if dozen is not None:  # "several dozen": three to seven dozens
            lo, hi, end = lo * 12, hi * 12, dozen.end()
        out.append(NumberMention(m.start(), end, sentence[m.start():end], Quantity(Interval(lo, hi), None, True),
                                 "number"))
    return out


_PARTICLE_VERB = re.compile(r"\b(?:sign|step|ramp|scale|gear|add|live|measure|build|speed)(?:s|ed|ing|ped|ping)?\s+$",
                            re.IGNORECASE)
_DOZEN_AFTER = re.compile(r"\s+dozens?\b", re.IGNORECASE)
