"""A deterministic benchmark corpus: the seed articles' paragraphs
recombined, with their figures varied, so that rules fire at realistic rates
on text nobody wrote by hand.

    python bench/corpus.py OUT_DIR N [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")


def paragraphs() -> list[str]:
    out = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        out += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 80]
    return out


def article(rng: random.Random, pool: list[str]) -> str:
    chosen = rng.sample(pool, rng.randint(6, 14))
    text = "\n\n".join(chosen)
    # vary one figure in five, so sources sometimes disagree
    return _FIGURE.sub(lambda m: str(max(1, int(m.group(0).replace(",", "")) + rng.choice([-2, -1, 1, 2])))
                       if rng.random() < 0.2 else m.group(0), text)


def write(out: Path, n: int, seed: int = 7) -> int:
    """Write n articles; returns the number of bytes written."""
    rng = random.Random(seed)
    pool = paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        day = 1 + i % 28
        body = f"date 2025-06-{day:02d} THE HAGUE (Reuters): " + article(rng, pool) + "\n"
        path = out / f"a{i:06d}.txt"
        path.write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(f"{write(a.out, a.n, a.seed) / 1e6:.1f} MB in {a.n} articles under {a.out}")
