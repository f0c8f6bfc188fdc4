"""Shared vocabularies that rules refer to: vague quantifiers and their
ranges, the width of an approximation, speaker aliases.

They live in YAML under `rules/_vocab/` so that a user can say "several means
3 to 7 in our newsroom" or "a source within the Alliance is a NATO source"
without touching Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from consistency.places import DEFAULT_PLACES

DEFAULT_VAGUE: dict[str, tuple[float, float]] = {
    "several": (3, 7),
    "a few": (2, 5),
    "a couple of": (2, 3),
    "a handful of": (2, 6),
    "dozens": (24, 99),
    "dozens of": (24, 99),
    "scores of": (40, 199),
    "hundreds": (200, 999),
    "hundreds of": (200, 999),
    "thousands": (2000, 9999),
    "thousands of": (2000, 9999),
}


DEFAULT_CURRENCIES: dict[str, list[str]] = {
    "USD": ["$", "US$", "USD", "dollar", "dollars"],
    "EUR": ["€", "EUR", "euro", "euros"],
    "GBP": ["£", "GBP", "pound", "pounds"],
    "UAH": ["UAH", "₴", "hryvnia", "hryvnias"],
    "RUB": ["RUB", "₽", "rouble", "roubles", "ruble", "rubles"],
}


@dataclass(frozen=True)
class Vocabulary:
    """What the extractors need to know that is a matter of convention."""

    approximation: float = 0.1
    vague: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_VAGUE))
    speakers: dict[str, str] = field(default_factory=dict)  # alias (lower case) → canonical name
    units: dict[str, list[str]] = field(default_factory=dict)  # unit → words naming it
    lists: dict[str, list[str]] = field(default_factory=dict)  # name → phrases, used as $name in rules
    currencies: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_CURRENCIES.items()})
    rates: tuple[Rate, ...] = ()
    places: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_PLACES.items()})

    def rate(self, base: str, quote: str, day: dt.date | None) -> Rate | None:
        """The rate turning `base` into `quote` nearest `day` (the latest
        when the day is unknown), inverting a listed pair when needed; ties
        in distance go to the earlier rate, so the choice is deterministic."""
        found = [r for r in self.rates if (r.base, r.quote) == (base, quote)]
        found += [r.inverse() for r in self.rates if (r.base, r.quote) == (quote, base)]
        if not found:
            return None
        if day is None:
            return max(found, key=lambda r: (r.on, r.rate))
        return min(found, key=lambda r: (abs((r.on - day).days), r.on, r.rate))


@dataclass(frozen=True)
class Rate:
    """One `base` is `rate` of `quote` on the day `on`."""

    base: str
    quote: str
    rate: float
    on: dt.date
    source: str = ""

    def inverse(self) -> Rate:
        return Rate(self.quote, self.base, 1 / self.rate, self.on, self.source)

    def describe(self) -> str:
        where = f", {self.source}" if self.source else ""
        return f"1 {self.base} = {self.rate:.4g} {self.quote} on {self.on.isoformat()}{where}"
