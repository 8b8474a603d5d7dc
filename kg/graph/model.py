"""Building the MultiDiGraph (see the package docstring for its shape)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import networkx as nx

from kg.extract.keys import slug
from kg.model import Paper

ENTITY_RELATIONS = ("variant_of", "part_of", "evaluated_on", "for_task", "metric_for", "based_on",
                    "compared_with", "trained_on", "dataset_for")


def paper_node(paper_id: str) -> str:
    return f"paper:{paper_id}"


def _add_entity(graph: nx.MultiDiGraph, entity_id: str, name: str, etype: str, **attrs: Any) -> None:
    if entity_id not in graph:
        graph.add_node(entity_id, kind="entity", label=name, type=etype, aliases=[], **attrs)
    node = graph.nodes[entity_id]
    for key, value in attrs.items():
        if value and not node.get(key):
            node[key] = value


def build_graph(papers: Sequence[Paper], records: Iterable[dict[str, Any]], kb: Any = None) -> nx.MultiDiGraph:
    """The graph of `papers` and their extraction `records` (`extract(papers)`: one per paper, same
    order; a ValueError otherwise). `kb` (default: the built-in gazetteer; with extra gazetteer files,
    pass `kg.extract.gazetteer.gazetteer(tuple(files))[0]`, as `kg build --gazetteer` does) adds
    gazetteer metadata (aliases, external ids) and the ancestors of variants that no paper names;
    `kb=False` leaves them out (each paper's own part, as the streaming build renders it)."""
    if kb is None:
        from kg.extract.gazetteer import gazetteer

        kb = gazetteer(())[0]
    papers, records = list(papers), list(records)
    if len(papers) != len(records) or any(p.id != r.get("id") for p, r in zip(papers, records)):
        raise ValueError(f"records do not match papers ({len(records)} records for {len(papers)} papers, or in "
                         "another order): pass the records extract(papers) returned")
    graph = nx.MultiDiGraph()
    relations: list[tuple[dict[str, Any], str]] = []
    for paper, record in zip(papers, records):
        node = paper_node(paper.id)
        graph.add_node(node, **paper_attributes(paper, record))
        for other, data, key in paper_neighbours(paper):
            graph.add_node(other, **data)
            graph.add_edge(node, other, key=key, relation=key)
        for entity in record["entities"]:
            if entity["id"] not in graph:
                graph.add_node(entity["id"], **entity_data(entity))
            merge_entity(graph.nodes[entity["id"]], entity)
            for role, data in role_edges(entity):
                graph.add_edge(node, entity["id"], key=role, **data)
        relations.extend((relation, paper.id) for relation in record.get("relations", []))
    if kb is not False:
        _complete_from_kb(graph, kb)
    seen: dict[tuple[str, str, str], set[str]] = {}  # the papers of each relation edge, as a set
    for relation, paper_id in relations:
        _add_relation(graph, relation, paper_id, seen)
    for paper in papers:
        for cited in paper.cites:
            if paper_node(cited) in graph:
                graph.add_edge(paper_node(paper.id), paper_node(cited), key="cites", relation="cites")
    for node, data in graph.nodes(data=True):
        if data["kind"] == "entity":
            data["papers"] = len({u for u, _, k in graph.in_edges(node, keys=True) if u.startswith("paper:")})
    return graph


def entity_data(entity: dict[str, Any]) -> dict[str, Any]:
    """The data of an entity's node, from a record's entity."""
    return {"kind": "entity", "label": entity["name"], "type": entity["type"], "aliases": [],
            "discovered": entity.get("source") == "discovered", "variant_of": entity.get("variant_of")}


def merge_entity(node: dict[str, Any], entity: dict[str, Any]) -> None:
    """Add what a record says of an entity to its node's data: the attributes it lacks, new aliases."""
    for key, value in (("discovered", entity.get("source") == "discovered"), ("variant_of", entity.get("variant_of"))):
        if value and not node.get(key):
            node[key] = value
    for alias in entity.get("aliases", []):
        if alias not in node["aliases"]:
            node["aliases"].append(alias)


def paper_attributes(paper: Paper, record: dict[str, Any]) -> dict[str, Any]:
    """The data of a paper's node."""
    return dict(kind="paper", label=paper.title, type="Paper", paper_id=paper.id, title=paper.title,
                abstract=paper.abstract, year=paper.year, venue=paper.venue, listed=paper.listed, doi=paper.doi,
                arxiv_id=paper.arxiv_id, url=paper.url, paper_kind=paper.kind,
                sources=[f"{s.file}:{s.line}" for s in paper.sources], results=record.get("results", []))


def paper_neighbours(paper: Paper) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(node, its data, the key and relation of the paper's edge to it) for the paper's authors,
    venue and year."""
    for author in paper.authors:
        yield f"author/{slug(author)}", {"kind": "author", "label": author, "type": "Author"}, "author"
    if paper.venue:
        yield f"venue/{slug(paper.venue)}", {"kind": "venue", "label": paper.venue, "type": "Venue"}, "venue"
    if paper.year:
        yield f"year/{paper.year}", {"kind": "year", "label": str(paper.year), "type": "Year"}, "year"


def role_edges(entity: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(role, edge data) of the edges from a paper to one of its record's entities: one per role,
    with the evidence of the mentions that support it."""
    roles = entity.get("roles") or [entity["role"]]
    evidence: dict[str, list[dict[str, Any]]] = {role: [] for role in roles}
    for mention in entity["mentions"]:
        role = mention.get("role", entity["role"])
        target = role if role in evidence else entity["role"]
        evidence.setdefault(target, []).append({
            "text": mention["text"], "field": mention["field"], "start": mention["start"], "end": mention["end"],
            "sentence": mention["sentence"], "rule": mention["rule"], "role_rule": mention.get("role_rule"),
            "confidence": min(mention["confidence"], mention.get("role_confidence", 1.0))})
    return [(role, {"relation": "role", "role": role, "evidence": items, "support": len(items),
                    "confidence": max((e["confidence"] for e in items), default=entity["confidence"])})
            for role, items in evidence.items()]


def _add_relation(graph: nx.MultiDiGraph, relation: dict[str, Any], paper_id: str,
                  seen: dict[tuple[str, str, str], set[str]]) -> None:
    subject, predicate, obj = relation["subject"], relation["predicate"], relation["object"]
    if subject not in graph or obj not in graph:
        return
    if graph.has_edge(subject, obj, key=predicate):
        data = graph.edges[subject, obj, predicate]
    else:
        graph.add_edge(subject, obj, key=predicate, relation=predicate, evidence=[], papers=[])
        data = graph.edges[subject, obj, predicate]
    papers = seen.setdefault((subject, predicate, obj), set())
    if paper_id not in papers:
        papers.add(paper_id)
        data["papers"].append(paper_id)
        if relation.get("sentence"):
            data["evidence"].append({"paper": paper_id, "sentence": relation["sentence"], "rule": relation["rule"],
                                     "confidence": relation["confidence"]})
    data["support"] = len(data["papers"])


def _complete_from_kb(graph: nx.MultiDiGraph, kb) -> None:
    """Gazetteer metadata on entity nodes, and variant/part ancestors (ImageNet for ImageNet-1K)."""
    pending = [n for n, d in graph.nodes(data=True) if d["kind"] == "entity"]
    seen = set(pending)
    while pending:
        node = pending.pop()
        entry = kb.entries.get(node)
        data = graph.nodes[node]
        parents = []
        if entry is not None:
            for alias in (*entry.aliases, *entry.abbreviations):
                if alias not in data["aliases"]:
                    data["aliases"].append(alias)
            data["wikidata"], data["pwc"] = entry.wikidata, entry.pwc
            parents = [(p, r) for p, r in ((entry.variant_of, "variant_of"), (entry.part_of, "part_of")) if p]
        elif data.get("variant_of"):
            parents = [(data["variant_of"], "variant_of")]
        for parent, relation in parents:
            if parent not in graph:
                known = kb.entries.get(parent)
                if known is None:
                    continue
                _add_entity(graph, parent, known.name, known.type, discovered=False)
            if not graph.has_edge(node, parent, key=relation):
                graph.add_edge(node, parent, key=relation, relation=relation, evidence=[], papers=[], support=0)
            if parent not in seen:
                seen.add(parent)
                pending.append(parent)
