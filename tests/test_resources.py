"""The data locator finds the same files from a checkout and from a built wheel."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg import resources

ROOT = Path(__file__).resolve().parent.parent


def test_resources_seeds_are_the_bundled_corpus():
    names = [p.name for p in resources.seed_files()]
    assert names == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert len(names) == 5


def test_resources_wheel_carries_the_runtime_data(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("paper_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert f"kg/_bundled/seeds/{seed.name}" in names
    assert "kg/data/gazetteer/README.md" in names
