"""The first pass begun while the papers are still being read (`kg build` with more than one job).

Reading and merging 280K abstracts takes about 20 s on one core, and the extraction's workers
started only after it: the other core was idle. A `Prefetch` extracts papers as they are read, on
one worker process of its own, a batch whenever that worker is free (the reading does not wait for
it: the batches it has no time for are left to the first pass), and keeps each result in memory.
The first pass then takes those papers' results from it instead of extracting them again.

What it extracts is what the first pass would have (the same pipeline and options, keyed by the
paper's text, as the cache is), so the output is the same with or without it. It begins after
`START` records (a short read is over before the worker is ready) and keeps at most `LIMIT` results (bounded
memory, whatever the input). Anything that goes wrong in its worker (a bad --gazetteer file, a
killed process) only ends the prefetching: the first pass extracts those papers and meets the
error itself.
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Any

from kg.extract.cache import ExtractCache, text_key
from kg.extract.parallel import BATCH, FirstPass, _init_worker, extract_batch
from kg.extract.pool import _context, _stop
from kg.interrupts import signals_held
from kg.model import Paper

START = 30_000  # records read before prefetching begins (a shorter read ends before its worker is ready)
LIMIT = 60_000  # results kept at most (about 2.5 KB each)
IN_FLIGHT = 2  # batches given to the worker at once: one running, one waiting


class Prefetch:
    """`offer` each paper as it is read; `finish` when the reading is done; then `take` the results
    by text key (kg.extract.cache.text_key). A context manager: leaving it stops the worker."""

    def __init__(self, gazetteers: tuple[str, ...] = (), ner: bool = False, cache_dir: str | Path | None = None) -> None:
        # the fork server starts now: its imports take a second, while the first records are read
        self._context = _context()
        self.gazetteers = gazetteers
        self.ner = ner
        self.cache_dir = cache_dir
        self.results: dict[str, FirstPass] = {}
        self.offered = 0
        self._batch: list[Paper] = []
        self._keys: set[str] = set()  # the texts given to the worker
        self._in_flight: deque[tuple[list[str], Future]] = deque()  # (the batch's keys, its result)
        self._executor: Any = None
        self._cache: ExtractCache | None = None  # (records are read meanwhile)
        self._stopped = False

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def offer(self, paper: Paper) -> None:
        """A paper just read: extracted with the next batch, if the worker has time for it (a batch
        it has no time for costs the reading nothing more than this call)."""
        self.offered += 1
        if self._stopped or self.offered <= START:
            return
        self._batch.append(paper)
        if len(self._batch) >= BATCH:
            batch, self._batch = self._batch, []
            self._collect()
            if len(self._in_flight) < IN_FLIGHT and len(self.results) + BATCH * (len(self._in_flight) + 1) <= LIMIT:
                self._submit(batch)

    def finish(self, wait: bool = False) -> None:
        """The reading is done: the results of the batches that are done are kept, and the worker is
        told to stop once it has done the batches it holds (two at most: the first pass extracts their
        papers again, as waiting for them would keep its workers waiting; `wait` waits all the same).
        It is not killed: killed while sending a result, it would leave the pool's thread waiting for
        the rest of it, and the build waiting for that thread at its exit. `close` after this stops
        nothing more: the worker ends when those batches are done."""
        self._collect(wait)
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        self.close()

    def take(self, key: str) -> FirstPass | None:
        """The result for a text key, once (None if it was not prefetched)."""
        return self.results.pop(key, None)

    def close(self) -> None:
        """Stop at once (before `finish`, after an error or a Ctrl-C: the worker is terminated)."""
        self._stopped = True
        if self._executor is not None:
            _stop(self._executor)
            self._executor = None
        self._in_flight.clear()
        if self._cache is not None:
            with suppress(Exception):
                self._cache.close()
            self._cache = None

    # -- inside ----------------------------------------------------------------------------------------
    def _submit(self, papers: list[Paper]) -> None:
        from kg.extract.pipeline import paper_text  # (spaCy: not imported before a prefetch begins)

        batch = []
        for text in map(paper_text, papers):
            key = text_key(text)
            if key not in self._keys:  # (the same text twice is extracted once)
                self._keys.add(key)
                batch.append((key, text))
        try:
            batch = self._not_cached(batch)
            if not batch:
                return
            if self._executor is None:
                self._executor = ProcessPoolExecutor(1, mp_context=self._context, initializer=_init_worker)
            with signals_held():  # a worker being started is in the pool's list before Ctrl-C lands
                future = self._executor.submit(extract_batch, batch, self.gazetteers, self.ner)
            self._in_flight.append(([key for key, _ in batch], future))
        except Exception:  # (no worker could start: the first pass does without it)
            self.close()

    def _not_cached(self, batch: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The papers of a batch that the build's cache does not hold (an incremental build's old
        papers are not extracted again)."""
        if self.cache_dir is None:
            return batch
        if self._cache is None:
            self._cache = ExtractCache(self.cache_dir, ner=self.ner)
        held = self._cache.held([key for key, _ in batch])
        return [item for item in batch if item[0] not in held]

    def _collect(self, wait: bool = False) -> None:
        while self._in_flight and (wait or self._in_flight[0][1].done()):
            keys, future = self._in_flight.popleft()
            try:
                results = future.result()
            except Exception:  # an error or a dead worker: no more prefetching
                self.close()
                return
            self.results.update(zip(keys, results))
