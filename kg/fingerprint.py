"""Whether a build is up to date, as `make` would decide it.

A build's fingerprint covers everything that decides its output: the bytes of every input file, the
options that change the exports, and kg itself (its code, data and ontology, and the versions of the
libraries that write the exports). After a build, the fingerprint is saved in `<out>/.cache/build.json`
with the size and modification time of every export; a later build with the same fingerprint whose
exports are untouched has nothing to do.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

STATE_FILE = "build.json"
LIBRARIES = ("spacy", "rdflib", "pyoxigraph", "networkx", "pyvis", "orjson")
_CHUNK = 1 << 20


def _files_under(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    found = []
    for folder, subfolders, names in os.walk(path, followlinks=True):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found.extend(Path(folder) / name for name in sorted(names) if not name.endswith(".pyc"))
    return found


def _hash_files(digest: Any, paths: Iterable[Path], root: Path | None = None) -> None:
    for path in paths:
        for file in _files_under(path):
            name = file.relative_to(root) if root is not None else file.resolve()
            digest.update(f"\0file {name}\0".encode("utf-8", "surrogateescape"))
            with open(file, "rb") as handle:
                while block := handle.read(_CHUNK):
                    digest.update(block)


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """kg's own code, data and ontology, and the library versions that shape the exports."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    _hash_files(digest, [root], root)
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"\0{library} {version}".encode())
    return digest.hexdigest()


def build_fingerprint(inputs: Sequence[Path], options: dict[str, Any]) -> str | None:
    """The fingerprint of a build of `inputs` with `options`; None when an input is not a regular file
    or folder, or cannot be read (the build itself then reports the problem)."""
    digest = hashlib.sha256(_package_digest().encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    paths = [Path(p) for p in inputs]
    try:
        if not all(path.is_dir() or path.is_file() for path in paths):
            return None  # a pipe or a device: reading it to hash it would consume it
        _hash_files(digest, paths)
    except OSError:
        return None
    return digest.hexdigest()


def _stamp(path: Path) -> list[int] | None:
    """Size and modification time of a file; for a folder (the Oxigraph store), the number of files in
    it, their total size and the latest modification time (an emptied store, or one changed by an
    update through `kg serve --allow-update`, is no longer the one the build wrote)."""
    try:
        status = path.stat()
        if not path.is_dir():
            return [status.st_size, status.st_mtime_ns]
        files = [p.stat() for p in path.rglob("*") if p.is_file()]
    except OSError:
        return None
    return [len(files), sum(f.st_size for f in files), max((f.st_mtime_ns for f in files), default=0)]


def is_up_to_date(out: Path, cache_dir: Path, fingerprint: str) -> bool:
    """True when the last build in `out` had this fingerprint and its exports are untouched."""
    try:
        state = json.loads((cache_dir / STATE_FILE).read_text(encoding="utf-8"))
        exports = state["exports"]
        if state.get("fingerprint") != fingerprint or not exports:
            return False
        return all(_stamp(out / name) == stamp for name, stamp in exports.items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def record_build(cache_dir: Path, fingerprint: str, written: Sequence[Path]) -> None:
    """Save the fingerprint and the stamps of the exports just written (atomically)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    state = {"fingerprint": fingerprint, "exports": {p.name: _stamp(p) for p in written}}
    tmp = cache_dir / f".{STATE_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(tmp, cache_dir / STATE_FILE)


def forget_build(cache_dir: Path) -> None:
    """Drop the saved state, so that the next build runs in full."""
    try:
        (cache_dir / STATE_FILE).unlink()
    except FileNotFoundError:
        pass
