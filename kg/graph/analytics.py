"""Analytics over the graph: counts, top entities by role, co-usage, usage over time."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import NotFound, UsageError
from kg.extract.keys import name_key

USING_ROLES = ("proposes", "uses", "evaluates_on", "compares_with", "addresses", "reports")
ENTITY_TYPES = ("Method", "Dataset", "Benchmark", "Task", "Metric")


def counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes by type or kind, role edges by role, relations by kind, and evidence mentions."""
    out: Counter[str] = Counter()
    for _, data in graph.nodes(data=True):
        out[data["type"] if data["kind"] == "entity" else data["kind"]] += 1
    for _, _, data in graph.edges(data=True):
        if data.get("relation") == "role":
            out[f"role:{data['role']}"] += 1
            out["evidence"] += data.get("support", 0)
        else:
            out[f"relation:{data.get('relation')}"] += 1
    return dict(sorted(out.items()))


def entity_id(entities: Mapping[str, Mapping[str, Any]], name: str) -> str:
    """The id of the entity `name` names among `entities` (id -> node data): its id, or its name or
    an alias in any spelling (CIFAR100 = CIFAR-100), a name before an alias; NotFound for none,
    UsageError for a name of several. An id returns at once; a name scans the entities, so pass ids
    inside loops over a large graph."""
    if name in entities and entities[name].get("kind", "entity") == "entity":
        return name
    key = name_key(name)
    by_name, by_alias = [], []
    for node, data in entities.items():
        if data.get("kind", "entity") != "entity":
            continue
        if name_key(data.get("label", "")) == key:
            by_name.append(node)
        elif any(name_key(alias) == key for alias in data.get("aliases", [])):
            by_alias.append(node)
    found = by_name or by_alias
    if len(found) > 1:
        raise UsageError(f"{name!r} names several entities: {', '.join(sorted(found))}; pass an id")
    if not found:
        raise NotFound(f"No entity named {name!r} in the graph.")
    return found[0]


def papers_with(graph: nx.MultiDiGraph, entity: str, roles: Iterable[str] = USING_ROLES) -> set[str]:
    """The paper nodes with one of `roles` on `entity` (an id or a name)."""
    entity = entity_id(graph.nodes, entity)
    return {u for u, _, key in graph.in_edges(entity, keys=True) if u.startswith("paper:") and key in roles}


def top_entities(graph: nx.MultiDiGraph, etype: str | None = None, roles=USING_ROLES, n: int = 20
                 ) -> list[tuple[str, str, int]]:
    """(id, label, papers) of the entities most papers have one of `roles` on."""
    if etype is not None:  # "datasets" as kg top and kg.query.top_entities take it
        etype = etype if etype in ENTITY_TYPES else etype[:1].upper() + etype[1:].rstrip("s")
    if etype is not None and etype not in ENTITY_TYPES:
        raise UsageError(f"unknown type {etype!r} (one of: {', '.join(ENTITY_TYPES)})")
    rows = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "entity" or (etype and data["type"] != etype and not (etype == "Dataset" and data["type"] == "Benchmark")):
            continue
        count = len(papers_with(graph, node, roles))
        if count:
            rows.append((node, data["label"], count))
    rows.sort(key=lambda r: (-r[2], r[1].lower(), r[0]))
    return rows[:n]


def co_usage(graph: nx.MultiDiGraph, etype: str = "Dataset", roles=("uses", "evaluates_on")) -> Counter[tuple[str, str]]:
    """How many papers use each pair of entities of one type together (datasets used together)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for node, data in graph.nodes(data=True):
        if data["kind"] != "paper":
            continue
        used = sorted({v for _, v, key in graph.out_edges(node, keys=True) if key in roles
                       and graph.nodes[v]["type"] in ((etype, "Benchmark") if etype == "Dataset" else (etype,))})
        pairs.update(combinations(used, 2))
    return pairs


def methods_on_dataset(graph: nx.MultiDiGraph, dataset: str) -> Counter[str]:
    """Methods evaluated on a dataset (an id or a name): by `evaluated_on` relations, counted by papers."""
    methods: Counter[str] = Counter()
    for u, _, key, data in graph.in_edges(entity_id(graph.nodes, dataset), keys=True, data=True):
        if key == "evaluated_on":
            methods[u] += max(1, data.get("support", 1))
    return methods


def usage_over_time(graph: nx.MultiDiGraph, entity: str, roles: Iterable[str] = USING_ROLES) -> dict[int, int]:
    """Papers per year with one of `roles` on `entity` (an id or a name)."""
    years: Counter[int] = Counter()
    for paper in papers_with(graph, entity, roles):
        year = graph.nodes[paper].get("year")
        if year:
            years[year] += 1
    return dict(sorted(years.items()))
