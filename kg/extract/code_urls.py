"""Names in a paper's own code release: "Code is available at https://github.com/zhjohnchan/M3AE."

The repository's name is what the paper proposes, when it names the paper's method (a name the
paper uses elsewhere, or a name-like word such as M3AE or CLIP; not "VLM_survey" or
"gaussian-ad-mvtec"), and the sentence releases the paper's own work rather than someone else's code
("we build on https://github.com/facebookresearch/fairseq"). The cues are data: `code_url` in
`kg/data/cues/types.json`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kg import resources
from kg.extract.discovery import Candidate, is_acronym, is_model_like
from kg.extract.kb import KnowledgeBase
from kg.extract.keys import name_key
from kg.extract.lexicon import generic_keys

RULE = "code-url"
_REPO_NAME = re.compile(r"[A-Za-z0-9][\w.+-]*")
_DOT_WORD = re.compile(r"\.[A-Za-z]")


@dataclass(frozen=True)
class CodeUrlCues:
    repository: re.Pattern[str]  # host/owner/ then the repository's name
    release: re.Pattern[str]
    released_things: re.Pattern[str]
    borrowed: re.Pattern[str]
    venue_prefix: re.Pattern[str]
    venue_suffix: re.Pattern[str]
    venue_only: re.Pattern[str]
    not_name_parts: frozenset[str]


@lru_cache(maxsize=None)
def code_url_cues() -> CodeUrlCues:
    data = json.loads(resources.data("cues", "types.json").read_text(encoding="utf-8"))["code_url"]
    hosts = "|".join(re.escape(h) for h in data["hosts"])
    venues = "|".join(re.escape(v) for v in data["venues"])
    return CodeUrlCues(re.compile(rf"(?:https?://)?(?:www\.)?(?:{hosts})/(?:(datasets)/|spaces/)?[\w.-]+/", re.IGNORECASE),
                       re.compile(data["release"]), re.compile(data["released_things"]), re.compile(data["borrowed"]),
                       re.compile(rf"(?:{venues})['_-]?\d{{2,4}}[-_]"), re.compile(rf"[-_](?:{venues})['_-]?\d{{2,4}}$"),
                       re.compile(rf"(?:{venues})(?:['_-]?\d{{2,4}})?[-_]?", re.IGNORECASE), frozenset(data["not_name_parts"]))


def repository_name(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The (start, end) of the repository's name in the URL text[start:end], without ".git" or the
    full stop that ends the sentence, and its type (a Hugging Face dataset's is a Dataset); None for a
    URL that names no repository."""
    cues = code_url_cues()
    prefix = cues.repository.match(text, start, end)
    if prefix is None:
        return None
    etype = "Dataset" if prefix.group(1) else "Method"
    name = _REPO_NAME.match(text, prefix.end(), end)
    if name is None:
        return None
    start, stop = name.start(), name.end()
    while stop > start and text[stop - 1] in ".-":
        stop -= 1
    if text[start:stop].lower().endswith(".git"):
        stop -= 4
    if cues.venue_only.fullmatch(text, start, stop):
        return None  # "ICCV2023": a conference's repository
    venue = cues.venue_prefix.match(text, start, stop)
    if venue is not None:
        start = venue.end()  # "ICCV23-IDPT"
    venue = cues.venue_suffix.search(text, start, stop)
    if venue is not None:
        stop = venue.start()  # "MetaCoCo-ICLR24"
    return (start, stop, etype) if stop > start else None


def _name_like(name: str) -> bool:
    """M3AE, CLIP, LinFusion, Sparse-ViT; not "VLM_survey", "Tiny-Language-Models" or "fairseq"."""
    if "_" in name or _DOT_WORD.search(name) or name.count("-") > 2 or len(name) < 3:
        return False  # "VLM_survey", "NeRF.pytorch", "M3AE.github.io", "AB" (but "FooNet2.0")
    parts = re.split(r"[-.]", name.lower())
    if any(p in code_url_cues().not_name_parts or name_key(p) in generic_keys() for p in parts):
        return False
    return is_model_like(name) or (is_acronym(name) and not name.endswith("s"))


def _extends(name: str, stem: str) -> bool:
    """"ULIP-2" extends "ulip" (lower case)."""
    return len(name) > len(stem) and name.lower().startswith(stem) and name[len(stem)] in "-+ 0123456789v"


def _keys(text: str, candidate: Candidate) -> set[str]:
    names = (text[candidate.start:candidate.end], candidate.name or "", *candidate.aliases)
    return {name_key(n) for n in names if n}


def code_url_names(text: str, urls: list[tuple[int, int]], sentences: list[tuple[int, int]],
                   found: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """A proposed candidate for each repository name of an own-release URL that names a method the
    abstract does not name otherwise."""
    cues = code_url_cues()
    out: list[Candidate] = []
    named = [c for c in found if c.rule != "not-an-entity" and (c.type or c.entity_ids)]
    done_sentences: set[int] = set()
    for url_start, url_end in urls:
        sentence_start = next((s for s, e in reversed(sentences) if s <= url_start), 0)
        if sentence_start in done_sentences:
            continue  # only a sentence's first repository ("... and we thank https://github.com/y/Foo2")
        repository = repository_name(text, url_start, url_end)
        if repository is None:
            continue
        done_sentences.add(sentence_start)
        start, end, etype = repository
        before = text[sentence_start:url_start].lower()
        near = before[-100:]
        if cues.release.search(near) is None or cues.released_things.search(near) is None \
                or cues.borrowed.search(near) is not None:
            continue  # not "We found that the baseline at https://github.com/x/DeepLab3 fails"
        name = text[start:end]
        key, lowered = name_key(name), name.lower()
        if any(key in _keys(text, c) for c in named):
            continue  # the paper names it elsewhere: those sentences say what it does with it
        if any(_extends(n, lowered) for c in named for n in (text[c.start:c.end], c.name or "")):
            continue  # the ULIP-2 paper's code at .../salesforce/ULIP: not a release of ULIP
        if _name_like(name) and not kb.lookup(name):  # a known name in a URL may be a fork ("me/YOLOv5")
            out.append(Candidate(start, end, etype, RULE, 0.7, proposed=True))
    return out
