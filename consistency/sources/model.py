"""The Source: one document as the pipeline sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consistency.extract.dates import DateContext

# one character for one character, so offsets in the matching text are
# offsets in the source's own text: quotes keep the source's characters
_MATCH_MAP = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2011": "-", "\u2212": "-",
})


@dataclass
class Source:
    """One document: its text, where it came from and what is known of it."""

    id: str
    path: str
    text: str = ""
    published: dt.date | None = None
    published_from: str = ""  # where the date came from, for the report
    errors: list[str] = field(default_factory=list)  # the source could not be checked
    warnings: list[str] = field(default_factory=list)  # it was checked, but something in it was ignored
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    encoding: str = ""  # how the bytes were decoded, when it was not plain UTF-8
    line_base: int = 1  # the file line on which `text` starts
    one_line: bool = False  # every claim cites `line_base` (a JSONL record)
    article_date: dt.date | None = None  # a digest article's latest date, standing in for its own

    @property
    def match_text(self) -> str:
        """The text with typographic variants folded (smart quotes, dashes,
        non-breaking spaces), same length, for matching only."""
        cached = self.__dict__.get("_match")
        if cached is None:
            from consistency.extract.fold import translate_chars  # the same as str.translate, faster

            cached = self.__dict__["_match"] = translate_chars(self.text, _MATCH_MAP)
        return cached

    def drop_text(self) -> None:
        """Forget the text once its claims are extracted: a run keeps claims,
        not texts, so its memory does not grow with the articles it reads.
        Nothing after extraction (comparison, reports) reads the text;
        `load_file` gives it again."""
        self.text = ""
        self.__dict__.pop("_match", None)

    def file_line(self, line: int) -> int:
        """A line of `text` as a line of the file it came from."""
        return self.line_base if self.one_line else self.line_base + line - 1

    def date_context(self) -> DateContext:
        """What year-less and relative dates in this source resolve against."""
        from consistency.extract.dates import DateContext, year_of_full_dates  # not needed to discover files

        if self.published is not None:
            return DateContext(self.published, self.published, f"the source's date {self.published.isoformat()}")
        if self.article_date is not None:
            note = "the article's latest date"
            return DateContext(self.article_date, self.article_date, f"{note} {self.article_date.isoformat()}", note)
        full = year_of_full_dates(self.text)
        if full:
            latest = max(full)
            return DateContext(None, latest, f"the latest full date in the source, {latest.isoformat()}")
        return DateContext()
