"""Phrases → labels for category slots (a stance, a title).

A category slot declares its closed list of labels and the phrases that say
each. Where phrases overlap ("former President" and "President") the longer
wins. A negation just before a phrase ("did not reject", "no longer backs")
turns the label into the one the rule's `negated` table names, or drops it:
"did not reject" is not "rejects", and it is not "supports" unless the rule
says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract.prefilter import phrase_starts, spans_from_starts
from consistency.rules import Slot, compile_phrases
from consistency.rules.phrases import Pattern
from consistency.values import Category

_NEGATION = re.compile(r"(?:\b(?:not|never|no\s+longer|hardly)|n[’']t)(?:\s+\w+){0,2}\s+$", re.IGNORECASE)


# every match of _NEGATION holds one of these, lower-cased: `not` and `no
# longer` hold `no`, `never` holds `ne`. Its letters have no other case
# than their capitals (no `ſ`, `K` or `ı` folds to them), so lower-casing
# finds them wherever the pattern, ignoring case, does.
_NEGATION_HINTS = ("no", "ne", "n't", "n’t", "hardly")


def _negation_before(sentence: str, start: int) -> re.Match[str] | None:
    """_NEGATION.search(sentence, max(0, start - 40), start), the pattern
    run only where the window holds a word it needs: most phrases have no
    negation before them, and the pattern has no first character the
    engine could skip ahead to."""
    lo = max(0, start - 40)
    window = sentence[lo:start].lower()
    if not any(h in window for h in _NEGATION_HINTS):
        return None
    return _NEGATION.search(sentence, lo, start)


@dataclass(frozen=True, slots=True)
class LabelMention:
    start: int
    end: int
    text: str
    value: Category | None  # None when a negation drops the label (reason in note)
    note: str = ""


@dataclass(frozen=True)
class LabelTable:
    """A category slot's phrases, compiled once."""

    patterns: tuple[tuple[str, Pattern], ...]
    negated: dict[str, str | None]
    # per pattern, how its matches start in ASCII text (prefilter.phrase_starts), or None
    starts: tuple[tuple[frozenset[str], tuple[str, ...]] | None, ...] = ()

    @staticmethod
    def build(spec: Slot) -> LabelTable:
        pats = []
        starts = []
        for label, phrases in spec.labels.items():
            p = compile_phrases(phrases)
            if p is not None:
                pats.append((label, p))
                starts.append(phrase_starts(phrases))
        return LabelTable(tuple(pats), dict(spec.negated), tuple(starts))

    def scan(self, sentence: str, fold: tuple[str, set[str]] | None = None) -> list[LabelMention]:
        """The labels the sentence's phrases say. `fold`, for an ASCII
        sentence: its padded folded text and word set (prefilter.DocumentWords.fold),
        with which a pattern is tried only where one of its phrases can start."""
        found: list[tuple[int, int, str]] = []
        starts = self.starts if fold is not None and len(self.starts) == len(self.patterns) else None
        for k, (label, pattern) in enumerate(self.patterns):
            start = starts[k] if starts is not None else None
            if start is not None:
                if start[1] or not start[0].isdisjoint(fold[1]):  # type: ignore[index]
                    # else no phrase of the label can start in the sentence: spans_from_starts finds none
                    spans = spans_from_starts(pattern, sentence, start, *fold)  # type: ignore[misc]
                    found += [(a, b, label) for a, b in spans]
            else:
                found += [(m.start(), m.end(), label) for m in pattern.finditer(sentence) if m.end() > m.start()]
        if not found:
            return []  # most sentences a slot's words bring here say none of its labels
        if len(found) > 1:
            # the longest phrase wins where phrases overlap; ties go to the label listed first
            order = {label: i for i, (label, _) in enumerate(self.patterns)}
            found.sort(key=lambda f: (f[0] - f[1], order[f[2]], f[0]))
            kept: list[tuple[int, int, str]] = []
            for f in found:
                if all(f[1] <= k[0] or k[1] <= f[0] for k in kept):
                    kept.append(f)
            found = sorted(kept)
        out = []
        for start, end, label in found:
            text = sentence[start:end]
            neg = _negation_before(sentence, start)
            if neg is None:
                out.append(LabelMention(start, end, text, Category(label)))
                continue
            said = " ".join(sentence[neg.start():end].split())
            becomes = self.negated.get(label)
            if becomes is None:
                out.append(LabelMention(start, end, text, None, f"negated (`{said}`): not `{label}`, and the "
                                                                 f"rule's `negated` names no label for it"))
            else:
                out.append(LabelMention(start, end, text, Category(becomes), f"negated (`{said}`): {becomes}"))
        return out
