"""Running the per-paper extraction on one core, on several (`jobs`), or on a Dask cluster.

Work is cut into batches of papers in input order; each worker loads the pipeline once and returns
the per-paper results as JSON, which are put back in input order. The output is therefore the same,
byte for byte, whatever the number of jobs or the engine.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

BATCH = 256

Item = tuple[str, str]  # (paper id, text)


def extract_batch(items: Sequence[Item], gazetteers: tuple[str, ...] = (), ner: bool = False) -> list[dict[str, Any]]:
    """The pipeline over one batch: the JSON of each paper's RawExtraction (without the text)."""
    from kg.extract.pipeline import load_pipeline
    from kg.extract.raw import raw_from_doc

    nlp = load_pipeline(gazetteers, ner)
    texts = ((text, pid) for pid, text in items)
    return [raw_from_doc(pid, doc).to_json() for doc, pid in nlp.pipe(texts, as_tuples=True, batch_size=BATCH)]


def _batches(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker() -> None:
    # keep each worker on its own core and away from the parent's Ctrl-C
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(items: Iterable[Item], gazetteers: tuple[str, ...], jobs: int, ner: bool = False
              ) -> Iterator[list[dict[str, Any]]]:
    """The results of each batch of `items`, in order, as they are ready: one pool of `jobs` processes
    for the whole stream (a worker loads the pipeline once)."""
    if jobs <= 1:
        for batch in _batches(items):
            yield extract_batch(batch, gazetteers, ner)
        return
    import multiprocessing as mp
    from functools import partial

    context = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    with context.Pool(jobs, initializer=_init_worker) as pool:
        yield from pool.imap(partial(extract_batch, gazetteers=gazetteers, ner=ner), _batches(items))


def run_dask(items: Iterable[Item], gazetteers: tuple[str, ...], scheduler: str | None, ner: bool = False
             ) -> Iterator[list[dict[str, Any]]]:
    """The same batches as tasks on a Dask cluster (`scheduler` = tcp://HOST:PORT, or a local one)."""
    try:
        from distributed import Client
    except ImportError:
        from kg.errors import UsageError

        raise UsageError("the Dask engine needs the 'dask' extra: pip install 'paper-kg[dask]'") from None
    client = Client(scheduler) if scheduler else Client(processes=True, n_workers=os.cpu_count() or 1,
                                                         threads_per_worker=1, dashboard_address=None)
    try:
        from distributed import as_completed  # noqa: F401  (the futures are read in order below)

        pending = []
        window = 16  # batches in flight
        for batch in _batches(items):
            pending.append(client.submit(extract_batch, list(batch), gazetteers=gazetteers, ner=ner, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        client.close()
