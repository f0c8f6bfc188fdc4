"""Extraction: text → value mentions → claims.

`numbers` and `dates` turn phrases into values; `slots` decides which
mentions fill a slot; `matcher` runs every slot over a source in one pass;
`attribution` finds who said it. The two functions here are the extractors'
public face, used by the probes corpus and by anyone embedding the parser.
"""

from __future__ import annotations

import datetime as dt

from consistency.extract.dates import DateContext, DateMention, scan_dates
from consistency.extract.numbers import NumberMention, scan_numbers
from consistency.vocab import Vocabulary

__all__ = ["quantities", "dates", "NumberMention", "DateMention"]


def quantities(text: str, vocab: Vocabulary | None = None) -> list[NumberMention]:
    """Every number phrase in a text (counts, percentages, money, durations)."""
    return scan_numbers(text, vocab or Vocabulary())


def dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date phrase in a text, resolved against the given published date."""
    note = f"the source's date {published.isoformat()}" if published else ""
    return scan_dates(text, DateContext(published, published, note))
