"""Word lists kept as data in `kg/data/lexicon/`: generic terms, ambiguous short forms, common words,
and capitalised words that are not entities. Loaded once per process."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import resources
from kg.extract.keys import name_key


def _lines(name: str) -> list[str]:
    text = resources.data("lexicon", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def generic_keys() -> frozenset[str]:
    """Keys of words that would match almost every paper ("pre-training", "model", "LLM")."""
    return frozenset(name_key(term) for term in _lines("generic_terms.txt"))


@lru_cache(maxsize=None)
def ambiguous_short_forms() -> frozenset[str]:
    """Short forms never linked without a definition in the paper itself ("SGD", "MT")."""
    return frozenset(_lines("ambiguous_abbreviations.txt"))


@lru_cache(maxsize=None)
def title_task_adjectives() -> frozenset[str]:
    """Praise or manner before a title's task ("for Accurate Cell Segmentation"), not part of it."""
    return frozenset(_lines("title_task_adjectives.txt"))


@lru_cache(maxsize=None)
def title_slogan_words() -> dict[str, frozenset[str]]:
    """Words that make a title's opening words a slogan ("Parsers Know Best: ..."), by section of
    `title_slogan_words.txt`: "either end", "last", "anywhere", "not slogans"."""
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("", set())
    for line in _lines("title_slogan_words.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        else:
            current.add(line)
    return {name: frozenset(words) for name, words in sections.items()}


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    """Lower-case words of ordinary abstract prose: names equal to one match case-sensitively."""
    return frozenset(_lines("common_words.txt"))


@lru_cache(maxsize=None)
def efficiency_metrics() -> frozenset[str]:
    """Ids of efficiency measures, metrics only where a number is reported for them."""
    return frozenset(_lines("efficiency_metrics.txt"))


@lru_cache(maxsize=None)
def number_format_words() -> frozenset[str]:
    """Words that make "precision" a number format ("mixed precision", "bfloat16 precision")."""
    return frozenset(_lines("number_format_words.txt"))


@lru_cache(maxsize=None)
def metric_praise_words() -> frozenset[str]:
    """Words of praise before a metric ("high accuracy"): without a number, no reported measure."""
    return frozenset(_lines("metric_praise_words.txt"))


@lru_cache(maxsize=None)
def not_task_after() -> frozenset[str]:
    """Nouns after a task name that make it a loss or a component ("language modeling loss")."""
    return frozenset(_lines("not_task_after.txt"))


@lru_cache(maxsize=None)
def task_modifier_stopwords() -> frozenset[str]:
    """Words before a task name that do not make a more specific task ("accurate image classification")."""
    return frozenset(_lines("task_modifier_stopwords.txt"))


@lru_cache(maxsize=None)
def non_entity_keys() -> frozenset[str]:
    """Capitalised or model-like words that name no method, dataset, task or metric (GitHub, GPU)."""
    return frozenset(name_key(term) for term in _lines("non_entities.txt"))


@lru_cache(maxsize=None)
def data_role_words() -> frozenset[str]:
    """Parts and sizes of a dataset ("test", "large"): no dataset's name on their own."""
    return frozenset(_lines("data_role_words.txt"))


@lru_cache(maxsize=None)
def modality_words() -> frozenset[str]:
    """Modalities and domains ("Speech", "Medical"): no dataset's name on their own."""
    return frozenset(_lines("modality_words.txt"))


@lru_cache(maxsize=None)
def numbered_words() -> frozenset[str]:
    """Parts of a document or procedure that a number follows ("task", "table", "stage")."""
    return frozenset(_lines("numbered_words.txt"))


@lru_cache(maxsize=None)
def title_genre_prefixes() -> frozenset[str]:
    """Title prefixes before a colon that name the kind of text ("Guest Editorial", "Book Review")."""
    return frozenset(_lines("title_genre_prefixes.txt"))


@lru_cache(maxsize=None)
def definition_words(kind: str) -> frozenset[str]:
    """The words of one kind (a label of lexicon/definition_words.txt: "adverb", "not-in-name", ...) for the
    rules that read a name from its definition ("Passage retrieval is the task of retrieving ...", "Arrau
    is a new corpus annotated for ...")."""
    return frozenset(word for label, word in (line.split(" ", 1) for line in _lines("definition_words.txt"))
                     if label == kind)


@lru_cache(maxsize=None)
def opening_words() -> frozenset[str]:
    """Words capitalised only because they open a sentence ("Popular", "Although")."""
    return frozenset(_lines("opening_words.txt"))


@lru_cache(maxsize=None)
def organisation_heads() -> frozenset[str]:
    """Last words of organisations' and events' names ("Linguistic Data Consortium")."""
    return frozenset(_lines("organisation_heads.txt"))


@lru_cache(maxsize=None)
def language_names() -> frozenset[str]:
    """Names of human languages, lower case ("arabic", "telugu")."""
    return frozenset(_lines("languages.txt"))


_NAME_FUNCTION_WORDS = frozenset(("of", "for", "and", "the", "on", "in"))
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@lru_cache(maxsize=None)
def language_modifiers() -> frozenset[str]:
    """Words that make a variety of a language ("modern", "brazilian", "mandarin")."""
    return frozenset(_lines("language_modifiers.txt"))


def names_no_entity(name: str) -> bool:
    """An organisation or event ("Linguistic Data Consortium", "Association for Computational
    Linguistics", "Workshop on Asian Translation"), a language or a variety of one ("Telugu", "Modern
    Standard Arabic", "American Sign Language"): a capitalised name that is no method, dataset, task
    or metric. (But "Universal Dependencies English" and "OntoNotes Chinese" are datasets.)"""
    words = _POSSESSIVE.sub("", name).replace("-", " ").split()  # "Linguistic Data Consortium's"
    if not words or not all(w[:1].isupper() or w in _NAME_FUNCTION_WORDS for w in words):
        return False
    head = next((i for i, w in enumerate(words) if w in _NAME_FUNCTION_WORDS), len(words))
    if head > 0 and words[head - 1].lower() in organisation_heads() and len(words) > 1:
        return True
    lowered = [w.lower() for w in words]
    if lowered[-1].endswith("s") and " ".join(lowered[-2:])[:-1] in language_names():
        lowered[-1] = lowered[-1][:-1]  # "Sign Languages"
    for size in (2, 1):
        if len(lowered) >= size and " ".join(lowered[-size:]) in language_names():
            return all(_language_modifier(w) for w in lowered[:-size])
    return False


def _language_modifier(word: str) -> bool:
    """"modern", "algerian" (language_modifiers.txt), "chinese" (of "Chinese-English"): before a language,
    a variety or a pair of languages."""
    return word in language_modifiers() or word in language_names()
