"""kg serve: a real SPARQL client over HTTP, read-only, timeout and result limit; started and
stopped by the test."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

KG = "PREFIX kg: <https://w3id.org/paper-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_export):
    yield from serving(seed_export, "--timeout", "2", "--limit", "50")


def serving(exports, *options: str):
    """Start `kg serve` on a free port, yield its URL once it answers, stop it afterwards."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli.main", "serve", "--exports", str(exports),
                                "--port", str(port), *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"kg serve did not start: {process.stderr.read()}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=20)


def client(url: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setReturnFormat(JSON)
    sparql.setTimeout(30)
    return sparql


def test_serve_select_with_sparqlwrapper(server):
    sparql = client(server)
    sparql.setQuery(KG + 'SELECT ?p WHERE { ?p kg:evaluatesOn ?d . ?d skos:prefLabel "ImageNet-1K" }')
    rows = sparql.queryAndConvert()["results"]["bindings"]
    assert len(rows) >= 3 and all(r["p"]["value"].startswith("https://w3id.org/paper-kg/id/paper/") for r in rows)


def test_serve_post_and_csv(server):
    request = urllib.request.Request(server + "/sparql", data=(KG + "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }").encode(),
                                     headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(request) as response:
        assert response.read().decode().splitlines() == ["n", "350"]


def test_serve_result_size_limit(server):
    request = urllib.request.Request(server + "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"))
    with urllib.request.urlopen(request) as response:
        assert response.headers["X-KG-Truncated"] == "true" and response.headers["X-KG-Limit"] == "50"
        import json

        assert len(json.loads(response.read())["results"]["bindings"]) == 50


def test_serve_updates_are_refused(server):
    sparql = client(server)
    sparql.setMethod("POST")
    sparql.setRequestMethod("postdirectly")
    sparql.setQuery("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }")
    with pytest.raises(Exception) as caught:
        sparql.query()
    assert "403" in str(caught.value) or "read-only" in str(caught.value)


def test_serve_query_past_the_timeout_is_cancelled(server):
    sparql = client(server)
    sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    started = time.monotonic()
    with pytest.raises((EndPointInternalError, urllib.error.HTTPError, Exception)) as caught:
        sparql.query()
    assert time.monotonic() - started < 15
    assert "timeout" in str(caught.value).lower() or "503" in str(caught.value)
    # the endpoint still answers afterwards
    sparql.setQuery(KG + "ASK { ?p a kg:Paper }")
    assert sparql.queryAndConvert()["boolean"] is True


def test_serve_bad_query(server):
    sparql = client(server)
    sparql.setQuery("SELEKT nothing")
    with pytest.raises(QueryBadFormed):
        sparql.query()


def test_serve_refuses_service_clauses(server):
    """A public endpoint must not fetch addresses its clients choose (and kg works offline)."""
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server + "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert caught.value.code == 400 and b"SERVICE" in caught.value.read()


def test_serve_views_and_no_traversal(server):
    with urllib.request.urlopen(server + "/graph.html") as response:
        assert b"kg-data" in response.read()
    for path in ("/../pyproject.toml", "/papers.jsonl", "/store/CURRENT"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(server + path)
        assert caught.value.code == 404


def test_serve_binds_to_localhost_by_default():
    from kg.serve import ServeOptions

    assert ServeOptions(exports=None).host == "127.0.0.1"


def test_serve_a_port_in_use_is_one_line(seed_export):
    """A taken port is a one-line error with exit 2, not a traceback from closing a half-made server."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg.cli.main", "serve", "--exports", str(seed_export),
                               "--port", str(port)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("kg: error: cannot listen on 127.0.0.1:") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize("length", ["abc", "-1"])
def test_serve_a_bad_content_length_is_400(server, length):
    """Was a dropped connection and a traceback ("abc"), or a read until the client gave up ("-1")."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     f"Content-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}".encode())
        answer = sock.recv(1000).decode()
    assert answer.startswith("HTTP/1.0 400") or answer.startswith("HTTP/1.1 400"), answer


@pytest.fixture(scope="module")
def updatable_server(seed_export, tmp_path_factory):
    import shutil

    exports = tmp_path_factory.mktemp("writable") / "exports"
    shutil.copytree(seed_export, exports)
    shutil.copy(exports / "graph.html", exports / "image net.html")
    yield from serving(exports, "--allow-update")  # with the default --workers 2


def _post_update(url: str, update: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url + "/sparql", data=update.encode(),
                                     headers={"Content-Type": "application/sparql-update"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_with_updates_answers_every_request(updatable_server):
    """Only one process can write to the store: a second worker died at start, so every other request
    was a 500."""
    for _ in range(6):
        with urllib.request.urlopen(updatable_server + "/sparql?query=ASK%7B%7D", timeout=30) as response:
            assert response.status == 200
    assert _post_update(updatable_server, "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }")[0] == 204
    sparql = client(updatable_server)
    sparql.setQuery("ASK { <http://a/b> <http://a/c> <http://a/d> }")
    assert sparql.queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("update, word", [
    ("LOAD <http://127.0.0.1:9/secret.nt>", b"LOAD"),
    ("INSERT { ?s <x:q> ?o } WHERE { SERVICE <http://127.0.0.1:9/probe> { ?s ?p ?o } }", b"SERVICE"),
])
def test_serve_updates_never_fetch_addresses(updatable_server, update, word):
    """With --allow-update, LOAD and SERVICE made the server fetch any address a client named."""
    status, body = _post_update(updatable_server, update)
    assert status == 400 and word in body


def test_serve_views_with_spaces_in_their_names(updatable_server):
    """The index links "image%20net.html"; the path was not decoded, so the link was a 404."""
    with urllib.request.urlopen(updatable_server + "/", timeout=30) as response:
        assert b'href="/image%20net.html"' in response.read()
    with urllib.request.urlopen(updatable_server + "/image%20net.html", timeout=30) as response:
        assert b"kg-data" in response.read()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_serve_other_methods_are_not_allowed(server, method):
    request = urllib.request.Request(server + "/sparql", data=b"x", method=method)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 405 and caught.value.headers["Allow"] == "GET, HEAD, POST"


def test_serve_select_star_columns_follow_the_query(server):
    """A user trial: `SELECT *` came back with head.vars ["o", "p", "s"] (Oxigraph sorts them)."""
    sparql = client(server)
    sparql.setQuery("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert sparql.queryAndConvert()["head"]["vars"] == ["s", "p", "o"]


def _get(url: str, query: str, accept: str | None = None, **params: str) -> tuple[int, str, bytes]:
    """Status, Content-Type and body of a GET query."""
    request = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": query, **params}),
                                     headers={"Accept": accept} if accept is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


COUNT = KG + "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }"


@pytest.mark.parametrize("accept, expect", [
    ("application/sparql-results+json;q=0.1, text/csv;q=0.9", "text/csv"),  # was JSON: q-values were ignored
    ("text/csv;q=0.2, text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv, application/sparql-results+json", "text/csv"),  # equal q: the one listed first
    ("*/*", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
])
def test_serve_accept_q_values_are_honoured(server, accept, expect):
    status, content_type, _ = _get(server, COUNT, accept)
    assert status == 200 and content_type.startswith(expect)


@pytest.mark.parametrize("query, accept", [(COUNT, "image/png"), (COUNT, "text/html"),
                                           (COUNT, "text/csv;q=0"), ("ASK {}", "text/csv"),
                                           ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")])
def test_serve_an_accept_that_allows_no_result_format_is_406(server, query, accept):
    """Was 200 with JSON (or N-Triples) whatever the client said it could read."""
    status, content_type, body = _get(server, query, accept)
    assert status == 406 and content_type.startswith("text/plain")
    assert len(body.decode().strip().splitlines()) == 1 and "Not acceptable" in body.decode()


@pytest.mark.parametrize("accept, expect, marker", [
    ("text/turtle", "text/turtle", b"@prefix kg:"),  # was N-Triples whatever was asked for
    (None, "text/turtle", b"@prefix kg:"),
    ("application/n-triples", "application/n-triples", b"> <"),
    ("application/rdf+xml", "application/rdf+xml", b"<rdf:RDF"),
    ("application/ld+json", "application/ld+json", b'"@id"'),
])
def test_serve_graph_queries_in_the_rdf_syntax_asked_for(server, accept, expect, marker):
    import pyoxigraph as ox

    query = KG + "CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper } LIMIT 3"
    status, content_type, body = _get(server, query, accept)
    assert status == 200 and content_type.startswith(expect) and marker in body, body[:200]
    syntax = ox.RdfFormat.from_media_type(content_type.split(";")[0])
    assert len(list(ox.parse(body, format=syntax))) == 3


def test_serve_graph_query_past_the_limit_is_marked(server):
    import pyoxigraph as ox

    query = urllib.parse.quote("DESCRIBE ?s WHERE { ?s ?p ?o }")
    request = urllib.request.Request(server + "/sparql?query=" + query, headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["X-KG-Truncated"] == "true"
        assert len(list(ox.parse(response.read(), format=ox.RdfFormat.TURTLE))) == 50


def test_serve_format_parameter_and_ask_in_xml(server):
    assert _get(server, COUNT, "text/csv", format="tsv")[1].startswith("text/tab-separated-values")
    status, content_type, body = _get(server, "ASK {}", "application/sparql-results+xml")
    assert content_type.startswith("application/sparql-results+xml") and b"<boolean>true</boolean>" in body


def test_serve_a_timed_out_query_is_503_naming_the_timeout(server):
    """The message now names the option that sets the limit; the status (503) is documented."""
    status, content_type, body = _get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    text = body.decode().strip()
    assert status == 503 and content_type.startswith("text/plain") and len(text.splitlines()) == 1
    assert "2 s timeout" in text and "--timeout" in text


def test_serve_get_without_a_query_is_a_documented_form(server):
    """The form was there but undocumented (a user trial); it offers the result formats."""
    with urllib.request.urlopen(server + "/sparql", timeout=30) as response:
        page = response.read().decode()
    assert response.headers["Content-Type"].startswith("text/html") and "<form" in page
    assert "<select name=format>" in page and "<option>turtle</option>" in page
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    serve = readme[readme.index("### `kg serve"):readme.index("### Cluster-sized builds")]
    assert "without a query" in serve and "query form" in serve


def _start_lines(exports, *options: str) -> list[str]:
    """kg serve's stderr up to its start line; the server is stopped then."""
    process = subprocess.Popen([sys.executable, "-m", "kg.cli.main", "serve", "--exports", str(exports),
                                "--port", str(free_port()), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while line := process.stderr.readline():
            lines.append(line.rstrip("\n"))
            if line.startswith(("kg serve:", "kg: error")):
                break
        return lines
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize("options, expect", [
    (("--host", "0.0.0.0"), "query the whole store (read-only)"),
    (("--host", "0.0.0.0", "--allow-update"), "change the store (--allow-update)"),
    ((), None),
])
def test_serve_on_a_non_loopback_host_warns_it_has_no_authentication(seed_export, tmp_path, options, expect):
    """`--host 0.0.0.0` printed no warning although anyone on the network could then query it."""
    exports = seed_export
    if "--allow-update" in options:  # a writable store: a copy
        import shutil

        exports = tmp_path / "exports"
        shutil.copytree(seed_export, exports)
    lines = _start_lines(exports, *options)
    assert lines and lines[-1].startswith("kg serve:"), lines
    warnings = [line for line in lines if line.startswith("kg: warning:")]
    if expect is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and "without authentication" in warnings[0] and expect in warnings[0]
