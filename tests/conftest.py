"""Shared fixtures: paths to the bundled seeds and test data, a CLI runner, the shared eval data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
_CANDIDATES = [os.environ.get("KG_SHARED"), ROOT.parent / "shared", "/work/shared"]
SHARED = next((Path(c) for c in _CANDIDATES if c and (Path(c) / "eval").is_dir()), ROOT.parent / "shared")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def formats_dir() -> Path:
    return DATA / "formats"


@pytest.fixture
def shared_dir() -> Path:
    """../shared (seeds, gold data, corpora); tests that need it skip when it is absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set KG_SHARED); a user's clone does not have it")
    return SHARED


class KG:
    """Runs `kg` in-process with click's runner; returns (exit code, stdout, stderr)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str):
        runner = CliRunner()
        old = os.getcwd()
        os.chdir(self.cwd)
        try:
            result = runner.invoke(cli, [str(a) for a in args], prog_name="kg", catch_exceptions=False)
        finally:
            os.chdir(old)
        return result


@pytest.fixture
def kg(tmp_path: Path) -> KG:
    """`kg(...)` run in a fresh temporary folder."""
    return KG(tmp_path)


@pytest.fixture(scope="session")
def seed_export(tmp_path_factory) -> Path:
    """The bundled seeds built once into a temporary exports folder (shared by the graph, RDF, query
    and view tests)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-export") / "exports"
    build(out=out, quiet=True)
    return out


@pytest.fixture(scope="session")
def seed_records(seed_export) -> list[dict]:
    import json

    return [json.loads(line) for line in (seed_export / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
