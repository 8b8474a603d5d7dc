"""The knowledge graph as a NetworkX MultiDiGraph, built from papers and their extraction records.

    graph = kg.build_graph(papers, records)

Nodes: papers (`paper:<id>`), entities (their canonical ids, `dataset/imagenet-1k`), authors
(`author/<slug>`), venues (`venue/<slug>`) and years (`year/2017`). Edges: a paper's role on an
entity (key = role, with every evidence mention and a support count), entity-to-entity relations
(variant_of, part_of, evaluated_on, for_task, metric_for, based_on, compared_with,
trained_on, dataset_for), authorship, venue, year and
citations. Node ids depend only on the input, so the same input gives the same graph.
"""
from kg.graph.model import build_graph

__all__ = ["build_graph"]
