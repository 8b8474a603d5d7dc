"""Span-level scoring against gold in the JSON Lines format of `../shared/eval/`:
`{"id", "text", "entities": [{"start", "end", "label", "text"}]}`.

Each record's text is extracted as an abstract with no title. Only the types the gold set annotates
are scored (label mapping in `kg/data/eval/labels.json`); `exact` needs the same span and type,
`overlap` a one-to-one pairing of overlapping spans of the same type.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kg import resources
from kg.evaluate.scoring import Scores
from kg.model import Paper


@lru_cache(maxsize=None)
def label_map() -> tuple[dict[str, str], dict[str, str]]:
    data = json.loads(resources.data("eval", "labels.json").read_text(encoding="utf-8"))
    return data["labels"], data["type_class"]


Span = tuple[int, int, str]


def gold_spans(record: dict[str, Any]) -> list[Span]:
    labels, _ = label_map()
    return [(e["start"], e["end"], labels[e["label"]]) for e in record.get("entities", []) if e["label"] in labels]


def predicted_spans(extraction: dict[str, Any], scored: set[str]) -> list[Span]:
    _, classes = label_map()
    spans = []
    for entity in extraction["entities"]:
        etype = classes[entity["type"]]
        if etype not in scored:
            continue
        for mention in entity["mentions"]:
            if mention["field"] == "abstract":
                spans.append((mention["start"], mention["end"], etype))
    return sorted(set(spans))


def match(gold: list[Span], predicted: list[Span], mode: str) -> list[tuple[Span, Span]]:
    """Pairs of (gold, predicted) spans that count as the same mention."""
    if mode == "exact":
        pred = set(predicted)
        return [(g, g) for g in gold if g in pred]
    pairs, used = [], set()
    for g in gold:
        best = None
        for i, p in enumerate(predicted):
            if i in used or p[2] != g[2] or p[1] <= g[0] or g[1] <= p[0]:
                continue
            overlap = min(g[1], p[1]) - max(g[0], p[0])
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, predicted[best[1]]))
    return pairs


def unscored_labels(records: Iterable[dict[str, Any]]) -> dict[str, int]:
    """{label: spans} of the gold labels that the label map does not score, most frequent first."""
    labels, _ = label_map()
    counts = Counter(e["label"] for r in records for e in r.get("entities", []) if e["label"] not in labels)
    return dict(counts.most_common())


def score_spans(records: Iterable[dict[str, Any]], extract_fn, mode: str = "exact",
                extractions: list[dict[str, Any]] | None = None) -> tuple[Scores, int]:
    """Scores of `extract_fn` (papers -> extraction records) on span gold records."""
    records = list(records)
    labels, _ = label_map()
    scored = {labels[e["label"]] for r in records for e in r.get("entities", []) if e["label"] in labels}
    papers = [Paper(id=str(r.get("id", i)), title="", abstract=r["text"]) for i, r in enumerate(records)]
    if extractions is None:
        extractions = extract_fn(papers)
    scores = Scores()
    for etype in scored:
        scores.get(etype)
    for record, extraction in zip(records, extractions):
        text = record["text"]
        gold = gold_spans(record)
        predicted = predicted_spans(extraction, scored)
        pairs = match(gold, predicted, mode)
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        for g in gold:
            prf = scores.get(g[2])
            if g in matched_gold:
                prf.tp += 1
            else:
                prf.fn += 1
                scores.false_negatives[(g[2], text[g[0]:g[1]])] += 1
        for p in predicted:
            if p not in matched_pred:
                scores.get(p[2]).fp += 1
                scores.false_positives[(p[2], text[p[0]:p[1]])] += 1
    return scores, len(records)
