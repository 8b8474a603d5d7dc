"""The ontology, the shapes and the exports: namespace in sync, Turtle round trip, SHACL."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDFS

from kg import resources
from kg.rdf.namespace import KG, ONTOLOGY

ONTOLOGY_GRAPH = rdflib.Graph().parse(resources.ontology_path("kg.ttl"))


def test_rdf_namespace_matches_the_ontology():
    defined = {str(s)[len(ONTOLOGY):] for s in ONTOLOGY_GRAPH.subjects() if str(s).startswith(ONTOLOGY)} - {""}
    in_code = set(KG.__annotations__)
    assert in_code == defined


def test_rdf_every_term_has_label_and_comment():
    for name in KG.__annotations__:
        term = rdflib.URIRef(ONTOLOGY + name)
        assert ONTOLOGY_GRAPH.value(term, RDFS.label), name
        assert ONTOLOGY_GRAPH.value(term, RDFS.comment), name


def test_rdf_turtle_round_trip_two_parsers(seed_export):
    """graph.ttl read by rdflib and by Oxigraph gives the same triples as graph.nt."""
    from_rdflib = rdflib.Graph().parse(seed_export / "graph.ttl", format="turtle")
    store = ox.Store()
    store.load(path=str(seed_export / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    nt_lines = {line for line in (seed_export / "graph.nt").read_text(encoding="utf-8").splitlines() if line}
    from_oxigraph = {f"{q.subject} {q.predicate} {q.object} ." for q in store}
    assert len(from_rdflib) == len(from_oxigraph) == len(nt_lines)
    assert from_oxigraph == nt_lines
    nt_graph = rdflib.Graph().parse(seed_export / "graph.nt", format="nt")
    assert set(from_rdflib) == set(nt_graph)


def test_rdf_evidence_nodes_have_ten_triples_none_repeating_another(seed_export):
    """Evidence is most of a large export: each node states the reified assertion, the sentence, the
    field, offsets, rule and confidence once each (the paper is its rdf:subject, not restated)."""
    from collections import defaultdict

    graph = rdflib.Graph().parse(seed_export / "graph.nt", format="nt")
    predicates = defaultdict(list)
    for s, p, _ in graph:
        if str(s).startswith("https://w3id.org/paper-kg/id/evidence/"):
            predicates[s].append(p)
    assert predicates
    names = {"type", "subject", "predicate", "object", "sentence", "field", "start", "end", "rule", "confidence"}
    for found in predicates.values():
        assert len(found) == 10 and {str(p).rsplit("#", 1)[-1] for p in found} == names


def _shapes():
    return rdflib.Graph().parse(resources.ontology_path("shapes.ttl"))


def _validate(graph):
    import pyshacl

    conforms, _, text = pyshacl.validate(graph, shacl_graph=_shapes(), inference="none")
    return conforms, text


def test_rdf_seed_export_conforms_to_the_shapes(seed_export):
    conforms, text = _validate(rdflib.Graph().parse(seed_export / "graph.nt", format="nt"))
    assert conforms, text[:2000]


GOOD = """
@prefix kg: <https://w3id.org/paper-kg/ontology#> . @prefix kgr: <https://w3id.org/paper-kg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/paper-kg/id/paper/p1> a kg:Paper ; dcterms:title "A paper" ; kg:paperId "p1" ; kg:source "a.jsonl:1" ; kg:uses <https://w3id.org/paper-kg/id/dataset/x> .
<https://w3id.org/paper-kg/id/dataset/x> a kg:Dataset ; skos:prefLabel "X" ; kg:entityId "dataset/x" .
<https://w3id.org/paper-kg/id/method/m> a kg:Method ; skos:prefLabel "M" ; kg:entityId "method/m" .
<https://w3id.org/paper-kg/id/evidence/0123456789abcdef> a kg:Evidence ; rdf:subject <https://w3id.org/paper-kg/id/paper/p1> ; rdf:predicate kg:uses ; rdf:object <https://w3id.org/paper-kg/id/dataset/x> ;
  kg:sentence "We use X." ; kg:field "abstract" ; kg:start 7 ; kg:end 8 ; kg:rule "gazetteer" ;
  kg:confidence "0.9"^^xsd:decimal .
"""


@pytest.mark.parametrize("broken, why", [
    (GOOD.replace('dcterms:title "A paper" ;', ""), "a paper without a title"),
    (GOOD.replace('"0.9"^^xsd:decimal', '"1.5"^^xsd:decimal'), "a confidence above 1"),
    (GOOD.replace('skos:prefLabel "X" ;', ""), "an entity without a name"),
    (GOOD.replace("kg:uses <https://w3id.org/paper-kg/id/dataset/x>", "kg:evaluatesOn <https://w3id.org/paper-kg/id/method/m>"), "evaluating on a method"),
    (GOOD.replace('kg:field "abstract"', 'kg:field "footnote"'), "an unknown field"),
])
def test_rdf_broken_graphs_violate_the_shapes(broken, why):
    assert _validate(rdflib.Graph().parse(data=GOOD, format="turtle"))[0], "the good graph must conform"
    conforms, _ = _validate(rdflib.Graph().parse(data=broken, format="turtle"))
    assert not conforms, why
