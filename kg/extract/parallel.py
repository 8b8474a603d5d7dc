"""Running the per-paper extraction on one core, on several (`jobs`), or on a Dask cluster.

Work is cut into batches of papers in input order; each worker loads the pipeline once and returns
the per-paper results as JSON, which are put back in input order. The output is therefore the same,
byte for byte, whatever the number of jobs or the engine.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

BATCH = 256

Item = tuple[str, str]  # (paper id, text)


def extract_batch(items: Sequence[Item], gazetteers: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The pipeline over one batch: the JSON of each paper's RawExtraction (without the text)."""
    from kg.extract.pipeline import load_pipeline
    from kg.extract.raw import raw_from_doc

    nlp = load_pipeline(gazetteers)
    texts = ((text, pid) for pid, text in items)
    return [raw_from_doc(pid, doc).to_json() for doc, pid in nlp.pipe(texts, as_tuples=True, batch_size=BATCH)]


def _batches(items: Sequence[Item], size: int = BATCH) -> Iterator[Sequence[Item]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _init_worker() -> None:
    # keep each worker on its own core and away from the parent's Ctrl-C
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(items: Sequence[Item], gazetteers: tuple[str, ...], jobs: int,
              on_batch: Callable[[int], None] | None = None) -> list[dict[str, Any]]:
    if jobs <= 1 or len(items) <= BATCH:
        out = []
        for batch in _batches(items):
            out.extend(extract_batch(batch, gazetteers))
            if on_batch:
                on_batch(len(batch))
        return out
    import multiprocessing as mp
    from functools import partial

    context = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    out: list[dict[str, Any]] = []
    with context.Pool(jobs, initializer=_init_worker, maxtasksperchild=200) as pool:
        for result in pool.imap(partial(extract_batch, gazetteers=gazetteers), _batches(items)):
            out.extend(result)
            if on_batch:
                on_batch(len(result))
    return out


def run_dask(items: Sequence[Item], gazetteers: tuple[str, ...], scheduler: str | None,
             on_batch: Callable[[int], None] | None = None) -> list[dict[str, Any]]:
    """The same batches as tasks on a Dask cluster (`scheduler` = tcp://HOST:PORT, or a local one)."""
    try:
        from distributed import Client
    except ImportError:
        from kg.errors import UsageError

        raise UsageError("the Dask engine needs the 'dask' extra: pip install 'paper-kg[dask]'") from None
    client = Client(scheduler) if scheduler else Client(processes=True, n_workers=os.cpu_count() or 1,
                                                         threads_per_worker=1, dashboard_address=None)
    try:
        batches = list(_batches(items))
        futures = client.map(extract_batch, batches, gazetteers=gazetteers, pure=False)
        out: list[dict[str, Any]] = []
        for future, batch in zip(futures, batches):
            out.extend(future.result())
            if on_batch:
                on_batch(len(batch))
        return out
    finally:
        client.close()
