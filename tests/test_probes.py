"""The shared probes: phrases and the values they must normalise to.

tests/probes.yaml is a copy of ../shared/probes.yaml (the fields are those of
the JSON report contract). Each entry is one test, named by its text.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency.extract import dates, quantities
from consistency.report.json import value_json

PROBES = yaml.safe_load((Path(__file__).parent / "probes.yaml").read_text(encoding="utf-8"))


def _matches(value: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    off = []
    for key, want in expect.items():
        have = value.get(key)
        if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(have, (int, float)):
            if not math.isclose(float(have), float(want), rel_tol=1e-9):
                off.append(f"{key}: expected {want}, got {have}")
        elif str(have) != str(want) if isinstance(want, dt.date) else have != want:
            off.append(f"{key}: expected {want!r}, got {have!r}")
    return off


def _contains(value: dict[str, Any], x: Any) -> bool:
    if value["kind"] == "date":
        d = x if isinstance(x, dt.date) else dt.date.fromisoformat(str(x))
        return (value["start"] is None or value["start"] <= d.isoformat()) and (value["end"] is None or d.isoformat() <= value["end"])
    lo = -math.inf if value["low"] is None else value["low"]
    hi = math.inf if value["high"] is None else value["high"]
    return (x > lo or (x == lo and value["low_inclusive"])) and (x < hi or (x == hi and value["high_inclusive"]))


@pytest.mark.parametrize("probe", PROBES["quantities"], ids=lambda p: p["text"])
def test_quantity_probe(probe: dict[str, Any]) -> None:
    found = [value_json(m.value) for m in quantities(probe["text"])]
    if probe.get("none"):
        assert found == [], f"{probe['text']!r} should hold no quantity, got {found}"
        return
    wants = probe.get("values") or [probe.get("expect", {})]
    assert len(found) >= len(wants), f"{probe['text']!r}: expected {len(wants)} value(s), got {found}"
    for have, want in zip(found, wants):
        assert not _matches(have, want), f"{probe['text']!r}: {_matches(have, want)}; got {have}"
    if "contains" in probe:
        assert _contains(found[0], probe["contains"]), f"{probe['text']!r}: {found[0]} does not contain {probe['contains']}"


@pytest.mark.parametrize("probe", PROBES["dates"], ids=lambda p: p["text"])
def test_date_probe(probe: dict[str, Any]) -> None:
    published = probe.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    found = [value_json(m.value) for m in dates(probe["text"], published) if m.value is not None]
    if probe.get("none"):
        assert found == []
        return
    assert found, f"{probe['text']!r}: no date found"
    want = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in probe["expect"].items()}
    assert not _matches(found[0], want), f"{probe['text']!r}: {_matches(found[0], want)}; got {found[0]}"
