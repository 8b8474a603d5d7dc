"""The input files of the build in an exports folder, kept for `kg build --update`.

An update reads those files again (from their absolute paths, with the format and the name they had),
so that it equals a full rebuild of the earlier inputs and the new ones, edited records included; the
extraction cache keeps it from extracting unchanged text again. A file that is gone (or was a pipe)
cannot be read again: its papers are kept from the earlier papers.jsonl, after the files read again
(whose fresh records win), and it stays on the list, to be read again if it comes back.

The list lives in `<exports>/.cache/inputs.json`, beside the cache and outside the exports (absolute
paths say where a user's files are: they have no place in files that are shared).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kg.ingest import FileReport
from kg.ingest.registry import readers
from kg.model import Paper

INPUTS_FILE = "inputs.json"


@dataclass(frozen=True)
class EarlierFile:
    name: str  # as the earlier build named it (its papers' sources say this name)
    path: Path  # absolute
    format: str  # the reader that read it

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "path": str(self.path), "format": self.format}


class EarlierInputs:
    """The earlier build's list: `there` are the files to read again, in the earlier order; `names`
    those whose papers they replace (a name that was also a file now gone replaces none);
    `problem` says why a list that exists could not be used."""

    def __init__(self, files: list[EarlierFile], problem: str | None = None) -> None:
        self.files = files
        self.problem = problem
        self.there = [f for f in files if f.path.is_file()]
        gone = {f.name for f in files if f not in self.there}
        self.names = {f.name for f in self.there} - gone

    @classmethod
    def load(cls, cache_dir: Path) -> "EarlierInputs":
        path = cache_dir / INPUTS_FILE
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # a build by an older kg: every earlier paper is kept
            return cls([])
        except (OSError, ValueError) as exc:
            return cls([], f"{path} cannot be read ({exc})")
        known = set(readers())
        files = []
        for number, entry in enumerate(entries if isinstance(entries, list) else [None], 1):
            if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("name", "path", "format"))
                    and entry["format"] in known and Path(entry["path"]).is_absolute()):
                return cls([], f"{path}: entry {number} is not a file of a build (name, absolute path, format)")
            files.append(EarlierFile(entry["name"], Path(entry["path"]), entry["format"]))
        return cls(files)

    def kept(self, papers: Iterable[Paper]) -> Iterator[Paper]:
        """The earlier papers not all of whose records are read again, without the sources that are
        (a record read again comes back with its own source; one deleted since does not)."""
        for paper in papers:
            if paper.sources and all(source.file in self.names for source in paper.sources):
                continue
            yield replace(paper, sources=[s for s in paper.sources if s.file not in self.names])

    def save(self, cache_dir: Path, read: Iterable[FileReport]) -> None:
        """Note this list and the regular files the build read besides (atomically)."""
        entries = [f.to_json() for f in self.files]
        listed = {f.path for f in self.files}
        entries += [EarlierFile(f.name, Path(f.path), f.format).to_json() for f in read
                    if f.path and Path(f.path) not in listed]
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{INPUTS_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_dir / INPUTS_FILE)


OPTIONS_FILE = "options.json"


@dataclass(frozen=True)
class EarlierOptions:
    """The extraction options of the build in an exports folder, which `kg build --update` keeps
    unless it is given its own: the extra gazetteers (absolute paths) and the NER mode."""

    gazetteers: tuple[str, ...] = ()
    ner: bool = False

    @classmethod
    def load(cls, cache_dir: Path) -> "EarlierOptions":
        """The saved options; none from a build by an older kg or a damaged file."""
        try:
            saved = json.loads((cache_dir / OPTIONS_FILE).read_text(encoding="utf-8"))
            gazetteers = tuple(str(g) for g in saved["gazetteers"])
            return cls(gazetteers, bool(saved["ner"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, cache_dir: Path) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{OPTIONS_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"gazetteers": list(self.gazetteers), "ner": self.ner}, indent=1,
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_dir / OPTIONS_FILE)
