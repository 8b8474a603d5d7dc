"""One registry for input formats: the built-in readers and any that plugins add.

A reader knows its format's name, how to recognise the format from the first bytes of a file, and how
to turn a file into `Paper` records. Plugins register more through the `kg.readers` entry-point group,
the same way the built-ins are listed here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points

from kg.errors import InputError
from kg.ingest.source import InputFile
from kg.model import Paper

OnError = Callable[[InputError], None]


def raise_error(error: InputError) -> None:
    raise error


@dataclass(frozen=True)
class Reader:
    name: str
    summary: str
    extensions: tuple[str, ...]  # used when sniffing fails on an explicitly named file
    sniff: Callable[[str, InputFile], bool]  # (first ~64 KB as text, file) -> is it this format?
    read: Callable[[InputFile, OnError], Iterator[Paper]]
    example: str = ""


# Built-in readers, in sniffing order (most specific first).
BUILTIN = (
    "kg.ingest.editorial",
    "kg.ingest.dailypapers",
    "kg.ingest.arxiv",
    "kg.ingest.openalex",
    "kg.ingest.jsonl",
    "kg.ingest.csvfile",
)

_READERS: dict[str, Reader] | None = None


def readers() -> dict[str, Reader]:
    """Every known reader by format name, built-ins first."""
    global _READERS
    if _READERS is None:
        found: dict[str, Reader] = {}
        for module in BUILTIN:
            for reader in import_module(module).READERS:
                found[reader.name] = reader
        for entry in entry_points(group="kg.readers"):
            reader = entry.load()
            found.setdefault(reader.name, reader)
        _READERS = found
    return _READERS


def reader_for(name: str) -> Reader:
    try:
        return readers()[name]
    except KeyError:
        known = ", ".join(readers())
        raise InputError(f"unknown format {name!r} (known formats: {known})") from None


def detect(file: InputFile, *, by_extension: bool = True) -> Reader | None:
    """The reader whose format the file's content shows, else (if allowed) the one its extension
    names, else None."""
    head = file.head_text()
    if not head.strip():
        raise InputError(f"{file.name}: empty file")
    for reader in readers().values():
        if reader.sniff(head, file):
            return reader
    if by_extension:
        return next((r for r in readers().values() if file.suffix in r.extensions), None)
    return None
