"""Building the exports one paper at a time, with memory that grows with the number of entities,
not with papers times text.

For each paper, its part of the graph (its node, authors, venue, year, entities, role edges with
evidence: what `build_graph` makes of the paper alone) is written out (N-Triples lines and node-link
JSON), and reduced to per-entity aggregates: paper counts, papers by role, a capped list of papers with
their evidence, and the paper's entity list for co-usage. At the end the entity graph (entity nodes
and entity-to-entity relations, completed from the gazetteer) is written the same way.
"""
from __future__ import annotations

import json
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

import networkx as nx

from kg import jsonlines
from kg.graph.model import (_complete_from_kb, entity_data, merge_entity, paper_attributes, paper_neighbours,
                            paper_node, role_edges)
from kg.model import Paper

ROLE_ORDER = ("proposes", "uses", "evaluates_on", "compares_with", "addresses", "reports", "mentions")
USING = frozenset(ROLE_ORDER) - {"mentions"}
PAPER_LIST_CAP = 60


@dataclass
class EntityAggregate:
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    discovered: bool = False
    variant_of: str | None = None
    papers: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    paper_list: list[dict[str, Any]] = field(default_factory=list)
    evidence: tuple[float, str] | None = None
    worst_rank: int = -1  # the weakest role in paper_list (its index in ROLE_ORDER)
    ranks: list[int] = field(default_factory=list)  # each paper_list item's role, as its index in ROLE_ORDER


EVIDENCE_PREFIX = "<https://w3id.org/paper-kg/id/evidence/"


@dataclass
class Lines:
    """N-Triples lines joined, as UTF-8, with their counts (the evidence share is reported by the
    build). Bytes, so that the main process of a parallel build writes what the workers encoded."""
    data: bytes = b""
    count: int = 0
    evidence: int = 0
    evidence_bytes: int = 0

    @classmethod
    def of(cls, lines) -> Lines:
        """From N-Triples items: single lines, or an evidence node's lines in one item."""
        lines = list(lines)
        data = "".join(lines).encode("utf-8")
        evidence = evidence_bytes = 0
        for line in lines:
            if line.startswith(EVIDENCE_PREFIX):
                evidence += line.count("\n")
                evidence_bytes += len(line) if line.isascii() else len(line.encode("utf-8"))
        return cls(data, data.count(b"\n"), evidence, evidence_bytes)

    def astuple(self) -> tuple[bytes, int, int, int]:
        return self.data, self.count, self.evidence, self.evidence_bytes


@dataclass
class PaperRender:
    """What one paper adds to the exports, computed apart from the aggregator (a pure function of the
    paper and its record): its N-Triples lines, node-link JSON and entity nodes."""
    lines: Lines
    # in the paper graph's node order: ("shared", author/venue/year node, (node JSON, its Lines)),
    # ("paper", node, node JSON), ("entity", node, node data); node JSON is None when not wanted
    nodes: list[tuple[str, str, Any]]
    edges: list[str | None]  # edge JSON (None: not wanted)


def render_paper(paper: Paper, record: dict[str, Any], paper_ids: set[str] | frozenset[str] | None = None,
                 node_link: bool = True) -> PaperRender:
    """The paper's part of the exports. `paper_ids`: the papers of the corpus (citations of others
    are left out); `node_link`: with the node-link JSON of graph.json (None in its place without).

    It is what `build_graph([paper], [record])` holds, written without building that graph (which
    would cost more than the rest): the nodes and edges in the graph's order, the same node and edge
    data, and the N-Triples of `paper_lines`."""
    from kg.rdf.mapping import author_or_venue_lines, paper_lines

    node = paper_node(paper.id)
    data = paper_attributes(paper, record)
    shared: dict[str, dict[str, Any]] = {}  # author, venue and year nodes
    entities: dict[str, dict[str, Any]] = {}
    out: dict[str, dict[str, dict[str, Any]]] = {}  # the paper's edges: target -> key -> data
    for other, other_data, key in paper_neighbours(paper):
        shared.setdefault(other, {}).update(other_data)
        out.setdefault(other, {}).setdefault(key, {})["relation"] = key
    for entity in record["entities"]:
        entity_id = entity["id"]
        if entity_id not in entities:
            entities[entity_id] = entity_data(entity)
        merge_entity(entities[entity_id], entity)
        for role, edge in role_edges(entity):
            out.setdefault(entity_id, {}).setdefault(role, {}).update(edge)
    for known in entities.values():
        known["papers"] = 1
    cited = [paper.id] if paper.id in paper.cites else []  # a self-citation, as build_graph keeps it
    if paper_ids is not None:  # citations of papers in the corpus
        cited += [c for c in paper.cites if c in paper_ids and c != paper.id]
    for target in cited:
        out.setdefault(paper_node(target), {})["cites"] = {"relation": "cites"}
    edges = sorted(((target, key, edge) for target, keys in out.items() for key, edge in keys.items()),
                   key=lambda e: (e[0], e[1]))
    types = {**{n: d["type"] for n, d in shared.items()}, **{n: d["type"] for n, d in entities.items()}}
    render = PaperRender(Lines.of(paper_lines(data, edges, types.get)), [], [])
    render.nodes.append(("paper", node, _dumps({**data, "id": node}) if node_link else None))
    for other, other_data in shared.items():
        lines = Lines.of(author_or_venue_lines(other, other_data) if other_data["kind"] != "year" else ())
        render.nodes.append(("shared", other, (_dumps({**other_data, "id": other}) if node_link else None, lines)))
    for other, other_data in entities.items():
        render.nodes.append(("entity", other, other_data))
    for target, keys in out.items():
        for key, edge in keys.items():
            render.edges.append(_dumps({**edge, "source": node, "target": target, "key": key}) if node_link else None)
    return render


class EntityUse(NamedTuple):
    """One entity of a paper, as the aggregates need it: the record's entity without its mentions
    but for the number of them and the best one's evidence."""
    id: str
    type: str
    role: str
    roles: tuple[str, ...]
    mentions: int
    confidence: float  # the best mention's (with its role's confidence)
    sentence: str  # the best mention's


@dataclass
class PaperSummary:
    """What the aggregates and the build's counts need of a paper's extraction record: about a tenth
    of it, so that a parallel build sends this, not the record, back to the main process."""
    entities: list[EntityUse]
    results: int
    relations: list[dict[str, Any]]


def summarize(record: dict[str, Any]) -> PaperSummary:
    uses = []
    for entity in record["entities"]:
        mentions = entity["mentions"]
        best = max(mentions, key=lambda m: min(m["confidence"], m.get("role_confidence", 1.0)))
        uses.append(EntityUse(entity["id"], entity["type"], entity["role"], tuple(entity.get("roles") or [entity["role"]]),
                              len(mentions), min(best["confidence"], best.get("role_confidence", 1.0)),
                              best["sentence"]))
    return PaperSummary(uses, len(record["results"]), record.get("relations", []))


@dataclass
class ExportedPaper:
    """Everything a paper's extraction record adds to the exports, made by `PaperExporter`."""
    summary: PaperSummary
    line: bytes  # the record's line of extractions.jsonl (UTF-8)
    render: PaperRender

    def __reduce__(self):
        """Pickled as a few byte strings (the N-Triples, the record's line, the rest as JSON): a parallel
        build sends one for every paper from its workers to the main process, and pickle takes
        dataclasses apart field by field in Python (a fifth more time on both sides)."""
        render = self.render
        shared = [payload[1].astuple() for kind, _, payload in render.nodes if kind == "shared"]
        nodes = [(kind, node, payload[0] if kind == "shared" else payload) for kind, node, payload in render.nodes]
        summary = self.summary
        meta = jsonlines.dumps(([tuple(use) for use in summary.entities], summary.results, summary.relations,
                                nodes, render.edges))
        return _unpickle_exported, (self.line, render.lines.astuple(), shared, meta)


def _unpickle_exported(line: bytes, lines: tuple[bytes, int, int, int], shared: list[tuple[bytes, int, int, int]],
                       meta: bytes) -> ExportedPaper:
    uses, results, relations, nodes, edges = jsonlines.loads(meta)
    shared_lines = iter(shared)
    nodes = [(kind, node, (payload, Lines(*next(shared_lines))) if kind == "shared" else payload)
             for kind, node, payload in nodes]
    entities = [EntityUse(i, t, role, tuple(roles), n, confidence, sentence)
                for i, t, role, roles, n, confidence, sentence in uses]
    return ExportedPaper(PaperSummary(entities, results, relations), line,
                         PaperRender(Lines(*lines), nodes, edges))


class PaperExporter:
    """(paper, record) -> ExportedPaper: the per-paper part of writing the exports, picklable so that
    it runs beside the extraction in its worker processes (`kg.extract.extract_stream`'s transform)."""

    def __init__(self, paper_ids: set[str] | frozenset[str] | None = None, node_link: bool = True) -> None:
        self.paper_ids = paper_ids
        self.node_link = node_link

    def __call__(self, paper: Paper, record: dict[str, Any]) -> ExportedPaper:
        return ExportedPaper(summarize(record), jsonlines.line(record),
                             render_paper(paper, record, self.paper_ids, self.node_link))


class GraphAggregator:
    """Feed (paper, record) pairs with `add` (or a paper's `PaperSummary` and `PaperRender`), then call
    `finish`. Writers are optional file handles, `nt` a binary one (and `index`, the writer of
    papers.sqlite)."""

    def __init__(self, *, nt: IO[bytes] | None = None, nodes: IO[str] | None = None, edges: IO[str] | None = None,
                 paper_ids: set[str] | None = None, index: Any = None) -> None:
        self.nt, self.nodes_out, self.edges_out = nt, nodes, edges
        self.index_out = index  # a kg.query.paper_index.PaperIndexWriter
        self.paper_ids = paper_ids
        self.entities: dict[str, EntityAggregate] = {}
        self.relations: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.relation_papers: dict[tuple[str, str, str], set[str]] = {}  # each relation's "papers", as a set
        self.index: dict[str, int] = {}  # entity id -> number, for the co-usage lists
        self.ids: list[str] = []
        self.using = array("I")  # entity numbers of each paper's non-mention roles, concatenated
        self.offsets = array("Q", [0])
        self.seen_nodes: set[str] = set()
        self.papers = 0
        self.total_edges = 0
        self.triples = 0
        self.evidence_triples = 0
        self.evidence_bytes = 0
        self._first_node = True
        self._first_edge = True

    # -- output helpers ------------------------------------------------------------------------------
    def _node(self, node: str, data: dict[str, Any]) -> None:
        self._node_json(_dumps({**data, "id": node}))

    def _node_json(self, text: str | None) -> None:
        if self.nodes_out is not None and text is not None:
            self.nodes_out.write(("" if self._first_node else ",") + text)
            self._first_node = False

    def _edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        self._edge_json(_dumps({**data, "source": u, "target": v, "key": key}))

    def _edge_json(self, text: str | None) -> None:
        self.total_edges += 1
        if self.edges_out is not None and text is not None:
            self.edges_out.write(("" if self._first_edge else ",") + text)
            self._first_edge = False

    def _lines(self, lines) -> None:
        if self.nt is None:
            return
        packed = lines if isinstance(lines, Lines) else Lines.of(lines)
        self.nt.write(packed.data)
        self.triples += packed.count
        self.evidence_triples += packed.evidence
        self.evidence_bytes += packed.evidence_bytes

    # -- one paper -------------------------------------------------------------------------------------
    def add(self, paper: Paper, record: dict[str, Any] | PaperSummary, render: PaperRender | None = None) -> None:
        """Add a paper and its extraction record (or the record's `summarize`); `render`: its
        `render_paper`, if computed already (needed with a summary)."""
        if render is None:
            if isinstance(record, PaperSummary):
                raise ValueError("a paper added by its summary needs its render_paper too")
            render = render_paper(paper, record, self.paper_ids)
        summary = record if isinstance(record, PaperSummary) else summarize(record)
        self._lines(render.lines)
        for kind, other, payload in render.nodes:
            if kind == "shared":
                if other not in self.seen_nodes:
                    self.seen_nodes.add(other)
                    self._node_json(payload[0])
                    self._lines(payload[1])
            elif kind == "paper":
                self._node_json(payload)
            else:
                self._entity(other, payload)
        for edge in render.edges:
            self._edge_json(edge)
        self._aggregate(paper, summary)
        if self.index_out is not None:
            self.index_out.add(paper.id, paper.title, paper.year,
                               [(use.id, role) for use in summary.entities for role in use.roles])
        for relation in summary.relations:
            self._relation(relation, paper.id)
        self.papers += 1

    def _entity(self, entity_id: str, data: dict[str, Any]) -> None:
        known = self.entities.get(entity_id)
        if known is None:
            self.entities[entity_id] = EntityAggregate(data["label"], data["type"], list(data.get("aliases", [])),
                                                       bool(data.get("discovered")), data.get("variant_of"))
            return
        for alias in data.get("aliases", []):
            if alias not in known.aliases:
                known.aliases.append(alias)
        known.variant_of = known.variant_of or data.get("variant_of")

    def _aggregate(self, paper: Paper, summary: PaperSummary) -> None:
        using = []
        for use in summary.entities:
            agg = self.entities[use.id]
            agg.papers += 1
            for role in use.roles:
                agg.roles[role] += 1
            if agg.evidence is None or use.confidence > agg.evidence[0]:
                agg.evidence = (use.confidence, use.sentence)
            item = {"id": paper.id, "title": paper.title, "role": use.role, "evidence": use.sentence}
            rank = ROLE_ORDER.index(item["role"])
            if len(agg.paper_list) < PAPER_LIST_CAP:
                agg.paper_list.append(item)
                agg.ranks.append(rank)
                agg.worst_rank = max(agg.worst_rank, rank)
            elif rank < agg.worst_rank:  # a stronger role takes the place of the first of the weakest
                worst = agg.ranks.index(agg.worst_rank)
                agg.paper_list[worst] = item
                agg.ranks[worst] = rank
                agg.worst_rank = max(agg.ranks)
            if not USING.isdisjoint(use.roles):
                number = self.index.get(use.id)
                if number is None:
                    number = self.index[use.id] = len(self.ids)
                    self.ids.append(use.id)
                using.append(number)
        self.using.extend(sorted(set(using)))
        self.offsets.append(len(self.using))

    def _relation(self, relation: dict[str, Any], paper_id: str) -> None:
        key = (relation["subject"], relation["predicate"], relation["object"])
        data = self.relations.setdefault(key, {"relation": relation["predicate"], "evidence": [], "papers": []})
        seen = self.relation_papers.setdefault(key, set())
        if paper_id not in seen:  # (a relation of the gazetteer can be in a tenth of the papers)
            seen.add(paper_id)
            data["papers"].append(paper_id)
            if relation.get("sentence") and len(data["evidence"]) < 20:
                data["evidence"].append({"paper": paper_id, "sentence": relation["sentence"], "rule": relation["rule"],
                                         "confidence": relation["confidence"]})
        data["support"] = len(data["papers"])

    # -- the end -----------------------------------------------------------------------------------------
    def entity_graph(self, kb=None) -> nx.MultiDiGraph:
        """Entity nodes (with their aggregates) and entity-to-entity relations."""
        graph = nx.MultiDiGraph()
        for entity_id, agg in self.entities.items():
            graph.add_node(entity_id, kind="entity", label=agg.label, type=agg.type, aliases=list(agg.aliases),
                           discovered=agg.discovered, variant_of=agg.variant_of, papers=agg.papers)
        if kb is not None:
            _complete_from_kb(graph, kb)
        for (subject, predicate, obj), data in self.relations.items():
            if subject in graph and obj in graph and not graph.has_edge(subject, obj, key=predicate):
                graph.add_edge(subject, obj, key=predicate, **data)
        for node, data in graph.nodes(data=True):
            data.setdefault("papers", 0)
        return graph

    def finish(self, kb=None) -> nx.MultiDiGraph:
        """Write the entity graph; returns it."""
        from kg.rdf.mapping import entity_lines

        graph = self.entity_graph(kb)
        for node in sorted(graph.nodes):
            data = graph.nodes[node]
            self._node(node, data)
            self._lines(entity_lines(graph, node, data))
        for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            self._edge(u, v, key, data)
        return graph

    def paper_entities(self):
        """Each paper's entities with a non-mention role (ids), for co-usage."""
        for i in range(len(self.offsets) - 1):
            yield [self.ids[n] for n in self.using[self.offsets[i]:self.offsets[i + 1]]]


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def assemble_node_link(nodes_path: Path, edges_path: Path, out: Path) -> None:
    """graph.json from the node and edge parts written while streaming."""
    with open(out, "w", encoding="utf-8") as handle:
        handle.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
        with open(nodes_path, encoding="utf-8") as part:
            while chunk := part.read(1 << 20):
                handle.write(chunk)
        handle.write('], "edges": [')
        with open(edges_path, encoding="utf-8") as part:
            while chunk := part.read(1 << 20):
                handle.write(chunk)
        handle.write("]}")
