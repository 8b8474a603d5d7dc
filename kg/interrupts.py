"""Ctrl-C and SIGTERM as KeyboardInterrupt, but never in the middle of Python's import machinery.

CPython raises a signal handler's exception at the next bytecode boundary, wherever that is. Inside
importlib's bootstrap code it can land between taking and releasing the global import lock: in a
module lock's weakref callback the exception is then lost ("Exception ignored in: <function
_get_module_lock.<locals>.cb>") and the lock stays held. A `kg build` interrupted so went on as if no
Ctrl-C had come, then hung for good when its store-loading thread imported a module. The handler
here holds the interrupt back while the interrupted code is importlib's own and raises it a moment
later, outside it (a module's body being imported is not importlib's code: an interrupt
there is raised at once, and the import machinery cleans up after it).

Code that swallows exceptions can still lose one (measured: a Ctrl-C during numpy's import, inside a
C extension's initialisation, and the build finished and replaced the exports, exit 0). The handler
therefore also remembers the signal, and a long run calls `check()` at safe points (before it commits
its outputs): an interrupt that was lost on the way is raised there.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

_IMPORT_MACHINERY = "<frozen importlib."  # _bootstrap and _bootstrap_external
RETRY = 0.001  # seconds: importlib's own steps take microseconds

_received: int | None = None  # the signal the handler raised KeyboardInterrupt for (sticky)


def install() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt in the main thread (SIGTERM ends a run like Ctrl-C:
    staged outputs are removed, earlier exports stay), except inside the import machinery."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupt)


def interrupt(signum: int, frame: FrameType | None) -> None:
    """The handler: KeyboardInterrupt, or the same handler again a moment later when the interrupted
    code is the import machinery's."""
    global _received
    if in_import_machinery(frame):
        _again_soon(signum)
        return
    _received = signum
    raise KeyboardInterrupt


def check() -> None:
    """KeyboardInterrupt if `interrupt` has raised one, in case code in between swallowed it. Without
    the handler installed (the Python API), this never raises."""
    if _received is not None:
        raise KeyboardInterrupt


def _again_soon(signum: int) -> None:
    """Run `interrupt` for `signum` after RETRY seconds (an alarm: delivering the signal again at once
    runs the handler at once, in its own frame, where it raised)."""
    signal.signal(signal.SIGALRM, lambda _alarm, frame: interrupt(signum, frame))
    signal.setitimer(signal.ITIMER_REAL, RETRY)


def in_import_machinery(frame: FrameType | None) -> bool:
    """Whether the interrupted code is importlib's bootstrap (not a module it is running)."""
    return frame is not None and frame.f_code.co_filename.startswith(_IMPORT_MACHINERY)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM until the block ends, then raise them again with the usual handlers.

    Python handlers rather than a signal mask, because a mask covers one thread only and the kernel may
    hand the signal to another (the store loader, a pool's helper threads). Outside the main thread,
    where handlers cannot be set, this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):  # signal.signal() first runs any pending handler
            previous[sig] = signal.signal(sig, lambda signum, frame: pending.append(signum))
        yield
    finally:
        arrived = None
        for sig, handler in previous.items():  # every handler is put back, whatever happens meanwhile
            try:
                signal.signal(sig, signal.SIG_DFL if handler is None else handler)
            except BaseException as error:  # a signal that came in between, handled by its own handler
                arrived = arrived or error
        if arrived is not None:
            raise arrived
        for sig in dict.fromkeys(pending):
            signal.raise_signal(sig)
