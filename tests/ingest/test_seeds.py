"""The bundled seeds: counts, named papers, the editorial's ten papers."""
from __future__ import annotations

import pytest

from kg import resources
from kg.ingest import ReadReport, read_papers

EDITORIAL_PAPERS = [
    ("Pre-training in Medical Data: A Survey", "Yixuan Qiu"),
    ("Red Alarm for Pre-trained Models: Universal Vulnerability to Neuron-level Backdoor Attacks", "Zhengyan Zhang"),
    ("A Study of Using Synthetic Data for Effective Association Knowledge Learning", "Yuchi Liu"),
    ("EVA2.0: Investigating Open-domain Chinese Dialogue Systems with Large-scale Pre-training", "Yuxian Gu"),
    ("Multimodal pretraining from Monolingual to Multilingual", "Liang Zhang"),
    ("Offline Pre-trained Multi-Agent Decision Transformer", "Linghui Meng"),
    ("Compositional Prompting Video-language Models to Understand Procedure in Instructional Videos", "Guyue Hu"),
    ("Mitigating Spurious Correlations for Self-supervised Recommendation", "Xin-Yu Lin"),
    ("DynamicRetriever: A Pretrained Model-based IR System Without an Explicit Index", "Yu-Jia Zhou"),
    ("Vision Enhanced Generative Pre-trained Language Model for Multimodal Sentence Summarization", "Liqiang Jing"),
]


@pytest.fixture(scope="module")
def seeds():
    report = ReadReport()
    papers = read_papers(resources.seed_files(), report=report)
    return papers, report


def by_title(papers, title):
    return next(p for p in papers if p.title == title)


def test_seeds_counts(seeds):
    papers, report = seeds
    assert report.by_format() == {"editorial": 11, "daily-papers": 370}
    assert report.papers_by_format == {"editorial": 11, "daily-papers": 339}
    assert len(papers) == 350
    assert len({p.id for p in papers}) == 350


@pytest.mark.parametrize("title, abstract_start, listed", [
    ("Rethinking Pretraining as a Bridge from ANNs to SNNs",
     "Spiking neural networks (SNNs) are known as a typical kind of brain-inspired models", "--07-30"),
    ("A Comprehensive Survey on Pretrained Foundation Models: A History from BERT to ChatGPT",
     "Pretrained Foundation Models (PFMs) are regarded as the foundation", "--07-30"),  # first seen Jul 30
    ("TunBERT: Pretrained Contextualized Text Representation for Tunisian Dialect",
     "Pretrained contextualized text representation models learn an effective representation", "--03-11"),
    ("SAMDA: Leveraging SAM on Few-Shot Domain Adaptation for Electronic Microscopy Segmentation",
     "It has been shown that traditional deep learning methods", "--03-14"),
    ("Contrastive Pseudo Learning for Open-World DeepFake Attribution",
     "The challenge in sourcing attribution for forgery faces", "--07-30"),
])
def test_seeds_named_papers(seeds, title, abstract_start, listed):
    paper = by_title(seeds[0], title)
    assert paper.abstract.startswith(abstract_start)
    assert paper.listed == listed
    assert paper.year is None  # the page gives no year, so none is invented


def test_seeds_duplicates_keep_every_source(seeds):
    papers, _ = seeds
    repeated = [p for p in papers if len(p.sources) > 1]
    assert sum(len(p.sources) - 1 for p in repeated) == 31
    assert all(s.format == "daily-papers" for p in repeated for s in p.sources)
    assert all(s.file.endswith(".txt") and s.line > 0 for p in repeated for s in p.sources)


@pytest.mark.parametrize("title, first_author", EDITORIAL_PAPERS)
def test_seeds_editorial_described_papers(seeds, title, first_author):
    paper = by_title(seeds[0], title)
    assert paper.authors == [first_author]
    assert paper.sources[0].format == "editorial"
    assert "entitled" in paper.abstract and first_author in paper.abstract
    assert "-\n" not in paper.abstract and "  " not in paper.abstract


def test_seeds_editorial_record_cites_the_ten(seeds):
    papers, _ = seeds
    editorial = next(p for p in papers if p.kind == "editorial")
    assert editorial.title.startswith("Editorial for Special Issue on Large-scale Pre-training")
    assert editorial.authors == ["Ji-Rong Wen", "Zi Huang", "Hanwang Zhang"]
    described = {p.id for p in papers if p.sources[0].format == "editorial" and p.kind == "paper"}
    assert set(editorial.cites) == described and len(described) == 10
    # the bios, the running page header and the copyright line are not editorial text
    for junk in ("received the Ph.D.", "Springer-Verlag", "ORCID", "E-mail"):
        assert junk not in editorial.abstract


def test_seeds_editorial_repairs_the_pdf_flow(seeds):
    papers = seeds[0]
    last = by_title(papers, EDITORIAL_PAPERS[-1][0])
    # a column fragment displaced after the closing paragraph goes back into its sentence
    assert "not fully exploited in text generation tasks. This paper further proposed Vision-GPLM " \
           "to address the challenge of injecting visual information" in last.abstract
    fifth = by_title(papers, EDITORIAL_PAPERS[4][0])
    # the paragraph continues across the page header
    assert "two generalization-based models and incorporated the audio modality" in fifth.abstract
    editorial = next(p for p in papers if p.kind == "editorial")
    assert "large-scale pretraining from diverse perspectives, including natural language processing" \
        in editorial.abstract
