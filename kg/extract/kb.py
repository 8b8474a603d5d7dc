"""The knowledge base behind the gazetteer: typed entity records and an alias index.

Entries are data files (JSON Lines, see `kg/data/gazetteer/README.md`). An alias may name several
entities ("SGD": an optimiser and a dialogue dataset): the index keeps every candidate and the linker
decides, never the loader.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import resources
from kg.errors import InputError
from kg.extract.keys import name_key, slug
from kg.ingest import jsonio

TYPES = ("Method", "Dataset", "Benchmark", "Task", "Metric")
ID_PREFIX = {"Method": "method", "Dataset": "dataset", "Benchmark": "benchmark", "Task": "task", "Metric": "metric"}
_ID_PART = re.compile(r"[A-Za-z0-9][\w.+-]*", re.ASCII)  # after "<type>/" in an id ("method/y-net")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()  # matched case-sensitively
    variant_of: str | None = None
    part_of: str | None = None
    wikidata: str | None = None
    pwc: str | None = None
    source: str = "curated"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.abbreviations)


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_key: dict[str, set[str]] = field(default_factory=dict)  # name_key -> entry ids

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for name in entry.names:
            self.by_key.setdefault(name_key(name), set()).add(entry.id)

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in sorted(self.by_key.get(name_key(name), ()))]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entries


def parse_entry(data: object, where: str) -> Entry:
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object")
    missing = [k for k in ("name", "type") if not data.get(k)]
    if missing:
        raise InputError(f"{where}: gazetteer entry lacks {', '.join(missing)}")
    etype = data["type"]
    if etype not in TYPES:
        raise InputError(f"{where}: type {etype!r} is not one of {', '.join(TYPES)}")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: {key!r} must be a non-empty string, not {json_text(value)}")
        return value.strip()

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}: {key!r} must be a list of strings")
        return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))

    name = text("name")
    if name is None:
        raise InputError(f"{where}: gazetteer entry lacks name")
    entry_id = text("id") or f"{ID_PREFIX[etype]}/{slug(name)}"
    check_id(entry_id, etype, name, where)
    source = text("source") or "user"  # (every bundled entry names its source: a test checks that)
    entry = Entry(id=entry_id, name=name, type=etype, aliases=strings("aliases"),
                  abbreviations=strings("abbreviations"), variant_of=text("variant_of"), part_of=text("part_of"),
                  wikidata=text("wikidata"), pwc=text("pwc"), source=source)
    if entry_id in (entry.variant_of, entry.part_of):
        raise InputError(f"{where}: entry {entry_id!r} links to itself")
    return entry


def check_id(entry_id: str, etype: str, name: str, where: str) -> None:
    """An id is `<type>/<name part>`: a type's prefix (another type's too: an entry that re-types a
    bundled one keeps its id) and letters, digits, '.', '+', '_' and '-' (it goes into IRIs)."""
    prefix, _, rest = entry_id.partition("/")
    if prefix not in ID_PREFIX.values() or not _ID_PART.fullmatch(rest):
        raise InputError(f"{where}: id {entry_id!r} is not of the form <type>/<name>, such as "
                         f"{ID_PREFIX[etype]}/{slug(name)} (type: {', '.join(ID_PREFIX.values())}; then a letter or "
                         "digit, and letters, digits, '.', '+', '_' or '-')")


def json_text(value: object) -> str:
    """A value as the JSON it was written in, cut short for a message."""
    return json.dumps(value, ensure_ascii=False)[:60]


def read_entries(path: Path, label: str | None = None) -> Iterator[Entry]:
    label = label or str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: invalid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = jsonio.loads(line)
        except ValueError as exc:
            raise InputError(f"{label}:{number}: malformed JSON: {exc}") from None
        entry = parse_entry(data, f"{label}:{number}")
        if entry.id in first_line:  # within one file a repeated id is a mistake; across files it replaces
            raise InputError(f"{label}:{number}: id {entry.id!r} is already used at line {first_line[entry.id]}")
        first_line[entry.id] = number
        yield entry


def builtin_files() -> list[Path]:
    folder = resources.data_path("gazetteer")
    return sorted(folder.glob("*.jsonl"))


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The built-in gazetteer plus user files (`--gazetteer FILE`); a user entry with a built-in id
    replaces it. Links (`variant_of`, `part_of`) must point at known ids."""
    kb = KnowledgeBase()
    entries: dict[str, tuple[Entry, str]] = {}
    for path in builtin_files():
        for entry in read_entries(path, f"gazetteer/{path.name}"):
            entries[entry.id] = (entry, path.name)
    for path in extra:
        for entry in read_entries(Path(path)):
            entries[entry.id] = (entry, str(path))
    for entry, _ in entries.values():
        kb.add(entry)
    for entry, origin in entries.values():
        for link in (entry.variant_of, entry.part_of):
            if link and link not in kb.entries:
                raise InputError(f"{origin}: entry {entry.id!r} links to unknown id {link!r}")
    for key in ("variant_of", "part_of"):
        for entry, origin in entries.values():
            cycle = link_cycle(kb, entry.id, key)
            if cycle:
                raise InputError(f"{origin}: {key} links go round in a circle: {' -> '.join(cycle)}")
    return kb


def link_cycle(kb: KnowledgeBase, start: str, key: str) -> list[str] | None:
    """The ids of a `variant_of` (or `part_of`) chain from `start` that comes back to `start`, or None."""
    chain, current = [start], getattr(kb.entries[start], key)
    while current and current in kb.entries and len(chain) <= len(kb.entries):
        chain.append(current)
        if current == start:
            return chain
        if current in chain[:-1]:  # a circle that `start` only leads into: found from its own members
            return None
        current = getattr(kb.entries[current], key)
    return None
