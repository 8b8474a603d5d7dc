"""Running the per-paper extraction on one core, on several (`jobs`), or on a Dask cluster.

Work is cut into batches of papers in input order; each worker loads the pipeline once and returns
the per-paper results as JSON, which are put back in input order. The output is therefore the same,
byte for byte, whatever the number of jobs or the engine.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from kg.collector import collect_less

BATCH = 256

Item = tuple[str, str]  # (paper id, text)
# a paper's first-pass result: its RawExtraction as the cache stores it (compact JSON, UTF-8, without
# the text), and what the corpus linker observes of it (kg.extract.corpus.discovered, its abbreviations)
FirstPass = tuple[bytes, list[tuple[str, str, tuple[str, ...]]], list[tuple[str, str]]]
Transform = Callable[[Any, dict[str, Any]], Any]  # (paper, record) -> what the stream yields for it


def extract_batch(items: Sequence[Item], gazetteers: tuple[str, ...] = (), ner: bool = False) -> list[FirstPass]:
    """The pipeline over one batch: each paper's `FirstPass`. Bytes and short tuples, not the JSON
    as dicts: a worker's results cost the main process about a tenth as much to unpickle, and it
    stores the bytes as they are."""
    from kg import jsonlines
    from kg.extract.corpus import discovered
    from kg.extract.pipeline import load_pipeline
    from kg.extract.raw import raw_from_doc

    nlp = load_pipeline(gazetteers, ner)
    texts = ((text, pid) for pid, text in items)
    results = []
    for doc, pid in nlp.pipe(texts, as_tuples=True, batch_size=BATCH):
        raw = raw_from_doc(pid, doc)
        results.append((jsonlines.dumps(raw.to_json()), discovered(raw.entities.values()), raw.abbreviations))
    return results


def _batches(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker() -> None:
    # keep each worker on its own core and away from the parent's Ctrl-C
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_less()


def run_local(items: Iterable[Item], gazetteers: tuple[str, ...], jobs: int, ner: bool = False
              ) -> Iterator[list[FirstPass]]:
    """The results of each batch of `items`, in order, as they are ready: one pool of `jobs` processes
    for the whole stream (a worker loads the pipeline once)."""
    if jobs <= 1:
        for batch in _batches(items):
            yield extract_batch(batch, gazetteers, ner)
        return
    from functools import partial

    from kg.extract.pool import ordered

    work = partial(extract_batch, gazetteers=gazetteers, ner=ner)
    for _, results in ordered(work, _batches(items), jobs, initializer=_init_worker):
        yield results


_SECOND_PASS: dict[str, Any] = {}


def _init_second_pass(linker: Any, kb: Any, cache_dir: str, ner: bool, fingerprint: str,
                      transform: Transform | None) -> None:
    """A second-pass worker gets what the main process used in the first pass: the finalized corpus
    linker, the knowledge base and the cache's fingerprint (not recomputed from files that may have
    changed since), and the caller's `transform`. The cache is opened on the first batch, so that an
    error there reaches the main process through the batch's result instead of making the pool
    restart workers forever."""
    _init_worker()
    _SECOND_PASS.update(linker=linker, kb=kb, cache_args=(cache_dir, ner, fingerprint), transform=transform)


def _second_pass_cache() -> Any:
    if "cache" not in _SECOND_PASS:
        from kg.extract.cache import ExtractCache

        cache_dir, ner, fingerprint = _SECOND_PASS["cache_args"]
        cache = ExtractCache(cache_dir, ner=ner)
        cache.fingerprint = fingerprint
        _SECOND_PASS["cache"] = cache
    return _SECOND_PASS["cache"]


def finish_batch(papers: Sequence[Any], linker: Any = None, kb: Any = None, cache: Any = None,
                 transform: Transform | None = None) -> list[Any]:
    """The second pass over one batch of papers, whose first-pass results are in `cache`: corpus
    links, then roles, results and relations; the extraction record of each paper, or what
    `transform(paper, record)` makes of it."""
    from kg.extract.cache import text_key
    from kg.extract.output import paper_record
    from kg.extract.pipeline import paper_text
    from kg.extract.raw import RawExtraction

    linker = linker if linker is not None else _SECOND_PASS["linker"]
    kb = kb if kb is not None else _SECOND_PASS["kb"]
    cache = cache if cache is not None else _second_pass_cache()
    if transform is None:  # in a second-pass worker, the build's (none in the main process)
        transform = _SECOND_PASS.get("transform")
    texts = [paper_text(p) for p in papers]
    keys = [text_key(t) for t in texts]
    found = cache.get_many(keys)
    records = []
    for paper, key, text in zip(papers, keys, texts):
        raw = RawExtraction.from_json(found[key], text)
        raw.paper = paper.id
        linker.apply(raw)
        record = paper_record(paper, raw, kb)
        records.append(record if transform is None else transform(paper, record))
    return records


def run_second_pass(chunks: Iterable[list[Any]], linker: Any, kb: Any, cache: Any, jobs: int,
                    transform: Transform | None = None) -> Iterator[tuple[Any, Any]]:
    """(paper, record) for every paper of `chunks` (lists of papers), in order, the second pass run
    on `jobs` processes; (paper, transform(paper, record)) with a `transform`, which runs there too.
    The main process is left with writing the exports, which it does meanwhile."""
    from kg.extract.pool import ordered

    initargs = (linker, kb, str(cache.path.parent), cache.table == "raw_ner", cache.fingerprint, transform)
    # a bounded window of batches in flight: results the main process has not written yet do not pile
    # up (each carries a paper's record and rendered exports)
    batches = (batch for chunk in chunks for batch in _batches(chunk))
    for batch, records in ordered(finish_batch, batches, jobs, initializer=_init_second_pass, initargs=initargs):
        yield from zip(batch, records)


def run_dask(items: Iterable[Item], gazetteers: tuple[str, ...], scheduler: str | None, ner: bool = False
             ) -> Iterator[list[FirstPass]]:
    """The same batches as tasks on a Dask cluster (`scheduler` = tcp://HOST:PORT, or a local one)."""
    try:
        from distributed import Client
    except ImportError:
        from kg.errors import UsageError

        raise UsageError("the Dask engine needs the 'dask' extra: pip install 'paper-kg[dask]'") from None
    try:
        client = Client(scheduler) if scheduler else Client(processes=True, n_workers=os.cpu_count() or 1,
                                                             threads_per_worker=1, dashboard_address=None)
    except (OSError, ValueError) as exc:  # no scheduler there (a timeout is an OSError), a bad address
        from kg.errors import InputError

        where = f"reach the Dask scheduler at {scheduler}" if scheduler else "start a local Dask cluster"
        raise InputError(f"cannot {where} ({exc})") from None
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
