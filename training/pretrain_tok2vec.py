"""Pretrain the NER's tok2vec on in-domain raw text (spaCy's `pretrain`, characters objective).

Two steps, both reproducible (no randomness beyond the config's seed):

  text      writes the raw text (JSONL, {"text": ...} a line) from the ACL Anthology abstracts in
            shared/corpora/acl_anthology_abstracts/
  pretrain  runs spaCy's pretraining with training/ner.cfg's [pretraining] block on that text and writes
            one weights file per epoch (model0.bin ...); `train_ner.py --init-tok2vec FILE` starts the
            NER's tok2vec from one of them

Licence. The ACL Anthology states that its materials published in or after 2016 are CC BY 4.0 and
those before 2016 CC BY-NC-SA 3.0 (shared/corpora/acl_anthology_abstracts/README.md, from the
Anthology's copyright FAQ). Only records with year >= 2016 are used (older ones are skipped on
their year field before their text is touched), so the text and anything derived from it (the
pretrained weights, and a model initialised from them) need only attribution: "ACL Anthology
(https://aclanthology.org), abstracts 2016-2021, CC BY 4.0". shared/corpora/ml_conference_abstracts/ states no licence and is never read either.
Neither the raw text nor the weights files are shipped: only the trained NER model is.

Text of a record: title + "\\n" + abstract. Skipped: records tagged French or Chinese, records whose
letters are under 97% ASCII or whose words are under 10% English function words (the French
and Chinese ones the tags miss), abstracts under 200 characters (placeholders such as "Binary file
... matches"), and every record that contains an evaluation sentence (decontamination): after
lower-casing and deleting all whitespace, an abstract is dropped if it contains any sentence longer
than 40 characters of
  - TDMSci test (shared/eval/tdmsci/test.jsonl; only its "text" field is read: no labels),
  - kg's seed development set (tests/data/devset/gold.jsonl; only "title" and "abstract"),
  - the TDMSci dev split that train_ner.py holds out of TDMSci train (its texts only), so that the
    dev F1 that decides between models is not helped by having seen its sentences.
The records kept are written in a fixed order (sorted by a hash of the record id: the reader does not
shuffle, and the parts are sorted by year).

Usage:
  python training/pretrain_tok2vec.py text --shared ../shared --out /tmp/ner-exp/raw.jsonl
  python training/pretrain_tok2vec.py pretrain --text /tmp/ner-exp/raw.jsonl --out /tmp/ner-exp/pretrain \\
      --epochs 2
  python training/train_ner.py --shared ../shared --init-tok2vec /tmp/ner-exp/pretrain/model1.bin
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACL = "corpora/acl_anthology_abstracts"
MIN_YEAR = 2016  # CC BY 4.0 from 2016 on; earlier records are CC BY-NC-SA 3.0 and never read
SKIP_LANGUAGES = {"fra", "zho"}
FUNCTION_WORDS = frozenset("the of and to in is we for that this with on a an are by as from our be which it".split())
MIN_SENTENCE = 40  # characters: shorter evaluation sentences are too generic to count as a leak
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")


def squash(text: str) -> str:
    """Lower case without any whitespace, so spacing and line breaks never hide a match."""
    return re.sub(r"\s+", "", text.lower())


def english(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or sum(ch.isascii() for ch in letters) / len(letters) < 0.97:
        return False
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and sum(w in FUNCTION_WORDS for w in words) / len(words) >= 0.10


def eval_sentences(shared: Path) -> dict[str, list[str]]:
    """The evaluation sentences (texts only, never labels) that must not be in the raw text."""
    sys.path.insert(0, str(HERE))
    from train_ner import held_out  # the same hash split as the NER's dev set

    found: dict[str, list[str]] = {"tdmsci-test": [], "devset": [], "tdmsci-dev": []}
    with (shared / "eval/tdmsci/test.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                found["tdmsci-test"].append(json.loads(line)["text"])
    with (shared / "eval/tdmsci/train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if held_out(record["id"]):
                    found["tdmsci-dev"].append(record["text"])
    with (HERE.parent / "tests/data/devset/gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                for field in ("title", "abstract"):
                    found["devset"].extend(SENTENCE_END.split(record.get(field) or ""))
    return {name: sorted({s for s in map(squash, texts) if len(s) > MIN_SENTENCE})
            for name, texts in found.items()}


def build_text(shared: Path, out: Path) -> None:
    sentences = eval_sentences(shared)
    for name, items in sentences.items():
        print(f"{name}: {len(items)} sentences over {MIN_SENTENCE} characters")
    counts = {"read": 0, "older than 2016 (skipped)": 0, "not English": 0, "short": 0}
    counts.update({f"contains a {name} sentence": 0 for name in sentences})
    kept: list[tuple[str, str]] = []
    for part in sorted((shared / ACL).glob("part-*.jsonl")):
        with part.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if int(record["year"]) < MIN_YEAR:
                    counts["older than 2016 (skipped)"] += 1
                    continue
                counts["read"] += 1
                text = f"{record['title']}\n{record['abstract']}"
                if record.get("language") in SKIP_LANGUAGES or not english(text):
                    counts["not English"] += 1
                    continue
                if len(record["abstract"]) < 200:
                    counts["short"] += 1
                    continue
                squashed = squash(text)
                leak = next((name for name, items in sentences.items() if any(s in squashed for s in items)), None)
                if leak:
                    counts[f"contains a {leak} sentence"] += 1
                    continue
                kept.append((hashlib.sha256(record["id"].encode()).hexdigest(), text))
    kept.sort()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for _, text in kept:
            handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    for name, n in counts.items():
        print(f"{name}: {n}")
    print(f"kept {len(kept)} records, {sum(len(t) for _, t in kept):,} characters -> {out}")


def run_pretraining(text: Path, out: Path, epochs: int, limit: int) -> None:
    import spacy
    from spacy.training.pretrain import pretrain

    sys.path.insert(0, str(HERE.parent))
    import kg.extract.tokenizer  # noqa: F401  registers kg.tokenizer.v1

    out.mkdir(parents=True, exist_ok=True)
    if limit:  # spacy.JsonlCorpus.v1 stores its `limit` but does not apply it (spaCy 3.8): cut the file
        with text.open(encoding="utf-8") as handle:
            lines = [line for _, line in zip(range(limit), handle)]
        text = out / "slice.jsonl"
        text.write_text("".join(lines), encoding="utf-8")
    overrides = {"paths.raw_text": str(text), "pretraining.max_epochs": epochs}
    config = spacy.util.load_config(HERE / "ner.cfg", overrides=overrides, interpolate=False)
    config = spacy.util.load_model_from_config(config, auto_fill=True).config  # as `spacy train` fills it
    config.to_disk(out / "config.cfg")
    started = time.time()
    pretrain(config.interpolate(), out, silent=False)
    print(f"pretraining: {epochs} epochs in {time.time() - started:.0f} s; weights in {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    text = steps.add_parser("text", help="write the raw pretraining text")
    text.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    text.add_argument("--out", type=Path, required=True)
    run = steps.add_parser("pretrain", help="pretrain tok2vec on the raw text")
    run.add_argument("--text", type=Path, required=True)
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--epochs", type=int, default=2)
    run.add_argument("--limit", type=int, default=0, help="read only the first N records (for timing)")
    args = parser.parse_args()
    if args.step == "text":
        build_text(args.shared, args.out)
    else:
        run_pretraining(args.text, args.out, args.epochs, args.limit)


if __name__ == "__main__":
    main()
