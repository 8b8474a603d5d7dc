"""The graph as RDF, written as N-Triples lines directly (fast, streaming, no triple objects).

Role assertions are plain triples (`<paper> kg:uses <entity>`), so that any SPARQL engine can query
them; the evidence behind each one is a reified statement: a `kg:Evidence` node with
`rdf:subject/predicate/object`, the sentence, the field and offsets, the rule and a confidence (ten
triples; the paper it comes from is its `rdf:subject`). The cost of the evidence, in triples and bytes,
is reported by `kg build`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

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
    text = str(value)
    # most text is printable ASCII without quotes or backslashes: nothing to escape, found without a regex
    if not (text.isascii() and text.isprintable() and '"' not in text and "\\" not in text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
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
    """Every triple of a whole graph in N-Triples, in a deterministic order (one line per item, or an
    evidence node's lines in one item)."""
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data["kind"]
        if kind == "paper":
            yield from graph_paper_lines(graph, node, data)
        elif kind == "entity":
            yield from entity_lines(graph, node, data)
        elif kind in ("author", "venue"):
            yield from author_or_venue_lines(node, data)


def author_or_venue_lines(node: str, data: dict) -> Iterator[str]:
    s = iri(node_iri(node))
    yield t(s, iri(RDF_TYPE), iri(KG.Author if data["kind"] == "author" else KG.Venue))
    yield t(s, iri(SCHEMA + "name"), literal(data["label"]))


class _P:
    """The IRIs of the paper triples, written once (the paper lines are the bulk of every export)."""
    type = iri(RDF_TYPE)
    paper = iri(KG.Paper)
    title = iri(DCTERMS + "title")
    paper_id = iri(KG.paperId)
    abstract = iri(DCTERMS + "abstract")
    year = iri(KG.year)
    listed = iri(KG.listed)
    doi = iri(KG.doi)
    arxiv = iri(KG.arxivId)
    url = iri(SCHEMA + "url")
    source = iri(KG.source)
    creator = iri(DCTERMS + "creator")
    venue = iri(KG.venue)
    cites = iri(KG.cites)
    evidence = iri(KG.Evidence)
    subject = iri(RDF_SUBJECT)
    predicate = iri(RDF_PREDICATE)
    object = iri(RDF_OBJECT)
    sentence = iri(KG.sentence)
    field = iri(KG.field)
    start = iri(KG.start)
    end = iri(KG.end)
    rule = iri(KG.rule)
    confidence = iri(KG.confidence)
    has_result = iri(KG.hasResult)
    result = iri(KG.Result)
    value = iri(KG.value)
    unit = iri(KG.unit)
    kind = iri(KG.resultKind)
    evidence_text = iri(KG.evidenceText)
    roles = {key: iri(prop) for key, prop in ROLE_PROPERTIES.items()}
    slots = (("method_id", iri(KG.resultMethod), ("Method",)),
             ("dataset_id", iri(KG.resultDataset), ("Dataset", "Benchmark")),
             ("metric_id", iri(KG.resultMetric), ("Metric",)))


def graph_paper_lines(graph: nx.MultiDiGraph, node: str, data: dict) -> Iterator[str]:
    """`paper_lines` of a paper node of `graph` (which holds at least its edges and entities)."""
    edges = sorted(((target, key, edge) for _, target, key, edge in graph.out_edges(node, keys=True, data=True)),
                   key=lambda e: (e[0], e[1]))
    return paper_lines(data, edges, lambda target: graph.nodes[target].get("type") if target in graph else None)


def paper_lines(data: dict, edges: Iterable[tuple[str, str, dict]], type_of: Callable[[str], str | None]
                ) -> Iterator[str]:
    """A paper's triples: metadata, roles with their evidence, results. `data`: the paper node's;
    `edges`: its out-edges as (target, key, edge data), sorted by target and key; `type_of`: the type
    of a node (None when there is no such node), for the results' slots. Each item is one N-Triples
    line, except that an evidence node's ten lines come as one item."""
    P = _P
    paper_id = data["paper_id"]
    s = iri(paper_iri(paper_id))
    yield f"{s} {P.type} {P.paper} .\n"
    yield f"{s} {P.title} {literal(data['title'])} .\n"
    yield f"{s} {P.paper_id} {literal(paper_id)} .\n"
    if data.get("abstract"):
        yield f"{s} {P.abstract} {literal(data['abstract'])} .\n"
    if data.get("year"):
        year = f"{data['year']:04d}"
        yield f"{s} {P.year} {literal(year, XSD + 'gYear')} .\n"
    if data.get("listed"):
        yield f"{s} {P.listed} {literal(data['listed'], XSD + 'gMonthDay')} .\n"
    for key, prop in (("doi", P.doi), ("arxiv_id", P.arxiv)):
        if data.get(key):
            yield f"{s} {prop} {literal(data[key])} .\n"
    if data.get("url"):
        yield f"{s} {P.url} {literal(data['url'])} .\n"
    for source in dict.fromkeys(data.get("sources", [])):
        yield f"{s} {P.source} {literal(source)} .\n"
    for target, key, edge in edges:
        o = iri(node_iri(target))
        if key == "author":
            yield f"{s} {P.creator} {o} .\n"
        elif key == "venue":
            yield f"{s} {P.venue} {o} .\n"
        elif key == "cites":
            yield f"{s} {P.cites} {o} .\n"
        elif edge.get("relation") == "role":
            prop = P.roles[key]
            yield f"{s} {prop} {o} .\n"
            for ev in edge.get("evidence", []):
                e = iri(evidence_iri(paper_id, key, target, ev["field"], ev["start"], ev["end"]))
                rule = ev["rule"] if not ev.get("role_rule") else f"{ev['rule']}+{ev['role_rule']}"
                yield (f"{e} {P.type} {P.evidence} .\n"
                       f"{e} {P.subject} {s} .\n"
                       f"{e} {P.predicate} {prop} .\n"
                       f"{e} {P.object} {o} .\n"
                       f"{e} {P.sentence} {literal(ev['sentence'] or ev['text'])} .\n"
                       f"{e} {P.field} {literal(ev['field'])} .\n"
                       f"{e} {P.start} {literal(ev['start'], XSD + 'integer')} .\n"
                       f"{e} {P.end} {literal(ev['end'], XSD + 'integer')} .\n"
                       f"{e} {P.rule} {literal(rule)} .\n"
                       f"{e} {P.confidence} {decimal(min(max(ev['confidence'], 0.0), 1.0))} .\n")
    for index, result in enumerate(data.get("results", [])):
        r = iri(result_iri(paper_id, index))
        yield f"{s} {P.has_result} {r} .\n"
        yield f"{r} {P.type} {P.result} .\n"
        yield f"{r} {P.value} {decimal(result['value'])} .\n"
        if result.get("unit"):
            yield f"{r} {P.unit} {literal(result['unit'])} .\n"
        yield f"{r} {P.kind} {literal(result['kind'])} .\n"
        for slot, prop, types in P.slots:
            target = result.get(slot)
            if target and type_of(target) in types:
                yield f"{r} {prop} {iri(node_iri(target))} .\n"
        yield f"{r} {P.evidence_text} {literal(result['sentence'])} .\n"


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
