"""Command line: the only module that prints or chooses an exit code.

Exit codes (DESIGN.md): 0 no finding at or above --fail-on; 1 such findings;
2 the run could not be done as asked, with a message naming the file, line
and fix. Anything unexpected is still reported as a one-line error with exit
2, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from consistency.pipeline import Report, check
from rapidfuzz import process

from consistency.rules import RuleError, load_rules, rule_files
from consistency.sources import SOURCE_SUFFIXES

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"consistency: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="consistency", description="Find where sources disagree on checkable facts.")
    sub = ap.add_subparsers(dest="command", parser_class=_Parser)
    ck = sub.add_parser("check", help="check sources against the rules and write a discrepancy report")
    ck.add_argument("paths", nargs="*", type=Path, help="source files or folders (default: seeds/)")
    ck.add_argument("--rules", type=Path, default=Path("rules"), help="rules folder (default: rules/)")
    ck.add_argument("--format", choices=("markdown", "json"), default="markdown")
    ck.add_argument("--output", default=None, help="report file, or - for stdout (default: reports/report.md, or reports/report.json)")
    ck.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                    help="exit 1 when a conflict of this severity or higher is found (default: error)")
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
    rn.add_argument("--type", required=True, choices=("count", "quantity", "percent", "money", "date", "duration"))
    rn.add_argument("--rules", type=Path, default=Path("rules"))
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"check": _check, "explain": _explain, "rules": _rules}
    if args.command not in handlers:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handlers[args.command](args)
    except RuleError as exc:
        for line in exc.problems:
            sys.stderr.write(f"consistency: {line}\n")
        sys.stderr.write(f"consistency: {len(exc.problems)} problem(s) in the rules; nothing was checked\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("consistency: interrupted\n")
        return 2
    except Exception as exc:  # noqa: BLE001 - the contract is: never a traceback
        sys.stderr.write(f"consistency: internal error: {type(exc).__name__}: {exc}; please report it with the command you ran\n")
        return 2


def _explain(args: argparse.Namespace) -> int:
    from consistency.explain import explain

    paths = args.paths or [Path("seeds")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.stderr.write(f"consistency: {missing[0]}: no such file or folder; give paths to the sources\n")
        return 2
    slots, vocab = load_rules(args.rules)
    slot = next((s for s in slots if s.id == args.slot), None)
    if slot is None:
        near = process.extractOne(args.slot, [s.id for s in slots], score_cutoff=60)
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        sys.stderr.write(f"consistency: no slot `{args.slot}` in {args.rules}{hint}\n")
        return 2
    sys.stdout.write(explain(slot, paths, vocab, args.source))
    return 0


def _rules(args: argparse.Namespace) -> int:
    from consistency import authoring

    if args.rules_command == "schema":
        sys.stdout.write(authoring.schema())
        return 0
    if args.rules_command == "new":
        existing, _ = load_rules(args.rules) if args.rules.is_dir() and rule_files(args.rules) else ([], None)
        try:
            path, text = authoring.starter(args.rules, args.slot, args.type, existing)
        except ValueError as exc:
            sys.stderr.write(f"consistency: {exc}\n")
            return 2
        args.rules.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        path.write_text(text, encoding="utf-8")
        sys.stderr.write(f"consistency: {'added' if existed else 'wrote'} slot `{args.slot}` "
                         f"{'to' if existed else 'in'} {path}; replace each REPLACE, then run "
                         f"python -m consistency rules test {path}\n")
        return 0
    if args.rules_command == "test":
        folder = args.files[0].parent if args.files else args.rules
        slots, vocab = load_rules(folder, only=args.files or None)
        corpus = args.corpus if args.corpus is not None else ([Path("seeds")] if Path("seeds").is_dir() else [])
        run = authoring.test_rules(slots, vocab, corpus)
        sys.stdout.write("\n".join(run.lines) + "\n")
        return 1 if run.failed else 0
    build_parser().parse_args(["rules", "--help"])
    return 2


def _check(args: argparse.Namespace) -> int:
    from consistency.report import json as json_report
    from consistency.report import markdown

    began = time.perf_counter()
    paths = args.paths or [Path("seeds")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.stderr.write(f"consistency: {missing[0]}: no such file or folder; give paths to the sources to check\n")
        return 2
    slots, vocab = load_rules(args.rules)
    report = check(paths, slots, vocab)
    if not report.sources:
        shown = " ".join(str(p) for p in paths)
        sys.stderr.write(f"consistency: {shown}: no sources found (looked for {', '.join('*' + s for s in SOURCE_SUFFIXES)}); "
                         "give paths to the sources to check\n")
        return 2
    text = json_report.render(report) if args.format == "json" else markdown.render(report)
    output = args.output or ("reports/report.json" if args.format == "json" else "reports/report.md")
    if output == "-":
        sys.stdout.write(text)
    else:
        out = Path(output)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            sys.stderr.write(f"consistency: {out}: cannot write the report ({exc.strerror}); pick another --output\n")
            return 2
    sys.stderr.write(_summary(report, output, time.perf_counter() - began) + "\n")
    if not report.claims:
        sys.stderr.write("consistency: NO RULE FIRED: not one claim was found in any source, so nothing was "
                         "compared. Check that the sources are about the rules' topics "
                         "(python -m consistency explain SLOT shows the near misses)\n")
        return 2
    return _exit_code(report, args.fail_on)


def _exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    floor = SEVERITY_RANK[fail_on]
    return int(any(f.kind == "conflict" and SEVERITY_RANK[f.severity] >= floor for f in report.findings))


def _summary(report: Report, output: str, seconds: float) -> str:
    kinds = [f.kind for f in report.findings]
    bad = [s for s in report.sources if s.errors]
    where = "stdout" if output == "-" else output
    parts = [
        f"consistency: checked {len(report.sources) - len(bad)} source(s) against {len(report.slots)} slot(s)"
        f" in {seconds:.2f}s: {len(report.claims)} claim(s) in {len(set(c.slot for c in report.claims))} slot(s);",
        f"{kinds.count('conflict')} conflict(s), {kinds.count('consistent')} consistent, {kinds.count('single_source')} single-source.",
    ]
    if bad:
        parts.append(f"{len(bad)} source(s) could not be read ({', '.join(s.id for s in bad)}).")
    parts.append(f"Report: {where}.")
    return " ".join(parts)
