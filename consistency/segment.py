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

import re
from dataclasses import dataclass

from consistency.sources.dating import DATELINE
from consistency.sources import oddities

# a sentence end: end punctuation, closing quotes or brackets, spaces (the
# group), then what opens a sentence. `[^\S\n]` is `\s` but a line end, so a
# search over the whole text finds exactly what searches confined to each
# paragraph (line) found, without a search per paragraph.
_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*([^\S\n]+)(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = frozenset(
    """u.s u.k u.n e.u mr mrs ms dr st gen lt col sgt capt maj adm rep sen gov
    jr sr no vs etc e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep sept
    oct nov dec approx est dept fig prof rev""".split()
)


_INITIALS = re.compile(r"[A-Z]|(?:[A-Z]\.)+[A-Z]")
_SLUG_MARK = re.compile(r"[A-Z.!?]")


@dataclass(slots=True, unsafe_hash=True)
class Segment:
    """A sentence (or dateline) of a source. Treat it as immutable: it is
    not a frozen dataclass only because a frozen one's constructor sets each
    field through `object.__setattr__`, five times the cost, and a megabyte
    of news makes some eight thousand of them (it hashes and compares as a
    frozen one would)."""

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
    """All sentences of a text, in order, each at most MAX_CHARS long and
    holding at most MAX_FIGURES figures (`bounded`), and a sentence whose
    figures cannot be read as written (`garbled`) set apart from prose."""
    return bounded(text, sentences(text))


def sentences(text: str) -> list[Segment]:
    """All sentences of a text, in order, as the text gives them.

    One boundary search over the whole text, then a walk over its lines
    (paragraphs) that hands each its boundaries in turn: the line number is
    the walk's count, and a sentence ends where the spaces of its boundary
    begin, so only a paragraph's first and last sentence can need trimming,
    and trimming the paragraph does that. A paragraph with the word `date`
    may hold a dateline and is cut by `_sentences`, as all paragraphs were."""
    bounds = _boundaries(text)
    nb = len(bounds)
    b = 0
    out: list[Segment] = []
    append = out.append
    slug_mark = _SLUG_MARK.search
    paragraph = 0
    pos = 0
    for line, para in enumerate(text.split("\n"), 1):
        start = pos
        end = start + len(para)
        pos = end + 1
        if not para or para.isspace():
            continue
        paragraph += 1
        if "date" in para:
            first = b
            while b < nb and bounds[b][0] < end:
                b += 1
            for a, z, is_dateline in _sentences(text, start, end, [nxt for _, nxt, _ in bounds[first:b]]):
                seg_text = text[a:z]
                if seg_text[:1].isspace() or seg_text[-1:].isspace():
                    lead = len(seg_text) - len(seg_text.lstrip())
                    seg_text = seg_text.strip()
                    if not seg_text:
                        continue
                    a += lead
                kind = "dateline" if is_dateline else ("slug" if _is_slug(seg_text) else "sentence")
                append(Segment(len(out), a, a + len(seg_text), line, paragraph, seg_text, kind))
            continue
        if para[0].isspace() or para[-1].isspace():
            start += len(para) - len(para.lstrip())
            end -= len(para) - len(para.rstrip())
            para = text[start:end]
        if b == nb or bounds[b][0] >= end:  # one sentence: the paragraph
            kind = "sentence" if para[-1] in ".!?" or slug_mark(para) or len(para.split()) < 8 else "slug"
            append(Segment(len(out), start, end, line, paragraph, para, kind))
            continue
        while b < nb and bounds[b][0] < end:
            stop, nxt, marked = bounds[b]
            b += 1
            seg_text = text[start:stop]
            kind = "sentence" if marked or slug_mark(seg_text) or len(seg_text.split()) < 8 else "slug"
            append(Segment(len(out), start, stop, line, paragraph, seg_text, kind))
            start = nxt
        seg_text = text[start:end]
        kind = "sentence" if seg_text[-1] in ".!?" or slug_mark(seg_text) or len(seg_text.split()) < 8 else "slug"
        append(Segment(len(out), start, end, line, paragraph, seg_text, kind))
    return out


def _boundaries(text: str) -> list[tuple[int, int, bool]]:
    """Each sentence boundary of the text, as where the spaces between the
    sentences begin and end and whether its end punctuation is one a slug
    lacks (`.!?`, not `…`), skipping a full stop after an abbreviation or
    initials."""
    out: list[tuple[int, int, bool]] = []
    for m in _BOUNDARY.finditer(text):
        at = m.start()
        lo = at + 1 - _WORD_WINDOW if at >= _WORD_WINDOW else 0
        word = text[lo:at + 1].rsplit(None, 1)[-1]  # _last_word(text, 0, at + 1), its common case inline
        if lo and len(word) == at + 1 - lo:
            word = _last_word(text, 0, at + 1)
        token = word.rstrip(".!?…").lstrip("(\"“'‘")
        if token.lower() in _ABBREV or (token.isupper() and _INITIALS.fullmatch(token)):  # initials are upper case
            continue
        stop, nxt = m.span(1)
        out.append((stop, nxt, text[at] != "…"))
    return out


def _sentences(text: str, start: int, end: int, cuts_at: list[int]) -> list[tuple[int, int, bool]]:
    """The pieces of the paragraph text[start:end] that may hold a dateline,
    untrimmed, each with whether it is one: cut at each of its datelines'
    ends and at `cuts_at`, its sentence boundaries."""
    cuts: dict[int, bool] = {}  # offset → the piece starting there is a dateline
    # DATELINE.finditer's `iso` matches, tried only at a `date` (where they
    # start): its other branch (`Published…`) never spans a `date` that
    # starts a word, so it cannot hide one
    at = text.find("date", start, end)
    while at >= 0:
        m = DATELINE.match(text, at, end)
        if m is not None and m.group("iso"):
            cuts[m.start()] = True
            cuts.setdefault(m.end(), False)
            at = text.find("date", m.end(), end)
        else:
            at = text.find("date", at + 1, end)
    for off in cuts_at:
        cuts.setdefault(off, False)
    pieces: list[tuple[int, int, bool]] = []
    prev, prev_is_dateline = start, cuts.get(start, False)  # a paragraph may open with its dateline
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
    in punctuation, so there is one). Searching from the paragraph's start
    at every full stop is quadratic in it, and stepping back a character at
    a time costs a microsecond a word, so the last few dozen characters are
    split (`str.split`'s spaces are `\\s`, `str.isspace`) and only a word
    that fills them is stepped back over."""
    if end <= start or text[end - 1].isspace():
        return ""
    lo = max(start, end - _WORD_WINDOW)
    word = text[lo:end].rsplit(None, 1)[-1]
    if lo == start or len(word) < end - lo:
        return word
    k = lo
    while k > start and not text[k - 1].isspace():
        k -= 1
    return text[k:end]


_WORD_WINDOW = 24


def _is_slug(text: str) -> bool:
    """Eight or more words, no capital letter, no sentence punctuation."""
    return not _SLUG_MARK.search(text) and len(text.split()) >= 8


# ---------------------------------------------------------------- bounded work per sentence
#
# Reading a sentence costs more than its length: every value is weighed
# against every date and trigger in it, over the words between them (as-of
# dates, distances), so one sentence of a few thousand figures took minutes
# (a 20 KB one over 100 s) and could hang a run. No sentence anyone writes
# is like that: in the seeds and the dev corpus the most figures in one
# sentence is 8 and the longest is 479 characters. So a sentence past
# MAX_CHARS, or one over CUT_FROM characters holding more than MAX_FIGURES
# figures, is read in pieces cut at clause breaks, each within both bounds:
# the work per piece is bounded, and a text's is linear in its length.

MAX_CHARS = 2000  # characters in a piece
MAX_FIGURES = 16  # figures (numbers, number words, months and weekdays) in a piece
CUT_FROM = 300  # a sentence no longer than this is never cut: its work is small whatever it holds
GARBLED_KIND = "garbled"  # a sentence whose figures cannot be read as written: not prose, no claims
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozens?"
    r"|hundreds?|thousands?|millions?|billions?)\b", re.IGNORECASE)
_CLAUSE_BREAKS = ("; ", ", ", " – ", " — ", " - ", ": ")


def bounded(text: str, segments: list[Segment]) -> list[Segment]:
    """`segments` with each long or figure-heavy sentence cut into pieces
    (see above) and each garbled one marked, renumbered; the same list when
    there is nothing to do (the common case: one pass over their lengths,
    and a search for garbled figures only in a text that may hold one)."""
    garbled = [m.start() for m in oddities.GARBLED.finditer(text)] if oddities.may_hold(text) else []
    if not garbled and all(seg.end - seg.start <= CUT_FROM for seg in segments):
        return segments
    out: list[Segment] = []
    g = 0
    for seg in segments:
        pieces = _pieces(seg) if seg.kind == "sentence" and seg.end - seg.start > CUT_FROM else [seg]
        for piece in pieces:
            while g < len(garbled) and garbled[g] < piece.start:
                g += 1
            kind = GARBLED_KIND if piece.kind == "sentence" and g < len(garbled) and garbled[g] < piece.end \
                else piece.kind
            out.append(Segment(len(out), piece.start, piece.end, piece.line, piece.paragraph, piece.text, kind))
    return out


def _pieces(seg: Segment) -> list[Segment]:
    """The sentence, or its pieces when it is past the bounds: each ends at
    the last clause break (else space) before the point where it would
    pass MAX_CHARS or hold MAX_FIGURES + 1 figures."""
    text = seg.text
    figures = [m.start() for m in _FIGURE.finditer(text)]
    if len(text) <= MAX_CHARS and len(figures) <= MAX_FIGURES:
        return [seg]
    out: list[Segment] = []
    a, f = 0, 0  # where the piece starts, and its first figure
    n = len(text)
    while a < n:
        while f < len(figures) and figures[f] < a:
            f += 1
        limit = min(n, a + MAX_CHARS)
        if f + MAX_FIGURES < len(figures):
            limit = min(limit, figures[f + MAX_FIGURES])
        z = n if limit == n else _break_before(text, a, limit)
        piece = text[a:z]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            start = seg.start + a + lead
            out.append(Segment(0, start, start + len(piece), seg.line, seg.paragraph, piece, seg.kind))
        a = z
    return out


def _break_before(text: str, a: int, limit: int) -> int:
    """Where to end a piece that starts at `a` and must end by `limit`:
    after the last clause break in its second half, else at its last space,
    else at the limit (a word that long is cut)."""
    half = a + (limit - a) // 2
    best = max(text.rfind(b, half, limit) + len(b) if text.rfind(b, half, limit) >= 0 else -1
               for b in _CLAUSE_BREAKS)
    if best > a:
        return best
    space = text.rfind(" ", a + 1, limit)
    return space if space > a else limit
