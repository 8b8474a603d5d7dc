"""Writing outputs so that a failed or interrupted run never leaves a half-written file.

Each output is written to a temporary file in the same folder, flushed to disk, then renamed over the
old one (`os.replace` is atomic on POSIX). A build stages all its files first and renames them only
once everything has been written, so the previous exports stay intact until the new ones are complete.
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kg.errors import ExportError
from kg.interrupts import signals_held


def _cannot_write(path: str | Path, exc: OSError) -> ExportError:
    """The one-line error for an output that cannot be written: the path as given, and why."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):  # "afile is not a folder" rather than "File exists"
        parent = next((p for p in Path(path).parents if p.exists() or p.is_symlink()), None)
        if parent is not None and not parent.is_dir():
            reason = f"{parent} is not a folder"
    return ExportError(f"cannot write {path}: {reason}")


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed.

    A symbolic link is followed: the file it points to is replaced and the link stays. A device, FIFO or
    other special file is written in place (no temporary file, no rename: it must not be replaced). An
    OSError creating or writing the output (not a folder, full disk) becomes an ExportError naming `path`."""
    given = path
    path = Path(path)
    text = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
    special: IO[Any] | None = None
    try:
        if path.is_symlink():
            path = Path(os.path.realpath(path))  # (a loop: os.stat below fails with ELOOP)
        try:
            kind: int | None = os.stat(path).st_mode
        except FileNotFoundError:
            kind = None
        if kind is not None and stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if kind is not None and not stat.S_ISREG(kind):
            special = open(path, mode, **text)  # (a FIFO: waits for a reader, as the shell's `>` does)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(given, exc) from None
    if special is not None:
        yield from _write_in_place(given, special)
        return
    umask = os.umask(0)
    os.umask(umask)
    in_block = False  # in the caller's block, an OSError naming a file is not about this output
    try:
        with os.fdopen(fd, mode, **text) as handle:
            os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes the file private; an export is an ordinary file
            in_block = True
            yield handle
            in_block = False
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if _about_output(exc, in_block):
            raise _cannot_write(given, exc) from None
        raise


def _about_output(exc: BaseException, in_block: bool) -> bool:
    """Whether an error while writing an output is about that output: any OSError of its own writing, but
    in the caller's block one that names a file is about that other file."""
    return isinstance(exc, OSError) and not (in_block and exc.filename is not None)


def _write_in_place(given: str | Path, handle: IO[Any]) -> Iterator[IO[Any]]:
    """atomic_write's body for a device or FIFO: `handle` is the special file itself, opened for writing."""
    in_block = False
    try:
        with handle:
            in_block = True
            yield handle
            in_block = False
            handle.flush()
    except OSError as exc:
        if _about_output(exc, in_block):
            raise _cannot_write(given, exc) from None
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    """A file, a symbolic link (not what it points to) or a folder, if there."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


class Staging:
    """A folder of new outputs that replace the old ones only when `commit()` is called.

    Files are written under `out/.staging-XXXX/`; `commit()` renames each into `out/`; leaving the
    context without committing (an error, Ctrl-C) deletes the staging folder and keeps `out/` as it was.
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.dir: Path | None = None
        self.committed = False  # every staged file is in place (set before a held signal is delivered)
        self.removed: list[Path] = []  # what commit(remove=...) deleted

    def __enter__(self) -> "Staging":
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._remove_abandoned()
            self.dir = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=self.out))
        except OSError as exc:
            raise _cannot_write(self.out, exc) from None
        return self

    def _remove_abandoned(self) -> None:
        """Staging folders of builds that were killed (their process is gone)."""
        for folder in self.out.glob(".staging-*"):
            try:
                pid = int(folder.name.split("-")[1])
            except (IndexError, ValueError):
                continue
            if not _alive(pid):
                shutil.rmtree(folder, ignore_errors=True)
        for folder in self.out.glob(".old-*"):
            _remove(folder)

    def path(self, name: str) -> Path:
        assert self.dir is not None, "use Staging as a context manager"
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self, remove: Iterable[str] = ()) -> list[Path]:
        """Move every staged file and folder into place, and delete the files and folders of `out`
        named in `remove` (outputs this run no longer makes); returns the final paths.

        Everything is flushed to disk first; then the renames run with Ctrl-C and SIGTERM held back,
        so an interruption lands before or after the whole swap, never between two files. A staged
        folder (the Oxigraph store) replaces the old one as a whole: the old folder is renamed aside,
        the new one renamed in, and the old one deleted after the swap."""
        assert self.dir is not None
        staged_items = sorted(self.dir.iterdir())
        for staged in staged_items:
            for item in (staged.rglob("*") if staged.is_dir() else [staged]):
                if item.is_file():
                    with open(item, "rb") as handle:
                        os.fsync(handle.fileno())
        written: list[Path] = []
        set_aside: list[Path] = []

        def put_aside(folder: Path) -> None:  # renamed now, deleted once the swap is complete
            old = self.out / f".old-{folder.name}-{os.getpid()}"
            _remove(old)
            os.replace(folder, old)
            set_aside.append(old)

        with signals_held():
            for staged in staged_items:
                final = self.out / staged.name
                if staged.is_dir() and final.exists():
                    put_aside(final)
                os.replace(staged, final)
                written.append(final)
            staged_names = {staged.name for staged in staged_items}
            for name in remove:
                final = self.out / name
                if name in staged_names or not (final.exists() or final.is_symlink()):
                    continue  # never what this run wrote
                if final.is_dir() and not final.is_symlink():
                    put_aside(final)
                else:
                    final.unlink()
                self.removed.append(final)
            for old in set_aside:  # before a held Ctrl-C is delivered, so no old store is left behind
                _remove(old)
            self.committed = True
        return written

    def __exit__(self, *exc: object) -> None:
        if self.dir is not None and self.dir.exists():
            shutil.rmtree(self.dir, ignore_errors=True)
