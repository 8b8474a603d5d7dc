"""Merging records of the same paper: same DOI, arXiv id or normalised title (records of one title
that cannot be one work are kept apart: see `same_work`).

Records are grouped with a union-find over their keys, so a paper that arrives as an arXiv record and
later as a CSV row with the same title becomes one paper that keeps every source. The merged paper
takes the strongest id (DOI > arXiv > record id > title hash), the first abstract unless a later one
continues it (a shortened copy), and the first non-empty value of every other field, in input order.

A record's own id is local to its source: row "1" of one CSV file and row "1" of another are rarely
the same paper. So a record id does not merge records whose titles differ (an OpenAlex work id, which
is global, does), and when two papers would have the same id, the later one (in input order) takes its
title-hash id instead and the clash is reported (`Clash`), never merged silently.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, replace
from typing import NamedTuple

from kg import jsonlines
from kg.ingest.ids import id_rank, is_global_id, normalise_title, title_hash
from kg.model import Paper


def record_keys(paper: Paper, title_key: Callable[[str], str] = lambda title: f"t:{title}") -> list[str]:
    """The keys under which records are one paper: DOI, arXiv id, normalised title (as `title_key`
    gives it: see `TitleClusters`), and the record's id: a global one (an OpenAlex work) alone, any
    other only together with the title."""
    title = normalise_title(paper.title)
    keys = []
    if paper.doi:
        keys.append(f"doi:{paper.doi}")
    if paper.arxiv_id:
        keys.append(f"arxiv:{paper.arxiv_id}")
    if title:
        keys.append(title_key(title))
    # an OpenAlex work id is one work everywhere; another id joins only records of the same title,
    # which the title joins already, or, for a title without words ("???"), of the same file
    if paper.record_id and is_global_id(paper.record_id):
        keys.append(f"rid:{paper.record_id}")
    elif paper.record_id and not title:
        keys.append(f"rid:{paper.record_id}\t{paper.sources[0].file if paper.sources else ''}")
    if not keys:  # no DOI, arXiv id, id or title words: a record of its own
        first = paper.sources[0] if paper.sources else None
        keys.append(f"record:{first.file}:{first.line}" if first else f"record:{id(paper)}")
    return keys


_WORDS = re.compile(r"[a-z]{4,}")
_NAME_PARTS = re.compile(r"[a-z]{2,}")
_VERSION = re.compile(r"v\d+$")
_NAME_PARTICLES = frozenset("de da del della di du des van von der den le la los las dos jr sr et al".split())
_ARXIV_DOI = "10.48550/arxiv."  # arXiv's own DOI for a preprint: its arXiv id, not a publisher's DOI
# the share of words two abstracts of one title have in common (of all words either has, four letters or
# more): versions of one work share at least this (an ICLR submission and its rewritten NeurIPS
# version: .16 in the corpora), unrelated items less ("Introduction" of two journal issues: 0)
ONE_WORK = 0.1
REPUBLISHED = 0.3  # what two records with different DOIs share at least to be one work (a workshop paper
# published again at the main conference: .45 and more in the corpora)
ALIKE = 0.5  # abstracts this alike are one work whatever the author lists say ("Li Y." and "Yi Li")


class Traits(NamedTuple):
    """What tells two records of one title apart: ids, the abstract's words, the authors' names."""

    doi: str | None
    arxiv_id: str | None
    words: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, paper: Paper) -> Traits:
        doi, arxiv_id = paper.doi, paper.arxiv_id
        if doi and doi.startswith(_ARXIV_DOI):
            doi, arxiv_id = None, arxiv_id or _VERSION.sub("", doi[len(_ARXIV_DOI):])
        words = set(_WORDS.findall(paper.abstract.lower())) if paper.abstract else set()
        return cls(doi, arxiv_id, frozenset(words) if len(words) >= 8 else frozenset(),  # ("A survey.": too short)
                   frozenset(part for author in paper.authors for part in _NAME_PARTS.findall(_ascii(author))
                             if part not in _NAME_PARTICLES))


def _ascii(name: str) -> str:
    """A name in lower-case ASCII letters: "José Müller" -> "jose muller"; "张伟" -> "" (not comparable)."""
    plain = unicodedata.normalize("NFKD", name.lower())
    return plain.encode("ascii", "ignore").decode()


def same_work(a: Paper | Traits, b: Paper | Traits) -> bool:
    """Whether two records of one title may be one paper. Generic titles ("Introduction", "Deep
    Learning", "Editorial") name many works. Records with different DOIs or arXiv ids are one work only
    if their abstracts are alike (one paper published twice). Other records are one work unless their
    abstracts share hardly a word, or their authors share no name and their abstracts are not alike."""
    a = a if isinstance(a, Traits) else Traits.of(a)
    b = b if isinstance(b, Traits) else Traits.of(b)
    shared = len(a.words & b.words) / len(a.words | b.words) if a.words and b.words else None
    named = bool(a.names and b.names)
    if (a.doi and b.doi and a.doi != b.doi) or (a.arxiv_id and b.arxiv_id and a.arxiv_id != b.arxiv_id):
        return shared is not None and shared >= REPUBLISHED  # (authors alone are weak evidence: "Wei Wang", "Wei Zhang")
    if shared is not None and shared >= ALIKE:
        return True
    if named and not a.names & b.names:
        return False
    return shared is None or shared >= ONE_WORK


class TitleClusters:
    """The title key of each record: records of one title share it while they may be one work
    (`same_work` with the first records that have it, up to `SAMPLE`), so two papers with one generic
    title are not merged into one. Only the first record of a title is remembered (its index) until a
    second one comes (read back with `read(index)`); then the traits of a few records of each work."""

    SAMPLE = 3  # (a paper read a thousand times is compared with three of its records, not all)
    WORKS = 64  # (a title shared by thousands of works, "Introduction": a record is compared with 64 of them)

    def __init__(self, read: Callable[[int], Paper]) -> None:
        self._read = read
        self._titles: dict[str, int | list[list[Traits]]] = {}

    def key(self, title: str, index: int, paper: Paper) -> str:
        entry = self._titles.get(title)
        if entry is None:
            self._titles[title] = index
            return f"t:{title}"
        works = [[Traits.of(self._read(entry))]] if isinstance(entry, int) else entry
        traits = Traits.of(paper)
        number = next((n for n, sample in enumerate(works[:self.WORKS]) if all(same_work(traits, t) for t in sample)),
                      len(works))
        if number == len(works):
            works.append([])
        if len(works[number]) < self.SAMPLE:
            works[number].append(traits)
        self._titles[title] = works
        return f"t:{title}" if number == 0 else f"t:{title}\t{number}"


class Clash(NamedTuple):
    """Two papers with one id: the later paper (its first record at `source`) takes `new_id`."""

    id: str
    new_id: str
    source: str


def group_id(ids: Sequence[str]) -> str:
    """A merged paper's id: the strongest of its records' ids, the earliest among equals."""
    return min(enumerate(ids), key=lambda item: (id_rank(item[1]), item[0]))[1]


def unique_ids(ids: Sequence[str], title: Callable[[int], str]) -> dict[int, str]:
    """{index: new id} for each paper whose id an earlier paper of `ids` has: the hash of its title
    (`title(index)`), made unique if need be."""
    taken = set(ids)
    seen: set[str] = set()
    renamed: dict[int, str] = {}
    for index, pid in enumerate(ids):
        if pid in seen:
            base = new = f"title:{title_hash(title(index))}"
            suffix = 2
            while new in taken:
                new, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(new)
            renamed[index] = new
        seen.add(pid)
    return renamed


def _source(paper: Paper) -> str:
    first = paper.sources[0] if paper.sources else None
    return f"{first.file}:{first.line}" if first else paper.title


class KeyGroups:
    """Union-find over record keys: records that share any key are one group."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self._parent.setdefault(key, key)
        while parent != key:
            grand = self._parent[parent]
            self._parent[key] = grand
            key, parent = parent, self._parent[grand]
        return key

    def join(self, keys: list[str]) -> list[str]:
        """Put `keys` in one group; returns them."""
        root = self.find(keys[0])
        for key in keys[1:]:
            other = self.find(key)
            if other != root:
                self._parent[other] = root
        return keys


class Merger:
    """Accumulates records; `papers()` returns the merged papers in first-seen order (and lists the
    id clashes it resolved in `clashes`)."""

    def __init__(self) -> None:
        self._groups = KeyGroups()
        self._records: list[Paper] = []
        self._record_root: list[str] = []
        self._titles = TitleClusters(self._records.__getitem__)
        self.clashes: list[Clash] = []

    def add(self, paper: Paper) -> None:
        index = len(self._records)
        keys = self._groups.join(record_keys(paper, lambda title: self._titles.key(title, index, paper)))
        self._records.append(paper)
        self._record_root.append(keys[0])

    @property
    def records(self) -> int:
        return len(self._records)

    def papers(self) -> list[Paper]:
        groups: dict[str, list[Paper]] = {}
        for paper, key in zip(self._records, self._record_root):
            groups.setdefault(self._groups.find(key), []).append(paper)
        papers = [merge_group(group) for group in groups.values()]
        renamed = unique_ids([p.id for p in papers], lambda i: papers[i].title)
        self.clashes = [Clash(papers[i].id, new_id, _source(papers[i])) for i, new_id in renamed.items()]
        for index, new_id in renamed.items():  # (a copy: a paper of one record is the record itself)
            papers[index] = replace(papers[index], id=new_id)
        moved = moved_ids(([r.id for r in group] for group in groups.values()), [p.id for p in papers])
        if moved:
            papers = [replace(p, cites=follow(p.cites, moved)) if p.cites else p for p in papers]
        return papers


def moved_ids(member_ids: Iterable[Sequence[str]], final_ids: Sequence[str]) -> dict[str, str]:
    """{record id: its paper's id} for records whose paper has another id (merged under a stronger id,
    or renamed after a clash), given each paper's record ids and final id: where a cite of such a
    record must point ("Pre-training in Medical Data" cited by an editorial by its title hash, merged
    with a record that has a DOI). An id that some paper keeps is not moved."""
    kept = set(final_ids)
    moved: dict[str, str] = {}
    for ids, final in zip(member_ids, final_ids):
        for record_id in ids:
            if record_id != final and record_id not in kept:
                moved.setdefault(record_id, final)
    return moved


def follow(cites: list[str], moved: dict[str, str]) -> list[str]:
    """`cites` pointing at the papers' final ids."""
    return list(dict.fromkeys(moved.get(pid, pid) for pid in cites))


_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*$")


def _goes_on(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` continued (a shortened copy may end in an ellipsis); an abstract
    edited or written otherwise is not (a record read again keeps its edit)."""
    head = " ".join(_ELLIPSIS.sub("", shorter).split())
    return len(longer) > len(shorter) and " ".join(longer.split()).startswith(head)


def merge_group(group: list[Paper]) -> Paper:
    if len(group) == 1:
        return group[0]
    merged = Paper(id=group_id([p.id for p in group]), title=group[0].title, raw_title=group[0].raw_title)
    # the first abstract, unless a later one is the same text going on (a daily-papers page shortens some);
    # its text as read comes with it
    fullest = next((paper for paper in group if paper.abstract), group[0])
    for paper in group:
        if paper.abstract and _goes_on(paper.abstract, fullest.abstract):
            fullest = paper
    merged.abstract, merged.raw_abstract = fullest.abstract, fullest.raw_abstract
    for field in fields(Paper):
        name = field.name
        if name in ("id", "sources", "cites", "title", "raw_title", "abstract", "raw_abstract"):
            continue
        for paper in group:
            value = getattr(paper, name)
            if value not in (None, "", []) and not (name == "kind" and value == "paper"):
                setattr(merged, name, value)
                break
    # (a record read again, as when `kg build --update` names a file of the earlier build, is one source)
    merged.sources = list(dict.fromkeys(source for paper in group for source in paper.sources))
    merged.cites = list(dict.fromkeys(pid for paper in group for pid in paper.cites))
    return merged


class SpoolMerger:
    """The same merging as `Merger`, with the records kept in a spool file instead of memory: only
    each record's keys and offset stay in memory (and, for a title read more than once, the traits of a few
    of its records: `TitleClusters`), so input of any size streams through.

    `papers()` yields the merged papers in first-seen order, reading each group back from the spool.
    """

    def __init__(self, spool_path) -> None:
        self._path = spool_path
        self._spool = open(spool_path, "w+b")
        self._groups = KeyGroups()
        self._offsets: list[int] = []
        self._roots: list[str] = []
        self._ids: list[str] = []  # each record's id and the format of its source, to report papers
        self._formats: list[str] = []  # without parsing their JSON again (see `lines`)
        self.clashes: list[Clash] = []
        self._end = 0  # the spool's length (its tell() costs more than the rest of add)
        self._citing: set[int] = set()  # the records that cite others (their cites may need new ids)
        self._titles = TitleClusters(self._read)

    def add(self, paper: Paper) -> None:
        index = len(self._offsets)
        keys = self._groups.join(record_keys(paper, lambda title: self._titles.key(title, index, paper)))
        self._offsets.append(self._end)
        self._roots.append(keys[0])
        self._ids.append(paper.id)
        self._formats.append(paper.sources[0].format if paper.sources else "?")
        if paper.cites:
            self._citing.add(len(self._ids) - 1)
        line = jsonlines.line(paper.to_json())
        self._spool.write(line)
        self._end += len(line)

    @property
    def records(self) -> int:
        return len(self._offsets)

    def _read(self, index: int) -> Paper:
        self._spool.seek(self._offsets[index])
        paper = Paper.from_json(jsonlines.loads(self._spool.readline()))
        self._spool.seek(self._end)  # (records are read back while the spool is still written)
        return paper

    def _groups_in_order(self) -> list[list[int]]:
        self._spool.flush()
        groups: dict[str, list[int]] = {}
        for index, key in enumerate(self._roots):
            groups.setdefault(self._groups.find(key), []).append(index)
        return list(groups.values())

    def _groups_and_ids(self) -> tuple[list[list[int]], dict[int, str], dict[str, str]]:
        """The groups in first-seen order, the new id of each group whose id an earlier one has
        (noted in `clashes`), and the `moved_ids` that cites must follow."""
        groups = self._groups_in_order()
        ids = [self._ids[members[0]] if len(members) == 1 else group_id([self._ids[i] for i in members])
               for members in groups]
        renamed = unique_ids(ids, lambda g: self._read(groups[g][0]).title)
        self.clashes = [Clash(ids[g], new_id, _source(self._read(groups[g][0]))) for g, new_id in renamed.items()]
        moved = {}
        if self._citing:  # (most inputs cite nothing: no pass over the groups for it)
            final = [renamed.get(g, pid) for g, pid in enumerate(ids)]
            moved = moved_ids(([self._ids[i] for i in members] for members in groups), final)
        return groups, renamed, moved

    def _merged(self, number: int, members: list[int], renamed: dict[int, str], moved: dict[str, str]) -> Paper:
        paper = merge_group([self._read(i) for i in members])
        paper.id = renamed.get(number, paper.id)
        if moved and paper.cites:
            paper.cites = follow(paper.cites, moved)
        return paper

    def papers(self):
        groups, renamed, moved = self._groups_and_ids()
        for number, members in enumerate(groups):
            yield self._merged(number, members, renamed, moved)

    def lines(self):
        """(id, source format, JSON line as UTF-8 bytes) of each merged paper, in first-seen order: the
        JSON of `papers()`. A paper of one record is its spooled line as it is (most papers: no JSON
        parsed and written again); only merged and renamed ones, and those whose cites moved, are read
        back and written again."""
        groups, renamed, moved = self._groups_and_ids()
        for number, members in enumerate(groups):
            if len(members) == 1 and number not in renamed and not (moved and members[0] in self._citing):
                index = members[0]
                self._spool.seek(self._offsets[index])
                yield self._ids[index], self._formats[index], self._spool.readline()
            else:
                paper = self._merged(number, members, renamed, moved)
                line = jsonlines.line(paper.to_json())
                yield paper.id, paper.sources[0].format if paper.sources else "?", line

    def close(self) -> None:
        import os

        self._spool.close()
        try:
            os.unlink(self._path)
        except OSError:
            pass
