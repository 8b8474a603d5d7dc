"""Type cues loaded from `kg/data/cues/types.json`: which words around a name, or at the end of an
abbreviation's long form, say that it is a method, dataset, benchmark, task or metric."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kg import resources


@dataclass(frozen=True)
class TypeCues:
    head_nouns: dict[str, str]  # noun (singular, lower case) -> type
    long_form_heads: dict[str, str]
    naming_words: frozenset[str]
    apposition_stops: frozenset[str]  # words that end the phrase after a proposed name ("for", "evaluated")
    apposition_copulas: frozenset[str]  # ... unless one of these follows ("which is a new dataset")
    proposal_verbs: frozenset[str]
    name_stopwords: frozenset[str]
    size_suffixes: frozenset[str]
    variant_prefixes: frozenset[str]  # "Split" CIFAR-100, "Permuted" MNIST
    head_noun_forms: frozenset[str]  # head nouns and their plurals, lower case
    component_list: re.Pattern[str]  # before a long form listed as a part of what a sentence proposes
    component_colon: re.Pattern[str]  # the same, listed after "a ... strategy:"
    proposal_object: re.Pattern[str]  # before a long form that is the object of "we propose"
    proposal_passive: re.Pattern[str]  # after a short form: "(PBT) is proposed"
    proposal_passive_not_left: re.Pattern[str]  # before its long form: "the expansion of" the thing
    not_method_heads: frozenset[str]  # "an extensive analysis (EA)" is no method
    technique_heads: re.Pattern[str]  # generic technique words that a specific modifier makes a method
    not_technique_modifiers: re.Pattern[str]  # "two-stage", "fine-grained": a schedule, not a technique
    mention_heads: dict[str, re.Pattern[str]]  # type -> right after a name, the noun its mention takes in
    mention_head_followers: frozenset[str]  # words after that noun that leave it a head, not a modifier


_WORD = re.compile(r"data set|test bed|[a-z]+")
ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ar", "ual")  # "multilingual", "semantic", ...


def lower_text(text: str) -> str:
    """`text.lower()` with the same length (a few characters grow when lower-cased)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def head_noun_hits(lowered: str, start: int = 0) -> list[re.Match[str]]:
    """Matches of head nouns (and their plurals) in a lower-cased text. (Words and a set lookup are
    three times faster than one regular expression with every noun as an alternative.)"""
    forms = type_cues().head_noun_forms
    return [m for m in _WORD.finditer(lowered, start) if m.group() in forms]


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=None)
def type_cues() -> TypeCues:
    data = json.loads(resources.data("cues", "types.json").read_text(encoding="utf-8"))
    head_nouns = {noun: etype for etype, nouns in data["head_nouns"].items() for noun in nouns}
    heads = {word: etype for etype, words in data["long_form_heads"].items() for word in words}
    forms = {form for noun in head_nouns for form in (noun, noun + "s", noun + "es", _plural(noun))}
    mention_heads = {etype: _words_after(group["nouns"]) for group in data["mention_heads"] for etype in group["types"]}
    return TypeCues(
        head_nouns=head_nouns,
        long_form_heads=heads,
        naming_words=frozenset(data["naming_words"]),
        apposition_stops=frozenset(data["apposition_stops"]),
        apposition_copulas=frozenset(data["apposition_copulas"]),
        proposal_verbs=frozenset(data["proposal_verbs"]),
        name_stopwords=frozenset(data["name_stopwords"]),
        size_suffixes=frozenset(data["size_suffixes"]),
        variant_prefixes=frozenset(data["variant_prefixes"]),
        head_noun_forms=frozenset(forms),
        component_list=re.compile(data["component_list"]["before"]),
        component_colon=re.compile(data["component_list"]["after_colon"]),
        proposal_object=re.compile(data["component_list"]["object"]),
        proposal_passive=re.compile(data["component_list"]["passive"]),
        proposal_passive_not_left=re.compile(data["component_list"]["passive_not_left"]),
        not_method_heads=frozenset(data["component_list"]["not_heads"]),
        technique_heads=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in data["technique_heads"]["words"]) + r")\b"),
        not_technique_modifiers=re.compile(
            r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in data["technique_heads"]["not_modifiers"]) + r")(?=\s)|(?:"
            + "|".join(re.escape(w) for w in data["technique_heads"]["not_modifier_endings"]) + r")(?=\s)"),
        mention_heads=mention_heads,
        mention_head_followers=frozenset(data["mention_head_followers"]),
    )


def _words_after(nouns: list[str]) -> re.Pattern[str]:
    """One of the nouns (or its plural) right after a name, as a whole word."""
    forms = sorted({form for noun in nouns for form in (noun, noun if noun.endswith(("s", "a")) else _plural(noun))},
                   key=len, reverse=True)
    return re.compile(r"[ \t]+(?:" + "|".join(re.escape(w) for w in forms) + r")(?![\w-])")


@lru_cache(maxsize=1 << 16)
def noun_type(word: str) -> str | None:
    """The type a head noun stands for ("datasets" -> Dataset), else None (cached: ten calls a paper)."""
    cues = type_cues()
    lowered = word.lower()
    return cues.head_nouns.get(lowered) or cues.head_nouns.get(_singular(lowered))


def long_form_type(long_form: str) -> str | None:
    """The type of an abbreviation's long form from its last word(s)."""
    words = long_form.lower().replace("-", " ").split()
    if not words:
        return None
    cues = type_cues()
    last = words[-1]
    return cues.long_form_heads.get(last) or cues.long_form_heads.get(_singular(last))
