"""Parallel, cached and incremental builds give the same exports as a plain full build."""
from __future__ import annotations

import json
import shutil

import pytest

from kg import resources
from kg.build import build
from kg.errors import UsageError
from kg.extract import ExtractStats, extract
from kg.ingest import read_papers

COMPARED = ("papers.jsonl", "extractions.jsonl", "graph.nt", "graph.json", "entities.json")


def same_exports(a, b):
    for name in COMPARED:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def seed_papers():
    return read_papers(resources.seed_files())


@pytest.mark.parametrize("parallel_second_pass", [False, True])
def test_builds_jobs_output_is_byte_identical(seed_papers, monkeypatch, parallel_second_pass):
    import kg.extract

    # large inputs run the second pass (corpus links, roles, records) on the jobs too
    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0 if parallel_second_pass else 10 ** 9)
    one = extract(seed_papers, jobs=1)
    two = extract(seed_papers, jobs=2)
    assert json.dumps(one, ensure_ascii=False) == json.dumps(two, ensure_ascii=False)


def test_builds_jobs_exports_are_byte_identical(tmp_path, monkeypatch):
    import kg.extract

    # the workers of the parallel second pass also serialise the records and render the graph
    monkeypatch.setattr(kg.extract, "PARALLEL_SECOND_PASS", 0)
    seeds = resources.seed_files()
    build(seeds, tmp_path / "one", quiet=True, html=False, jobs=1)
    build(seeds, tmp_path / "two", quiet=True, html=False, jobs=2)
    same_exports(tmp_path / "one", tmp_path / "two")


def test_builds_leave_the_garbage_collector_as_they_found_it(seed_papers, tmp_path):
    import gc

    before = gc.get_threshold()
    extract(seed_papers[:20])
    build(resources.seed_files(), tmp_path / "out", quiet=True, html=False)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_builds_update_equals_full_rebuild(tmp_path):
    seeds = resources.seed_files()
    full, incremental = tmp_path / "full", tmp_path / "incremental"
    build(seeds, full, quiet=True, html=False, cache=False)
    build(seeds[:3], incremental, quiet=True, html=False)
    report = build(seeds[3:], incremental, quiet=True, html=False, update=True)
    same_exports(full, incremental)
    assert report.extract.cached > 0 and report.extract.extracted < report.extract.papers


def test_builds_unchanged_input_is_up_to_date(tmp_path):
    seeds = resources.seed_files()[:2]
    out = tmp_path / "out"
    first = build(seeds, out, quiet=True, html=False)
    assert not first.up_to_date and first.extract.extracted == first.extract.papers
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build(seeds, out, quiet=True, html=False)
    assert again.up_to_date
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == before


def test_builds_touched_exports_are_rebuilt_from_the_cache(tmp_path):
    seeds = resources.seed_files()[:2]
    out = tmp_path / "out"
    build(seeds, out, quiet=True, html=False)
    (out / "graph.ttl").unlink()
    again = build(seeds, out, quiet=True, html=False)
    assert not again.up_to_date and (out / "graph.ttl").exists()
    assert again.extract.extracted == 0 and again.extract.cached == again.extract.papers


def test_builds_changed_input_or_options_are_not_up_to_date(tmp_path):
    source = resources.seed_files()[0]
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    out = tmp_path / "out"
    build([copy], out, quiet=True, html=False)
    assert not build([copy], out, quiet=True, html=True).up_to_date  # another option
    assert (out / "graph.html").exists()
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert not build([copy], out, quiet=True, html=True).up_to_date  # another input
    assert build([copy], out, quiet=True, html=True).up_to_date


def test_builds_gazetteer_change_invalidates_only_affected_papers(tmp_path, seed_papers):
    papers = seed_papers[:120]
    cache = tmp_path / "cache"
    extract(papers, cache_dir=cache)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"name": "Leaner-Glue", "type": "Benchmark"}) + "\n")
    stats = ExtractStats()
    records = extract(papers, cache_dir=cache, gazetteers=[extra], stats=stats)
    affected = [p for p in papers if "leaner-glue" in (p.title + p.abstract).lower()]
    assert 0 < stats.invalidated == stats.extracted == len(affected) < len(papers)
    hit = next(r for r in records if any(e["id"] == "benchmark/leaner-glue" for e in r["entities"]))
    assert hit["id"] == affected[0].id
    # and the result is what a build without the cache gives
    assert json.dumps(records) == json.dumps(extract(papers, gazetteers=[extra]))


def test_builds_update_needs_an_earlier_build(kg, formats_dir):
    result = kg("build", "--update", formats_dir / "papers.csv", "--out", "nothing-here")
    assert result.exit_code == 2 and "no earlier build to update" in result.stderr


def test_builds_skip_optional_exports_and_remove_stale_ones(tmp_path, kg):
    source = resources.seed_files()[0]
    full, out = tmp_path / "full", tmp_path / "out"
    build([source], full, quiet=True, html=False)
    build([source], out, quiet=True)
    assert (out / "graph.html").exists() and (out / "store").is_dir()
    report = build([source], out, quiet=True, skip=["jsonld", "store", "graph-json", "html"])
    assert not report.up_to_date  # other options
    names = {p.name for p in out.iterdir()}
    assert not names & {"graph.jsonld", "store", "graph.json", "graph.html"}  # not left from the earlier build
    assert {"graph.nt", "graph.ttl", "extractions.jsonl", "entities.json", "papers.sqlite"} <= names
    for name in ("graph.nt", "graph.ttl", "extractions.jsonl", "entities.json"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
    # the questions that need the store say so; those answered from papers.sqlite still work
    result = kg("top", "datasets", "--exports", str(out))
    assert result.exit_code == 2 and "--skip store" in result.stderr
    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text().splitlines()]
    used = next(e["name"] for r in records for e in r["entities"] if e["role"] == "uses")
    assert kg("papers", "--uses", used, "--exports", str(out)).exit_code == 0
    with pytest.raises(UsageError, match="cannot skip 'turtle'"):
        build([source], out, quiet=True, skip=["turtle"])
