"""The graph as NetworkX node-link JSON (`graph.json`), readable with `networkx.node_link_graph`."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    data = nx.node_link_data(graph, edges="edges")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, default=str)


def read_node_link(path: str | Path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as handle:
        return nx.node_link_graph(json.load(handle), edges="edges", multigraph=True, directed=True)
