"""The extraction record of a paper, as `kg extract` writes it (one JSON object per paper)."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from kg.extract.cues import type_cues
from kg.extract.kb import KnowledgeBase
from kg.extract.lexicon import task_modifier_stopwords
from kg.extract.raw import RawExtraction
from kg.extract.relations import paper_relations, stated_relations
from kg.extract.results import extract_results
from kg.extract.roles import RoleDecision, assign_roles, paper_role
from kg.model import Paper

SEPARATOR = "\n\n"


def field_span(paper: Paper, start: int, end: int) -> tuple[str, int, int]:
    """("title" | "abstract", start, end): offsets into the field of the paper as ingested."""
    if start < len(paper.title):
        return "title", start, min(end, len(paper.title))
    cut = len(paper.title) + len(SEPARATOR)
    return "abstract", start - cut, end - cut


_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)\b")


def mention_ends(raw: RawExtraction) -> list[int]:
    """Where each mention's span ends: a dataset's or benchmark's mention takes in the noun right after
    its name ("the BLLIP dataset", "the TAC 2010 data", "the BNC test set"), a task's the word "task"
    ("the summarization task"), unless "data" modifies a word after it ("ImageNet data preprocessing")
    or another mention starts there ("MNIST data augmentation")."""
    ends = [m.end for m in raw.mentions]
    cues = type_cues()
    starts = None
    for i, mention in enumerate(raw.mentions):
        head = cues.mention_heads.get(raw.entities[mention.entity].type)
        found = head.match(raw.text, mention.end) if head is not None else None
        if found is None:
            continue
        word = _NEXT_WORD.match(raw.text, found.end()) if found.group().endswith("data") else None
        if word is not None and word.group(1) not in cues.mention_head_followers \
                and word.group(1) not in task_modifier_stopwords():
            continue  # "data" modifies a noun more often than "dataset" does, which a verb may follow
        starts = starts if starts is not None else sorted(m.start for m in raw.mentions)
        after = bisect_left(starts, mention.end)
        if after == len(starts) or starts[after] >= found.end():
            ends[i] = found.end()
    return ends


def paper_record(paper: Paper, raw: RawExtraction, kb: KnowledgeBase) -> dict[str, Any]:
    by_entity: dict[str, list[dict[str, Any]]] = {}
    confidence: dict[str, float] = {}
    decided: dict[str, list[RoleDecision]] = {}
    decisions, own_sentences = assign_roles(raw, len(paper.title))
    sentence_text: dict[int, str] = {}  # one string per sentence, shared by its mentions (memory)
    for mention, decision, mention_end in zip(raw.mentions, decisions, mention_ends(raw)):
        fld, start, end = field_span(paper, mention.start, mention_end)
        sentence = sentence_text.get(mention.sentence)
        if sentence is None:
            s, e = raw.sentences[mention.sentence] if raw.sentences else (0, len(raw.text))
            sentence = sentence_text[mention.sentence] = raw.text[s:e]
        by_entity.setdefault(mention.entity, []).append({
            "text": raw.text[mention.start:mention_end], "field": fld, "start": start, "end": end,
            "sentence": sentence, "rule": mention.rule, "confidence": mention.confidence,
            "role": decision.role, "role_rule": decision.rule, "role_confidence": decision.confidence})
        confidence[mention.entity] = max(confidence.get(mention.entity, 0.0), mention.confidence)
        decided.setdefault(mention.entity, []).append(decision)
    entities = []
    paper_roles: dict[str, str] = {}
    for key, mentions in by_entity.items():
        entity = raw.entities[key]
        role, roles = paper_role(decided[key])
        paper_roles[key] = role
        entry = kb.entries.get(entity.kb_id) if entity.kb_id else None
        item: dict[str, Any] = {
            "id": key,
            "name": entity.name,
            "type": entity.type,
            "role": role,
            "roles": roles,
            "variant_of": entry.variant_of if entry else entity.variant_of,
            "confidence": round(confidence[key], 3),
            "source": "gazetteer" if entry else "discovered",
        }
        if entity.aliases:
            item["aliases"] = entity.aliases
        item["mentions"] = mentions
        entities.append(item)
    results = []
    for result in extract_results(raw, own_sentences, paper_roles):
        fld, start, end = field_span(paper, result.pop("start"), result.pop("end"))
        s, e = raw.sentences[result.pop("sentence_index")]
        item: dict[str, Any] = {}
        for slot in ("method", "dataset", "metric"):
            key = result[slot]
            item[slot] = raw.entities[key].name if key else None
            item[f"{slot}_id"] = key
        item.update({k: result[k] for k in ("value", "unit", "kind", "direction", "text")})
        item.update({"field": fld, "start": start, "end": end, "sentence": raw.text[s:e],
                     "rule": result["rule"], "confidence": result["confidence"]})
        results.append(item)
    record = {"id": paper.id, "title": paper.title, "entities": entities, "results": results}
    if paper.record_id and paper.record_id != paper.id:  # the input's own id, where a DOI or arXiv id won
        record = {"id": paper.id, "record_id": paper.record_id, **record}
    record["relations"] = paper_relations(record, kb, stated_relations(raw))
    return record
