"""Reading each kind of file into sources.

Plain text is one source. Markdown may open with YAML front matter (title,
outlet, url, published, author). HTML goes through trafilatura, which keeps
the article and drops navigation and teasers, and gives title, date and
site. A JSONL export holds one article per line; a bad line is a problem of
its own and the other lines still count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consistency.sources.model import Source
from consistency.sources.suffixes import HTML_SUFFIXES, JSONL_SUFFIXES, MARKDOWN_SUFFIXES

_META = ("title", "outlet", "url", "author")
YAML_KIND = "front matter and sources.yaml"  # what the alias bomb's message says need no aliases


def read(path: Path, shown: str, text: str) -> list[Source]:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return [_markdown(path, shown, text)]
    if suffix in HTML_SUFFIXES:
        return [_html(path, shown, text)]
    if suffix in JSONL_SUFFIXES:
        return _jsonl(path, shown, text)
    return [Source(path.stem, shown, text)]


def _apply_meta(src: Source, meta: dict[str, Any], origin: str, said: str | None = None) -> None:
    """`origin`: where the metadata came from, as the report says a date's
    origin; `said`: the same with the line, for a warning (default: origin)."""
    for key in _META:
        if meta.get(key) is not None and getattr(src, key) is None:
            setattr(src, key, str(meta[key]))
    if meta.get("published") is not None and src.published is None:
        from consistency.sources.dating import parse  # not needed to discover files

        date = parse(meta["published"])
        if date is None:  # the article is still read; only its date is unknown
            src.warnings.append(f"{said or origin}: `published: {meta['published']}` is not a date; "
                                "write it as 2025-06-12")
        else:
            src.published, src.published_from = date, origin


def _markdown(path: Path, shown: str, text: str) -> Source:
    if not text.startswith("---\n"):
        return Source(path.stem, shown, text)
    end = text.find("\n---", 3)  # `---` then `---` at once: an empty front matter
    if end < 0:
        return Source(path.stem, shown, errors=["front matter opened with `---` is never closed; end it with `---`"])
    head = text[4:end] if end > 3 else ""
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1:] if body_start >= 0 else ""
    src = Source(path.stem, shown, body, line_base=3 + (head.count("\n") + 1 if head else 0))
    from consistency.safeyaml import YamlProblem, parse, position

    try:
        meta, root = parse(head, kind=YAML_KIND)
    except YamlProblem as exc:
        message = exc.message.removeprefix("not valid YAML: ").removesuffix("; check indentation and quoting")
        return Source(path.stem, shown, errors=[f"malformed front matter at line {exc.line + 1}: {message}"])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return Source(path.stem, shown, errors=["front matter is not a mapping of keys (title: …, published: …)"])
    line = position(root, ("published",))[0] + 1 if root is not None and "published" in meta else 0
    _apply_meta(src, meta, "front matter", f"front matter (line {line})" if line else None)
    return src


def _html(path: Path, shown: str, text: str) -> Source:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True)
    if doc is None or not getattr(doc, "text", None):
        return Source(path.stem, shown, errors=["no article text found in this HTML page"])
    src = Source(path.stem, shown, doc.text, title=doc.title, outlet=doc.sitename, url=doc.url, author=doc.author)
    if doc.date:
        from consistency.sources.dating import parse

        date = parse(doc.date)
        if date:
            src.published, src.published_from = date, "HTML metadata"
    return src


def _jsonl(path: Path, shown: str, text: str) -> list[Source]:
    """One source per line. A record's `id` names it in the report; a second
    record with the same id is given its line's default id instead (two
    sources never share one: their claims would be merged)."""
    out: list[Source] = []
    taken: dict[str, int] = {}  # id → the line that has it
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        sid = f"{path.stem}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Source(sid, shown, errors=[f"line {n}: not JSON ({exc.msg}; column {exc.colno})"]))
            continue
        except RecursionError:  # `[[[[…` thousands deep: the C decoder recurses
            out.append(Source(sid, shown, errors=[f"line {n}: nested too deeply to read (thousands of `[` or `{{`); "
                                                  "a record is one flat object"]))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            out.append(Source(sid, shown, errors=[f"line {n}: a record needs a non-empty `text` field"]))
            continue
        warnings = []
        wanted = str(rec.get("id") or sid)
        if wanted in taken:
            warnings.append(f"line {n}: id `{wanted}` is line {taken[wanted]}'s too; this record is `{sid}` here")
            wanted = sid
            k = 2
            while wanted in taken:  # a record named `feed#5` beside line 5 of feed.jsonl
                wanted, k = f"{sid}~{k}", k + 1
        taken[wanted] = n
        src = Source(wanted, shown, rec["text"], line_base=n, one_line=True, warnings=warnings)
        _apply_meta(src, rec, f"JSONL field (line {n})")
        out.append(src)
    return out

