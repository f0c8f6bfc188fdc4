"""Digest pages → their articles.

A feed-reader page holds many articles. Treated as one source, it makes
every disagreement between two of its articles look like a source
contradicting itself, and its teasers (a related headline and its first
sentence) look like claims. A page is a digest when bullet lines separate
its parts; each part may hold several articles, each ending with a line that
glues headline, outlet and author ("…Rutte saysThe Kyiv IndependentAsami
Terajima"). Each article becomes a sub-source `ID#N` whose line numbers still
point into the page; teasers, "Explore further" blocks, repeated headlines
and keyword slugs are blanked (kept as spaces, so offsets hold) and give no
claims.
"""

from __future__ import annotations

import re
from dataclasses import replace

from consistency.extract.dates import DateContext, scan_dates, year_of_full_dates
from consistency.sources.model import Source

_BULLETS = "•·▪●"
_BULLET = re.compile(rf"^\s*[{_BULLETS}]\s*$")
_FOOTER = r"(?:Legal Disclaimer:?|Most popular stories|Comments|No comment)"
_BOILERPLATE = re.compile(rf"^\s*{_FOOTER}\s*$", re.I)
# the same line found in a whole text: `\s` but a line end around it, on the first line or after a line end;
# the literal `\n` lets the search skip from line end to line end instead of trying every character
_FOOTER_FIRST = re.compile(rf"[^\S\n]*{_FOOTER}[^\S\n]*(?=\n|\Z)", re.I)
_FOOTER_NEXT = re.compile(rf"\n[^\S\n]*{_FOOTER}[^\S\n]*(?=\n|\Z)", re.I)
_CAMEL = re.compile(r"(?<=[a-z.’'])(?=[A-Z])")
MIN_BULLETS = 2


def split(src: Source) -> list[Source]:
    """The articles of a digest page; the source itself when it is not one.
    Lines are matched against the bullet only when the text holds one of
    its characters at all, which a substring test finds at memory speed."""
    if not _has_bullet(src.text):
        return [_without_footer(src)]
    lines = src.text.split("\n")
    bullets = [i for i, line in enumerate(lines) if _BULLET.match(line)]
    if len(bullets) < MIN_BULLETS:
        return [_without_footer(src)]
    parts: list[tuple[int, int]] = []
    start = 0
    for b in [*bullets, len(lines)]:
        parts.append((start, b))
        start = b + 1
    articles: list[Source] = []
    for lo, hi in parts:
        articles += _articles(src, lines, lo, hi)
    if len(articles) < 2:
        return [src]
    return _date(src, [replace(a, id=f"{src.id}#{n}") for n, a in enumerate(articles, 1)])


def _has_bullet(text: str) -> bool:
    return not text.isascii() and any(map(text.__contains__, _BULLETS))


def _without_footer(src: Source) -> Source:
    """A page's footer (legal disclaimer, "Most popular stories", comments)
    is blanked to the end: other stories' headlines are not this article's."""
    start = _footer_line(src.text)
    if start is None:
        return src
    lines = src.text.split("\n")
    kept = lines[:start] + [" " * len(line) for line in lines[start:]]
    return replace(src, text="\n".join(kept))


def _footer_line(text: str) -> int | None:
    """The first line that _BOILERPLATE matches, by two searches over the
    text rather than a match per line."""
    if _FOOTER_FIRST.match(text):
        return 0
    m = _FOOTER_NEXT.search(text)
    return None if m is None else text.count("\n", 0, m.start()) + 1


def _articles(src: Source, lines: list[str], lo: int, hi: int) -> list[Source]:
    """Articles in lines[lo:hi]: a glued byline line ends one."""
    out = []
    start = lo
    title = _title(lines, lo, hi)
    i = lo
    while i < hi:
        if title and _glued(lines[i], title) is not None and i > start:
            art = _article(src, lines, start, i + 1, title)
            if art is not None:
                out.append(art)
            start = i + 1
            title = _title(lines, start, hi)
        i += 1
    if start < hi:
        art = _article(src, lines, start, hi, title)
        if art is not None:
            out.append(art)
    return out


def _title(lines: list[str], lo: int, hi: int) -> str | None:
    for line in lines[lo:hi]:
        text = line.strip()
        if len(text.split()) >= 4 and not text.islower():
            return text
    return None


def _glued(line: str, title: str) -> tuple[str, str | None] | None:
    """(outlet, author) when the line is `<title><Outlet><Author>`."""
    text = line.strip()
    if not text.startswith(title) or len(text) <= len(title) + 2:
        return None
    rest = text[len(title):].strip()
    pieces = _CAMEL.split(rest)
    if len(pieces) >= 2:
        return pieces[0].strip(), " ".join(p.strip() for p in pieces[1:])
    return rest, None


def _article(src: Source, lines: list[str], lo: int, hi: int, title: str | None) -> Source | None:
    keep = list(lines[lo:hi])
    outlet = author = None
    mask = [False] * len(keep)
    for k, line in enumerate(keep):
        text = line.strip()
        if title and text == title:
            mask[k] = True  # the headline, repeated
        elif text and text.islower() and len(text.split()) >= 4:
            mask[k] = True  # a keyword slug
        elif title and (got := _glued(line, title)) is not None:
            outlet, author = got
            mask[k] = True
            # the teaser: the run of lines right before the byline, after a blank line
            j = k - 1
            while j >= 0 and keep[j].strip():
                j -= 1
            if k - 1 - j <= 3:
                for t in range(j + 1, k):
                    mask[t] = True
        elif text.lower() == "explore further":
            mask[k] = True
            nxt = next((t for t in range(k + 1, len(keep)) if keep[t].strip()), None)
            if nxt is not None:
                mask[nxt] = True  # the teaser headline after it
            if k > 0 and keep[k - 1].strip().islower():
                mask[k - 1] = True
        elif _BOILERPLATE.match(line):
            for t in range(k, len(keep)):
                mask[t] = True
            break
    body = [(" " * len(line) if m else line) for line, m in zip(keep, mask)]
    sentences = [line for line, m in zip(keep, mask) if not m and len(line.split()) >= 6]
    if not sentences:
        return None
    text = "\n".join(body)
    return Source(src.id, src.path, text, errors=[], title=title, outlet=outlet or src.outlet, url=src.url,
                  author=author, encoding=src.encoding, line_base=src.line_base + lo)


def _date(page: Source, articles: list[Source]) -> list[Source]:
    """Each article is dated by the latest date it gives, resolved against
    the page's own reference: relative dates in it then resolve to its time."""
    ctx = page.date_context()
    out = []
    for a in articles:
        dates = year_of_full_dates(a.text)
        if not dates and ctx.reference is not None:
            dates = [m.value.end for m in scan_dates(a.text, DateContext(None, ctx.reference, ctx.reference_note))
                     if m.value is not None and m.value.end is not None and m.value.start == m.value.end]
        if page.published is not None:
            out.append(replace(a, published=page.published, published_from=page.published_from))
        elif dates:
            latest = max(dates)
            out.append(replace(a, article_date=latest))
        else:
            out.append(a)
    return out
