"""The precomputed layout: deterministic, no overlapping nodes, stray components kept near the core."""
from __future__ import annotations

import math

from kg.graph.io import read_node_link
from kg.views import ViewOptions, select_view
from kg.views.layout import force_layout, separate
from kg.views.render import node_radius


def _seed_layout(seed_export):
    graph = read_node_link(seed_export / "graph.json")
    shown, _ = select_view(graph, ViewOptions(max_nodes=200))
    kept = set(shown)
    edges = [(u, v, 1.0) for u, v in graph.edges() if u in kept and v in kept]
    return shown, edges


def test_layout_is_deterministic(seed_export):
    nodes, edges = _seed_layout(seed_export)
    assert force_layout(nodes, edges, iterations=20) == force_layout(nodes, edges, iterations=20)


def test_layout_keeps_disconnected_nodes_near_the_core():
    core = [f"c{i}" for i in range(60)]
    edges = [(core[i], core[j], 1.0) for i in range(60) for j in range(i + 1, 60) if (i * j) % 7 == 1]
    strays = ["s1", "s2", "s3"]
    positions = force_layout(core + strays, edges)
    radial = [math.hypot(*positions[n]) for n in core + strays]
    assert max(radial) <= 1.5  # the rim, so fitting the view does not shrink the core to a speck


def test_separated_nodes_do_not_overlap():
    positions = {f"n{i}": (float(i % 5), float(i // 5)) for i in range(40)}  # 1 px apart: all overlap
    radii = {n: node_radius(i * 10) for i, n in enumerate(positions)}
    placed = separate(positions, radii, rounds=200)
    names = list(placed)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            distance = math.dist(placed[a], placed[b])
            assert distance >= radii[a] + radii[b] - 1.0, (a, b, distance)
