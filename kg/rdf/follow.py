"""Turtle and JSON-LD converted from graph.nt while the build is still writing it.

A large build writes its N-Triples during the second pass, one paper at a time. Converting them only
afterwards left one core idle for the whole conversion (280K abstracts: about 37 s for Turtle). A
`FollowingConversion` runs Oxigraph's converter in a low-priority process per format
(`kg.rdf.follow.main`: FORMAT NT OUT) that reads graph.nt as it grows, so the conversion uses the
cycles the extraction leaves idle and ends soon after the last line. The output is the same as
converting the finished file (`kg.rdf.export.serialize_from`).

The build tells a converter that graph.nt is complete by writing one byte to its stdin. Its stdin
closing without that byte (the build failed, was interrupted or killed) makes it give up at once.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

POLL = 0.05  # seconds between looks at a file that has not grown
DONE = b"d"  # on a converter's stdin: graph.nt is complete
CANCELLED = 3  # a converter's exit code when it gave up


class Cancelled(Exception):
    """The build stopped: the conversion is abandoned."""


class GrowingFile(io.RawIOBase):
    """A binary file being written by another process, read to its end: at its current end, `read`
    waits until it grows, or ends the file once `done` is set (set only after the writer closed it).
    It gives up (`Cancelled`) when `cancel` is set. `done` and `cancel`: anything with `is_set()`."""

    def __init__(self, path: Path, done: Any, cancel: Any) -> None:
        super().__init__()
        self._handle = open(path, "rb", buffering=0)
        self._done = done
        self._cancel = cancel

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
            time.sleep(POLL)

    def close(self) -> None:
        self._handle.close()
        super().close()


def _listen(stream, done: threading.Event, cancel: threading.Event) -> None:
    """The converter's stdin: DONE sets `done`; anything else, or its end, sets `cancel`."""
    byte = stream.read(1)
    (done if byte == DONE else cancel).set()


def _run_when_idle() -> None:
    """Only the cycles the build leaves idle: the extraction, not the conversion, is the long pole.
    Linux's SCHED_IDLE never delays a busy process; nice 19 elsewhere (measured at 280K abstracts:
    nice 19 still took from the extraction about what it saved at the end)."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        if hasattr(os, "nice"):
            os.nice(19)


def main(argv: list[str] | None = None) -> int:
    """python -m kg.rdf.follow FORMAT NT OUT: convert the growing NT file; 0 when done, CANCELLED when
    the build went away, 1 with a one-line error on stderr when the conversion failed."""
    from kg.rdf.export import serialize_from

    fmt, nt, out = argv if argv is not None else sys.argv[1:]
    _run_when_idle()
    done, cancel = threading.Event(), threading.Event()
    threading.Thread(target=_listen, args=(sys.stdin.buffer, done, cancel), daemon=True).start()
    try:
        with io.BufferedReader(GrowingFile(Path(nt), done, cancel), buffer_size=1 << 20) as source:
            serialize_from(source, Path(out), fmt)
    except Cancelled:
        return CANCELLED
    except Exception as exc:  # noqa: BLE001 (reported by the build)
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


class FollowingConversion:
    """Converters of the N-Triples file `nt` to `outputs` ({path: "turtle" or "jsonld"}), one process
    each. Start them with `start()` once `nt` exists, call `finish()` after closing it; leaving the
    block without `finish()` stops them."""

    def __init__(self, nt: Path, outputs: dict[Path, str]) -> None:
        self.nt = nt
        self.outputs = outputs
        self._processes: list[tuple[str, subprocess.Popen, Any]] = []  # (format, process, its stderr)

    def __enter__(self) -> FollowingConversion:
        return self

    def start(self) -> None:
        # kg importable in the converter however this process found it (last on the path: shadows nothing)
        package_root = str(Path(__file__).resolve().parents[2])
        code = f"import sys; sys.path.append({package_root!r}); from kg.rdf.follow import main; sys.exit(main())"
        for out, fmt in self.outputs.items():
            errors = tempfile.TemporaryFile()
            # a session of its own: the terminal's Ctrl-C is the build's to handle, which then closes stdin
            process = subprocess.Popen([sys.executable, "-c", code, fmt, str(self.nt), str(out)],
                                       stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors,
                                       start_new_session=True)
            self._processes.append((fmt, process, errors))

    @property
    def pids(self) -> list[int]:
        return [process.pid for _, process, _ in self._processes]

    def finish(self) -> None:
        """Tell the converters that `nt` is complete and wait for them; raise the first one's error
        (`kg.errors.ExportError`: the CLI reports it in one line)."""
        for _, process, _ in self._processes:
            _tell(process, DONE)
        failed = None
        for fmt, process, errors in self._processes:
            if failed is not None:  # one has failed: the build fails, the others need not finish
                process.kill()
            code = process.wait()
            if code and failed is None:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace").strip().splitlines()
                failed = f"{fmt}: {message[-1] if message else f'the converter exited with code {code}'}"
        self._close()
        if failed:
            from kg.errors import ExportError

            raise ExportError(f"converting graph.nt failed: {failed}")

    def __exit__(self, exc_type, exc, tb) -> None:
        for _, process, _ in self._processes:
            _tell(process)  # no DONE: the converter gives up
        for _, process, _ in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._close()

    def _close(self) -> None:
        for _, _, errors in self._processes:
            errors.close()
        self._processes = []


def _tell(process: subprocess.Popen, message: bytes = b"") -> None:
    """Write `message` to a converter's stdin and close it (a converter that has already ended is
    left alone: its exit code says how it ended)."""
    with suppress(OSError):
        process.stdin.write(message)
    with suppress(OSError):
        process.stdin.close()

if __name__ == "__main__":
    sys.exit(main())
