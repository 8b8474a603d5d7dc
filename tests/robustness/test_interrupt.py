"""Killing `kg build` at random moments leaves the previous exports intact and readable, and a rerun
completes."""
from __future__ import annotations

import hashlib
import json
import random
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


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupt_keeps_previous_exports(tmp_path, sig):
    seeds = [str(p) for p in resources.seed_files()]
    out = tmp_path / "exports"
    command = [sys.executable, "-m", "kg.cli.main", "build", *seeds, "--out", str(out), "--quiet", "--no-cache"]
    subprocess.run(command, check=True, capture_output=True)
    before = digests(out)
    rng = random.Random(sig.value)
    for _ in range(3):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 4.0))
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        after = digests(out)
        if process.returncode == 0:  # finished before the signal: a complete new build
            before = after
            continue
        assert after == before, "an interrupted build changed the exports"
        readable(out)
        if sig != signal.SIGKILL:
            assert b"Traceback" not in stderr
            assert not list(out.glob(".staging-*")), "the staged outputs were not cleaned up"
    rerun = subprocess.run(command, capture_output=True)
    assert rerun.returncode == 0, rerun.stderr
    readable(out)
    assert not list(out.glob(".staging-*"))
