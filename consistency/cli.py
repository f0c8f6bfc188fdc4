"""Command line: the only module that prints or chooses an exit code.

Exit codes (DESIGN.md): 0 no finding at or above --fail-on; 1 such findings;
2 the run could not be done as asked, with a message naming the file, line
and fix. Anything unexpected is still reported as a one-line error with exit
2, never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from consistency import config, console
from consistency.cache import Cache, Kept
from consistency.config import FORMATS, ConfigError
from consistency.kinds import SLOT_TYPES
from consistency.pipeline import Gathered, RuleSet, gather

# A re-run on an unchanged corpus re-emits its reports from the cache: what it
# imports is a good part of its time, so typing, dataclasses and the modules
# that extract, compare and render are imported only where they are used
# (tests/test_cache_warm.py checks which modules such a run imports).
TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    from typing import Any

    from consistency.checked import Report
    from consistency.rules import Slot
    from consistency.vocab import Vocabulary

CACHE_DIR = ".consistency-cache"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        _say(f"error: {message}")
        raise SystemExit(2)


def _say(message: str) -> None:
    """One line on stderr, as a terminal shows it: paths, ids and rule
    phrases in it come from files anyone can write, and their line breaks
    and escapes are written out, never obeyed (consistency.escape)."""
    from consistency.escape import terminal

    sys.stderr.write(f"consistency: {terminal(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="consistency", description="Find where sources disagree on checkable facts.")
    sub = ap.add_subparsers(dest="command", parser_class=_Parser)
    ck = sub.add_parser("check", help="check sources against the rules and write a discrepancy report")
    ck.add_argument("paths", nargs="*", type=Path, help="source files or folders (default: seeds/)")
    ck.add_argument("--rules", type=Path, default=None, help="rules folder (default: rules/)")
    ck.add_argument("--format", default=None, type=_formats,
                    help="one or more of markdown, json, sarif, github, comma-separated (default: markdown)")
    ck.add_argument("--output", default=None,
                    help="report file, or - for stdout, for a single format (default: reports/report.<md|json|sarif>)")
    ck.add_argument("--fail-on", choices=("error", "warning", "never"), default=None,
                    help="exit 1 when a conflict of this severity or higher is found (default: error)")
    ck.add_argument("--baseline", type=Path, default=None,
                    help="accepted findings (default: consistency-baseline.yaml when it exists)")
    ck.add_argument("--strict-baseline", action="store_true", default=None,
                    help="also fail when a baseline entry matches nothing any more")
    ck.add_argument("--compare-to", type=Path, default=None, metavar="OLD.json",
                    help="open the report with what is new, resolved and unchanged since OLD.json")
    ck.add_argument("--timestamp", action="store_true", default=None, help="write the time into the report")
    ck.add_argument("--include", action="append", default=None, metavar="GLOB",
                    help="only files matching this glob inside source folders (repeatable)")
    ck.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                    help="skip files matching this glob inside source folders (repeatable)")
    ck.add_argument("--max-size", type=float, default=None, metavar="MB",
                    help="skip (and report) source files larger than this (default: 20)")
    ck.add_argument("--strict", action="store_true", default=None,
                    help="exit 2 when any source could not be read (default: only findings decide)")
    ck.add_argument("--jobs", type=int, default=None, metavar="N",
                    help="worker processes reading and extracting sources (default: one per core for large corpora)")
    ck.add_argument("--engine", choices=("local", "dask"), default=None,
                    help="where sources are extracted: this machine, or a Dask cluster (pip install 'consistency[dask]')")
    ck.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="with --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    ck.add_argument("--no-cache", action="store_true", default=None,
                    help="extract every source again instead of reusing .consistency-cache/")
    ck.add_argument("--show-config", action="store_true", help="print the configuration in effect and exit")
    bl = sub.add_parser("baseline", help="accept today's findings so that only new ones fail")
    bsub = bl.add_subparsers(dest="baseline_command", parser_class=_Parser)
    bw = bsub.add_parser("write", help="record the current conflicts in the baseline file")
    bw.add_argument("paths", nargs="*", type=Path, help="source files or folders (default: seeds/)")
    bw.add_argument("--reason", default=None, help="why these findings are accepted (required for new entries)")
    bw.add_argument("--rules", type=Path, default=None)
    bw.add_argument("--baseline", type=Path, default=None)
    ex = sub.add_parser("explain", help="show every claim of a slot, how it was read, and the near misses")
    ex.add_argument("slot", help="slot id, e.g. poland_incursion.drones_entered")
    ex.add_argument("paths", nargs="*", type=Path, help="source files or folders (default: seeds/)")
    ex.add_argument("--source", default=None, help="only this source id (a file stem)")
    ex.add_argument("--rules", type=Path, default=Path("rules"))
    rl = sub.add_parser("rules", help="tools for rule authors: test, schema, new")
    rsub = rl.add_subparsers(dest="rules_command", parser_class=_Parser)
    rt = rsub.add_parser("test", help="run every rule's examples, and report rules that never fire on a corpus")
    rt.add_argument("files", nargs="*", type=Path, help="rule files (default: every file in --rules)")
    rt.add_argument("--rules", type=Path, default=Path("rules"))
    rt.add_argument("--corpus", nargs="*", type=Path, default=None,
                    help="sources to look for never-firing rules in (default: seeds/ when it exists)")
    rsub.add_parser("schema", help="print the JSON Schema of a rule file")
    rn = rsub.add_parser("new", help="write a commented starter rule for a new slot")
    rn.add_argument("slot", help="new slot id, topic.fact (the topic names the file)")
    rn.add_argument("--type", required=True, choices=SLOT_TYPES)
    rn.add_argument("--rules", type=Path, default=Path("rules"))
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"check": _check, "explain": _explain, "rules": _rules, "baseline": _baseline}
    if args.command not in handlers:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        sys.stderr.write("consistency: interrupted\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract is: never a traceback
        return _failed(exc)


def _failed(exc: Exception) -> int:
    """Say what stopped the run (the modules these errors come from are
    imported here: a run that does not fail may never need them)."""
    from consistency.baseline import BaselineError
    from consistency.engine_dask import EngineError
    from consistency.report.delta import DeltaError
    from consistency.rules import RuleError

    if isinstance(exc, RuleError):
        for line in exc.problems:
            _say(line)
        sys.stderr.write(f"consistency: {len(exc.problems)} problem(s) in the rules; nothing was checked\n")
    elif isinstance(exc, ConfigError):
        for line in exc.problems:
            _say(line)
        sys.stderr.write("consistency: fix the project configuration; nothing was checked\n")
    elif isinstance(exc, (BaselineError, DeltaError, EngineError)):
        _say(str(exc))
    else:
        _say(f"internal error: {type(exc).__name__}: {exc}; please report it with the command you ran")
    return 2


def _explain(args: argparse.Namespace) -> int:
    from rapidfuzz import process

    from consistency.explain import explain
    from consistency.rules import load_rules

    paths = args.paths or [Path("seeds")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _say(f"{missing[0]}: no such file or folder; give paths to the sources")
        return 2
    slots, vocab = load_rules(args.rules)
    slot = next((s for s in slots if s.id == args.slot), None)
    if slot is None:
        near = process.extractOne(args.slot, [s.id for s in slots], score_cutoff=60)
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        _say(f"no slot `{args.slot}` in {args.rules}{hint}")
        return 2
    text = explain(slot, paths, vocab, args.source)
    if text is None:
        _say(f"no source `{args.source}` in {' '.join(map(str, paths))}; a source id is a "
             "file name without its extension, or ID#N for an article of a digest page")
        return 2
    sys.stdout.write(text)
    return 0


def _rules(args: argparse.Namespace) -> int:
    from consistency import authoring

    if args.rules_command == "schema":
        sys.stdout.write(authoring.schema())
        return 0
    if args.rules_command == "new":
        try:
            path, text = authoring.starter(args.rules, args.slot, args.type, authoring.existing_ids(args.rules))
        except ValueError as exc:
            _say(str(exc))
            return 2
        args.rules.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        path.write_text(text, encoding="utf-8")
        _say(f"{'added' if existed else 'wrote'} slot `{args.slot}` "
             f"{'to' if existed else 'in'} {path}; replace each REPLACE, then run "
             f"python -m consistency rules test {path}")
        return 0
    if args.rules_command == "test":
        from consistency.rules import load_rules

        folder = args.files[0].parent if args.files else args.rules
        slots, vocab = load_rules(folder, only=args.files or None)
        corpus = args.corpus if args.corpus is not None else ([Path("seeds")] if Path("seeds").is_dir() else [])
        run = authoring.test_rules(slots, vocab, corpus)
        sys.stdout.write("\n".join(run.lines) + "\n")
        return 1 if run.failed else 0
    sys.stderr.write("consistency: `rules` needs a command: test (run the examples), schema (print the JSON "
                     "Schema) or new (write a starter slot)\n")
    return 2


def _formats(text: str) -> list[str]:
    names = [f.strip() for f in text.split(",") if f.strip()]
    bad = [f for f in names if f not in FORMATS]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"unknown format `{','.join(bad) or text}`; use one or more of "
                                         f"{', '.join(FORMATS)}, comma-separated")
    return list(dict.fromkeys(names))


def _settings(args: argparse.Namespace) -> config.Settings:
    """Defaults < project files < command line."""
    settings = config.load(Path("."))
    given = {
        "sources": [str(p) for p in args.paths] or None, "rules": getattr(args, "rules", None),
        "format": getattr(args, "format", None), "output": getattr(args, "output", None),
        "fail_on": getattr(args, "fail_on", None), "baseline": getattr(args, "baseline", None),
        "strict_baseline": getattr(args, "strict_baseline", None), "timestamp": getattr(args, "timestamp", None),
        "include": getattr(args, "include", None), "exclude": getattr(args, "exclude", None),
        "max_size_mb": getattr(args, "max_size", None), "strict": getattr(args, "strict", None),
        "jobs": getattr(args, "jobs", None),
        "cache": False if getattr(args, "no_cache", None) else None,
        "engine": getattr(args, "engine", None), "scheduler": getattr(args, "scheduler", None),
    }
    for key, value in given.items():
        if value is not None:
            settings.set(key, str(value) if isinstance(value, Path) else value, "command line")
    return settings


def _prepare(settings: config.Settings) -> tuple[list[Path], Gathered] | int:
    """Read and extract the sources, with the rules (severities overridden)
    loaded unless the cache knows their key and has every file."""
    paths = [Path(p) for p in settings["sources"]]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _say(f"{missing[0]}: no such file or folder; give paths to the sources to check")
        return 2
    folder = Path(settings["rules"])
    rules = RuleSet(lambda: _load_rules(folder, settings), folder, json.dumps(settings["severity"], sort_keys=True))
    gathered = gather(paths, rules, settings["include"], settings["exclude"],
                      int(settings["max_size_mb"] * 1024 * 1024), settings["jobs"],
                      Path(CACHE_DIR) if settings["cache"] else None, console.progress_bar(sys.stderr),
                      (settings["scheduler"] or "local") if settings["engine"] == "dask" else None)
    return paths, gathered


def _load_rules(folder: Path, settings: config.Settings) -> tuple[list[Slot], Vocabulary]:
    """The rules, with the configuration's severities: an override naming no slot is an error."""
    from rapidfuzz import process

    from consistency.rules import load_rules

    slots, vocab = load_rules(folder)
    overrides = settings["severity"]
    unknown = sorted(set(overrides) - {s.id for s in slots})
    if unknown:
        problems = []
        for slot_id in unknown:
            at = settings.where.get(("severity", slot_id)) or settings.severity_origin.get(slot_id, "configuration")
            near = process.extractOne(slot_id, [s.id for s in slots], score_cutoff=80)
            hint = f" (did you mean `{near[0]}`?)" if near else f"; slots: {', '.join(sorted(s.id for s in slots))}"
            problems.append(f"{at}: severity.{slot_id}: no such slot in {settings['rules']}{hint}")
        raise ConfigError(problems)
    return [s.model_copy(update={"severity": overrides[s.id]}) if s.id in overrides else s for s in slots], vocab


def _report(paths: list[Path], gathered: Gathered) -> Report | int:
    from consistency.sources import SOURCE_SUFFIXES

    report = gathered.report()
    if not report.sources:
        shown = " ".join(str(p) for p in paths)
        _say(f"{shown}: no sources found (looked for {', '.join('*' + s for s in SOURCE_SUFFIXES)}); "
             "give paths to the sources to check")
        return 2
    return report


class _Outcome:
    """What a check prints and writes, once its report is rendered: kept in
    the cache, an unchanged corpus re-emits it without comparing or
    rendering again."""

    def __init__(self, texts: dict[str, bytes], github: str, step_summary: bytes | None, summary: str,
                 after: list[str], code: int):
        # format → the report file's bytes, for each file to write: rendered to bytes (orjson writes bytes),
        # written and kept as they are, never held twice as text and bytes
        self.texts = texts
        self.github = github  # workflow commands for stdout ("" unless asked for)
        self.step_summary = step_summary  # Markdown's bytes for GITHUB_STEP_SUMMARY, when it is set
        self.summary = summary  # the stderr summary, said " in 0.00s: " for the time and the cache's note
        self.after = after  # lines on stderr after the summary
        self.code = code

    def kept(self) -> tuple[dict[str, Any], dict[str, bytes]]:
        """As the cache keeps it: short data, and the long texts apart."""
        texts = {f"report.{fmt}": data for fmt, data in self.texts.items()}
        step = None
        if self.step_summary is not None:
            step = "markdown" if self.step_summary == self.texts.get("markdown") else "own"
            if step == "own":
                texts["step_summary"] = self.step_summary
        if self.github:
            texts["github"] = self.github.encode("utf-8")
        return {"step": step, "summary": self.summary, "after": self.after, "code": self.code}, texts

    @classmethod
    def from_kept(cls, kept: Kept, formats: list[str], output: str | None, cache: Cache) -> _Outcome | None:
        """A kept outcome, checked for shape (a cache file is data, not
        trusted), with the texts of the report files that are not in place
        as it wrote them (deleted or edited since) and of what goes to
        stdout and the step summary."""
        meta, names = kept.meta, kept.frames
        reports = [name.removeprefix("report.") for name in names if name.startswith("report.")]
        summary, after, code, step = meta.get("summary"), meta.get("after"), meta.get("code"), meta.get("step")
        if (sorted(reports) != sorted(formats) or not isinstance(summary, str) or _TIME not in summary
                or not isinstance(code, int) or not isinstance(after, list) or not all(isinstance(a, str) for a in after)
                or step not in (None, "markdown", "own") or (step == "markdown" and "markdown" not in reports)
                or (step == "own" and "step_summary" not in names)):
            return None
        write = []
        for fmt in formats:
            target, (_, _, digest, size) = _target(fmt, output), names[f"report.{fmt}"]
            if target == "-" or not cache.in_place(os.path.abspath(target), digest, size):
                write.append(fmt)
        wanted = [f"report.{fmt}" for fmt in write] + [name for name in ("github", "step_summary") if name in names]
        if step == "markdown" and "markdown" not in write:
            wanted.append("report.markdown")
        texts = kept.texts(wanted)
        if texts is None:
            return None
        step_summary = None if step is None else texts["report.markdown"] if step == "markdown" else texts["step_summary"]
        try:
            github = texts["github"].decode("utf-8") if "github" in texts else ""
        except UnicodeDecodeError:
            return None
        return cls({fmt: texts[f"report.{fmt}"] for fmt in write}, github, step_summary, summary, after, code)


_TIME = " in 0.00s: "  # where the summary says how long the run took
_NOT_IN_REPORTS = {"jobs", "engine", "scheduler", "cache", "no_cache"}  # settings that change how, not what


def _check(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    settings = _settings(args)
    if args.show_config:
        sys.stdout.write(settings.show())
        return 0
    formats = settings["format"]
    files = [f for f in formats if f != "github"]
    output = settings["output"]
    if output is not None and len(files) != 1:
        sys.stderr.write("consistency: --output takes one report format; with several, each is written to "
                         "reports/report.<md|json|sarif>\n")
        return 2
    prepared = _prepare(settings)
    if isinstance(prepared, int):
        return prepared
    paths, gathered = prepared
    with gathered:
        colour = console.use_colour(sys.stderr)
        key = _outcome_key(gathered, settings, args, colour)
        outcome = None
        if gathered.cache is not None and key is not None:
            kept = gathered.cache.outcome(key)
            outcome = _Outcome.from_kept(kept, files, output, gathered.cache) if kept is not None else None
        report = _report(paths, gathered) if outcome is None else None
        if isinstance(report, int):
            return report
        baseline_path = Path(settings["baseline"])
        if settings.origin["baseline"] != "default" and not baseline_path.exists():
            _say(f"{baseline_path}: no such baseline file; write one with "
                 f"`python -m consistency baseline write --baseline {baseline_path} --reason TEXT`")
            return 2
        if outcome is not None:
            note = gathered.note("; reports unchanged" + (", written again" if outcome.texts else ""))
        else:
            assert report is not None
            outcome = _outcome(report, settings, args, files, colour)
            note = report.cache_note
            if gathered.cache is not None and key is not None and _TIME in outcome.summary:
                gathered.cache.keep_outcome(key, *outcome.kept())
    return _emit(outcome, output, time.perf_counter() - began, note)


def _outcome_key(gathered: Gathered, settings: config.Settings, args: argparse.Namespace, colour: bool) -> str | None:
    """A hash of everything the reports, the summary and the exit code depend
    on: every source file's key (its bytes, path, sidecar; the rules; the
    tool's version), every setting and argument but those that only change
    how the work is done, and the baseline and --compare-to files. None when
    the run is not to be kept: no cache, a timestamp, an unreadable input."""
    if gathered.key is None or gathered.cache is None or settings["timestamp"]:
        return None
    h = hashlib.sha256()
    given = {k: v for k, v in settings.values.items() if k not in _NOT_IN_REPORTS}
    flags = {k: v for k, v in vars(args).items() if k not in _NOT_IN_REPORTS}
    h.update(json.dumps([gathered.key, given, flags, colour, bool(os.environ.get("GITHUB_STEP_SUMMARY"))],
                        sort_keys=True, default=str).encode("utf-8"))
    for f in (Path(settings["baseline"]), args.compare_to):
        if f is None:
            continue
        try:
            h.update(b"\0file\0" + (f.read_bytes() if f.exists() else b"\0absent"))
        except OSError:
            return None
    return h.hexdigest()


def _outcome(report: Report, settings: config.Settings, args: argparse.Namespace, files: list[str],
             colour: bool) -> _Outcome:
    """Apply the baseline and --compare-to, render every report, and decide the exit code."""
    from consistency import baseline
    from consistency.report import github, json as json_report, markdown, sarif
    from consistency.report.delta import compare_to

    entries = baseline.read(Path(settings["baseline"]))
    # fingerprints hash every claim of a finding (a tenth of a second per 10,000 articles): only a baseline,
    # --compare-to and SARIF need them
    accepted, stale = baseline.apply(report.findings, report.fingerprints, entries) if entries else ({}, [])
    delta = None
    if args.compare_to is not None:
        current = {fp: f.slot for fp, f in zip(report.fingerprints, report.findings) if f.kind == "conflict"}
        delta = compare_to(args.compare_to, current)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if settings["timestamp"] else None
    report = report.updated(accepted=accepted, stale=tuple(stale), delta=delta, generated=stamp)
    renderers = {"markdown": lambda r: markdown.render(r).encode("utf-8"), "json": json_report.render_bytes,
                 "sarif": sarif.render_bytes}
    texts = {fmt: renderers[fmt](report) for fmt in files}
    written = _targets(files, settings["output"])
    github_text = github.render(report, written[0] if written else "the job log") if "github" in settings["format"] else ""
    step = None
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        step = texts["markdown"] if "markdown" in texts else markdown.render(report).encode("utf-8")
    summary = console.summary(report.updated(cache_note=""), ", ".join(written) or "stdout", 0.0, colour)
    after, code = [], None
    if not report.claims:
        after.append(console.paint("consistency: NO RULE FIRED: not one claim was found in any source, so nothing "
                                   "was compared. Check that the sources are about the rules' topics "
                                   "(python -m consistency explain SLOT shows the near misses)", "red", colour))
        code = 2
    elif settings["strict"] and any(s.errors for s in report.sources):
        from consistency.escape import terminal

        bad = [terminal(s.id) for s in report.sources if s.errors]
        after.append(f"consistency: --strict: {len(bad)} source(s) could not be read ({', '.join(bad)})")
        code = 2
    if code is None:
        code = _exit_code(report, settings["fail_on"], settings["strict_baseline"])
    return _Outcome(texts, github_text, step, summary, after, code)


def _targets(files: list[str], output: str | None) -> list[str]:
    """Where each report file goes, as the summary names it."""
    targets = [_target(fmt, output) for fmt in files]
    return ["stdout" if t == "-" else t for t in targets]


def _target(fmt: str, output: str | None) -> str:
    """The file a report format is written to (- for stdout)."""
    return output if output is not None else f"reports/report.{_EXT[fmt]}"


_EXT = {"markdown": "md", "json": "json", "sarif": "sarif"}


def _emit(outcome: _Outcome, output: str | None, seconds: float, note: str) -> int:
    """Write the reports, the workflow commands, the step summary and the summary line; the exit code."""
    for fmt, data in outcome.texts.items():
        if not _write(data, _target(fmt, output)):
            return 2
    if outcome.github:
        sys.stdout.write(outcome.github)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and outcome.step_summary is not None:
        try:
            with open(summary_file, "ab") as fh:
                if fh.tell():
                    fh.write(b"\n")  # a new block: the summary may end inside an HTML block such as </details>
                fh.write(outcome.step_summary)
        except OSError as exc:
            _say(f"GITHUB_STEP_SUMMARY ({summary_file}): cannot append ({exc.strerror})")
    said = f" ({note})" if note and not note.startswith("0 of") else ""  # as console.summary says the cache's note
    sys.stderr.write(outcome.summary.replace(_TIME, f" in {seconds:.2f}s{said}: ", 1) + "\n")
    for line in outcome.after:
        sys.stderr.write(line + "\n")
    return outcome.code


def _write(data: bytes, target: str) -> bool:
    """The report's bytes, as rendered: to stdout's byte stream (after what
    was written to it as text), or to the file."""
    if target == "-":
        raw = getattr(sys.stdout, "buffer", None)
        if raw is None:  # a text-only stream put in place of stdout
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            raw.write(data)
            raw.flush()
        return True
    out = Path(target)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        _say(f"{out}: cannot write the report ({exc.strerror}); pick another --output")
        return False
    return True


def _baseline(args: argparse.Namespace) -> int:
    if args.baseline_command != "write":
        sys.stderr.write("consistency: `baseline` needs a command: write (accept the current conflicts)\n")
        return 2
    from consistency import baseline

    settings = _settings(args)
    prepared = _prepare(settings)
    if isinstance(prepared, int):
        return prepared
    paths, gathered = prepared
    with gathered:
        report = _report(paths, gathered)
    if isinstance(report, int):
        return report
    path = Path(settings["baseline"])
    old = baseline.read(path)
    known = {e.fingerprint for e in old}
    new = [fp for fp, f in zip(report.fingerprints, report.findings) if f.kind == "conflict" and fp not in known]
    reason = (args.reason or "").strip()
    if new and not reason:
        _say(f"baseline write needs --reason TEXT: say why the {len(new)} new "
             "finding(s) are accepted (it is kept with each entry)")
        return 2
    count = baseline.write(path, report.findings, report.by_id, reason, old)
    _say(f"wrote {count} accepted finding(s) to {path} ({len(new)} new); "
         "`check` now fails only on new conflicts")
    return 0


def _exit_code(report: Report, fail_on: str, strict_baseline: bool) -> int:
    if fail_on == "never":
        return 0
    failing = report.failing(SEVERITY_RANK[fail_on])
    return int(bool(failing) or (strict_baseline and bool(report.stale)))
