"""Rule files: YAML → validated slot specifications.

Users write rules without reading our Python, so a mistake must come back as
one line naming the file, line, key and fix, never as a traceback. Models
forbid unknown keys (a typo is an error, not a silently ignored setting), and
every rule folder error is collected before the run stops.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from rapidfuzz import process

from consistency.vocab import DEFAULT_VAGUE, Vocabulary

SlotType = Literal["count", "quantity", "percent", "money", "date", "duration"]
Severity = Literal["error", "warning", "info"]
DURATION_UNITS = ("day", "month", "year")
CURRENCIES = ("USD", "EUR", "GBP", "UAH", "RUB")


class RuleError(Exception):
    """A rule folder that cannot be used; each line names file, line and fix."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(_Strict):
    """How far apart two figures may be and still agree."""

    absolute: Annotated[float, Field(ge=0)] = 0.0
    relative: Annotated[float, Field(ge=0, le=1)] = 0.0


class Expect(_Strict):
    """The value an example must yield; only the fields given are checked."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None
    approximate: bool | None = None
    unit: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    contains: float | dt.date | None = None
    attributed_to: str | None = None


class Example(_Strict):
    """A sentence and what the slot must take from it: the rule's own test."""

    text: str
    expect: Expect | list[Expect] | Literal["none"]
    published: dt.date | None = None
    todo: str | None = None


class Slot(_Strict):
    """One comparable fact: what counts as a mention of it, and how to compare."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]
    description: str
    type: SlotType
    unit: str | None = None
    unit_words: list[str] = []
    bare_number: bool = False
    triggers: Annotated[list[str], Field(min_length=1)]
    max_distance: Annotated[int, Field(ge=1, le=60)] = 8
    rivals: list[str] = []
    context: list[list[str]] = []
    context_window: Annotated[int, Field(ge=0, le=10)] = 0
    exclude: list[str] = []
    tolerance: Tolerance = Tolerance()
    severity: Severity = "error"
    examples: list[Example] = []

    @model_validator(mode="after")
    def _units_fit_type(self) -> Slot:
        if self.type in ("count", "quantity") and not self.unit_words and not self.bare_number:
            raise ValueError(f"a {self.type} slot needs `unit_words` (what is counted) or `bare_number: true`")
        if self.type == "percent" and self.unit not in (None, "percent"):
            raise ValueError("a percent slot has unit `percent` (or none)")
        if self.type == "duration" and self.unit not in (None, *DURATION_UNITS):
            raise ValueError(f"unknown duration unit `{self.unit}`; use one of {', '.join(DURATION_UNITS)}")
        if self.type == "money" and self.unit not in (None, *CURRENCIES):
            raise ValueError(f"unknown currency `{self.unit}`; use one of {', '.join(CURRENCIES)}")
        return self

    @field_validator("triggers", "rivals", "exclude", "unit_words")
    @classmethod
    def _phrases_compile(cls, v: list[str]) -> list[str]:
        for p in v:
            phrase_regex(p)
        return v


class RuleFile(_Strict):
    description: str = ""
    slots: Annotated[list[Slot], Field(min_length=1)]


class VocabFile(_Strict):
    approximation: Annotated[float, Field(ge=0, le=1)] = 0.1
    vague: dict[str, Annotated[list[float], Field(min_length=2, max_length=2)]] = {}
    speakers: dict[str, list[str]] = {}


def phrase_regex(phrase: str) -> str:
    """A rule phrase as a regex: plain words match as words, case-insensitive,
    a trailing `*` matches any ending (`produc*`), `re:` gives a raw pattern."""
    if phrase.startswith("re:"):
        body = phrase[3:]
        try:
            re.compile(body)
        except re.error as exc:
            raise ValueError(f"pattern {body!r} does not compile: {exc}") from None
        return f"(?:{body})"
    if not phrase.strip():
        raise ValueError("empty phrase")
    words = []
    for w in phrase.split():
        star = w.endswith("*")
        core = re.escape(w.rstrip("*")).replace("’", "['’]").replace("'", "['’]")
        words.append(core + (r"[\w-]*" if star else ""))
    body = r"[\s-]+".join(words)
    left = r"\b" if re.match(r"\w", phrase) else ""
    right = r"\b" if re.search(r"\w$", phrase.rstrip("*")) or phrase.endswith("*") else ""
    return f"{left}{body}{right}"


def _line_of(node: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the YAML node at a pydantic error location."""
    best = node
    for key in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    nxt = v if not isinstance(v, yaml.ScalarNode) or True else v
                    best = k if isinstance(v, yaml.ScalarNode) else v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
            best = nxt
        if nxt is None:
            break
        node = nxt
    return best.start_mark.line + 1, best.start_mark.column + 1


def _fmt_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_ALLOWED_KEYS = {
    "RuleFile": set(RuleFile.model_fields), "Slot": set(Slot.model_fields),
    "Tolerance": set(Tolerance.model_fields), "Example": set(Example.model_fields),
    "Expect": set(Expect.model_fields),
}


def _describe(err: dict[str, Any]) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in ("Expect", "list[Expect]", "literal['none']", "function-after[_units_fit_type(), Slot]")))
    where = _fmt_loc(loc)
    if err["type"] == "extra_forbidden":
        key = str(loc[-1])
        names = set().union(*_ALLOWED_KEYS.values())
        hint = process.extractOne(key, sorted(names), score_cutoff=70)
        fix = f" (did you mean `{hint[0]}`?)" if hint else ""
        return f"{where}: unknown key `{key}`{fix}"
    if err["type"] == "missing":
        return f"{where}: required key missing"
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "literal_error" and loc and loc[-1] == "type":
        msg = "unknown slot type; use one of count, quantity, percent, money, date, duration"
    return f"{where}: {msg}" if where else msg


def load_rules(folder: Path) -> tuple[list[Slot], Vocabulary]:
    """Every slot of every rule file in the folder, and the shared vocabulary.
    Raises RuleError listing all problems found."""
    if not folder.is_dir():
        raise RuleError([f"{folder}: rules folder not found; pass --rules DIR or create {folder}/ with a rule file"])
    problems: list[str] = []
    slots: list[Slot] = []
    seen: dict[str, str] = {}
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        problems.append(f"{folder}: no rule files (*.yaml); add one, e.g. {folder}/topic.yaml")
    for path in files:
        data, root = _read_yaml(path, problems)
        if data is None or root is None:
            continue
        try:
            rf = RuleFile.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                line, col = _line_of(root, tuple(p for p in err["loc"] if not isinstance(p, str) or not p[:1].isupper() and "[" not in p))
                problems.append(f"{_show(path)}:{line}:{col}: {_describe(err)}")
            continue
        for i, slot in enumerate(rf.slots):
            line, col = _line_of(root, ("slots", i, "id"))
            if not slot.id.startswith(path.stem + "."):
                problems.append(f"{_show(path)}:{line}:{col}: slots[{i}].id: `{slot.id}` must start with `{path.stem}.` (the file's name)")
            if slot.id in seen:
                problems.append(f"{_show(path)}:{line}:{col}: slots[{i}].id: `{slot.id}` is already defined in {seen[slot.id]}")
            seen.setdefault(slot.id, _show(path))
            slots.append(slot)
    vocab = _load_vocab(folder / "_vocab.yaml", problems)
    if problems:
        raise RuleError(problems)
    return slots, vocab


def _read_yaml(path: Path, problems: list[str]) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{_show(path)}:1:1: cannot read: {exc}")
        return None, None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(f"{_show(path)}:{line}:{col}: not valid YAML: {problem}; check indentation and quoting")
        return None, None
    if not isinstance(data, dict) or root is None:
        problems.append(f"{_show(path)}:1:1: a rule file is a mapping with a `slots:` list")
        return None, None
    return data, root


def _load_vocab(path: Path, problems: list[str]) -> Vocabulary:
    if not path.exists():
        return Vocabulary()
    data, root = _read_yaml(path, problems)
    if data is None or root is None:
        return Vocabulary()
    try:
        vf = VocabFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            line, col = _line_of(root, tuple(err["loc"]))
            problems.append(f"{_show(path)}:{line}:{col}: {_describe(err)}")
        return Vocabulary()
    vague = dict(DEFAULT_VAGUE)
    for word, (lo, hi) in vf.vague.items():
        if lo > hi:
            line, col = _line_of(root, ("vague", word))
            problems.append(f"{_show(path)}:{line}:{col}: vague.{word}: low {lo} is above high {hi}")
        vague[word.lower()] = (lo, hi)
    speakers = {alias.lower(): name for name, aliases in vf.speakers.items() for alias in [name, *aliases]}
    return Vocabulary(vf.approximation, vague, speakers)


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
