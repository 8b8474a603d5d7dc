"""Gazetteer patterns for spaCy's SpanRuler, made from the knowledge base.

Every name, alias and abbreviation of every entry becomes a phrase pattern matched on the token NORM
(see `tokenizer.py`), plus generated spellings: a plural for methods, tasks and metrics, and the
squashed form of short multi-part names (MS COCO -> MSCOCO). Patterns carry an `id` that keys the
`AliasTable`: the entries an alias may name, and whether the match must respect case.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.kb import Entry, KnowledgeBase, load_kb
from kg.extract.lexicon import common_words
from kg.extract.tokenizer import tokenize, token_norm

PLURAL_TYPES = ("Method", "Metric")


@dataclass(frozen=True)
class AliasSense:
    entry_id: str
    alias: str  # the name as the gazetteer spells it
    exact_case: bool  # match only this exact spelling (abbreviations, common words)
    is_abbreviation: bool
    needs_capital: bool = False  # never matches a word written all in lower case (see `needs_a_capital`)


@dataclass
class AliasTable:
    senses: dict[str, list[AliasSense]] = field(default_factory=dict)  # pattern id -> senses

    def add(self, key: str, sense: AliasSense) -> None:
        bucket = self.senses.setdefault(key, [])
        if sense not in bucket:
            bucket.append(sense)


def norm_key(text: str) -> str:
    """The pattern id of a spelling: its token norms joined by spaces (whitespace tokens dropped)."""
    words, _ = tokenize(text)
    return " ".join(token_norm(w) for w in words if not w.isspace())


def needs_exact_case(name: str, etype: str = "") -> bool:
    """Names that are also ordinary words or short all-caps acronyms must match their exact case.
    A capitalised method name also matches in lower case ("transformer", "adam", "self-training"): unlike a
    dataset called Places or a metric called RACE, a method's name in lower case is still the method."""
    words = name.split()
    if len(words) == 1:
        bare = name.strip("-")
        if bare.isupper() and len(bare) <= 4:
            return True
        if bare.lower() in common_words():  # "Transformer", "Self-Distillation": also "self-distillation"
            return not (etype == "Method" and all(p[:1].isupper() and p[1:].islower() for p in bare.split("-") if p))
    return False


def needs_a_capital(name: str, etype: str = "") -> bool:
    """A one-word name of data, a task or a metric that is written with capitals ("MARBLE", "HoVer",
    "Taskmaster", "Stack") is not that thing where a text writes the word in lower case ("a marble
    represents", "hover over the boundary", "a stack of models"). A method's name is (`needs_exact_case`)."""
    return etype != "Method" and " " not in name and name.replace("-", "").isalpha() and not name.islower()


# a short first part that papers write with or without its hyphen: pre-training/pretraining,
# fine-tuning/finetuning, core-set/coreset, multi-task/multitask
_JOINABLE_PREFIX = re.compile(r"(?<![\w-])([A-Za-z]{2,5})-(?=[A-Za-z]{2})")  # not "Ape-X", "Point-E"


def _joined_spellings(spelling: str) -> set[str]:
    """The spelling with any of its joinable hyphens dropped ("zero-shot crosslingual transfer",
    "zeroshot cross-lingual transfer", ...): each combination of the first three, and all of them."""
    every = [m.end(1) for m in _JOINABLE_PREFIX.finditer(spelling)]
    hyphens = every[:3]
    found = {"".join(c for i, c in enumerate(spelling) if i not in set(every))} if every else set()
    for mask in range(1, 1 << len(hyphens)):
        dropped = {h for i, h in enumerate(hyphens) if mask >> i & 1}
        found.add("".join(c for i, c in enumerate(spelling) if i not in dropped))
    return found


def spellings(entry: Entry, name: str) -> set[str]:
    """The name and the spellings generated from it."""
    found = {name}
    words = name.split()
    last = words[-1] if words else ""
    tail = last.rsplit("-", 1)[-1]  # "pseudo-label" -> "pseudo-labels"
    if entry.type in PLURAL_TYPES and last.replace("-", "").isalpha() and len(tail) > 2 \
            and tail.endswith(("ss", "x", "ch", "sh")) and not tail.isupper():
        found.add(name + "es")  # "Gaussian Process" -> "Gaussian Processes"
    elif entry.type in PLURAL_TYPES and last.replace("-", "").isalpha() and len(tail) > 2 \
            and not tail.endswith(("s", "ing")) and not tail.isupper():
        if last.endswith("y") and last[-2] not in "aeiou":
            found.add(name[:-1] + "ies")
        else:
            found.add(name + "s")
    for spelling in list(found):  # "continual pre-training" is also written "continual pretraining"
        found.update(_joined_spellings(spelling))
    parts = name.replace("-", " ").split()
    if 2 <= len(parts) <= 3 and all(p.isalpha() for p in parts) and len("".join(parts)) >= 5 \
            and any(c.isupper() for c in "".join(parts[1:])):
        found.add("".join(parts))  # MS COCO -> MSCOCO, nnU-Net -> nnUNet
    return found


def abbreviation_spellings(entry: Entry, short: str) -> set[str]:
    """An abbreviation and, for methods, its plural (CNN -> CNNs)."""
    if entry.type == "Method" and short[-1:].isupper() and len(short) >= 2:
        return {short, short + "s"}
    return {short}


def build_patterns(kb: KnowledgeBase) -> tuple[list[dict], AliasTable]:
    table = AliasTable()
    patterns: dict[str, dict] = {}
    for entry in kb.entries.values():
        names = [(n, False) for n in (entry.name, *entry.aliases)] + [(a, True) for a in entry.abbreviations]
        for name, is_abbreviation in names:
            for spelling in spellings(entry, name) if not is_abbreviation else abbreviation_spellings(entry, name):
                key = norm_key(spelling)
                if not key:
                    continue
                exact = is_abbreviation or needs_exact_case(spelling, entry.type)
                table.add(key, AliasSense(entry.id, spelling, exact, is_abbreviation,
                                          needs_a_capital(spelling, entry.type)))
                patterns.setdefault(key, {"label": "KB", "pattern": spelling, "id": key})
    return list(patterns.values()), table


@lru_cache(maxsize=8)
def gazetteer(extra: tuple[str, ...] = ()) -> tuple[KnowledgeBase, list[dict], AliasTable]:
    """The knowledge base, its SpanRuler patterns and alias table (cached per set of user files)."""
    kb = load_kb(extra)
    patterns, table = build_patterns(kb)
    return kb, patterns, table
