"""An input file: strict UTF-8 decoding with the byte offset of the first bad byte, gzip, line
iteration for streaming readers, and the first few kilobytes for format sniffing."""
from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError

HEAD_BYTES = 65536


@dataclass(frozen=True)
class InputFile:
    path: Path
    name: str  # how messages and sources refer to the file

    def __post_init__(self) -> None:
        if not self.name.isascii():  # a name that is not UTF-8 arrives with lone surrogates (os.fsdecode):
            # shown with U+FFFD, since messages and papers.jsonl are UTF-8
            object.__setattr__(self, "name", self.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))

    @classmethod
    def at(cls, path: str | Path, name: str | None = None) -> "InputFile":
        path = Path(path)
        label = name or str(path)
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a directory, not a file")
        if not path.is_file():  # a pipe: opening it to check would take the writer's data
            if not os.access(path, os.R_OK):
                raise InputError(f"{label}: cannot read (permission denied)")
            return cls(path, label)
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
        return cls(path, label)

    @contextmanager
    def rereadable(self) -> Iterator["InputFile"]:
        """This file, or for a pipe (`kg build <(zcat papers.gz)`) a temporary copy of it: sniffing
        the format reads the start of a file, and the reader then reads it again from the start."""
        if self.path.is_file():
            yield self
            return
        handle, temporary = tempfile.mkstemp(prefix="kg-input-", suffix=self.path.suffix)
        try:
            with os.fdopen(handle, "wb") as copy, open(self.path, "rb") as source:
                shutil.copyfileobj(source, copy, 1 << 20)
            yield InputFile(Path(temporary), self.name)
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read ({exc.strerror or exc})") from None
        finally:
            os.unlink(temporary)

    @property
    def gzipped(self) -> bool:
        return self.path.suffix == ".gz"

    @property
    def suffix(self) -> str:
        """The format-bearing extension, ignoring a trailing .gz."""
        return Path(self.path.stem).suffix.lower() if self.gzipped else self.path.suffix.lower()

    def open_binary(self) -> BinaryIO:
        try:
            return gzip.open(self.path, "rb") if self.gzipped else open(self.path, "rb")
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read ({exc.strerror or exc})") from None

    def _decode(self, data: bytes, offset: int = 0) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{self.name}: invalid UTF-8 at byte {offset + exc.start} "
                f"(0x{data[exc.start]:02x}); convert the file to UTF-8") from None

    def head(self) -> bytes:
        try:
            with self.open_binary() as handle:
                return handle.read(HEAD_BYTES)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{self.name}: cannot read ({exc})") from None

    def head_text(self) -> str:
        head = self.head()
        return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")

    def read_bytes(self) -> bytes:
        """The whole file, undecoded (for XML, whose declaration names its encoding)."""
        try:
            with self.open_binary() as handle:
                return handle.read()
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{self.name}: cannot read ({exc})") from None

    def read_text(self) -> str:
        """The whole file as text (for formats that need it all: editorial, JSON lists)."""
        data = self.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            return self._decode(data[3:], 3)
        return self._decode(data)

    def lines(self) -> Iterator[tuple[int, str]]:
        """(1-based line number, decoded line without its newline), streamed."""
        offset = 0
        try:
            with self.open_binary() as handle:
                for number, raw in enumerate(io.BufferedReader(handle) if self.gzipped else handle, 1):
                    start = 3 if number == 1 and raw.startswith(b"\xef\xbb\xbf") else 0
                    text = self._decode(raw[start:], offset + start)
                    offset += len(raw)
                    yield number, text.rstrip("\r\n")
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{self.name}: cannot read ({exc})") from None
