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
    with open(path, encoding="utf-8") as handle:
        return nx.node_link_graph(json.load(handle), edges="edges", multigraph=True, directed=True)
