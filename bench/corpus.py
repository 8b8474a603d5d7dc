"""The benchmark inputs: the seeds, the 28K real abstracts in ../shared/corpora/, and that corpus
replicated ten times (280K) with titles and ids made unique."""
from __future__ import annotations

import json
from pathlib import Path

from common import ROOT, require_shared


def seeds() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.txt"))


def corpus_28k() -> list[Path]:
    root = require_shared() / "corpora"
    return [root / "acl_anthology_abstracts", root / "ml_conference_abstracts"]


def corpus_replicated(folder: Path, copies: int = 10) -> list[Path]:
    """The 28K corpus `copies` times, as one JSON Lines file (written once, reused)."""
    path = folder / f"corpus-x{copies}.jsonl"
    if path.exists():
        return [path]
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for source in corpus_28k():
                for part in sorted(source.glob("*.jsonl")):
                    with open(part, encoding="utf-8") as handle:
                        for line in handle:
                            record = json.loads(line)
                            if copy:  # a distinct paper: its own id and title, no shared DOI or arXiv id
                                record["id"] = f"{record.get('id')}#copy{copy}"
                                record["title"] = f"{record.get('title') or ''} (copy {copy})"
                                for key in ("doi", "arxiv_id", "url"):
                                    record.pop(key, None)
                            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return [path]
