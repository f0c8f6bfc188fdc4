"""YAML from strangers, read safely, keeping where each node stands.

Every YAML this tool reads may come from a pull request: rule files, the
vocabulary, the project configuration, a baseline, a source's front matter
and a folder's `sources.yaml`. So every one is read here, the same way:

- no objects are constructed (PyYAML's safe constructor);
- an alias bomb is refused before anything is expanded: more than
  MAX_ALIASES uses of anchors is an error (a billion laughs in 1 KB took
  5.4 GB when `str()` expanded it);
- nesting deeper than MAX_DEPTH is an error, not a RecursionError;
- a date that does not exist (`published: 2025-02-30`) stays the text it is,
  for the caller to name as a bad date with its line, rather than the
  ValueError PyYAML raises from deep inside its constructor;
- any other value PyYAML cannot build (`!!int abc`) is a YamlProblem at its
  line and column;
- with `unique_keys`, a key given twice in one mapping is an error naming
  both places (YAML would silently keep the last).

libyaml's parser (PyYAML's C binding) is ten times faster than the pure
Python one and is tried first: it composes an alias as the same node, so
aliases, depth and keys are checked by walking the tree; anything unusual
goes to the Python loader, whose messages name the exact line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_ALIASES = 50
MAX_DEPTH = 64  # mappings and lists inside each other: rules need four or five


class YamlProblem(Exception):
    """Text that cannot be read as YAML: (line, column, message), 1-based."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _aliases_message(kind: str) -> str:
    return (f"more than {MAX_ALIASES} aliases (*name); {kind} do not need anchors and aliases, "
            "write the lists out")


def _at(node: yaml.Node, message: str) -> YamlProblem:
    return YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1, message)


class _Lenient:
    """The constructor changes shared by both loaders (a mixin over
    SafeConstructor): impossible dates kept as text, and every other value
    PyYAML fails to build turned into a YamlProblem at its node."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, OverflowError, AttributeError):  # 2025-02-30; `!!timestamp x`: looks like a date, is none
            return self.construct_scalar(node)  # type: ignore[attr-defined]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (yaml.YAMLError, YamlProblem):
            raise
        except RecursionError:
            raise _at(node, f"nested too deeply (more than {MAX_DEPTH} levels)") from None
        except Exception as exc:  # noqa: BLE001 - ValueError, TypeError, ...: PyYAML's own, for a value it cannot build
            shown = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            raise _at(node, f"`{shown}` cannot be read as {node.tag.rsplit(':', 1)[-1]} ({exc})") from None


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _BoundedLoader(_Lenient, yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader that counts aliases while composing and stops early."""

    def __init__(self, stream: str, kind: str):
        super().__init__(stream)
        self.aliases = 0
        self.kind = kind

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1,
                                  _aliases_message(self.kind))
        return super().compose_node(parent, index)


_BoundedLoader.add_constructor(_TIMESTAMP, _BoundedLoader.construct_yaml_timestamp)

_CLoader: Any = None
if getattr(yaml, "CSafeLoader", None) is not None:
    class _FastLoader(_Lenient, yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        pass

    _FastLoader.add_constructor(_TIMESTAMP, _FastLoader.construct_yaml_timestamp)
    _CLoader = _FastLoader


def read_text(path: Path) -> str:
    """A YAML file's text; YamlProblem at 1:1 when it is not UTF-8 or cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(1, 1, f"not UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read: {exc.strerror or exc}") from None


def parse(text: str, unique_keys: bool = False, kind: str = "these files") -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree; YamlProblem when it cannot be
    read. `kind` names what is read, for the alias bomb's message."""
    fast = read_fast(text, unique_keys, kind)
    if fast is not None:
        return fast
    return read_bounded(text, unique_keys, kind)


def read_fast(text: str, unique_keys: bool = False, kind: str = "these files") -> tuple[Any, yaml.Node | None] | None:
    """libyaml's reading, or None when it is not there or something is
    unusual (then the Python loader says what, and where)."""
    if _CLoader is None:
        return None
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
        problem = _problem(root, unique_keys, kind) if root is not None else None
        if problem is not None:
            if problem.message == _aliases_message(kind):  # aliases: the Python loader names the alias, not its anchor
                return None
            raise problem  # libyaml's marks are the Python loader's (tests/test_yamlfile.py)
        data = loader.construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return data, root


def read_bounded(text: str, unique_keys: bool = False, kind: str = "these files") -> tuple[Any, yaml.Node | None]:
    """The Python loader's reading, each problem at its line and column."""
    try:
        loader = _BoundedLoader(text, kind)  # its reader refuses a NUL or other control character at once
    except yaml.YAMLError as exc:
        return _refused(exc, text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            mark = getattr(loader, "mark", None) or loader.get_mark()
            raise YamlProblem(mark.line + 1, mark.column + 1,
                              f"nested too deeply (more than {MAX_DEPTH} levels of lists and mappings)") from None
        if root is not None:
            problem = _problem(root, unique_keys, kind)
            if problem is not None:
                raise problem
        data = loader.construct_document(root) if root is not None else None
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        _refused(exc, text)
    finally:
        loader.dispose()
    return data, root


def _refused(exc: yaml.YAMLError, text: str) -> Any:
    """Raise the YamlProblem saying where and why PyYAML refused the text."""
    mark = getattr(exc, "problem_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):  # a NUL, a control character
        at = exc.position
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise YamlProblem(line, col, f"not valid YAML: a character YAML does not allow (#x{exc.character:04x}); "
                                     "remove it") from None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    raise YamlProblem(line, col, f"not valid YAML: {problem}; check indentation and quoting") from None


def _problem(root: yaml.Node, unique_keys: bool, kind: str) -> YamlProblem | None:
    """The first of: too many aliases (uses of a node beyond its first),
    nesting past MAX_DEPTH, a key given twice (with `unique_keys`). One walk,
    without recursion."""
    seen: set[int] = set()
    aliases = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                return _at(node, _aliases_message(kind))
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return _at(node, f"nested too deeply (more than {MAX_DEPTH} levels of lists and mappings)")
        if isinstance(node, yaml.MappingNode):
            if unique_keys:
                first: dict[tuple[str, str], yaml.Node] = {}
                for k, _ in node.value:
                    if not isinstance(k, yaml.ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
                        continue
                    was = first.setdefault((k.tag, k.value), k)
                    if was is not k:
                        return _at(k, f"`{k.value}` is given twice in one mapping (first at line "
                                      f"{was.start_mark.line + 1}, column {was.start_mark.column + 1}); YAML "
                                      "would keep only the last: merge them into one")
            for k, v in reversed(node.value):
                stack += ((v, depth + 1), (k, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack += ((v, depth + 1) for v in reversed(node.value))
    return None


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
