"""The HTTP side of `kg serve`: the SPARQL 1.1 Protocol at /sparql, the HTML views at /.

Read-only unless started with `allow_update`; binds to 127.0.0.1 unless told otherwise; every query
has a timeout and a result-size limit (`X-KG-Truncated: true` marks a cut result).
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlparse

from kg.errors import InputError, missing_export
from kg.query.store import LOAD_REFUSED, SERVICE_REFUSED, calls_service, loads_document
from kg.serve.workers import WorkerPool

MAX_BODY = 1_000_000
FORM_FORMATS = ("json", "xml", "csv", "tsv", "turtle", "ntriples", "rdfxml", "jsonld")  # `format=` values


@dataclass
class ServeOptions:
    exports: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    limit: int = 10_000
    workers: int = 2
    allow_update: bool = False


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve/0.1"
    options: ServeOptions
    pool: WorkerPool

    def log_message(self, format: str, *args) -> None:  # quiet by default
        pass

    def _send(self, status: int, content_type: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode())

    def _wanted(self, params: dict[str, list[str]]) -> tuple[str, str]:
        """The Accept header and the `format` parameter (which wins when it names a format the query offers)."""
        return self.headers.get("Accept", ""), (params.get("format") or [""])[0]

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query)
            if "update" in params:
                return self._error(405, "Updates must be sent with POST.")
            query = (params.get("query") or [""])[0]
            if not query:
                return self._send(200, "text/html; charset=utf-8", self._form())
            return self._query(query, self._wanted(params))
        return self._static(url.path)

    do_HEAD = do_GET

    def _not_allowed(self) -> None:  # was 501 "Unsupported method", which says the server cannot, not may not
        self._send(405, "text/plain; charset=utf-8", b"Method not allowed: use GET or POST.\n",
                   {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path != "/sparql":
            return self._error(404, "Not found.")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self._error(400, "Content-Length must be a whole number of bytes.")
        if length > MAX_BODY:
            return self._error(413, f"Request body larger than {MAX_BODY} bytes.")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if content_type == "application/sparql-update" or (content_type == "application/x-www-form-urlencoded"
                                                           and "update" in parse_qs(body)):
            if not self.options.allow_update:
                return self._error(403, "Updates are refused: this endpoint is read-only (start kg serve with "
                                        "--allow-update to accept them).")
            update = body if content_type == "application/sparql-update" else parse_qs(body)["update"][0]
            if calls_service(update):  # updates too: an endpoint must not fetch addresses its clients choose
                return self._error(400, SERVICE_REFUSED)
            if loads_document(update):
                return self._error(400, LOAD_REFUSED)
            outcome = self.pool.run("update", update, ("", ""), 0)
            return self._send(outcome.status, outcome.content_type, outcome.body)
        if content_type == "application/sparql-query":
            query = body
        elif content_type == "application/x-www-form-urlencoded":
            form = parse_qs(body)
            query = (form.get("query") or [""])[0]
            params.update(form)
        else:
            return self._error(415, "Send a query as application/sparql-query or a form with 'query'.")
        if not query:
            return self._error(400, "No query.")
        return self._query(query, self._wanted(params))

    def _query(self, query: str, wanted: tuple[str, str]) -> None:
        outcome = self.pool.run("query", query, wanted, self.options.limit)
        extra = {"X-KG-Truncated": "true"} if outcome.truncated else {}
        if outcome.truncated:
            extra["X-KG-Limit"] = str(self.options.limit)
        self._send(outcome.status, outcome.content_type, outcome.body, extra)

    def _static(self, path: str) -> None:
        exports = self.options.exports
        pages = sorted(p.name for p in exports.glob("*.html"))
        if path in ("/", ""):
            links = "".join(f'<li><a href="/{html.escape(quote(p))}">{html.escape(p)}</a></li>' for p in pages)
            body = (f"<!doctype html><meta charset=utf-8><title>kg serve</title><h1>kg</h1>"
                    f"<p>SPARQL endpoint: <a href=\"/sparql\">/sparql</a> (read-only: "
                    f"{'no' if self.options.allow_update else 'yes'}; timeout {self.options.timeout:g} s; "
                    f"at most {self.options.limit:,} rows)</p><h2>Views</h2><ul>{links}</ul>").encode()
            return self._send(200, "text/html; charset=utf-8", body)
        name = unquote(path).lstrip("/")  # "/image%20net.html" names "image net.html"
        if name not in pages:  # only the build's own pages, never a path outside it
            return self._error(404, "Not found.")
        return self._send(200, "text/html; charset=utf-8", (exports / name).read_bytes())

    def _form(self) -> bytes:
        """The query form `GET /sparql` without a query shows (a browser's own Accept prefers XML)."""
        options = "".join(f"<option>{name}</option>" for name in FORM_FORMATS)
        return ("<!doctype html><meta charset=utf-8><title>kg SPARQL</title><form method=get action=/sparql>"
                "<textarea name=query rows=12 cols=100>SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br>"
                f"<label>Format <select name=format>{options}</select></label> <button>Run</button></form>").encode()


class KGServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # the listen backlog: many clients may connect at once

    def __init__(self, options: ServeOptions, pool: WorkerPool) -> None:
        handler = type("BoundHandler", (Handler,), {"options": options, "pool": pool})
        self.pool = pool  # before binding: a failed bind calls server_close, which closes the pool
        super().__init__((options.host, options.port), handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(options: ServeOptions) -> KGServer:
    store = options.exports / "store"
    if not store.is_dir():
        raise missing_export(options.exports, store, "store")
    # an on-disk store opens for writing in one process only: a second writer failed every other request
    workers = 1 if options.allow_update else options.workers
    pool = WorkerPool(str(store), workers, options.timeout, writable=options.allow_update)
    try:
        return KGServer(options, pool)
    except OSError as exc:
        pool.close()
        raise InputError(f"cannot listen on {options.host}:{options.port} ({exc.strerror or exc})") from None


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only (every address it names is a loopback one)."""
    import ipaddress
    import socket

    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host or None, None, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def exposure_warning(options: ServeOptions) -> str | None:
    """A one-line warning when the server listens beyond this machine (it has no authentication)."""
    if is_loopback(options.host):
        return None
    reach = ("query and change the store (--allow-update)" if options.allow_update
             else "query the whole store (read-only)")
    return (f"listening on {options.host or 'all addresses'} without authentication: anyone who can reach "
            f"it can {reach} and read its views")


def describe(options: ServeOptions) -> str:
    return json.dumps({"endpoint": f"http://{options.host}:{options.port}/sparql", "timeout": options.timeout,
                       "limit": options.limit, "read_only": not options.allow_update})
