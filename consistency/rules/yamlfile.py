"""Reading a rule file safely, keeping where each key stands.

Rule files come from users and from pull requests: they are read by
`consistency.safeyaml` (no objects constructed, alias bombs and deep nesting
refused, impossible dates kept as text for the models to refuse), with keys
given twice in one mapping refused too: in a rule file the last `triggers:`
silently replacing the first made a slot stop firing. The node tree is kept
so that every error can name a line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from consistency.safeyaml import MAX_ALIASES, YamlProblem, position, read_bounded, read_fast, read_text

__all__ = ["MAX_ALIASES", "YamlProblem", "position", "read", "parse_text"]


def read(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its node tree; YamlProblem when it cannot be read."""
    return parse_text(read_text(path))


def parse_text(text: str) -> tuple[Any, yaml.Node | None]:
    """A rule file's text: keys must be unique."""
    fast = _read_fast(text)
    if fast is not None:
        return fast
    return _read_bounded(text)


def _read_fast(text: str) -> tuple[Any, yaml.Node | None] | None:
    return read_fast(text, unique_keys=True, kind="rule files")


def _read_bounded(text: str) -> tuple[Any, yaml.Node | None]:
    return read_bounded(text, unique_keys=True, kind="rule files")
