"""`kg serve` under load: N concurrent clients run the named queries for S seconds on localhost.

Prints throughput, p50/p99 latency, errors and the memory of the server (and its query workers)
before and after. Usage: python bench/serve_load.py [--exports DIR] [--clients 50] [--seconds 60]
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the query workers)."""
    import psutil

    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1e6


def queries(exports: Path) -> list[str]:
    from kg.query.lookup import load_index
    from kg.rdf.iris import entity_iri
    from kg.rdf.queries import named_queries

    index = load_index(str(exports))
    top = max(index.entities.values(), key=lambda e: e.papers)
    dataset = max((e for e in index.entities.values() if e.type in ("Dataset", "Benchmark")), key=lambda e: e.papers)
    task = max((e for e in index.entities.values() if e.type == "Task"), key=lambda e: e.papers)
    values = {"entity": entity_iri(top.id), "dataset": entity_iri(dataset.id), "task": entity_iri(task.id),
              "type": "https://w3id.org/paper-kg/ontology#Dataset"}
    out = []
    for query in named_queries().values():
        if any(p == "paper" for p, _ in query.params):
            continue
        text = query.text
        if query.params:  # the endpoint takes plain SPARQL: bind with VALUES (IRIs we made ourselves)
            rows = " ".join(f"<{values[p]}>" for p, _ in query.params)
            names = " ".join(f"?{p}" for p, _ in query.params)
            text = text.replace("WHERE {", f"WHERE {{\n  VALUES ({names}) {{ ({rows}) }}", 1)
        out.append(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", default=str(ROOT / "exports"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    exports = Path(args.exports)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg.cli.main", "serve", "--exports", str(exports), "--port",
                               str(port), "--workers", str(args.workers), "--timeout", "30"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    texts = queries(exports)
    for text in texts:  # warm up, and check every query answers
        urllib.request.urlopen(url + "?query=" + urllib.parse.quote(text), timeout=60).read()
    before = rss_mb(server.pid)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def client(number: int) -> None:
        i = number
        while time.monotonic() < stop:
            text = texts[i % len(texts)]
            i += 1
            started = time.perf_counter()
            try:
                data = urllib.parse.urlencode({"query": text}).encode()
                with urllib.request.urlopen(url, data=data, timeout=60) as response:
                    response.read()
                    ok = response.status == 200
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                ok = False
                with lock:
                    errors.append(repr(exc)[:120])
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    after = rss_mb(server.pid)
    server.terminate()
    server.wait(timeout=30)
    latencies.sort()
    result = {"clients": args.clients, "seconds": round(elapsed, 1), "queries": len(latencies),
              "throughput_per_s": round(len(latencies) / elapsed, 1),
              "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
              "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1) if latencies else None,
              "errors": len(errors), "error_samples": errors[:5],
              "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1),
              "rss_growth_mb": round(after - before, 1)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
