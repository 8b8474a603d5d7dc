"""The kg vocabulary as a closed namespace: a misspelt term is an error at import time.

It must list exactly the terms that `ontology/kg.ttl` defines; a test checks that.
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from kg.rdf.terms import BASE, ONTOLOGY, RESOURCE  # noqa: F401  (re-exported)


class KG(DefinedNamespace):
    """https://w3id.org/paper-kg/ontology#"""

    _fail = True
    _NS = Namespace(ONTOLOGY)

    Paper: URIRef
    Entity: URIRef
    Method: URIRef
    Dataset: URIRef
    Benchmark: URIRef
    Task: URIRef
    Metric: URIRef
    Result: URIRef
    Evidence: URIRef
    Author: URIRef
    Venue: URIRef
    involves: URIRef
    proposes: URIRef
    uses: URIRef
    evaluatesOn: URIRef
    comparesWith: URIRef
    addressesTask: URIRef
    reportsMetric: URIRef
    mentions: URIRef
    variantOf: URIRef
    partOf: URIRef
    evaluatedOn: URIRef
    forTask: URIRef
    metricFor: URIRef
    basedOn: URIRef
    comparedWith: URIRef
    trainedOn: URIRef
    datasetFor: URIRef
    year: URIRef
    listed: URIRef
    venue: URIRef
    doi: URIRef
    arxivId: URIRef
    paperId: URIRef
    cites: URIRef
    source: URIRef
    entityId: URIRef
    discovered: URIRef
    wikidata: URIRef
    pwc: URIRef
    paperCount: URIRef
    hasResult: URIRef
    resultMethod: URIRef
    resultDataset: URIRef
    resultMetric: URIRef
    value: URIRef
    unit: URIRef
    resultKind: URIRef
    evidenceText: URIRef
    sentence: URIRef
    field: URIRef
    start: URIRef
    end: URIRef
    rule: URIRef
    confidence: URIRef


# role names used in extraction records -> kg properties
ROLE_PROPERTIES = {
    "proposes": KG.proposes,
    "uses": KG.uses,
    "evaluates_on": KG.evaluatesOn,
    "compares_with": KG.comparesWith,
    "addresses": KG.addressesTask,
    "reports": KG.reportsMetric,
    "mentions": KG.mentions,
}
RELATION_PROPERTIES = {
    "variant_of": KG.variantOf,
    "part_of": KG.partOf,
    "evaluated_on": KG.evaluatedOn,
    "for_task": KG.forTask,
    "metric_for": KG.metricFor,
    "based_on": KG.basedOn,
    "compared_with": KG.comparedWith,
    "trained_on": KG.trainedOn,
    "dataset_for": KG.datasetFor,
}
PREFIXES = {
    "kg": ONTOLOGY,
    "kgr": RESOURCE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}
