"""kg: a knowledge-graph builder for research papers and the methods, datasets, benchmarks, tasks
and metrics they propose, use and evaluate on.

The command line (`kg ...`) is a thin layer over the functions exported here, which a notebook can
call directly::

    import kg
    papers = kg.read_papers(["seeds/"])

Heavy modules (spaCy, rdflib) are imported only when the function that needs them is called.
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it; resolved lazily so that `import kg` stays cheap (extract and
# build share their names with their modules: `from kg.extract import extract`, `from kg.build import build`)
_API = {
    "read_papers": "kg.ingest",
    "papers_from_records": "kg.ingest",
    "build_graph": "kg.graph",
    "write_rdf": "kg.rdf.export",
    "render_view": "kg.views",
    "ViewOptions": "kg.views",
    "Paper": "kg.model",
    "Source": "kg.model",
    "KGError": "kg.errors",
    "InputError": "kg.errors",
    "UsageError": "kg.errors",
    "NotFound": "kg.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    """The public names too (resolved lazily), so that tab completion in IPython and Jupyter offers them."""
    loaded = (name for name, value in globals().items() if isinstance(value, ModuleType))  # kg.graph, once imported
    return sorted({*__all__, *loaded, *(name for name in globals() if name.startswith("__"))})
