"""Rule phrases → patterns.

Plain words are the common case: they match case-insensitively as whole
words, with any run of spaces or hyphens between them and `*` ending a stem.
These are built into patterns that cannot backtrack badly. A phrase starting
with `re:` is the author's own regular expression and is compiled with RE2,
which runs in linear time whatever the pattern, so no rule can hang a run.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import re2


class Pattern(Protocol):
    def finditer(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def search(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def match(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...


class PhraseError(ValueError):
    """A phrase that cannot be used, with the reason in words."""


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_RE2_OPTIONS.case_sensitive = False
_TOO_LARGE = ("it is too large for RE2 (a counted repetition `{n}` over 1000, or nested ones whose counts "
              "multiply past 1000); use `+` or `*`, or smaller counts")
_REASONS = {
    "invalid repetition size": _TOO_LARGE, "pattern too large": _TOO_LARGE,
    "missing )": "a `(` is never closed", "unexpected )": "a `)` closes nothing",
    "missing ]": "a `[` is never closed", "bad repetition operator": "a repetition (`*`, `+`, `?`, `{n}`) "
    "has nothing to repeat", "invalid escape sequence": "an unknown escape (`\\` followed by a letter)",
    "trailing \\": "the pattern ends with a lone `\\`",
}
_CONSTRUCTS = {
    "(?<=": "lookbehind `(?<=…)`", "(?<!": "negative lookbehind `(?<!…)`", "(?=": "lookahead `(?=…)`",
    "(?!": "negative lookahead `(?!…)`", "\\1": "backreference `\\1`", "(?>": "atomic group `(?>…)`",
    "*+": "possessive quantifier", "++": "possessive quantifier",
}


def phrase_regex(phrase: str) -> str:
    """The regex source for one phrase (plain words, or `re:` verbatim)."""
    if phrase.startswith("re:"):
        return f"(?:{phrase[3:]})"
    body = ""
    for w in phrase.split():
        if w == "~":  # an optional adverb: "come out ~ against" finds "came out openly against"
            body += r"[\s-]+(?:\w+ly[\s-]+)?" if body else r"(?:\w+ly[\s-]+)?"
            continue
        star = w.endswith("*")
        core = re.escape(w.rstrip("*")).replace("’", "['’]").replace("'", "['’]")
        if body and not body.endswith(")?"):
            body += r"[\s-]+"
        # a stem ends the word it starts: `defen*` is "defence" or "defensive", not "defence-related"
        body += core + (r"\w*" if star else "")
    if not body or body.startswith("(?:"):
        raise PhraseError("empty phrase" if not body else "a phrase cannot start with `~` (an optional adverb)")
    left = r"\b" if re.match(r"\w", phrase) else ""
    right = r"\b" if re.search(r"\w$", phrase.rstrip("*")) or phrase.endswith("*") else ""
    return f"{left}{body}{right}"


def check_regex(body: str) -> None:
    """Raise PhraseError naming the construct when RE2 cannot take a pattern,
    or when it holds a backspace: that is what YAML makes of `\\b` in a
    double-quoted string, so a word boundary silently became a character no
    text has and the pattern never matched."""
    if "\b" in body:
        shown = body.replace("\b", "\\b")
        raise PhraseError(f"pattern `{shown}` holds a backspace where a word boundary `\\b` was meant: in double "
                          f"quotes YAML reads `\\b` as a backspace; put the pattern in single quotes "
                          f"('re:{shown}')")
    try:
        re2.compile(body, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        construct = next((name for token, name in _CONSTRUCTS.items() if token in body), None)
        if construct:
            detail = f"{construct} is not supported (patterns run on RE2, which never backtracks)"
        else:
            detail = next((text for key, text in _REASONS.items() if reason.startswith(key)), reason)
        raise PhraseError(f"pattern `{body}` cannot be used: {detail}") from None


_EVERY_KIND_OF_WORD = ("the", "a", "said", "2025", "Zzyzx", "drones", "NATO")  # a pattern matching all: noise


def check_phrase(phrase: str) -> None:
    """Raise PhraseError when a phrase cannot be used, or could only mislead:
    one of only spaces (it made the whole run fail), `*` alone (every word
    is one: a trigger found everywhere), a pattern RE2 cannot take, or one
    that matches an empty string or any word at all (found everywhere, and a
    slot with such a trigger stopped firing where it should). `$name` is the
    caller's to expand."""
    if not phrase.strip():
        raise PhraseError("is only spaces; write a word or phrase, or remove it")
    if phrase.startswith("re:"):
        body = phrase[3:]
        if not body:
            raise PhraseError("`re:` with no pattern after it; write the pattern, as in 're:\\bdrones?\\b'")
        check_regex(body)
        pattern = re2.compile(body, _RE2_OPTIONS)
        if pattern.search("") is not None:
            raise PhraseError(f"pattern `{body}` matches an empty string, so it is found everywhere; make it "
                              "need at least one character (`x+`, not `x*`)")
        if all(pattern.search(word) is not None for word in _EVERY_KIND_OF_WORD):
            raise PhraseError(f"pattern `{body}` matches any word, so it is found everywhere; name the words "
                              "it is about")
        return
    if all(not w.strip("*") for w in phrase.split()):
        raise PhraseError(f"`{phrase.strip()}` alone matches every word; put `*` after a stem, as in `produc*`")


def compile_phrases(phrases: list[str]) -> Pattern | None:
    """One pattern matching any of the phrases. Plain phrases use Python's
    engine (their patterns are safe by construction); a list holding a `re:`
    phrase is compiled with RE2 as a whole."""
    if not phrases:
        return None
    source = "|".join(phrase_regex(p) for p in phrases)
    if any(p.startswith("re:") for p in phrases):
        return re2.compile(source, _RE2_OPTIONS)  # type: ignore[no-any-return]
    return re.compile(source, re.IGNORECASE)
