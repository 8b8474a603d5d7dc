"""Extraction speed on the ACL Anthology abstracts in ../shared/corpora/ (one core).

Prints abstracts per second for
- kg's default pipeline, stage by stage: the spaCy components, the corpus pass (names discovered in
  one paper linked in every other), extraction = the two together, then roles, results, relations
  and records (issue 4's "roles and results stage", reported as a share of the extraction),
- a plain spaCy pipeline over the same gazetteer: spaCy's tokenizer, sentencizer, EntityRuler with
  the gazetteer's phrase patterns, and a Matcher with token patterns for the discovery cues,
and the peak memory. Every pipeline runs with the garbage-collector settings `kg extract` and `kg build`
use (kg.collector.collecting_less), the plain one too; each stage's figure is its best of --repeat
rounds. Usage: python bench/extract.py [--limit N] [--repeat N]
"""
from __future__ import annotations

import argparse
import gc
import json
import time

from common import markdown, peak_rss_mb, require_shared


def read_abstracts(root, limit):
    from kg.ingest import read_papers

    papers = read_papers([root / "corpora" / "acl_anthology_abstracts"])
    return papers[:limit] if limit else papers


def plain_pipeline(patterns):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False})
    ruler.add_patterns([{"label": "KB", "pattern": p["pattern"]} for p in patterns])
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    matcher.add("NOUN_AFTER", [[{"IS_TITLE": True, "OP": "+"}, {"LOWER": {"IN": ["dataset", "benchmark", "corpus", "model", "framework", "method"]}}]])
    matcher.add("NAMED", [[{"LOWER": {"IN": ["called", "named", "dubbed", "termed"]}}, {"IS_TITLE": True, "OP": "+"}]])
    matcher.add("PROPOSE", [[{"LOWER": "we"}, {"LEMMA": {"IN": ["propose", "introduce", "present"]}}, {"OP": "?"}, {"IS_TITLE": True}]])
    matcher.add("MODEL_LIKE", [[{"TEXT": {"REGEX": r"^(?=.*[A-Z])(?=.*\d)[A-Za-z][\w.-]*$|^[A-Z][a-z]+[A-Z]\w*$"}}]])

    def run(texts):
        for doc in nlp.pipe(texts, batch_size=256):
            matcher(doc)

    return run


def seconds_of(fn) -> float:
    from kg.collector import collecting_less

    gc.collect()
    with collecting_less():  # as kg.extract.extract and kg build run
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start


def row(label, n, seconds):
    return [label, n, f"{seconds:.1f}", f"{n / seconds:,.0f}"]


def timed(label, fn, n):
    return row(label, n, seconds_of(fn))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N abstracts")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each stage's best round is reported")
    parser.add_argument("--ner-limit", type=int, default=2000,
                        help="time the --ner accuracy mode's spaCy stage on the first N abstracts (0: skip)")
    args = parser.parse_args()
    root = require_shared()
    papers = read_abstracts(root, args.limit)
    from kg.extract.corpus import link_corpus
    from kg.extract.gazetteer import gazetteer
    from kg.extract.output import paper_record
    from kg.extract.pipeline import docs, load_pipeline, paper_text
    from kg.extract.raw import raw_from_doc

    kb, patterns, _ = gazetteer()
    texts = [paper_text(p) for p in papers]
    raws = []
    n = len(papers)
    # each stage's best of --repeat rounds, as timeit takes the best (on a shared machine, slower rounds
    # measure the neighbours). A round runs the stages in order, each on the one before's output, with
    # pipelines loaded afresh: a vocabulary or word cache left warm by a round over the same texts would
    # flatter the next.
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        nlp = plain = None  # (the last round's pipelines go before the next are loaded: peak memory)
        gc.collect()
        nlp = load_pipeline.__wrapped__()  # (load_pipeline keeps the pipelines it made)
        list(docs(nlp, papers[:200]))  # warm up
        plain = plain_pipeline(patterns)
        plain(texts[:200])

        def ours():
            raws.clear()
            for paper, doc in docs(nlp, papers):
                raws.append(raw_from_doc(paper.id, doc))

        def corpus_pass():
            link_corpus(raws, taken_ids=kb.entries)

        def roles_results():
            for paper, raw in zip(papers, raws):
                paper_record(paper, raw, kb)

        for stage, fn in (("spacy", ours), ("corpus", corpus_pass), ("roles", roles_results),
                          ("plain", lambda: plain(texts))):
            best[stage] = min(best.get(stage, float("inf")), seconds_of(fn))
    extraction = best["spacy"] + best["corpus"]
    total = extraction + best["roles"]
    rows = [row("kg pipeline (spaCy stage)", n, best["spacy"]),
            row("corpus pass (names linked across papers)", n, best["corpus"]),
            row("kg extraction (spaCy stage + corpus pass)", n, extraction),
            row("roles + results + relations + records", n, best["roles"]),
            row("kg default extraction, all stages", n, total),
            row("plain spaCy (tokenizer+sentencizer+EntityRuler+Matcher)", n, best["plain"])]
    plain_rate = n / best["plain"]
    ner_rate = None
    if args.ner_limit:
        subset = papers[:args.ner_limit]
        nlp_ner = load_pipeline(ner=True)
        list(docs(nlp_ner, subset[:100]))  # warm up
        rows.append(timed("kg --ner accuracy mode (spaCy stage)", lambda: list(docs(nlp_ner, subset)), len(subset)))
        rows.append(timed("kg default (spaCy stage), same abstracts", lambda: list(docs(nlp, subset)), len(subset)))
        ner_rate = len(subset) / float(rows[-2][2])
    print(markdown(rows, ["pipeline", "abstracts", "seconds", "abstracts/s"]))
    ours_rate = n / total
    overhead = best["roles"] / extraction
    print(f"\nkg default: {ours_rate:,.0f} abstracts/s on one core, all stages; {ours_rate / plain_rate:.2f}x the plain "
          f"spaCy pipeline; roles+results cost {overhead:.0%} on top of the extraction (spaCy stage + corpus "
          f"pass; the corpus pass alone is {best['corpus'] / best['spacy']:.0%} of the spaCy stage); "
          f"peak memory {peak_rss_mb():,.0f} MB; {len(patterns):,} gazetteer patterns.")
    if ner_rate is not None:
        print(f"--ner accuracy mode: {ner_rate:,.0f} abstracts/s for the spaCy stage "
              f"({ner_rate / (len(subset) / float(rows[-1][2])):.2f}x the default's speed on the same abstracts).")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"abstracts": n, "kg_per_second": ours_rate, "plain_per_second": plain_rate,
                       "extraction_per_second": n / extraction, "roles_overhead": overhead, "peak_rss_mb": peak_rss_mb(),
                       "ner_per_second": ner_rate}, handle, indent=2)


if __name__ == "__main__":
    main()
