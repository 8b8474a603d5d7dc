"""Fewer runs of Python's cyclic garbage collector during a long extraction or build.

Extraction makes many short-lived containers per paper while keeping large long-lived structures
(the pipeline, the corpus linker, the graph aggregates). At the default threshold (a collection
every 700 net allocations) the collector keeps re-walking them: in a 28K-abstract build it cost the
main process about 40% of its time in the second pass.

The settings are the process's: while a block runs, every thread collects less often.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = (50_000, 20, 100)

_lock = threading.Lock()
_depth = 0  # blocks open in this process: only the outermost saves and restores the threshold
_saved: tuple[int, ...] | None = None


def collect_less() -> None:
    """For a worker process: what exists now is never traversed again, and collections are rarer."""
    gc.freeze()
    gc.set_threshold(*THRESHOLD)


@contextmanager
def collecting_less() -> Iterator[None]:
    """Rarer collections for the duration of a block, then the previous threshold (also on error,
    and with nested or concurrent blocks: the outermost one restores it). Nothing is frozen or
    collected here: in a caller's process that would pin its garbage or cost a full collection of
    its heap per call. Do not hold the block open in a generator: the setting would last until it is
    closed."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*THRESHOLD)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
