"""Writing outputs so that a failed or interrupted run never leaves a half-written file.

Each output is written to a temporary file in the same folder, flushed to disk, then renamed over the
old one (`os.replace` is atomic on POSIX). A build stages all its files first and renames them only
once everything has been written, so the previous exports stay intact until the new ones are complete.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else "\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Staging:
    """A folder of new outputs that replace the old ones only when `commit()` is called.

    Files are written under `out/.staging-XXXX/`; `commit()` renames each into `out/`; leaving the
    context without committing (an error, Ctrl-C) deletes the staging folder and keeps `out/` as it was.
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.dir: Path | None = None

    def __enter__(self) -> "Staging":
        self.out.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.out))
        return self

    def path(self, name: str) -> Path:
        assert self.dir is not None, "use Staging as a context manager"
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def commit(self) -> list[Path]:
        """Move every staged file into place; returns the final paths."""
        assert self.dir is not None
        written = []
        for staged in sorted(p for p in self.dir.rglob("*") if p.is_file() or p.is_symlink()):
            final = self.out / staged.relative_to(self.dir)
            final.parent.mkdir(parents=True, exist_ok=True)
            with open(staged, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(staged, final)
            written.append(final)
        for folder in sorted((p for p in self.dir.rglob("*") if p.is_dir()), reverse=True):
            folder.rmdir()
        return written

    def __exit__(self, *exc: object) -> None:
        if self.dir is not None and self.dir.exists():
            shutil.rmtree(self.dir, ignore_errors=True)
