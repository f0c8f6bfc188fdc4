"""The report does not depend on the order in which sources are given, nor
on how the folder holding them was laid out or filled.

Reports are compared byte for byte within one folder. Across folders the
source `path` differs by design, so there only the claims and findings (and
the Markdown up to its Sources table) are compared.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.report import markdown as md_report
from consistency.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SIDECAR = ROOT / "seeds" / "sources.yaml"  # the seeds' metadata (003's published date), read from beside each file
SLOTS, VOCAB = load_rules(ROOT / "rules")
CONFLICTS = ["europe.military_aid_to_ukraine_2025", "hague_summit.dates", "hague_summit.duration",
             "poland_incursion.drones_entered", "russia.ammunition_output_vs_nato", "trump.title"]  # on the seeds
CHANGED = ["spain.stance_on_5pct_target"]  # on the seeds


def run(paths: list[Path]) -> tuple[str, str]:
    report = check(paths, SLOTS, VOCAB)
    return json_report.render(report), md_report.render(report)


@functools.lru_cache(maxsize=1)
def baseline() -> tuple[str, str]:
    return run(SEEDS)


def claims_and_findings(rendered_json: str) -> dict:
    doc = json.loads(rendered_json)
    return {"claims": doc["claims"], "findings": doc["findings"],
            "sources": [{k: v for k, v in s.items() if k != "path"} for s in doc["sources"]]}


def before_sources_table(rendered_md: str) -> str:
    head, sep, _ = rendered_md.partition("\n## Sources\n")
    assert sep, "the Markdown report has a Sources section"
    return head


def test_baseline_is_a_real_report() -> None:
    """Guard against comparing empty reports: the seeds give the known conflicts."""
    assert len(SEEDS) == 5
    js, md = baseline()
    doc = json.loads(js)
    # seeds/002 is a feed-reader page: it is split into its 13 articles, 002_…#1 to #13
    ids = [s["id"] for s in doc["sources"]]
    assert sorted({i.split("#")[0] for i in ids}) == [p.stem for p in SEEDS]
    assert sum(i.startswith("002_2e7131b4654abfe7#") for i in ids) == 13
    assert len(doc["claims"]) > 20
    conflicts = sorted(f["slot"] for f in doc["findings"] if f["kind"] == "conflict")
    assert conflicts == CONFLICTS
    assert sorted(f["slot"] for f in doc["findings"] if f["kind"] == "changed") == CHANGED
    assert md.startswith(f"# Consistency report\n\n**{len(CONFLICTS)} conflicts** across 5 sources (17 articles)")


def test_folder_and_file_list_give_the_same_report() -> None:
    assert run([ROOT / "seeds"]) == baseline()


@settings(max_examples=15, deadline=None)
@given(st.permutations(SEEDS))
def test_permuted_sources_give_identical_reports(paths: list[Path]) -> None:
    js, md = run(paths)
    base_js, base_md = baseline()
    assert js == base_js
    assert md == base_md


@settings(max_examples=10, deadline=None)
@given(st.permutations(SEEDS), st.integers(1, 5))
def test_a_file_given_twice_counts_once(paths: list[Path], k: int) -> None:
    assert run(paths + paths[:k]) == baseline()


# --- other folder layouts ---------------------------------------------------

def _flat(dest: Path, order: list[Path]) -> None:
    for p in order:
        shutil.copyfile(p, dest / p.name)
    shutil.copyfile(SIDECAR, dest / SIDECAR.name)


def _nested(dest: Path, order: list[Path]) -> None:
    """Each file in its own folder, folders named against the sources' order, with the sidecar beside it."""
    for i, p in enumerate(order):
        sub = dest / f"{len(order) - i:02d}" / "deeper"
        sub.mkdir(parents=True)
        shutil.copyfile(p, sub / p.name)
        shutil.copyfile(SIDECAR, sub / SIDECAR.name)


LAYOUTS = {
    "flat_in_order": lambda d: _flat(d, SEEDS),
    "flat_reversed": lambda d: _flat(d, SEEDS[::-1]),
    "flat_interleaved": lambda d: _flat(d, SEEDS[1::2] + SEEDS[::2]),
    "nested_in_order": lambda d: _nested(d, SEEDS),
    "nested_reversed": lambda d: _nested(d, SEEDS[::-1]),
}


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, build in LAYOUTS.items():
        d = tmp_path_factory.mktemp(name)
        build(d)
        out[name] = d
    return out


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_gives_the_same_claims_and_findings(layouts: dict[str, Path], layout: str) -> None:
    folder = layouts[layout]
    files = sorted(folder.rglob("*.txt"))
    assert sorted(p.name for p in files) == [p.name for p in SEEDS]
    js, md = _folder_run(folder)
    base_js, base_md = baseline()
    assert claims_and_findings(js) == claims_and_findings(base_js)
    assert before_sources_table(md) == before_sources_table(base_md)
    # the paths are those of the copies, listed in source-id order
    paths = [s["path"] for s in json.loads(js)["sources"]]
    assert list(dict.fromkeys(Path(p).name for p in paths)) == [p.name for p in SEEDS]
    assert all(Path(p).resolve().is_relative_to(folder.resolve()) for p in paths)
    # and within this folder, the file list in any order is byte-identical to the folder
    assert run(files[::-1]) == (js, md)


@settings(max_examples=8, deadline=None)
@given(layout=st.sampled_from(sorted(LAYOUTS)), data=st.data())
def test_permuted_copies_give_identical_reports(layouts: dict[str, Path], layout: str, data: st.DataObject) -> None:
    folder = layouts[layout]
    files = sorted(folder.rglob("*.txt"))
    perm = data.draw(st.permutations(files))
    assert run(perm) == _folder_run(folder)


@functools.lru_cache(maxsize=None)
def _folder_run(folder: Path) -> tuple[str, str]:
    return run([folder])


def test_the_same_file_by_another_spelling_counts_once() -> None:
    detour = ROOT / "seeds" / ".." / "seeds" / SEEDS[2].name
    assert detour.resolve() == SEEDS[2].resolve()
    assert run([ROOT / "seeds", detour]) == baseline()
