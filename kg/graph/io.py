"""The graph as NetworkX node-link JSON (`graph.json`), readable with `networkx.node_link_graph`."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    """Written node by node and edge by edge: the same JSON as `nx.node_link_data`, without a copy of
    the whole graph in memory."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
        for i, (node, data) in enumerate(graph.nodes(data=True)):
            handle.write(("," if i else "") + dumps({**data, "id": node}))
        handle.write('], "edges": [')
        for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
            handle.write(("," if i else "") + dumps({**data, "source": u, "target": v, "key": key}))
        handle.write("]}")


def read_node_link(path: str | Path) -> nx.MultiDiGraph:
    """The graph of a graph.json that `kg build` wrote; anything else is one InputError naming the file."""
    from kg.errors import InputError

    def damaged(reason: str) -> InputError:
        return InputError(f"{path}: not a graph.json written by kg build ({reason}); run kg build again")

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except UnicodeDecodeError as exc:
        raise damaged(f"invalid UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise damaged(f"malformed JSON at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise damaged("no 'nodes' and 'edges' lists")
    bad = next((n for n in data["nodes"] if not isinstance(n, dict) or "id" not in n or "kind" not in n), None)
    if bad is not None:
        raise damaged(f"a node without 'id' or 'kind': {json.dumps(bad, ensure_ascii=False)[:80]}")
    try:
        return nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    except (KeyError, TypeError, ValueError, nx.NetworkXError) as exc:
        raise damaged(f"{type(exc).__name__}: {exc}") from None
