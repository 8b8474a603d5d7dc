"""Killing `kg build` at random moments leaves the previous exports intact and readable, and a rerun
completes."""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest

from kg import resources


def digests(folder):
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def readable(folder):
    for line in (folder / "papers.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    for line in (folder / "extractions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder / "store"))
    assert bool(store.query("ASK { ?s ?p ?o }"))
    ox.Store().load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)


def stamp(folder):
    """The date stamp in graph.html, which tells which build wrote the exports."""
    return re.search(r'"generated":"([^"]*)"', (folder / "graph.html").read_text(encoding="utf-8")).group(1)


def dated(day):
    """An environment whose builds stamp their graph.html with 1970-01-`day`."""
    return {**os.environ, "SOURCE_DATE_EPOCH": str(86400 * (day - 1))}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupt_keeps_previous_exports(tmp_path, sig):
    """After an interruption the exports are the previous build's or, when the signal came during or
    after the final swap, the new build's: never a mix, never a half-written file."""
    seeds = [str(p) for p in resources.seed_files()]
    out = tmp_path / "exports"
    command = [sys.executable, "-m", "kg.cli.main", "build", *seeds, "--out", str(out), "--quiet", "--no-cache"]
    subprocess.run(command, check=True, capture_output=True, env=dated(1))
    before = digests(out)
    rng = random.Random(sig.value)
    for day in (2, 3, 4):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dated(day))
        time.sleep(rng.uniform(0.3, 4.0))
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        after = digests(out)
        if process.returncode == 0 or stamp(out) == f"1970-01-0{day} 00:00":  # the new build is in place
            assert {k: v for k, v in after.items() if k != "graph.html"} == \
                {k: v for k, v in before.items() if k != "graph.html"}, "a rebuild of the same input differs"
            before = after
        else:
            assert after == before, "an interrupted build changed the exports"
        readable(out)
        if sig != signal.SIGKILL:
            assert b"Traceback" not in stderr
            assert not list(out.glob(".staging-*")), "the staged outputs were not cleaned up"
    rerun = subprocess.run(command, capture_output=True)
    assert rerun.returncode == 0, rerun.stderr
    readable(out)
    assert not list(out.glob(".staging-*"))


def test_interrupt_during_commit_waits_for_the_whole_swap(tmp_path, monkeypatch):
    """Ctrl-C arriving between two renames of the commit must not leave old and new files mixed:
    it is delivered once every staged file is in place."""
    from kg.atomic import Staging

    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (out / name).write_text("old", encoding="utf-8")
    (out / "store").mkdir()
    (out / "store" / "data").write_text("old", encoding="utf-8")
    real_replace = os.replace
    calls = []

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)  # delivered to this thread, at once

    saved = signal.signal(signal.SIGINT, signal.default_int_handler)  # whatever an earlier test left
    try:
        with pytest.raises(KeyboardInterrupt):
            with Staging(out) as staging:
                for name in ("a.txt", "b.txt", "c.txt", "store/data"):
                    staging.path(name).write_text("new", encoding="utf-8")
                monkeypatch.setattr(os, "replace", replace_then_interrupt)
                staging.commit()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored after the swap
    finally:
        signal.signal(signal.SIGINT, saved)
        monkeypatch.undo()
    assert len(calls) == 5  # four renames into place, one of the old store aside
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()} == \
        {n: "new" for n in ("a.txt", "b.txt", "c.txt")}
    assert (out / "store" / "data").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt", "store"]  # no old store left
