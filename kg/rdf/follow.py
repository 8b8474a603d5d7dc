"""Turtle and JSON-LD converted from graph.nt while the build is still writing it.

A large build writes its N-Triples during the second pass, one paper at a time. Converting them only
afterwards left one core idle for the whole conversion (280K abstracts: about 37 s for Turtle). A
`FollowingConversion` runs Oxigraph's converter in a process of its own that reads graph.nt as it
grows, so the conversion shares the cores with the extraction and ends soon after the last line.
The output is the same as converting the finished file (`kg.rdf.export.serialize_from`).
"""
from __future__ import annotations

import io
import os
import queue
import signal
import time
from pathlib import Path
from typing import Any

POLL = 0.05  # seconds between looks at a file that has not grown


class Cancelled(Exception):
    """The build stopped: the conversion is abandoned."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's (the pid was reused)
        return True
    return True


class GrowingFile(io.RawIOBase):
    """A binary file being written by another process, read to its end: at its current end, `read`
    waits until it grows, or ends the file once `done` is set (set only after the writer closed it).
    It gives up (`Cancelled`) when `cancel` is set or the `writer` process is gone (killed)."""

    def __init__(self, path: Path, done: Any, cancel: Any, writer: int | None = None) -> None:
        super().__init__()
        self._handle = open(path, "rb", buffering=0)
        self._done = done
        self._cancel = cancel
        self._writer = writer

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._cancel.is_set():
                raise Cancelled()
            count = self._handle.readinto(buffer)
            if count:
                return count
            if self._done.is_set():  # the writer has closed the file: what is left, then the end
                return self._handle.readinto(buffer) or 0
            if self._writer is not None and not _alive(self._writer):
                raise Cancelled()
            time.sleep(POLL)

    def close(self) -> None:
        self._handle.close()
        super().close()


def _convert(nt: str, out: str, fmt: str, done: Any, cancel: Any, errors: Any, writer: int) -> None:
    """In the converter process: `out` in `fmt` from the growing `nt` written by process `writer`; an
    error is sent to `errors`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build's Ctrl-C reaches it through `cancel`
    if hasattr(os, "nice"):  # idle cycles first: the extraction, not the conversion, is the long pole
        os.nice(19)
    from kg.rdf.export import serialize_from

    try:
        with io.BufferedReader(GrowingFile(Path(nt), done, cancel, writer), buffer_size=1 << 20) as source:
            serialize_from(source, Path(out), fmt)
    except Cancelled:
        errors.put(None)
    except BaseException as exc:  # noqa: BLE001 (reported by the build process)
        errors.put(f"{type(exc).__name__}: {exc}")
    else:
        errors.put(None)


class FollowingConversion:
    """Converters of the N-Triples file `nt` to `outputs` ({path: "turtle" or "jsonld"}), one process
    each. Start them with `start()` once `nt` exists, call `finish()` after closing it; leaving the
    block early stops them."""

    def __init__(self, nt: Path, outputs: dict[Path, str]) -> None:
        import multiprocessing as mp

        self._context = mp.get_context("forkserver" if os.name == "posix" else "spawn")
        self.nt = nt
        self.outputs = outputs
        self._done = self._context.Event()
        self._cancel = self._context.Event()
        self._errors = self._context.Queue()
        self._processes: list[Any] = []

    def __enter__(self) -> FollowingConversion:
        return self

    def start(self) -> None:
        for out, fmt in self.outputs.items():
            process = self._context.Process(target=_convert, name=f"kg-{fmt}", daemon=True,
                                            args=(str(self.nt), str(out), fmt, self._done, self._cancel, self._errors,
                                                  os.getpid()))
            process.start()
            self._processes.append(process)

    def finish(self) -> None:
        """Wait for the conversions of the complete file; raise the first error of one."""
        self._done.set()
        problems: list[str | None] = []
        while len(problems) < len(self._processes):
            try:
                problems.append(self._errors.get(timeout=0.5))
            except queue.Empty:
                if not any(p.is_alive() for p in self._processes) and self._errors.empty():
                    break  # one died without a word (killed): its exit code says so below
        for process in self._processes:
            process.join()
        failed = [p for p in problems if p] + [f"{p.name} exited with code {p.exitcode}"
                                                for p in self._processes if p.exitcode]
        self._processes = []
        if failed:
            raise RuntimeError(f"converting graph.nt failed: {failed[0]}")

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._processes:
            return
        self._cancel.set()
        for process in self._processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        self._processes = []
