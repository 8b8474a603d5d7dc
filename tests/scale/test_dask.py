"""The extraction on a dask.distributed LocalCluster gives the same output as the local run."""
from __future__ import annotations

import json

import pytest

from kg import resources
from kg.extract import extract
from kg.ingest import read_papers


def test_dask_local_cluster_matches_local_run():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    papers = read_papers(resources.seed_files()[1:3])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = extract(papers, scheduler=cluster.scheduler_address)
    local = extract(papers)
    assert json.dumps(on_dask, sort_keys=True) == json.dumps(local, sort_keys=True)
