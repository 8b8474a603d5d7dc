"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a build's Oxigraph store, and its HTML views."""
from kg.serve.server import ServeOptions, make_server

__all__ = ["ServeOptions", "make_server"]
