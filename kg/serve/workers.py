"""Query workers: separate processes that each open the store read-only.

A query that runs past the timeout cannot be interrupted inside Oxigraph, so the worker running it is
killed and replaced; the client gets a clear error and the other queries go on. Results are written
by the worker, at most `limit` rows.
"""
from __future__ import annotations

import io
import json
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.serve.negotiate import BOOLEAN, GRAPH, SOLUTIONS, Format, choose, not_acceptable

TEXT = "text/plain; charset=utf-8"


@dataclass
class Outcome:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def _term_json(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _text(term: Any) -> str:
    return "" if term is None else term.value


def run_query(store, query: str, accept: str, name: str, limit: int) -> Outcome:
    """Run one query in this process; results in the format `accept` (or the `format` parameter
    `name`) picks for the query's form, at most `limit` rows or triples."""
    import pyoxigraph as ox

    from kg.query.store import SERVICE_REFUSED, calls_service, projection_order

    if calls_service(query):
        return Outcome(400, TEXT, SERVICE_REFUSED.encode())
    try:
        result = store.query(query)
    except SyntaxError as exc:
        return Outcome(400, TEXT, f"SPARQL syntax error: {exc}".encode())
    except (OSError, RuntimeError, ValueError) as exc:
        return Outcome(400, TEXT, f"SPARQL error: {exc}".encode())
    boolean = isinstance(result, (bool, getattr(ox, "QueryBoolean", bool)))
    offered = BOOLEAN if boolean else SOLUTIONS if hasattr(result, "variables") else GRAPH
    fmt = choose(offered, accept, name)
    if fmt is None:
        return Outcome(406, TEXT, not_acceptable(offered).encode())
    if boolean:
        return Outcome(200, fmt.content_type, _boolean(bool(result), fmt.key))
    if offered is GRAPH:  # CONSTRUCT / DESCRIBE
        return _graph(result, fmt, limit)
    names = projection_order(query, [v.value for v in result.variables])
    rows, truncated = [], False
    for i, solution in enumerate(result):
        if i >= limit:
            truncated = True
            break
        rows.append([solution[n] for n in names])
    return Outcome(200, fmt.content_type, _solutions(names, rows, fmt.key), truncated)


def _boolean(value: bool, key: str) -> bytes:
    if key == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def _graph(result, fmt: Format, limit: int) -> Outcome:
    """CONSTRUCT / DESCRIBE triples in an RDF syntax, by Oxigraph's serialiser (Turtle with kg's prefixes)."""
    import itertools

    import pyoxigraph as ox

    from kg.rdf.namespace import PREFIXES

    triples = list(itertools.islice(result, limit + 1))
    truncated = len(triples) > limit
    syntax = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
              "jsonld": ox.RdfFormat.JSON_LD}[fmt.key]
    prefixes = PREFIXES if fmt.key in ("turtle", "rdfxml") else None
    body = ox.serialize(triples[:limit], format=syntax, prefixes=prefixes)
    return Outcome(200, fmt.content_type, body, truncated)


def _solutions(names: list[str], rows: list[list[Any]], key: str) -> bytes:
    """SELECT results in the SPARQL JSON, XML, CSV or TSV results format."""
    if key in ("csv", "tsv"):
        import csv

        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if key == "csv" else "\t", lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_text(t) for t in row])
        return buf.getvalue().encode()
    if key == "xml":
        return _xml(names, rows)
    bindings = [{n: _term_json(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _xml(names: list[str], rows: list[list[Any]]) -> bytes:
    from xml.sax.saxutils import escape

    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f'<variable name="{escape(n)}"/>' for n in names]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(names, row):
            if term is None:
                continue
            item = _term_json(term)
            tag = {"uri": "uri", "bnode": "bnode"}.get(item["type"], "literal")
            attrs = ""
            if "datatype" in item:
                attrs = f' datatype="{escape(item["datatype"])}"'
            elif "xml:lang" in item:
                attrs = f' xml:lang="{escape(item["xml:lang"])}"'
            parts.append(f'<binding name="{escape(name)}"><{tag}{attrs}>{escape(item["value"])}</{tag}></binding>')
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode()


def _worker(conn, store_path: str, writable: bool) -> None:
    import signal

    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = ox.Store(store_path) if writable else ox.Store.read_only(store_path)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        kind, text, wanted, limit = message
        if kind == "update":
            try:
                store.update(text)
                outcome = Outcome(204, "text/plain", b"")
            except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
                outcome = Outcome(400, "text/plain; charset=utf-8", f"SPARQL update error: {exc}".encode())
        else:
            try:
                outcome = run_query(store, text, *wanted, limit)
            except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever the query did
                outcome = Outcome(500, "text/plain; charset=utf-8", f"Query failed: {type(exc).__name__}: {exc}".encode())
        conn.send(outcome)


class Worker:
    def __init__(self, context, store_path: str, writable: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, store_path, writable), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A fixed number of workers; a query waits for a free one, runs with a timeout."""

    def __init__(self, store_path: str, size: int, timeout: float, writable: bool = False) -> None:
        self.context = mp.get_context("spawn")
        self.store_path, self.timeout, self.writable = store_path, timeout, writable
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.size = size
        self.lock = threading.Lock()
        self.all: list[Worker] = []
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = Worker(self.context, self.store_path, self.writable)
        with self.lock:
            self.all.append(worker)
        self.idle.put(worker)

    def run(self, kind: str, text: str, wanted: tuple[str, str], limit: int) -> Outcome:
        """`wanted`: the request's Accept header and `format` parameter."""
        try:
            worker = self.idle.get(timeout=max(self.timeout * 3, 30))
        except queue.Empty:
            return Outcome(503, "text/plain; charset=utf-8", b"The server is busy; try again.")
        started = time.monotonic()
        try:
            worker.conn.send((kind, text, wanted, limit))
            if not worker.conn.poll(self.timeout):
                worker.stop()
                with self.lock:
                    self.all.remove(worker)
                self._add()
                return Outcome(503, TEXT, self.cancelled().encode())
            outcome = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.stop()
            with self.lock:
                if worker in self.all:
                    self.all.remove(worker)
            self._add()
            return Outcome(500, "text/plain; charset=utf-8", b"The query worker failed; try again.")
        else:
            self.idle.put(worker)
        del started
        return outcome

    def cancelled(self) -> str:
        """A timed-out query's message. Its status is 503: the server's own limit stopped it, so not a 4xx
        (408 says the client was slow to send the request), and not 504, which a proxy in front of kg
        sends when it gives up itself."""
        return (f"Query cancelled: it ran longer than this server's {self.timeout:g} s timeout "
                "(kg serve --timeout sets it).")

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
            self.all.clear()
        for worker in workers:
            worker.stop()
