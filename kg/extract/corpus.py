"""The corpus pass: one entity per discovered name across all papers.

A name discovered in one paper ("OW-DFA", defined as a benchmark there) is the same entity in every
other paper, and is linked where another paper uses it without defining it, provided the name is
distinctive (model-like, or a multi-word name) and no other discovered entity claims the same short
form (CPL = Contrastive Pseudo Learning in one paper, compositional prompt learning in another: both
stay unlinked elsewhere). The entity's type is the majority of the papers' votes. Pure Python.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.discovery import is_model_like
from kg.extract.kb import ID_PREFIX
from kg.extract.keys import name_key, slug
from kg.extract.lexicon import common_words, generic_keys
from kg.extract.raw import RawEntity, RawExtraction, RawMention
from kg.extract.sentences import sentence_at

TYPE_ORDER = ("Dataset", "Benchmark", "Method", "Task", "Metric")
_CHUNK = re.compile(r"[^\s,;:()\[\]{}\"\u201c\u201d!?]+")


@dataclass
class CorpusEntity:
    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    papers: int = 0


def _alias_owners(raws: list[RawExtraction]) -> dict[str, str]:
    """Short form key -> the name key of the one discovered long form it abbreviates (when only one
    long form in the corpus claims it)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for raw in raws:
        for entity in raw.entities.values():
            if entity.kb_id is None:
                for alias in entity.aliases:
                    owners[name_key(alias)].add(name_key(entity.name))
    return {alias: next(iter(names)) for alias, names in owners.items() if len(names) == 1}


def link_corpus(raws: list[RawExtraction], taken_ids: Iterable[str] = ()) -> dict[str, CorpusEntity]:
    """Give every discovered entity its corpus id and link its undefined uses; returns the entities
    by id. Rewrites `raws` in place: entity keys become final ids."""
    owners = _alias_owners(raws)

    def _group_key(entity: RawEntity) -> str:
        key = name_key(entity.name)
        return owners.get(key, key) if not entity.aliases else key

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for raw in raws:
        for entity in raw.entities.values():
            if entity.kb_id is None:
                group = _group_key(entity)
                votes[group][entity.type] += 1
                names[group][entity.name] += 1
                aliases[group].update(entity.aliases)
    used = set(taken_ids)
    corpus: dict[str, CorpusEntity] = {}
    group_id: dict[str, str] = {}
    for group in sorted(votes):
        etype = max(votes[group], key=lambda t: (votes[group][t], -TYPE_ORDER.index(t)))
        name = max(names[group], key=lambda n: (names[group][n], n))
        base = f"{ID_PREFIX[etype]}/{slug(name)}"
        entity_id, n = base, 2
        while entity_id in used:
            entity_id, n = f"{base}-{n}", n + 1
        used.add(entity_id)
        group_id[group] = entity_id
        corpus[entity_id] = CorpusEntity(entity_id, name, etype, set(aliases[group]) - {name})
    for raw in raws:
        _rekey(raw, group_id, corpus, _group_key)
    _link_undefined_uses(raws, corpus)
    for raw in raws:
        for entity in raw.entities.values():
            if entity.key in corpus:
                corpus[entity.key].papers += 1
    return corpus


def _rekey(raw: RawExtraction, group_id: dict[str, str], corpus: dict[str, CorpusEntity], _group_key) -> None:
    mapping: dict[str, str] = {}
    entities: dict[str, RawEntity] = {}
    for key, entity in raw.entities.items():
        if entity.kb_id is not None:
            mapping[key] = key
            entities[key] = entity
            continue
        final = group_id[_group_key(entity)]
        mapping[key] = final
        known = corpus[final]
        merged = entities.get(final)
        if merged is None:
            entities[final] = RawEntity(final, known.name, known.type, None, list(entity.aliases),
                                        entity.variant_of, entity.proposed)
        else:
            merged.proposed = merged.proposed or entity.proposed
            merged.aliases = list(dict.fromkeys(merged.aliases + entity.aliases))
    raw.entities = entities
    for mention in raw.mentions:
        mention.entity = mapping[mention.entity]


def _distinctive(name: str) -> bool:
    words = name.split()
    if name_key(name) in generic_keys():
        return False
    if len(words) > 1:
        return any(w[:1].isupper() for w in words[1:])
    return is_model_like(name) or (name.isupper() and len(name) >= 3 and name.lower() not in common_words())


def _link_undefined_uses(raws: list[RawExtraction], corpus: dict[str, CorpusEntity]) -> None:
    claims: dict[str, set[str]] = defaultdict(set)  # surface key -> corpus ids that use it
    first_words: set[str] = set()
    max_words = 1
    for entity in corpus.values():
        for surface in {entity.name, *entity.aliases}:
            if _distinctive(surface):
                claims[name_key(surface)].add(entity.id)
                words = surface.split()
                first_words.add(name_key(words[0]))
                max_words = max(max_words, min(len(words), 6))
    lookup = {key: next(iter(ids)) for key, ids in claims.items() if len(ids) == 1}
    if not lookup:
        return
    for raw in raws:
        text = raw.text
        chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text)]
        keys = [name_key(text[s:e].rstrip(".'")) if not text[s:e].islower() else "" for s, e in chunks]
        covered = [(m.start, m.end) for m in raw.mentions]
        added = []
        for i, first in enumerate(keys):
            if first not in first_words:
                continue
            for n in range(min(max_words, len(chunks) - i), 0, -1):
                start, end = chunks[i][0], chunks[i + n - 1][1]
                while end > start and text[end - 1] in ".'":
                    end -= 1
                entity_id = lookup.get(name_key(text[start:end]))
                if entity_id is None:
                    continue
                if any(start < e and s < end for s, e in covered):
                    break
                covered.append((start, end))
                added.append(RawMention(start, end, entity_id, "corpus-name", 0.7, sentence_at(raw.sentences, start)))
                if entity_id not in raw.entities:
                    known = corpus[entity_id]
                    raw.entities[entity_id] = RawEntity(entity_id, known.name, known.type)
                break
        if added:
            raw.mentions = sorted(raw.mentions + added, key=lambda m: m.start)
