"""Entity extraction: methods, datasets, benchmarks, tasks and metrics in titles and abstracts.

    records = kg.extract.extract(papers)   # one JSON-ready dict per paper

The spaCy pipeline (`pipeline.cfg`) finds and links mentions in each paper (on one core, several, or
a Dask cluster, with a content-hash cache); the corpus pass then gives discovered names one id
across papers and links their undefined uses; roles, results and relations follow.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.model import Paper


@dataclass
class ExtractStats:
    papers: int = 0
    extracted: int = 0  # run through the pipeline (not from the cache)
    cached: int = 0
    invalidated: int = 0


def extract(papers: Sequence[Paper], *, gazetteers: Iterable[str | Path] = (), jobs: int = 1,
            cache_dir: str | Path | None = None, engine: str = "local", scheduler: str | None = None,
            on_paper: Callable[[], None] | None = None, stats: ExtractStats | None = None) -> list[dict[str, Any]]:
    """Extraction records for `papers`, in order (see `output.paper_record` for the shape).

    `jobs`: processes for the spaCy stage; `engine="dask"` (or a `scheduler` address) runs it on
    Dask; `cache_dir`: reuse earlier results for papers whose text has not changed."""
    from kg.extract.cache import ExtractCache, text_key
    from kg.extract.corpus import link_corpus
    from kg.extract.gazetteer import gazetteer
    from kg.extract.output import paper_record
    from kg.extract.parallel import run_dask, run_local
    from kg.extract.pipeline import paper_text
    from kg.extract.raw import RawExtraction

    stats = stats if stats is not None else ExtractStats()
    extra = tuple(str(g) for g in gazetteers)
    kb, _, table = gazetteer(extra)
    texts = [paper_text(p) for p in papers]
    keys = [text_key(t) for t in texts]
    stats.papers = len(papers)
    cached: dict[str, dict[str, Any]] = {}
    cache = ExtractCache(cache_dir) if cache_dir is not None else None
    try:
        if cache is not None:
            cache.sync_gazetteer(table, dict(zip(keys, texts)))
            cached = cache.get_many(keys)
            stats.invalidated = cache.invalidated
        pending = [(i, keys[i], texts[i]) for i in range(len(papers)) if keys[i] not in cached]
        items = [(key, text) for _, key, text in pending]

        def progress(n: int) -> None:
            if on_paper is not None:
                for _ in range(n):
                    on_paper()

        progress(len(papers) - len(pending))
        if engine == "dask" or scheduler:
            fresh = run_dask(items, extra, scheduler, progress)
        else:
            fresh = run_local(items, extra, jobs, progress)
        stats.extracted, stats.cached = len(fresh), len(papers) - len(fresh)
        results = dict(cached)
        for (_, key, _), data in zip(pending, fresh):
            results[key] = data
        if cache is not None and fresh:
            cache.put_many((key, data) for (_, key, _), data in zip(pending, fresh))
    finally:
        if cache is not None:
            cache.close()
    raws = []
    for paper, key, text in zip(papers, keys, texts):
        raw = RawExtraction.from_json(results[key], text)
        raw.paper = paper.id
        raws.append(raw)
    link_corpus(raws, taken_ids=kb.entries)
    return [paper_record(paper, raw, kb) for paper, raw in zip(papers, raws)]
