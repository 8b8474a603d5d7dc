"""Train kg's optional statistical NER (Task, Dataset, Metric) from licence-compatible gold data.

Reproducible: fixed seed, fixed split, config in training/ner.cfg. Sources (train splits only):
  tdmsci  TDMSci train (Apache-2.0): Task, Dataset, Metric; 85% train, 15% held out as the dev split
  scirex  SciREX train abstracts (Apache-2.0): Task, Dataset, Metric (its Method spans are not used)
  heddes  Heddes 2021 train (CC BY 4.0): Dataset
The shipped model uses tdmsci only: adding SciREX lowered F1 on both dev sets (training/README.md).
SciER (GPL-3.0) and SciERC (no licence) are never used. Test splits are never read.

Usage: python training/train_ner.py [--shared ../shared] [--out kg/data/ner] [--sources tdmsci]
                                    [--init-tok2vec WEIGHTS]
The model is written to --out (about 5 MB); `kg build --ner`, `kg extract --ner` and `kg eval --ner`
use it. --init-tok2vec starts the tok2vec from weights written by training/pretrain_tok2vec.py
(spaCy's pretraining on ACL Anthology 2016+ abstracts, CC BY 4.0).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"TASK": "Task", "DATASET": "Dataset", "METRIC": "Metric"}
SOURCES = {
    "tdmsci": "eval/tdmsci/train.jsonl",
    "scirex": "eval/scirex/train_abstracts.jsonl",
    "heddes": "eval/dataset_mentions_heddes2021/train.jsonl",
}
DEV_SHARE = 15  # percent of TDMSci train held out as the dev split


def held_out(record_id: str) -> bool:
    return int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 100 < DEV_SHARE


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def to_doc(nlp, record: dict):
    doc = nlp.make_doc(record["text"])
    spans = []
    for entity in record["entities"]:
        label = LABELS.get(entity["label"])
        if label is None:
            continue
        span = doc.char_span(entity["start"], entity["end"], label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans.sort(key=lambda s: (s.start, -len(s)))
    kept, last_end = [], -1
    for span in spans:  # overlapping gold spans (rare): keep the first, longest
        if span.start >= last_end:
            kept.append(span)
            last_end = span.end
    doc.set_ents(kept, default="outside")
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--out", type=Path, default=HERE.parent / "kg" / "data" / "ner")
    parser.add_argument("--sources", default="tdmsci")
    parser.add_argument("--max-steps", type=int, default=0, help="override the config's max_steps")
    parser.add_argument("--seed", type=int, help="override the config's seed (to see the spread between seeds)")
    parser.add_argument("--init-tok2vec", type=Path, help="pretrained tok2vec weights (training/pretrain_tok2vec.py)")
    parser.add_argument("--dev-out", type=Path, help="also write the held-out TDMSci records here (gold JSONL, "
                        "for `kg eval FILE [--ner]`)")
    args = parser.parse_args()

    import spacy
    from spacy.tokens import DocBin
    from spacy.cli.train import train

    sys.path.insert(0, str(HERE.parent))
    import kg.extract.tokenizer  # noqa: F401  registers kg.tokenizer.v1

    config = spacy.util.load_config(HERE / "ner.cfg")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    train_bin, dev_bin = DocBin(), DocBin()
    counts = {}
    dev_records: list[dict] = []
    for source in args.sources.split(","):
        path = args.shared / SOURCES[source]
        if not path.exists():
            sys.exit(f"train_ner: {path} not found (pass --shared)")
        for record in read_gold(path):
            doc = to_doc(nlp, record)
            dev = source == "tdmsci" and held_out(record["id"])
            if dev and args.dev_out:
                dev_records.append(record)
            (dev_bin if dev else train_bin).add(doc)
            counts[(source, dev)] = counts.get((source, dev), 0) + 1
    if args.dev_out:
        args.dev_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev_records))
    for (source, dev), n in sorted(counts.items()):
        print(f"{source}: {n} records -> {'dev' if dev else 'train'}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        train_bin.to_disk(tmp / "train.spacy")
        dev_bin.to_disk(tmp / "dev.spacy")
        overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        if args.seed is not None:
            overrides["system.seed"] = args.seed
        if args.init_tok2vec:
            overrides["paths.init_tok2vec"] = str(args.init_tok2vec.resolve())
        train(HERE / "ner.cfg", tmp / "model", overrides=overrides)
        best = tmp / "model" / "model-best"
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(best, args.out)
    config_text = (args.out / "config.cfg").read_text()  # no temporary paths in the shipped config
    for name in ("train", "dev"):
        config_text = config_text.replace(f'{name} = "{tmp / (name + ".spacy")}"', f"{name} = null")
    if args.init_tok2vec:  # nor the weights file's path: the weights are in the model
        config_text = config_text.replace(f'init_tok2vec = "{args.init_tok2vec.resolve()}"', "init_tok2vec = null")
    (args.out / "config.cfg").write_text(config_text)
    meta = json.loads((args.out / "meta.json").read_text())
    description = (f"kg's statistical NER (Task, Dataset, Metric), trained by training/train_ner.py "
                   f"on: {args.sources}")
    if args.init_tok2vec:
        description += ("; its tok2vec was initialised from weights pretrained (spaCy pretrain, characters "
                        "objective, training/pretrain_tok2vec.py) on ACL Anthology abstracts of 2016 and later, "
                        "CC BY 4.0 (ACL Anthology, https://aclanthology.org)")
    meta.update(name="kg_ner", version="1.0.0", license="Apache-2.0", description=description)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"dev ents_f {meta['performance']['ents_f']:.3f}; model in {args.out}")


if __name__ == "__main__":
    main()
