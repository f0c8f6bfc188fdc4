"""Fast paths in loading sources give what the slower code they replace gave
(footer and dateline searches, clean(), display paths), and the per-file work
stays per file: a folder's `sources.yaml` is parsed once however many files it
describes, and no file's folder is resolved."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from consistency import safeyaml, sources
from consistency.sources import digest, display_path, load_file
from consistency.sources.decode import clean

_PER_LINE_FOOTER = re.compile(r"^\s*(?:Legal Disclaimer:?|Most popular stories|Comments|No comment)\s*$", re.I)
_PIECES = ["Comments", "cOMMENTS", "No comment", "Legal Disclaimer:", "Most popular stories", "Comment", "x",
           " ", "\t", "\u00a0", "\u2028", "\n", "\n", "\n", "\r"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
@example("\n\nComments")
@example("x\n \n\tNo comment \u00a0\nComments")
@example("Comments\nx")
@example("x Comments")
def test_the_footer_line_is_the_first_the_per_line_pattern_matches(text: str) -> None:
    expected = next((i for i, line in enumerate(text.split("\n")) if _PER_LINE_FOOTER.match(line)), None)
    assert digest._footer_line(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab \r\n\u00ad\u200b\u200c\u200d\u2060\ufeff’é")), max_size=30))
def test_cleaning_is_the_replacements_it_skips_when_it_can(text: str) -> None:
    expected = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert clean(text) == expected


def _display_before(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return path.as_posix()


@pytest.mark.parametrize("name", ["a.txt", "./a.txt", "sub/a.txt", "sub//b/./a.txt", "../x/a.txt", "..", ".", "/",
                                  "//a/b.txt", "/a.txt", "a/..", "{here}", "{here}/", "{here}/a.txt", "{up}/a.txt"])
def test_display_paths_are_pathlibs_relative_to(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worked out per folder, they are what relative_to gives for the whole path, the working folder included."""
    monkeypatch.chdir(tmp_path)
    path = Path(name.format(here=tmp_path, up=tmp_path.parent))
    assert display_path(path) == _display_before(path)


def test_a_folders_sidecar_is_parsed_once_and_no_folder_is_resolved(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(40):
        (tmp_path / f"a{n}.txt").write_text(f"Article {n} says 19 drones entered.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("a3.txt: {outlet: Three}\n", encoding="utf-8")
    parsed: list[str] = []
    real_parse = safeyaml.parse
    monkeypatch.setattr(safeyaml, "parse", lambda text, **kw: parsed.append(text) or real_parse(text, **kw))

    def no_resolve(self: Path, strict: bool = False) -> Path:
        raise AssertionError(f"{self} resolved while loading")

    files, _ = sources.discover([tmp_path])
    monkeypatch.setattr(Path, "resolve", no_resolve)
    loaded = [s for f in files for s in load_file(f)]
    assert len(parsed) == 1 and [s.outlet for s in loaded if s.outlet] == ["Three"]
    stamp = os.stat(tmp_path / "sources.yaml").st_mtime_ns + 1_000_000_000
    (tmp_path / "sources.yaml").write_text("a3.txt: {outlet: Again}\n", encoding="utf-8")
    os.utime(tmp_path / "sources.yaml", ns=(stamp, stamp))
    assert load_file(tmp_path / "a3.txt")[0].outlet == "Again" and len(parsed) == 2


_DATELINE_PIECES = ["date", "update", "date 2025-06-12", " 2025-06-12", "Published", "Published on",
                    " 10 September 2025", " June 3, 2025", "WARSAW", ", Sept 10", " (Reuters)", " -", ":",
                    "\n", "\n", " ", "\t", "x", "é"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_DATELINE_PIECES), max_size=12).map("".join))
@example("xdate 2025-06-12 y\ndate 2025-06-13")
@example("update 2025-06-12\n  Published 10 September 2025")
@example("x\nWARSAW, Sept 10 (Reuters) -")
def test_datelines_are_found_where_the_patterns_search_finds_them(text: str) -> None:
    from consistency.sources import dating

    def found(m: re.Match[str] | None) -> tuple[int, int, dict[str, str | None]] | None:
        return None if m is None else (m.start(), m.end(), m.groupdict())

    assert found(dating._first_dateline(text)) == found(dating.DATELINE.search(text))
    assert found(dating._first_wire_dateline(text)) == found(dating.WIRE_DATELINE.search(text))
