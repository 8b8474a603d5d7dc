"""Damaged files of a build (cache, paper index, entity index, store) and SPARQL SERVICE clauses: a
one-line error with exit code 2, or for the cache a fresh start, never a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def small_build(tmp_path_factory, formats_dir_module) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("damaged") / "exports"
    build([formats_dir_module / "papers.jsonl"], out=out, quiet=True)
    return out


@pytest.fixture(scope="module")
def formats_dir_module() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "formats"


def _copy(build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "exports"
    shutil.copytree(build, copy)
    return copy


def _one_line_error(result, *parts: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.stderr
    assert all(part in lines[0] for part in parts), lines[0]


@pytest.mark.parametrize("damage", [b"garbage\n", b"SQLite format 3\x00" + b"\x00" * 84])
def test_a_damaged_extraction_cache_is_started_again(kg, formats_dir_module, tmp_path, damage):
    out = tmp_path / "exports"
    assert kg("build", "-q", formats_dir_module / "papers.jsonl", "--out", out).exit_code == 0
    (out / ".cache" / "extract.sqlite").write_bytes(damage)
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "m1", "title": "More", "abstract": "We fine-tune GPT-2 on WikiText-103."}\n')
    result = kg("build", "-q", formats_dir_module / "papers.jsonl", more, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert len((out / "papers.jsonl").read_text().splitlines()) == 4


def test_a_damaged_paper_index_is_one_line(kg, small_build, tmp_path):
    exports = _copy(small_build, tmp_path)
    (exports / "papers.sqlite").write_text("garbage\n")
    _one_line_error(kg("papers", "--uses", "syntactic parsing", "--exports", exports), "papers.sqlite")


@pytest.mark.parametrize("content", ["[]", '{"x": 1}', '{"entities": [5]}'])
def test_an_entity_index_of_another_shape_is_one_line(kg, small_build, tmp_path, content):
    exports = _copy(small_build, tmp_path)
    (exports / "entities.json").write_text(content)
    _one_line_error(kg("papers", "--uses", "syntactic parsing", "--exports", exports), "entities.json")


def test_a_damaged_store_is_one_line(kg, small_build, tmp_path):
    exports = _copy(small_build, tmp_path)
    for table in (exports / "store").glob("*.sst"):
        table.unlink()
    _one_line_error(kg("stats", "--exports", exports), "store")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://localhost:1/x> { ?s ?p ?o } }",
])
def test_sparql_service_is_refused_offline(kg, small_build, query):
    _one_line_error(kg("sparql", query, "--exports", small_build), "SERVICE")


def test_sparql_service_in_a_comment_is_no_service(kg, small_build):
    result = kg("sparql", "# SERVICE <http://example.org/> is not used\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
                "--exports", small_build)
    assert result.exit_code == 0, result.stderr


def test_a_locked_extraction_cache_is_not_thrown_away(tmp_path):
    """Only a damaged file is started again: "database is locked" (another build holds it) keeps it."""
    import sqlite3

    from kg.extract.cache import CACHE_FILE, ExtractCache

    ExtractCache(tmp_path).close()
    holder = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            ExtractCache(tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (tmp_path / CACHE_FILE).stat().st_size > 0


@pytest.mark.parametrize("query, service", [
    # review: no space, a comment or an empty prefix between SERVICE and its endpoint still calls it
    ("SELECT * WHERE { SERVICE<http://127.0.0.1:9/s> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { SERVICE # here\n <http://127.0.0.1:9/s> { ?s ?p ?o } }", True),
    ("PREFIX : <http://127.0.0.1:9/> SELECT * { SERVICE : { ?s ?p ?o } }", True),
    ("SELECT * { ?s ?p ?o .SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", True),
    # and the word elsewhere is no SERVICE clause
    ("SELECT ?service WHERE { ?s ex:service <http://x> }", False),
    ('SELECT * { ?s ?p "use SERVICE <http://x> here" }', False),
    ("SELECT * { ?s ?p ?o } # SERVICE <x>", False),
    ("SELECT * { ?s ?p <http://x/SERVICE> FILTER(?o < 5 && ?o > 3) }", False),
])
def test_sparql_service_clauses_are_found_wherever_they_are(query, service):
    from kg.query.store import calls_service

    assert calls_service(query) is service


@pytest.mark.parametrize("query, keyword", [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
    ("PREFIX ex: <http://x/> delete where { ?s ex:p ?o }", "DELETE"),
    ("DELETE { ?s ?p ?o } WHERE { SELECT ?s ?p ?o WHERE { ?s ?p ?o } }", "DELETE"),  # was a syntax error
    ("CLEAR ALL", "CLEAR"),
])
def test_sparql_updates_are_refused_by_name(kg, small_build, query, keyword):
    """An update is named as one (was "No named query 'INSERT DATA ...'" or "expected CONSTRUCT"), and
    the store is left as it was."""
    before = kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--exports", small_build).stdout
    _one_line_error(kg("sparql", query, "--exports", small_build), f"update ({keyword})", "read-only")
    assert kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--exports", small_build).stdout == before


@pytest.mark.parametrize("query", [
    "SELECT ?insert WHERE { ?insert ?p ?o }",
    "# DELETE everything? no\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    'ASK { ?s ?p "INSERT DATA" }',
])
def test_queries_that_contain_update_words_are_no_updates(query):
    from kg.query.store import update_keyword

    assert update_keyword(query) is None


def _damage_page(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[page * 4096:page * 4096 + 100] = b"\xab" * 100
    path.write_bytes(bytes(data))


def test_a_cache_damaged_deep_inside_is_started_again(tmp_path):
    """A bad page in the middle of the cache is met only when a lookup reads it; that failed every
    later build (a DatabaseError traceback) until --no-cache. The cache and its pass start again."""
    import sqlite3

    from kg.build import default_inputs
    from kg.extract import ExtractStats, extract
    from kg.extract.cache import CACHE_FILE
    from kg.ingest import read_papers

    papers = read_papers(default_inputs())[:150]
    first = extract(papers, cache_dir=tmp_path)
    cache = tmp_path / CACHE_FILE
    intact = cache.read_bytes()
    for page in range(len(intact) // 4096 - 1, 1, -1):  # the last page whose damage SQLite notices
        _damage_page(cache, page)
        try:
            sqlite3.connect(cache).execute("SELECT sum(length(data)) FROM raw").fetchone()
        except sqlite3.DatabaseError as exc:
            assert "malformed" in str(exc)
            break
        cache.write_bytes(intact)
    else:
        pytest.fail("no page of the cache could be damaged")
    stats = ExtractStats()
    assert extract(papers, cache_dir=tmp_path, stats=stats) == first
    assert stats.extracted == len({p.title + p.abstract for p in papers})  # all again, from an empty cache
    assert sqlite3.connect(cache).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_cache_damaged_after_records_were_handed_out_is_one_line(tmp_path, monkeypatch):
    """Found damaged in the second pass (records already given to the caller): a clear error that says
    to run again, and the next run starts from an empty cache."""
    from kg.build import default_inputs
    from kg.errors import InputError
    from kg.extract import extract
    from kg.extract import parallel
    from kg.extract.cache import CacheDamaged
    from kg.ingest import read_papers

    papers = read_papers(default_inputs())[:20]

    def damaged(*args, **kwargs):
        raise CacheDamaged(f"{tmp_path}/extract.sqlite: database disk image is malformed")

    monkeypatch.setattr(parallel, "finish_batch", damaged)
    with pytest.raises(InputError, match="extraction cache was found damaged .* run the command again"):
        extract(papers, cache_dir=tmp_path)


@pytest.mark.parametrize("param, message", [
    ('type="Dataset"', "--param type: '\"Dataset\"' is not one of Method, Dataset"),
    ("type=Foo", "--param type: 'Foo' is not one of"),  # was "No results", exit 1
])
def test_sparql_a_type_parameter_must_name_a_class(kg, small_build, param, message):
    _one_line_error(kg("sparql", "top-entities", "-p", param, "--exports", small_build), message)


@pytest.mark.parametrize("value", ["<a b>", "http://x y", "<>"])
def test_sparql_an_invalid_iri_parameter_is_one_line(kg, small_build, value):
    """Was a ValueError traceback (exit 1)."""
    _one_line_error(kg("sparql", "papers-using", "-p", f"entity={value}", "--exports", small_build),
                    "is not a valid IRI")


@pytest.mark.parametrize("fmt, expected", [("csv", "x,y\n,1"), ("table", "x  y\n-  -\n   1")])
def test_sparql_unbound_variables_are_empty_cells(kg, small_build, fmt, expected):
    """An unbound variable printed as "None", the same as the literal "None"."""
    result = kg("sparql", "SELECT ?x ?y WHERE { BIND(1 AS ?y) }", "--exports", small_build, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip("\n") == expected


@pytest.mark.parametrize("content, reason", [
    ("{}", "no 'nodes' and 'edges' lists"),
    ("[]", "no 'nodes' and 'edges' lists"),
    ('{"nodes": [{"id": "a"}], "edges": []}', "a node without 'id' or 'kind'"),
    ("<html>", "malformed JSON at line 1, column 1"),
])
def test_a_damaged_graph_json_is_one_line_for_kg_view(kg, small_build, tmp_path, content, reason):
    """Was a JSONDecodeError, KeyError or AttributeError traceback."""
    exports = _copy(small_build, tmp_path)
    (exports / "graph.json").write_text(content, encoding="utf-8")
    _one_line_error(kg("view", "--exports", exports, "-o", tmp_path / "v.html"), "graph.json: not a graph.json "
                    "written by kg build", reason)


def test_kg_view_never_writes_over_the_builds_own_files(kg, small_build, tmp_path):
    """`-o exports/graph.json` wrote HTML over the file the view reads (exit 0); every later view failed."""
    exports = _copy(small_build, tmp_path)
    before = (exports / "graph.json").read_bytes()
    _one_line_error(kg("view", "--exports", exports, "-o", exports / "graph.json"), "give a .html name")
    assert (exports / "graph.json").read_bytes() == before
    assert kg("view", "--exports", exports, "-o", exports / "mine.html").exit_code == 0


@pytest.mark.parametrize("paper, message", [
    ("", "give a paper id or (part of) its title"),
    ("  ", "give a paper id or (part of) its title"),
    ("in", "'in' is part of several titles: "),  # Parsing, Cleaning: one of them was picked silently
])
def test_a_paper_name_must_say_which_paper(kg, small_build, paper, message):
    _one_line_error(kg("sparql", "entities-of-paper", "-p", f"paper={paper}", "--exports", small_build), message)


def test_a_paper_named_by_part_of_one_title_is_found(kg, small_build):
    result = kg("sparql", "entities-of-paper", "-p", "paper=Attention Is All", "--exports", small_build)
    assert result.exit_code in (0, 1), result.stderr  # found (its entities, or none)
    assert "several titles" not in result.stderr and "No paper" not in result.stderr


def test_rdf_xml_that_declares_entities_is_refused(kg, tmp_path):
    """Nested entities in a 737-byte file expanded to a 10-million-character literal (more levels would
    exhaust memory): the same protection as for input feeds (defusedxml)."""
    evil = tmp_path / "evil.rdf"
    evil.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY a "aaaaaaaaaa">\n'
                    ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
                    ' <rdf:Description rdf:about="http://example.org/x"><ex:p>&b;</ex:p></rdf:Description>\n</rdf:RDF>\n')
    _one_line_error(kg("sparql", "SELECT * WHERE { ?s ?p ?o }", "--graph", evil), "declares entities")
    plain = tmp_path / "plain.rdf"
    plain.write_text(evil.read_text().split("]>\n", 1)[1].replace("&b;", "text").replace(
        "<rdf:RDF", '<?xml version="1.0"?>\n<rdf:RDF', 1).split("\n", 1)[1])
    result = kg("sparql", "SELECT ?o WHERE { ?s ?p ?o }", "--graph", plain, "--format", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["o", "text"], result.stderr


def test_kg_view_writes_beside_the_graph_it_shows(kg, small_build, tmp_path):
    """The default output was exports/view.html whatever --exports said (a stray ./exports folder)."""
    exports = tmp_path / "build"
    shutil.copytree(small_build, exports)
    result = kg("view", "--exports", exports)
    assert result.exit_code == 0, result.stderr
    assert (exports / "view.html").stat().st_size > 0 and not (kg.cwd / "exports").exists()


def test_a_cache_damaged_during_a_parallel_first_pass_starts_once_again(tmp_path, monkeypatch):
    """With several jobs, the retried pass gives the same records and counts each paper once. (The
    failed pass's pool used to keep running during the retry, its feeder thread still counting papers;
    that race shows only with slow batches, as in the review's script, not reliably here.)"""
    import kg.extract as kx
    from kg.build import default_inputs
    from kg.extract.cache import CacheDamaged, ExtractCache
    from kg.ingest import read_papers

    papers = read_papers(default_inputs())[:60]
    expected = kx.extract(papers[:60])
    monkeypatch.setattr(kx, "CHUNK", 10)  # several chunks: the feeder has more to read when the pass fails
    put_many, calls = ExtractCache.put_many, []

    def damaged_once(self, items):
        calls.append(1)
        if len(calls) == 1:
            raise CacheDamaged(f"{self.path}: database disk image is malformed")
        return put_many(self, items)

    monkeypatch.setattr(ExtractCache, "put_many", damaged_once)
    stats = kx.ExtractStats()
    assert kx.extract(papers, cache_dir=tmp_path, jobs=2, stats=stats) == expected
    assert stats.papers == len(papers) and stats.extracted + stats.cached == len(papers)


def test_rdf_xml_entities_behind_padding_are_refused(kg, tmp_path):
    """Only the first MiB was looked at: a long comment before the DTD hid the declarations (review)."""
    padded = tmp_path / "pad.rdf"
    padded.write_text('<?xml version="1.0"?>\n<!--' + "x" * (1 << 21) + '-->\n<!DOCTYPE rdf:RDF [\n'
                      ' <!ENTITY a "aaaaaaaaaa">\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                      'xmlns:ex="http://example.org/">\n <rdf:Description rdf:about="http://example.org/x">'
                      '<ex:p>&a;</ex:p></rdf:Description>\n</rdf:RDF>\n')
    _one_line_error(kg("sparql", "SELECT * WHERE { ?s ?p ?o }", "--graph", padded), "declares entities")


@pytest.mark.parametrize("update", ["INSERT DATA { <http://x/file.load> <http://x/p> \"x\"@load }",
                                    "PREFIX ex: <http://x/> INSERT DATA { ex:file.load ex:p ex:web.x }"])
def test_words_like_load_inside_names_are_no_load(update):
    from kg.query.store import loads_document

    assert not loads_document(update)
    assert loads_document("CLEAR ALL ; LOAD <http://x/y>")
