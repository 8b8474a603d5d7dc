"""Merging records of the same paper: same DOI, arXiv id, record id or normalised title.

Records are grouped with a union-find over their keys, so a paper that arrives as an arXiv record and
later as a CSV row with the same title becomes one paper that keeps every source. The merged paper
takes the strongest id (DOI > arXiv > record id > title hash) and the first non-empty value of every
other field, in input order.
"""
from __future__ import annotations

from dataclasses import fields

from kg import jsonlines
from kg.ingest.ids import id_rank, normalise_title
from kg.model import Paper


def record_keys(paper: Paper) -> list[str]:
    keys = [paper.id]
    if paper.doi:
        keys.append(f"doi:{paper.doi}")
    if paper.arxiv_id:
        keys.append(f"arxiv:{paper.arxiv_id}")
    if paper.record_id:
        keys.append(f"rid:{paper.record_id}")
    title = normalise_title(paper.title)
    if title:
        keys.append(f"t:{title}")
    return keys


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
    """Accumulates records; `papers()` returns the merged papers in first-seen order."""

    def __init__(self) -> None:
        self._groups = KeyGroups()
        self._records: list[Paper] = []
        self._record_root: list[str] = []

    def add(self, paper: Paper) -> None:
        keys = self._groups.join(record_keys(paper))
        self._records.append(paper)
        self._record_root.append(keys[0])

    @property
    def records(self) -> int:
        return len(self._records)

    def papers(self) -> list[Paper]:
        groups: dict[str, list[Paper]] = {}
        for paper, key in zip(self._records, self._record_root):
            groups.setdefault(self._groups.find(key), []).append(paper)
        return [merge_group(group) for group in groups.values()]


def merge_group(group: list[Paper]) -> Paper:
    if len(group) == 1:
        return group[0]
    merged = Paper(id=min((p.id for p in group), key=lambda pid: (id_rank(pid), group_index(group, pid))),
                   title=group[0].title)
    for field in fields(Paper):
        name = field.name
        if name in ("id", "sources", "cites"):
            continue
        for paper in group:
            value = getattr(paper, name)
            if value not in (None, "", []) and not (name == "kind" and value == "paper"):
                setattr(merged, name, value)
                break
    merged.sources = [source for paper in group for source in paper.sources]
    merged.cites = list(dict.fromkeys(pid for paper in group for pid in paper.cites))
    return merged


def group_index(group: list[Paper], pid: str) -> int:
    return next(i for i, p in enumerate(group) if p.id == pid)


class SpoolMerger:
    """The same merging as `Merger`, with the records kept in a spool file instead of memory: only
    each record's keys and offset stay in memory, so input of any size streams through.

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

    def add(self, paper: Paper) -> None:
        keys = self._groups.join(record_keys(paper))
        self._offsets.append(self._spool.tell())
        self._roots.append(keys[0])
        self._ids.append(paper.id)
        self._formats.append(paper.sources[0].format if paper.sources else "?")
        self._spool.write(jsonlines.line(paper.to_json()))

    @property
    def records(self) -> int:
        return len(self._offsets)

    def _read(self, index: int) -> Paper:
        self._spool.seek(self._offsets[index])
        return Paper.from_json(jsonlines.loads(self._spool.readline()))

    def _groups_in_order(self) -> list[list[int]]:
        self._spool.flush()
        groups: dict[str, list[int]] = {}
        for index, key in enumerate(self._roots):
            groups.setdefault(self._groups.find(key), []).append(index)
        return list(groups.values())

    def papers(self):
        for members in self._groups_in_order():
            yield merge_group([self._read(i) for i in members])

    def lines(self):
        """(id, source format, JSON line as UTF-8 bytes) of each merged paper, in first-seen order: the
        JSON of `papers()`. A paper of one record is its spooled line as it is (most papers: no JSON
        parsed and written again); only merged ones are read back and merged."""
        for members in self._groups_in_order():
            if len(members) == 1:
                index = members[0]
                self._spool.seek(self._offsets[index])
                yield self._ids[index], self._formats[index], self._spool.readline()
            else:
                paper = merge_group([self._read(i) for i in members])
                line = jsonlines.line(paper.to_json())
                yield paper.id, paper.sources[0].format if paper.sources else "?", line

    def close(self) -> None:
        import os

        self._spool.close()
        try:
            os.unlink(self._path)
        except OSError:
            pass
