"""The Python API as a notebook uses it (findings of a review from a notebook user's side)."""
from __future__ import annotations

import json

import pytest

import kg
from kg.build import build
from kg.extract import extract
from kg.query import ask, papers_with

RESNET = {"id": "P1", "title": "ResNets on ImageNet", "abstract": "We train ResNet-50 on ImageNet and COCO."}
SEGMENTER = {"id": "P2", "title": "Segmenting streets", "abstract": "We evaluate DeepLab on Cityscapes."}


def write(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_api_queries_after_a_rebuild_in_the_same_session(tmp_path):
    """The entity index was cached by folder name: after a rebuild, questions answered from the old one."""
    out = tmp_path / "exports"
    build(write(tmp_path / "a.jsonl", RESNET), out, quiet=True, html=False)
    assert [row[0] for row in ask(out, "which papers use ImageNet?").rows] == ["P1"]
    build(write(tmp_path / "b.jsonl", SEGMENTER), out, quiet=True, html=False)
    assert [row[0] for row in papers_with(str(out), "Cityscapes", role="any")[1].rows] == ["P2"]
    with pytest.raises(kg.NotFound):
        ask(out, "which papers use ImageNet?")


def test_api_takes_one_path_and_any_iterable(tmp_path):
    """kg.read_papers("file") read the characters of the name as files; extract(generator) returned []."""
    path = write(tmp_path / "a.jsonl", RESNET, SEGMENTER)
    papers = kg.read_papers(str(path))
    assert [p.id for p in papers] == ["P1", "P2"] == [p.id for p in kg.read_papers(path)]
    records = extract(p for p in papers)
    assert [r["id"] for r in records] == ["P1", "P2"] and records[0]["entities"]
    # records as dicts are read as papers_from_records reads them (a user trial: a TypeError naming "str")
    assert extract(RESNET) == extract([RESNET]) == extract(kg.papers_from_records([RESNET]))
    assert kg.papers_from_records(RESNET) == kg.papers_from_records([RESNET])
    for bad, name in ((5, "int"), ("a title", "str"), ([papers[0], "a title"], "str")):
        with pytest.raises(kg.UsageError, match=f"kg.Paper records .* not {name}"):
            extract(bad)
    with pytest.raises(kg.UsageError, match="not a mix of the two"):
        extract([papers[0], RESNET])
    for bad in ({"jobs": 0}, {"engine": "bogus"}):
        with pytest.raises(kg.UsageError):
            extract(papers, **bad)


def test_api_extract_takes_one_paper():
    """extract(paper) raised "TypeError: 'Paper' object is not iterable"; one paper is a list of one,
    as read_papers takes one path."""
    (paper,) = kg.papers_from_records([RESNET])
    records = extract(paper)
    assert [r["id"] for r in records] == ["P1"]
    assert records == extract([paper])


def test_api_graph_has_the_gazetteer_and_checks_its_records(tmp_path):
    """build_graph without kb= left out the gazetteer's names and ids (a poorer graph than kg build's),
    and records in another order gave papers each other's entities."""
    papers = kg.read_papers(write(tmp_path / "a.jsonl", RESNET, SEGMENTER))
    records = extract(papers)
    graph = kg.build_graph(papers, records)
    assert "MS COCO" in graph.nodes["dataset/coco"]["aliases"] and graph.nodes["dataset/coco"]["pwc"] == "coco"
    assert graph.has_edge("method/resnet-50", "method/resnet", key="variant_of")  # an ancestor no paper names
    with pytest.raises(ValueError, match="records do not match papers"):
        kg.build_graph(papers, list(reversed(records)))
    with pytest.raises(ValueError):
        kg.build_graph(papers, records[:1])
    stats = kg.write_rdf(graph, str(tmp_path / "rdf" / "new"))
    assert stats.files["graph.ttl"] > 0


def test_api_analytics_and_views_take_names_and_check_options(tmp_path):
    """Names gave empty answers (papers_with(graph, "ImageNet") was set()) and an empty view page;
    types="Datasets" or hops=0 were accepted silently."""
    from kg.graph import analytics

    papers = kg.read_papers(write(tmp_path / "a.jsonl", RESNET, SEGMENTER))
    graph = kg.build_graph(papers, extract(papers))
    assert analytics.papers_with(graph, "imagenet") == analytics.papers_with(graph, "dataset/imagenet") == {"paper:P1"}
    assert analytics.papers_with(graph, "City-scapes") == {"paper:P2"}
    with pytest.raises(kg.NotFound):
        analytics.papers_with(graph, "Nope-9000")
    assert analytics.top_entities(graph, "datasets") == analytics.top_entities(graph, "Dataset")  # as kg top
    with pytest.raises(kg.UsageError):
        analytics.top_entities(graph, "Gadgets")
    data = kg.render_view(graph, kg.ViewOptions(focus="Cityscapes", types="Dataset"), tmp_path / "v.html")
    assert data["meta"]["shown_nodes"] >= 1
    for bad in (kg.ViewOptions(types=("Datasets",)), kg.ViewOptions(hops=0), kg.ViewOptions(focus="Nope-9000")):
        with pytest.raises(kg.KGError):
            kg.render_view(graph, bad, tmp_path / "w.html")
    assert not (tmp_path / "w.html").exists()


def test_api_papers_from_records_in_memory():
    """A notebook's dicts become papers as a file's records do: cleaned, given ids, merged."""
    from kg.ingest.ids import title_hash

    papers = kg.papers_from_records([RESNET, {"title": "CNNs &amp; Transformers", "abstract": "We reach 84.5\\% on X."},
                                     {**RESNET, "abstract": ""}])
    assert [p.id for p in papers] == ["P1", f"title:{title_hash('CNNs & Transformers')}"]
    assert (papers[1].title, papers[1].abstract) == ("CNNs & Transformers", "We reach 84.5% on X.")
    assert len(papers[0].sources) == 2 and papers[0].sources[0].file == "records"
    assert [r["id"] for r in extract(papers)] == [p.id for p in papers]
    with pytest.raises(kg.InputError, match="records:2: record has no title"):
        kg.papers_from_records([RESNET, {"abstract": "no title"}])
    with pytest.raises(kg.InputError, match="records:1: a record is a dict"):
        kg.papers_from_records(["A title"])


def test_api_entity_names_prefer_names_and_refuse_ambiguity():
    from kg.graph.analytics import entity_id

    entities = {"method/sgd": {"kind": "entity", "label": "SGD", "aliases": ["stochastic gradient descent"]},
                "dataset/sgd": {"kind": "entity", "label": "Schema-Guided Dialogue", "aliases": ["SGD"]},
                "task/x": {"kind": "entity", "label": "X", "aliases": ["shared"]},
                "task/y": {"kind": "entity", "label": "Y", "aliases": ["shared"]}}
    assert entity_id(entities, "sgd") == "method/sgd"  # its name, before another entity's alias
    assert entity_id(entities, "Schema Guided Dialogue") == "dataset/sgd"
    with pytest.raises(kg.UsageError, match="names several entities: task/x, task/y"):
        entity_id(entities, "Shared")


def test_the_public_names_are_listed_for_tab_completion():
    """A user trial: dir(kg) listed none of the lazily resolved functions, so IPython and Jupyter
    offered none of them."""
    import kg

    assert set(kg.__all__) <= set(dir(kg))
    assert "import_module" not in dir(kg)
