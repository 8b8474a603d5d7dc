"""Relation scoring against sentence gold with entity-pair relations (SciER): a gold relation
(head, tail, label) is found when kg states a mapped relation between entities whose mentions overlap
the head and tail spans (either direction). The label mapping is data (`kg/data/eval/labels.json`)."""
from __future__ import annotations

from typing import Any

from kg.evaluate.scoring import Scores
from kg.evaluate.spans import label_map


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_relations(records: list[dict[str, Any]], extractions: list[dict[str, Any]]) -> Scores:
    import json

    from kg import resources

    mapping = json.loads(resources.data("eval", "labels.json").read_text(encoding="utf-8"))["relations"]
    mapping = {k: v for k, v in mapping.items() if not k.startswith("_")}
    scores = Scores()
    for label in mapping:
        scores.get(label)
    for record, extraction in zip(records, extractions):
        spans = {e["id"]: [(m["start"], m["end"]) for m in e["mentions"] if m["field"] == "abstract"]
                 for e in extraction["entities"]}
        predicted = [(r["subject"], r["predicate"], r["object"]) for r in extraction.get("relations", [])]
        used: set[int] = set()
        entities = record["entities"]
        for gold in record.get("relations") or []:
            label = gold["label"]
            if label not in mapping:
                continue
            head = (entities[gold["head"]]["start"], entities[gold["head"]]["end"])
            tail = (entities[gold["tail"]]["start"], entities[gold["tail"]]["end"])
            hit = None
            for i, (subject, predicate, obj) in enumerate(predicted):
                if i in used or predicate not in mapping[label]:
                    continue
                s_spans, o_spans = spans.get(subject, []), spans.get(obj, [])
                forward = any(_overlaps(s, head) for s in s_spans) and any(_overlaps(o, tail) for o in o_spans)
                backward = any(_overlaps(s, tail) for s in s_spans) and any(_overlaps(o, head) for o in o_spans)
                if forward or backward:
                    hit = i
                    break
            if hit is None:
                scores.get(label).fn += 1
            else:
                used.add(hit)
                scores.get(label).tp += 1
        reverse = {p: label for label, preds in mapping.items() for p in preds}
        for i, (_, predicate, _) in enumerate(predicted):
            if i not in used and predicate in reverse and predicate not in ("variant_of", "part_of"):
                scores.get(reverse[predicate]).fp += 1
    return scores
