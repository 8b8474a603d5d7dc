"""Entity extraction: methods, datasets, benchmarks, tasks and metrics in titles and abstracts.

    records = kg.extract.extract(papers)   # one JSON-ready dict per paper

The spaCy pipeline (`pipeline.cfg`) finds and links mentions in each paper (on one core, several, or
a Dask cluster, with a content-hash cache); the corpus pass then gives discovered names one id
across papers and links their undefined uses; roles, results and relations follow. `extract_stream`
does the same in two streaming passes over papers of any number.
"""
from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from kg.errors import InputError, UsageError
from kg.extract.parallel import Transform
from kg.model import Paper

CHUNK = 20_000  # papers per pass-1 chunk: bounds the memory of a parallel batch
# with several jobs, the second pass (corpus links, roles, records) runs on them too from this many
# papers (below it, starting the processes costs more than it saves)
PARALLEL_SECOND_PASS = 4_000


@dataclass
class ExtractStats:
    papers: int = 0
    extracted: int = 0  # run through the pipeline (not from the cache)
    cached: int = 0
    invalidated: int = 0
    prefetched: int = 0  # of the extracted, those extracted while the papers were read (kg.extract.prefetch)


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    iterator = iter(papers)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_stream(papers: Callable[[], Iterable[Paper]], *, gazetteers: Iterable[str | Path] = (), jobs: int = 1,
                   cache_dir: str | Path | None = None, engine: str = "local", scheduler: str | None = None,
                   on_paper: Callable[[], None] | None = None, stats: ExtractStats | None = None,
                   ner: bool = False, transform: Transform | None = None, prefetched: Any = None
                   ) -> Iterator[tuple[Paper, Any]]:
    """(paper, extraction record) for each paper of `papers()` (called twice: once per pass).

    `transform`: a picklable function of (paper, record) whose result is yielded instead of the
    record. It runs where the record is made, in the worker processes when the second pass runs on
    several jobs, so that per-paper work on records (serialising, rendering) is parallel too.

    `ner`: add the statistical NER (an opt-in accuracy mode, slower; see kg.extract.ner);
    `jobs`: processes for the spaCy stage; `engine="dask"` (or a `scheduler` address) runs it on
    Dask; `cache_dir`: keep and reuse per-paper results by content hash (a temporary one otherwise);
    `prefetched`: a finished `kg.extract.prefetch.Prefetch`, whose results the first pass takes
    instead of extracting those papers (made with the same gazetteers and `ner`)."""
    from kg.extract.cache import CacheDamaged, ExtractCache, mentions_any, text_key
    from kg.extract.corpus import CorpusLinker, discovered_in_json
    from kg.extract.gazetteer import gazetteer
    from kg.extract.parallel import _batches, finish_batch, run_dask, run_local, run_second_pass
    from kg.extract.pipeline import paper_text

    if not isinstance(jobs, int) or jobs < 1 or engine not in ("local", "dask"):
        raise UsageError(f"jobs must be a whole number of at least 1 (got {jobs!r}) and engine 'local' or 'dask' "
                         f"(got {engine!r})")
    if transform is not None and jobs > 1:  # fail now, not only once a corpus is large enough for the pool
        pickle.dumps(transform)
    stats = stats if stats is not None else ExtractStats()
    extra = tuple(str(g) for g in gazetteers)
    if prefetched is not None and (tuple(prefetched.gazetteers) != extra or prefetched.ner != ner):
        prefetched = None  # made with other options: not this extraction's results
    kb, _, table = gazetteer(extra)
    temporary = tempfile.mkdtemp(prefix="kg-cache-") if cache_dir is None else None
    cache = ExtractCache(cache_dir if cache_dir is not None else temporary, ner=ner)

    def progress(n: int) -> None:
        if on_paper is not None:
            for _ in range(n):
                on_paper()

    def first_pass() -> CorpusLinker:
        """Every paper's first-pass result from the cache or the pipeline (storing the new ones),
        observed by the corpus linker, which is returned finalized."""
        changed = cache.changed_aliases(table)
        if changed:  # a gazetteer change: re-extract only the papers that may contain a changed name
            stale = [text_key(t) for t in (paper_text(p) for p in papers()) if mentions_any(t, changed)]
            cache.invalidate(stale)
            stats.invalidated = len(stale)
        cache.save_aliases()
        linker = CorpusLinker()
        pending_keys: list[str] = []

        def pending_items():
            """Papers not in the cache, read in chunks; the rest is observed on the way."""
            for chunk in _chunks(papers(), CHUNK):
                texts = [paper_text(p) for p in chunk]
                keys = [text_key(t) for t in texts]
                found = cache.get_many(keys)
                stats.papers += len(chunk)
                seen: set[str] = set()
                early: list[tuple[str, bytes]] = []  # prefetched results, stored like the pipeline's
                for key, text in zip(keys, texts):
                    if key in found:
                        data = found[key]
                        linker.observe_discovered(discovered_in_json(data), data["abbreviations"])
                        progress(1)
                    elif key in seen:
                        progress(1)  # the same text twice: extracted once
                        duplicates.append(key)
                    elif prefetched is not None and (result := prefetched.take(key)) is not None:
                        seen.add(key)
                        early.append((key, result[0]))
                        linker.observe_discovered(result[1], result[2])
                        stats.extracted += 1
                        stats.prefetched += 1
                        progress(1)
                    else:
                        seen.add(key)
                        pending_keys.append(key)
                        yield key, text
                if early:
                    cache.put_many(early)

        duplicates: list[str] = []
        if engine == "dask" or scheduler:
            results = run_dask(pending_items(), extra, scheduler, ner)
        else:
            results = run_local(pending_items(), extra, jobs, ner)
        done = 0
        with closing(results):  # on an error, the pool (and its feeder thread) stops here, not later
            for batch in results:
                keys = pending_keys[done:done + len(batch)]
                done += len(batch)
                cache.put_many((key, data) for key, (data, _, _) in zip(keys, batch))
                for _, names, abbreviations in batch:
                    linker.observe_discovered(names, abbreviations)
                stats.extracted += len(batch)
                progress(len(batch))
        for key in duplicates:  # observed once per paper, like the others
            data = cache.get_many([key])[key]
            linker.observe_discovered(discovered_in_json(data), data["abbreviations"])
        stats.cached = stats.papers - stats.extracted
        if prefetched is not None:
            prefetched.results.clear()  # (the texts of records merged into other papers)
        linker.finalize(kb.entries)
        return linker

    try:
        try:
            linker = first_pass()
        except CacheDamaged:  # a damaged page met on the way: the cache and the pass are started again
            linker = None
        if linker is None:  # (outside the handler: nothing of the failed pass is kept alive)
            cache.start_again()
            stats.papers = stats.extracted = stats.invalidated = stats.prefetched = 0
            linker = first_pass()
        if jobs > 1 and engine == "local" and not scheduler and stats.papers >= PARALLEL_SECOND_PASS:
            yield from run_second_pass(_chunks(papers(), CHUNK), linker, kb, cache, jobs, transform)
            return
        for chunk in _chunks(papers(), CHUNK):
            for batch in _batches(chunk):
                yield from zip(batch, finish_batch(batch, linker, kb, cache, transform))
    except CacheDamaged as exc:  # records were handed out already: no starting again now
        cache.start_again()
        raise InputError(f"the extraction cache was found damaged ({exc}); it is started again empty: "
                         "run the command again") from None
    finally:
        cache.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def extract(papers: Iterable[Paper | dict[str, Any]] | Paper | dict[str, Any], *,
            gazetteers: Iterable[str | Path] | str | Path = (), jobs: int = 1,
            cache_dir: str | Path | None = None, engine: str = "local", scheduler: str | None = None,
            on_paper: Callable[[], None] | None = None, stats: ExtractStats | None = None,
            ner: bool = False) -> list[dict[str, Any]]:
    """Extraction records for `papers` (one `kg.Paper` or any iterable of them, read once; or records as
    dicts with a title and an abstract, read as `kg.papers_from_records` reads them), in order (see
    `output.paper_record` for the shape). `gazetteers`: extra gazetteer files (one path or several)."""
    from kg.collector import collecting_less

    if isinstance(papers, (Paper, dict)):  # extract(paper): one paper, as read_papers takes one path
        papers = [papers]
    elif not isinstance(papers, Iterable) or isinstance(papers, (str, bytes)):
        raise UsageError(f"extract() takes kg.Paper records (from kg.read_papers) or dicts with a title and "
                         f"an abstract, not {type(papers).__name__}")
    papers = list(papers)  # the extraction reads them twice (a generator would be empty the second time)
    if papers and all(isinstance(p, dict) for p in papers):
        from kg.ingest import papers_from_records

        papers = papers_from_records(papers)
    elif any(isinstance(p, dict) for p in papers) and any(isinstance(p, Paper) for p in papers):
        raise UsageError("extract() takes kg.Paper records or dicts, not a mix of the two: read the dicts with "
                         "kg.papers_from_records first")
    if isinstance(gazetteers, (str, Path)):
        gazetteers = [gazetteers]
    if any(not isinstance(p, Paper) for p in papers):
        raise UsageError("extract() takes kg.Paper records (from kg.read_papers) or dicts with a title and an "
                         f"abstract, not {type(next(p for p in papers if not isinstance(p, Paper))).__name__}")

    with collecting_less():
        return [record for _, record in extract_stream(lambda: papers, gazetteers=gazetteers, jobs=jobs,
                                                        cache_dir=cache_dir, engine=engine, scheduler=scheduler,
                                                        on_paper=on_paper, stats=stats, ner=ner)]
