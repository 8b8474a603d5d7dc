"""Finding entities by name in a built export (`exports/entities.json`): case, hyphens, spaces and a
plural are ignored; an unknown name gets suggestions."""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError, NotFound
from kg.extract.keys import name_key

INDEX = "entities.json"
# a name as people write it in a question ("the COCO dataset"): the article and the type word, either of
# which may be part of the name ("the Human ChatGPT Comparison Corpus", "The Pile")
_ARTICLE = re.compile(r"(?i)the\s+(?=\S)")
_TYPE_WORD = re.compile(r"(?i)(?<=\S)\s+(?:dataset|data\s+set|benchmark|corpus|model|method|architecture|algorithm|"
                        r"task|metric|score)s?$")


def bare_names(name: str) -> list[str]:
    """The names to try when `name` as written is no entity's: without the article, without the type
    word, without both."""
    name = name.strip()
    no_article = _ARTICLE.sub("", name, count=1) if _ARTICLE.match(name) else name
    found = [no_article, _TYPE_WORD.sub("", name), _TYPE_WORD.sub("", no_article)]
    return [n for n in dict.fromkeys(found) if n and n != name]


@dataclass(frozen=True)
class Found:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    papers: int
    variant_of: str | None


class EntityIndex:
    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self.entities = {e["id"]: Found(e["id"], e["name"], e["type"], tuple(e.get("aliases", [])),
                                        e.get("papers", 0), e.get("variant_of")) for e in entities}
        self.by_key: dict[str, list[str]] = {}
        for item in entities:
            keys = item.get("keys") or [name_key(n) for n in (item["name"], *item.get("aliases", []), item["id"])]
            for key in keys:  # written by the build, so a query need not recompute them
                ids = self.by_key.setdefault(key, [])
                if item["id"] not in ids:
                    ids.append(item["id"])

    def resolve(self, name: str) -> list[Found]:
        """Entities the name may mean, most used first."""
        if name in self.entities:
            return [self.entities[name]]
        ids = self.by_key.get(name_key(name), [])
        for bare in bare_names(name) if not ids else ():  # "the COCO dataset", "the GLUE benchmark"
            ids = self.by_key.get(name_key(bare), [])
            if ids:
                break
        found = [self.entities[i] for i in ids]
        return sorted(found, key=lambda f: (f.name != name, -f.papers, f.id))

    def one(self, name: str) -> Found:
        found = self.resolve(name)
        if not found:
            raise NotFound(self.unknown_message(name))
        return found[0]

    def also_named(self, name: str) -> list[Found]:
        """The other entities `name` may mean, besides the one `one` takes (none for an id), leaving out
        its variants and what it is a variant of ('Mixtral' and Mixtral 8x7B are one family)."""
        if name in self.entities:
            return []
        taken, *others = self.resolve(name) or [None]
        family = set(self.lineage(taken.id)) if taken is not None else set()
        return [o for o in others if o.id not in family and taken.id not in self.lineage(o.id)]

    def lineage(self, entity_id: str) -> list[str]:
        """The entity and what it is a variant of, and so on up."""
        chain = [entity_id]
        while (parent := self.entities[chain[-1]].variant_of) and parent in self.entities and parent not in chain:
            chain.append(parent)
        return chain

    def ambiguity_note(self, name: str, shown: int = 3) -> str | None:
        """One line saying which other entities `name` names and how to ask for one, or None."""
        others = self.also_named(name)
        if not others:
            return None
        taken = self.one(name)
        listed = "; ".join(f"{o.name} ({o.type}, id {o.id})" for o in others[:shown])
        more = f" and {len(others) - shown} more" if len(others) > shown else ""
        return f"{name!r} is taken as {taken.name} ({taken.type}, id {taken.id}); it also names {listed}{more}: " \
               "give an id to ask about another"

    def suggestions(self, name: str, n: int = 3) -> list[str]:
        labels: dict[str, Found] = {}
        for entity in sorted(self.entities.values(), key=lambda e: -e.papers):
            for label in (entity.name, *entity.aliases):
                labels.setdefault(label.lower(), entity)
        close = difflib.get_close_matches(name.lower(), list(labels), n=n * 3, cutoff=0.6)
        names = []
        for label in close:
            entity = labels[label]
            if entity.name not in names:
                names.append(entity.name)
        return names[:n]

    def unknown_message(self, name: str) -> str:
        close = self.suggestions(name)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        return f"No entity named {name!r}.{hint}"


def load_index(exports: str | Path) -> EntityIndex:
    """The entity index of the build in `exports`; read once per version of the file (a rebuild in
    the same session is read afresh)."""
    path = Path(exports) / INDEX
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(f"{exports}: no built export here (no {path}); run 'kg build' first or pass --exports DIR") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    return _load_index(str(path), status.st_mtime_ns, status.st_size, status.st_ino)


@lru_cache(maxsize=4)
def _load_index(path_name: str, *stamp: int) -> EntityIndex:
    path = Path(path_name)
    exports = path.parent
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{exports}: no built export here (no {path}); run 'kg build' first or pass --exports DIR") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    try:
        return EntityIndex(data["entities"])
    except (KeyError, TypeError, AttributeError, ValueError):
        raise InputError(f"{path}: not an index of entities written by 'kg build'; run it again") from None


def write_index(graph, path: Path) -> None:
    entities = []
    for node, data in sorted(graph.nodes(data=True)):
        if data["kind"] == "entity":
            names = (data["label"], *data.get("aliases", []), node)
            entities.append({"id": node, "name": data["label"], "type": data["type"], "aliases": data.get("aliases", []),
                             "papers": data.get("papers", 0), "variant_of": data.get("variant_of"),
                             "keys": sorted({name_key(n) for n in names})})
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"entities": entities}, handle, ensure_ascii=False)
