"""The one place that knows where kg's runtime data lives.

Everything is read through `importlib.resources`, so an installed wheel and an editable checkout find
the same files the same way: package data under `kg/data/`, and the top-level `ontology/` and `seeds/`
folders, which the package reaches through `kg/_bundled/` (symlinks in a checkout, copies in a wheel).
"""
from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def _root() -> Traversable:
    return files("kg")


def data(*parts: str) -> Traversable:
    """A file or folder under `kg/data/` (gazetteer, lexicons, cue tables, pipeline config)."""
    return _root().joinpath("data", *parts)


def ontology(*parts: str) -> Traversable:
    """A file or folder under the top-level `ontology/` (kg.ttl, shapes.ttl, queries/)."""
    return _root().joinpath("_bundled", "ontology", *parts)


def seeds_dir() -> Path:
    """The bundled default corpus, as a real directory path."""
    with as_file(_root().joinpath("_bundled", "seeds")) as path:
        return Path(path)


def seed_files() -> list[Path]:
    """The bundled seed files, in name order."""
    return sorted(p for p in seeds_dir().iterdir() if p.suffix == ".txt")


def data_path(*parts: str) -> Path:
    """A package data file as a filesystem path (for libraries that want a path, not a stream)."""
    with as_file(data(*parts)) as path:
        return Path(path)


def ontology_path(*parts: str) -> Path:
    with as_file(ontology(*parts)) as path:
        return Path(path)
