"""Validation errors → one line each a rule author can act on.

pydantic reports what failed in its own terms ("Input should be greater than
or equal to 0"); a rule author needs the key path, what was expected, and a
fix: a near key name for a typo, the allowed values for a wrong one, the
meaning of a number for an out-of-range one.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from consistency.kinds import SLOT_TYPES
from consistency.rules.models import Example, Expect, Rate, RuleFile, Slot, Tolerance, VocabFile

_FIELDS: dict[str, type[BaseModel]] = {
    "slots": Slot, "tolerance": Tolerance, "examples": Example, "expect": Expect, "rates": Rate,
}
_RANGES = {
    ("tolerance", "relative"): "is not a fraction between 0 and 1 (0.1 means ±10%); for a fixed amount use `absolute`",
    ("tolerance", "absolute"): "is not a margin; use 0 or more, in the slot's unit (days for dates)",
    ("max_distance",): "is out of range; use a number of words from 1 to 60",
    ("context_window",): "is out of range; use a number of sentences from 0 to 10",
    ("approximation",): "is not a fraction between 0 and 1 (0.1 means ±10%)",
}
_ALLOWED = {
    "type": f"unknown slot type; use one of {', '.join(SLOT_TYPES)}",
    "severity": "unknown severity; use one of error, warning, info",
}


def clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The path in the file, without pydantic's union and validator tags."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif part[:1].isupper() or "[" in part or part.startswith(("function-", "literal")):
            continue
        else:
            out.append(part)
    return tuple(out)


def show_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(loc: tuple[str | int, ...], top: type[BaseModel]) -> type[BaseModel]:
    model = top
    for part in loc:
        if isinstance(part, str) and part in _FIELDS:
            model = _FIELDS[part]
    return model


def describe(exc: ValidationError, top: type[BaseModel] = RuleFile) -> list[tuple[tuple[str | int, ...], str]]:
    """(path, message) for each problem, with typos' knock-on "missing key"
    errors folded into the typo's own message."""
    errors = exc.errors()
    out: list[tuple[tuple[str | int, ...], str]] = []
    suggested: set[tuple[str | int, ...]] = set()
    for err in errors:
        # an unknown key is named as written, whatever it holds (a `[` made it look like one of pydantic's tags)
        loc = (*clean_loc(err["loc"][:-1]), err["loc"][-1]) if err["type"] == "extra_forbidden" else clean_loc(err["loc"])
        if err["type"] == "extra_forbidden":
            allowed = sorted(_model_at(loc[:-1], top).model_fields)
            hint = process.extractOne(str(loc[-1]), allowed, scorer=fuzz.ratio, score_cutoff=60)
            fix = f" (did you mean `{hint[0]}`?)" if hint else f"; allowed keys: {', '.join(allowed)}"
            if hint:
                suggested.add((*loc[:-1], hint[0]))
            out.append((loc, f"unknown key `{loc[-1]}`{fix}"))
    # a union (expect: a mapping, a list, or `none`) reports every branch it tried; when some
    # branch got further (errors below the key), the others are noise
    deeper = {clean_loc(e["loc"])[:i] for e in errors for i in range(1, len(clean_loc(e["loc"])))}
    for err in errors:
        loc = clean_loc(err["loc"])
        if err["type"] == "extra_forbidden" or (err["type"] == "missing" and loc in suggested):
            continue
        if loc in deeper and err["type"] in ("list_type", "literal_error", "model_type", "dict_type"):
            continue
        out.append((loc, _message(err, loc)))
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    return [p for p in out if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]


def _message(err: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    kind, value = err["type"], err.get("input")
    names = tuple(p for p in loc if isinstance(p, str))
    if kind == "missing":
        return "required key missing"
    if kind == "literal_error" and names and names[-1] in _ALLOWED:
        return f"`{value}`: {_ALLOWED[names[-1]]}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        for suffix, text in _RANGES.items():
            if names[-len(suffix):] == suffix:
                return f"{value} {text}"
        limit = err.get("ctx", {})
        return f"{value} is out of range ({', '.join(f'{k} {v}' for k, v in limit.items())})"
    if kind == "list_type":
        return f"expected a list such as [word, other phrase], got `{value}`"
    if kind == "too_short":
        return "is empty; give at least one entry"
    if kind in ("string_type", "string_too_short"):
        return f"expected text, got `{value}`"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"expected a number, got `{value}`"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got `{value}`"
    if kind.startswith("date"):
        return f"expected a date such as 2025-06-12, got `{value}`"
    if kind == "string_pattern_mismatch":
        return f"`{value}` is not a slot id; use lower-case words joined by dots, topic first (topic.fact_name)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys, got `{value}`"
    return str(err["msg"]).removeprefix("Value error, ")


__all__ = ["describe", "clean_loc", "show_loc", "VocabFile"]
