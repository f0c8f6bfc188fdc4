"""A rules folder → validated, resolved slots and the shared vocabulary.

Everything wrong with a folder is collected and reported in one run, each
problem as `file:line:column: key.path: what is wrong; the fix`, so an author
fixes all their mistakes at once instead of one per run.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from consistency.rules.models import DURATION_UNITS, RuleFile, Slot, VocabFile
from consistency.rules.inflect import forms as inflected
from consistency.rules.phrases import PhraseError, check_phrase
from consistency.rules.problems import describe, show_loc
from consistency.rules.yamlfile import YamlProblem, position, read
from consistency.places import DEFAULT_PLACES
from consistency.vocab import DEFAULT_CURRENCIES, DEFAULT_VAGUE, Rate, Vocabulary

VOCAB_FILE = "_vocab.yaml"
_PHRASE_KEYS = ("triggers", "rivals", "exclude", "unit_words", "also_counts", "said_by")


class RuleError(Exception):
    """A rules folder that cannot be used; each problem names file, line and fix."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def load_rules(folder: Path, only: list[Path] | None = None) -> tuple[list[Slot], Vocabulary]:
    """Every slot of every rule file in the folder (or of the files given),
    resolved against the vocabulary. Raises RuleError listing all problems."""
    if folder.is_file():
        raise RuleError([f"{_show(folder)}: is a file; --rules takes the folder that holds the rule files "
                         f"(--rules {_show(folder.parent)})"])
    if not folder.is_dir():
        raise RuleError([f"{_show(folder)}: rules folder not found; pass --rules DIR, or create "
                         f"{_show(folder)}/ with a rule file (python -m consistency rules new topic.fact --type count)"])
    problems: list[str] = []
    loaded = _load_vocab(folder / VOCAB_FILE, problems)
    if loaded is None:  # every rule leans on the vocabulary: checked against none, each would add knock-on errors
        raise RuleError([*problems, f"{_show(folder / VOCAB_FILE)}: fix it first; the rule files are checked "
                                    "once it loads"])
    vocab = loaded
    files = only if only is not None else rule_files(folder)
    if not files:
        problems.append(f"{_show(folder)}: no rule files (*.yaml); add one, e.g. {_show(folder / 'topic.yaml')}")
    slots: list[Slot] = []
    seen: dict[str, str] = {}
    topics: dict[str, tuple[str, list[str]]] = {}  # topic → where its event's known_by is, and what it names
    for path in files:
        for slot in _load_file(path, vocab, seen, problems, topics):
            slots.append(slot)
    known = {s.id.split(".")[0] for s in slots} | {p.stem for p in files}
    for topic, (where, names) in sorted(topics.items()):
        for name in names:
            if name not in ("date", "place") and name not in known:
                problems.append(f"{where}: `{name}` is neither `date`, `place` nor a topic (rule file) of this folder "
                                f"({', '.join(sorted(known))})")
    if problems:
        raise RuleError(problems)
    return slots, vocab


def _load_file(path: Path, vocab: Vocabulary, seen: dict[str, str], problems: list[str],
               topics: dict[str, tuple[str, list[str]]] | None = None) -> list[Slot]:
    where = _show(path)
    try:
        data, root = read(path)
    except YamlProblem as exc:
        problems.append(f"{where}:{exc.line}:{exc.column}: {exc.message}")
        return []
    if root is None or data is None:
        problems.append(f"{where}:1:1: the file is empty; a rule file holds a `slots:` list "
                        "(python -m consistency rules new topic.fact --type count writes one)")
        return []
    if not isinstance(data, dict):
        kind = {"str": "text", "int": "a number", "float": "a number", "list": "a list", "bool": "true/false"}
        problems.append(f"{where}:1:1: a rule file is a mapping with a `slots:` list, not "
                        f"{kind.get(type(data).__name__, type(data).__name__)}")
        return []
    try:
        rf = RuleFile.model_validate(data)
    except ValidationError as exc:
        for loc, message in describe(exc):
            line, col = position(root, loc)
            problems.append(f"{where}:{line}:{col}: {show_loc(loc)}: {message}")
        return []
    if "REPLACE" in rf.description:
        line, col = position(root, ("description",))
        problems.append(f"{where}:{line}:{col}: description: `REPLACE` is still here: fill it in "
                        "(this file was written by `rules new`)")
    out = []
    for i, slot in enumerate(rf.slots):
        def at(*key: str | int, i: int = i) -> str:
            line, col = position(root, ("slots", i, *key))
            return f"{where}:{line}:{col}: {show_loc(('slots', i, *key))}"

        if not slot.id.startswith(path.stem + "."):
            problems.append(f"{at('id')}: `{slot.id}` must start with `{path.stem}.`, the file's name "
                            f"(or move the slot to {slot.id.split('.')[0]}.yaml)")
        if slot.id in seen:
            problems.append(f"{at('id')}: `{slot.id}` is already defined at {seen[slot.id]}; slot ids are unique")
        else:
            seen[slot.id] = at("id").rsplit(":", 1)[0].rsplit(": ", 1)[0]
        if slot.event is None and rf.event is not None:
            slot = slot.model_copy(update={"event": rf.event})
        if slot.event is not None and topics is not None:
            line, col = position(root, ("slots", i, "event", "known_by") if "event" in (data["slots"][i] or {})
                                 else ("event", "known_by"))
            topics[slot.id] = (f"{where}:{line}:{col}: event.known_by", list(slot.event.known_by))
        resolved = _resolve(slot, vocab, at, problems)
        if resolved is not None:
            out.append(resolved)
    return out


def _resolve(slot: Slot, vocab: Vocabulary, at: Any, problems: list[str]) -> Slot | None:
    """Expand `$name` lists and default unit words from the vocabulary, and
    check units and patterns; None when the slot has a problem."""
    before = len(problems)
    for key in _unfilled(slot):
        problems.append(f"{at(*key)}: `REPLACE` is still here: fill it in (this slot was written by `rules new`)")
    if len(problems) > before:
        return None
    update: dict[str, Any] = {}
    for key in _PHRASE_KEYS:
        update[key] = _expand(getattr(slot, key), vocab, lambda j, key=key: at(key, j), problems)
    update["context"] = [_expand(group, vocab, lambda j, g=g: at("context", g, j), problems)
                         for g, group in enumerate(slot.context)]
    if slot.event is not None:
        update["event"] = slot.event.model_copy(update={
            key: _expand(getattr(slot.event, key), vocab, lambda j, key=key: at("event", key, j), problems)
            for key in ("where", "who")})
    if slot.labels:
        update["labels"] = {label: _expand(phrases, vocab, lambda j, label=label: at("labels", label, j), problems)
                            for label, phrases in slot.labels.items()}
    for key, problem in _shape_problems(slot):
        problems.append(f"{at(*key)}: {problem}")
    unit_problem = _unit_problem(slot, vocab)
    if unit_problem:
        problems.append(f"{at('unit')}: {unit_problem}")
    elif slot.type in ("count", "quantity") and not update["unit_words"]:
        if slot.unit in vocab.units:
            update["unit_words"] = list(vocab.units[slot.unit])
        elif not slot.bare_number:
            problems.append(f"{at('type')}: a {slot.type} slot needs `unit_words`, or a `unit` named under "
                            f"`units:` in {VOCAB_FILE}, or `bare_number: true`")
    if len(problems) > before:
        return None
    if update["also_counts"]:
        update["unit_words"] = list(dict.fromkeys([*update["unit_words"], *update["also_counts"]]))
    return slot.model_copy(update=update)


def _unfilled(slot: Slot) -> list[tuple[str | int, ...]]:
    """Where a starter's `REPLACE` placeholders were left."""
    out: list[tuple[str | int, ...]] = []
    for key in ("description", "unit"):
        if "REPLACE" in (getattr(slot, key) or ""):
            out.append((key,))
    for key in _PHRASE_KEYS:
        out += [(key, j) for j, p in enumerate(getattr(slot, key)) if "REPLACE" in p]
    out += [("context", g, j) for g, group in enumerate(slot.context) for j, p in enumerate(group) if "REPLACE" in p]
    out += [("examples", i, "text") for i, ex in enumerate(slot.examples) if "REPLACE" in ex.text]
    out += [("labels", label, j) for label, phrases in slot.labels.items() for j, p in enumerate(phrases)
            if "REPLACE" in p]
    return out


def _expand(phrases: list[str], vocab: Vocabulary, at: Any, problems: list[str]) -> list[str]:
    out: list[str] = []
    for j, phrase in enumerate(phrases):
        if phrase.startswith("$"):
            name = phrase[1:]
            if name in vocab.lists:
                out.extend(vocab.lists[name])
            else:
                problems.append(f"{at(j)}: {_unknown_list(phrase, vocab.lists)}")
            continue
        if _usable(phrase, at(j), problems):
            out.append(phrase)
    return out


def _unknown_list(phrase: str, lists: dict[str, list[str]]) -> str:
    known = ", ".join(f"${n}" for n in sorted(lists)) or "none yet"
    return f"unknown vocabulary list `{phrase}`; lists in {VOCAB_FILE}: {known}"


def _usable(phrase: str, at: str, problems: list[str]) -> bool:
    """Whether a phrase (not `$name`) can be used; if not, the problem is added at `at`."""
    try:
        check_phrase(phrase)
    except PhraseError as exc:
        problems.append(f"{at}: {exc}")
        return False
    return True


def _shape_problems(slot: Slot) -> list[tuple[tuple[str | int, ...], str]]:
    """Keys that only make sense for some slot types, and a category
    slot's labels referred to consistently."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    if slot.type == "category":
        if not slot.labels:
            out.append((("type",), "a category slot needs `labels`: each label with the phrases that say it, "
                                   "e.g. `labels: {rejects: [reject*], supports: [back*, pledg*]}`"))
        for label, becomes in slot.negated.items():
            for name in (label, becomes):
                if name is not None and name not in slot.labels:
                    out.append((("negated", label), f"`{name}` is not one of the labels "
                                                    f"({', '.join(slot.labels)})"))
        if slot.tolerance.absolute or slot.tolerance.relative:
            out.append((("tolerance",), "labels agree only when equal: a category slot takes no tolerance"))
        for i, ex in enumerate(slot.examples):
            for exp in (ex.expect if isinstance(ex.expect, list) else [ex.expect]):
                if exp != "none" and exp.label is not None and exp.label not in slot.labels:
                    out.append((("examples", i, "expect"), f"label `{exp.label}` is not one of the labels "
                                                           f"({', '.join(slot.labels)})"))
    else:
        for key in ("labels", "negated"):
            if getattr(slot, key):
                out.append(((key,), f"only a category slot has `{key}`; this one is a {slot.type} slot"))
    if slot.totals and slot.type not in ("money", "count", "quantity"):
        out.append((("totals",), f"only money, count and quantity slots hold totals; this one is a {slot.type} slot"))
    return out


def _unit_problem(slot: Slot, vocab: Vocabulary) -> str | None:
    unit = slot.unit
    if unit is None:
        return None
    if slot.type in ("count", "quantity") and unit not in vocab.units and not slot.unit_words:
        known = ", ".join(sorted(vocab.units)) or "none yet"
        return (f"unknown unit `{unit}`; units in {VOCAB_FILE}: {known} "
                f"(add `{unit}: [its words]` under `units:` there)")
    if slot.type == "percent" and unit != "percent":
        return f"a percent slot has unit `percent`, not `{unit}`"
    if slot.type == "money" and unit not in vocab.currencies:
        return (f"unknown currency `{unit}`; use one of {', '.join(sorted(vocab.currencies))} "
                f"(or add it under `currencies:` in {VOCAB_FILE})")
    if slot.type == "duration" and unit not in DURATION_UNITS:
        return f"unknown duration unit `{unit}`; use one of {', '.join(DURATION_UNITS)}"
    if slot.type in ("date", "category", "ratio"):
        implied = {"date": "days are implied", "category": "its values are labels",
                   "ratio": "a ratio has no unit"}[slot.type]
        return f"a {slot.type} slot has no unit ({implied}), remove `unit: {unit}`"
    return None


def _load_vocab(path: Path, problems: list[str]) -> Vocabulary | None:
    """The shared vocabulary (the built-in one when there is no file); None
    when the file cannot be read or does not have the right shape."""
    if not path.exists():
        return Vocabulary()
    where = _show(path)
    try:
        data, root = read(path)
    except YamlProblem as exc:
        problems.append(f"{where}:{exc.line}:{exc.column}: {exc.message}")
        return None
    if data is None or root is None:
        return Vocabulary()
    try:
        vf = VocabFile.model_validate(data)
    except ValidationError as exc:
        for loc, message in describe(exc, VocabFile):
            line, col = position(root, loc)
            problems.append(f"{where}:{line}:{col}: {show_loc(loc)}: {message}")
        return None
    vague = dict(DEFAULT_VAGUE)
    for word, (lo, hi) in vf.vague.items():
        line, col = position(root, ("vague", word))
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo < 0:
            problems.append(f"{where}:{line}:{col}: vague.{word}: [{lo:g}, {hi:g}] is not a range of counts; write "
                            "[low, high] with numbers from 0 up, such as [3, 7]")
        elif lo > hi:
            problems.append(f"{where}:{line}:{col}: vague.{word}: [{lo}, {hi}] runs backwards; write [low, high]")
        vague[word.lower()] = (lo, hi)
    lists = _vocab_lists(vf.lists, root, where, problems)
    units = {}
    for name, words in vf.units.items():
        units[name] = _expand(list(words), Vocabulary(lists=lists),
                              lambda j, name=name: f"{where}:{':'.join(map(str, position(root, ('units', name, j))))}: "
                                                   f"units.{name}[{j}]", problems)
    speakers = {alias.lower(): name for name, aliases in vf.speakers.items() for alias in [name, *aliases]}
    currencies = {k: list(v) for k, v in DEFAULT_CURRENCIES.items()}
    for code, words in vf.currencies.items():
        currencies[code] = list(dict.fromkeys([*currencies.get(code, []), code, *words]))
    rates = []
    for i, r in enumerate(vf.rates):
        if not math.isfinite(r.rate):
            line, col = position(root, ("rates", i, "rate"))
            problems.append(f"{where}:{line}:{col}: rates[{i}].rate: {r.rate} is not a rate; write what one "
                            f"{r.pair.split('/')[0]} is in {r.pair.split('/')[1]}, such as 1.16")
            continue
        base, quote = r.pair.split("/")
        for code in (base, quote):
            if code not in currencies:
                line, col = position(root, ("rates", i, "pair"))
                problems.append(f"{where}:{line}:{col}: rates[{i}].pair: unknown currency `{code}`; add it under "
                                f"`currencies:` or use one of {', '.join(sorted(currencies))}")
        rates.append(Rate(base, quote, r.rate, r.date, r.source))
    for name, frame in vf.frames.items():
        if name in lists:
            line, col = position(root, ("frames", name))
            problems.append(f"{where}:{line}:{col}: frames.{name}: `${name}` is a list already; give the frame "
                            "another name")
            continue
        lists[name] = list(dict.fromkeys([*(f for verb in frame.verbs for f in inflected(verb)), *frame.words]))
    places = {k: list(v) for k, v in DEFAULT_PLACES.items()}
    for name, words in vf.places.items():
        places[name] = list(dict.fromkeys([*places.get(name, []), name, *words]))
    return Vocabulary(vf.approximation, vague, speakers, units, lists, currencies, tuple(rates), places)


def _vocab_lists(raw: dict[str, list[str]], root: Any, where: str, problems: list[str]) -> dict[str, list[str]]:
    """The vocabulary's named lists, each phrase checked as a slot's are (at
    its own line and column), and `$name` inside a list expanded: it was kept
    as the literal phrase `$la`, and the slot never fired. A list that names
    itself, through others or directly, is refused with the chain."""
    done: dict[str, list[str]] = {}

    def at(name: str, j: int) -> str:
        line, col = position(root, ("lists", name, j))
        return f"{where}:{line}:{col}: lists.{name}[{j}]"

    def expand(name: str, chain: list[str]) -> list[str]:
        if name in done:
            return done[name]
        out: list[str] = []
        for j, phrase in enumerate(raw[name]):
            if phrase.startswith("$") and phrase[1:] in raw:
                other = phrase[1:]
                if other in chain or other == name:
                    loop = " → ".join(f"${n}" for n in [*chain[chain.index(other):], name, other]) \
                        if other in chain else f"${name} → ${name}"
                    problems.append(f"{at(name, j)}: `{phrase}` makes a loop ({loop}); a list cannot contain "
                                    "itself")
                    continue
                out.extend(expand(other, [*chain, name]))
                continue
            if phrase.startswith("$"):
                problems.append(f"{at(name, j)}: {_unknown_list(phrase, raw)}")
            elif _usable(phrase, at(name, j), problems):
                out.append(phrase)
        done[name] = out
        return out

    for name in raw:
        expand(name, [])
    return done


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
