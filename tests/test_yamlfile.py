"""Rule files are read by libyaml when it is there, by PyYAML's Python
loader otherwise and for every problem: both give the same data and the same
line and column for every node, so error messages do not depend on which ran."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.rules.yamlfile import MAX_ALIASES, YamlProblem, _read_bounded, _read_fast, read

ROOT = Path(__file__).resolve().parent.parent


def marks(node: yaml.Node) -> list[tuple[int, int]]:
    out = [(node.start_mark.line, node.start_mark.column)]
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out += marks(k) + marks(v)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            out += marks(v)
    return out


def same(text: str) -> None:
    fast, slow = _read_fast(text), _read_bounded(text)
    assert fast is not None
    assert fast[0] == slow[0]
    assert (fast[1] is None) == (slow[1] is None)
    if fast[1] is not None:
        assert marks(fast[1]) == marks(slow[1])  # type: ignore[arg-type]


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*.yaml")), ids=lambda p: p.name)
def test_the_committed_rules_read_the_same_both_ways(path: Path) -> None:
    same(path.read_text(encoding="utf-8"))


_SCALAR = st.one_of(st.integers(), st.booleans(), st.none(), st.text(max_size=8),
                    st.dates().map(lambda d: d.isoformat()))
_DOC = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=3), max_leaves=12)


@pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml")
@settings(max_examples=150, deadline=None)
@given(_DOC, st.booleans())
def test_any_document_reads_the_same_both_ways(doc: object, flow: bool) -> None:
    same(yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True))


def test_an_alias_bomb_is_refused_with_its_line(tmp_path: Path) -> None:
    lines = ["a: &a [x, x]"] + [f"k{i}: *a" for i in range(MAX_ALIASES + 1)]
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _read_fast(f.read_text(encoding="utf-8")) is None  # counted, and handed to the Python loader
    with pytest.raises(YamlProblem) as got:
        read(f)
    assert (got.value.line, got.value.column) == (MAX_ALIASES + 2, 6)  # the 51st alias, after the anchor line
    assert got.value.message.startswith(f"more than {MAX_ALIASES} aliases")
