"""The input files of the build in an exports folder, kept for `kg build --update`.

An update reads those files again (from their absolute paths, with the format and the name they had)
before the new inputs, so that it equals a full rebuild of the earlier inputs and the new ones, edited
records included; the extraction cache keeps it from extracting unchanged text again. A file that is
gone (or was a pipe) cannot be read again: its papers are kept from the earlier papers.jsonl.
The list lives in `<exports>/.cache/inputs.json`, beside the cache and outside the exports (absolute
paths say where a user's files are: they have no place in files that are shared).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.ingest import FileReport
from kg.model import Paper

INPUTS_FILE = "inputs.json"


@dataclass(frozen=True)
class EarlierFile:
    name: str  # as the earlier build named it (its papers' sources say this name)
    path: Path  # absolute
    format: str  # the reader that read it


def save_inputs(cache_dir: Path, files: Iterable[FileReport]) -> None:
    """Note the regular files a build read (atomically); a pipe's records cannot be read again."""
    entries = [{"name": f.name, "path": f.path, "format": f.format} for f in files if f.path]
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{INPUTS_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, cache_dir / INPUTS_FILE)


def earlier_inputs(cache_dir: Path) -> tuple[list[EarlierFile], set[str]]:
    """The files the last build read that are still there to read again, and the names whose papers
    they replace: a name that was also a file now gone (two folders' "papers.jsonl") replaces none.
    Nothing when the build left no list (an older kg) or the list is damaged."""
    try:
        entries = json.loads((cache_dir / INPUTS_FILE).read_text(encoding="utf-8"))
        files = [EarlierFile(str(e["name"]), Path(e["path"]), str(e["format"])) for e in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return [], set()
    there = [f for f in files if f.path.is_absolute() and f.path.is_file()]
    gone = {f.name for f in files if f not in there}
    return there, {f.name for f in there} - gone


def replaced(paper: Paper, names: set[str]) -> bool:
    """Whether every record of an earlier paper comes from a file that is read again."""
    return bool(paper.sources) and all(source.file in names for source in paper.sources)
