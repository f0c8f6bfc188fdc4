"""`segment.sentences` (what `split` cuts into pieces of bounded size,
tests/test_bounded_work.py) gives the sentences of the paragraph-by-paragraph
split it replaced (kept here as `_reference_split`), on text built from what
that split turns on: end punctuation, closing and opening quotes, abbreviations
and initials, datelines, line ends, and spaces other than a line end."""

from __future__ import annotations

import bisect
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.segment import _ABBREV, _INITIALS, Segment, _is_slug, _last_word, sentences
from consistency.sources.dating import DATELINE

_OLD_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_NEWLINE = re.compile("\n")
_PARAGRAPH = re.compile(r"[^\n]+")


def _reference_split(text: str) -> list[Segment]:
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    out: list[Segment] = []
    paragraph = 0
    datelines = "date" in text
    for para in _PARAGRAPH.finditer(text):
        if para.group(0).isspace():
            continue
        paragraph += 1
        for start, end, is_dateline in _reference_sentences(text, para.start(), para.end(), datelines):
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


def _reference_sentences(text: str, start: int, end: int, datelines: bool) -> list[tuple[int, int, bool]]:
    cuts: dict[int, bool] = {}
    if datelines and text.find("date", start, end) >= 0:
        for m in DATELINE.finditer(text, start, end):
            if m.group("iso"):
                cuts[m.start()] = True
                cuts.setdefault(m.end(), False)
    for m in _OLD_BOUNDARY.finditer(text, start, end):
        token = _last_word(text, start, m.start() + 1).rstrip(".!?…").lstrip("(\"“'‘")
        if token.lower() in _ABBREV or _INITIALS.fullmatch(token):
            continue
        cuts.setdefault(m.end(), False)
    pieces: list[tuple[int, int, bool]] = []
    prev, prev_is_dateline = start, cuts.get(start, False)  # fixed in both: a paragraph opening with its dateline
    for off, is_dateline in sorted(cuts.items()):
        if off <= prev or off > end:
            continue
        pieces.append((prev, off, prev_is_dateline))
        prev, prev_is_dateline = off, is_dateline
    if prev < end:
        pieces.append((prev, end, prev_is_dateline))
    return pieces


PIECES = ["The", "drones", "said", "nato jets shoot down russian drones poland", "U.S.", "u.s.", "Gen.", "e.g.",
          "A.", "J.R.", "X.Y", "Mr.", "approx.", "No.", "5", "2025", "3.5", "date", "date 2025-06-12",
          "THE HAGUE (Reuters):", "date 2025-06-12 —", "Published 12 June 2025", "Published:", "said.", "end!",
          "why?", "so…", ".", "!", "?", "…", "\"", "”", "’", ")", "]", "“", "‘", "(", "[", "'", "é", "Éte", "A",
          "Z9", "X" + "." * 30, "a-long-hyphenated-word-longer-than-the-window.", "\n", "\n\n", " \n", "\n ",
          "\t", "\r", "\u2028", "\x1c", "\x85", "\u3000", "\u00a0", ":", "-"]
SEPARATORS = st.sampled_from([" ", " ", "", "  ", ". ", ".\n", "\n", ".  ", "\t", "\u3000", ". \n "])
texts = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_sentences_are_the_paragraph_by_paragraph_split(text: str) -> None:
    assert sentences(text) == _reference_split(text)


def test_split_on_a_dateline_abbreviations_and_quotes() -> None:
    text = ("Filed. date 2025-06-12 THE HAGUE (Reuters): Allies met. Gen. Smith said “We will.” "
            "Then U.S. troops left!\n"
            "\n  nato jets shoot down russian drones over poland say officials today  \n"
            "J.R. Ewing arrived. (Later) he left?  \"Yes.\"  \n")
    assert sentences(text) == _reference_split(text)
    assert [s.kind for s in sentences(text)][:2] == ["sentence", "dateline"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "B.", "x" * 30, "-" * 25 + "X", ".", " ", "\t", "\u3000", "\n"]), max_size=20)
       .map("".join), st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=700))
def test_last_word_of_long_runs_is_the_last_run_of_non_space(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(end, len(text))
    found = re.search(r"\S+\Z", text[start:end]) if start < end else None
    assert _last_word(text, start, end) == (found.group(0) if found else "")


def test_split_after_a_word_longer_than_the_look_back() -> None:
    for text in ["Filed by X" + "." * 30 + " The end.", "He said no." + "-" * 30 + "Mr. Then",
                 "(" * 30 + "Gen. Smith left."]:
        assert sentences(text) == _reference_split(text)
    assert len(sentences("Filed by X" + "." * 30 + " The end.")) == 1  # `X` is an initial, not a sentence end


def test_a_paragraph_that_opens_with_its_dateline_keeps_it_apart() -> None:
    # the dateline dates the source; it is not a sentence that claims anything
    got = [(s.kind, s.text) for s in sentences("date 2025-06-12 THE HAGUE (Reuters): NATO leaders met. They agreed.")]
    assert got == [("dateline", "date 2025-06-12 THE HAGUE (Reuters):"), ("sentence", "NATO leaders met."),
                   ("sentence", "They agreed.")]
