"""Questions over a built export, answered with SPARQL on its Oxigraph store, without spaCy:
`papers_with`, `entity_report`, `top_entities`, `stats`, `ask`. Every answer carries the query it ran."""
