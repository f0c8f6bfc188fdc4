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
from consistency.rules import RuleError, load_rules
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
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "check":
        build_parser().print_help(sys.stderr)
        return 2
    try:
        return _check(args)
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
