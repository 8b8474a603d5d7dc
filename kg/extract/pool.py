"""Worker processes that run batches in order and stop when one of them dies.

`multiprocessing.Pool` replaces a worker that dies (killed by the out-of-memory killer, or by a
user) and then waits forever for the batch that worker was running: a build hung without a word.
`ordered` runs on `concurrent.futures.ProcessPoolExecutor` instead, which notices a dead worker and
fails the pending batches, and turns that into one `WorkerDied` error. It keeps a bounded window of
batches in flight, so input of any size streams through (`Executor.map` submits every task at once).
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from kg.errors import KGError
from kg.interrupts import signals_held

Task = TypeVar("Task")


class WorkerDied(KGError):
    """A worker process stopped in the middle of the work (killed, out of memory, or a script that
    starts workers without `if __name__ == "__main__":`). Exit 2."""


# the libraries every worker imports, imported once by the fork server, so that a worker forked from it
# starts with them: about 1 s of imports (spaCy's mostly) for each worker of each pass otherwise, and a
# second-pass worker took its initargs only once imported, the next one starting after it. Not kg's own
# modules: the server finds modules through its own sys.path (the working directory first), which
# may hold another kg than the one running.
WORKER_MODULES = ("spacy", "spacy.pipeline", "networkx", "orjson")


def _context():
    import multiprocessing as mp

    # forkserver: workers start from a clean process (no copy of the parent's threads or memory)
    if os.name != "posix":
        return mp.get_context("spawn")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *WORKER_MODULES])  # (no effect once the server runs)
    _start_forkserver_deaf_to_ctrl_c()
    return context


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """The fork server, and the workers it forks, ignore SIGINT from their first instruction: a
    terminal's Ctrl-C reaches every process of the build, and one still starting printed a
    KeyboardInterrupt traceback. A process started with SIGINT ignored keeps it ignored; the build's
    own Ctrl-C arriving meanwhile is blocked in this thread and handled after (the kernel may still
    hand it to another thread, for the milliseconds of the start). Does nothing if the server runs."""
    import signal
    import threading
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():  # (handlers are the main thread's)
        forkserver.ensure_running()
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, signal.SIG_DFL if handler is None else handler)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def ordered(function: Callable[[Task], Any], tasks: Iterable[Task], jobs: int, *,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            window: int | None = None) -> Iterator[tuple[Task, Any]]:
    """(task, function(task)) for every task, in the order of `tasks`, computed by `jobs` processes
    with at most `window` tasks in flight (default 2 * jobs + 2). An error raised by `function` is
    raised here; a worker that dies raises `WorkerDied`. Closing the iterator early (or an error in
    the caller) stops the workers at once."""
    window = window or 2 * jobs + 2
    executor = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=initializer, initargs=initargs)
    in_flight: deque[tuple[Task, Future]] = deque()
    finished = False
    try:
        try:
            for task in tasks:
                try:
                    with signals_held():  # a worker being started is in the pool's list before Ctrl-C lands
                        future = executor.submit(function, task)
                except (OSError, EOFError) as exc:  # a worker that died while it was being started
                    raise BrokenProcessPool(str(exc)) from exc
                in_flight.append((task, future))
                if len(in_flight) >= window:
                    done, future = in_flight.popleft()
                    yield done, future.result()
            while in_flight:
                done, future = in_flight.popleft()
                yield done, future.result()
        except BrokenProcessPool as exc:
            raise WorkerDied("a worker process stopped before finishing its batch (killed, out of memory, or it "
                             "failed to start); run again, with fewer --jobs if memory is short (a script that "
                             "calls kg with jobs > 1 needs its calls under 'if __name__ == \"__main__\":')") from exc
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:  # an error, Ctrl-C or an abandoned iterator: no waiting for the batches in flight
            _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    # the workers go first: one still starting (a Ctrl-C in the first second of a build) printed a
    # traceback when shutdown() had already removed the queue's semaphore it was unpickling
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
    executor.shutdown(wait=False, cancel_futures=True)
