"""Node positions for the views: a Fruchterman-Reingold force layout in numpy (dense, vectorised),
computed once when the page is written so that the browser draws a stable layout at once."""
from __future__ import annotations

import math

import numpy as np


def force_layout(nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 60,
                 seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]^2; `edges` are (from, to, weight). Deterministic for a given input."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    adjacency = np.zeros((n, n), dtype=np.float32)
    for u, v, w in edges:
        if u in index and v in index and u != v:
            adjacency[index[u], index[v]] += w
            adjacency[index[v], index[u]] += w
    k = 3.0 / math.sqrt(n)  # the ideal distance between nodes
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        distance = _distances(pos)
        np.clip(distance, 0.01, None, out=distance)
        # repulsion k^2/d between every pair, attraction d^2/k along weighted edges
        force = (k * k / distance ** 2) - (adjacency * distance / k)
        np.fill_diagonal(force, 0.0)
        displacement = _pull(force, pos)
        length = np.sqrt((displacement ** 2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= np.median(pos, axis=0)
    scale = float(np.percentile(np.abs(pos), 95)) or 1.0  # a few far outliers must not squeeze the core
    pos /= scale
    # Small components drift far from the core under pure repulsion: bring them to its rim so
    # that fitting the whole view does not shrink the core to a speck.
    radial = np.sqrt((pos ** 2).sum(axis=1))
    rim = 1.25
    far = radial > rim
    if far.any():
        pos[far] *= (rim + 0.1 * np.tanh(radial[far] - rim))[:, None] / radial[far][:, None]
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}


def separate(positions: dict[str, tuple[float, float]], radii: dict[str, float], rounds: int = 30
             ) -> dict[str, tuple[float, float]]:
    """Push apart overlapping nodes (pairs closer than the sum of their radii plus a margin)."""
    nodes = list(positions)
    if len(nodes) < 2:
        return positions
    pos = np.array([positions[n] for n in nodes], dtype=float)
    radius = np.array([radii.get(n, 10.0) for n in nodes]) + 6.0
    needed = radius[:, None] + radius[None, :]
    np.fill_diagonal(needed, 0.0)
    for _ in range(rounds):
        distance = _distances(pos)
        overlap = np.clip(needed - distance, 0.0, None)
        if not overlap.any():
            break
        pos += _pull(overlap / (2.0 * np.clip(distance, 0.01, None)), pos)
    return {n: (float(pos[i, 0]), float(pos[i, 1])) for i, n in enumerate(nodes)}


def _distances(pos: np.ndarray) -> np.ndarray:
    """Pairwise distances, from |a|^2 + |b|^2 - 2ab (no n x n x 2 array of differences)."""
    squared = (pos ** 2).sum(axis=1)
    gram = squared[:, None] + squared[None, :] - 2.0 * (pos @ pos.T)
    np.clip(gram, 0.0, None, out=gram)
    return np.sqrt(gram)


def _pull(weights: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """sum_j weights[i, j] * (pos[i] - pos[j]) for every i, as two matrix products."""
    return pos * weights.sum(axis=1)[:, None] - weights @ pos
