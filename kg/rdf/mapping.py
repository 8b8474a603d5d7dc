"""The graph as RDF, written as N-Triples lines directly (fast, streaming, no triple objects).

Role assertions are plain triples (`<paper> kg:uses <entity>`), so that any SPARQL engine can query
them; the evidence behind each one is a reified statement: a `kg:Evidence` node with
`rdf:subject/predicate/object`, the sentence, the field and offsets, the rule and a confidence. The
cost of the evidence, in triples and bytes, is reported by `kg build`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

from kg.rdf.iris import evidence_iri, node_iri, paper_iri, result_iri
from kg.rdf.namespace import KG, RELATION_PROPERTIES, ROLE_PROPERTIES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
WIKIDATA = "http://www.wikidata.org/entity/"

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return "\\uFFFD"  # a lone surrogate cannot be written as UTF-8
    return f"\\u{ord(ch):04X}"


def literal(value: object, datatype: str | None = None) -> str:
    text = _NEEDS_ESCAPE.sub(_escape, str(value))
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def decimal(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return literal(text if text not in ("", "-") else "0", XSD + "decimal")


def iri(value: str) -> str:
    return f"<{value}>"


def t(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


ENTITY_CLASS = {"Method": KG.Method, "Dataset": KG.Dataset, "Benchmark": KG.Benchmark, "Task": KG.Task,
                "Metric": KG.Metric}


def triples(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Every triple of a whole graph as an N-Triples line, in a deterministic order."""
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data["kind"]
        if kind == "paper":
            yield from paper_lines(graph, node, data)
        elif kind == "entity":
            yield from entity_lines(graph, node, data)
        elif kind in ("author", "venue"):
            yield from author_or_venue_lines(node, data)


def author_or_venue_lines(node: str, data: dict) -> Iterator[str]:
    s = iri(node_iri(node))
    yield t(s, iri(RDF_TYPE), iri(KG.Author if data["kind"] == "author" else KG.Venue))
    yield t(s, iri(SCHEMA + "name"), literal(data["label"]))


def paper_lines(graph: nx.MultiDiGraph, node: str, data: dict) -> Iterator[str]:
    """A paper's triples: metadata, roles with their evidence, results. `graph` holds at least the
    paper's own edges and entities."""
    paper_id = data["paper_id"]
    s = iri(paper_iri(paper_id))
    yield t(s, iri(RDF_TYPE), iri(KG.Paper))
    yield t(s, iri(DCTERMS + "title"), literal(data["title"]))
    yield t(s, iri(KG.paperId), literal(paper_id))
    if data.get("abstract"):
        yield t(s, iri(DCTERMS + "abstract"), literal(data["abstract"]))
    if data.get("year"):
        yield t(s, iri(KG.year), literal(f"{data['year']:04d}", XSD + "gYear"))
    if data.get("listed"):
        yield t(s, iri(KG.listed), literal(data["listed"], XSD + "gMonthDay"))
    for key, prop in (("doi", KG.doi), ("arxiv_id", KG.arxivId)):
        if data.get(key):
            yield t(s, iri(prop), literal(data[key]))
    if data.get("url"):
        yield t(s, iri(SCHEMA + "url"), literal(data["url"]))
    for source in dict.fromkeys(data.get("sources", [])):
        yield t(s, iri(KG.source), literal(source))
    for _, target, key, edge in sorted(graph.out_edges(node, keys=True, data=True), key=lambda e: (e[1], e[2])):
        o = iri(node_iri(target))
        if key == "author":
            yield t(s, iri(DCTERMS + "creator"), o)
        elif key == "venue":
            yield t(s, iri(KG.venue), o)
        elif key == "cites":
            yield t(s, iri(KG.cites), o)
        elif edge.get("relation") == "role":
            prop = ROLE_PROPERTIES[key]
            yield t(s, iri(prop), o)
            for ev in edge.get("evidence", []):
                e = iri(evidence_iri(paper_id, key, target, ev["field"], ev["start"], ev["end"]))
                yield t(e, iri(RDF_TYPE), iri(KG.Evidence))
                yield t(e, iri(RDF_SUBJECT), s)
                yield t(e, iri(RDF_PREDICATE), iri(prop))
                yield t(e, iri(RDF_OBJECT), o)
                yield t(e, iri(KG.sentence), literal(ev["sentence"] or ev["text"]))
                yield t(e, iri(KG.field), literal(ev["field"]))
                yield t(e, iri(KG.start), literal(ev["start"], XSD + "integer"))
                yield t(e, iri(KG.end), literal(ev["end"], XSD + "integer"))
                yield t(e, iri(KG.rule), literal(ev["rule"] if not ev.get("role_rule") else f"{ev['rule']}+{ev['role_rule']}"))
                yield t(e, iri(KG.confidence), decimal(min(max(ev["confidence"], 0.0), 1.0)))
                yield t(e, iri(PROV_DERIVED), s)
    for index, result in enumerate(data.get("results", [])):
        r = iri(result_iri(paper_id, index))
        yield t(s, iri(KG.hasResult), r)
        yield t(r, iri(RDF_TYPE), iri(KG.Result))
        yield t(r, iri(KG.value), decimal(result["value"]))
        if result.get("unit"):
            yield t(r, iri(KG.unit), literal(result["unit"]))
        yield t(r, iri(KG.resultKind), literal(result["kind"]))
        for slot, prop, types in (("method_id", KG.resultMethod, ("Method",)),
                                  ("dataset_id", KG.resultDataset, ("Dataset", "Benchmark")),
                                  ("metric_id", KG.resultMetric, ("Metric",))):
            target = result.get(slot)
            if target and target in graph and graph.nodes[target].get("type") in types:
                yield t(r, iri(prop), iri(node_iri(target)))
        yield t(r, iri(KG.evidenceText), literal(result["sentence"]))


def entity_lines(graph: nx.MultiDiGraph, node: str, data: dict) -> Iterator[str]:
    """An entity's triples and its relations to other entities of `graph`."""
    s = iri(node_iri(node))
    yield t(s, iri(RDF_TYPE), iri(ENTITY_CLASS[data["type"]]))
    yield t(s, iri(SKOS + "prefLabel"), literal(data["label"]))
    yield t(s, iri(KG.entityId), literal(node))
    for alias in sorted(set(data.get("aliases", [])) - {data["label"]}):
        yield t(s, iri(SKOS + "altLabel"), literal(alias))
    yield t(s, iri(KG.discovered), literal("true" if data.get("discovered") else "false", XSD + "boolean"))
    yield t(s, iri(KG.paperCount), literal(data.get("papers", 0), XSD + "integer"))
    if data.get("wikidata"):
        yield t(s, iri(KG.wikidata), iri(WIKIDATA + data["wikidata"]))
    if data.get("pwc"):
        yield t(s, iri(KG.pwc), literal(data["pwc"]))
    for _, target, key in sorted(graph.out_edges(node, keys=True), key=lambda e: (e[1], e[2])):
        prop = RELATION_PROPERTIES.get(key)
        if prop is not None and graph.nodes[target]["kind"] == "entity":
            yield t(s, iri(prop), iri(node_iri(target)))
