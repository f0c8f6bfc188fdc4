"""Reading a YAML file safely, keeping where each key stands.

Rule files come from users and from pull requests, so loading constructs no
objects (safe loader) and refuses alias bombs: a file that reuses anchors
more than a few dozen times is rejected before anything is expanded. The
node tree is kept so that every error can name a line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_ALIASES = 50


class YamlProblem(Exception):
    """A file that cannot be read as YAML: (line, column, message)."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases while composing and stops early."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1,
                                  f"more than {MAX_ALIASES} aliases (*name); rule files do not need anchors and "
                                  "aliases, write the lists out")
        return super().compose_node(parent, index)


def read(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its node tree; YamlProblem when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, 1, f"not UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read: {exc.strerror or exc}") from None
    loader = _BoundedLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(line, col, f"not valid YAML: {problem}; check indentation and quoting") from None
    finally:
        loader.dispose()
    return data, root


def position(root: yaml.Node, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the key or item at a path. A path that
    does not exist (a missing key) points at the mapping that lacks it."""
    node, at = root, root
    for key in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    nxt, at = v, k
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            nxt = at = node.value[key]
        if nxt is None:
            break
        node = nxt
    return at.start_mark.line + 1, at.start_mark.column + 1
