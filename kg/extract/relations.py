"""Entity-to-entity relations a paper states, each with its evidence sentence:

- `evaluated_on` (Method -> Dataset): a result of the method on the dataset, or the paper's own
  method in a sentence where it evaluates on the dataset;
- `for_task` (Method -> Task): the paper's own method in a sentence that addresses the task;
- `metric_for` (Metric -> Dataset): a result in the metric on the dataset;
- `based_on` (Method -> Method): "a BERT-based encoder", "built on CLIP", for the paper's own method;
- `compared_with` (Method -> Method): "X outperforms Y", "X is compared with Y" (stated relations only);
- `trained_on` (Method -> Dataset): "a ResNet pre-trained on ImageNet", "ImageNet-pretrained VGG",
  "fine-tune BERT on SQuAD" (stated relations only);
- `dataset_for` (Dataset -> Task): "SQuAD, a dataset for question answering", "question answering
  benchmarks such as SQuAD" (stated relations only);
- `variant_of` / `part_of`: from the gazetteer and from discovered variants (ES-ImageNet of ImageNet);
- these (but variant_of and part_of) between two neighbouring mentions of a sentence when the words between them
  state it ("BERT for question answering", "ResNet-50 on ImageNet", "a model based on BERT"), whoever's
  methods they are (`stated_relations`, cues in `kg/data/cues/relations.json`).
Pure Python, on an extraction record (and the raw extraction for the stated relations).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg import resources
from kg.extract.kb import KnowledgeBase
from kg.extract.raw import RawExtraction, RawMention

BASED_ON_RULES = ("x-based", "based-on", "as-backbone")


def _relation(subject: str, predicate: str, obj: str, sentence: str | None, rule: str,
              confidence: float) -> dict[str, Any]:
    return {"subject": subject, "predicate": predicate, "object": obj, "sentence": sentence, "rule": rule,
            "confidence": confidence}


@dataclass(frozen=True)
class PairRule:
    id: str
    predicate: str
    first: frozenset[str]  # entity types of the earlier mention
    second: frozenset[str]
    subject_first: bool
    between: re.Pattern[str]  # the whole gap between the two mentions
    before: re.Pattern[str] | None  # the text just before the earlier mention must match
    not_before: re.Pattern[str] | None  # ... must not match
    first_text: re.Pattern[str] | None  # the end of the earlier mention's own text must match
    extends_to_list: bool


@dataclass(frozen=True)
class PairCues:
    rules: tuple[PairRule, ...]
    max_gap: int
    list_separator: re.Pattern[str]
    clause_after: re.Pattern[str]  # after a listed name: it starts a clause of its own
    contrast_before: re.Pattern[str]  # before the first mention: no relation at all ("Unlike X, ...")


BEFORE_WINDOW = 60  # characters before the first mention that `before` and `not_before` read
_CONJUNCTION = re.compile(r"\b(?:and|or)\b", re.I)


@lru_cache(maxsize=None)
def pair_cues() -> PairCues:
    data = json.loads(resources.data("cues", "relations.json").read_text(encoding="utf-8"))
    opening = data["opening"]
    rules = tuple(PairRule(r["id"], r["predicate"], frozenset(r["first"]), frozenset(r["second"]),
                           r["subject"] == "first", re.compile(opening + r["between"], re.I),
                           re.compile(r["before"], re.I) if "before" in r else None,
                           re.compile(r["not_before"], re.I) if "not_before" in r else None,
                           re.compile(f"(?:{r['first_text']})$", re.I) if "first_text" in r else None,
                           r.get("list", False))
                  for r in data["rules"])
    return PairCues(rules, data["max_gap"], re.compile(data["list"], re.I), re.compile(data["clause_after"], re.I),
                    re.compile(data["contrast_before"], re.I))


def stated_relations(raw: RawExtraction) -> list[dict[str, Any]]:
    """Relations that the words between two neighbouring mentions of one sentence state, in text order."""
    cues = pair_cues()
    mentions: list[RawMention] = []
    for mention in sorted(raw.mentions, key=lambda m: (m.start, -m.end)):
        if not mentions or mention.start >= mentions[-1].end:  # not "GAN" inside "SPA-GAN"
            mentions.append(mention)
    found: list[dict[str, Any]] = []
    for index, (first, second) in enumerate(zip(mentions, mentions[1:])):
        if first.sentence != second.sentence or first.entity == second.entity:
            continue
        gap = raw.text[first.end:second.start]
        if len(gap) > cues.max_gap:
            continue
        first_type, second_type = raw.entities[first.entity].type, raw.entities[second.entity].type
        window = max(0, first.start - BEFORE_WINDOW)
        if cues.contrast_before.search(raw.text, window, first.start):
            continue
        for rule in cues.rules:
            if first_type not in rule.first or second_type not in rule.second or not rule.between.fullmatch(gap):
                continue
            if rule.first_text is not None and not rule.first_text.search(raw.text, first.start, first.end):
                continue
            if rule.before is not None and not rule.before.search(raw.text, window, first.start):
                continue
            if rule.not_before is not None and rule.not_before.search(raw.text, window, first.start):
                continue
            seconds = [second] + (_listed_after(raw, mentions, index + 1, cues) if rule.extends_to_list else [])
            for other in seconds:
                subject, obj = (first, other) if rule.subject_first else (other, first)
                start, end = raw.sentences[first.sentence] if raw.sentences else (0, len(raw.text))
                found.append(_relation(subject.entity, rule.predicate, obj.entity, raw.text[start:end],
                                       f"stated:{rule.id}", 0.7))
            break
    return found


def _listed_after(raw: RawExtraction, mentions: list[RawMention], index: int, cues: PairCues) -> list[RawMention]:
    """The mentions listed after mentions[index], of its type ("FCN, U-Net and DeepLab"). The list
    ends at its "and" / "or"; ", and X" continues it only after a plain comma ("SQuAD, and MNIST for
    ..." is another clause); a name that starts a clause of its own is not in it ("ELMo and XLNet
    performs ...")."""
    head = mentions[index]
    listed: list[RawMention] = []
    after_comma = False
    for previous, mention in zip(mentions[index:], mentions[index + 1:]):
        gap = raw.text[previous.end:mention.start]
        if mention.sentence != head.sentence or raw.entities[mention.entity].type != raw.entities[head.entity].type \
                or not cues.list_separator.fullmatch(gap):
            break
        conjunction = _CONJUNCTION.search(gap) is not None
        if conjunction and "," in gap and not after_comma or cues.clause_after.match(raw.text, mention.end):
            break
        listed.append(mention)
        if conjunction:
            break
        after_comma = True
    return listed


def paper_relations(record: dict[str, Any], kb: KnowledgeBase, stated: list[dict[str, Any]] = ()
                    ) -> list[dict[str, Any]]:
    """The relations stated in one paper's extraction record (deduplicated, first evidence kept);
    `stated`: those of `stated_relations`, added after the others."""
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
    for relation in stated:
        add(relation)
    for entity in entities.values():
        entry = kb.entries.get(entity["id"])
        parent = entity.get("variant_of")
        if parent and (parent in kb.entries or parent in entities):
            add(_relation(entity["id"], "variant_of", parent, None, "gazetteer" if entry else "discovered-variant", 0.9))
        if entry is not None and entry.part_of:
            add(_relation(entity["id"], "part_of", entry.part_of, None, "gazetteer", 0.9))
    return list(found.values())
