"""The kg namespaces as plain strings (no rdflib: the query commands import this)."""
BASE = "https://w3id.org/paper-kg/"
ONTOLOGY = BASE + "ontology#"
RESOURCE = BASE + "id/"
