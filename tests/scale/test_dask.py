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


@pytest.mark.parametrize("address", ["foo", "tcp://[::1", "tcp://127.0.0.1:99999", "tcp://host"])
def test_dask_a_bad_scheduler_address_is_a_usage_error(kg, address):
    """Was a ValueError traceback from Dask, or nothing at all when the build was up to date."""
    result = kg("build", "--out", "out", "--scheduler", address)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"kg: error: Invalid value for '--scheduler': {address!r} is no "
                                            "scheduler address")


def test_dask_an_unreachable_scheduler_is_one_line(monkeypatch):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    import dask

    from kg.errors import InputError

    papers = read_papers(resources.seed_files()[1:2])[:2]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(InputError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:1 \(Timed out"):
            extract(papers, scheduler="tcp://127.0.0.1:1")
