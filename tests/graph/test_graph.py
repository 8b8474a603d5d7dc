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
    """The parallel build sends the main process each paper's summary and render instead of its record,
    pickled: the aggregates and everything written from them are the same."""
    import io
    import pickle

    from kg import jsonlines
    from kg.graph.stream import GraphAggregator, PaperExporter, render_paper, summarize

    papers = read_papers(resources.seed_files()[:4])
    records = extract(papers)
    ids = {p.id for p in papers}
    outputs = []
    for way in ("record", "summary", "pickled"):
        nt, nodes, edges = io.BytesIO(), io.StringIO(), io.StringIO()
        aggregator = GraphAggregator(nt=nt, nodes=nodes, edges=edges, paper_ids=ids)
        for paper, record in zip(papers, records):
            if way == "summary":
                aggregator.add(paper, summarize(record), render_paper(paper, record, ids))
            elif way == "pickled":  # as a worker sends it (compact, not the dataclasses' own pickling)
                exported = pickle.loads(pickle.dumps(PaperExporter(ids)(paper, record)))
                assert exported.line == jsonlines.line(record)
                aggregator.add(paper, exported.summary, exported.render)
            else:
                aggregator.add(paper, record)
        graph = aggregator.finish(gazetteer()[0])
        outputs.append((nt.getvalue(), nodes.getvalue(), edges.getvalue(), aggregator.entities,
                        list(aggregator.using), sorted(graph.edges(keys=True))))
    assert outputs[0] == outputs[1] == outputs[2]
    assert any(agg.paper_list for agg in outputs[0][3].values())


def _assert_render_is_the_graph(paper, record, ids):
    import json

    from kg.graph.model import ENTITY_RELATIONS, paper_node
    from kg.graph.stream import render_paper
    from kg.rdf.mapping import graph_paper_lines

    graph = build_graph([paper], [record], kb=False)
    node = paper_node(paper.id)
    for cited in paper.cites:  # citations of other papers of the corpus, as the build adds them
        if cited in ids and cited != paper.id:
            graph.add_node(paper_node(cited), kind="paper", label="", type="Paper")
            graph.add_edge(node, paper_node(cited), key="cites", relation="cites")
    render = render_paper(paper, record, ids)
    assert render.lines.data.decode() == "".join(graph_paper_lines(graph, node, graph.nodes[node]))
    expected_nodes = [(n, {**d, "id": n} if d["kind"] != "entity" else d) for n, d in graph.nodes(data=True)
                      if d["kind"] != "paper" or n == node]
    written = [(n, json.loads(p) if kind == "paper" else json.loads(p[0]) if kind == "shared" else p)
               for kind, n, p in render.nodes]
    assert json.loads(json.dumps(written)) == json.loads(json.dumps(expected_nodes))
    expected_edges = [{**d, "source": u, "target": v, "key": k} for u, v, k, d in graph.edges(keys=True, data=True)
                      if d.get("relation") not in ENTITY_RELATIONS and k not in ENTITY_RELATIONS]
    assert [json.loads(e) for e in render.edges] == expected_edges
    return expected_edges


def test_a_papers_render_is_its_graph_written_out():
    """render_paper writes a paper's part of the exports without building its graph: the same nodes,
    edges and triples as the graph of the paper alone (with its citations, its own included)."""
    import copy
    import dataclasses

    papers = read_papers(resources.seed_files()[2:3])  # 26 papers, with results and multi-role entities
    papers[-1] = dataclasses.replace(papers[-1], cites=[papers[0].id, papers[-1].id, "not-in-the-corpus"])
    ids = {p.id for p in papers}
    records = extract(papers)
    assert any(r["results"] for r in records) and any(len(e["roles"] or []) > 1 for r in records for e in r["entities"])
    for paper, record in zip(papers, records):
        edges = _assert_render_is_the_graph(paper, record, ids)
    assert [(e["source"] == e["target"]) for e in edges if e["key"] == "cites"] == [True, False]
    # a record made by hand may name an entity twice: the graph merges its aliases and attributes
    record = copy.deepcopy(next(r for r in records if r["entities"]))
    record["entities"][0].update(variant_of="method/bert", source="discovered")
    twice = {**copy.deepcopy(record["entities"][0]), "aliases": ["Another Name"], "variant_of": "method/gpt-2",
             "source": "gazetteer"}  # the first values stay
    record["entities"].append(twice)
    _assert_render_is_the_graph(papers[records.index(next(r for r in records if r["entities"]))], record, ids)


def test_graph_a_capped_paper_list_keeps_the_strongest_roles():
    """An entity's paper list (shown in the HTML view) holds at most PAPER_LIST_CAP papers: once full,
    a paper with a stronger role takes the place of the first paper with the weakest role."""
    import copy

    from kg.graph.stream import PAPER_LIST_CAP, GraphAggregator
    from kg.model import Paper

    papers = read_papers(resources.seed_files()[:1])[:5]
    paper, record = next((p, r) for p, r in zip(papers, extract(papers)) if r["entities"])
    entity = record["entities"][0]
    roles = ["mentions"] * PAPER_LIST_CAP + ["uses", "mentions", "proposes", "uses"]
    aggregator = GraphAggregator()
    for number, role in enumerate(roles):
        copied = copy.deepcopy(record)
        copied["entities"] = [dict(copy.deepcopy(entity), role=role, roles=[role])]
        aggregator.add(Paper(id=f"p{number}", title=f"Paper {number}", abstract=paper.abstract), copied)
    kept = aggregator.entities[entity["id"]].paper_list
    assert len(kept) == PAPER_LIST_CAP
    assert [(p["id"], p["role"]) for p in kept[:4]] == [("p60", "uses"), ("p62", "proposes"), ("p63", "uses"),
                                                        ("p3", "mentions")]
    assert all(p["role"] == "mentions" for p in kept[3:])
