"""Discovery of names the gazetteer lacks, from the words around them.

Rules (each candidate records the rule that found it):
- `title-name`: the name before the colon of a title ("MagicTime: Time-lapse Video Generation ...");
- `noun-after`: a name before a type noun ("the ES-UCF101 dataset", "a Global-Local Voting module");
- `named`: a name after "called / named / dubbed / termed" ("a new benchmark called OW-DFA"), or in
  apposition after a new thing ("a novel metric, Weighted Aggregated Robustness, to ...");
- `noun-before`: a model-like name right after a type noun ("a new dataset ES-UCF101");
- `proposal`: a name right after "we propose / introduce / present" ("we propose MagicTime, a ...");
- `model-like`: CamelCase, letters with digits, versions (YOLOv8, BERT-6, LLaMA-2 7B, SatMAE++);
- `task-list`: the items of a list of tasks ("tasks include disease classification and organ segmentation"),
  or of a counted list of named tasks ("four tasks: Semantic structure, Negation logic, ...");
- `title-task`: a title-case task after "for" / "towards" / "on" in a title ("... Models for Time Interval Prediction");
- `defined-task`, `task-aim`: the name a sentence opens with and defines as a task ("Passage retrieval is the task of
  retrieving ...") or, ending on a task noun, gives the aim of ("Text segmentation aims to ...");
- `defined-data`, `defined-method`: the name a sentence opens with and says is a corpus, dataset or benchmark
  ("Arrau is a new corpus annotated for ..."), or a model, method, system or tool ("SLICE is a hybrid model that ...");
- `title-method`: title-case names after "via" / "through" in a title, proposed ("... via Moment Probing").
Abbreviation definitions are turned into names by the linker. The type of a name comes from the
noun next to it, the apposition after it, or its context; the cues are data (`cues/types.json`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.cues import ADJECTIVE_ENDINGS, head_noun_hits, long_form_type, lower_text, noun_type, type_cues
from kg.extract.doc_data import doc_value, set_doc_value
from kg.extract.keys import name_key
from kg.extract.lexicon import (ambiguous_short_forms, common_words, data_role_words, definition_words,
                                generic_keys, language_names, modality_words, non_entity_keys, numbered_words,
                                opening_words, task_modifier_stopwords, title_genre_prefixes, title_slogan_words,
                                title_task_adjectives)
from kg.extract.tokenizer import doc_text

# A word of a name: no spaces, no sentence punctuation around it; keeps internal - . + / '
_CHUNK = re.compile(r"[^\s,;:()\[\]{}\"\u201c\u201d!?]+")
_TRIM_END = frozenset(".'\u2019")
_TRIM_START = frozenset("'\u2018-")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]+[A-Z]|^[a-z]+[A-Z]")
_ALNUM = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z][\w.+/-]*$")
_NAME_CONTINUES = re.compile(r"(?:\b(?:of|de|du|des)|['\u2019]s)\s+$", re.IGNORECASE)  # "World of Bits"
_NOT_A_NOUN_ENDINGS = (*ADJECTIVE_ENDINGS, "ed", "ing")  # "Multilingual", "Annotated", "Parsing"
_DATA_TYPES = ("Dataset", "Benchmark")  # a plain word names one ("the Adult dataset"), not a method
# "SemEval-2020 Task 3", "Penn Treebank 3": not a measure ("2 times", "4x", "5%") nor a count ("3 models")
_NUMBER_AFTER = re.compile(r" \d{1,2}(?:\.\d{1,2})?(?![\w%]|[.,]\d|\s*(?:times|points?|pp|percent|fold)\b|\s+[a-z]+s\b)")
_NUMBERED_WORD = re.compile(r"^([A-Z][a-z]+)-?\d+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:s)?$")
_VERSION_TAIL = re.compile(r"\s+(\d+(?:\.\d+)?[BMK])\b")  # LLaMA-2 7B
_EVAL_WORDS = frozenset("results result experiments experiment evaluate evaluated evaluation evaluations "
                        "accuracy performance trained pretrained pre-trained fine-tuned finetuned tested "
                        "benchmarks benchmark sota state-of-the-art achieves achieve achieved obtains".split())
_METHOD_WORDS = frozenset("outperforms outperform outperforming outperformed than compared baseline "
                          "baselines using use uses adopt adopts leverage leverages employ employs".split())


@dataclass
class Candidate:
    start: int
    end: int
    type: str | None
    rule: str
    confidence: float
    proposed: bool = False  # the rule itself says the paper introduces it
    name: str | None = None  # canonical name when it differs from the text (an abbreviation's long form)
    aliases: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()  # knowledge-base candidates (gazetteer matches)
    variant_of: str | None = None


_DESCRIPTIVE_SUFFIX = re.compile(r"-(?:based|like|style|driven|aware|guided|free|specific|oriented|level|wise|only|"
                                r"centric|agnostic|powered|enhanced|augmented|assisted|pretrained|trained|tuned|"
                                r"annotated|derived|labell?ed)$", re.I)


def strip_chunk(text: str, start: int, end: int, descriptive: bool = False) -> tuple[int, int]:
    """Trim a chunk: a trailing full stop or possessive, a leading quote, a descriptive suffix
    ("BERT-based" -> "BERT")."""
    last = text[end - 1]
    if last.isalnum() and text[start].isalnum() and "-" not in text[start:end] and "'" not in text[start:end] \
            and "\u2019" not in text[start:end]:
        return start, end  # the common case: a plain word
    while end > start and text[end - 1] in ".'\u2019" and not (end - start > 1 and text[end - 2].isdigit() and end < len(text) and text[end:end + 1].isdigit()):
        end -= 1
    if text.endswith("'s", start, end) or text.endswith("\u2019s", start, end):
        end -= 2
    while start < end and text[start] in "'\u2018-":
        start += 1
    if descriptive:
        suffix = _DESCRIPTIVE_SUFFIX.search(text, start, end)
        if suffix and suffix.start() > start:
            end = suffix.start()
    return start, end


@lru_cache(maxsize=1 << 16)
def is_model_like(word: str) -> bool:
    """CamelCase, letters with digits, ++ suffixes, capitals joined by hyphens (OW-DFA). Cached: the same
    words come back in paper after paper."""
    if len(word) < 2 or word.islower() or word.isdigit() or "://" in word or "@" in word:
        return False
    if name_key(word) in non_entity_keys():
        return False
    if word.endswith("++") and word[0].isupper():
        return True
    if _numbered_common_word(word):
        return False  # "Task12", "Area5", "Table3": a numbered thing, not a model
    if _ALNUM.match(word) and sum(c.isalpha() for c in word) >= 1 and word[0].isupper():
        return True
    if _ALNUM.match(word) and re.match(r"[a-z]+\d", word) and any(c.isupper() for c in word):
        return True
    if _CAMEL.search(word) and not word.isupper() and word[0].isupper():
        return True
    return bool(_ACRONYM.match(word) and "-" in word and len(word) >= 4)


def _numbered_common_word(word: str) -> bool:
    """"Task12", "Table3", "Stage2" (not "Wave2", "Pixel2": lexicon/numbered_words.txt)."""
    numbered = _NUMBERED_WORD.match(word)
    return numbered is not None and numbered.group(1).lower() in numbered_words()


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and len(word.rstrip("s")) >= 2 and name_key(word) not in non_entity_keys()


_NUMBERED_NAME = re.compile(r"\d+-[A-Z][a-z]")  # "the 8-Calves dataset" (not "the 2-SUM problem")


def is_name_word(word: str) -> bool:
    """A word that can be part of a name: capitalised or model-like, and not a stopword."""
    if not word or word.lower() in type_cues().name_stopwords:
        return False
    return word[0].isupper() or is_model_like(word) or _NUMBERED_NAME.match(word) is not None


def chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words of text[start:end]: no spaces, no sentence punctuation around them."""
    found = []
    quotes = text.find("'", start, end) >= 0 or text.find("\u2019", start, end) >= 0  # most windows have none
    for match in _CHUNK.finditer(text, start, end):
        s, e = match.span()
        if text[e - 1] in _TRIM_END or text[s] in _TRIM_START or quotes and ("'" in text[s:e] or "\u2019" in text[s:e]):
            s, e = strip_chunk(text, s, e)
            if e <= s:
                continue
        found.append((s, e))
    return found


def _run(text: str, spans: list[tuple[int, int]], index: int, step: int, limit: int = 5) -> tuple[int, int] | None:
    """The longest run of name words from spans[index] going forward (step 1) or backward (-1)."""
    run = []
    i = index
    while 0 <= i < len(spans) and len(run) < limit:
        s, e = spans[i]
        if step == -1 and not run:
            stripped = strip_chunk(text, s, e, descriptive=True)
            if stripped != (s, e):  # "BERT-based models": the name is BERT, and nothing before it
                return stripped if is_name_word(text[stripped[0]:stripped[1]]) else None
        if not is_name_word(text[s:e]):
            break
        if _descriptive(text, s, e):  # "Flax-based T5X checkpoints": T5X
            # (but "a Confidence-based Soft Pseudo-label strategy" is one name)
            after = run[0] if run else spans[i + 1] if step == 1 and i + 1 < len(spans) else None
            if after is not None and _model_or_acronym(text[after[0]:after[1]]):
                if run:
                    break
                i += step
                continue
        if run and step == 1 and text[run[-1][1]:s].strip():  # punctuation between words ends a name
            break
        if run and step == -1 and text[e:run[-1][0]].strip():
            break
        run.append((s, e))
        i += step
    run.sort()
    while run and _descriptive(text, *run[-1]):
        run.pop()  # a name does not end in "LLM-based"
    if not run:
        return None
    return run[0][0], run[-1][1]


def _over_of(text: str, spans: list[tuple[int, int]], run: tuple[int, int]) -> tuple[int, int]:
    """A named run of two or more words continued over "of" into more capitalised words: "called
    Repeated Sampling of Random Subsets". Not a one-word name ("named SpanBERT of Joshi et al.",
    "a retriever called ColBERT of Stanford"), nor into an author list."""
    after = next((k for k, (s, _) in enumerate(spans) if s >= run[1]), None)
    if after is None or after + 1 >= len(spans) or " " not in text[run[0]:run[1]] \
            or text[spans[after][0]:spans[after][1]] != "of" or text[run[1]:spans[after + 1][0]] != " of " \
            or not text[spans[after + 1][0]].isupper():
        return run
    rest = _run(text, spans, after + 1, 1, limit=4)
    if rest is None or _ET_AL.match(text, rest[1]):
        return run
    return run[0], rest[1]


_ET_AL = re.compile(r"\s+et\s+al\b")


def _descriptive(text: str, start: int, end: int) -> bool:
    """A word with a descriptive suffix: "BERT-based", "LLM-driven"."""
    suffix = _DESCRIPTIVE_SUFFIX.search(text, start, end) if "-" in text[start:end] else None
    return suffix is not None and suffix.start() > start


def _model_or_acronym(word: str) -> bool:
    return is_model_like(word) or is_acronym(word)


def generic_phrase(words: list[str]) -> bool:
    """"Vision Foundation Models", "Code Large Language Models": a generic term of two or more words
    after plain words (but "Global-Local Voting module" is a name)."""
    for i in range(len(words) - 1):
        if name_key(" ".join(words[i:])) in generic_keys():
            return all(w.lower() in common_words() or w.lower() in type_cues().name_stopwords for w in words[:i])
    return False


def _good_name(text: str, span: tuple[int, int], sentence_start: int, noun: str = "",
               capitalised_noun: bool = False) -> bool:
    """Whether text[span] can be a name (before `noun`, which is capitalised too in "Augmenting Block")."""
    name = text[span[0]:span[1]]
    if "://" in name or "www." in name or (noun and generic_phrase([*name.split(), noun])):
        return False
    words = name.split()
    key = name_key(name)
    if not key or key in generic_keys() or key in non_entity_keys() or name in ambiguous_short_forms():
        return False
    # "PaddlePaddle", "BERT", "Clover", "the Adult dataset"; not "a Bayesian estimator", "Speech benchmarks"
    if len(words) == 1:
        if len(name) < 2 or _numbered_common_word(name):
            return False  # "O(n log n)", "our Task12 system"
        return is_model_like(name) or is_acronym(name) or _NUMBERED_NAME.match(name) is not None or (
            name[0].isupper() and span[0] != sentence_start
            and (capitalised_noun or name.lower() not in common_words()
                 or noun_type(noun) in _DATA_TYPES and _plain_dataset_name(name)
                 and not _NAME_CONTINUES.search(text, max(0, span[0] - 8), span[0])))
    # a multi-word name needs a word that is more than a capitalised first word
    return any(w[0].isupper() for w in words[1:]) or any(is_model_like(w) for w in words)


def _plain_dataset_name(word: str) -> bool:
    """"the Adult dataset", "the Letter dataset"; not a modality ("Speech benchmarks"), a part or size
    ("the Test dataset"), an adjective ("Multilingual corpus") or a type noun ("the Treebank corpus")."""
    lowered = word.lower()
    return lowered not in modality_words() and lowered not in data_role_words() and lowered not in opening_words() \
        and not lowered.endswith(_NOT_A_NOUN_ENDINGS) and noun_type(word) is None


def _trim_sentence_opening(text: str, run: tuple[int, int] | None, sentence_start: int) -> tuple[int, int] | None:
    """"Popular AD algorithms", "Although Graph Convolutional Networks": a word that opens sentences
    (lexicon/opening_words.txt), capitalised only for that, is no part of the name."""
    if run is None or run[0] != sentence_start:
        return run
    name = text[run[0]:run[1]]
    if " " not in name:
        return run
    first, rest = name.split(" ", 1)
    if first.lower() in opening_words() or (
            first.lower() in common_words() and " " not in rest and (is_model_like(rest) or is_acronym(rest))):
        return run[0] + len(first) + 1, run[1]  # "Resulting MT": a plain word before an acronym
    return run  # "Temporal Fusion Blocks forecast ...": a name that opens the sentence


def context_type(text: str, spans: list[tuple[int, int]], index: int) -> tuple[str | None, float]:
    """The type a model-like name's neighbours suggest, with a confidence."""
    after = [text[s:e].lower() for s, e in spans[index + 1:index + 3]]
    for word in after:
        found = noun_type(word)
        if found:
            return found, 0.75
        if word not in ("-", "and", "the"):
            break
    before = [text[s:e].lower() for s, e in spans[max(0, index - 3):index]]
    if before:
        found = noun_type(before[-1])
        if found:
            return found, 0.7
        if before[-1] in ("on", "over", "across") and any(w in _EVAL_WORDS for w in before[:-1]):
            return "Dataset", 0.6
        if any(w in _METHOD_WORDS for w in before):
            return "Method", 0.6
    listed = _list_type(text, spans, index)
    if listed:
        return listed, 0.65
    word = text[spans[index][0]:spans[index][1]]
    if word.endswith(("-based", "-like", "-style")):
        return "Method", 0.6
    return "Method", 0.5


_LIST_INTRO = ("like", "including", "e.g", "e.g.")


def _list_type(text: str, spans: list[tuple[int, int]], index: int) -> str | None:
    """"online databases like iNaturalist and ZooChat": a name inside a list that a type noun
    introduces has that type. Only names and "and"/"or" may stand between the name and the 'like' /
    'such as' / 'including' after the noun, and the list must go on or end after the name
    ("benchmarks such as GLUE, ZorbNet needs ..." is no list of ZorbNet's)."""
    if index + 1 < len(spans):
        following = text[spans[index + 1][0]:spans[index + 1][1]]
        if following.lower() not in ("and", "or") and not _nameish_word(following):
            return None
    i = index - 1
    while i >= 0:
        word = text[spans[i][0]:spans[i][1]]
        if word.lower() in _LIST_INTRO:
            return noun_type(text[spans[i - 1][0]:spans[i - 1][1]]) if i > 0 else None
        if word.lower() == "as" and i > 0 and text[spans[i - 1][0]:spans[i - 1][1]].lower() == "such":
            return noun_type(text[spans[i - 2][0]:spans[i - 2][1]]) if i >= 2 else None
        if word.lower() not in ("and", "or") and not _nameish_word(word):
            return None  # a plain word: the name is not in the list
        i -= 1
    return None


_TITLE_FUNCTION_WORDS = frozenset("a an the of for and or in on with without to via from by at as".split())


def _title_case_word(text: str, spans: list[tuple[int, int]], noun: int, run: tuple[int, int]) -> bool:
    """"... IR System Without an Explicit Index": a plain word before a capitalised noun, in title-case
    text (the words before it are capitalised too), is no name."""
    name = text[run[0]:run[1]]
    if " " in name or name.lower() not in common_words() or not text[spans[noun][0]].isupper():
        return False
    before = [text[s:e] for s, e in spans[:noun] if e <= run[0]]
    content = [w for w in before if w.lower() not in _TITLE_FUNCTION_WORDS][-2:]
    return len(content) == 2 and all(w[:1].isupper() for w in content)


def _nameish_word(word: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in word)


def _apposition_type(text: str, spans: list[tuple[int, int]], index: int) -> str | None:
    """'X, a <adjectives> <noun>' or 'X <noun>': the type the noun gives (not one after 'for', 'on',
    'evaluated' ...: 'SemiNet for sentiment analysis, evaluated on SST-2 (accuracy ...)')."""
    cues = type_cues()
    window = spans[index:index + 9]
    for k, (s, e) in enumerate(window):
        word = text[s:e]
        if word.lower() in cues.apposition_stops and not (
                k + 1 < len(window) and text[window[k + 1][0]:window[k + 1][1]].lower() in cues.apposition_copulas):
            return None  # (not "FooSet, which is a new dataset")
        found = noun_type(word)
        if found:
            return found
    return None


class _Chunks:
    """The chunks of a whole text, computed once on first use, and windows of them within a sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None

    def _compute(self) -> None:
        self._spans = chunks(self.text, 0, len(self.text))
        self._starts = [s for s, _ in self._spans]
        self.ends = [e for _, e in self._spans]

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._compute()
        return self._spans

    @property
    def starts(self) -> list[int]:
        if self._spans is None:
            self._compute()
        return self._starts

    def window(self, pos: int, sent_start: int, sent_end: int, before: int = 7, after: int = 9
               ) -> tuple[list[tuple[int, int]], int]:
        """Chunks of the sentence around `pos`, and the index of the chunk at (or after) pos."""
        spans = self.spans
        at = bisect_right(self.ends, pos)
        lo = max(bisect_right(self.starts, sent_start - 1), at - before)
        hi = min(bisect_right(self.starts, sent_end - 1), at + after)
        return spans[lo:hi], at - lo


def _naming_words_re() -> re.Pattern[str]:
    cues = type_cues()
    return re.compile(r"\b(?:%s)\b" % "|".join(sorted(cues.naming_words)))


_DATA_VERB = re.compile(r"\b(?:collect|curate)\w*$")  # proposal verbs whose object is data, never a method
_APPOSITION_START = re.compile(r",\s+(?:a|an|the)\s+")
_APPOSITION_END = re.compile(r"[,.;:()]|\b(?:of|from|in|on|with|for|by|to|and)\b")


def _names_collected_data(lowered_text: str, name_end: int, sent_start: int, verb_start: int) -> bool:
    """Whether a dataset or benchmark head noun (types.json) says that a collected name is data: right
    after it ("ReDial dataset"), in its apposition ("ReDial, a new data set of ..."), or earlier in the
    sentence ("As a second data set, we collected ASAP-ZH")."""
    data = ("Dataset", "Benchmark")
    if any(noun_type(m.group()) in data for m in head_noun_hits(lowered_text[sent_start:verb_start])):
        return True
    apposed = _APPOSITION_START.match(lowered_text, name_end)
    start = apposed.end() if apposed is not None else name_end
    tail = _APPOSITION_END.split(lowered_text[start:start + 50], maxsplit=1)[0]
    hits = [m for m in head_noun_hits(tail) if apposed is not None or not tail[:m.start()].strip()]
    return any(noun_type(m.group()) in data for m in hits)


def _proposal_re() -> re.Pattern[str]:
    verbs = "|".join(sorted(type_cues().proposal_verbs, key=len, reverse=True))
    return re.compile(r"\b(?:we|paper|work|study|authors)\s+(?:[a-z]+\s+){0,2}?(?:%s)(?:s|d|es|ed)?\b" % verbs)


def _coordinated_proposal_re() -> re.Pattern[str]:
    """"we develop an inventory of speech acts ..., and present Dialogue-AMR": a proposal verb
    coordinated with a clause whose subject is "we". The pattern is the sentence condition of the role
    rule 'we-and-propose' (cues/roles.json), so that discovery and roles agree on what it covers."""
    from kg.extract.roles import role_cues

    rule = next(r for r in role_cues().rules if r.id == "we-and-propose")
    assert rule.sentence_pattern is not None
    return rule.sentence_pattern


def _proposal_not_right_re() -> re.Pattern[str]:
    """What may not follow a proposed name ("we also present ImageNet samples" shows samples): the
    not_right of the role rule 'we-propose' (cues/roles.json), so that discovery and roles agree."""
    from kg.extract.roles import role_cues

    rule = next(r for r in role_cues().rules if r.id == "we-propose")
    assert rule.not_right is not None
    return rule.not_right


@lru_cache(maxsize=32)
def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without the \\b it opens with, when every match starts with a word character (so that
    \\b only says the character before is none); None otherwise. Without it, re finds the pattern's
    first letters by a fast scan instead of trying the pattern at every position."""
    from kg.extract.regex_tools import starts_at_word

    if not pattern.pattern.startswith("\\b") or not starts_at_word(pattern.pattern):
        return None
    return re.compile(pattern.pattern[2:], pattern.flags)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def word_start_finditer(pattern: re.Pattern[str], text: str, pos: int = 0,
                        endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text, pos, endpos)`, found twice as fast on abstracts for a
    pattern that opens with \\b before a word: its `_unguarded` variant, keeping the matches that start
    a word (each mid-word candidate costs a search more; they are rare)."""
    scan = _unguarded(pattern)
    end = len(text) if endpos is None else endpos
    if scan is None:
        yield from pattern.finditer(text, pos, end)
        return
    match = scan.search(text, pos, end)
    while match is not None:
        start = match.start()
        if start == 0 or not _is_word_char(text[start - 1]):
            yield match
            match = scan.search(text, match.end(), end)  # (a match is never empty: it starts with a letter)
        else:
            match = scan.search(text, start + 1, end)


def _proposal_hits(lowered_text: str, sentences: list[tuple[int, int]], body: int) -> list[re.Match[str]]:
    """The proposal verbs of the abstract, each match ending on its verb: after "we" (or "this paper",
    ...), or coordinated with a clause whose subject is "we"."""
    hits = list(word_start_finditer(_pattern("proposal"), lowered_text, body))
    ends = {h.end() for h in hits}
    coordinated = _pattern("coordinated_proposal")
    for start, end in sentences:
        if end <= body:
            continue
        for hit in word_start_finditer(coordinated, lowered_text, max(start, body), end):
            if hit.end() not in ends:
                hits.append(hit)
    return sorted(hits, key=lambda h: h.end())


_TITLE_OPENERS = frozenset("towards toward beyond on a an the how why what when is are can do does survey review "
                           "introduction overview tutorial position editorial correction erratum".split())
# "tasks such as disease classification and organ segmentation": each item of the list is a task
# (the literal first, its word boundary after it: re then finds "task" by a fast substring search)
_TASK_LIST = re.compile(r"task(?<!\wtask)s?,?\s+(?:such as|like|including|include[sd]?|namely|e\.g\.,?)\s+")
# a title's task: "Pre-trained Language Models for Time Interval Prediction in ..."
_TITLE_TASK = re.compile(r"\b(?:for|towards|on)\s+((?:[A-Z][\w-]*\s+){1,3}[A-Z][a-z-]+)\b")
_LIST_WORD = r"(?!(?:and|or|on|in|of|for|with|to|from|by|at|as|etc)(?![\w-]))[a-z][a-z-]*"
# "several classification", "this detection": a determiner or quantifier is no part of a task name
_NOT_FIRST = frozenset("etc and or the a an this that these those several both various many some all each other "
                       "such different multiple our their its his her more most".split())
_LIST_ITEM = re.compile(f"{_LIST_WORD}(?: {_LIST_WORD}){{0,3}}")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and |or )?|\s(?:and|or)\s+)")


def _task_list(text: str, body: int, lowered_text: str) -> list[Candidate]:
    """The items of a list of tasks ("tasks include X and Y", "tasks like X, Y, etc."), each a few
    lower-case words ending on a task noun ("classification", "retrieval", "generation", ...)."""
    found = []
    for hit in _TASK_LIST.finditer(lowered_text, body):
        pos = hit.end()
        while True:
            item = _LIST_ITEM.match(text, pos)
            if item is None:
                break
            words = item.group().split()
            if words[0] in _NOT_FIRST:
                break
            if long_form_type(words[-1]) == "Task" and len(words) >= 2:
                found.append(Candidate(item.start(), item.end(), "Task", "task-list", 0.7))
            separator = _LIST_SEPARATOR.match(text, item.end())
            if separator is None:
                break
            pos = separator.end()
    return found


# "containing four tasks: Semantic structure, Negation logic, Attribute ownership, and Relationship
# composition": a counted list of named tasks (the count must match)
_COUNTED_TASKS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+(?:[a-z-]+\s+)?"
                            r"(?:tasks|subtasks|sub-tasks)\s*:\s*")
_TASKS_COLON = re.compile(r"tasks\s*:")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NAMED_ITEM = re.compile(r"[A-Z][\w-]*(?: (?!(?:and|or)\b)[\w-]+){0,3}")
_LANGUAGE_PAIR = re.compile(r"[A-Z][a-z]+(?:-to-| to |\s*\u2192\s*)[A-Z][a-z]+$")
_ITEM_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _counted_task_list(text: str, body: int, lowered_text: str, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """The named items of "N tasks: A, B, ... and Z" when there are exactly N of them; proposed when
    their sentence proposes something ("we release SNARE, ..., containing four tasks: ...")."""
    found: list[Candidate] = []
    if not _TASKS_COLON.search(lowered_text, body):
        return found  # the quick test: no "tasks:" at all
    for hit in _COUNTED_TASKS.finditer(lowered_text, body):
        count = _COUNTS.get(hit.group(1)) or int(hit.group(1))
        sentence = _sentence_containing(sentences, hit.start())
        sentence_end = sentence[1] if sentence is not None else len(text)
        items, pos = [], hit.end()
        while len(items) <= count:
            item = _NAMED_ITEM.match(text, pos, sentence_end)
            if item is None:
                break
            end = item.end()
            items.append((item.start(), end))
            separator = _ITEM_SEPARATOR.match(text, end, sentence_end)
            if separator is None:
                break
            pos = separator.end()
        if len(items) != count:
            continue
        names = [text[start:end] for start, end in items]
        if any(_LANGUAGE_PAIR.match(n) or noun_type(n.split()[-1]) not in (None, "Task") for n in names):
            continue  # "three tasks: English-to-French, ...", "two tasks: Masked Language Model and ..."
        sentence_start = sentence[0] if sentence is not None else body
        verb = _pattern("proposal").search(lowered_text, sentence_start, hit.start())
        # the tasks of a benchmark or dataset that the sentence releases are the paper's own
        proposed = verb is not None and any(noun_type(m.group()) in ("Dataset", "Benchmark")
                                            for m in head_noun_hits(lowered_text[:hit.start()], verb.end()))
        found.extend(Candidate(start, end, "Task", "task-list", 0.7, proposed=proposed) for start, end in items)
    return found


# "a brain hemorrhage classification task": up to three lower-case words and a task word, ending right
# before " task" (the search is bounded there); then the word "task" itself, not "task-specific"
_WORDS_BEFORE_TASK = re.compile(r"(?<![\w'-])((?:[a-z][a-z'-]*\s+){1,3})([a-z]+)\Z")
_TASK_WORD = re.compile(r" tasks?(?![\w-])")


def _lowercase_task_before_task(text: str, lowered_text: str, body: int) -> list[Candidate]:
    """A task named in lower case by the word "task" after it: "for a brain hemorrhage classification
    task" is brain hemorrhage classification. Its last word must be a task word ("classification"), and
    the words before it specific ones (not "the downstream classification task")."""
    found: list[Candidate] = []
    if " task" not in lowered_text:
        return found
    stop = task_modifier_stopwords()
    pos = body
    while (at := lowered_text.find(" task", pos)) >= 0:
        pos = at + 5
        if not _TASK_WORD.match(lowered_text, at):
            continue
        hit = _WORDS_BEFORE_TASK.search(lowered_text, max(body, at - 60), at)
        if hit is None or long_form_type(hit.group(2)) != "Task":
            continue
        words = list(re.finditer(r"\S+", hit.group(1)))
        first = len(words)
        for i in range(len(words) - 1, -1, -1):  # the run of specific words right before the task word
            if words[i].group() in stop or words[i].group().endswith("'s"):
                break
            first = i
        if first == len(words):
            continue
        s = hit.start(1) + words[first].start()
        if not all(w.islower() or w.isupper() or all(p.lower() in language_names() for p in re.split(r"-to-|-", w) if p)
                   for w in text[s:hit.end(2)].split()):
            continue  # lower-case words, acronyms ("CT classification") or languages ("German-English
            # translation"), not other names or markup ("LeftrightarrowEnglish translation")
        found.append(Candidate(s, hit.end(2), "Task", "task-noun", 0.55))  # never hides a known name
    return found


# "Document enrichment is the task of acquiring ...", "Concept-to-text generation broadly refers to the
# task of automatically producing ...": a sentence that opens with a name and defines it as a task by
# what the task does (a verb in -ing after "task of" / "problem of"); a problem with a modifier is one
# met in doing something ("a common problem of training GANs"). The words are data
# (lexicon/definition_words.txt).
_DEFINED_AS_TASK = re.compile(r"(task|problem) of (?:[a-z]+ly )?([a-z]+ing)\b")
_DEFINING_VERB = re.compile(r"\s+(?:([a-z]+ly)\s+)?(?:is|are|refers? to)\s+(?:the|a|an)\s+((?:[a-z-]+\s+){0,2})\Z")
# "Emotion-cause pair extraction aims to extract ...", "Text segmentation deals with ...": a sentence that
# opens with a task's name (a task noun last) and says what the task is for
_TASK_AIM = re.compile(r" (?:aims? (?:to|at)|seeks? to|is concerned with|deals with)\b")
# the name: words without punctuation but hyphens and slashes, perhaps with its short form in brackets
# after it (left to the definition's own mention)
_DEFINED_NAME = re.compile(r"([A-Z][\w/-]*(?: [\w/-]+)*)(?: \([^()\s]+\))?")


def _defined_task(text: str, lowered_text: str, body: int, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """The name a sentence opens with and defines as a task or problem ("Passage retrieval is the task
    of retrieving ...", "Semantic parsing is the problem of deriving ..."), or whose aim it gives when
    the name ends on a task noun ("Text segmentation aims to ..."). Guesses: they never hide a known name
    ("Unsupervised bilingual lexicon induction is the task of ..." is bilingual lexicon induction)."""
    found: list[Candidate] = []
    if "task of " in lowered_text or "problem of " in lowered_text:  # the quick test
        for hit in _DEFINED_AS_TASK.finditer(lowered_text, body):
            if hit.group(2) in definition_words("not-doing"):
                continue  # "a problem of growing importance"
            sentence_start = _sentence_start(sentences, hit.start(), body)
            verb = _DEFINING_VERB.search(lowered_text, sentence_start, hit.start())
            if verb is not None and verb.group(1) and verb.group(1) not in definition_words("adverb"):
                # a noun in -ly ends the name ("De novo genome assembly is ...", "Smart reply is ...")
                verb = _DEFINING_VERB.search(lowered_text, verb.end(1), hit.start())
            if verb is None or (hit.group(1) == "problem" and verb.group(2)):
                continue
            name = _subject_name(text, sentence_start, verb.start())
            if name is not None:
                found.append(Candidate(*name, "Task", "defined-task", _subject_confidence(text, name)))
    for hit in _TASK_AIM.finditer(lowered_text, body):
        name = _subject_name(text, _sentence_start(sentences, hit.start(), body), hit.start())
        if name is not None and long_form_type(text[name[0]:name[1]].split()[-1]) == "Task":
            found.append(Candidate(*name, "Task", "task-aim", _subject_confidence(text, name)))
    return found


def _subject_confidence(text: str, name: tuple[int, int]) -> float:
    """A defined task's name is the paper's ("Single document summarization", "Online sparse linear
    regression" are not summarization or linear regression), unless it only says how a known task is
    done ("Unsupervised dependency parsing"): then a guess, which never hides the known name."""
    first = text[name[0]:name[1]].split()[0].lower()
    return 0.55 if first in definition_words("approach-modifier") else 0.75


@lru_cache(maxsize=2)
def _kind_definition(kind: str) -> re.Pattern[str]:
    """" is a new corpus annotated for ...", " is a hybrid model that ...": up to four words before a
    noun of `kind` ("data" or "method") that is the head (a follower of lexicon/definition_words.txt or
    punctuation after it), on lower-cased text."""
    nouns = "|".join(sorted((re.escape(n) for n in definition_words(f"{kind}-noun")), key=len, reverse=True))
    followers = "|".join(sorted(re.escape(f) for f in definition_words(f"{kind}-follower")))
    # the words before the noun modify it ("a tool for querying a corpus" is a tool, not a corpus)
    stops = "|".join(sorted(re.escape(w) for w in definition_words("not-before-noun")))
    return re.compile(rf" (?:is|are) (?:a|an|the) (?:(?!(?:{stops}) )[a-z0-9-]+ ){{0,4}}?({nouns})s?"
                      rf"(?=[.,;:(]| (?:{followers})\b|$)")


def _defined_kind(text: str, lowered_text: str, body: int, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """The name a sentence opens with and says is a corpus, dataset or benchmark ("Arrau is a new corpus
    annotated for anaphoric relations") or a model, method, system or tool ("SLICE is a hybrid model
    that ...", "ELAN is a versatile multimedia annotation tool"): a name by its look (capitals or digits
    inside, or one uncommon word; up to four words; not a language, not an ambiguous short form), typed
    by the noun."""
    found: list[Candidate] = []
    if " is " not in lowered_text and " are " not in lowered_text:
        return found  # the quick test
    for kind in ("data", "method"):
        for hit in _kind_definition(kind).finditer(lowered_text, body):
            name = _subject_name(text, _sentence_start(sentences, hit.start(), body), hit.start())
            if name is None:
                continue
            surface = text[name[0]:name[1]]
            if surface.count(" ") > 3:
                continue  # a longer subject is a description, or a title run on ("Quasi-Recurrent Neural
                # Networks Recurrent neural networks are a powerful tool")
            if not (any(c.isupper() or c.isdigit() for c in surface[1:])
                    or " " not in surface and surface.lower() not in common_words()) \
                    or surface.lower() in language_names() or surface in ambiguous_short_forms():
                continue  # "Corpus is a ...", "Parallel data is a ...", "Chinese is a writing system": no name
            if kind == "data":
                found.append(Candidate(*name, "Benchmark" if hit.group(1) == "benchmark" else "Dataset",
                                       "defined-data", 0.8))
            elif lowered_text[hit.start():hit.start(1)].split()[-1] not in definition_words("method-not-after"):
                found.append(Candidate(*name, "Method", "defined-method", 0.8))
    return found


def _sentence_containing(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The (start, end) of the sentence that holds `pos`, or None between sentences."""
    i = bisect_right(sentences, pos, key=lambda span: span[0]) - 1
    return sentences[i] if i >= 0 and pos < sentences[i][1] else None


def _sentence_start(sentences: list[tuple[int, int]], pos: int, default: int) -> int:
    sentence = _sentence_containing(sentences, pos)
    return sentence[0] if sentence is not None else default


def _subject_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name that text[start:end], a sentence's subject, is in whole: up to six words,
    none of them a determiner, preposition or verb, not opened by a sentence opener; its bracketed short
    form left out."""
    name = _DEFINED_NAME.fullmatch(text, start, end)
    words = name.group(1).lower().split() if name is not None else []
    if 1 <= len(words) <= 6 and words[0] not in opening_words() \
            and definition_words("not-in-name").isdisjoint(words):
        return name.start(1), name.end(1)
    return None


SHARED_MODIFIER_TASK = "title-task-shared"  # the rule of a task named by a modifier shared over "and"
_SECOND_TASK_NOUN = re.compile(r" and ([A-Z][a-z]+)(?=$|[\s,:;?!.])")


def _title_task(text: str, title_end: int) -> list[Candidate]:
    """A title's task in title case after "for" / "towards" / "on", ending on a task noun."""
    found = []
    stop = title_task_adjectives()
    for hit in _TITLE_TASK.finditer(text, 0, max(title_end, 0)):
        start, words = hit.start(1), hit.group(1).split()
        while len(words) > 2 and words[0].lower() in stop:  # "for Accurate Cell Segmentation"
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if long_form_type(words[-1]) == "Task" and words[0].lower() not in _NOT_FIRST \
                and not any(is_model_like(w) or is_acronym(w) for w in words):
            found.append(Candidate(start, hit.end(1), "Task", "title-task", 0.65))
            second = _SECOND_TASK_NOUN.match(text, hit.end(1), max(title_end, 0))
            if second is not None and len(words) == 2 and long_form_type(second.group(1)) == "Task" \
                    and words[0].lower() not in stop:
                # "for Language Understanding and Generation": language generation as well, if the
                # gazetteer knows it (the linker checks; "for Machine Translation and Summarization" is no
                # "machine summarization")
                found.append(Candidate(second.start(1), second.end(1), "Task", SHARED_MODIFIER_TASK, 0.65,
                                       name=f"{words[0]} {second.group(1)}"))
    return found



# the paper's own method named in its title: "... Continual Pretraining via Compatible Momentum Contrast
# and Topology Preservation"; each phrase two to four title-case words, then the end, punctuation or a
# lower-case word
_TITLE_PHRASE = r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,3})"
_TITLE_METHOD = re.compile(rf"\b(?i:via|through)\s+{_TITLE_PHRASE}(?:\s+and\s+{_TITLE_PHRASE})?(?=\s*$|\s*[,:;?!.]|\s+[a-z])")


# "we propose", "this paper introduces", "we study X, and propose": the verb with its subject
_OWN_PROPOSAL = re.compile(r"\b(?:we|this (?:paper|work))\s+(?:(?:also|first|then|further|here|therefore|thus|hence|"
                           r"additionally|finally|now|instead)\s+){0,2}(?:propose|introduce|present)[sd]?\b"
                           r"|\bwe\b[^.;]*?,?\s+(?:and|then)\s+(?:propose|introduce)[sd]?\b")


def _title_method(text: str, title_end: int, lowered_text: str, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """Method names after "via" / "through" in a title, when a sentence of the abstract that
    proposes something names them too: the paper's own (a gazetteer name at the same place wins,
    and is not marked as proposed)."""
    found = []
    title = lowered_text[:max(title_end, 0)]
    if " via " not in title and " through " not in title:
        return found
    proposals = []  # what follows the proposal verb in each sentence that has one
    for s, e in sentences:
        verb = _OWN_PROPOSAL.search(lowered_text, s, e) if s >= title_end else None
        if verb is not None:
            proposals.append(lowered_text[verb.end():e])
    for hit in _TITLE_METHOD.finditer(text[:max(title_end, 0)]) if proposals else ():
        for group in (1, 2):
            if hit.group(group) is None:
                continue
            words = hit.group(group).split()
            key = name_key(hit.group(group))
            if words[0].lower() in _NOT_FIRST or long_form_type(words[-1]) not in (None, "Method") \
                    or key in generic_keys() or key in non_entity_keys() or generic_phrase(words) \
                    or not any(hit.group(group).lower() in sentence for sentence in proposals):
                continue
            found.append(Candidate(hit.start(group), hit.end(group), "Method", "title-method", 0.7, proposed=True))
    return found


_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,15})\)")  # "(HMDE)", "(NMTune)"
_NEEDS_AS = frozenset({"denoted", "referred", "abbreviated", "known"})  # only "known as X" names X
_PATTERNS: dict[str, re.Pattern[str]] = {}
# quick pre-filters: a word next to a head noun that could be (part of) a name, and chunks that may be
# model-like (a capital after a lower-case letter, letters and digits, ++, capitals with a hyphen)
_NAMEISH = re.compile(r"[A-Z0-9]")
_MODEL_HINT = re.compile(r"[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|\+\+|[A-Z]-[A-Z]")
# the same hints found from their rarer character (a capital, a digit, + or -), so that re can skip the
# lower-case text between them: seven times faster over an abstract
_MODEL_HINT_SCAN = re.compile(r"[A-Z\d+-](?:(?<=[a-z][A-Z])|(?<=[A-Za-z]\d)|(?<=\d)(?=[A-Za-z])|(?<=\+)(?=\+)"
                              r"|(?<=[A-Z]-)(?=[A-Z]))")
_DELIMITERS = " \t\n,;:()[]{}\"\u201c\u201d!?"


def _word_before(text: str, pos: int) -> str:
    end = pos
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return text[text.rfind(" ", 0, end) + 1:end]


def _word_after(text: str, pos: int) -> str:
    start = pos
    while start < len(text) and text[start] == " ":
        start += 1
    end = text.find(" ", start)
    return text[start:end if end >= 0 else len(text)]


def _nameish(word: str) -> bool:
    return bool(word) and _NAMEISH.search(word) is not None


def _model_hint_chunks(text: str, start: int) -> list[tuple[int, int]]:
    """The chunks (delimiter-separated) that contain a model-like hint, each once."""
    found: list[tuple[int, int]] = []
    last_end = -1
    for hit in _MODEL_HINT_SCAN.finditer(text, start):
        if hit.start() < last_end or hit.start() == start and not _MODEL_HINT.match(text, start):
            continue  # (a hint must start at `start` or later, not only its rarer character)
        s = hit.start()
        while s > start and text[s - 1] not in _DELIMITERS:
            s -= 1
        e = hit.end()
        while e < len(text) and text[e] not in _DELIMITERS:
            e += 1
        found.append((s, e))
        last_end = e
    return found


def _local_window(text: str, pos: int, sent_start: int, sent_end: int) -> tuple[list[tuple[int, int]], int]:
    """The chunks of the sentence around `pos` (a few words either side), and the index of the chunk
    at (or right after) pos."""
    spans = chunks(text, max(sent_start, pos - 80), min(sent_end, pos + 100))
    index = next((k for k, (s, e) in enumerate(spans) if e > pos), len(spans))
    return spans, index
_CAPITALISED_CHUNK = re.compile(r"[^\s,;:()\[\]{}\"\u201c\u201d!?]*[A-Z][^\s,;:()\[\]{}\"\u201c\u201d!?]*")


def _pattern(name: str) -> re.Pattern[str]:
    if name not in _PATTERNS:
        _PATTERNS.update(naming=_naming_words_re(), proposal=_proposal_re(),
                         coordinated_proposal=_coordinated_proposal_re(), proposal_not_right=_proposal_not_right_re())
    return _PATTERNS[name]


def discover(text: str, sentences: list[tuple[int, int]], title_end: int,
             noun_spans: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Candidate names with a type guess, from the rules in the module docstring. `noun_spans`:
    the head nouns, when the caller has found them already (the component does, from token norms)."""
    cues = type_cues()
    found: list[Candidate] = []
    if title_end > 0:
        found.extend(_title_name(text, title_end))
    starts = [s for s, _ in sentences]
    body = max(title_end, 0)

    def sentence_of(pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(starts, pos) - 1)
        return sentences[i] if sentences else (0, len(text))

    lowered_text = lower_text(text)
    naming = type_cues().naming_words
    if noun_spans is None:
        noun_spans = [m.span() for m in head_noun_hits(lowered_text, body)]
    for hit_start, hit_end in noun_spans:
        etype = noun_type(lowered_text[hit_start:hit_end])
        if etype is None or hit_start < body:
            continue
        # most head nouns ("model", "task") have plain words on both sides: skip those quickly
        if not _nameish(_word_before(text, hit_start)):
            following = _word_after(text, hit_end)
            if following == ",":  # "a novel metric, Weighted Aggregated Robustness": an apposition
                following = _word_after(text, hit_end + 1)
            if not _nameish(following) and following.lower() not in naming:
                continue
        sent_start, sent_end = sentence_of(hit_start)
        spans, i = _local_window(text, hit_start, sent_start, sent_end)
        if i >= len(spans):
            continue
        lowered = [text[s:e].lower() for s, e in spans]
        if i + 1 < len(spans) and lowered[i + 1] in cues.naming_words:
            run = _run(text, spans, i + 2, 1)
            if run and _good_name(text, run, sent_start):
                found.append(Candidate(*_over_of(text, spans, run), etype, "named", 0.85))
                continue
        if i >= 1 and lowered[i - 1] in ("novel", "new", "proposed", "our") and text.startswith(",", spans[i][1]):
            # "a novel metric, Weighted Aggregated Robustness, to ...", "our proposed approach, Loki,
            # gains ...": the apposition names it
            run = _run(text, spans, i + 1, 1)
            if run and text[run[0]].isupper() and _good_name(text, run, sent_start) \
                    and text[run[1]:run[1] + 1] in (",", "(", ""):
                found.append(Candidate(*run, etype, "named", 0.8))
                continue
        run = _trim_sentence_opening(text, _run(text, spans, i - 1, -1, limit=4), sent_start)
        noun_start, noun_end = spans[i]
        joined = run is not None and text[noun_start].isupper() and not text[run[0]:noun_end].isupper() \
            and not text[run[1]:noun_start].strip()
        if run and etype == "Metric" and not joined and " " not in text[run[0]:run[1]] \
                and not _model_or_acronym(text[run[0]:run[1]]):
            run = None  # "the Bellman error", "a Riemannian metric": a person's name, not a metric's
        if run and _good_name(text, run, sent_start, lowered[i], capitalised_noun=joined) \
                and not _title_case_word(text, spans, i, run):
            if joined:
                following = _word_after(text, noun_end)
                if following[:1].isupper() and following.rstrip(".,;:").isalpha():
                    continue  # "Noisy Model Learning": the noun is inside a longer title-case name
                # "SemEval-2020 Task 3: ...", not "SemEval-2020 Task" (but "the Vision Transformer 2 times")
                number = _NUMBER_AFTER.match(text, noun_end) if etype in ("Task", *_DATA_TYPES) else None
                run = (run[0], number.end() if number else noun_end)  # "Augmenting Block": the noun is part of it
            found.append(Candidate(*run, etype, "noun-after", 0.8))
            continue
        run = _run(text, spans, i + 1, 1, limit=1)
        if run and is_model_like(text[run[0]:run[1]]):
            found.append(Candidate(*run, etype, "noun-before", 0.75))
    for hit in word_start_finditer(_pattern("naming"), lowered_text, body):
        sent_start, sent_end = sentence_of(hit.start())
        spans, i = _local_window(text, hit.start(), sent_start, sent_end)
        if i >= len(spans) or (i > 0 and noun_type(text[spans[i - 1][0]:spans[i - 1][1]])):
            continue  # "a benchmark called X" is the head-noun rule's
        j = i + 1
        while j < len(spans) and text[spans[j][0]:spans[j][1]].lower() in ("to", "as"):  # "referred to as X"
            j += 1
        if hit.group() in _NEEDS_AS and text[spans[j - 1][0]:spans[j - 1][1]].lower() != "as":
            continue
        run = _run(text, spans, j, 1)
        if run and _good_name(text, run, sent_start):
            run = _over_of(text, spans, run)
            lowered = [text[s:e].lower() for s, e in spans[max(0, i - 6):i]]
            back = next((noun_type(w) for w in reversed(lowered) if noun_type(w)), None)
            found.append(Candidate(*run, back or "Method", "named", 0.8 if back else 0.7))
    for hit in _proposal_hits(lowered_text, sentences, body):
        sent_start, sent_end = sentence_of(hit.start())
        spans, i = _local_window(text, hit.end() - 1, sent_start, sent_end)
        j = i + 1
        while j < len(spans):
            word = text[spans[j][0]:spans[j][1]].lower()
            if word in ("and", "or") and j + 1 < len(spans) \
                    and _verb_stem(text[spans[j + 1][0]:spans[j + 1][1]].lower()) in type_cues().proposal_verbs:
                j += 2  # "we design and release the SNARE"
            elif word in ("a", "an", "the", "our", "two", "three", "new", "novel"):
                j += 1
            else:
                break
        run = _run(text, spans, j, 1)
        if run and _good_name(text, run, sent_start) and not text.startswith(("'s ", "\u2019s "), run[1]) \
                and not _pattern("proposal_not_right").match(lowered_text[run[1]:run[1] + 40]):
            # "and then present Kratzer's theory" is whose, not what; "we also present ImageNet samples"
            # shows samples
            end_index = next(k for k, sp in enumerate(spans) if sp[1] == run[1])
            etype = _apposition_type(text, spans, end_index + 1)
            if _DATA_VERB.search(hit.group()) and etype not in ("Dataset", "Benchmark"):
                if not _names_collected_data(lowered_text, run[1], sent_start, hit.start()):
                    continue  # "we collected SMS (...) messages": collected data is named as such, or not at all
                etype = "Dataset"  # "we have collected ReDial, a data set ...", "As a second data set, we collected X"
            found.append(Candidate(*run, etype or "Method", "proposal", 0.8, proposed=True))
    for s, e in _model_hint_chunks(text, body):
        s, e = strip_chunk(text, s, e, descriptive=True)
        word = text[s:e]
        if e - s < 3 or not is_model_like(word):
            continue  # alone, "B1", "V1" are levels and areas (next to a type noun, "the M6 model" is one)
        sent_start, sent_end = sentence_of(s)
        spans, i = _local_window(text, s, sent_start, sent_end)
        end = e
        tail = _VERSION_TAIL.match(text, e)
        if tail and tail.end() <= sent_end:
            end = tail.end()
        etype, confidence = context_type(text, spans, i)
        found.append(Candidate(s, end, etype, "model-like", confidence))
    for hit in _PAREN_ACRONYM.finditer(text, body):
        # "a hierarchical transformer model (HMDE)": the acronym names a new thing of the noun's type
        etype = noun_type(_word_before(text, hit.start()))
        acronym = hit.group(1)
        name_like = is_acronym(acronym) or sum(c.isupper() for c in acronym) >= 2  # NMTune
        if etype and name_like and acronym not in ambiguous_short_forms():
            found.append(Candidate(hit.start(1), hit.end(1), etype, "paren-acronym", 0.7))
    found.extend(_task_list(text, body, lowered_text))
    found.extend(_counted_task_list(text, body, lowered_text, sentences))
    found.extend(_title_task(text, title_end))
    found.extend(_lowercase_task_before_task(text, lowered_text, body))
    found.extend(_defined_task(text, lowered_text, body, sentences))
    found.extend(_defined_kind(text, lowered_text, body, sentences))
    found.extend(_title_method(text, title_end, lowered_text, sentences))
    for hit in _CAPITALISED_CHUNK.finditer(text, 0, max(title_end, 0)):
        if not _MODEL_HINT.search(hit.group()):
            continue
        s, e = strip_chunk(text, hit.start(), hit.end(), descriptive=True)
        if e > s and is_model_like(text[s:e]):
            found.append(Candidate(s, e, "Method", "model-like", 0.5))
    return found


def _verb_stem(word: str) -> str:
    for suffix in ("es", "ed", "s", "d"):
        if word.endswith(suffix) and word[: -len(suffix)] in type_cues().proposal_verbs:
            return word[: -len(suffix)]
    return word


def _type_in_abstract(text: str, title_end: int, name: str) -> str | None:
    """The type noun right before or after the name in the abstract ("we propose an unlabelled
    dataset PASS"), if any (its first few uses)."""
    pos = text.find(name, title_end)
    for _ in range(5):
        if pos < 0:
            return None
        end = pos + len(name)
        if (pos == 0 or not text[pos - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            # only a noun right next to the name: "dataset PASS", "PASS dataset", not "On this dataset, Zorp"
            before = text[max(0, pos - 40):pos].split()
            after = text[end:end + 40].split()
            etype = (noun_type(before[-1].lstrip("(\"")) if before and text[pos - 1:pos] == " " else None) or \
                (noun_type(after[0].rstrip(",.;:)\"")) if after and text[end:end + 1] == " " else None)
            if etype is not None:
                return etype
        pos = text.find(name, end)
    return None


def _slogan(tokens: list[str]) -> bool:
    """"Parsers Know Best", "Let Me Choose", "Don't Stop Pretraining", "Traceability Transformed": words
    that say something, where a name only names (not "Sinkhorn Distances", "Perturbed Masking")."""
    words = title_slogan_words()
    lowered = [t.lower() for t in tokens]
    first, last = lowered[0], lowered[-1]
    return (first in words["either end"] or last in words["either end"] or last in words["last"]
            or any(t in words["anywhere"] for t in lowered)
            or last.endswith(("ly", "ed")) and last not in words["not slogans"]
            or any(t.endswith(("n't", "n\u2019t")) for t in lowered))


def _used_in_abstract(text: str, title_end: int, words: list[str]) -> bool:
    """Whether the abstract uses a title's name, also as a web address ("grounded-decoding.github.io")."""
    abstract = text[title_end:].lower()
    lowered = [w.lower() for w in words]
    return any(joiner.join(lowered) in abstract for joiner in (" ", "-", ""))


def _title_name(text: str, title_end: int) -> list[Candidate]:
    colon = text.find(":", 0, title_end)
    if colon <= 0:
        return []
    bracket = text.find(" (", 0, colon)
    if bracket > 0 and text[:colon].rstrip().endswith(")"):
        if " " in text[bracket + 2:colon].strip():
            return []  # "Finding ReMO (Related Memory Object): ..." spells a name out, it is no name
        colon = bracket  # "Vision Transformer (ViT): ...": the name before its short form (which the
        # definition links), never "Vision Transformer (ViT" with its bracket cut
    spans = chunks(text, 0, colon)
    if not 1 <= len(spans) <= 4 or "," in text[:colon]:
        return []  # "One Model, Multiple Modalities: ..." is a slogan, not a name
    words = [text[s:e] for s, e in spans]
    tokens = text[spans[0][0]:spans[-1][1]].split()
    if not all(is_name_word(w) for w in words) or any(t.endswith(("'s", "\u2019s")) for t in tokens):
        return []  # "TinyHelen's First Curriculum: ..." is whose, not what
    if " ".join(tokens).lower() in title_genre_prefixes():
        return []  # "Guest Editorial: Special Issue on ..." says what kind of text follows
    if len(tokens) >= 2 and not any(is_model_like(w) or is_acronym(w) for w in words) and \
            _slogan(tokens) and not _used_in_abstract(text, title_end, tokens):
        return []  # "Well-Read Students Learn Better: ...", which the abstract never uses as a name
    if not any(is_model_like(w) or is_acronym(w) for w in words) and (
            words[0].lower().endswith("ing") or words[0].lower() in _TITLE_OPENERS):
        return []  # "Emo Pillars: ..." names a work; "Rethinking Pretraining: ..." does not
    if not any(is_model_like(w) or is_acronym(w) for w in words) and long_form_type(text[:colon]) == "Task":
        return []  # "Gloss-free Sign Language Translation: ..." is the paper's task, not a name
    rest = chunks(text, colon + 1, title_end)
    etype = noun_type(words[-1]) or next((noun_type(text[s:e]) for s, e in rest[:4] if noun_type(text[s:e])), None) \
        or _type_in_abstract(text, title_end, text[spans[0][0]:spans[-1][1]]) \
        or "Method"  # the name's own head noun ("... Benchmark: ..."), else the subtitle's, else the abstract's
    return [Candidate(spans[0][0], spans[-1][1], etype, "title-name", 0.85, proposed=True)]


if not Doc.has_extension("kg_discovered"):
    Doc.set_extension("kg_discovered", default=None)
if not Doc.has_extension("title_end"):
    Doc.set_extension("title_end", default=None)


@Language.factory("kg_discovery", assigns=["doc._.kg_discovered"], requires=["doc._.sent_spans"],
                  default_config={})
def create_discovery(nlp: Language, name: str) -> "Discovery":
    return Discovery()


class Discovery:
    def __init__(self) -> None:
        self._noun_hashes: frozenset[int] | None = None

    def _head_nouns(self, doc: Doc) -> list[tuple[int, int]]:
        """Spans of head-noun tokens, found on the token norms (one array read; a set lookup per token
        is faster than numpy's per-call overhead on an abstract's few hundred tokens)."""
        if self._noun_hashes is None:
            strings = doc.vocab.strings
            self._noun_hashes = frozenset(strings.add(f) for f in type_cues().head_noun_forms if " " not in f)
        nouns = self._noun_hashes
        spans = []
        for i, norm in enumerate(doc.to_array(NORM).tolist()):
            if norm in nouns:
                token = doc[i]
                spans.append((token.idx, token.idx + len(token)))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        title_end = text.find("\n\n")
        title_end = title_end if title_end >= 0 else len(text)
        set_doc_value(doc, "title_end", title_end)
        set_doc_value(doc, "kg_discovered", discover(text, doc_value(doc, "sent_spans") or [], title_end,
                                                     self._head_nouns(doc)))
        return doc
