"""The bad sources of the reliability audit (../shared/audits/reliability-2026-12.md,
"Bad sources"), each made a test: the seeds plus one bad file, run through
the pipeline. Each case says what the run must list for the bad file (its
errors, its warnings, the claims it still gives); the seeds' own claims must
be exactly those of the seeds alone, and every report must render (a lone
surrogate once failed the Markdown's encoding and lost the run).

Test names carry the audit's row ("row 39") or failure ("failure 6").
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from consistency.checked import Report
from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.report import markdown, sarif
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLAIM = "Polish officials said 40 drones entered Polish airspace overnight."
DRONES = "poland_incursion.drones_entered"


@pytest.fixture(scope="module")
def rules() -> tuple[Any, Any]:
    return load_rules(ROOT / "rules")


def _claims(report: Report, keep: Any) -> list[tuple[Any, ...]]:
    return [(c.slot, c.source, c.line, c.quote, c.surface, c.value, c.as_of, c.attributed_to)
            for c in report.claims if keep(c.source)]


@pytest.fixture(scope="module")
def seed_claims(rules: tuple[Any, Any]) -> list[tuple[Any, ...]]:
    return _claims(check([SEEDS], *rules), lambda _: True)


@pytest.fixture
def src(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "src")
    return tmp_path / "src"


def run(src: Path, rules: tuple[Any, Any], seed_claims: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The run's sources that are not seeds: id → (errors, warnings, [(slot, line, value low)])."""
    report = check([src], *rules)
    seed = {c[1] for c in seed_claims}
    assert _claims(report, lambda s: s in seed) == seed_claims
    markdown.render(report).encode("utf-8")  # every report renders, and encodes
    json_report.render_bytes(report)
    sarif.render_bytes(report)
    return {s.id: (s.errors, s.warnings, [(c.slot, c.line, c.value.interval.low) for c in report.claims
                                          if c.source == s.id and hasattr(c.value, "interval")])
            for s in report.sources if s.id.split("#")[0] not in {i.split("#")[0] for i in seed}}


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


BOMB = "\n".join(["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
                 + [f"{n}: &{n} [" + ",".join(["*" + p] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi")])
ALIASES = ("more than 50 aliases (*name); front matter and sources.yaml do not need anchors and aliases, "
           "write the lists out")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_row_9_10_utf16_without_a_byte_order_mark_is_read(codec: str, src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.txt", (CLAIM + "\n").encode(codec))
    name = codec.upper().replace("UTF-16-", "UTF-16 ")
    got = run(src, rules, seed_claims)
    assert got == {"zz": ([], [], [(DRONES, 1, 40)])}
    assert check([src / "zz.txt"], *rules).sources[0].encoding == f"{name} (no byte-order mark; told by its NUL bytes)"


def test_row_19_a_file_1200_folders_deep_is_read(src: Path, rules: Any, seed_claims: Any) -> None:
    here = os.getcwd()
    os.chdir(src)
    try:  # one folder at a time: the whole path is longer than some calls take
        for _ in range(1200):
            os.mkdir("n")
            os.chdir("n")
        Path("x.txt").write_text(CLAIM + "\n", encoding="utf-8")
    finally:
        os.chdir(here)
    try:
        assert run(src, rules, seed_claims) == {"x": ([], [], [(DRONES, 1, 40)])}
    finally:  # removed here, a folder at a time: pytest's clean-up (shutil.rmtree) recurses
        os.chdir(src.joinpath(*["n"] * 100))
        try:
            for _ in range(1100):
                os.chdir("n")
            os.unlink("x.txt")
            for _ in range(1200):
                os.chdir("..")
                os.rmdir("n")
        finally:
            os.chdir(here)


def test_row_22_a_link_to_a_file_outside_the_folder_is_not_read(src: Path, tmp_path: Path, rules: Any,
                                                                 seed_claims: Any) -> None:
    secret = write(tmp_path / "outside.txt", "SECRET-TOKEN-123 " + CLAIM + "\n")
    os.symlink(secret, src / "zz.txt")
    os.chdir(tmp_path)
    try:
        got = run(Path("src"), rules, seed_claims)
    finally:
        os.chdir(ROOT)
    assert got == {"zz": ([f"a symbolic link to a file outside src/ ({secret.as_posix()}), so it was not read; copy "
                           "the file in, or name it on the command line"], [], [])}
    # named on the command line, it is read: the user asked for it
    assert [c.surface for c in check([src / "zz.txt"], *rules).claims if c.slot == DRONES] == ["40"]


def test_row_24_a_dangling_link_says_so(src: Path, rules: Any, seed_claims: Any) -> None:
    os.symlink("nowhere.txt", src / "zz.txt")
    assert run(src, rules, seed_claims) == {
        "zz": (["a symbolic link to nowhere.txt, which does not exist; fix the link or remove it"], [], [])}


def test_row_26_an_unreadable_folder_is_listed(src: Path, rules: Any, seed_claims: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(src / "locked/x.txt", CLAIM + "\n")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:  # root reads every folder: refuse this one as the OS refuses others
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = run(src, rules, seed_claims)
    assert got == {"locked": ([
        "this folder cannot be read (Permission denied), so none of its files were checked; make it readable or "
        "leave it out of the paths"], [], [])}


def test_row_30_an_alias_bomb_in_front_matter_is_refused_at_once(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.md", f"---\n{BOMB}\ntitle: *i\n---\n{CLAIM}\n")
    began = time.perf_counter()
    got = run(src, rules, seed_claims)
    assert time.perf_counter() - began < 10  # it took 67 s and 5.4 GB, then MemoryError
    assert got == {"zz": ([f"malformed front matter at line 8: {ALIASES}"], [], [])}  # the 51st alias


def test_row_31_an_alias_bomb_in_sources_yaml_costs_its_metadata_only(src: Path, rules: Any,
                                                                       seed_claims: Any) -> None:
    write(src / "sub/zz.txt", CLAIM + "\n")
    write(src / "sub/sources.yaml", f"{BOMB}\nzz.txt: {{title: *i}}\n")
    assert run(src, rules, seed_claims) == {"zz": ([], [
        f"sources.yaml (line 7) could not be read, so its metadata was not applied: {ALIASES}"], [(DRONES, 1, 40)])}


def test_row_32_a_sources_yaml_entry_that_is_text_is_named(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "sub/zz.txt", CLAIM + "\n")
    write(src / "sub/sources.yaml", "zz.txt: just a title\n")
    assert run(src, rules, seed_claims) == {"zz": ([], [
        "sources.yaml line 1: the entry for `zz.txt` is not a mapping of keys (title: …, published: …), so it was "
        "not applied"], [(DRONES, 1, 40)])}


def test_row_34_an_impossible_date_in_sources_yaml_is_named_with_its_line(src: Path, rules: Any,
                                                                           seed_claims: Any) -> None:
    write(src / "sub/zz.txt", CLAIM + "\n")
    write(src / "sub/sources.yaml", "# dates\nzz.txt:\n  outlet: Wire\n  published: 2025-02-30\n")
    assert run(src, rules, seed_claims) == {"zz": ([], [
        "sources.yaml line 4: `published: 2025-02-30` is not a date; write it as 2025-06-12"], [(DRONES, 1, 40)])}


def test_row_38_a_sources_yaml_that_is_a_folder_is_named(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "sub/zz.txt", CLAIM + "\n")
    (src / "sub/sources.yaml").mkdir()
    assert run(src, rules, seed_claims) == {"zz": ([], [
        "sources.yaml is not a file (a folder?), so no metadata was taken from it"], [(DRONES, 1, 40)])}


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-45"])
def test_row_39_an_impossible_date_in_front_matter_costs_the_date_only(date: str, src: Path, rules: Any,
                                                                      seed_claims: Any) -> None:
    write(src / "zz.md", f"---\ntitle: A\npublished: {date}\n---\n{CLAIM}\n")
    assert run(src, rules, seed_claims) == {"zz": ([], [
        f"front matter (line 3): `published: {date}` is not a date; write it as 2025-06-12"], [(DRONES, 5, 40)])}


def test_row_43_a_jsonl_line_nested_5000_deep_is_listed_and_the_good_lines_read(src: Path, rules: Any,
                                                                               seed_claims: Any) -> None:
    deep = '{"id": "d", "text": "x", "e": ' + "[" * 5000 + "]" * 5000 + "}"
    write(src / "zz.jsonl", deep + "\n" + json.dumps({"id": "good", "text": CLAIM}) + "\n")
    assert run(src, rules, seed_claims) == {
        "zz#1": (["line 1: nested too deeply to read (thousands of `[` or `{`); a record is one flat object"], [], []),
        "good": ([], [], [(DRONES, 2, 40)])}


def test_row_46_47_a_lone_surrogate_in_jsonl_is_read_as_a_replacement_character(src: Path, rules: Any,
                                                                               seed_claims: Any) -> None:
    write(src / "zz.jsonl", '{"id": "s", "title": "T \\udfff", "text": "' + CLAIM[:-1] + ' \\ud800 ok."}\n')
    got = run(src, rules, seed_claims)
    assert got == {"s": ([], ["line 1: a lone surrogate (half of a UTF-16 pair, as a JSON `\\ud800` escape gives), "
                              "which is no character, was read as U+FFFD"], [(DRONES, 1, 40)])}
    (s,) = [s for s in check([src / "zz.jsonl"], *rules).sources]
    assert s.title == "T \\udfff"


def test_row_51_two_jsonl_records_with_one_id_are_kept_apart(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.jsonl", json.dumps({"id": "dup", "text": CLAIM}) + "\n"
          + json.dumps({"id": "dup", "text": CLAIM.replace("40", "41")}) + "\n")
    assert run(src, rules, seed_claims) == {
        "dup": ([], [], [(DRONES, 1, 40)]),
        "zz#2": ([], ["line 2: id `dup` is line 1's too; this record is `zz#2` here"], [(DRONES, 2, 41)])}


@pytest.mark.parametrize(("text", "control"), [
    ("Polish officials said 4\u200e0 drones entered Polish airspace overnight.", "U+200E LEFT-TO-RIGHT MARK"),
    ("Polish officials said \u202e04 drones\u202c entered Polish airspace overnight.",
     "U+202E RIGHT-TO-LEFT OVERRIDE"),
], ids=["row 58 a left-to-right mark inside 40", "row 62 an override around 04"])
def test_row_58_62_a_bidi_control_touching_a_figure_is_named_and_its_sentence_not_read(
        text: str, control: str, src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.txt", f"A first line.\n{text} Then {CLAIM}\n")
    got = run(src, rules, seed_claims)
    assert got == {"zz": ([], [f"line 2: a bidi control ({control}) touches a figure, so a reader may see another "
                               "number than the text holds; its sentence was not read (remove the control "
                               "character)"], [(DRONES, 2, 40)])}  # the next sentence's 40, not the 0 or 4


def test_failure_6_a_400_digit_number_is_no_figure(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.txt", f"Polish officials said {'9' * 400} drones entered Polish airspace overnight. {CLAIM}\n")
    assert run(src, rules, seed_claims) == {
        "zz": ([], ["line 1: a number of 400 digits is no figure; its sentence was not read"], [(DRONES, 1, 40)])}


def test_a_file_name_that_is_not_utf8_is_shown_by_its_bytes(src: Path, rules: Any, seed_claims: Any) -> None:
    """Python reads an undecodable byte of a file name as a lone surrogate,
    which no report could encode: it is written out as `\\xff`."""
    (src / os.fsdecode(b"zz\xff.txt")).write_text(CLAIM + "\n", encoding="utf-8")
    got = run(src, rules, seed_claims)
    assert got == {"zz\\xff": ([], [], [(DRONES, 1, 40)])}


SEED = "001_186edccea4064bc3"


def test_row_49_a_jsonl_record_named_after_a_seed_is_kept_apart(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / "zz.jsonl", json.dumps({"id": SEED, "text": "NATO now has 33 members, the alliance said."}) + "\n")
    new = f"{src.as_posix()}/zz.jsonl"
    assert run(src, rules, seed_claims) == {new: ([], [
        f"its id `{SEED}` is {src.as_posix()}/{SEED}.txt's too, so it is `{new}` in this report; rename one of them "
        "to keep an id of your own"], [("nato.member_count", 1, 33)])}  # 001 does not "say" 33 members


def test_row_50_one_stem_in_two_folders_is_two_sources(src: Path, rules: Any, seed_claims: Any) -> None:
    write(src / f"sub/{SEED}.txt", "The alliance now boasts 33 members.\n")
    new = f"{src.as_posix()}/sub/{SEED}.txt"
    assert run(src, rules, seed_claims) == {new: ([], [
        f"its id `{SEED}` is {src.as_posix()}/{SEED}.txt's too, so it is `{new}` in this report; rename one of them "
        "to keep an id of your own"], [("nato.member_count", 1, 33)])}
