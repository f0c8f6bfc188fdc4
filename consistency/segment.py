"""Source text → sentences with character offsets and line numbers.

Claims cite a line and quote a sentence, so every sentence keeps where it came
from. Lines are paragraphs in most news exports; sentences split at end
punctuation followed by a capital, except after abbreviations (`U.S.`, `Gen.`)
and initials. A dateline (`date 2025-06-12 THE HAGUE (Reuters):`) is its own
segment: it dates the source, it is not a claim. So is a "slug": a run of
lower-case keywords that feed readers and CMSs leave above an article
("nato jets shoot down russian drones poland…"), which is not prose.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from consistency.sources.dating import DATELINE

_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = frozenset(
    """u.s u.k u.n e.u mr mrs ms dr st gen lt col sgt capt maj adm rep sen gov
    jr sr no vs etc e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep sept
    oct nov dec approx est dept fig prof rev""".split()
)


_NEWLINE = re.compile("\n")
_PARAGRAPH = re.compile(r"[^\n]+")
_INITIALS = re.compile(r"[A-Z]|(?:[A-Z]\.)+[A-Z]")
_SLUG_MARK = re.compile(r"[A-Z.!?]")


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or dateline) of a source."""

    index: int
    start: int
    end: int
    line: int
    paragraph: int
    text: str
    kind: str = "sentence"  # sentence | dateline | slug

    @property
    def prose(self) -> bool:
        return self.kind == "sentence"


def split(text: str) -> list[Segment]:
    """All sentences of a text, in order."""
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    out: list[Segment] = []
    paragraph = 0
    # a dateline's cut needs the word `date`: a text without it is spared
    # running DATELINE (an expensive pattern) paragraph by paragraph
    datelines = "date" in text
    for para in _PARAGRAPH.finditer(text):
        if para.group(0).isspace():
            continue
        paragraph += 1
        for start, end, is_dateline in _sentences(text, para.start(), para.end(), datelines):
            seg_text = text[start:end]
            if seg_text[:1].isspace() or seg_text[-1:].isspace():
                lead = len(seg_text) - len(seg_text.lstrip())
                seg_text = seg_text.strip()
                if not seg_text:
                    continue
                start += lead
            line = bisect.bisect_right(line_starts, start)
            kind = "dateline" if is_dateline else ("slug" if _is_slug(seg_text) else "sentence")
            out.append(Segment(len(out), start, start + len(seg_text), line, paragraph, seg_text, kind))
    return out


def _sentences(text: str, start: int, end: int, datelines: bool = True) -> list[tuple[int, int, bool]]:
    cuts: dict[int, bool] = {}  # offset → the piece starting there is a dateline
    if datelines and text.find("date", start, end) >= 0:  # DATELINE's `iso` branch starts with `date`
        for m in DATELINE.finditer(text, start, end):
            if m.group("iso"):
                cuts[m.start()] = True
                cuts.setdefault(m.end(), False)
    for m in _BOUNDARY.finditer(text, start, end):
        token = _last_word(text, start, m.start() + 1).rstrip(".!?…").lstrip("(\"“'‘")
        if token.lower() in _ABBREV or _INITIALS.fullmatch(token):
            continue
        cuts.setdefault(m.end(), False)
    pieces: list[tuple[int, int, bool]] = []
    prev, prev_is_dateline = start, False
    for off, is_dateline in sorted(cuts.items()):
        if off <= prev or off > end:
            continue
        pieces.append((prev, off, prev_is_dateline))
        prev, prev_is_dateline = off, is_dateline
    if prev < end:
        pieces.append((prev, end, prev_is_dateline))
    return pieces


def _last_word(text: str, start: int, end: int) -> str:
    """The run of non-space characters that ends text[start:end] (which ends
    in punctuation, so there is one), found by stepping back from its end:
    searching from the paragraph's start at every full stop is quadratic in
    it, and a pattern tried at each of the last few dozen characters costs
    more than the step back over one word. (`\\S` is `not str.isspace()`.)"""
    if end <= start or text[end - 1].isspace():
        return ""
    k = end - 1
    while k > start and not text[k - 1].isspace():
        k -= 1
    return text[k:end]


def _is_slug(text: str) -> bool:
    """Eight or more words, no capital letter, no sentence punctuation."""
    return not _SLUG_MARK.search(text) and len(text.split()) >= 8
