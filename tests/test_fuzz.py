"""Random input at the loader and the extractor, for a bounded time in CI
(issue 14): random bytes, YAML, JSONL and rule files never lose a run. The
targets and what counts as a lost run are in tests/fuzzing.py; a longer run
is `python bench/fuzz.py --seconds 600`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzing
from consistency.rules import RuleError, load_rules
from consistency.safeyaml import parse

ROOT = Path(__file__).resolve().parent.parent

BOUNDED = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@BOUNDED
@given(st.sampled_from(fuzzing.SUFFIXES), fuzzing.source_bytes)
def test_any_source_file_is_read_or_listed_and_reported(suffix: str, data: bytes) -> None:
    fuzzing.source_file(suffix, data)


@BOUNDED
@given(fuzzing.yaml_texts)
def test_any_sources_yaml_costs_its_metadata_at_most(text: str) -> None:
    fuzzing.sidecar(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(fuzzing.jsonl_lines)
def test_any_jsonl_file_gives_its_good_lines(text: str) -> None:
    fuzzing.source_file(".jsonl", text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(fuzzing.rule_texts)
def test_any_rule_file_loads_or_is_refused_with_its_lines(text: str) -> None:
    fuzzing.rule_file(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(fuzzing.vocab_texts)
def test_any_vocabulary_loads_or_is_refused_with_its_lines(text: str) -> None:
    fuzzing.vocab_file(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.binary(max_size=2000))
def test_any_bytes_anywhere(data: bytes) -> None:
    fuzzing.dispatch(data)


# ---------------------------------------------------------------- what the fuzz runs found, kept as cases

def _refused(tmp_path: Path, text: str) -> list[str]:
    """The problems of a rules folder holding the real vocabulary and `text` as a rule file."""
    (tmp_path / "rules").mkdir()
    shutil.copy(ROOT / "rules/_vocab.yaml", tmp_path / "rules/_vocab.yaml")
    (tmp_path / "rules/zz.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as got:
        load_rules(tmp_path / "rules")
    return [p.split(": ", 1)[1] for p in got.value.problems]


def test_a_nul_in_a_rule_file_is_named_where_it_is(tmp_path: Path) -> None:
    # PyYAML's reader raised before parsing began, outside the loader's handling: a lost run
    assert _refused(tmp_path, "=\x00") == ["not valid YAML: a character YAML does not allow (#x0000); remove it"]


def test_an_unknown_key_holding_a_bracket_is_named(tmp_path: Path) -> None:
    # a key with `[` was taken for one of pydantic's tags and dropped: IndexError
    assert _refused(tmp_path, "? 2025-02-30&a [x, x]\n") == [
        "2025-02-30&a [x, x]: unknown key `2025-02-30&a [x, x]`; allowed keys: description, event, slots",
        "slots: required key missing"]


def test_an_explicit_timestamp_that_is_no_date_is_text() -> None:
    # `!!timestamp` on text that is no date: AttributeError from PyYAML's constructor
    assert parse("x: !!timestamp 2025-99-99---\n")[0] == {"x": "2025-99-99---"}
