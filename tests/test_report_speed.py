"""Fast paths in the reports (and in copies) give the bytes of the patterns they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st


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
