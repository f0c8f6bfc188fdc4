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
    fast = _read_fast(text)
    if fast is not None:
        return fast
    return _read_bounded(text)


def _read_fast(text: str) -> tuple[Any, yaml.Node | None] | None:
    """libyaml's parser (PyYAML's C binding), ten times faster than the pure
    Python one: rules are read on every run, warm ones included. It composes
    an alias as the same node, so aliases are counted by walking the tree;
    anything unusual (a YAML error, too many aliases) goes to the Python
    loader, whose messages name the exact line and column."""
    if _CLoader is None:
        return None
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
        if root is not None and _aliases(root) > MAX_ALIASES:
            return None
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return data, root


def _aliases(root: yaml.Node) -> int:
    """Uses of a node beyond its first: the aliases in the document."""
    seen: set[int] = set()
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            count += 1
            if count > MAX_ALIASES:
                break
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += (k, v)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return count


_CLoader: Any = getattr(yaml, "CSafeLoader", None)


def _read_bounded(text: str) -> tuple[Any, yaml.Node | None]:
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
