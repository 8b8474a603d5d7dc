"""The HTML views in headless Chromium (Debian's, through Playwright): time until the layout is
stable and HTML size per node, for the seed view and a 2,000-node view of the 28K-abstract corpora.

Usage: python bench/view.py [--seed-export DIR] [--big-export DIR] [--nodes 2000]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def measure(browser, path: Path, runs: int = 3) -> dict:
    times = []
    nodes = 0
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.resolve().as_uri())
        for _ in range(600):
            if page.evaluate("window.kgReady === true"):
                break
            page.wait_for_timeout(50)
        times.append(page.evaluate("window.kgStableMs"))
        nodes = page.evaluate("window.kgNodes.length")
        assert all(u.startswith(("file://", "data:")) for u in requests), requests
        page.close()
    size = path.stat().st_size
    return {"file": str(path), "nodes": nodes, "stable_ms_median": sorted(times)[len(times) // 2],
            "stable_ms_runs": times, "html_kb": round(size / 1024), "kb_per_node": round(size / 1024 / max(nodes, 1), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-export", default=str(ROOT / "exports"))
    parser.add_argument("--big-export", default=str(Path(tempfile.gettempdir()) / "kg-bench" / "build-28k"))
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = {}
    big = Path(args.big_export)
    big_view = Path(tempfile.gettempdir()) / f"kg-view-{args.nodes}.html"
    if (big / "graph.json").exists():
        subprocess.run([sys.executable, "-m", "kg.cli.main", "view", "--exports", str(big), "--max-nodes",
                        str(args.nodes), "-o", str(big_view)], check=True, capture_output=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        out["seed"] = measure(browser, Path(args.seed_export) / "graph.html")
        if big_view.exists():
            out[f"{args.nodes}-node view of the 28K corpora"] = measure(browser, big_view)
        browser.close()
    for name, item in out.items():
        print(f"{name}: {item['nodes']:,} nodes, layout stable after {item['stable_ms_median']:.0f} ms "
              f"(runs {', '.join(f'{t:.0f}' for t in item['stable_ms_runs'])}), {item['html_kb']:,} KB HTML, "
              f"{item['kb_per_node']} KB per node")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
