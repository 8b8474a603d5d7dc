"""A content-hash cache of the per-paper extraction, so that a build re-extracts only what changed.

Entries are keyed by the hash of a paper's text ("title\\n\\nabstract") and stored with the
fingerprint of everything else the extraction depends on: kg's version, the extraction code, the
pipeline config, the cue tables and word lists. A change there invalidates every entry. The
gazetteer is tracked alias by alias: when entries are added, removed or changed, only the cached
papers whose text contains one of the affected names are extracted again.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg import __version__, jsonlines, resources

CACHE_FILE = "extract.sqlite"
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)  # the errors that mean the file is no usable cache


class CacheDamaged(Exception):
    """The cache file turned out to be damaged while in use (SQLite met a bad page deep inside)."""


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in _DAMAGED


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Hash of what the extraction depends on, the gazetteer aside."""
    digest = hashlib.sha1(__version__.encode())
    folder = Path(__file__).resolve().parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for sub in ("cues", "lexicon"):
        for item in sorted(resources.data(sub).iterdir(), key=lambda p: p.name):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    digest.update(resources.data("pipeline.cfg").read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def ner_fingerprint() -> str:
    """Hash of the statistical NER model's files."""
    digest = hashlib.sha1()
    folder = resources.data_path("ner")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def alias_table(table) -> dict[str, list[str]]:
    """The gazetteer as {pattern key: sorted entry ids (with case rule)}, to diff two gazetteers."""
    return {key: sorted(f"{s.entry_id}|{int(s.exact_case)}" for s in senses) for key, senses in table.senses.items()}


class ExtractCache:
    def __init__(self, folder: str | Path, ner: bool = False) -> None:
        folder = Path(folder)
        # entries made with the statistical NER live in a table of their own (alternating modes keeps
        # both), and its model is part of their fingerprint
        self.fingerprint = code_fingerprint() + (f"+ner:{ner_fingerprint()}" if ner else "")
        self.table = "raw_ner" if ner else "raw"
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.lock = threading.RLock()
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise  # "database is locked" and other passing errors: the cache stays
            # not a database, or a damaged one (a disk error, a copy cut short): a cache is only a cache,
            # so it is started again empty and every paper is extracted
            self._remove_files()
            self.db = self._open()
        self.hits = 0
        self.misses = 0
        self.invalidated = 0

    def _open(self) -> sqlite3.Connection:
        # the parallel pool's feeder thread reads while the main thread writes: one connection, a lock
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                # a commit per batch of papers need not wait for the disk: in WAL mode a crash can lose
                # only the last batches, never corrupt the file, and lost entries are extracted again
                db.execute("PRAGMA synchronous=NORMAL")
            for table in ("raw", "raw_ner"):
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, fingerprint TEXT, data TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute("SELECT count(*) FROM meta").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def start_again(self) -> None:
        """Replace a cache found damaged while in use by an empty one."""
        with self.lock:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self._remove_files()
            self.db = self._open()

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        """SQLite finds a damaged page only when it reads it: that is CacheDamaged, for the caller to
        start again, not an error of the build."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                raise CacheDamaged(f"{self.path}: {exc}") from None
            raise

    def close(self) -> None:
        try:
            with self._damage_reported():
                self.db.commit()
        except CacheDamaged:
            pass  # found again by the next build, which starts it again
        finally:
            self.db.close()

    def changed_aliases(self, table) -> list[str]:
        """Pattern keys whose entries differ from those the cache was filled with (all of them are
        new when the cache is new: nothing to invalidate then)."""
        self._current = alias_table(table)
        with self._damage_reported():
            row = self.db.execute("SELECT value FROM meta WHERE name = 'aliases'").fetchone()
        if row is None:
            return []
        previous = json.loads(row[0])
        return [k for k in set(self._current) | set(previous) if k and self._current.get(k) != previous.get(k)]

    def invalidate(self, keys: list[str]) -> None:
        with self._damage_reported():
            for table in ("raw", "raw_ner"):
                self.db.executemany(f"DELETE FROM {table} WHERE key = ?", [(k,) for k in keys])
            self.db.commit()
        self.invalidated += len(keys)

    def save_aliases(self) -> None:
        with self._damage_reported():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('aliases', ?)",
                            (json.dumps(self._current, sort_keys=True),))
            self.db.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        with self.lock, self._damage_reported():
            return self._get_many(keys)

    def _get_many(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        fingerprint = self.fingerprint
        found: dict[str, dict[str, Any]] = {}
        keys = list(dict.fromkeys(keys))
        for key, fp, data in self._select("key, fingerprint, data", keys):
            if fp == fingerprint:
                found[key] = jsonlines.loads(data)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def held(self, keys: list[str]) -> set[str]:
        """The keys that have an entry of the current fingerprint (without reading the entries)."""
        with self.lock, self._damage_reported():
            return {key for key, fp in self._select("key, fingerprint", keys) if fp == self.fingerprint}

    def _select(self, columns: str, keys: list[str]) -> Iterator[tuple[Any, ...]]:
        """`columns` of the rows of `keys`, 500 keys a query (SQLite's limit on parameters is near)."""
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"SELECT {columns} FROM {self.table} WHERE key IN ({marks})", chunk)

    def put_many(self, items: Iterable[tuple[str, dict[str, Any] | bytes]]) -> None:
        """Store (key, RawExtraction JSON) pairs: dicts, or their `jsonlines.dumps` already."""
        fingerprint = self.fingerprint
        rows = [(key, fingerprint, data if isinstance(data, bytes) else jsonlines.dumps(data)) for key, data in items]
        with self.lock, self._damage_reported():
            self.db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?, ?)", rows)
            self.db.commit()



def mentions_any(text: str, needles: list[str]) -> bool:
    """Whether the text may contain one of the pattern keys (token norms joined by spaces): a cheap,
    conservative test on the lower-cased text with spaces and hyphens removed."""
    squashed = text.lower().replace(" ", "").replace("-", "")
    return any(n.replace(" ", "") in squashed for n in needles)
