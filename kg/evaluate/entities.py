"""Entity-level scoring per paper against the seed development set (`tests/data/devset/`).

A gold entity and a predicted one are the same when a name or alias of one has the name key (case,
hyphens, spaces and plural ignored) of a name, alias or mention of the other, or both link to the
same gazetteer entry. Types are compared by class (a benchmark is a dataset). Roles are scored on the
matched datasets and methods; `proposes` gets its own precision and recall over all entities.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.scoring import PRF, Scores
from kg.evaluate.spans import label_map
from kg.extract.keys import name_key
from kg.model import Paper


@dataclass
class ResultScores:
    """Result tuples: a predicted value counts when the paper's gold has the same value and unit."""

    values: PRF = field(default_factory=PRF)
    kind_correct: int = 0
    metric_correct: int = 0
    method_correct: int = 0
    dataset_correct: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        tp = self.values.tp or 1
        return {"values": self.values.as_dict(), "kind_accuracy": round(self.kind_correct / tp, 4),
                "metric_accuracy": round(self.metric_correct / tp, 4),
                "method_accuracy": round(self.method_correct / tp, 4),
                "dataset_accuracy": round(self.dataset_correct / tp, 4),
                "missed": self.missed[:15], "spurious": self.spurious[:15]}


def _same_name(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and name_key(a) == name_key(b))


def _names_of(extraction: dict[str, Any]) -> dict[str, set[str]]:
    """Each predicted entity's name -> the keys of all its spellings (aliases, mention texts)."""
    return {name_key(e["name"]): predicted_keys(e) for e in extraction.get("entities", [])}


def _same_entity(gold_name: str | None, predicted_name: str | None, spellings: dict[str, set[str]]) -> bool:
    """A result's method, dataset or metric: the same name, or a spelling of the predicted entity
    ("Selfie" for "SELFie supervised Image Embedding")."""
    if _same_name(gold_name, predicted_name):
        return True
    if gold_name is None or predicted_name is None:
        return False
    return name_key(gold_name) in spellings.get(name_key(predicted_name), set())


def _same_unit(a: str | None, b: str | None) -> bool:
    """The same unit; a bare difference of scores is one in points ("1.07 decrease in sFID")."""
    a, b = a or "", b or ""
    return a == b or {a, b} == {"", "points"}


def score_results(gold: list[dict[str, Any]], extractions: list[dict[str, Any]]) -> ResultScores:
    scores = ResultScores()
    for record, extraction in zip(gold, extractions):
        predicted = list(extraction.get("results", []))
        spellings = _names_of(extraction)
        used: set[int] = set()
        for g in record.get("results") or []:
            hit = next((i for i, p in enumerate(predicted) if i not in used
                        and abs(float(p["value"]) - float(g["value"])) < 1e-6
                        and _same_unit(p["unit"], g["unit"])), None)
            if hit is None:
                scores.values.fn += 1
                scores.missed.append(g["text"])
                continue
            used.add(hit)
            p = predicted[hit]
            scores.values.tp += 1
            scores.kind_correct += p["kind"] == g["kind"]
            scores.metric_correct += _same_entity(g["metric"], p["metric"], spellings)
            scores.method_correct += _same_entity(g["method"], p["method"], spellings)
            scores.dataset_correct += _same_entity(g["dataset"], p["dataset"], spellings)
        for i, p in enumerate(predicted):
            if i not in used:
                scores.values.fp += 1
                scores.spurious.append(f"{p['text']} | {p['sentence'][:80]}")
    return scores


@dataclass
class RoleScores:
    correct: Counter[str] = field(default_factory=Counter)  # by type class
    total: Counter[str] = field(default_factory=Counter)
    proposes: PRF = field(default_factory=PRF)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)

    def accuracy(self, etype: str) -> float:
        return self.correct[etype] / self.total[etype] if self.total[etype] else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"accuracy": {t: round(self.accuracy(t), 4) for t in sorted(self.total)},
                "matched": dict(self.total), "proposes": self.proposes.as_dict(),
                "confusion": [[g, p, n] for (g, p), n in self.confusion.most_common(20)]}


def _keys(names) -> set[str]:
    return {k for k in (name_key(n) for n in names if n) if k}


def predicted_keys(entity: dict[str, Any]) -> set[str]:
    return _keys([entity["name"], *entity.get("aliases", []), *(m["text"] for m in entity["mentions"])]) | {entity["id"]}


def gold_keys(entity: dict[str, Any], kb) -> set[str]:
    names = [entity["name"], *(entity.get("aliases") or [])]
    keys = _keys(names)
    if kb is not None:
        for name in names:
            keys.update(e.id for e in kb.lookup(name))
    return keys


def papers_of(gold: list[dict[str, Any]]) -> list[Paper]:
    """The gold papers as kg reads them: cleaned like any ingested text."""
    from kg.ingest.clean import clean_text

    return [Paper(id=str(g.get("id") or f"dev-{i}"), title=clean_text(g["title"]),
                  abstract=clean_text(g.get("abstract", ""))) for i, g in enumerate(gold)]


def score_entities(gold: list[dict[str, Any]], extractions: list[dict[str, Any]], kb=None
                   ) -> tuple[Scores, RoleScores]:
    _, classes = label_map()
    scores, roles = Scores(), RoleScores()
    for record, extraction in zip(gold, extractions):
        predicted = list(extraction["entities"])
        pred_keys = [predicted_keys(p) for p in predicted]
        used: set[int] = set()
        for entity in record["entities"]:
            gclass = classes[entity["type"]]
            keys = gold_keys(entity, kb)
            hit = next((i for i, p in enumerate(predicted)
                        if i not in used and classes[p["type"]] == gclass and keys & pred_keys[i]), None)
            prf = scores.get(gclass)
            if hit is None:
                prf.fn += 1
                scores.false_negatives[(gclass, entity["name"])] += 1
                if entity["role"] == "proposes":
                    roles.proposes.fn += 1
                continue
            used.add(hit)
            prf.tp += 1
            pred_role = predicted[hit].get("role", "mentions")
            if gclass in ("Dataset", "Method"):
                roles.total[gclass] += 1
                roles.correct[gclass] += pred_role == entity["role"]
                roles.confusion[(entity["role"], pred_role)] += 1
            if entity["role"] == "proposes" and pred_role == "proposes":
                roles.proposes.tp += 1
            elif entity["role"] == "proposes":
                roles.proposes.fn += 1
            elif pred_role == "proposes":
                roles.proposes.fp += 1
        for i, p in enumerate(predicted):
            if i in used:
                continue
            scores.get(classes[p["type"]]).fp += 1
            scores.false_positives[(classes[p["type"]], p["name"])] += 1
            if p.get("role") == "proposes":
                roles.proposes.fp += 1
    return scores, roles
