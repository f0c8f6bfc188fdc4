"""Digest pages and what the corpus says about its sources (issue 5).

`seeds/002` is a feed-reader page of many Kyiv Independent articles: it must
split into its articles (`002_…#1` to `#13`), each with its headline, outlet
and author, with claims still citing lines of the page, and with the related-
story teasers, "Explore further" blocks, keyword slugs and glued byline lines
giving no claims. MENAFN's footer in `seeds/003` (legal disclaimer, "Most
popular stories") gives none either, even with an on-topic headline. `001`'s own
date is contradicted by the summit dates the others give, and the report says
so. Copies count once among a slot's independent sources.

A digest built here (three articles between bullet lines, bylines glued to
their headlines) splits the same way; a text with fewer than two bullet lines
is not split.
"""

from __future__ import annotations

import re

from pathlib import Path
from typing import Any

import pytest

from consistency import console
from consistency.checked import Report
from consistency.pipeline import check
from consistency.report import markdown
from consistency.rules import load_rules
from consistency.sources import load_file
from consistency.values import describe

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
PAGE = SEEDS / "002_2e7131b4654abfe7.txt"
DIGEST = "002_2e7131b4654abfe7"
OUTLET = "The Kyiv Independent"

# (first line of the article on the page, headline, author glued after the outlet)
ARTICLES = [
    (1, "NATO jets shoot down Russian drones in Poland—but NATO believes it’s not an attack", None),
    (57, "30 leaders gather in Paris to back Ukraine — but all eyes are on Trump’s missing guarantees", None),
    (98, "China may ask Russia to attack NATO if Taiwan is invaded, Rutte says", "Asami Terajima"),
    (124, "Rutte praises Trump in a NYT interview while warning of Russia's rising threat to NATO", "Tim Zadorozhnyy"),
    (160, "NATO chief urges US 'flexibility' on Ukraine aid as Washington halts deliveries", "Tim Zadorozhnyy"),
    (186, "NATO chief urges continued US support for Ukraine as Pentagon halts arms shipments", "Martin Fornusek"),
    (204, "NATO chief urges continued US support for Ukraine as Pentagon halts arms shipments", "Daria Shulzhenko"),
    (225, "'Let's not be naive' — Rutte urges NATO to face Russia, China threats, pledges support for Ukraine",
     "Martin Fornusek"),
    (247, "'Let's not be naive' — Rutte urges NATO to face Russia, China threats, pledges support for Ukraine",
     "Anna Fratsyvir"),
    (273, "Russia remains 'the most significant, direct threat' to NATO, Rutte says ahead of summit", "Linda Hourani"),
    (311, "Zelensky to attend NATO summit despite media reports that he won't", "Kollen Post"),
    (345, "Spain rejects NATO 5% defense spending push, calls proposal 'unreasonable'", "Dmytro Basmat"),
    (377, "All NATO members to hit 2% defense spending in 2025, Rutte says", "Martin Fornusek"),
]

# the page's lines that are not article prose: teasers of related stories (headline and first sentence),
# "Explore further" blocks, keyword slugs and the lines gluing headline, outlet and author
TEASERS = ["A hundred days since", "Poland shoots down Russian drones, closes 4 airports", "Taiwan’s FM",
           "The start of Russia’s full-scale war", "FT: Europe splits into three camps", "Trump says Putin",
           "It just seems like he wants", "Death of top Russian oil executive", "The unexplained death",
           "Military aid delays will", "Ukraine warned that “any delay", "biggest landmine challenge",
           "139,000 square kilometers", "100 days of Russian manipulations", "If we don’t help Ukraine further",
           "Top EU diplomat Kaja Kallas", "peace protestors", "Dutch protesters", "Russia pulls its scientists",
           "Israel’s strikes on Iranian", "Diplomacy in crisis", "KANANASKIS", "Ukraine won’t receive NATO invitation",
           "This issue is certainly not", "Explore further", "new drone attacks ukraine",
           "nato jets shoot down russian drones", "30 leaders gather paris back ukraine", "ft europe splits"]
BYLINE_LINES = [121, 157, 183, 203, 222, 246, 269, 308, 342, 374, 404]
TEASER_LINES = [5, 21, 22, 24, 60, 72, 73, 75, 119, 120, 155, 156, 181, 182, 201, 202, 220, 221, 244, 245, 267, 268,
                306, 307, 340, 341, 372, 373, 402, 403]


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rules() -> tuple[Any, Any]:
    return load_rules(RULES)


@pytest.fixture(scope="module")
def seeds(rules: tuple[Any, Any]) -> Report:
    """The seeds, checked in-process from the repository root (paths as the CLI shows them)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return check([Path("seeds")], *rules)


def page_lines() -> list[str]:
    return PAGE.read_text(encoding="utf-8").split("\n")


def article_texts() -> dict[str, str]:
    """The digest's articles' texts, read as the check reads them (a report keeps claims, not texts)."""
    return {s.id: s.text for s in load_file(PAGE)}


# ---------------------------------------------------------------- seeds/002 splits into its articles

def test_seed_digest_splits_into_its_thirteen_articles(seeds: Report) -> None:
    articles = [s for s in seeds.sources if s.id.startswith(DIGEST)]
    assert [s.id for s in articles] == [f"{DIGEST}#{n}" for n in range(1, 14)]
    assert len(articles) >= 12
    assert [(s.line_base, s.title, s.author) for s in articles] == ARTICLES
    assert {s.outlet for s in articles} == {OUTLET}
    assert {(s.path, tuple(s.errors)) for s in articles} == {(f"seeds/{DIGEST}.txt", ())}
    third = next(s for s in articles if s.id == f"{DIGEST}#3")
    assert (third.title, third.outlet, third.author) == (
        "China may ask Russia to attack NATO if Taiwan is invaded, Rutte says", OUTLET, "Asami Terajima")


def test_each_article_is_its_stretch_of_the_page_line_for_line(seeds: Report) -> None:
    """An article's text is the page's own lines from its first line on; lines that are not its prose are
    blanked (kept as spaces), so offsets and line numbers still hold."""
    lines = page_lines()
    texts = article_texts()
    for art in (s for s in seeds.sources if s.id.startswith(DIGEST)):
        for i, line in enumerate(texts[art.id].split("\n")):
            page_line = lines[art.line_base - 1 + i]
            assert line == page_line or line == " " * len(page_line), (art.id, art.line_base + i)


def test_digest_claims_cite_lines_of_the_page(seeds: Report) -> None:
    lines = page_lines()
    mine = [c for c in seeds.claims if c.source.startswith(DIGEST)]
    assert mine
    for c in mine:  # the cited line holds the quote's first words
        assert collapse(c.quote)[:40] in collapse(lines[c.line - 1]), (c.id, c.line, c.quote)
    got = {(c.slot, c.source, c.line, c.surface) for c in mine}
    assert {
        ("poland_incursion.drones_entered", f"{DIGEST}#1", 17, "six to ten"),
        ("poland_incursion.drones_entered", f"{DIGEST}#1", 38, "19"),
        ("hague_summit.dates", f"{DIGEST}#8", 230, "June 24"),
        ("hague_summit.dates", f"{DIGEST}#10", 282, "June 24-25"),
        ("hague_summit.dates", f"{DIGEST}#12", 352, "June 24–25"),
        ("hague_summit.duration", f"{DIGEST}#10", 298, "24 hours"),
        ("nato.member_count", f"{DIGEST}#13", 382, "32"),
    } <= got


def test_teasers_slugs_and_bylines_give_no_claims(seeds: Report) -> None:
    quotes = [c.quote for c in seeds.claims]
    for teaser in TEASERS:
        assert not [q for q in quotes if teaser in q], teaser
    lines = {c.line for c in seeds.claims if c.source.startswith(DIGEST)}
    assert lines.isdisjoint(BYLINE_LINES + TEASER_LINES)
    assert not [q for q in quotes if OUTLET in q]
    # and they are not in any article's text at all
    assert sorted(article_texts()) == sorted(s.id for s in seeds.sources if s.id.startswith(DIGEST))
    texts = " ".join(article_texts().values())
    for teaser in TEASERS:
        assert teaser not in texts, teaser
    page = page_lines()
    for n in BYLINE_LINES:
        assert page[n - 1].strip() not in texts, n


def test_menafn_footer_gives_no_claims(seeds: Report) -> None:
    menafn = {(c.slot, c.line, c.surface) for c in seeds.claims if c.source == "003_e112e87bc3af8e1c"}
    assert {("nato.spending_target_pct", 15, "5%"), ("nato.spending_target_pct", 28, "5%")} <= menafn
    assert max(line for _, line, _ in menafn) <= 28  # the article ends on line 28; the footer follows
    for boiler in ("USD 37.6 Billion", "USD 11.6 Billion", "4.18%", "Legal Disclaimer", "Most popular stories",
                   "Market Research", "as is", "No comment"):
        assert not [c for c in seeds.claims if boiler in c.quote], boiler


def test_menafn_footer_headlines_give_no_claims_even_when_on_topic(rules: tuple[Any, Any], tmp_path: Path) -> None:
    """The same page with one "most popular" headline about NATO spending: still the article's two claims."""
    text = (SEEDS / "003_e112e87bc3af8e1c.txt").read_text(encoding="utf-8")
    on_topic = "- Spain Says NATO's 5% Defense Spending Target Is Unreasonable, Offers 2.1% Instead"
    text = text.replace("- UK Digital Health Market To Reach USD 37.6 Billion By 2033", on_topic)
    (tmp_path / "003_e112e87bc3af8e1c.txt").write_text(text, encoding="utf-8")
    report = check([tmp_path], *rules)
    assert [(c.slot, c.line, c.surface) for c in report.claims if c.line > 28] == []


# ---------------------------------------------------------------- 001's date is contradicted

DOUBT = ('- `001_186edccea4064bc3` is dated 2025-06-12 (dateline \\`date 2025-06-12\\` at line 1), but it report'
         "s \\`hague\\_summit.dates\\` as 2025-06-10 (Tuesday on or before the source's date 2025-06-12), while 0"
         '00\\_372c9b6eba1ce4e1, 002\\_2e7131b4654abfe7#7, 002\\_2e7131b4654abfe7#8 and others put it at 2025-06-'
         "23 – 2025-06-29, 2025-06-24, 2025-06-24 – 2025-06-25: after the source's own date.")


def test_001_date_is_flagged_as_contradicted_by_the_summit_dates(seeds: Report) -> None:
    assert list(seeds.date_doubts) == ["001_186edccea4064bc3"]
    md = markdown.render(seeds)
    err = console.summary(seeds, "stdout", 0.1)  # the line `check` prints on stderr
    section = md[md.index("## Source dates in doubt\n"):]
    assert section.split("\n")[:4] == ["## Source dates in doubt", "", DOUBT, ""]
    row = next(line for line in md.splitlines() if line.startswith("| `001_186edccea4064bc3`") and "seeds/" in line)
    assert "| ⚠️ date contradicted by the corpus (see above) |" in row
    assert "; 1 source date(s) contradicted by the corpus (001_186edccea4064bc3); 6 conflict(s)" in err
    assert err.startswith("consistency: checked 5 source(s) (17 articles) against ")


# ---------------------------------------------------------------- copies count once

def test_copies_count_once_among_independent_sources(seeds: Report) -> None:
    slot = "nato.previous_benchmark_pct"
    sources = sorted({c.source for c in seeds.claims if c.slot == slot})
    assert sources == ["000_372c9b6eba1ce4e1", "001_186edccea4064bc3", f"{DIGEST}#12", f"{DIGEST}#13", f"{DIGEST}#9"]
    assert seeds.independent[slot] == 3
    # "In 2024, only 23 alliance members met the 2% target" is one sentence printed three times
    copies = {(seeds.by_id[cid].source, seeds.by_id[cid].line): of for cid, of in seeds.copied.items()
              if seeds.by_id[cid].slot == slot}
    assert copies == {(f"{DIGEST}#13", 390): f"{DIGEST}#12", (f"{DIGEST}#9", 265): f"{DIGEST}#12"}
    row = next(line for line in markdown.render(seeds).splitlines() if line.startswith(f"| `{slot}`"))
    assert re.search(r"\| 5 \(3 independent\) +\|", row), row


# ---------------------------------------------------------------- a digest built here

SYNTHETIC = """\
Reader view

Poland says 19 drones entered its airspace

poland says 19 drones entered its airspace tusk belarus border

Prime Minister Donald Tusk said 19 drones entered Polish airspace, with many flying in from Belarus.

Airports in Warsaw and Lublin were closed for several hours while the military tracked the drones.

Lithuania counts 40 drones in a second wave
Officials in Vilnius said 40 drones entered Polish airspace from Belarus on Thursday, a second wave.
Poland says 19 drones entered its airspaceWarsaw DailyAnna Nowak
Poland says 19 drones entered its airspace
  •  

NATO source puts the incursion at six to ten drones

NATO source puts the incursion at six to ten drones

A NATO source told Reuters that initial indications suggested an incursion of six to ten Russian drones into Poland.

The alliance has not treated the incursion as an attack, the source said, and radars tracked the drones.

Officials say 50 drones entered Polish airspace
An unconfirmed report said 50 drones entered Polish airspace and that Warsaw closed its airports early.
NATO source puts the incursion at six to ten dronesWire NewsJan Kowalski
NATO source puts the incursion at six to ten drones
  •  

Weather in Warsaw stays mild for the season

Forecasters said the weather in Warsaw would stay mild for the rest of the week, with light winds.

Explore further

Storm warning issued for the coast as 80 drones entered Polish airspace
Weather in Warsaw stays mild for the seasonThe Daily Forecast
Weather in Warsaw stays mild for the season
"""


def test_a_digest_built_here_splits_into_its_articles(rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = tmp_path / "reader.txt"
    f.write_text(SYNTHETIC, encoding="utf-8")
    report = check([f], *rules)
    assert [(s.id, s.line_base, s.title, s.outlet, s.author, s.errors) for s in report.sources] == [
        ("reader#1", 1, "Poland says 19 drones entered its airspace", "Warsaw Daily", "Anna Nowak", []),
        ("reader#2", 16, "NATO source puts the incursion at six to ten drones", "Wire News", "Jan Kowalski", []),
        ("reader#3", 30, "Weather in Warsaw stays mild for the season", "The Daily Forecast", None, []),
    ]
    # the headline, the slug and the teasers (40, 50 and 80 drones) give no claims; lines are the file's
    assert [(c.source, c.line, c.surface, describe(c.value), c.attributed_to) for c in report.claims] == [
        ("reader#1", 7, "19", "19 drones", "Donald Tusk"),
        ("reader#2", 21, "six to ten", "6–10 drones", "a NATO source"),
    ]
    # two articles disagreeing is a conflict between sources, not a source contradicting itself
    [finding] = report.findings
    assert (finding.kind, finding.within_source, finding.message) == (
        "conflict", None, "6–10 drones (a NATO source) vs 19 drones (Donald Tusk)")


@pytest.mark.parametrize("bullets", [0, 1])
def test_a_text_with_fewer_than_two_bullet_lines_is_not_split(bullets: int, rules: tuple[Any, Any],
                                                             tmp_path: Path) -> None:
    parts = SYNTHETIC.split("  •  \n")
    text = "".join(p + ("  •  \n" if i < bullets else "\n") for i, p in enumerate(parts[:-1])) + parts[-1]
    assert text.count("•") == bullets
    f = tmp_path / "reader.txt"
    f.write_text(text, encoding="utf-8")
    report = check([f], *rules)
    assert [(s.id, s.line_base, s.title, s.outlet) for s in report.sources] == [("reader", 1, None, None)]
    # one source: its two figures are now a conflict within it
    [finding] = [f for f in report.findings if f.slot == "poland_incursion.drones_entered"]
    assert (finding.kind, finding.within_source) == ("conflict", "reader")
