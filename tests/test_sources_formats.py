"""Real-world sources (issue 5): every kind of file the tool reads, built here
as real files, and the text hygiene that keeps claims matching and their line
numbers true.

- Formats: `.txt`; `.md` with YAML front matter (claims cite lines of the
  file, after the front matter); `.html` through trafilatura (the article,
  not the navigation, the teasers or the footer; title, date and site from
  the page's metadata); `.jsonl` (one article a line, a bad line is a problem
  of its own); folders, recursively, with `--include` / `--exclude`; a
  `sources.yaml` sidecar, and who wins when several give a date.
- Hygiene: byte-order marks, Latin-1 (charset-normalizer's guess, said in the
  report), CRLF and lone CR line ends, and typographic variants (non-breaking
  spaces, smart quotes, dashes, soft hyphens) that must not stop matching,
  while a claim's quote keeps the source's own characters.

Runs are in-process (`consistency.pipeline.check`, the Markdown renderer);
the CLI is called where a flag is the point.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

import pytest

from consistency.checked import Report
from consistency.pipeline import check
from consistency.report import markdown
from consistency.rules import load_rules
from consistency.sources import load_file
from consistency.values import describe
from helpers import call

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

TUSK = "Prime Minister Donald Tusk said 19 drones entered Polish airspace."


# ---------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def rules() -> tuple[Any, Any]:
    return load_rules(RULES)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))  # no newline translation: the bytes are the test
    return path


def run(rules: tuple[Any, Any], *paths: Path, include: list[str] = (), exclude: list[str] = ()) -> Report:  # type: ignore[assignment]
    slots, vocab = rules
    return check(list(paths), slots, vocab, include, exclude)


def claims(report: Report) -> list[tuple[str, str, int, str, str]]:
    """(slot, source, line, as written, normalised) of every claim, in report order."""
    return [(c.slot, c.source, c.line, c.surface, describe(c.value)) for c in report.claims]


def sources_table(md: str) -> dict[str, list[str]]:
    """The Markdown report's Sources table: source id → [path, outlet / title, published, claims, notes]."""
    part = md[md.index("\n## Sources\n"):]
    rows: dict[str, list[str]] = {}
    for line in part.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def file_line(path: Path, n: int) -> str:
    return path.read_bytes().decode("utf-8").split("\n")[n - 1]


# ---------------------------------------------------------------- plain text

def test_plain_text_claims_cite_their_lines(rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = write(tmp_path / "pap.txt", f"Drones over Poland\n\nWeather was mild.\n{TUSK}\n")
    report = run(rules, f)
    assert [(s.id, s.path, s.errors, s.encoding) for s in report.sources] == [("pap", f.as_posix(), [], "")]
    assert claims(report) == [("poland_incursion.drones_entered", "pap", 4, "19", "19 drones")]
    assert report.claims[0].quote == TUSK
    assert report.claims[0].attributed_to == "Donald Tusk"


# ---------------------------------------------------------------- Markdown with front matter

FRONT_MATTER = """\
---
title: Poland downs drones over its territory
outlet: Notes from Poland
url: https://notesfrompoland.example/2025/09/11/drones
published: 2025-09-11
author: Jan Kowalski
---
# Poland downs drones over its territory

Prime Minister Donald Tusk said 19 drones entered Polish airspace on Wednesday.
According to Tusk, four were probably shot down over Poland.
"""


def test_markdown_front_matter_gives_metadata_and_claims_cite_file_lines(rules: tuple[Any, Any],
                                                                         tmp_path: Path) -> None:
    f = write(tmp_path / "nfp.md", FRONT_MATTER)
    report = run(rules, f)
    [src] = report.sources
    assert (src.id, src.errors) == ("nfp", [])
    assert (src.title, src.outlet, src.url, src.author) == (
        "Poland downs drones over its territory", "Notes from Poland",
        "https://notesfrompoland.example/2025/09/11/drones", "Jan Kowalski")
    assert (src.published.isoformat(), src.published_from) == ("2025-09-11", "front matter")  # type: ignore[union-attr]
    # line 10 of the file, not line 3 of the body: the front matter counts
    assert claims(report) == [
        ("poland_incursion.date", "nfp", 10, "on Wednesday", "2025-09-10"),
        ("poland_incursion.drones_entered", "nfp", 10, "19", "19 drones"),
        ("poland_incursion.drones_shot_down", "nfp", 11, "four", "4 drones"),
    ]
    for c in report.claims:
        assert file_line(f, c.line).startswith(c.quote[:30]), c
    # the relative date was resolved against the front matter's date
    assert report.claims[0].note == "Wednesday on or before the source's date 2025-09-11"
    row = sources_table(markdown.render(report))["nfp"]
    assert row[1:3] == ["Notes from Poland — Poland downs drones over its territory", "2025-09-11 (front matter)"]


def test_markdown_without_front_matter_is_read_as_it_is(rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = write(tmp_path / "note.md", f"# Drones\n\n---\n\n{TUSK}\n")
    report = run(rules, f)
    assert [(s.id, s.errors, s.title, s.published) for s in report.sources] == [("note", [], None, None)]
    assert claims(report) == [("poland_incursion.drones_entered", "note", 5, "19", "19 drones")]


def test_markdown_with_empty_front_matter_is_read(rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = write(tmp_path / "jekyll.md", f"---\n---\n{TUSK}\n")
    report = run(rules, f)
    assert [(s.id, s.errors) for s in report.sources] == [("jekyll", [])]
    assert claims(report) == [("poland_incursion.drones_entered", "jekyll", 3, "19", "19 drones")]


# ---------------------------------------------------------------- HTML

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Poland shoots down drones | Warsaw Herald</title>
<meta property="og:title" content="Poland shoots down Russian drones over its territory">
<meta property="og:site_name" content="Warsaw Herald">
<meta property="og:url" content="https://warsawherald.example/2025/09/10/drones">
<meta property="article:published_time" content="2025-09-10T09:30:00+02:00">
<meta name="author" content="Anna Nowak">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/poland">Poland</a></li>
<li><a href="/live">Live: 30 drones entered Polish airspace, follow the updates</a></li>
</ul></nav></header>
<main>
<article>
<h1>Poland shoots down Russian drones over its territory</h1>
<p class="byline">By Anna Nowak</p>
<p>Prime Minister Donald Tusk said 19 drones entered Polish airspace, with many of those flying in from
Belarus. According to Tusk, four were probably shot down by Polish and Dutch jets.</p>
<p>Airports in Warsaw and Lublin were closed for several hours while the military tracked the drones. Residents of
eastern regions were told to remain indoors until the morning.</p>
<p>The government convened an emergency meeting and asked NATO allies for consultations under Article 4 of the
treaty, officials said on Wednesday.</p>
</article>
<aside class="related">
<h2>Related stories</h2>
<ul>
<li><a href="/a">Officials say 40 drones entered Polish airspace in a second wave</a></li>
<li><a href="/b">Lithuania reports 12 drones entered Polish airspace from Belarus</a></li>
</ul>
</aside>
</main>
<footer><p>© 2025 Warsaw Herald. All rights reserved. Our archive counts 77 drones that entered Polish airspace.</p>
<nav><a href="/privacy">Privacy</a> <a href="/contact">Contact</a></nav></footer>
</body>
</html>
"""


def test_html_page_gives_its_article_and_metadata_not_navigation_teasers_or_footer(rules: tuple[Any, Any],
                                                                                  tmp_path: Path) -> None:
    f = write(tmp_path / "herald.html", PAGE)
    report = run(rules, f)
    [src] = report.sources
    assert (src.id, src.errors) == ("herald", [])
    assert (src.title, src.outlet, src.url, src.author) == (
        "Poland shoots down Russian drones over its territory", "Warsaw Herald",
        "https://warsawherald.example/2025/09/10/drones", "Anna Nowak")
    assert (src.published.isoformat(), src.published_from) == ("2025-09-10", "HTML metadata")  # type: ignore[union-attr]
    [page] = load_file(f)  # the text as the check read it (a report keeps claims, not texts)
    assert "Prime Minister Donald Tusk said 19 drones entered Polish airspace" in " ".join(page.text.split())
    for gone in ("30 drones", "40 drones", "12 drones", "77 drones", "Related stories", "All rights reserved",
                 "Privacy", "Home", "By Anna Nowak"):
        assert gone not in page.text, gone
    # the teasers' and the footer's figures give no claims: only the article's two
    assert [(c.slot, c.surface, describe(c.value), c.attributed_to) for c in report.claims] == [
        ("poland_incursion.drones_entered", "19", "19 drones", "Donald Tusk"),
        ("poland_incursion.drones_shot_down", "four", "4 drones", "Donald Tusk"),
    ]
    assert report.claims[0].quote == ("Prime Minister Donald Tusk said 19 drones entered Polish airspace, "
                                      "with many of those flying in from Belarus.")
    row = sources_table(markdown.render(report))["herald"]
    assert row[1:3] == ["Warsaw Herald — Poland shoots down Russian drones over its territory",
                        "2025-09-10 (HTML metadata)"]


def test_html_page_without_article_text_is_a_problem(rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = write(tmp_path / "blank.html", "<html><head><title>Sign in</title></head><body><form><input name=q></form>"
                                       "<script>var x = 19;</script></body></html>")
    report = run(rules, f)
    assert [(s.id, s.errors) for s in report.sources] == [("blank", ["no article text found in this HTML page"])]


# ---------------------------------------------------------------- JSONL

JSONL = "\n".join([
    json.dumps({"id": "pap-1", "text": TUSK, "title": "Tusk: 19 drones", "url": "https://pap.example/1",
                "outlet": "PAP", "published": "2025-09-10"}),
    '{"id": "pap-2", "text": }',
    json.dumps({"id": "pap-3", "text": "Weather was mild.\nA NATO source said an incursion of six to ten Russian "
                                       "drones into Poland took place."}),
    "",
    json.dumps({"text": "Officials said 21 drones entered Polish airspace."}),
    json.dumps({"id": "pap-6", "text": "  "}),
    json.dumps(["not", "a", "record"]),
]) + "\n"


def test_jsonl_one_article_a_line_and_a_bad_line_is_a_problem_of_its_own(rules: tuple[Any, Any],
                                                                         tmp_path: Path) -> None:
    f = write(tmp_path / "wire.jsonl", JSONL)
    report = run(rules, f)
    assert [(s.id, s.path, s.errors) for s in report.sources] == [
        ("pap-1", f.as_posix(), []),
        ("pap-3", f.as_posix(), []),
        ("wire#2", f.as_posix(), ["line 2: not JSON (Expecting value; column 25)"]),
        ("wire#5", f.as_posix(), []),  # no `id`: the file's stem and the line
        ("wire#6", f.as_posix(), ["line 6: a record needs a non-empty `text` field"]),
        ("wire#7", f.as_posix(), ["line 7: a record needs a non-empty `text` field"]),
    ]
    pap1 = report.sources[0]
    assert (pap1.title, pap1.outlet, pap1.url, pap1.published.isoformat(), pap1.published_from) == (  # type: ignore[union-attr]
        "Tusk: 19 drones", "PAP", "https://pap.example/1", "2025-09-10", "JSONL field (line 1)")
    # every claim cites the line of the JSONL file its record is on
    assert claims(report) == [
        ("poland_incursion.drones_entered", "pap-1", 1, "19", "19 drones"),
        ("poland_incursion.drones_entered", "pap-3", 3, "six to ten", "6–10 drones"),
        ("poland_incursion.drones_entered", "wire#5", 5, "21", "21 drones"),
    ]
    md = markdown.render(report)
    assert "- `wire#2` (`" + f.as_posix() + "`): line 2: not JSON (Expecting value; column 25)" in md


def test_jsonl_unterminated_string_message_reads_well(rules: tuple[Any, Any], tmp_path: Path) -> None:
    """json's message for a cut string ends in `at`: the column must not read `starting at at column`."""
    f = write(tmp_path / "cut.jsonl", '{"id": "pap-2", "text": "Broken\n')
    [src] = run(rules, f).sources
    assert src.errors == ["line 1: not JSON (Unterminated string starting at; column 25)"]


# ---------------------------------------------------------------- folders, include, exclude

def _tree(root: Path) -> Path:
    for rel in ["a.txt", "sub/b.md", "sub/deep/c.txt", "sub/deep/skip_me.txt", "drafts/d.txt",
                ".hidden/e.txt", "sub/.f.txt", "notes.pdf", "g.text"]:
        write(root / rel, f"{TUSK}\n")
    return root


def test_folders_are_read_recursively_without_hidden_files_or_other_suffixes(rules: tuple[Any, Any],
                                                                            tmp_path: Path) -> None:
    report = run(rules, _tree(tmp_path / "src"))
    assert [(s.id, Path(s.path).relative_to(tmp_path / "src").as_posix()) for s in report.sources] == [
        ("a", "a.txt"), ("b", "sub/b.md"), ("c", "sub/deep/c.txt"), ("d", "drafts/d.txt"), ("g", "g.text"),
        ("skip_me", "sub/deep/skip_me.txt")]
    assert {c.source for c in report.claims} == {"a", "b", "c", "d", "g", "skip_me"}


@pytest.mark.parametrize(("include", "exclude", "ids"), [
    (["sub/*"], [], ["b", "c", "skip_me"]),
    (["*.md", "a.txt"], [], ["a", "b"]),
    ([], ["drafts/*", "skip_*"], ["a", "b", "c", "g"]),
    (["sub/*"], ["*.md"], ["c", "skip_me"]),
])
def test_include_and_exclude_globs_filter_folders(include: list[str], exclude: list[str], ids: list[str],
                                                  rules: tuple[Any, Any], tmp_path: Path) -> None:
    report = run(rules, _tree(tmp_path / "src"), include=include, exclude=exclude)
    assert [s.id for s in report.sources] == ids


def test_include_and_exclude_flags_reach_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path / "src")
    monkeypatch.chdir(tmp_path)
    code, out, err = call(capsys, "check", "src", "--rules", str(RULES), "--format", "json", "--output", "-",
                          "--include", "sub/*", "--include", "a.txt", "--exclude", "skip_*")
    assert code == 0, err
    assert [(s["id"], s["path"]) for s in json.loads(out)["sources"]] == [
        ("a", "src/a.txt"), ("b", "src/sub/b.md"), ("c", "src/sub/deep/c.txt")]


# ---------------------------------------------------------------- sidecar and date precedence

SIDECAR = """\
herald.html: {outlet: Sidecar Outlet, published: 2025-09-13, url: https://side.example/herald}
nfp.md: {outlet: Sidecar FM, published: 2025-09-14, url: https://side.example/nfp}
plain.txt: {outlet: Side Plain, published: 2025-09-15, url: https://side.example/plain}
wired: {published: 2025-09-16}
"""
DATELINED = "date 2025-09-12 WARSAW (PAP): Prime Minister Donald Tusk said 19 drones entered Polish airspace on Wednesday.\n"


def test_sidecar_gives_plain_files_metadata_and_who_wins_on_the_date(rules: tuple[Any, Any], tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    write(src / "herald.html", PAGE)
    write(src / "nfp.md", "---\noutlet: Notes from Poland\npublished: 2025-09-11\n---\n"
                          "Prime Minister Donald Tusk said 19 drones entered Polish airspace on Wednesday.\n")
    write(src / "plain.txt", "Prime Minister Donald Tusk said 19 drones entered Polish airspace on Wednesday.\n")
    write(src / "wired.txt", DATELINED)       # sidecar (by stem) and a dateline: the sidecar wins
    write(src / "dated.txt", DATELINED)       # a dateline and nothing else: the dateline is used
    write(src / "undated.txt", f"{TUSK}\n")  # nothing gives a date
    write(src / "sources.yaml", SIDECAR)
    monkeypatch.chdir(tmp_path)
    report = run(rules, Path("src"))
    got = {s.id: (s.outlet, s.url, s.published.isoformat() if s.published else None, s.published_from)
           for s in report.sources}
    assert got == {
        # front matter beats the sidecar; the sidecar fills what front matter left out
        "nfp": ("Notes from Poland", "https://side.example/nfp", "2025-09-11", "front matter"),
        # the sidecar beats HTML metadata
        "herald": ("Sidecar Outlet", "https://side.example/herald", "2025-09-13", "sources.yaml"),
        "plain": ("Side Plain", "https://side.example/plain", "2025-09-15", "sources.yaml"),
        # a dateline only when nothing else gives a date
        "wired": (None, None, "2025-09-16", "sources.yaml"),
        "dated": (None, None, "2025-09-12", "dateline `date 2025-09-12` at line 1"),
        "undated": (None, None, None, ""),
    }
    # relative dates resolve against the winning date
    notes = {c.source: c.note for c in report.claims if c.slot == "poland_incursion.date"}
    assert notes == {s: f"Wednesday on or before the source's date {d}" for s, d in [
        ("dated", "2025-09-12"), ("nfp", "2025-09-11"), ("plain", "2025-09-15"), ("wired", "2025-09-16")]}
    table = sources_table(markdown.render(report))
    assert {sid: row[0:3] for sid, row in table.items()} == {
        "dated": ["`src/dated.txt`", "—", "2025-09-12 (dateline \\`date 2025-09-12\\` at line 1)"],
        "herald": ["`src/herald.html`", "Sidecar Outlet — Poland shoots down Russian drones over its territory",
                   "2025-09-13 (sources.yaml)"],
        "nfp": ["`src/nfp.md`", "Notes from Poland", "2025-09-11 (front matter)"],
        "plain": ["`src/plain.txt`", "Side Plain", "2025-09-15 (sources.yaml)"],
        "undated": ["`src/undated.txt`", "—", "unknown"],
        "wired": ["`src/wired.txt`", "—", "2025-09-16 (sources.yaml)"],
    }


def test_an_edited_sidecar_is_seen_by_the_next_run(rules: tuple[Any, Any], tmp_path: Path) -> None:
    write(tmp_path / "plain.txt", f"{TUSK}\n")
    write(tmp_path / "sources.yaml", "plain.txt: {outlet: Old Outlet}\n")
    assert [s.outlet for s in run(rules, tmp_path).sources] == ["Old Outlet"]
    side = write(tmp_path / "sources.yaml", "plain.txt: {outlet: New Outlet}\n")
    # a second later, as an edit by hand would be (file times are only as fine as the kernel's clock tick)
    stamp = side.stat().st_mtime_ns + 1_000_000_000
    os.utime(side, ns=(stamp, stamp))
    assert [s.outlet for s in run(rules, tmp_path).sources] == ["New Outlet"]


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize(("data", "how"), [
    (codecs.BOM_UTF8 + f"Drones\n{TUSK}\n".encode("utf-8"), "UTF-8 (byte-order mark)"),
    (codecs.BOM_UTF16_LE + f"Drones\r\n{TUSK}\r\n".encode("utf-16-le"), "UTF-16 (byte-order mark)"),
    (codecs.BOM_UTF16_BE + f"Drones\n{TUSK}\n".encode("utf-16-be"), "UTF-16 (byte-order mark)"),
], ids=["utf-8-bom", "utf-16-le-bom-crlf", "utf-16-be-bom"])
def test_byte_order_marks_decide_the_encoding_and_the_report_says_so(data: bytes, how: str,
                                                                    rules: tuple[Any, Any], tmp_path: Path) -> None:
    f = write(tmp_path / "bom.txt", data)
    report = run(rules, f)
    [src] = report.sources
    assert (src.errors, src.encoding) == ([], how)
    assert not src.text.startswith("\ufeff")
    assert claims(report) == [("poland_incursion.drones_entered", "bom", 2, "19", "19 drones")]
    assert report.claims[0].quote == TUSK
    assert sources_table(markdown.render(report))["bom"][4] == f"decoded as {how}"


LATIN1 = ("Drones over Poland: the view from Zürich\n\n"
          "Prime Minister Donald Tusk said 19 drones entered Polish airspace, the army said.\n\n"
          "The señora who runs the café near Kraków airport said flights resumed at 9 a.m.; "
          "a ticket to Zürich cost £120.\n")


def test_latin1_file_is_decoded_by_charset_normalizer_and_the_report_says_so(rules: tuple[Any, Any],
                                                                            tmp_path: Path) -> None:
    f = write(tmp_path / "latin1.txt", LATIN1.encode("latin-1"))
    report = run(rules, f)
    [src] = report.sources
    assert src.errors == []
    assert load_file(f)[0].text == LATIN1  # as the check read it (a report keeps claims, not texts)
    # charset-normalizer names the Windows superset of Latin-1 (or Latin-1 itself): the same text here
    assert src.encoding in {f"{e} (guessed by charset-normalizer)" for e in ("cp1252", "latin_1", "iso8859_15")}
    assert claims(report) == [("poland_incursion.drones_entered", "latin1", 3, "19", "19 drones")]
    assert sources_table(markdown.render(report))["latin1"][4] == f"decoded as {src.encoding}"


def test_latin1_english_text_keeps_its_accents(rules: tuple[Any, Any], tmp_path: Path) -> None:
    text = (f"Drones over Poland\n\n{TUSK}\n\n"
            "The owner of a café near the Kraków airport said the crème brûlée sold out; the Zürich flight was "
            "delayed.\n")
    f = write(tmp_path / "latin1.txt", text.encode("latin-1"))
    [src] = run(rules, f).sources
    # charset-normalizer ranks cp1250 and cp1252 equal on such text; cp1250 would give `črčme brűlée`
    assert load_file(f)[0].text == text
    assert src.encoding == "cp1252 (guessed by charset-normalizer)"


# ---------------------------------------------------------------- line ends

@pytest.mark.parametrize("end", ["\r\n", "\r", "\n"], ids=["crlf", "lone-cr", "lf"])
def test_line_ends_give_the_right_line_numbers(end: str, rules: tuple[Any, Any], tmp_path: Path) -> None:
    text = end.join(["Drones over Poland", "", "Weather was mild.", TUSK,
                     "A NATO source said an incursion of six to ten Russian drones into Poland took place.", ""])
    report = run(rules, write(tmp_path / "ends.txt", text.encode("utf-8")))
    assert claims(report) == [("poland_incursion.drones_entered", "ends", 4, "19", "19 drones"),
                              ("poland_incursion.drones_entered", "ends", 5, "six to ten", "6–10 drones")]
    nato = "A NATO source said an incursion of six to ten Russian drones into Poland took place."
    assert [c.quote for c in report.claims] == [TUSK, nato]


# ---------------------------------------------------------------- typography

TYPOGRAPHY = "\n".join([
    "Drones over Poland",
    "Prime Minister Donald Tusk said 19\u00a0drones entered Polish air\u00adspace.",
    "A NATO source said an incursion of six–ten Russian drones into Poland took place.",
    "Another official spoke of an incursion of six—ten drones into Polish airspace.",
    "Tusk’s office said 21 drones entered Polish airspace.",
    "Tusk's office said 22 drones entered Polish airspace.",
    "“Nineteen drones entered Polish airspace,” Tusk said.",
    "Poland’s army said 23\u202fdrones violated Polish airspace.",
]) + "\n"


def test_typographic_variants_do_not_stop_matching_and_quotes_keep_the_source_characters(
        rules: tuple[Any, Any], tmp_path: Path) -> None:
    report = run(rules, write(tmp_path / "typo.txt", TYPOGRAPHY))
    got = [(c.line, c.surface, describe(c.value), c.attributed_to, c.quote) for c in report.claims]
    assert got == [
        # the soft hyphen is dropped on reading; the non-breaking space is whitespace in the quote
        (2, "19", "19 drones", "Donald Tusk",
         "Prime Minister Donald Tusk said 19 drones entered Polish airspace."),
        (3, "six–ten", "6–10 drones", "a NATO source",
         "A NATO source said an incursion of six–ten Russian drones into Poland took place."),
        (4, "six—ten", "6–10 drones", "another official",
         "Another official spoke of an incursion of six—ten drones into Polish airspace."),
        # a curly apostrophe is read as a straight one: the same speaker either way
        (5, "21", "21 drones", "Tusk's office", "Tusk’s office said 21 drones entered Polish airspace."),
        (6, "22", "22 drones", "Tusk's office", "Tusk's office said 22 drones entered Polish airspace."),
        (7, "Nineteen", "19 drones", "Donald Tusk", "“Nineteen drones entered Polish airspace,” Tusk said."),
        (8, "23", "23 drones", "Poland's army", "Poland’s army said 23 drones violated Polish airspace."),
    ]
    assert all(c.slot == "poland_incursion.drones_entered" and c.source == "typo" for c in report.claims)


def test_load_file_reads_a_single_source(tmp_path: Path) -> None:
    """`load_file` is what the pipeline calls per file: one plain file is one source."""
    [src] = load_file(write(tmp_path / "one.txt", f"{TUSK}\n"))
    assert (src.id, src.text, src.errors, src.line_base, src.one_line) == ("one", f"{TUSK}\n", [], 1, False)
