"""The linker: from overlapping candidates to one entity per mention.

It runs after the abbreviation detector, the gazetteer and discovery (scispacy's order: the linker
reads the abbreviations). For each document it
1. turns gazetteer matches into candidates, keeping only the senses whose case fits (`CLIP` is not
   "clip"), and widens a match that is part of a larger name (ES-ImageNet, RoBERTa-large);
2. links every abbreviation to its long form ("Vision Transformer (ViT)": ViT = Vision Transformer),
   and every later use of the short form to the same entity; a local definition beats the gazetteer;
3. picks non-overlapping candidates, longest first, gazetteer before discovery;
4. drops generic words and ambiguous short forms that the paper does not define, unless the paper's
   text points to one reading ("MT" beside BLEU and language pairs: kg.extract.short_forms), and
   resolves an alias with senses of several types by context or leaves it unresolved (never merged
   silently).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg import resources
from kg.extract.abbreviations import Abbreviation
from kg.extract.code_urls import code_url_names
from kg.extract.cues import ADJECTIVE_ENDINGS, long_form_type, lower_text, noun_type, type_cues
from kg.extract.discovery import (SHARED_MODIFIER_TASK, Candidate, _pattern, chunks, context_type, is_model_like,
                                  word_start_finditer)
from kg.extract.doc_data import doc_value, set_doc_value
from kg.extract.gazetteer import AliasSense, gazetteer
from kg.extract.kb import ID_PREFIX, KnowledgeBase
from kg.extract.keys import name_key, slug
from kg.extract.lexicon import (ambiguous_short_forms, common_words, efficiency_metrics, generic_keys,
                                language_names, metric_praise_words, names_no_entity, non_entity_keys, not_task_after,
                                number_format_words, task_modifier_stopwords)
from kg.extract.sentences import sentence_at, sentence_index
from kg.extract.short_forms import reading_in_context, readings
from kg.extract.tokenizer import doc_text

GAZETTEER_KEY = "kg_gazetteer"
NER_KEY = "kg_ner"  # spans of the optional statistical NER (kg.extract.ner)
NER_CONFIDENCE = 0.55  # below 0.6: a statistical guess never hides a gazetteer name
TYPED_RULES = ("named", "noun-after", "noun-before")  # discovery rules whose type comes from a noun
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")
# rules whose "proposed" is a guess about a new name: it never passes to a gazetteer name at the same
# place ("via Prompt Tuning" in a title, "three tasks: Sentiment Analysis, ...")
GUESSED_PROPOSALS = frozenset({"title-method", "task-list"})
# rules of a task a sentence defines: a known task inside its name is what it is a variant of
DEFINED_TASK_RULES = frozenset({"defined-task", "task-aim"})
_COORDINATED_WORD = re.compile(r"(?<![\w-])([a-z][\w-]*)(?:\s+(?:and|or)|,(?:\s+(?:and|or))?)\s+$")  # "image and "
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|each|every|this|that|our|its|their|his|her)\s+$", re.IGNORECASE)
_LISTED_BEFORE = re.compile(r"[a-z][\w-]*,\s+$")
_TRAILING_VERSION = re.compile(r"(?<=[\s-])\d+(?:\.\d+)?$")  # "LLaMa 3", "Qwen 2": a name ending in its version
_LISTED_VERSION = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+)(\d+(?:\.\d+)?)(?![\w%]|\.\d)")
_AFTER_VERSIONS = re.compile(r"\s*(?:$|[,;:.)]|(?:and|or)\s+[A-Z]|(?:family|families|series|versions?|variants?|"
                             r"checkpoints?)\b)")
_COMPOUND_PREFIX = re.compile(r"(?<![\w-])(?:non|self|semi|weakly|un|anti|pseudo|cross|multi|fully|partially|quasi)-$",
                              re.IGNORECASE)
DATA_TYPES = frozenset({"Dataset", "Benchmark"})
_AUTHOR_CITATION = re.compile(r"(?:'s)?\s*(?:\(\s*(?:19|20)\d\d[a-z]?\s*[),;]|et\s+al\b|and\s+[A-Z][a-z]+\s*\(\s*(?:19|20)\d\d)")
_NEXT_WORD = re.compile(r"[ -]([A-Za-z]+)")
_NUMBER = re.compile(r"(?<!\w)(?<!\w-)\d")  # a number ("-35%" too), not the digit of a name (YOLOv8, GPT-4)
_MODIFIER = re.compile(r"(?:^|[\s(])([A-Za-z0-9][\w-]*) $")
_DIMENSION = re.compile(r"[1-4]D$")
_DESCRIPTIVE = re.compile(r"-(?:based|driven|powered|guided|assisted|enhanced|augmented|inspired)$", re.I)
# a web address, an e-mail address, a bare domain with a path: each alternative with the strings that any
# match of it contains (the others are left out of the scan of a text that has none of them)
_URL_PARTS = ((("http://", "https://", "ftp://", "www."), r"(?:https?://|ftp://|www\.)\S+"),
              (("@",), r"\S+@\S+\.\w+"),
              ((".com/", ".org/", ".io/", ".net/", ".ai/"), r"\b[\w.-]+\.(?:com|org|io|net|ai)/\S*"))


_WORD_BEFORE = re.compile(r"(?<![\w\-\u2013\u2192/])([A-Z][\w-]*) $")  # the capitalised word right before a name
_WORD_AFTER_SHORT = re.compile(r"\)\s*([A-Za-z][\w-]*)")  # the word after "long form (SHORT)"
# "Meta Concept Context (MetaCoCo), a benchmark with ...": the apposition's head noun gives the type
# (its last word, not a modifier: "(PAT), a task-agnostic method" is a method)
_APPOSITION_AFTER_SHORT = re.compile(r"\)\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}?([a-z]+)"
                                     r"(?=\s*(?:[,.;:)]|$)|\s+(?:for|of|to|that|which|with|in|on|from|designed|built|based)\b)")
# "... Retrieval Augmented Generation (KG-RAG) framework" names a method, whatever its long form's head;
# a "model" or "dataset" after a task's long form is one for the task ("Event Extraction (CEE) model")
METHOD_HEADS = frozenset("framework approach method technique algorithm paradigm strategy scheme pipeline".split())


@dataclass
class EntityInfo:
    key: str  # a knowledge-base id, or "new:<Type>:<name key>" for a discovered name
    name: str
    type: str
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    variant_of: str | None = None
    proposed: bool = False  # a discovery rule says the paper introduces it


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: str  # EntityInfo.key
    rule: str
    confidence: float
    sentence: int


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """The text without separators; cached, as the same aliases and names come back in every paper."""
    return _SEPARATORS.sub("", text)


def senses_for(text: str, senses: list[AliasSense]) -> list[AliasSense]:
    """The senses whose case rule accepts this spelling."""
    squashed = squash(text)
    kept = []
    for sense in senses:
        if sense.exact_case:
            alias = squash(sense.alias)
            if squashed != alias and not (squashed.endswith("s") and squashed[:-1] == alias):
                continue
        kept.append(sense)
    return kept


_DATA_WORDS = frozenset("validation test testing training train val dev split splits set sets data".split())
_DATA_LIST_BEFORE = re.compile(r"\b(?:datasets|benchmarks|corpora)\s*(?:\(|:|,|including|such as)[^.;()]*$")


def _names_data(text: str, start: int, end: int) -> bool:
    """"the cityscapes validation set", "results on charades", "datasets (charades, volleyball, ...)":
    a data name written in lower case still names the data when a word for data follows, "on" comes
    before, or it is listed after a word for data."""
    word = _word_after(text, end)
    return word in _DATA_WORDS or noun_type(word) in ("Dataset", "Benchmark") or _word_before(text, start) == "on" \
        or _DATA_LIST_BEFORE.search(text, max(0, start - 60), start) is not None


def _generic_head(name: str) -> bool:
    """"Code Large Language Models": a generic term after one plain word is no name."""
    words = name.split()
    return len(words) >= 3 and name_key(" ".join(words[1:])) in generic_keys() and words[0].lower() in common_words()


_VALUE_AFTER = re.compile(r"\s*[=:]\s*[+-]?\.?\d|\s+of\s+[+-]?\.?\d")


def _capitalised_metric(text: str, end: int, surface: str, senses: list[AliasSense],
                        kb: KnowledgeBase, value_after: bool = True) -> list[AliasSense]:
    """"AUROC = 0.77, Accuracy = 0.72", "a Precision of 0.9028": a metric named by a common word, which
    matches only in its own case, is the metric when capitalised if its value follows right after
    (`value_after=False`: its metric senses, whatever follows)."""
    if not (surface[:1].isupper() and surface[1:].islower()) or value_after and not _VALUE_AFTER.match(text, end):
        return []
    return [sense for sense in senses if not sense.is_abbreviation and kb.entries[sense.entry_id].type == "Metric"]


_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")
# between two items of a list on one line: ", ", " and ", ", and ", " / "
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t](?:and|or)[ \t]+|/)[ \t]*")
_LIST_SEPARATOR_REACH = 8  # the longest separator looked for between two listed names


def _listed_metrics(text: str, listed: list[Candidate], found: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """"F-measure, Precision, Recall", "(MRR and Recall)", "Fluency and Adequacy": capitalised common
    words that name metrics ("Recall" matches only in its own case) are those metrics when listed next
    to another metric's name (found, or accepted so: "Precision, Recall, F1")."""
    if not listed:
        return []
    starts, ends = set(), set()
    for cand in found:
        if cand.rule == "gazetteer" and cand.entity_ids and all(kb.entries[i].type == "Metric" for i in cand.entity_ids):
            starts.add(cand.start)
            ends.add(cand.end)
    accepted: list[Candidate] = []
    pending = listed
    while pending:
        waiting = []
        for cand in pending:
            if _CAPITAL_AFTER.match(text, cand.end):
                continue  # part of a longer name: "BLEU and Precision Agriculture"
            after = _LIST_SEPARATOR.match(text, cand.end)
            listed_after = any(_LIST_SEPARATOR.fullmatch(text, end, cand.start) for end in ends
                               if cand.start - _LIST_SEPARATOR_REACH <= end < cand.start)
            if listed_after or (after is not None and after.end() in starts):
                accepted.append(cand)
                starts.add(cand.start)
                ends.add(cand.end)
            else:
                waiting.append(cand)
        if len(waiting) == len(pending):
            break
        pending = waiting
    return accepted


# after a sentence's first word: a capitalised word makes it part of a longer name ("Precision
# Agriculture"), a clause, an article or a determiner makes it a verb ("Recall that ...", "Recall our
# definition")
_NOT_A_NAME_AFTER = re.compile(r"[ \t]+(?:[A-Z]|(?:that|the|a|an|how|what|why|when|where|whether|from|our|"
                               r"this|these|those|its|their|his|her|some|any|each|every)\b)")


def _sentence_initial(text: str, start: int, surface: str, senses: list[AliasSense],
                      sentence_starts: frozenset[int]) -> list[AliasSense]:
    """"Precision and recall values ...", "Accuracy of prediction is ...": a name written in lower case
    that matches only in its own case ("precision", a common word) is still that name when capitalised
    because it opens a sentence of the abstract."""
    if start not in sentence_starts or not surface[:1].isupper() or not surface[1:].islower() \
            or _NOT_A_NAME_AFTER.match(text, start + len(surface)):
        return []
    return senses_for(surface[0].lower() + surface[1:], senses)


_VERB_RESULTS = re.compile(r"[ \t]+in\b")
_LANGUAGE_PAIR_TRANSLATION = re.compile(
    r"(?<![\w-])([A-Z][a-z]+)(?:-to-|-|\u2013|\u2192|[ \t]+to[ \t]+)([A-Z][a-z]+)[ \t]+(?:[Mm]achine[ \t]+)?[Tt]ranslation(?![\w-])(?![ \t]+of\b)")


def _language_pair_translations(text: str, known: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """"Czech-English translation", "English-to-German Machine Translation": translation between two
    languages is a task of its own, a variant of machine translation, one entity whatever the spelling
    of the pair ("English-German translation"). Not a translated text ("a Chinese-English translation
    of SQuAD"), nor where the pair ends a dataset's name ("the WMT14 English-German translation task")."""
    if "ranslation" not in text:
        return []
    languages = language_names()
    data = [(c.start, c.end) for c in known if c.entity_ids and all(kb.entries[i].type in DATA_TYPES
                                                                       for i in c.entity_ids)]
    found = []
    for match in _LANGUAGE_PAIR_TRANSLATION.finditer(text):
        source, target = match.group(1), match.group(2)
        if any(s < match.end() and match.start() < e for s, e in data):
            continue
        if source != target and source.lower() in languages and target.lower() in languages:
            found.append(Candidate(match.start(), match.end(), "Task", "language-pair", 0.8,
                                   name=f"{source}-{target} translation", variant_of="task/machine-translation"))
    return found


def _leaves_task_general(previous: str) -> bool:
    """Whether the word before a general task word leaves it general: the start of a sentence or a
    clause ("Table 2: Parsing results"), a function or evaluative word ("the", "Our", "higher"), or a
    verb form ("improves", "improved", "boosting"); not a noun, an adjective or a name that may make
    another task of it ("human", "discourse", "POS", "Chinese-to-English")."""
    if previous[-1] in ".:;!?,(":
        return True
    word = previous.lower()
    return word in task_modifier_stopwords() or (word.isalpha() and word.endswith(("ed", "ing", "es")))


@lru_cache(maxsize=None)
def _measured_task_cues() -> tuple[dict[str, str], re.Pattern[str]]:
    """({general task word: its default entity}, the pattern of such a word before a measure)."""
    data = json.loads(resources.data("cues", "measured_tasks.json").read_text(encoding="utf-8"))
    words = "|".join(re.escape(w) for w in data["tasks"])
    measures = "|".join(re.escape(m).replace(r"\ ", r"[ \t]+") for m in data["measures"])
    pattern = re.compile(rf"(?<![\w-])((?i:{words}))[ \t]+((?i:{measures}))(?![\w-])")
    return data["tasks"], pattern


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def _short_form_uses(text: str, short: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each use of `short` as a word, perhaps plural ("SNNs"): what the pattern
    (?<![\w-])SHORTs?(?!\w) finds, without compiling one pattern per short form."""
    if not short:
        return
    pos = text.find(short)
    while pos >= 0:
        end = pos + len(short)
        if pos == 0 or not (_is_word_char(text[pos - 1]) or text[pos - 1] == "-"):
            if text.startswith("s", end) and (end + 1 == len(text) or not _is_word_char(text[end + 1])):
                yield pos, end + 1
                pos = text.find(short, end + 1)
                continue
            if end == len(text) or not _is_word_char(text[end]):
                yield pos, end
                pos = text.find(short, end)
                continue
        pos = text.find(short, pos + 1)


# the only characters beyond ASCII that re.IGNORECASE matches with an ASCII one (İ, ı, ſ, the Kelvin
# sign); no other changes its length or becomes ASCII when lower-cased
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _uses_ignoring_case(text: str, lowered: str, phrase: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of `phrase` in any case, left to right, not overlapping
    (`lowered`: text.lower()). An ASCII phrase is found in the lower-cased text, as re.IGNORECASE would
    find it, unless the text has one of _FOLDS_TO_ASCII; otherwise re folds the cases."""
    if not (phrase.isascii() and (text.isascii() or phrase and not any(c in text for c in _FOLDS_TO_ASCII))):
        yield from (m.span() for m in re.finditer(re.escape(phrase), text, re.I))
        return
    target = phrase.lower()
    pos = lowered.find(target) if target else -1
    while pos >= 0:
        yield pos, pos + len(target)
        pos = lowered.find(target, pos + len(target))


def _number_format(text: str, start: int, kb_id: str | None) -> bool:
    """"mixed precision", "bfloat16 precision": a number format, not the precision metric."""
    return kb_id == "metric/precision" and _word_before(text, start) in number_format_words()


def _modifiers_before(text: str, start: int, title_case: bool = False) -> int:
    """Where up to two specific modifiers before `start` begin ("ophthalmic image classification",
    "multi-task fine-tuning"): hyphenated words or adjectives, not the stop words of
    task_modifier_stopwords.txt ("accurate", "large-scale"). `start` itself when there are none."""
    stop = task_modifier_stopwords()
    left = start
    for _ in range(2):
        match = _MODIFIER.search(text, max(0, left - 40), left)
        if not match:
            break
        word = match.group(1)
        # in a title, "Domain-Adaptive" reads as "domain-adaptive"; "BERT-Based" stays a name
        parts = [part for part in word.split("-") if part]
        titled = bool(parts) and parts[0][:1].isupper() and parts[0][1:].islower() \
            and all(part[1:].islower() for part in parts[1:])
        plain = word.lower() if title_case and titled and not _DESCRIPTIVE.search(word) else word
        if _DIMENSION.match(word):  # "3D representation learning"
            left = match.start(1)
            continue
        if plain in stop or not plain.replace("-", "").isalpha() or not plain.islower() \
                or not ("-" in plain or plain.endswith(ADJECTIVE_ENDINGS)):
            break
        left = match.start(1)
    return left


def _qualified_techniques(text: str, known: list[Candidate]) -> list[Candidate]:
    """"multi-task fine-tuning", "autoregressive decoding": a generic technique word after specific
    modifiers names a method (not where a gazetteer name covers any of it)."""
    found = []
    lowered = lower_text(text)
    title_end = text.find("\n\n")
    for hit in word_start_finditer(type_cues().technique_heads, lowered):
        start, end = hit.span()
        title_case = end <= title_end and text[start].isupper()
        if not title_case and not text[start].islower():
            continue
        left = _modifiers_before(text, start, title_case)
        if left == start or any(c.start < end and left < c.end for c in known):
            continue
        phrase = text[left:end]
        if type_cues().not_technique_modifiers.search(phrase.lower()) or phrase.lower().startswith("non-"):
            continue  # "two-stage pre-training", "fine-grained pre-training", "non-diverse pretraining"
        found.append(Candidate(left, end, "Method", "qualified-technique", 0.6,
                               name=phrase.lower() if title_case else phrase))
    return found


@lru_cache(maxsize=8)
def _url_pattern(parts: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_URL_PARTS[i][1] for i in parts))


def _url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the addresses in a text with a "/" or "@". An alternative that cannot match is
    left out of the scan, which changes no match: tried at every character, `\\S+@` and `[\\w.-]+\\.`
    cost more than the rest of the candidate matching's filters."""
    if "/" not in text and "@" not in text:
        return []
    parts = tuple(i for i, (needles, _) in enumerate(_URL_PARTS) if any(n in text for n in needles))
    return [m.span() for m in _url_pattern(parts).finditer(text)] if parts else []


def _praised(text: str, start: int) -> bool:
    """"superhuman accuracy": the word before the mention is praise (see metric_praise_words.txt)."""
    return _word_before(text, start) in metric_praise_words()


def _word_before(text: str, start: int) -> str:
    """The lower-case word right before `start` (after spaces), if any."""
    before = text[max(0, start - 30):start].rstrip().rsplit(None, 1)
    return before[-1].lower() if before else ""


@lru_cache(maxsize=1)
def _other_data_name() -> re.Pattern[str]:
    """Capitalised words ending in a head of cues/types.json other_data_name_heads, after a name."""
    heads = "|".join(re.escape(h) for h in json.loads(resources.data("cues", "types.json").read_text(
        encoding="utf-8"))["other_data_name_heads"])
    return re.compile(r"(?:[ \t]+[A-Z][\w'-]*){1,3}?[ \t]+(?:" + heads + r")\b(?!-)")


def _opens_longer_data_name(text: str, end: int) -> bool:
    """"Potsdam Commentary Corpus", "Wikipedia Biography Dataset": after a known data name come
    capitalised words ending in a data head noun (singular: "The FLORES Evaluation Datasets" are
    FLORES): the name opens another dataset's."""
    return _other_data_name().match(text, end) is not None


def _word_after(text: str, end: int) -> str:
    """The lower-case word right after `end` (after spaces or a hyphen), if any."""
    match = _NEXT_WORD.match(text, end)
    return match.group(1).lower() if match else ""


def _known_in_new_parts(text: str, cand: Candidate) -> bool:
    """"we introduce LoRA modules to ...": a gazetteer name before a method noun is the known method the
    new parts are made of, not what the paper proposes."""
    return bool(cand.entity_ids) and noun_type(_word_after(text, cand.end)) == "Method"


def new_key(etype: str, name: str) -> str:
    return f"new:{etype}:{name_key(name)}"


class Linker:
    def __init__(self, gazetteers: tuple[str, ...] = ()) -> None:
        self.gazetteers = tuple(gazetteers)
        self.kb: KnowledgeBase | None = None
        self.table = None

    def initialize(self, get_examples=None, nlp: Language | None = None) -> None:
        self.kb, _, self.table = gazetteer(self.gazetteers)

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            self.initialize()
        candidates = self.match(doc)
        mentions, entities = self.resolve(doc, candidates)
        set_doc_value(doc, "kg_mentions", mentions)
        set_doc_value(doc, "kg_entities", entities)
        return doc

    # -- step 1 and 2: candidates -------------------------------------------------------------
    def match(self, doc: Doc) -> list[Candidate]:
        text = doc_text(doc)
        kb, table = self.kb, self.table
        found: list[Candidate] = []
        ambiguous = ambiguous_short_forms()
        title_end = doc_value(doc, "title_end") or 0
        sentence_starts = frozenset(s for s, _ in doc_value(doc, "sent_spans") or () if s > title_end)
        listed: list[Candidate] = []  # capitalised common-word metrics, names if listed with other metrics
        for span in doc.spans.get(GAZETTEER_KEY, []):
            start, end = span.start_char, span.end_char
            if (end < len(text) and text[end].isalnum() and text[end - 1].isalnum()) or \
                    (start > 0 and text[start - 1].isalnum() and text[start].isalnum()):
                continue  # part of a word: "P3" in "P3O"
            if text[start - 1:start] == "-" and _COMPOUND_PREFIX.search(text, max(0, start - 12), start):
                continue  # "non-causal inference" is not causal inference, nor is "self-supervised
                # contrastive learning" supervised contrastive learning
            surface = text[start:end]  # (span.text joins its tokens)
            known = table.senses.get(span.id_, [])
            senses = senses_for(surface, known) or _capitalised_metric(text, end, surface, known, kb) \
                or _sentence_initial(text, start, surface, known, sentence_starts)
            if surface.isalpha() and surface.istitle() and _AUTHOR_CITATION.match(text, end) \
                    and all(s.alias.isupper() for s in senses):
                continue  # "Calvin (1996)", "Marble et al.": an author cited, not the acronym CALVIN or MARBLE
                # (but "Imagenet (2009)", "Squad (2016)" are ImageNet and SQuAD written otherwise)
            if all(kb.entries[s.entry_id].type in DATA_TYPES for s in senses) and _opens_longer_data_name(text, end):
                continue  # the longer name is another dataset ("Potsdam Commentary Corpus" is no ISPRS Potsdam)
            if surface.islower() and any(s.needs_capital for s in senses) and not _names_data(text, start, end):
                senses = [s for s in senses if not s.needs_capital]  # "a marble represents", "hover over"
            if not senses:
                metrics = _capitalised_metric(text, end, surface, known, kb, value_after=False)
                if metrics:
                    listed.append(Candidate(start, end, None, "gazetteer", 0.9,
                                            entity_ids=tuple(dict.fromkeys(s.entry_id for s in metrics))))
                continue
            ids = tuple(dict.fromkeys(s.entry_id for s in senses))
            exact = any(squash(s.alias).lower() == squash(kb.entries[s.entry_id].name).lower() for s in senses)
            if surface.endswith("-"):
                end -= 1  # the hyphen attached to "BERT-" in "BERT-based"
            found.append(Candidate(start, end, None, "gazetteer", 0.95 if exact else 0.9, entity_ids=ids))
            found.extend(self._listed_versions(text, start, end, ids))
            found.extend(self._coordinated_tasks(text, start, end, ids))
            specific = self._specific_task(text, start, end, ids)
            if specific is not None:
                found.append(specific)
            wider = self._wider_name(text, start, end, ids) or self._protocol_variant(text, start, end, ids) \
                or self._language_edition(text, start, end, ids)
            if wider is not None:
                found.append(wider)
        found.extend(_listed_metrics(text, listed, found, kb))
        found.extend(_qualified_techniques(text, found))
        found.extend(self._measured_tasks(text, found))
        found.extend(_language_pair_translations(text, found, kb))
        found.extend(doc_value(doc, "kg_discovered") or [])
        found.extend(Candidate(span.start_char, span.end_char, span.label_, "ner", NER_CONFIDENCE)
                     for span in doc.spans.get(NER_KEY, []))
        found.extend(self._abbreviations(doc, found))
        # ambiguous short forms the paper does not define are not linked; nothing inside a URL is a name
        defined = {a.short_key for a in doc_value(doc, "abbreviations") or []}
        found.extend(self._short_forms_in_context(text, defined))
        urls = _url_spans(text)
        kept = [c for c in found
                if not (c.rule == "gazetteer" and text[c.start:c.end] in ambiguous
                        and text[c.start:c.end].rstrip("s") not in defined)
                and not any(c.start < e and s < c.end for s, e in urls)]
        if urls:  # but the repository of the paper's own code names what it proposes
            kept.extend(code_url_names(text, urls, doc_value(doc, "sent_spans") or [(0, len(text))], kept, kb))
        return kept

    def _short_forms_in_context(self, text: str, defined: set[str]) -> list[Candidate]:
        """Uses of an ambiguous short form the paper does not define ("MT", "SRL"), linked to the one
        reading its text points to ("BLEU", "language pairs": machine translation). Not "MT-Bench" or
        "QA-based": a hyphenated word is a name or a modifier of its own."""
        out: list[Candidate] = []
        lowered = ""
        for short in readings():
            if short in defined or short not in text:
                continue
            uses = [(s, e) for s, e in _short_form_uses(text, short) if not text.startswith("-", e)]
            if not uses:
                continue
            lowered = lowered or text.lower()
            entity = reading_in_context(short, lowered)
            if entity is not None and entity in self.kb.entries:
                out.extend(Candidate(s, e, None, "short-form-context", 0.8, entity_ids=(entity,)) for s, e in uses)
        return out

    def _measured_tasks(self, text: str, known: list[Candidate]) -> list[Candidate]:
        """"the translation quality", "parsing accuracy": a general task word before a measure of it
        names the paper's task of that kind: the one task the paper names that ends in the word
        ("dependency parsing"), else the word's default (data: kg/data/cues/measured_tasks.json).
        Not after a word that may make it another task ("human translation", "discourse parsing",
        "Chinese-to-English translation", "POS tagging")."""
        words, pattern = _measured_task_cues()
        lowered = lower_text(text)
        if not any(word in lowered for word in words):
            return []
        found = []
        for match in pattern.finditer(text):
            if match.group(2).lower() == "results" and _VERB_RESULTS.match(text, match.end()):
                continue  # "the translation results in fewer errors": a verb
            line_start = text.rfind("\n", 0, match.start()) + 1  # (not the title's last word)
            before = text[max(line_start, match.start() - 40):match.start()].split()
            if before and not _leaves_task_general(before[-1]):
                continue
            word = match.group(1).lower()
            own = {i for c in known if c.rule == "gazetteer" and len(c.entity_ids) == 1
                   for i in c.entity_ids if self.kb.entries[i].type == "Task"
                   and self.kb.entries[i].name.lower().endswith(" " + word)}
            entity = next(iter(own)) if len(own) == 1 else words[word]
            if entity in self.kb.entries:
                found.append(Candidate(match.start(1), match.end(1), None, "measured-task", 0.75,
                                       entity_ids=(entity,)))
        return found

    def _specific_task(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> Candidate | None:
        """"ophthalmic image classification", "domain-adaptive text classification": up to two
        modifiers before a task name make a more specific task, a variant of the general one."""
        entries = [self.kb.entries[i] for i in ids]
        if len(entries) != 1 or entries[0].type != "Task":
            return None
        # in a title-case title ("Domain-Adaptive Text Classification"), modifiers are capitalised too;
        # not in prose ("the Second International Chinese Word Segmentation Bakeoff"), nor before an acronym
        title_end = text.find("\n\n")
        words = text[start:end].split()
        title_case = end <= title_end and all(w[:1].isupper() for w in words) and not all(w.isupper() for w in words)
        left = _modifiers_before(text, start, title_case)
        if left == start:
            return None
        entry = entries[0]
        name = None
        if title_case:  # a task's name is its lower-case phrase ("domain-adaptive text classification")
            name = " ".join(w if w.isupper() or any(c.isdigit() for c in w) else w.lower()
                            for w in text[left:end].split())
        return Candidate(left, end, "Task", "specific-task", 0.7, name=name, variant_of=entry.id)

    def _coordinated_tasks(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> list[Candidate]:
        """"image and text classification": a word coordinated with a task name's first word names a
        task too ("image classification"), where the gazetteer knows it."""
        if len(ids) != 1 or self.kb.entries[ids[0]].type != "Task" or " " not in text[start:end]:
            return []
        rest = text[start:end].split(" ", 1)[1]
        found = []
        position = start
        while (word := _COORDINATED_WORD.search(text, max(0, position - 40), position)) is not None:
            if _DETERMINER_BEFORE.search(text, max(0, word.start(1) - 12), word.start(1)):
                break  # "each image and semantic segmentation masks": a noun phrase of its own
            if "," in word.group(0) and not found and not _LISTED_BEFORE.search(text, max(0, word.start(1) - 40),
                                                                                word.start(1)):
                break  # ", and" only inside a list of three or more ("instance, panoptic, and semantic")
            entries = self.kb.lookup(f"{word.group(1)} {rest}")
            if len(entries) != 1 or entries[0].type != "Task":
                break
            found.append(Candidate(word.start(1), word.end(1), None, "coordinated-task", 0.8,
                                   entity_ids=(entries[0].id,)))
            position = word.start(1)
        return found

    def _listed_versions(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> list[Candidate]:
        """"LLaMa 3, 3.1 and Qwen 2, 2.5": the bare versions listed after a versioned model name name
        the versions of that model, where the gazetteer knows them."""
        surface = text[start:end]
        version = _TRAILING_VERSION.search(surface)
        if version is None or len(ids) != 1 or self.kb.entries[ids[0]].type != "Method":
            return []
        base = surface[:version.start()]
        found = []
        position = end
        while (listed := _LISTED_VERSION.match(text, position)) is not None:
            entries = self.kb.lookup(base + listed.group(1))
            if len(entries) != 1 or entries[0].type != "Method":
                return []  # "ResNet-50, 200, and 1000 epochs": one unknown number makes it no list of versions
            found.append(Candidate(listed.start(1), listed.end(1), None, "listed-version", 0.8,
                                   entity_ids=(entries[0].id,)))
            position = listed.end(1)
        # the list must end like a list of versions ("3.1 and Qwen", "2.5 family"), not "3 and 5 other models"
        return found if _AFTER_VERSIONS.match(text, position) else []

    def _wider_name(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> Candidate | None:
        """ES-ImageNet, ImageNet-LT, RoBERTa-large: a gazetteer name inside a larger name is a variant."""
        left, right = start, end
        while left > 0 and not text[left - 1].isspace() and text[left - 1] not in "(\"[,;":
            left -= 1
        while right < len(text) and not text[right].isspace() and text[right] not in ")\"],;:":
            right += 1
        while right > end and text[right - 1] in ".'-/":  # "the Hansard- and Europarl corpora"
            right -= 1
        if (left, right) == (start, end) or "://" in text[left:right] or "www." in text[left:right]:
            return None
        if (left < start and text[start - 1] not in "-/") or (right > end and text[end] not in "-/"):
            return None  # "M3I", "ImageNets": glued letters are not a larger name
        extra_left, extra_right = text[left:start].strip("-/"), text[end:right].strip("-/")
        sizes = type_cues().size_suffixes

        def namelike(part: str) -> bool:
            return bool(part) and (any(c.isupper() or c.isdigit() for c in part) or part.lower() in sizes)

        if (extra_left and not namelike(extra_left)) or (extra_right and not namelike(extra_right)):
            return None
        if _DESCRIPTIVE.match(text[end:right]):
            return None
        entry = self.kb.entries[ids[0]]
        if "/" in text[left:start] + text[end:right] and (entry.type == "Metric" or all(
                self.kb.lookup(part) for part in text[left:right].split("/"))):
            return None  # a list: "BLEU/TER", "precision/recall", "SST-2/MNLI" (each name is found on its own)
        # two known names in one ("KLUE-BERT"): a model named last is what it is (a BERT, not a KLUE);
        # a task named last is not ("SOM-DST" is no dialogue state tracking, "CORD-NER" no NER)
        confidence = 0.81 if not extra_right and entry.type == "Method" else 0.8
        return Candidate(left, right, entry.type, "gazetteer-variant", confidence, variant_of=entry.id)

    def _protocol_variant(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> Candidate | None:
        """"Split CIFAR-100", "Permuted MNIST": a continual-learning protocol over a dataset is a variant
        of it (the prefixes are data: `variant_prefixes` in cues/types.json)."""
        if len(ids) != 1 or self.kb.entries[ids[0]].type not in ("Dataset", "Benchmark"):
            return None
        match = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if match is None or match.group(1) not in type_cues().variant_prefixes:
            return None
        before = text[:match.start(1)].rstrip(" ")
        if not before or before.endswith((".", "!", "?", "\n")):
            return None  # "Split ImageNet into ten tasks": a verb that starts a sentence or the title
        entry = self.kb.entries[ids[0]]
        return Candidate(match.start(1), end, entry.type, "gazetteer-variant", 0.8, variant_of=entry.id)

    def _language_edition(self, text: str, start: int, end: int, ids: tuple[str, ...]) -> Candidate | None:
        """"Chinese PropBank", "Japanese WordNet", "Arabic Wikipedia": a language before a dataset's name
        names that language's edition, a variant of the dataset (where the gazetteer does not know the
        edition itself, as it knows the Chinese Treebank); "English WordNet" names the dataset itself."""
        if len(ids) != 1 or self.kb.entries[ids[0]].type != "Dataset":
            return None
        match = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if match is None or match.group(1).lower() not in language_names() \
                or text[start:end] in ambiguous_short_forms():
            return None  # ("the English DR datasets": an ambiguous short form is not linked without its definition)
        if match.group(1) == "English":  # most often the dataset itself: "the English Penn Treebank"
            return Candidate(match.start(1), end, None, "gazetteer", 0.9, entity_ids=ids)
        entry = self.kb.entries[ids[0]]
        return Candidate(match.start(1), end, entry.type, "gazetteer-variant", 0.8, variant_of=entry.id)

    def _abbreviations(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Long forms as entities, and every use of a defined short form as a mention of it."""
        text = doc_text(doc)
        lowered = text.lower()
        out: list[Candidate] = []
        for abbr in doc_value(doc, "abbreviations") or []:
            long_key = name_key(abbr.long)
            if name_key(abbr.short_key) in non_entity_keys():
                continue
            no_entity = long_key in non_entity_keys() or names_no_entity(abbr.long)
            if no_entity or long_key in generic_keys() or _generic_head(abbr.long):
                head = _WORD_AFTER_SHORT.match(text, abbr.end)
                if not (no_entity and head is not None and noun_type(head.group(1)) in ("Dataset", "Benchmark")):
                    out.extend(Candidate(start, end, None, "not-an-entity", 1.0)
                               for start, end in _short_form_uses(text, abbr.short_key))
                # else the organisation names a dataset: "Shaoxing People's Hospital (SPH) dataset" is SPH
                if no_entity:  # nor a name inside it: "Document Understanding Conference (DUC)"
                    out.append(Candidate(abbr.long_start, abbr.long_end, None, "not-an-entity", 1.0))
                continue
            short_first = abbr.long_in_brackets  # "CellVTA (Cell Vision Transformer with Adapter)"
            linked = [c for c in found if c.entity_ids and c.start == abbr.long_start and c.end == abbr.long_end]
            if not linked:  # the long form may also be a gazetteer name spelled differently
                linked_ids = tuple(e.id for e in self.kb.lookup(abbr.long)) or self._known_short_form(
                    abbr.short_key, short_first)
            else:
                linked_ids = linked[0].entity_ids
            if linked_ids:
                long_candidate = Candidate(abbr.long_start, abbr.long_end, None, "abbreviation", 0.9,
                                           entity_ids=linked_ids, aliases=(abbr.short_key,))
            else:
                named = next((c.type for c in found if c.type and c.rule in TYPED_RULES
                              and c.start == abbr.long_start and c.end == abbr.long_end), None)
                # a variant of a known name ("Arabic WordNet (AWN)", "ES-ImageNet (ESI)") is of its type
                variant = next((c for c in found if c.rule == "gazetteer-variant"
                                and c.start == abbr.long_start and c.end == abbr.long_end), None)
                named = named or (variant.type if variant is not None else None)
                # a short form named before its long form is typed by what names it ("we propose X (...)")
                named_short = next((c.type for c in found if c.type and c.rule != "not-an-entity"
                                    and c.start == abbr.short_start and c.end == abbr.short_end), None)
                if short_first:
                    named = named or named_short
                head = _WORD_AFTER_SHORT.match(text, abbr.end)  # "(KG-RAG) framework": a Method
                method_head = head is not None and head.group(1).lower() in METHOD_HEADS
                apposed = _APPOSITION_AFTER_SHORT.match(text, abbr.end)  # "(MetaCoCo), a benchmark"
                etype = named or ("Method" if method_head else None) or long_form_type(abbr.long)
                component = self._proposed_method(doc, text, abbr, etype)
                etype = "Method" if component else etype
                etype = (noun_type(apposed.group(1)) if apposed is not None else None) or etype
                if etype is None and sum(w[:1].isupper() for w in abbr.long.split()) >= 2 and not short_first:
                    etype = "Method"  # a capitalised name such as "Leave-One-Out K-Nearest-Neighbor"
                if etype is None and abbr.long.lower() in text[:doc_value(doc, "title_end") or 0].lower():
                    # the title names the short form and spells out the long form ("PBoS: Probabilistic
                    # Bag-of-Subwords for ..."): the title name's type; not "ESG: Extracting Sustainability
                    # Disclosures", whose long form is a topic the title does not spell out
                    etype = next((c.type for c in found if c.rule == "title-name"
                                  and text[c.start:c.end] == abbr.short_key), None)
                if etype is None and short_first:
                    continue  # "SMS (Short Message Service)": the short form is left to the other rules
                if etype is None:
                    # defined, but not as an entity ("in-distribution (ID)"): its uses name nothing
                    out.extend(Candidate(start, end, None, "not-an-entity", 1.0)
                               for start, end in _short_form_uses(text, abbr.short_key))
                    continue
                long_candidate = Candidate(abbr.long_start, abbr.long_end, etype, "abbreviation", 0.75,
                                           proposed=component, name=abbr.long, aliases=(abbr.short_key,),
                                           variant_of=variant.variant_of if variant is not None else None)
            out.append(long_candidate)
            for start, end in _uses_ignoring_case(text, lowered, abbr.long):  # the long form again (title)
                if start != abbr.long_start:
                    out.append(Candidate(start, end, long_candidate.type, "abbreviation-use", 0.9,
                                         name=abbr.long, aliases=(abbr.short_key,),
                                         entity_ids=long_candidate.entity_ids, variant_of=long_candidate.variant_of))
            for start, end in _short_form_uses(text, abbr.short_key):
                out.append(Candidate(start, end, long_candidate.type, "abbreviation-use", 0.9,
                                     name=abbr.long, aliases=(abbr.short_key,),
                                     entity_ids=long_candidate.entity_ids, variant_of=long_candidate.variant_of))
        return out

    def _known_short_form(self, short: str, short_first: bool = False) -> tuple[str, ...]:
        """A defined short form that is itself a distinctive gazetteer name ("Image-to-Point Masked
        Autoencoders, named as I2P-MAE"): the long form names that entity. Not a plain acronym such as
        SGD, whose letters many long forms share, unless the paper names it first and spells it out
        after ("DIALOGPT (dialogue generative pre-trained transformer)")."""
        if short.isalpha() and short.isupper() and not short_first:
            return ()
        entries = self.kb.lookup(short)
        if len(entries) == 1 and (entries[0].name == short or short_first and entries[0].name.lower() == short.lower()):
            return (entries[0].id,)
        return ()

    @staticmethod
    def _proposed_method(doc: Doc, text: str, abbr: Abbreviation, etype: str | None) -> bool:
        """Whether a defined long form is a method the paper proposes: what its sentence proposes ("we
        introduce a partially shared module to learn two recalibrating parameters (PSRP)"), or a listed
        part of it ("we propose KICP, which is composed of knowledge injection (KI), ..."), or the subject
        of a passive proposal ("Prototypical Back Translation (PBT) is proposed to ...")."""
        if etype not in (None, "Method", "Task"):
            return False
        cues = type_cues()
        spans = doc_value(doc, "sent_spans") or [(0, len(text))]
        start, _ = spans[sentence_at(spans, abbr.long_start)]
        before = text[start:abbr.long_start].lower()
        if abbr.long.lower().split()[-1] in cues.not_method_heads:
            return False
        if cues.proposal_passive.match(text[abbr.end:abbr.end + 80].lower()) is not None \
                and cues.proposal_passive_not_left.search(before) is None:
            return True
        if _pattern("proposal").search(before) is not None and (
                cues.component_list.search(before) is not None
                or etype != "Task" and cues.component_colon.search(before) is not None):
            return True
        return etype != "Task" and cues.proposal_object.search(before) is not None

    # -- step 3 and 4: choose and resolve -----------------------------------------------------------
    def resolve(self, doc: Doc, candidates: list[Candidate]) -> tuple[list[Mention], dict[str, EntityInfo]]:
        text = doc_text(doc)
        sentences = doc_value(doc, "sent_spans") or [(0, len(text))]
        rank = {"not-an-entity": 0, "abbreviation-use": 0, "abbreviation": 0, "gazetteer": 1, "gazetteer-variant": 2}
        ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), rank.get(c.rule, 3), -c.confidence, c.start))
        taken: list[tuple[int, int]] = []
        chosen: list[Candidate] = []
        # where a rule (other than a guess) says the paper proposes what it found
        proposed_at = {(c.start, c.end) for c in candidates if c.proposed and c.rule not in GUESSED_PROPOSALS}
        for cand in ordered:
            if any(cand.start < e and s < cand.end for s, e in taken):
                continue
            if cand.rule not in rank and cand.confidence < 0.6 and any(
                    c.entity_ids and c.start < cand.end and cand.start < c.end for c in candidates):
                continue  # a weak guess never hides a gazetteer name
            if cand.rule in DEFINED_TASK_RULES and not cand.entity_ids and cand.variant_of is None:
                inside = self._known_inside(cand, candidates)
                if inside:  # a variant of the one known task inside it; a method inside ("Online sparse linear
                    # regression") leaves it as it is; anything else: the known names ("Named entity recognition
                    # and relation extraction aim to ...", "ImageNet classification is the task of ...")
                    known = self._one_known(inside)
                    if known is None or self.kb.entries[known].type not in ("Task", "Method"):
                        continue
                    if self.kb.entries[known].type == "Task":
                        cand = replace(cand, variant_of=known)
            taken.append((cand.start, cand.end))
            known_task = bool(cand.entity_ids) and all(self.kb.entries[i].type == "Task" for i in cand.entity_ids)
            if not cand.proposed and not known_task and not _known_in_new_parts(text, cand) \
                    and (cand.start, cand.end) in proposed_at:
                # "LinFusion: ..." is in the gazetteer and is the paper's own; a known task ("we propose Named
                # Entity Recognition (NER) adapters") is not what the paper proposes
                cand = replace(cand, proposed=True)
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        entities: dict[str, EntityInfo] = {}
        mentions: list[Mention] = []
        starts = [s for s, _ in sentences]
        for cand in chosen:
            if cand.rule == "not-an-entity":
                continue
            surface = text[cand.start:cand.end]
            key = name_key(surface)
            if cand.rule == SHARED_MODIFIER_TASK:
                # "Generation" of "Language Understanding and Generation" names a task only if the gazetteer
                # knows it (its surface alone is generic)
                if not any(e.type == "Task" for e in self.kb.lookup(cand.name or "")):
                    continue
            elif (key in generic_keys() or key in non_entity_keys()) \
                    and not (cand.entity_ids and efficiency_metrics().issuperset(cand.entity_ids)):
                continue  # but "35.4G FLOPs" is a measure (efficiency metrics need a number, below)
            info = self._entity(text, cand, surface)
            if info is None:
                continue
            if info.type == "Task" and _word_after(text, cand.end) in not_task_after():
                continue  # "the language modeling loss", "a classification head"
            if _number_format(text, cand.start, info.kb_id):
                continue
            if info.kb_id in efficiency_metrics() or info.type == "Metric" and _praised(text, cand.start):
                s, e = sentences[sentence_index(starts, cand.start)]
                if not _NUMBER.search(text, s, e):
                    continue  # "a lower latency", "with high accuracy and efficiency": no reported measure
            known = entities.get(info.key)
            if known is None:
                entities[info.key] = info
            else:
                known.proposed = known.proposed or info.proposed
                known.variant_of = known.variant_of or info.variant_of  # (a title's mention may come first)
                for alias in info.aliases:
                    if alias not in known.aliases:
                        known.aliases.append(alias)
            mentions.append(Mention(cand.start, cand.end, surface, info.key, cand.rule, cand.confidence,
                                    sentence_index(starts, cand.start)))
        return mentions, entities

    @staticmethod
    def _known_inside(cand: Candidate, candidates: list[Candidate]) -> list[Candidate]:
        """The outermost gazetteer candidates strictly inside `cand`'s span."""
        inside = [c for c in candidates if c.entity_ids and cand.start <= c.start and c.end <= cand.end
                  and c.end - c.start < cand.end - cand.start]
        return [c for c in inside if not any(o is not c and o.start <= c.start and c.end <= o.end
                                             and o.end - o.start > c.end - c.start for o in inside)]

    def _one_known(self, inside: list[Candidate]) -> str | None:
        """The one entity that the outermost known names inside a defined task's name name ("Multi-lingual
        relation extraction": relation extraction; of senses where one is a variant of another, the
        narrower, whose own variant_of leads to the other); None when they name more than one."""
        ids = {i for c in inside for i in c.entity_ids}
        ids = {i for i in ids if not any(j != i and self._is_variant(j, i) for j in ids)}
        return next(iter(ids)) if len(ids) == 1 else None

    def _is_variant(self, child: str, parent: str) -> bool:
        seen = {child}
        while (up := self.kb.entries[child].variant_of) and up in self.kb.entries and up not in seen:
            if up == parent:
                return True
            seen.add(up)
            child = up
        return False

    def _entity(self, text: str, cand: Candidate, surface: str) -> EntityInfo | None:
        if cand.entity_ids:
            entry = self._pick_sense(text, cand)
            if entry is None:
                return None
            return EntityInfo(entry.id, entry.name, entry.type, kb_id=entry.id, variant_of=entry.variant_of,
                              proposed=cand.proposed)
        # a discovered name: it may still be a gazetteer name in another spelling
        name = cand.name or surface
        for entry in self.kb.lookup(name):
            if cand.type is None or entry.type == cand.type or {entry.type, cand.type} <= {"Dataset", "Benchmark"}:
                return EntityInfo(entry.id, entry.name, entry.type, kb_id=entry.id, variant_of=entry.variant_of,
                                  proposed=cand.proposed)
        if cand.type is None or names_no_entity(name):
            return None  # "Linguistic Data Consortium", "Modern Standard Arabic"
        aliases = [a for a in cand.aliases if a != name]
        return EntityInfo(new_key(cand.type, name), name, cand.type, aliases=aliases, variant_of=cand.variant_of,
                          proposed=cand.proposed)

    def _pick_sense(self, text: str, cand: Candidate):
        entries = [self.kb.entries[i] for i in cand.entity_ids]
        if len(entries) == 1:
            return entries[0]
        types = {e.type for e in entries}
        if len(types) > 1:
            spans = chunks(text, max(0, cand.start - 60), min(len(text), cand.end + 40))
            index = next((i for i, (s, e) in enumerate(spans) if s >= cand.start), None)
            cue = None
            if index is not None:
                after = [text[s:e] for s, e in spans[index:index + 3] if s >= cand.end]
                before = [text[s:e] for s, e in spans[max(0, index - 2):index]]
                cue = next((noun_type(w) for w in after + before[::-1] if noun_type(w)), None)
            matching = [e for e in entries if e.type == cue or (cue == "Dataset" and e.type == "Benchmark")]
            if len(matching) == 1:
                return matching[0]
            return None  # left unresolved: several types, no cue
        surface = squash(text[cand.start:cand.end]).lower()
        exact = [e for e in entries if squash(e.name).lower() == surface]
        return exact[0] if len(exact) == 1 else None


if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)
if not Doc.has_extension("kg_entities"):
    Doc.set_extension("kg_entities", default=None)


@Language.factory("kg_linker", assigns=["doc._.kg_mentions", "doc._.kg_entities"],
                  requires=["doc._.abbreviations", "doc._.kg_discovered"],
                  default_config={"gazetteers": []})
def create_linker(nlp: Language, name: str, gazetteers: list[str]) -> Linker:
    return Linker(tuple(gazetteers))
