"""Ctrl-C and SIGTERM as KeyboardInterrupt, but never in the middle of Python's import machinery.

CPython raises a signal handler's exception at the next bytecode boundary, wherever that is. Inside
importlib's bootstrap code it can land between taking and releasing the global import lock: in a
module lock's weakref callback the exception is then lost ("Exception ignored in: <function
_get_module_lock.<locals>.cb>") and the lock stays held. A `kg build` interrupted so went on as if no
Ctrl-C had come, then hung for good when its store-loading thread imported a module. The handler
here holds the interrupt back while the interrupted code is importlib's own and raises it a moment
later, outside it (or after two seconds anyway: an import that hangs must still end) (a module's body being imported is not importlib's code: an interrupt
there is raised at once, and the import machinery cleans up after it).

Code that swallows exceptions can still lose one (measured: a Ctrl-C during numpy's import, inside a
C extension's initialisation, and the build finished and replaced the exports, exit 0). The handler
therefore also remembers the signal, and a long run calls `check()` at safe points (before it commits
its outputs): an interrupt that was lost on the way is raised there.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

_IMPORT_MACHINERY = "<frozen importlib."  # _bootstrap and _bootstrap_external
RETRY = 0.001  # seconds: importlib's own steps take microseconds
MAX_DEFERRAL = 2.0  # seconds: then Ctrl-C is raised even there (an import that hangs must still end)

_received: int | None = None  # the first signal that reached the handler (sticky: see check())
_held: int | None = None  # the signal held back, to be handled again when the alarm goes off
_held_since = 0.0
_alarm_before: Any = None  # SIGALRM's handler before the first retry was armed


def install() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt in the main thread (SIGTERM ends a run like Ctrl-C:
    staged outputs are removed, earlier exports stay), except inside the import machinery."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupt)


def interrupt(signum: int, frame: FrameType | None) -> None:
    """The handler: KeyboardInterrupt, or the same signal handled again a moment later when the
    interrupted code is the import machinery's (for at most MAX_DEFERRAL seconds)."""
    global _received
    if _received is None:
        _received = signum
    if in_import_machinery(frame) and _hold(signum):
        return
    _stop_retrying()  # one KeyboardInterrupt for a held signal and a later one
    raise KeyboardInterrupt


def check() -> None:
    """KeyboardInterrupt if a SIGINT or SIGTERM has reached `interrupt`, in case code in between
    swallowed the exception (or it is still held back). Without the handler installed (the Python
    API), this never raises."""
    if _received is not None:
        raise KeyboardInterrupt


def _hold(signum: int) -> bool:
    """Hold `signum` back and arm an alarm that hands it, RETRY seconds later, to whatever handles it
    then (delivering the signal again at once runs the handler at once, in its own frame); False once
    it has been held for MAX_DEFERRAL seconds."""
    global _held, _held_since, _alarm_before
    now = time.monotonic()
    if _held is None:
        _held, _held_since = signum, now
        _alarm_before = signal.signal(signal.SIGALRM, _retry)
    elif now - _held_since > MAX_DEFERRAL:
        return False
    signal.setitimer(signal.ITIMER_REAL, RETRY)
    return True


def _retry(_alarm: int, frame: FrameType | None) -> None:
    """The alarm: the held signal goes to its handler of now (`interrupt` again; `signals_held`, which
    notes it for later; the CLI's quiet exit once the outcome is decided)."""
    signum = _held
    if signum is None:
        return
    handler = signal.getsignal(signum)
    if handler is interrupt:
        interrupt(signum, frame)  # raises, or holds it again
        return
    if handler == signal.SIG_IGN or handler is None:  # set aside for a moment (the fork server's start)
        if time.monotonic() - _held_since <= MAX_DEFERRAL:
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return
    _stop_retrying()
    if callable(handler):
        handler(signum, frame)
    elif handler == signal.SIG_DFL:
        signal.raise_signal(signum)


def _stop_retrying() -> None:
    global _held, _alarm_before
    if _held is None:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL if _alarm_before is None else _alarm_before)
    _held, _alarm_before = None, None


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
