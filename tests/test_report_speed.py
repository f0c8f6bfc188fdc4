"""Fast paths in the reports (and in copies) give the bytes of the patterns they replace."""

from __future__ import annotations

import gc
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

# imported here, not in the tests: hypothesis counted a first import inside a test against its deadline
from consistency.copies import _norm
from consistency.report import markdown
from consistency.report.gcpause import collector_paused
from consistency.report.markdown import _cell, _md, github_table
from consistency.report.sarif import MAX_RELATED, _disagreeing
from consistency.rules import load_rules


@given(st.text(alphabet=st.sampled_from(list("\\*_`<>[]|ab \n\r\x1b\u202e✔"))))
def test_markdown_escaping_is_one_backslash_per_special_character(text: str) -> None:
    expected = text
    for ch in ("\\", "*", "_", "`", "<", ">", "[", "]"):
        expected = expected.replace(ch, "\\" + ch)
    # then what controls a terminal or ends a line is written out (consistency.escape.visible)
    for ch, shown in (("\n", "\\n"), ("\r", "\\r"), ("\x1b", "\\x1b"), ("\u202e", "\\u202e")):
        expected = expected.replace(ch, shown)
    assert _md(text) == expected


@given(st.text(alphabet=st.sampled_from(list("\\*_`<>[]|ab \n\r\x1b✔"))))
def test_table_cells_are_escaped_as_markdown_then_pipes_and_line_breaks(text: str) -> None:
    assert _cell(text) == _md(text.replace("\n", " ")).replace("|", "\\|")


@given(st.text(alphabet=st.sampled_from(list("aZ_9%$€£ \t\n\x1c\u00a0\u3000.,'’“-é")), max_size=30))
def test_copies_normalisation_of_ascii_text_is_the_patterns(text: str) -> None:
    assert _norm(text) == re.sub(r"[^\w%$€£]+", " ", text.lower()).strip()


def test_reports_leave_the_garbage_collector_as_they_found_it() -> None:
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


@given(st.lists(st.sampled_from(["19", "6–10", "more than 10", "12"]), max_size=40))
def test_sarif_related_claims_are_the_first_ten_that_disagree(shown: list[str]) -> None:
    related = _disagreeing(shown)
    for value in shown:
        assert related[value] == [j for j, other in enumerate(shown) if other != value][:MAX_RELATED]


def test_sarif_related_claims_take_a_pass_per_value_not_per_claim() -> None:
    """Each of 20,000 claims scanning the others for ten that disagree was
    400 million comparisons (90% of the SARIF time at 10,000 articles)."""
    compared = 0

    class Counted(str):
        __hash__ = str.__hash__

        def __ne__(self, other: object) -> bool:
            nonlocal compared
            compared += 1
            return str.__ne__(self, other)

    values = [Counted(v) for v in ("19", "6–10", "more than 10")]
    shown = [values[0]] * 10_000 + [values[1]] * 9_990 + [values[2]] * 10
    _disagreeing(shown)
    assert compared <= len(shown) + MAX_RELATED * len(values)


_PLAIN = st.text(alphabet=st.sampled_from(list("ab1.,-| `\\✔❌·—\t\u3000\x85é漢")), max_size=8)
_CELL = st.one_of(_PLAIN, st.integers(-10**6, 10**12), st.sampled_from(["True", "False", "1.5", ""]))
_ODD = st.sampled_from(["a\nb", "\r", "\x1b[31mred\x1b[0m", "\x01", " \x01 ", None, 2.5, True])  # tabulate's


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(_PLAIN, min_size=n, max_size=n),
    st.lists(st.lists(_CELL, min_size=n, max_size=n), max_size=6),
    st.lists(st.sampled_from(["left", "center"]), min_size=n, max_size=n) | st.none())),
    st.none() | st.tuples(st.integers(0, 6), st.integers(0, 3), _ODD))
def test_github_tables_are_tabulates(table: tuple[list[str], list[list[object]], list[str] | None],
                                     odd: tuple[int, int, object] | None) -> None:
    """Plain tables are written here, the rest by tabulate: either way, tabulate's bytes."""
    headers, rows, colalign = table
    if odd is not None:  # one odd cell (row 0 is the headers) where the table has one
        row, column, value = odd
        target = headers if row == 0 or not rows else rows[(row - 1) % len(rows)]
        if isinstance(value, str) or target is not headers:
            target[column % len(target)] = value
    align = None if colalign is None else tuple(colalign)
    assert github_table(rows, headers, align) == tabulate(rows, headers=headers, tablefmt="github",
                                                          disable_numparse=True, colalign=align)


def test_markdown_passes_over_the_claims_do_not_grow_with_the_slots() -> None:
    """Each slot without claims was a pass over every claim (30 such slots
    and 32,000 claims: a million comparisons)."""
    from pathlib import Path

    from consistency.model import Claim
    from consistency.checked import Report
    from consistency.sources import Source
    from consistency.values import Interval, Quantity

    slots, _ = load_rules(Path(__file__).resolve().parent.parent / "rules")

    class Counted(list):  # type: ignore[type-arg]
        passes = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            Counted.passes += 1
            return super().__iter__()

    def passes(n_slots: int) -> int:
        claims = Counted([Claim(slots[0].id, "s1", 1, 0, "q", "1", Quantity(Interval(1, 1), None, False), id="c1")])
        Counted.passes = 0
        markdown.render(Report([Source("s1", "s1.txt", "x")], claims, [], slots[:n_slots]))
        return Counted.passes

    assert passes(len(slots)) == passes(2)


@given(st.lists(st.text(alphabet=st.sampled_from(list("a \n\t|✔")), max_size=4), max_size=6))
def test_markdown_lines_are_joined_as_the_stripped_join_was(lines: list[str]) -> None:
    assert markdown._joined(list(lines)) == "\n".join(lines).rstrip() + "\n"
