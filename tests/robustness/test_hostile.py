"""Hostile text goes through the build as text: the RDF stays parseable, SPARQL parameters stay
values, the terminal gets no escape sequences."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib

HOSTILE = [
    '<script>alert("x")</script> "Quoted" Title',
    "Line one\nline two\r\nand a tab\there",
    'SPARQL } UNION { ?s ?p ?o } # " \' . ;',
    "Turtle breakers: \\ \" ''' \"\"\" <> @prefix : . ^^ _:b",
    "RTL \u202eevil\u202c and zero\u200bwidth \u2066isolate\u2069",
    "Terminal \x1b[31mred\x1b[0m \x1b]0;title\x07 bell",
    "Emoji 🤖 and CJK 中文 and a lone surrogate-safe é",
    "Half \ud800 of a UTF-16 pair, and a whole \ud83e\udd16 pair",  # JSON escapes them as \\ud800...
]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from kg.build import build

    folder = tmp_path_factory.mktemp("hostile")
    records = [{"id": f"h{i}", "title": title,
                "abstract": f"We propose {title.split()[0]}Net, a new model. We evaluate on ImageNet and outperform BERT."}
               for i, title in enumerate(HOSTILE)]
    (folder / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = folder / "exports"
    build([folder / "in.jsonl"], out, quiet=True)
    return out


def test_hostile_rdf_stays_parseable(hostile_build):
    graph = rdflib.Graph().parse(hostile_build / "graph.ttl", format="turtle")
    titles = {str(o) for o in graph.objects(predicate=rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert any("<script>" in t for t in titles) and any("UNION" in t for t in titles)
    ox.Store().load(path=str(hostile_build / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    json.loads((hostile_build / "graph.jsonld").read_text(encoding="utf-8"))


def test_hostile_unicode_tricks_are_removed(hostile_build):
    """The cleaned title and abstract lose bidi, zero-width and control characters (the raw text is
    kept as it was, for provenance)."""
    for line in (hostile_build / "papers.jsonl").read_text(encoding="utf-8").splitlines():
        paper = json.loads(line)
        for ch in ("\u202e", "\u200b", "\u2066", "\x1b", "\x07"):
            assert ch not in paper["title"] and ch not in paper["abstract"]
    # a lone half of a UTF-16 pair, which no UTF-8 file can hold, is U+FFFD; a whole pair is its character
    papers = (hostile_build / "papers.jsonl").read_text(encoding="utf-8")
    assert "Half \ufffd of a UTF-16 pair, and a whole \U0001f916 pair" in papers


def test_hostile_cli_output_has_no_escape_sequences(kg, hostile_build):
    for args in (["papers", "--uses", "ImageNet"], ["entity", "ImageNet"], ["stats"],
                 ["sparql", "SELECT ?t WHERE { ?p <http://purl.org/dc/terms/title> ?t }"]):
        for fmt in ("table", "csv", "json"):
            result = kg(*args, "--exports", hostile_build, "--format", fmt)
            assert result.exit_code == 0, result.stderr
            assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout


def test_hostile_sparql_parameter_is_a_value(kg, hostile_build):
    result = kg("sparql", "papers-using", "--param", f"entity={HOSTILE[2]}", "--exports", hostile_build)
    assert result.exit_code == 1 and "No entity named" in result.stderr
    assert "\x1b" not in result.stderr
