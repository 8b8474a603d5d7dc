"""Writing the RDF exports: N-Triples straight from the mapping, then an on-disk Oxigraph store
bulk-loaded from it, and Turtle and JSON-LD serialised by Oxigraph (rdflib's writers are orders of
magnitude slower at a million triples)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kg.rdf.mapping import triples
from kg.rdf.namespace import PREFIXES

EVIDENCE_MARK = "/id/evidence/"


@dataclass
class RdfStats:
    triples: int = 0
    evidence_triples: int = 0
    evidence_bytes: int = 0
    files: dict[str, int] = field(default_factory=dict)  # name -> bytes


def write_ntriples(graph: nx.MultiDiGraph, path: Path) -> RdfStats:
    stats = RdfStats()
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for lines in triples(graph):  # unique by construction: no set of every line in memory
            handle.write(lines)
            count = lines.count("\n")  # an item is one line, or an evidence node's lines
            stats.triples += count
            if lines.startswith("<https://w3id.org/paper-kg" + EVIDENCE_MARK):
                stats.evidence_triples += count
                stats.evidence_bytes += len(lines.encode("utf-8"))
    stats.files[path.name] = path.stat().st_size
    return stats


LOAD_CHUNK = 1 << 26  # bytes of N-Triples per bulk load: Oxigraph's loader holds a chunk in memory


def load_store(ntriples: Path, store_dir: Path, stop: threading.Event | None = None):
    """An on-disk Oxigraph store with the triples of `ntriples`, bulk-loaded in chunks so that memory
    stays bounded however large the file. `stop`, once set, ends the load after the current chunk."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    try:
        with open(ntriples, "rb") as handle:
            while stop is None or not stop.is_set():
                chunk = handle.read(LOAD_CHUNK)
                if not chunk:
                    break
                chunk += handle.readline()  # end on a whole line
                store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
    except BaseException:
        del store  # closed now, not when the traceback (which keeps this frame) is collected
        raise
    return store


def serialize_from(ntriples: Path | BinaryIO, path: Path, fmt: str) -> None:
    """Turtle or JSON-LD straight from an N-Triples file (a path or a binary reader), streamed
    (Oxigraph's serialiser)."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
    source = {"path": str(ntriples)} if isinstance(ntriples, Path) else {"input": ntriples}
    with open(path, "wb") as handle:
        triples = ox.parse(**source, format=ox.RdfFormat.N_TRIPLES)
        if fmt == "turtle":
            ox.serialize(triples, handle, format=formats[fmt], prefixes=PREFIXES)
        else:
            ox.serialize(triples, handle, format=formats[fmt])


def dump(store, path: Path, fmt: str) -> None:
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
    with open(path, "wb") as handle:
        if fmt == "turtle":
            store.dump(handle, format=formats[fmt], prefixes=PREFIXES, from_graph=ox.DefaultGraph())
        else:
            store.dump(handle, format=formats[fmt], from_graph=ox.DefaultGraph())


class StoreLoad:
    """The on-disk store of `folder`'s graph.nt, bulk-loaded on a second thread (Oxigraph's loader
    releases the GIL) while the caller writes the other exports; use as a context manager. Leaving
    the block early (an error, Ctrl-C, a full disk) stops the load after its current chunk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stop = threading.Event()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store")
        self._loading = None

    def __enter__(self) -> StoreLoad:
        # imported by this thread: the loader's own import would wait forever for the global import
        # lock if an interrupt ever left it held here (see kg.interrupts)
        import pyoxigraph  # noqa: F401

        self._loading = self._thread.submit(load_store, self.folder / "graph.nt", self.folder / "store", self._stop)
        return self

    def wait(self) -> None:
        """Until the store is loaded and closed (before the staging folder is renamed); re-raises a
        failed load."""
        self._loading.result()
        self._loading = None  # the store, and its files, closed

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None and self._loading is not None:
                self.wait()
        except BaseException:
            self._stop.set()
            raise
        finally:
            if exc_type is not None:
                self._stop.set()
            self._thread.shutdown(wait=True)
            self._loading = None  # the store (a loaded one is in the future's result) is closed


def rdf_outputs(folder: Path, *, jsonld: bool = True) -> dict[Path, str]:
    """The files converted from `folder`'s graph.nt, with their formats."""
    return {folder / "graph.ttl": "turtle", **({folder / "graph.jsonld": "jsonld"} if jsonld else {})}


def write_rdf_from_nt(folder: Path, counts, *, jsonld: bool = True, converted: bool = False) -> RdfStats:
    """graph.ttl and graph.jsonld in `folder` from its graph.nt (inside a `StoreLoad` of the folder,
    which loads store/ meanwhile), unless already `converted` (by a `kg.rdf.follow.FollowingConversion`);
    `counts` has the triple counts of the writer (a GraphAggregator)."""
    nt = folder / "graph.nt"
    stats = RdfStats(triples=counts.triples, evidence_triples=counts.evidence_triples,
                     evidence_bytes=counts.evidence_bytes, files={"graph.nt": nt.stat().st_size})
    for path, fmt in rdf_outputs(folder, jsonld=jsonld).items():
        if not converted:
            serialize_from(nt, path, fmt)
        stats.files[path.name] = path.stat().st_size
    return stats


def write_rdf(graph: nx.MultiDiGraph, folder: str | Path, *, jsonld: bool = True) -> RdfStats:
    """graph.nt, store/, graph.ttl and graph.jsonld in `folder` (made if need be)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nt = folder / "graph.nt"
    stats = write_ntriples(graph, nt)
    store = load_store(nt, folder / "store")
    dump(store, folder / "graph.ttl", "turtle")
    stats.files["graph.ttl"] = (folder / "graph.ttl").stat().st_size
    if jsonld:
        dump(store, folder / "graph.jsonld", "jsonld")
        stats.files["graph.jsonld"] = (folder / "graph.jsonld").stat().st_size
    del store
    return stats
