"""Entity-to-entity relations a paper states, each with its evidence sentence:

- `evaluated_on` (Method -> Dataset): a result of the method on the dataset, or the paper's own
  method in a sentence where it evaluates on the dataset;
- `for_task` (Method -> Task): the paper's own method in a sentence that addresses the task;
- `metric_for` (Metric -> Dataset): a result in the metric on the dataset;
- `based_on` (Method -> Method): "a BERT-based encoder", "built on CLIP", for the paper's own method;
- `variant_of` / `part_of`: from the gazetteer and from discovered variants (ES-ImageNet of ImageNet).
Pure Python, on an extraction record.
"""
from __future__ import annotations

from typing import Any

from kg.extract.kb import KnowledgeBase

BASED_ON_RULES = ("x-based", "based-on", "as-backbone")


def _relation(subject: str, predicate: str, obj: str, sentence: str | None, rule: str,
              confidence: float) -> dict[str, Any]:
    return {"subject": subject, "predicate": predicate, "object": obj, "sentence": sentence, "rule": rule,
            "confidence": confidence}


def paper_relations(record: dict[str, Any], kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The relations stated in one paper's extraction record (deduplicated, first evidence kept)."""
    found: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(rel: dict[str, Any]) -> None:
        if rel["subject"] != rel["object"]:
            found.setdefault((rel["subject"], rel["predicate"], rel["object"]), rel)

    entities = {e["id"]: e for e in record["entities"]}
    own = [e["id"] for e in record["entities"] if e["type"] == "Method" and e["role"] == "proposes"]
    for result in record.get("results", []):
        if result.get("method_id") and result.get("dataset_id"):
            add(_relation(result["method_id"], "evaluated_on", result["dataset_id"], result["sentence"], "result", 0.8))
        if result.get("metric_id") and result.get("dataset_id"):
            add(_relation(result["metric_id"], "metric_for", result["dataset_id"], result["sentence"], "result", 0.8))
    by_sentence: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            by_sentence.setdefault(mention["sentence"], []).append((entity, mention))
    for sentence, items in by_sentence.items():
        own_here = [e["id"] for e, _ in items if e["id"] in own]
        if not own_here:
            continue
        method = own_here[0]
        for entity, mention in items:
            if entity["type"] in ("Dataset", "Benchmark") and mention["role"] == "evaluates_on":
                add(_relation(method, "evaluated_on", entity["id"], sentence, "same-sentence", 0.6))
            elif entity["type"] == "Task" and mention["role"] == "addresses":
                add(_relation(method, "for_task", entity["id"], sentence, "same-sentence", 0.6))
            elif entity["type"] == "Method" and entity["id"] not in own and mention["role_rule"] in BASED_ON_RULES:
                add(_relation(method, "based_on", entity["id"], sentence, mention["role_rule"], 0.7))
    for entity in entities.values():
        entry = kb.entries.get(entity["id"])
        parent = entity.get("variant_of")
        if parent and (parent in kb.entries or parent in entities):
            add(_relation(entity["id"], "variant_of", parent, None, "gazetteer" if entry else "discovered-variant", 0.9))
        if entry is not None and entry.part_of:
            add(_relation(entity["id"], "part_of", entry.part_of, None, "gazetteer", 0.9))
    return list(found.values())
