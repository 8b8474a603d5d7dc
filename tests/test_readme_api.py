"""The README's Python API example runs as written (it once called `kg.build(...)`, which does not
exist: the function is `kg.build.build`)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from kg import resources

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_api_example_runs(tmp_path, monkeypatch):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in resources.seed_files()[1:3]:  # two daily-papers pages: enough, and quick
        shutil.copy(path, seeds / path.name)
    (tmp_path / "more.jsonl").write_text('{"id": "M1", "title": "ResNets on ImageNet", '
                                         '"abstract": "We train ResNet-50 on ImageNet."}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    assert (tmp_path / "imagenet.html").stat().st_size > 0
    assert (tmp_path / "exports" / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "rdf" / "graph.ttl").stat().st_size > 0
