"""Fast paths in the reports (and in copies) give the bytes of the library calls and patterns they replace."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.report.jsontext import dumps

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
            | st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from('"\\\n\x00\u2028é✔'))
            | st.sampled_from([0, -0.0, 1e300, 1.5, "", "a\"b"]))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)


@settings(max_examples=400)
@given(_JSON)
def test_json_text_is_json_dumps(doc: object) -> None:
    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


def test_json_text_leaves_the_unusual_to_json_dumps() -> None:
    for doc in ({1: "a", None: [True]}, {"a": {2.5: 1}}, [{"k": float("nan")}, float("-inf")]):
        assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False)
    loop: list[object] = []
    loop.append(loop)
    for bad in ({"a": object()}, loop):
        try:
            json.dumps(bad, indent=2, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            expected = type(exc)
        try:
            dumps(bad)
        except expected:
            pass
        else:
            raise AssertionError("dumps accepted what json.dumps refuses")


_CELL_TEXT = st.lists(st.sampled_from(["a", "Z", " ", "\t", "\u00a0", "\u3000", "\x1c", "|", "✔", "é", "e\u0301", "😀",
                                       "True", "-", "\x01", "\x1b[31m", "\n", "\r", "1", ".", "`"]), max_size=8).map("".join)
_CELL = _CELL_TEXT | st.integers(min_value=-5, max_value=10**12) | st.sampled_from(["", "True", "False", "1,000", "2.5"])


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[list[object]], list[str], tuple[str, ...] | None]:
    n = draw(st.integers(min_value=1, max_value=5))
    headers = draw(st.lists(_CELL_TEXT, min_size=n, max_size=n))
    rows = draw(st.lists(st.lists(_CELL, min_size=n, max_size=n), max_size=6))
    colalign = draw(st.none() | st.lists(st.sampled_from(["left", "center", "right"]), max_size=n).map(tuple))
    return rows, headers, colalign


@settings(max_examples=500)
@given(_tables())
def test_github_table_is_tabulate(case: tuple[list[list[object]], list[str], tuple[str, ...] | None]) -> None:
    from tabulate import tabulate

    from consistency.report import markdown  # noqa: F401  (sets tabulate's width mode, as the report does)
    from consistency.report.table import github_table

    rows, headers, colalign = case
    expected = tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, colalign=colalign)
    assert github_table(rows, headers, colalign) == expected


def test_github_table_takes_the_fast_path_for_plain_tables() -> None:
    from consistency.report import markdown  # noqa: F401
    from consistency.report.table import _fast

    assert _fast([["`a`", 3, " x "], ["✔ 2", 10, ""]], ["Slot", "N", "Center"], ("left", "right", "center")) is not None


@given(st.text(alphabet=st.sampled_from(list("\\*_`<>[]|ab \n✔"))))
def test_markdown_escaping_is_one_backslash_per_special_character(text: str) -> None:
    from consistency.report.markdown import _md

    expected = text
    for ch in ("\\", "*", "_", "`", "<", ">", "[", "]"):
        expected = expected.replace(ch, "\\" + ch)
    assert _md(text) == expected


@given(st.text(alphabet=st.sampled_from(list("aZ_9%$€£ \t\n\x1c\u00a0\u3000.,'’“-é")), max_size=30))
def test_copies_normalisation_of_ascii_text_is_the_patterns(text: str) -> None:
    import re

    from consistency.copies import _norm

    assert _norm(text) == re.sub(r"[^\w%$€£]+", " ", text.lower()).strip()


def test_reports_leave_the_garbage_collector_as_they_found_it() -> None:
    import gc

    from consistency.report.gcpause import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise KeyError
    except KeyError:
        pass
    assert gc.isenabled()
