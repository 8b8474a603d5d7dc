"""Per-paper extraction before the corpus pass: plain, JSON-ready, cacheable.

`raw_from_doc` captures what the spaCy pipeline found in one paper; everything after it (the corpus
linker, roles, results, output) works on these records and the paper text, without spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from kg.extract.doc_data import doc_value
from kg.extract.tokenizer import doc_text


@dataclass
class RawEntity:
    key: str
    name: str
    type: str
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    variant_of: str | None = None
    proposed: bool = False


@dataclass
class RawMention:
    start: int  # offsets into "title\n\nabstract"
    end: int
    entity: str
    rule: str
    confidence: float
    sentence: int


@dataclass
class RawExtraction:
    paper: str
    text: str  # "title\n\nabstract", the text the offsets point into
    sentences: list[tuple[int, int]]
    entities: dict[str, RawEntity]
    mentions: list[RawMention]
    abbreviations: list[tuple[str, str]] = field(default_factory=list)  # (short, long)

    def to_json(self) -> dict[str, Any]:
        return {"paper": self.paper, "sentences": self.sentences,
                "entities": [_entity_json(e) for e in self.entities.values()],
                "mentions": [[m.start, m.end, m.entity, m.rule, m.confidence, m.sentence] for m in self.mentions],
                "abbreviations": self.abbreviations}

    @classmethod
    def from_json(cls, data: dict[str, Any], text: str) -> "RawExtraction":
        entities = {e["key"]: RawEntity(**e) for e in data["entities"]}
        mentions = [RawMention(*m) for m in data["mentions"]]
        return cls(data["paper"], text, [tuple(s) for s in data["sentences"]], entities, mentions,
                   [tuple(a) for a in data["abbreviations"]])


def _entity_json(entity: RawEntity) -> dict[str, Any]:
    """`dataclasses.asdict(entity)`, without its deep copy of every value (a fifth of the time)."""
    return {"key": entity.key, "name": entity.name, "type": entity.type, "kb_id": entity.kb_id,
            "aliases": list(entity.aliases), "variant_of": entity.variant_of, "proposed": entity.proposed}


def raw_from_doc(paper_id: str, doc: Doc) -> RawExtraction:
    entities = {key: RawEntity(info.key, info.name, info.type, info.kb_id, list(info.aliases), info.variant_of,
                               info.proposed) for key, info in (doc_value(doc, "kg_entities") or {}).items()}
    mentions = [RawMention(m.start, m.end, m.entity, m.rule, round(m.confidence, 3), m.sentence)
                for m in doc_value(doc, "kg_mentions") or []]
    abbreviations = [(a.short_key, a.long) for a in doc_value(doc, "abbreviations") or []]
    sentences = list(doc_value(doc, "sent_spans") or [])
    return RawExtraction(paper_id, doc_text(doc), sentences, entities, mentions, abbreviations)
