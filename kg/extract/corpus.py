"""The corpus pass: one entity per discovered name across all papers.

A name discovered in one paper ("OW-DFA", defined as a benchmark there) is the same entity in every
other paper, and is linked where another paper uses it without defining it, provided the name is
distinctive (model-like, or a multi-word name) and no other discovered entity claims the same short
form (CPL = Contrastive Pseudo Learning in one paper, compositional prompt learning in another: both
stay unlinked elsewhere). The entity's type is the majority of the papers' votes. Pure Python.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import islice

from kg.extract.cues import noun_type
from kg.extract.discovery import is_model_like
from kg.extract.kb import ID_PREFIX
from kg.extract.keys import key_core, name_key, singular, slug
from kg.extract.lexicon import common_words, generic_keys
from kg.extract.raw import RawEntity, RawExtraction, RawMention
from kg.extract.sentences import sentence_at

TYPE_ORDER = ("Dataset", "Benchmark", "Method", "Task", "Metric")
_SEPARATOR = r"\s,;:()\[\]{}\"\u201c\u201d!?"  # what separates the words ("chunks") of a text
_CHUNK = re.compile(f"[^{_SEPARATOR}]+")
# a chunk that is not all a-z: a superset of the chunks that can start a name (not str.islower())
_CANDIDATE = re.compile(f"(?<![^{_SEPARATOR}])(?=[^{_SEPARATOR}]*[^{_SEPARATOR}a-z])[^{_SEPARATOR}]+")


def discovered(entities: Iterable[RawEntity]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, type, aliases) of each entity the pipeline discovered (not in the gazetteer): what the
    corpus linker observes of a paper's entities."""
    return [(e.name, e.type, tuple(e.aliases)) for e in entities if e.kb_id is None]


def discovered_in_json(data: dict) -> list[tuple[str, str, tuple[str, ...]]]:
    """`discovered` of a RawExtraction's JSON (a cache entry), without making its RawEntity objects."""
    return [(e["name"], e["type"], tuple(e["aliases"])) for e in data["entities"] if e["kb_id"] is None]


@dataclass
class CorpusEntity:
    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    papers: int = 0


class CorpusLinker:
    """Observe every paper's discovered entities, `finalize`, then `apply` to each paper's extraction.

    Only the discovered entities are kept between the two passes, so a corpus of any size can stream
    through: the first pass over the per-paper results, the second over the papers again."""

    def __init__(self) -> None:
        self.observed: list[tuple[str, str, tuple[str, ...]]] = []  # (name, type, aliases)
        self.defined: dict[str, set[str]] = defaultdict(set)  # short form key -> keys of its long forms
        self.group_id: dict[str, str] = {}
        self.corpus: dict[str, CorpusEntity] = {}
        self.owners: dict[str, str] = {}
        self.owner_types: dict[str, str] = {}  # a defining long form's key -> its type (the papers' votes)
        self.lookup: dict[str, str] = {}
        self.first_words: set[str] = set()
        self.spellings: dict[str, set[str]] = {}  # corpus id -> every spelling the papers defined it with
        self.sorted_keys: list[str] = []
        self.max_words = 1

    def observe(self, entities: Iterable[RawEntity], abbreviations: Iterable[tuple[str, str]] = ()) -> None:
        """One paper's entities, and its abbreviations (short, long). A short form defined with another
        long form than a discovered entity's, whether a gazetteer name ("statistical machine translation
        (SMT)") or no entity ("Modern Standard Arabic (MSA)"), is ambiguous: it is linked to neither."""
        self.observe_discovered(discovered(entities), abbreviations)

    def observe_discovered(self, names: Iterable[tuple[str, str, tuple[str, ...]]],
                           abbreviations: Iterable[tuple[str, str]] = ()) -> None:
        """`observe`, given the paper's `discovered` names."""
        self.observed.extend(names)
        for short, long in abbreviations:
            self.defined[name_key(short)].add(name_key(long))

    def group_key(self, name: str, aliases, etype: str) -> str:
        """The group of a discovered name: its own key, or, for a name no paper defines here, the long
        form that defines it elsewhere, unless that is no data and this is (`_same_kind`: "the FLAIR
        benchmark" is not the FLAIR model defined as "Foundation LAnguage-Image model of the Retina (FLAIR)")."""
        key = name_key(name)
        if aliases:
            return key
        owner = self.owners.get(key)
        return owner if owner is not None and _same_kind(etype, self.owner_types.get(owner)) else key

    def finalize(self, taken_ids: Iterable[str] = ()) -> dict[str, CorpusEntity]:
        owner_sets: dict[str, set[str]] = defaultdict(set)
        for name, _, aliases in self.observed:
            for alias in aliases:
                owner_sets[name_key(alias)].add(name_key(name))
        # a short form belongs to the one discovered long form that defines it, if only one does
        self.owners = {alias: next(iter(names)) for alias, names in owner_sets.items() if len(names) == 1}
        owner_votes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, etype, aliases in self.observed:
            if aliases:
                owner_votes[name_key(name)][etype] += 1
        self.owner_types = {owner: max(votes, key=lambda t: (votes[t], -TYPE_ORDER.index(t)))
                            for owner, votes in owner_votes.items()}
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        names: dict[str, Counter[str]] = defaultdict(Counter)
        aliases_of: dict[str, set[str]] = defaultdict(set)
        for name, etype, aliases in self.observed:
            group = self.group_key(name, aliases, etype)
            votes[group][etype] += 1
            names[group][name] += 1
            aliases_of[group].update(aliases)
        used = set(taken_ids)
        for group in sorted(votes):
            etype = max(votes[group], key=lambda t: (votes[group][t], -TYPE_ORDER.index(t)))
            name = max(names[group], key=lambda n: (names[group][n], n))
            base = f"{ID_PREFIX[etype]}/{slug(name)}"
            entity_id, n = base, 2
            while entity_id in used:
                entity_id, n = f"{base}-{n}", n + 1
            used.add(entity_id)
            self.group_id[group] = entity_id
            self.corpus[entity_id] = CorpusEntity(entity_id, name, etype, set(aliases_of[group]) - {name})
            self.spellings[entity_id] = set(names[group]) | aliases_of[group]
        self.observed = []
        self._prepare_lookup()
        return self.corpus

    def _prepare_lookup(self) -> None:
        claims: dict[str, set[str]] = defaultdict(set)  # surface key -> corpus ids that use it
        for entity in self.corpus.values():
            for surface in {entity.name, *entity.aliases}:
                if _distinctive(surface, entity):
                    claims[name_key(surface)].add(entity.id)
                    words = surface.split()
                    if name_key(words[0]):  # a name led by punctuation ("- Net") has no first word to find
                        self.first_words.add(name_key(words[0]))
                    self.max_words = max(self.max_words, min(len(words), 6))
        for short, longs in self.defined.items():
            if short in claims:  # "MSA": Message-level Sentiment Analysis here, Modern Standard Arabic there
                claims[short].update(self.group_id.get(long, f"defined:{long}") for long in longs)
        self.defined = defaultdict(set)
        self.lookup = {key: next(iter(ids)) for key, ids in claims.items() if len(ids) == 1}
        self.sorted_keys = sorted(self.lookup)

    def continues(self, key: str) -> bool:
        """Whether some linkable name's key starts with `key` (so a longer span may still match)."""
        i = bisect_left(self.sorted_keys, key)
        return i < len(self.sorted_keys) and self.sorted_keys[i].startswith(key)

    def apply(self, raw: RawExtraction) -> None:
        """Corpus ids for the paper's discovered entities, and links for its undefined uses of names
        discovered elsewhere. Rewrites `raw` in place."""
        _rekey(raw, self)
        _link_own_names(raw)
        if self.lookup:
            _link_undefined_uses(raw, self)
        _join_definitions(raw)


def _join_definitions(raw: RawExtraction) -> None:
    """A name and its short form in brackets right after it, both mentions of one entity, become one
    mention: "statistical machine translation (SMT)", "Penn Treebank (PTB)". A definition is
    one name written two ways; TDMSci, SciERC and Heddes 2021 mark it as one span (SciER and SciREX as
    two). Run last, so that uses linked by the corpus pass are joined too."""
    text = raw.text
    defined = {short for short, _ in raw.abbreviations}  # (without a plural "s": "GANs" is GAN)
    joined: list[RawMention] = []
    for mention in raw.mentions:
        name = joined[-1] if joined else None
        if name is not None and mention.entity == name.entity and mention.start == name.end + 2 \
                and text[name.end:mention.start] == " (" and text[mention.end:mention.end + 1] == ")" \
                and mention.end - mention.start < name.end - name.start \
                and _short_form(text[mention.start:mention.end], defined):
            joined[-1] = replace(name, end=mention.end + 1)
            continue
        joined.append(mention)
    raw.mentions = joined


def _short_form(surface: str, defined: set[str]) -> bool:
    """A short form the paper defines ("GANs" for GAN), or one written as such ("the F1 score (F1)"), not a
    synonym in plain words ("dictionary-learning (sparse-coding)")."""
    return (surface in defined or (surface.endswith("s") and surface[:-1] in defined)
            or not surface.islower())


def link_corpus(raws: list[RawExtraction], taken_ids: Iterable[str] = ()) -> dict[str, CorpusEntity]:
    """The corpus pass over extractions held in memory (see `CorpusLinker` for streaming)."""
    linker = CorpusLinker()
    for raw in raws:
        linker.observe(raw.entities.values(), raw.abbreviations)
    corpus = linker.finalize(taken_ids)
    for raw in raws:
        linker.apply(raw)
    return corpus


def _rekey(raw: RawExtraction, linker: CorpusLinker) -> None:
    mapping: dict[str, str] = {}
    entities: dict[str, RawEntity] = {}
    for key, entity in raw.entities.items():
        if entity.kb_id is not None:
            mapping[key] = key
            entities[key] = entity
            continue
        final = linker.group_id[linker.group_key(entity.name, entity.aliases, entity.type)]
        mapping[key] = final
        known = linker.corpus[final]
        merged = entities.get(final)
        if merged is None:
            entities[final] = RawEntity(final, known.name, known.type, None, list(entity.aliases),
                                        entity.variant_of, entity.proposed)
        else:
            merged.proposed = merged.proposed or entity.proposed
            merged.variant_of = merged.variant_of or entity.variant_of
            merged.aliases = list(dict.fromkeys(merged.aliases + entity.aliases))
    raw.entities = entities
    for mention in raw.mentions:
        mention.entity = mapping[mention.entity]


_DATA = frozenset({"Dataset", "Benchmark"})


def _same_kind(use: str, definition: str | None) -> bool:
    """Whether a name a paper uses without defining it, typed `use`, may be the one another paper
    defines, typed `definition`: not when the use is data (a dataset or benchmark: "the FLAIR
    benchmark", a firm cue) and the definition is not (the FLAIR model). The other way round the use's
    type is mostly a guess (a model-like name is a Method unless a cue says otherwise: "we evaluate on
    OW-DFA"), and a method, task or metric of one short form is often one thing typed by different cues."""
    return definition is None or use not in _DATA or definition in _DATA


def _distinctive(name: str, entity: CorpusEntity) -> bool:
    """Whether a name is distinctive enough to link wherever another paper writes it: model-like, an
    uncommon acronym, or several words that are more than a capitalised first word and (but for a
    dataset's name that a paper defines a short form of: "Edited News Headlines (ENH)") more than
    plain words capitalised in a Title Case title ("Natural Language", "Word Embeddings")."""
    words = name.split()
    if name_key(name) in generic_keys():
        return False
    if len(words) > 1:
        if not any(w[:1].isupper() for w in words[1:]):
            return False
        plain = [part.lower() in common_words() for w in words for part in w.split("-") if part]
        return not all(plain) or (entity.type in ("Dataset", "Benchmark") and bool(entity.aliases)
                                  and noun_type(words[-1]) is None)
    return is_model_like(name) or (name.isupper() and len(name) >= 3 and name.lower() not in common_words())


def _link_own_names(raw: RawExtraction) -> None:
    """A name the paper itself introduces, wherever else the paper writes it in the same spelling:
    "We propose Clover. ... Clover incorporates an Augmenting Block" (a plain word such as Clover is
    too common to link across papers)."""
    text = raw.text
    spelled = {raw.text[m.start:m.end]: m.entity for m in raw.mentions
               if raw.entities[m.entity].kb_id is None and m.rule != "corpus-name"}
    covered = [(m.start, m.end) for m in raw.mentions]
    added = []
    for name, entity_id in spelled.items():
        if len(name) < 3 or not name[:1].isupper() or name.lower() in common_words():
            continue  # "We use the Adult dataset. Adult patients ...": a plain word in another sense
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if (start == 0 or not _joins_name(text[start - 1])) and (end == len(text) or not _joins_name(text[end])) \
                    and not _in_url(text, start, end) and not any(start < e and s < end for s, e in covered):
                covered.append((start, end))
                added.append(RawMention(start, end, entity_id, "same-paper-name", 0.8, sentence_at(raw.sentences, start)))
            start = text.find(name, end)
    if added:
        raw.mentions = sorted(raw.mentions + added, key=lambda m: m.start)


def _joins_name(ch: str) -> bool:
    """A character that continues a word or a hyphenated name ("Clover" is not in "Clover-2")."""
    return ch.isalnum() or ch in "_-"


def _in_url(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a URL or a file name ("https://clover.ai/Clover", "Mixer.js")."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left:right if right != -1 else len(text)]
    return "/" in chunk or "@" in chunk or bool(re.search(r"\.[A-Za-z]", text[end:end + 2]))


def _link_undefined_uses(raw: RawExtraction, linker: CorpusLinker) -> None:
    text = raw.text
    covered = [(m.start, m.end) for m in raw.mentions]
    added = []
    first_words = linker.first_words
    for candidate in _CANDIDATE.finditer(text):
        word = candidate.group()
        if word.islower() or singular(key_core(word)) not in first_words:
            continue  # most words: lower case, or no corpus name starts with them
        # the longest span of whole chunks (at most max_words, the last not bare punctuation) whose
        # key is a linkable name. The key of a span is singular(the cores of its chunks, joined), and
        # a span can only grow while its joined core starts some name's key.
        joined, found = "", None
        for chunk in islice(_CHUNK.finditer(text, candidate.start()), linker.max_words):
            core = key_core(chunk.group())
            joined += core
            entity_id = linker.lookup.get(singular(joined)) if core else None  # not ending on ".", "—"
            if entity_id is not None:
                found = (chunk.end(), entity_id)
            if not linker.continues(joined):
                break
        if found is None:
            continue
        end, entity_id = found
        start = candidate.start()
        while end > start and text[end - 1] in ".'":
            end -= 1
        if any(start < e and s < end for s, e in covered) or not _looks_like(text, start, end, linker, entity_id):
            continue
        covered.append((start, end))
        added.append(RawMention(start, end, entity_id, "corpus-name", 0.7, sentence_at(raw.sentences, start)))
        if entity_id not in raw.entities:
            known = linker.corpus[entity_id]
            raw.entities[entity_id] = RawEntity(entity_id, known.name, known.type)
    if added:
        raw.mentions = sorted(raw.mentions + added, key=lambda m: m.start)


def _looks_like(text: str, start: int, end: int, linker: CorpusLinker, entity_id: str) -> bool:
    """Whether a use found by its key is written like the name: one word must be spelled as a paper
    defined it, case included ("NeUral" and "SimplE" name models; "Neural" and "Simple" do not), and
    several words must be distinctive themselves."""
    words = text[start:end].split()
    if len(words) != 1:  # and not plain words, such as "Translation Task" for TranslationTask
        return _distinctive(text[start:end], linker.corpus[entity_id])
    word, seen = words[0], linker.spellings.get(entity_id, ())
    return word in seen or (word.endswith("s") and word[:-1] in seen) or word + "s" in seen
