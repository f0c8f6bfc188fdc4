"""Past 40 sources the coverage matrix (a column per source) gives way to
one row per slot: how many sources gave a value, how many spoke of the slot
without one, and which."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CLUB_RULE, call, write

RULE = CLUB_RULE.replace("SEVERITY", "error")


def coverage(md: str) -> list[str]:
    return md.split("\n## Coverage\n\n", 1)[1].split("\n## ", 1)[0].strip().splitlines()


@pytest.mark.parametrize(("n", "matrix"), [(40, True), (41, False)])
def test_coverage_matrix_or_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int, matrix: bool) -> None:
    write(tmp_path / "rules/club.yaml", RULE)
    for i in range(n):  # every third source names the club without a count
        text = "The chess club has a new president.\n" if i % 3 == 0 else "The chess club has 32 members.\n"
        write(tmp_path / f"src/s{i:02d}.txt", text)
    code, _, err = call(capsys, "check", str(tmp_path / "src"), "--rules", str(tmp_path / "rules"),
                        "--output", str(tmp_path / "r.md"), "--no-cache")
    assert code == 0, err
    lines = coverage((tmp_path / "r.md").read_text(encoding="utf-8"))
    if matrix:
        assert lines[0] == "<details><summary>Slots × sources</summary>"
        assert lines[4].count("`s") == n  # the header: a column per source
        return
    unsure = [f"s{i:02d}" for i in range(n) if i % 3 == 0]
    assert lines[0] == (f"{n} sources, too many for a column each. \"Words but no value\": the slot's words appear "
                        "but no value was taken (`python -m consistency explain SLOT --source ID` says why).")
    assert [c.strip() for c in lines[4].strip("|").split("|")] == [
        "`club.members`", str(n - len(unsure)), str(len(unsure)),
        ", ".join(f"`{i}`" for i in unsure[:5]) + f" and {len(unsure) - 5} more"]


def _old_summary_rows(report, readable, counts):  # type: ignore[no-untyped-def]
    """The per slot and source look-ups the summary was first written with."""
    rows = []
    for slot in sorted(report.slots, key=lambda s: s.id):
        found = sum(1 for src in readable if counts[(slot.id, src.id)])
        unsure = [src.id for src in readable if not counts[(slot.id, src.id)]
                  and report.coverage(slot.id, src.id) == "ambiguous"]
        rows.append((found, unsure))
    return rows


def test_coverage_summary_counts_as_the_lookups_did() -> None:
    import random
    from collections import defaultdict

    from consistency.model import Claim
    from consistency.checked import Report
    from consistency.report import markdown
    from consistency.rules import load_rules
    from consistency.sources import Source
    from consistency.values import Interval, Quantity

    slots, _ = load_rules(Path(__file__).resolve().parent.parent / "rules")
    rng = random.Random(7)
    for _ in range(20):
        ids = [f"s{rng.randrange(60)}" for _ in range(rng.randrange(41, 70))]  # repeats included
        sources = [Source(i, f"{i}.txt", "x", errors=["broken"] if rng.random() < 0.1 else []) for i in ids]
        claims = [Claim(rng.choice(slots).id, rng.choice(ids), 1, 0, "q", "1", Quantity(Interval(1, 1), None, False))
                  for _ in range(rng.randrange(0, 80))]
        mentioned = frozenset((rng.choice(slots).id, rng.choice(ids)) for _ in range(rng.randrange(0, 120)))
        report = Report(sources, claims, [], slots, mentioned)
        readable = [s for s in sources if not s.errors]
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for c in claims:
            counts[(c.slot, c.source)] += 1
        got = markdown._coverage_summary(report, readable, counts)
        want = _old_summary_rows(report, readable, defaultdict(int, counts))
        lines = got[4].splitlines()[2:]
        for line, (found, unsure) in zip(lines, want, strict=True):
            cells = [c.strip() for c in line.strip("|").split("|")]
            named = ", ".join(f"`{i}`" for i in unsure[:5]) + (f" and {len(unsure) - 5} more" if len(unsure) > 5 else "")
            assert cells[1:] == [str(found), str(len(unsure)), named or "—"]


class _Passes(list):  # type: ignore[type-arg]
    """A list that counts the passes made over it."""

    passes = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.passes += 1
        return super().__iter__()


def test_coverage_summary_of_slots_few_sources_speak_of_passes_over_the_sources_once() -> None:
    # a pass per slot was slots × sources: 5 million look-ups at 100,000 articles and 50 slots that few speak of
    from consistency.checked import Report
    from consistency.report import markdown
    from consistency.rules import load_rules
    from consistency.sources import Source

    slots, _ = load_rules(Path(__file__).resolve().parent.parent / "rules")
    sources = [Source(f"s{i}", f"s{i}.txt") for i in range(60)]
    mentioned = frozenset((slot.id, src.id) for slot in slots for src in sources[:5])  # words, never a value
    readable = _Passes(sources)
    got = markdown._coverage_summary(Report(sources, [], [], slots, mentioned), readable, {})
    assert readable.passes <= 2 < len(slots)
    assert got[4].count("`s0`, `s1`, `s2`, `s3`, `s4` |") == len(slots)
