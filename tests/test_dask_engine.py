"""The same pipeline on a Dask cluster gives the same bytes: a LocalCluster
on 127.0.0.1 stands in for a real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.pipeline import check
from consistency.report import json as json_report
from consistency.report import markdown
from consistency.rules import load_rules

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parent.parent


def test_a_dask_cluster_gives_a_byte_identical_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    slots, vocab = load_rules(Path("rules"))
    local = check([Path("seeds"), Path("tests/data/unseen")], slots, vocab)
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        on_dask = check([Path("seeds"), Path("tests/data/unseen")], slots, vocab,
                        dask_scheduler=cluster.scheduler_address)
    assert len(local.claims) > 60
    assert json_report.render(on_dask) == json_report.render(local)
    assert markdown.render(on_dask) == markdown.render(local)
