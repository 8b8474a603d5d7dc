"""Named queries and the CLI questions on the seed export."""
from __future__ import annotations

import json

import pytest

from kg.rdf.queries import named_queries


def run(kg, *args):
    return kg(*args)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_queries_every_named_query_runs(kg, seed_export, name):
    params = {"entity": "ImageNet", "dataset": "ImageNet", "task": "image classification", "type": "Dataset",
              "paper": "LOOK"}
    if name == "papers-proposing":
        params["entity"] = "OW-DFA"
    query = named_queries()[name]
    args = ["sparql", name, "--exports", seed_export, "--format", "json"]
    for param, _ in query.params:
        args += ["--param", f"{param}={params[param]}"]
    result = run(kg, *args)
    if name == "usage-by-year":  # the seed pages give no years: nothing to count, exit code 1
        assert result.exit_code == 1 and json.loads(result.stdout) == []
        return
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(isinstance(r, dict) for r in rows)


def test_queries_list(kg):
    result = kg("sparql", "--list")
    assert result.exit_code == 0 and "papers-using" in result.stdout and "entity" in result.stdout


def papers(kg, exports, *args):
    result = kg("papers", *args, "--exports", exports, "--format", "json")
    return result, (json.loads(result.stdout) if result.exit_code == 0 else [])


def expected(records, entity_ids, roles=None):
    """Papers whose extraction record gives one of the entities a role other than mentions."""
    roles = roles or {"proposes", "uses", "evaluates_on", "compares_with", "addresses", "reports"}
    return {r["id"] for r in records for e in r["entities"] if e["id"] in entity_ids and set(e["roles"]) & roles}


@pytest.mark.parametrize("name, entity_ids", [
    ("ImageNet-1K", {"dataset/imagenet-1k"}),
    ("GLUE", {"benchmark/glue"}),
    ("CLIP", {"method/clip"}),
    ("BERT", {"method/bert"}),
    ("COCO", {"dataset/coco"}),
    ("CIFAR-10", {"dataset/cifar-10"}),
    ("image classification", {"task/image-classification"}),
    ("accuracy", {"metric/accuracy"}),
    ("semantic segmentation", {"task/semantic-segmentation"}),
    ("Transformer", {"method/transformer"}),
])
def test_queries_papers_using_match_the_extractions(kg, seed_export, seed_records, name, entity_ids):
    result, rows = papers(kg, seed_export, "--uses", name, "--exact")
    assert result.exit_code == 0, result.stderr
    assert {r["paper"] for r in rows} == expected(seed_records, entity_ids)


def test_queries_variants_are_included_unless_exact(kg, seed_export, seed_records):
    graph = json.loads((seed_export / "entities.json").read_text())
    variants = {"dataset/imagenet"}  # and the variants of its variants ("Split ImageNet-R" of ImageNet-R)
    while True:
        more = {e["id"] for e in graph["entities"] if e.get("variant_of") in variants} - variants
        if not more:
            break
        variants |= more
    assert {"dataset/imagenet-1k", "dataset/split-imagenet-r"} <= variants
    _, all_rows = papers(kg, seed_export, "--uses", "imagenet")
    _, exact_rows = papers(kg, seed_export, "--uses", "ImageNet", "--exact")
    assert {r["paper"] for r in all_rows} == expected(seed_records, variants)
    assert {r["paper"] for r in exact_rows} == expected(seed_records, {"dataset/imagenet"})
    titles = {r["title"] for r in all_rows} - {r["title"] for r in exact_rows}
    assert "Rethinking Pretraining as a Bridge from ANNs to SNNs" in titles  # it uses ImageNet-1K


def test_queries_role_narrows_and_any_includes_mentions(kg, seed_export, seed_records):
    _, proposing = papers(kg, seed_export, "--uses", "ImageNet", "--exact", "--role", "evaluates_on")
    _, any_role = papers(kg, seed_export, "--uses", "ImageNet", "--exact", "--role", "any")
    _, default = papers(kg, seed_export, "--uses", "ImageNet", "--exact")
    assert {r["paper"] for r in proposing} == expected(seed_records, {"dataset/imagenet"}, {"evaluates_on"})
    assert len(any_role) > len(default) >= len(proposing)


@pytest.mark.parametrize("name", ["imagenet", "IMAGENET", "Image-Net", "image net"])
def test_queries_name_lookup_ignores_case_hyphens_spaces(kg, seed_export, name):
    result, rows = papers(kg, seed_export, "--uses", name, "--exact")
    assert result.exit_code == 0 and rows


def test_queries_unknown_name_suggests(kg, seed_export):
    result = kg("papers", "--uses", "Imagenet-2K", "--exports", seed_export)
    assert result.exit_code == 1
    assert result.stderr.strip() == "kg: error: No entity named 'Imagenet-2K'. Did you mean: ImageNet-21K, ImageNet-1K, Downsampled ImageNet?"


def test_queries_show_query(kg, seed_export):
    result = kg("papers", "--uses", "ImageNet", "--exports", seed_export, "--show-query")
    assert result.exit_code == 0 and "SELECT DISTINCT ?entity ?paper" in result.stdout


@pytest.mark.parametrize("value", ['x" } UNION { ?s ?p ?o } #', "}}}", "# comment", "ImageNet' ; DROP"])
def test_queries_malicious_parameter_leaves_the_query_unchanged(kg, seed_export, value):
    from kg.query.store import open_store, select
    import pyoxigraph as ox

    query = named_queries()["papers-using"].text
    term = ox.Literal(value)
    answer = select(open_store(seed_export), query, {"entity": term})
    inserted = f"\n  VALUES (?entity) {{ ({term}) }}"
    assert inserted in answer.query and answer.query.replace(inserted, "", 1) == query
    assert answer.rows == []
    result = kg("sparql", "papers-using", "--param", f"entity={value}", "--exports", seed_export)
    assert result.exit_code == 1 and "No entity named" in result.stderr


@pytest.mark.parametrize("params, message", [
    (["entity=ImageNet", "entity=MNIST"], "--param entity is given twice"),  # the last one silently won
    (["entity="], "--param entity: the value is empty"),  # it was exit 1, "nothing found"
])
def test_queries_a_parameter_given_twice_or_empty_is_bad_usage(kg, seed_export, params, message):
    args = [arg for param in params for arg in ("--param", param)]
    result = kg("sparql", "papers-using", *args, "--exports", seed_export)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("text", ["SELEC * WHERE {?s ?p ?o}", "SELEC\n*", "foo?", "{?s ?p ?o}"])
def test_queries_a_malformed_query_is_a_syntax_error_not_an_unknown_name(kg, seed_export, text):
    # 'SELEC * WHERE {?s ?p ?o}' said "No named query 'SELEC * WHERE {?s ?p ?o}'", exit 1
    result = kg("sparql", text, "--exports", seed_export)
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: SPARQL syntax error:")
    assert "named query" not in result.stderr
    unknown = kg("sparql", "papers-usin", "--exports", seed_export)
    assert unknown.exit_code == 1 and "No named query 'papers-usin'. Did you mean: papers-using" in unknown.stderr
    spaced = kg("sparql", "papers using", "--exports", seed_export)  # a name with a space is still a name
    assert spaced.exit_code == 1 and "Did you mean: papers-using" in spaced.stderr
    missing = kg("sparql", "my query.sparql", "--exports", seed_export)
    assert missing.exit_code == 2 and missing.stderr == "kg: error: my query.sparql: no such file\n"


@pytest.mark.parametrize("question, column, expect", [
    ("which papers use ImageNet?", "title", "Rethinking Pretraining as a Bridge from ANNs to SNNs"),
    ("Which papers propose OW-DFA?", "title", "Contrastive Pseudo Learning for Open-World DeepFake Attribution"),
    ("which papers evaluate on ImageNet-1K?", "title", "TinyViT: Fast Pretraining Distillation for Small Vision Transformers"),
    ("which methods are evaluated on ImageNet?", "label", None),
    ("which metrics are reported on ImageNet?", "label", "top-1 accuracy"),
    # a task (a user's question; it took only datasets and answered "No results")
    ("what metrics are reported for semantic segmentation?", "label", "mean intersection over union"),
    ("what are the most used datasets for image classification?", "label", None),
    ("which datasets does TinyViT use?", "name", "ImageNet-21K"),
    ("which papers compare with BERT?", "title", None),
])
def test_queries_ask(kg, seed_export, question, column, expect):
    result = kg("ask", question, "--exports", seed_export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    if expect:
        assert expect in {r[column] for r in rows}


def test_queries_ask_unparsed_lists_the_forms(kg, seed_export):
    result = kg("ask", "how tall is BERT?", "--exports", seed_export)
    assert result.exit_code == 2
    assert "supported forms" in result.stderr and "which papers use ImageNet?" in result.stderr


def test_queries_entity_report(kg, seed_export):
    result = kg("entity", "imagenet", "--exports", seed_export, "--format", "json")
    report = json.loads(result.stdout)
    assert report["type"] == "Dataset" and "ImageNet-1K" in report["variants"]
    assert report["papers"] >= 10 and report["evidence"][0]["evidence"]
    # the relations sentences state ("the original ResNet-50 on ImageNet", "top-1 accuracy on ImageNet")
    assert "ResNet-50" in report["relations"]["methods evaluated on it"]
    assert "top-1 accuracy" in report["relations"]["metrics for it"]
    table = kg("entity", "imagenet", "--exports", seed_export).stdout
    assert "methods evaluated on it: " in table


def test_queries_entity_counts_say_what_they_count(kg, seed_export):
    """A user trial: "papers: 7 (mentions 5, uses 2, compares_with 1)" summed to 8; the line now says
    which papers only mention the entity and that a paper may have several roles."""
    report = json.loads(kg("entity", "GPT-4", "--exports", seed_export, "--format", "json").stdout)
    passing = sum(1 for e in report["evidence"] if e["roles"] == ["mentions"])
    assert passing
    line = next(l for l in kg("entity", "GPT-4", "--exports", seed_export).stdout.splitlines() if l.startswith("papers:"))
    assert f"; {passing} only mention it" in line and "mentions" not in line
    assert line.startswith(f"papers: {report['papers']} (")


@pytest.mark.parametrize("command", [["entity", "CPL"], ["papers", "--uses", "CPL"], ["view", "--focus", "CPL"]])
def test_queries_an_ambiguous_name_says_what_else_it_names(kg, seed_export, tmp_path, command):
    """A user trial: 'CPL' (two methods in the seeds) answered for one and never mentioned the other;
    an id asks for one of them without a note."""
    extra = ["-o", tmp_path / "v.html"] if command[0] == "view" else []
    result = kg(*command, "--exports", seed_export, *extra)
    assert result.exit_code == 0
    assert "also names Contrastive Pseudo Learning (Method, id method/contrastive-pseudo-learning)" in result.stderr
    by_id = kg(*command[:-1], "method/contrastive-pseudo-learning", "--exports", seed_export, *extra)
    assert by_id.exit_code == 0 and "also names" not in by_id.stderr


def test_queries_a_variant_is_no_other_meaning(kg, seed_export):
    """A review's finding: 'Mixtral' noted that it also names Mixtral 8x7B, its variant, whose papers
    the answer includes."""
    from kg.query.lookup import load_index

    assert "method/mixtral-8x7b" in [f.id for f in load_index(seed_export).resolve("Mixtral")]  # the name is shared
    result = kg("papers", "--uses", "Mixtral", "--exports", seed_export)
    assert result.exit_code == 0 and "also names" not in result.stderr


def test_queries_top_and_stats(kg, seed_export):
    top = json.loads(kg("top", "datasets", "--n", "3", "--exports", seed_export, "--format", "json").stdout)
    assert top[0]["name"] == "ImageNet" and len(top) == 3
    stats = {r["what"]: r["count"] for r in json.loads(kg("stats", "--exports", seed_export, "--format", "json").stdout)}
    assert stats["papers"] == 350 and stats["evidence nodes"] > stats["role assertions"] > 1000


def test_queries_missing_export(kg):
    result = kg("papers", "--uses", "ImageNet", "--exports", "nowhere")
    assert result.exit_code == 2 and "no built export here" in result.stderr


def test_queries_papers_table_answers_like_sparql(seed_export, monkeypatch):
    """`kg papers` reads the build's papers.sqlite: the rows of the SPARQL query, in its order, for
    every role filter, with and without variants (the seeds' 60 most used entities)."""
    import kg.query.api as api

    ctx = api.Context(exports=str(seed_export))
    assert (seed_export / "papers.sqlite").is_file()
    names = [e.name for e in sorted(ctx.index.entities.values(), key=lambda e: -e.papers)[:60]]
    for name in names:
        for role in (None, "any", "uses", "mentions", "evaluates_on", "proposes"):
            for exact in (False, True):
                _, fast = api.papers_with(ctx, name, role, exact)
                with monkeypatch.context() as patch:
                    patch.setattr(api, "has_index", lambda exports: False)
                    _, slow = api.papers_with(ctx, name, role, exact)
                assert fast.rows == slow.rows, (name, role, exact)


def test_queries_papers_table_in_a_folder_with_uri_characters(seed_export, tmp_path):
    """papers.sqlite is opened read-only by its file URI: '#' or '?' in the folder name change nothing."""
    import shutil

    import kg.query.api as api

    odd = tmp_path / "build #1?x=y"
    shutil.copytree(seed_export, odd)
    names = [e.name for e in sorted(api.Context(exports=str(odd)).index.entities.values(), key=lambda e: -e.papers)[:3]]
    for name in names:
        _, here = api.papers_with(api.Context(exports=str(odd)), name)
        _, there = api.papers_with(api.Context(exports=str(seed_export)), name)
        assert here.rows == there.rows and here.rows
    assert sorted(p.name for p in odd.parent.iterdir()) == ["build #1?x=y"]


def test_parameters_bind_outside_comments_and_in_a_subquery_first():
    import pyoxigraph as ox

    from kg.query.store import bind_values

    query = ('# the first WHERE { here is a comment\nSELECT ?x ?n ("#1" AS ?h) { { SELECT ?x (COUNT(*) AS ?n) '
             'WHERE { ?x ?p ?o } GROUP BY ?x } FILTER (?x != <http://e/#WHERE>) }')
    bound = bind_values(query, {"x": ox.NamedNode("http://e/1")})
    assert bound.startswith("# the first WHERE { here is a comment\n")
    assert "WHERE {\n  VALUES (?x) { (<http://e/1>) } ?x ?p ?o }" in bound


def test_counted_then_labelled_queries_bind_their_parameter(seed_export):
    """co-used-datasets and top-datasets-for-task count in a subquery: the parameter must reach it (an
    unbound subquery would count the co-used datasets of every dataset, and give other rows)."""
    import pyoxigraph as ox

    from kg.query.store import open_store, select
    from kg.rdf.queries import named_query

    store = open_store(seed_export)
    imagenet = ox.NamedNode("https://w3id.org/paper-kg/id/dataset/imagenet")
    answer = select(store, named_query("co-used-datasets").text, {"dataset": imagenet})
    assert answer.rows and {row[0] for row in answer.rows} == {imagenet.value}
    assert "VALUES" in answer.query.split("SELECT", 2)[2]  # inside the subquery


@pytest.mark.parametrize("name, param", [("co-used-datasets", "dataset"), ("top-datasets-for-task", "task")])
def test_counted_queries_find_nothing_for_an_unknown_entity_in_rdflib_too(seed_export, name, param):
    """rdflib gives an empty GROUP BY one unbound row; without the BOUND filter the outer pattern would
    then list every dataset."""
    import rdflib

    from kg.rdf.queries import named_query

    graph = rdflib.Graph().parse(seed_export / "graph.nt", format="nt")
    unknown = rdflib.URIRef("https://w3id.org/paper-kg/id/dataset/no-such-dataset")
    assert list(graph.query(named_query(name).text, initBindings={param: unknown})) == []


@pytest.mark.parametrize("n", ["0", "-1"])
def test_query_top_needs_a_positive_count(kg, seed_export, n):
    """"--n -1" cut rows from the end of the list; a count below one is a usage error."""
    result = kg("top", "datasets", "--n", n, "--exports", seed_export)
    assert result.exit_code == 2 and "Invalid value for '--n'" in result.stderr, result.stderr


def test_queries_proposing_a_variant_is_not_proposing_the_entity(kg, seed_export, seed_records):
    # found by a user: "which papers propose CLIP?" listed ProtoCLIP, GrowCLIP and other papers proposing a variant,
    # while the named query and 'kg papers --exact' found none
    variants = {e["id"] for r in seed_records for e in r["entities"] if e.get("variant_of") == "method/clip"}
    assert variants and expected(seed_records, variants, {"proposes"})
    result = kg("ask", "which papers propose CLIP?", "--exports", seed_export, "--format", "json")
    assert result.exit_code == 1 and "No results" in result.stderr
    _, rows = papers(kg, seed_export, "--uses", "CLIP", "--role", "proposes")
    assert {r["paper"] for r in rows} == expected(seed_records, {"method/clip"}, {"proposes"}) == set()


@pytest.mark.parametrize("question, title", [
    # found by a user: the most natural phrasings named no entity
    ("which papers use the COCO dataset?", "FrozenSeg: Harmonizing Frozen Foundation Models for Open-Vocabulary "
                                           "Segmentation"),
    ("which papers evaluate on the GLUE benchmark?", "BART: Denoising Sequence-to-Sequence Pre-training for Natural "
                                                     "Language Generation, Translation, and Comprehension"),
    ("which papers use The Pile?", None),  # a name that starts with "The" is still found whole
])
def test_queries_ask_names_written_with_the_and_a_type_word(kg, seed_export, question, title):
    result = kg("ask", question, "--exports", seed_export, "--format", "json")
    assert result.exit_code == 0, result.stderr
    titles = {r["title"] for r in json.loads(result.stdout)}
    assert titles and (title is None or title in titles)


def test_queries_sparql_over_a_graph_file_finds_entities_by_name(kg, seed_export):
    # found by a user: with --graph a name was bound as a string literal and matched nothing (exit 1, "No results")
    by_store = kg("sparql", "papers-using", "--param", "entity=ImageNet", "--exports", seed_export, "--format", "json")
    graph = str(seed_export / "graph.ttl")
    for value in ("ImageNet", "imagenet", "dataset/imagenet"):
        by_file = kg("sparql", "papers-using", "--param", f"entity={value}", "--graph", graph, "--format", "json")
        assert by_file.exit_code == 0, by_file.stderr
        assert sorted(map(str, json.loads(by_file.stdout))) == sorted(map(str, json.loads(by_store.stdout)))
    unknown = kg("sparql", "papers-using", "--param", "entity=NoSuchThing", "--graph", graph)
    assert unknown.exit_code == 1 and "No entity named 'NoSuchThing'" in unknown.stderr


def test_queries_sparql_over_a_graph_file_binds_own_query_parameters_as_literals(kg, seed_export, tmp_path):
    # a review's case: with --graph, a parameter of one's own query was looked up as an entity name
    query = tmp_path / "titles.rq"
    query.write_text("PREFIX dct: <http://purl.org/dc/terms/>\nSELECT ?paper ?title WHERE { ?paper dct:title ?title . "
                     "FILTER(CONTAINS(LCASE(?title), ?word)) }\n", encoding="utf-8")
    for where in (["--graph", str(seed_export / "graph.ttl")], ["--exports", str(seed_export)]):
        result = kg("sparql", str(query), "--param", "word=distillation", *where, "--format", "json")
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)
        assert rows and all("distillation" in row["title"].lower() for row in rows)


def test_queries_own_query_literal_parameter_that_names_an_entity_gets_a_note(kg, seed_export):
    # a user's case: --param x=CIFAR-10 in a query given as text is the string "CIFAR-10"; "No results", nothing more
    query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { ?x skos:prefLabel ?l }"
    for value in ("CIFAR-10", "dataset/cifar-10"):
        result = kg("sparql", query, "--param", f"x={value}", "--exports", seed_export)
        assert result.exit_code == 1
        note, error = result.stderr.splitlines()
        assert note.startswith(f"kg: note: --param x is bound as the string {value!r}; for the entity dataset/cifar-10 "
                               "give its IRI <https://w3id.org/paper-kg/id/dataset/cifar-10>, or save the query as a "
                               ".rq file with '# name: ...' and '# param: x - ...' header lines")
        assert error == "kg: error: No results."
    result = kg("sparql", query, "--param", "x=cifar10", "--exports", seed_export)  # not exactly a name: no note
    assert result.exit_code == 1 and result.stderr == "kg: error: No results.\n"
    result = kg("sparql", query, "--param", "x=https://w3id.org/paper-kg/id/dataset/cifar-10", "--exports", seed_export)
    assert result.exit_code == 0 and "CIFAR-10" in result.stdout
    assert "string literal" in " ".join(kg("sparql", "--help").stdout.split())


def test_queries_sparql_over_a_graph_file_takes_the_entity_named_so_first(kg, seed_export):
    # a second review's case: "Mixtral" is the name of one entity and an alias of Mixtral 8x7B, which has more papers
    graph = str(seed_export / "graph.ttl")
    for value in ("Mixtral", "ImageNet"):
        by_file = kg("sparql", "entity-evidence", "--param", f"entity={value}", "--graph", graph, "--format", "json")
        by_index = kg("sparql", "entity-evidence", "--param", f"entity={value}", "--exports", seed_export,
                      "--format", "json")
        assert by_file.exit_code == by_index.exit_code and by_file.stdout == by_index.stdout, value


def test_queries_a_name_whose_type_word_is_its_own(kg, seed_export):
    # a review's case: "the Human ChatGPT Comparison Corpus" lost both "the" and "Corpus", and was not found
    result = kg("ask", "which papers use the Human ChatGPT Comparison Corpus?", "--exports", seed_export)
    assert result.exit_code == 0, result.stderr


def test_queries_select_star_columns_follow_the_query(kg, seed_export):
    """A user trial: `SELECT *` printed the columns `o p s` (Oxigraph sorts them), not the query's `s p o`."""
    done = kg("sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--exports", seed_export, "--format", "csv")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[0] == "s,p,o"


def test_projection_order_only_reorders_the_outer_select_star():
    from kg.query.store import projection_order

    assert projection_order("SELECT * { ?s <http://a?o> $p ; ?q 'x ?z' }", ["p", "q", "s"]) == ["s", "p", "q"]
    assert projection_order("SELECT ?o ?s WHERE { ?s ?p ?o }", ["o", "s"]) == ["o", "s"]
    assert projection_order("SELECT ?z WHERE { { SELECT * { ?a ?b ?z } } }", ["z"]) == ["z"]
