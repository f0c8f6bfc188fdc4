"""What the fuzz runs throw at the tool, and what a lost run is.

Four targets, each fed arbitrary input: a source file of each kind (random
bytes, or text built from the pieces its reader turns on), a folder's
`sources.yaml`, a rule file, and the vocabulary. A source target must never
raise (its problems are listed, tests/test_audit_sources.py) and every
report must render from what it gives; a rule target may only raise
RuleError (a mistake named with its line), and rules that load must
compile and run. Anything else is a lost run.

tests/test_fuzz.py runs each target a bounded number of times in CI;
bench/fuzz.py runs them for as long as it is told (with atheris when it is
installed, else hypothesis) and says how many inputs it tried.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

from consistency import boundary
from consistency.extract.matcher import Matcher
from consistency.pipeline import assemble
from consistency.report import json as json_report
from consistency.report import markdown, sarif
from consistency.rules import RuleError, load_rules
from consistency.sources import MAX_BYTES, Source

ROOT = Path(__file__).resolve().parent.parent
SLOTS, VOCAB = load_rules(ROOT / "rules")
MATCHER = Matcher.build(SLOTS, VOCAB)
SUFFIXES = (".txt", ".md", ".html", ".jsonl")
SEED_TEXT = (ROOT / "seeds" / "001_186edccea4064bc3.txt").read_text(encoding="utf-8")
_WORK = Path(tempfile.mkdtemp(prefix="consistency-fuzz-"))


def _fresh(name: str) -> Path:
    folder = _WORK / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _rendered(result: tuple[list[Source], list[object], set[tuple[str, str]]]) -> None:
    sources, claims, mentioned = result
    assert all(isinstance(s.id, str) and s.id for s in sources)
    report = assemble(list(sources), list(claims), SLOTS, VOCAB, mentioned)  # type: ignore[arg-type]
    markdown.render(report).encode("utf-8")
    json_report.render_bytes(report)
    sarif.render_bytes(report)


def source_file(suffix: str, data: bytes) -> None:
    """One file of this kind, read, extracted and reported."""
    folder = _fresh("source")
    path = folder / f"f{suffix}"
    path.write_bytes(data)
    _rendered(boundary.extract_file(MATCHER, path, MAX_BYTES))


def sidecar(data: bytes) -> None:
    """A folder's `sources.yaml`, applied to a file beside it."""
    folder = _fresh("sidecar")
    (folder / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "sources.yaml").write_bytes(data)
    _rendered(boundary.extract_file(MATCHER, folder / "a.txt", MAX_BYTES))


def rule_file(data: bytes, vocab: bytes | None = None) -> None:
    """A rule file (and, given, a vocabulary) loaded; what loads, run on a seed."""
    folder = _fresh("rules")
    (folder / "_vocab.yaml").write_bytes(vocab if vocab is not None else (ROOT / "rules/_vocab.yaml").read_bytes())
    (folder / "zz.yaml").write_bytes(data)
    try:
        slots, vocab_loaded = load_rules(folder)
    except RuleError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        return
    matcher = Matcher.build(slots, vocab_loaded)
    src = Source("s", "s.txt", SEED_TEXT, published=dt.date(2025, 6, 12))
    got = boundary.extract(matcher, src)
    assert got is not None and not src.errors, src.errors


def vocab_file(data: bytes) -> None:
    rule_file((ROOT / "rules/poland_incursion.yaml").read_bytes().replace(b"poland_incursion.", b"zz."), data)


def cleanup() -> None:
    shutil.rmtree(_WORK, ignore_errors=True)


# ---------------------------------------------------------------- hypothesis strategies

_TEXT_PIECES = ["Polish officials said", "19", "drones", "entered", "Polish airspace", "on June 24", "2025", "%",
                "$40.6 billion", "more than", "six to ten", "Tusk said", ".", ",", "\n", "\n\n", " • ", "\u202e",
                "\u200e", "4\u200e0", "\x1b[2J", "\x00", "\ufeff", "\r", "9" * 120, "date 2025-02-30 WARSAW (PAP):",
                "Published 31 February 2025", "<script>", "</p>", "<p>", "<html><body><article>", "&xxe;", "`", "|"]
_YAML_PIECES = ["---\n", "title: ", "published: ", "2025-02-30", "2025-13-45", "2025-06-12", "&a [x, x]", "*a",
                "!!python/object/apply:os.system ['true']", "[", "]", "{", "}", "\t", ": ", "- ", "\n", "  ", "'",
                '"\\ud800"', ".nan", ".inf", "<<: *a", "? ", "!!binary x", "!!int abc", "!!timestamp 2025-99-99",
                "a.txt:", "f.txt:", "outlet: ", "~", "null", "[" * 80, "]" * 80, "x", "é", "#", "%YAML 1.1\n"]

texts = st.lists(st.sampled_from(_TEXT_PIECES) | st.text(max_size=20), max_size=60).map(" ".join)
yaml_texts = st.lists(st.sampled_from(_YAML_PIECES), max_size=40).map("".join)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
                           | st.sampled_from(_TEXT_PIECES),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["id", "text", "title", "url", "outlet", "published", "x"]),
                               inner, max_size=5), max_leaves=15)
jsonl_lines = st.lists(st.one_of(json_values.map(json.dumps), st.sampled_from(_TEXT_PIECES),
                                 st.builds(lambda i, t: json.dumps({"id": i, "text": t}),
                                           st.sampled_from(["a", "a", "b#2", "\n::x", ""]), texts)),
                       max_size=8).map("\n".join)


def _encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, "surrogatepass")


source_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(_encoded, texts, st.sampled_from(["utf-8", "utf-16-le", "utf-16", "utf-32"])),
    st.builds(lambda head, body: f"---\n{head}\n---\n{body}".encode("utf-8", "surrogatepass"), yaml_texts, texts),
    jsonl_lines.map(lambda t: t.encode("utf-8", "surrogatepass")),
)

_PHRASES = ["entered", "drone*", "*", "   ", "re:", "re:x*", "re:(?=x)", "re:(a+)+$", "re:\\bx", "$nope",
            "$reporting_verbs", "'", "flew into", "re:[", "x" * 300, "\u202e"]
_SLOT = st.fixed_dictionaries({"id": st.sampled_from(["zz.a", "zz.b", "x.a", "zz.A", "zz"])}, optional={
    "description": st.sampled_from(["d", "", "REPLACE"]),
    "type": st.sampled_from(["count", "quantity", "percent", "money", "date", "duration", "category", "ratio",
                             "nope"]),
    "unit": st.sampled_from(["drone", "person", "USD", "percent", "day", "nope", None]),
    "triggers": st.lists(st.sampled_from(_PHRASES), max_size=4),
    "rivals": st.lists(st.sampled_from(_PHRASES), max_size=2),
    "context": st.lists(st.lists(st.sampled_from(_PHRASES), max_size=2), max_size=2),
    "labels": st.dictionaries(st.sampled_from(["rejects", "supports", "Bad"]), st.lists(st.sampled_from(_PHRASES),
                                                                                          max_size=2), max_size=2),
    "negated": st.dictionaries(st.sampled_from(["rejects", "x"]), st.sampled_from(["supports", None]), max_size=2),
    "max_distance": st.sampled_from([0, 1, 8, 61, 1e30, float("nan")]),
    "tolerance": st.fixed_dictionaries({}, optional={"absolute": st.floats(), "relative": st.floats()}),
    "changes": st.booleans(), "totals": st.booleans(), "bare_number": st.booleans(),
    "examples": st.lists(st.fixed_dictionaries({"text": st.sampled_from(["19 drones entered.", "", "x"])}, optional={
        "expect": st.sampled_from(["none", {"low": 19}, {"label": "rejects"}, [], "x", None]),
        "published": st.sampled_from(["2025-02-30", "2025-06-12", 7])}), max_size=2),
})
rule_texts = st.one_of(
    yaml_texts,
    st.builds(lambda slots, top: yaml.safe_dump({**top, "slots": slots}, allow_unicode=True),
              st.lists(_SLOT, max_size=3), st.fixed_dictionaries({}, optional={"description": st.just("d"),
                                                                               "extra": st.just(1)})),
)
_VOCAB = st.fixed_dictionaries({}, optional={
    "approximation": st.floats(), "vague": st.dictionaries(st.sampled_from(["several", "few"]),
                                                           st.lists(st.floats(), max_size=3), max_size=2),
    "units": st.dictionaries(st.sampled_from(["drone", "x"]), st.lists(st.sampled_from(_PHRASES), max_size=3),
                             max_size=2),
    "lists": st.dictionaries(st.sampled_from(["la", "lb", "reporting_verbs"]),
                             st.lists(st.sampled_from(_PHRASES + ["$la", "$lb"]), max_size=3), max_size=3),
    "rates": st.lists(st.fixed_dictionaries({"pair": st.sampled_from(["EUR/USD", "XXX/USD", "eur"]),
                                             "rate": st.floats(), "date": st.sampled_from(["2025-06-23", "x"])}),
                      max_size=2),
    "currencies": st.dictionaries(st.sampled_from(["PLN", "pln"]), st.lists(st.sampled_from(["zł", ""]), max_size=2),
                                  max_size=1),
})
vocab_texts = st.one_of(yaml_texts, _VOCAB.map(lambda d: yaml.safe_dump(d, allow_unicode=True)))


def dispatch(data: bytes) -> None:
    """One input for a byte-level fuzzer (atheris): its first byte picks the target."""
    if not data:
        return
    pick, rest = data[0] % 7, data[1:]
    if pick < 4:
        source_file(SUFFIXES[pick], rest)
    elif pick == 4:
        sidecar(rest)
    elif pick == 5:
        rule_file(rest)
    else:
        vocab_file(rest)


__all__ = ["source_file", "sidecar", "rule_file", "vocab_file", "dispatch", "cleanup", "source_bytes",
           "yaml_texts", "jsonl_lines", "rule_texts", "vocab_texts", "SUFFIXES"]
