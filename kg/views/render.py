"""Choosing the nodes of a view, laying them out, and writing the HTML.

The page is `assets/template.html` with vis-network (shipped inside the pyvis package), the app's
script and styles, and the data inlined; every text from the input reaches the page as JSON data
that the app puts in the DOM as text, so a title like `<script>` shows as text. Positions are
computed here (NetworkX spring layout) so the page is stable as soon as it draws.
"""
from __future__ import annotations

import html
import json
import math
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from kg import resources
from kg.errors import UsageError

ROLE_ORDER = ("proposes", "uses", "evaluates_on", "compares_with", "addresses", "reports", "mentions")
USING = set(ROLE_ORDER) - {"mentions"}
_PLACEHOLDERS = re.compile(r"/\*VIS_CSS\*/|/\*APP_CSS\*/|/\*VIS_JS\*/|/\*APP_JS\*/|/\*KG_DATA\*/|__KG_TITLE__")


@dataclass
class ViewOptions:
    focus: str | None = None  # an entity: its id or its name
    hops: int = 1
    types: tuple[str, ...] = ()
    min_papers: int = 1
    max_nodes: int | None = None
    title: str = "kg: papers, methods, datasets, tasks and metrics"


@lru_cache(maxsize=None)
def styles() -> dict[str, Any]:
    return json.loads(files("kg.views").joinpath("styles.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return files("kg.views").joinpath("assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _vis(name: str) -> str:
    """vis-network's file from the installed pyvis package (never a CDN)."""
    return files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")


@dataclass
class ViewSource:
    """What a view needs: entities with their aggregates, entity-to-entity relations, and each
    paper's entities (for 'used together' edges). Built from a whole graph or while streaming."""

    entities: dict[str, dict[str, Any]]  # id -> label, type, papers, aliases, roles, paper_list, evidence
    relations: list[tuple[str, str, str, int]]  # (from, to, kind, support)
    paper_entities: Callable[[], Iterable[list[str]]]
    total_edges: int = 0

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph) -> "ViewSource":
        entities: dict[str, dict[str, Any]] = {}
        for node, data in graph.nodes(data=True):
            if data["kind"] != "entity":
                continue
            roles: Counter[str] = Counter()
            papers: dict[str, dict[str, Any]] = {}
            best: tuple[float, str] | None = None
            for paper, _, role, edge in graph.in_edges(node, keys=True, data=True):
                if edge.get("relation") != "role":
                    continue
                roles[role] += 1
                evidence = max(edge.get("evidence", []), key=lambda e: e["confidence"], default=None)
                sentence = evidence["sentence"] if evidence else None
                item = papers.setdefault(paper, {"id": graph.nodes[paper]["paper_id"],
                                                 "title": graph.nodes[paper]["title"], "role": role,
                                                 "evidence": sentence})
                if ROLE_ORDER.index(role) < ROLE_ORDER.index(item["role"]):
                    item["role"], item["evidence"] = role, sentence
                if evidence and (best is None or evidence["confidence"] > best[0]):
                    best = (evidence["confidence"], sentence)
            entities[node] = {"label": data["label"], "type": data["type"], "papers": data.get("papers", 0),
                              "aliases": list(data.get("aliases", [])), "roles": dict(roles),
                              "paper_list": list(papers.values()), "evidence": best[1] if best else None}
        relations = [(u, v, key, max(1, data.get("support", 1))) for u, v, key, data in graph.edges(keys=True, data=True)
                     if key in RELATION_KINDS and u in entities and v in entities]

        def paper_entities() -> Iterable[list[str]]:
            for node, data in graph.nodes(data=True):
                if data["kind"] == "paper":
                    yield sorted({v for _, v, d in graph.out_edges(node, data=True)
                                  if d.get("relation") == "role" and d.get("role") in USING})

        return cls(entities, relations, paper_entities, graph.number_of_edges())

    @classmethod
    def from_aggregator(cls, aggregator, entity_graph: nx.MultiDiGraph) -> "ViewSource":
        entities = {}
        for node, data in entity_graph.nodes(data=True):
            agg = aggregator.entities.get(node)
            entities[node] = {"label": data["label"], "type": data["type"], "papers": data.get("papers", 0),
                              "aliases": list(data.get("aliases", [])),
                              "roles": dict(agg.roles) if agg else {},
                              "paper_list": list(agg.paper_list) if agg else [],
                              "evidence": agg.evidence[1] if agg and agg.evidence else None}
        relations = [(u, v, key, max(1, data.get("support", 1))) for u, v, key, data in entity_graph.edges(keys=True, data=True)
                     if key in RELATION_KINDS]
        return cls(entities, relations, aggregator.paper_entities, aggregator.total_edges)


RELATION_KINDS = ("variant_of", "part_of", "evaluated_on", "for_task", "metric_for", "based_on", "compared_with",
                  "trained_on", "dataset_for")


def _checked(options: ViewOptions, source: ViewSource) -> ViewOptions:
    """The options with the focus as an entity id and the types as a tuple; UsageError or NotFound for
    values that would give an empty or wrong view (the checks `kg view` makes, for API callers too)."""
    from kg.graph.analytics import ENTITY_TYPES, entity_id

    types = (options.types,) if isinstance(options.types, str) else tuple(options.types)
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise UsageError(f"unknown type {unknown[0]!r} (one of: {', '.join(ENTITY_TYPES)})")
    for name, value, least in (("hops", options.hops, 1), ("min_papers", options.min_papers, 0),
                               ("max_nodes", options.max_nodes, 1)):
        if value is not None and value < least:
            raise UsageError(f"{name} must be at least {least}, not {value}")
    focus = entity_id(source.entities, options.focus) if options.focus else None
    return replace(options, focus=focus, types=types)


def select_view(source: ViewSource | nx.MultiDiGraph, options: ViewOptions) -> tuple[list[str], str | None]:
    """The entities to show, and a note on what was left out (None when nothing was)."""
    if isinstance(source, nx.MultiDiGraph):
        source = ViewSource.from_graph(source)
    options = _checked(options, source)
    entities = list(source.entities)
    reasons = []  # what left entities out, in the order the filters apply
    if options.types:
        wanted = set(options.types) | ({"Benchmark"} if "Dataset" in options.types else set())
        entities = [n for n in entities if source.entities[n]["type"] in wanted]
        if len(entities) < len(source.entities):
            reasons.append(f"types {', '.join(options.types)}")
    before = len(entities)
    entities = [n for n in entities if source.entities[n]["papers"] >= options.min_papers
                or (options.focus and n == options.focus)]
    if len(entities) < before:
        reasons.append(f"in at least {options.min_papers:,} papers" if options.min_papers > 1
                       else "named by a paper")
    if options.focus:
        keep = {options.focus}
        frontier = {options.focus}
        allowed = set(entities)
        neighbours: dict[str, set[str]] = {}
        for ids in source.paper_entities():
            for a in ids:
                neighbours.setdefault(a, set()).update(ids)
        for u, v, _, _ in source.relations:
            neighbours.setdefault(u, set()).add(v)
            neighbours.setdefault(v, set()).add(u)
        for _ in range(max(options.hops, 1)):
            nxt = set().union(*(neighbours.get(n, set()) for n in frontier)) if frontier else set()
            nxt = (nxt & allowed) - keep
            keep |= nxt
            frontier = nxt
        before = len(entities)
        entities = [n for n in entities if n in keep]
        if len(entities) < before:
            reasons.append(f"within {options.hops} hop{'s' if options.hops != 1 else ''} of the focus")
    total = len(source.entities)
    limit = options.max_nodes or styles()["default_max_nodes"]
    degree: Counter[str] = Counter()
    for u, v, _, _ in source.relations:
        degree[u] += 1
        degree[v] += 1
    ranked = sorted(entities, key=lambda n: (n != options.focus, -source.entities[n]["papers"], -degree[n], n))
    shown = ranked[:limit]
    note = None
    if len(shown) < total:
        left = total - len(shown)
        limited = len(ranked) > limit  # (--max-nodes shows more only when the limit left some out)
        filters = list(reasons)
        if limited:
            reasons.append(f"the {limit:,} most connected")
        note = (f"Showing {len(shown):,} of {total:,} entities ({'; '.join(reasons)}); "
                f"{left:,} {'is' if left == 1 else 'are'} left out.")
        if limited:
            note += (f" Raise --max-nodes to {len(ranked)} to see {_all_of(len(ranked), total, filters)}"
                     + ("." if options.focus else ", or give --focus NAME for one entity's neighbourhood."))
    return shown, note


def _all_of(kept: int, total: int, filters: list[str]) -> str:
    """What a view of every entity the filters keep shows: all of them, or which ones (the default
    view leaves out the entities no paper names, which a larger --max-nodes does not bring in)."""
    if kept == total:
        return "all of them"
    if filters == ["named by a paper"]:
        return f"all {kept:,} named by a paper (`--min-papers 0` adds the {total - kept:,} named by none)"
    return f"all {kept:,} that the other options keep ({'; '.join(filters)})"


def _edges(source: ViewSource, shown: list[str]) -> list[dict[str, Any]]:
    keep = set(shown)
    edges: list[dict[str, Any]] = []
    for u, v, key, support in source.relations:
        if u in keep and v in keep:
            edges.append({"from": u, "to": v, "kind": key, "weight": support, "label": key.replace("_", " ")})
    co: Counter[tuple[str, str]] = Counter()
    for ids in source.paper_entities():
        used = sorted(i for i in ids if i in keep)
        if len(used) > 1:
            co.update(combinations(used, 2))
    per_node: Counter[str] = Counter()
    cap = styles()["max_co_used_edges_per_node"]
    for (a, b), weight in sorted(co.items(), key=lambda kv: (-kv[1], kv[0])):
        if per_node[a] >= cap and per_node[b] >= cap:
            continue
        per_node[a] += 1
        per_node[b] += 1
        edges.append({"from": a, "to": b, "kind": "co-used", "weight": weight, "label": None})
    return edges


def _layout(shown: list[str], edges: list[dict[str, Any]], sizes: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Positions in page pixels, spread so that nodes (of the app's sizes) rarely overlap."""
    from kg.views.layout import force_layout, separate

    weighted = [(e["from"], e["to"], 1.0 + math.log1p(e["weight"])) for e in edges]
    positions = force_layout(shown, weighted, iterations=60 if len(shown) <= 800 else 40)
    scale = 120 * math.sqrt(max(len(shown), 1))
    pixels = {n: (x * scale, y * scale) for n, (x, y) in positions.items()}
    pixels = separate(pixels, sizes)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pixels.items()}


def node_radius(papers: int) -> float:
    """The radius the app draws a node with (app.js: 10 + 6 * sqrt(papers), capped at 48)."""
    return min(10 + 6 * math.sqrt(max(papers, 0)), 48)


def _node_data(source: ViewSource, node: str, neighbours: list[str]) -> dict[str, Any]:
    data = source.entities[node]
    cap = styles()["max_papers_per_node"]
    paper_list = sorted(data["paper_list"], key=lambda p: (ROLE_ORDER.index(p["role"]), p["title"].lower()))[:cap]
    return {"id": node, "label": data["label"], "type": data["type"], "papers": data["papers"],
            "aliases": list(data["aliases"])[:12], "roles": data["roles"], "evidence": data["evidence"],
            "paper_list": paper_list, "neighbours": neighbours}


def view_data(source: ViewSource | nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    if isinstance(source, nx.MultiDiGraph):
        source = ViewSource.from_graph(source)
    shown, note = select_view(source, options)
    # small nodes first, so that the page draws the big ones on top where they can be clicked
    shown = sorted(shown, key=lambda n: (source.entities[n]["papers"], n))
    edges = _edges(source, shown)
    positions = _layout(shown, edges, {n: node_radius(source.entities[n]["papers"]) for n in shown})
    neighbours: dict[str, list[str]] = {n: [] for n in shown}
    for edge in edges:
        neighbours[edge["from"]].append(edge["to"])
        neighbours[edge["to"]].append(edge["from"])
    nodes = []
    for node in shown:
        item = _node_data(source, node, sorted(set(neighbours[node]))[:40])
        item["x"], item["y"] = positions.get(node, (None, None))
        nodes.append(item)
    types = {t: s for t, s in styles()["types"].items() if any(n["type"] == t for n in nodes)}
    return {"meta": {"title": options.title, "generated": _generated_at(),
                     "total_nodes": len(source.entities), "shown_nodes": len(nodes),
                     "total_edges": source.total_edges, "shown_edges": len(edges),
                     "omitted_note": note, "layout": "precomputed"},
            "types": types, "nodes": nodes, "edges": edges}


def _generated_at() -> str:
    """The page's date stamp: now, or SOURCE_DATE_EPOCH (UTC) when set, for byte-reproducible builds."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        try:
            return time.strftime("%Y-%m-%d %H:%M", time.gmtime(int(fixed)))
        except (OverflowError, OSError, ValueError):
            pass  # not a date this platform can show: today's date, as without the variable
    return time.strftime("%Y-%m-%d %H:%M")


def _json_for_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(data: dict[str, Any]) -> str:
    parts = {
        "/*VIS_CSS*/": _vis("vis-network.css"),
        "/*APP_CSS*/": _asset("app.css"),
        "/*VIS_JS*/": _vis("vis-network.min.js"),
        "/*APP_JS*/": _asset("app.js"),
        "/*KG_DATA*/": _json_for_script(data),
        "__KG_TITLE__": html.escape(data["meta"]["title"]),
    }
    return _PLACEHOLDERS.sub(lambda m: parts[m.group()], _asset("template.html"))


def render_view(source: ViewSource | nx.MultiDiGraph, options: ViewOptions, path: str | Path) -> dict[str, Any]:
    """Write the view to `path`; returns its data (for the counts)."""
    data = view_data(source, options)
    from kg.atomic import atomic_write

    with atomic_write(path) as handle:
        handle.write(render_html(data))
    return data


def render_default(source: ViewSource | nx.MultiDiGraph, path: str | Path) -> dict[str, Any]:
    return render_view(source, ViewOptions(), path)
