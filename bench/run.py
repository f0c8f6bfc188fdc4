"""Throughput of `check`, stage by stage, printed (not a test).

    python bench/run.py [--sizes 1000,10000] [--rules50] [--reference]

For each corpus size: MB/s and articles/s end to end on one core, time per
stage (load, extract, compare, report), and peak memory (each size in its
own process, so peaks do not add up). --rules50 repeats the largest size
with 50 slots (the starter slots plus renamed variants); --reference times
dateparser's search_dates on the same text, if it is installed, and prints
our throughput as a ratio to it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_run(corpus: Path, rules50: bool) -> dict[str, float]:
    from consistency.extract.matcher import Matcher
    from consistency.pipeline import assemble
    from consistency.report import json as json_report
    from consistency.report import markdown
    from consistency.rules import load_rules
    from consistency.sources import discover, load_file

    slots, vocab = load_rules(ROOT / "rules")
    if rules50:
        base = list(slots)
        k = 0
        while len(slots) < 50:
            s = base[k % len(base)]
            slots.append(s.model_copy(update={"id": f"variant{k}.{s.id.split('.', 1)[1]}",
                                              "triggers": [*s.triggers, f"variant{k}word"]}))
            k += 1
    t0 = time.perf_counter()
    files, _ = discover([corpus])
    sources = [s for f in files for s in load_file(f)]
    t1 = time.perf_counter()
    matcher = Matcher.build(slots, vocab)
    claims = []
    for s in sources:
        claims += matcher.extract(s).claims
    t2 = time.perf_counter()
    report = assemble(sources, claims, slots, vocab)
    t3 = time.perf_counter()
    markdown.render(report)
    json_report.render(report)
    t4 = time.perf_counter()
    size = sum(len(s.text.encode("utf-8")) for s in sources)
    return {"articles": len(sources), "mb": size / 1e6, "slots": len(slots), "claims": len(claims),
            "load": t1 - t0, "extract": t2 - t1, "compare": t3 - t2, "report": t4 - t3, "total": t4 - t0,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def reference(corpus: Path, limit_bytes: int = 300_000) -> float | None:
    """KB/s of dateparser.search.search_dates on the corpus's first articles."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    text, used = [], 0
    for f in sorted(corpus.glob("*.txt")):
        t = f.read_text(encoding="utf-8")
        text.append(t)
        used += len(t.encode("utf-8"))
        if used >= limit_bytes:
            break
    t0 = time.perf_counter()
    for t in text:
        for para in t.split("\n\n"):
            search_dates(para, languages=["en"])
    return used / 1e3 / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--rules50", action="store_true")
    ap.add_argument("--reference", action="store_true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(one_run(Path(a.child[0]), a.child[1] == "50")))
        return
    from bench.corpus import write  # noqa: E402

    with tempfile.TemporaryDirectory() as tmp:
        sizes = [int(x) for x in a.sizes.split(",")]
        runs = [(n, False) for n in sizes] + ([(sizes[-1], True)] if a.rules50 else [])
        print(f"{'articles':>8} {'slots':>5} {'MB':>7} {'MB/s':>6} {'art/s':>7} {'load':>6} {'extract':>8} "
              f"{'compare':>8} {'report':>7} {'peak MB':>8}")
        last = None
        for n, fifty in runs:
            corpus = Path(tmp) / str(n)
            if not corpus.exists():
                write(corpus, n)
            out = subprocess.run([sys.executable, __file__, "--child", str(corpus), "50" if fifty else "16"],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(out.stdout)
            last = (corpus, r)
            print(f"{r['articles']:>8} {r['slots']:>5} {r['mb']:>7.1f} {r['mb'] / r['total']:>6.2f} "
                  f"{r['articles'] / r['total']:>7.0f} {r['load']:>6.2f} {r['extract']:>8.2f} {r['compare']:>8.2f} "
                  f"{r['report']:>7.2f} {r['peak_mb']:>8.0f}")
        if a.reference and last is not None:
            kbs = reference(last[0])
            if kbs is None:
                print("reference: dateparser is not installed (pip install dateparser) — skipped")
            else:
                ours = last[1]["mb"] * 1e3 / last[1]["total"]
                print(f"reference: dateparser search_dates {kbs:.1f} KB/s; consistency {ours:.0f} KB/s "
                      f"= {ours / kbs:.0f}x")
        print("re-run on an unchanged corpus: no cache yet (issue 6), so it costs a cold run")


if __name__ == "__main__":
    main()
