"""The long fuzz run: random sources, sidecars, rule files and vocabularies
thrown at the loader and the extractor for as long as asked, reporting how
many inputs were tried and how many runs were lost (tests/fuzzing.py says
what a lost run is; CI runs the same targets briefly, tests/test_fuzz.py).

    python bench/fuzz.py [--seconds 300] [--engine atheris|hypothesis]

With atheris (`pip install atheris`, coverage-guided, on bytes) by default
when it is installed, else hypothesis (structured: texts built from the
pieces each reader turns on). Exits 1 at the first lost run, showing it.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def with_hypothesis(seconds: float) -> tuple[int, int]:
    """(inputs tried, runs lost): each target in turn, in rounds, until the time is up."""
    from hypothesis import strategies as st

    import fuzzing

    tried = [0]
    targets = [
        (st.tuples(st.sampled_from(fuzzing.SUFFIXES), fuzzing.source_bytes), lambda a: fuzzing.source_file(*a)),
        (fuzzing.yaml_texts, lambda t: fuzzing.sidecar(t.encode("utf-8", "surrogatepass"))),
        (fuzzing.jsonl_lines, lambda t: fuzzing.source_file(".jsonl", t.encode("utf-8", "surrogatepass"))),
        (fuzzing.rule_texts, lambda t: fuzzing.rule_file(t.encode("utf-8", "surrogatepass"))),
        (fuzzing.vocab_texts, lambda t: fuzzing.vocab_file(t.encode("utf-8", "surrogatepass"))),
        (st.binary(max_size=4000), fuzzing.dispatch),
    ]
    end = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < end:
        for strategy, target in targets:
            try:
                _round(strategy, target, tried)()
            except Exception:  # noqa: BLE001 - a lost run: the input and where it failed
                traceback.print_exc()
                return tried[0], 1
            if time.monotonic() >= end:
                break
        rounds += 1
    fuzzing.cleanup()
    return tried[0], 0


def _round(strategy: object, target: object, tried: list[int]) -> object:
    """A hypothesis test of 200 inputs of the strategy through the target, counting them."""
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)  # type: ignore[arg-type]
    def run(value: object) -> None:
        tried[0] += 1
        target(value)  # type: ignore[operator]

    return run


def with_atheris(seconds: float) -> tuple[int, int]:
    """(inputs tried, runs lost), from libFuzzer's own count, in a process of its own."""
    script = ("import sys, atheris\n"
              f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]\n"
              "with atheris.instrument_imports(include=['consistency']):\n"
              "    import fuzzing\n"
              "atheris.Setup(sys.argv, fuzzing.dispatch)\n"
              "atheris.Fuzz()\n")
    corpus = ROOT / "bench" / ".fuzz-corpus"
    corpus.mkdir(exist_ok=True)
    proc = subprocess.run([sys.executable, "-c", script, f"-max_total_time={int(seconds)}", "-rss_limit_mb=4096",
                           "-max_len=20000", str(corpus)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    done = re.search(r"Done (\d+) runs", proc.stderr)
    if proc.returncode != 0 or done is None:
        sys.stderr.write(proc.stderr[-6000:])
        counted = re.findall(r"#(\d+)\s", proc.stderr)
        return int(counted[-1]) if counted else 0, 1
    return int(done.group(1)), 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--engine", choices=("atheris", "hypothesis"), default=None)
    args = ap.parse_args()
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    began = time.monotonic()
    tried, lost = (with_atheris if engine == "atheris" else with_hypothesis)(args.seconds)
    print(f"fuzz ({engine}): {tried:,} inputs in {time.monotonic() - began:.0f} s, {lost} lost run(s)")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
