"""The NetworkX model: deterministic ids, typed nodes, evidence on every role edge, analytics."""
from __future__ import annotations

from kg.extract import extract
from kg.extract.gazetteer import gazetteer
from kg.graph import analytics, build_graph
from kg.graph.io import read_node_link
from kg.ingest import read_papers
from kg import resources


def test_graph_same_input_same_ids(tmp_path):
    papers = read_papers(resources.seed_files()[1:2])
    kb = gazetteer()[0]
    first = build_graph(papers, extract(papers), kb)
    second = build_graph(papers, extract(papers), kb)
    assert sorted(first.nodes) == sorted(second.nodes)
    assert sorted(first.edges(keys=True)) == sorted(second.edges(keys=True))


def test_graph_node_link_export_reads_back(seed_export):
    graph = read_node_link(seed_export / "graph.json")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"paper", "entity", "author"} <= kinds
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "paper") == 350
    for _, _, data in graph.edges(data=True):
        if data.get("relation") == "role":
            assert data["support"] == len(data["evidence"]) >= 1
            assert all(e["sentence"] and e["rule"] for e in data["evidence"])


def test_graph_variant_parent_is_a_node(seed_export):
    graph = read_node_link(seed_export / "graph.json")
    assert graph.has_edge("dataset/imagenet-1k", "dataset/imagenet", key="variant_of")


def test_graph_analytics(seed_export):
    graph = read_node_link(seed_export / "graph.json")
    top = analytics.top_entities(graph, "Dataset", n=3)
    assert top[0][0] == "dataset/imagenet"
    assert analytics.counts(graph)["paper"] == 350
    pairs = analytics.co_usage(graph)
    assert pairs and all(a < b for a, b in pairs)
    assert analytics.usage_over_time(graph, "dataset/imagenet") == {}  # the seeds give no years


def test_graph_aggregates_from_a_summary_equal_those_from_the_record():
    """The parallel build sends the main process each paper's summary and render instead of its record:
    the aggregates and everything written from them are the same."""
    import io

    from kg.graph.stream import GraphAggregator, render_paper, summarize

    papers = read_papers(resources.seed_files()[:4])
    records = extract(papers)
    ids = {p.id for p in papers}
    outputs = []
    for by_summary in (False, True):
        nt, nodes, edges = io.StringIO(), io.StringIO(), io.StringIO()
        aggregator = GraphAggregator(nt=nt, nodes=nodes, edges=edges, paper_ids=ids)
        for paper, record in zip(papers, records):
            if by_summary:
                aggregator.add(paper, summarize(record), render_paper(paper, record, ids))
            else:
                aggregator.add(paper, record)
        graph = aggregator.finish(gazetteer()[0])
        outputs.append((nt.getvalue(), nodes.getvalue(), edges.getvalue(), aggregator.entities,
                        list(aggregator.using), sorted(graph.edges(keys=True))))
    assert outputs[0] == outputs[1]
    assert any(agg.paper_list for agg in outputs[0][3].values())
