"""RDF: the kg vocabulary, IRIs, the mapping of the graph to triples, serialisation, SHACL, SPARQL."""
