"""Every reader on a small fixture written for it, sniffed and forced with --format."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ReadReport, read_papers
from kg.ingest.openalex import rebuild_abstract
from kg.model import Paper


def spooled_merge(inputs, spool):
    """The lines `kg build`'s spooled merge writes for `inputs`, and the merger (for its clashes)."""
    from kg.ingest import iter_records
    from kg.ingest.merge import SpoolMerger

    merger = SpoolMerger(spool)
    try:
        for record in iter_records(inputs, report=ReadReport()):
            merger.add(record)
        return list(merger.lines()), merger
    finally:
        merger.close()


def read(path, fmt=None):
    report = ReadReport()
    papers = read_papers([path], format=fmt, report=report)
    return papers, report


def test_formats_jsonl(formats_dir):
    papers, report = read(formats_dir / "papers.jsonl")
    assert report.files[0].format == "jsonl"
    first, second, third = papers
    assert first.id == "P19-1001" and first.record_id == "P19-1001"
    assert first.authors == ["Ada Lovelace", "Alan Turing"]
    assert (first.year, first.venue, first.url) == (2019, "ACL", "https://example.org/P19-1001")
    assert second.abstract == "We reach 84.5% top-1 accuracy on ImageNet, e.g. with ViT. It works."
    assert second.raw_abstract.startswith("We reach 84.5\\% top-1") and second.year == 2019
    assert third.id == "doi:10.1234/abc.5" and third.doi == "10.1234/abc.5"
    assert third.title == "HTML entities & friends"
    assert third.abstract == "Results for 2010\u20132020 are <b>bold</b>."


@pytest.mark.parametrize("name", ["papers.csv", "papers.tsv"])
def test_formats_csv(formats_dir, name):
    papers, report = read(formats_dir / name)
    assert report.files[0].format == "csv"
    if name == "papers.tsv":
        assert [(p.id, p.title, p.abstract) for p in papers] == [("T1", "Tab Separated Titles", "An abstract, with a comma.")]
        return
    survey, gnn = papers
    assert survey.title == "A Survey of Retrieval, Augmented"
    assert survey.abstract.endswith('It spans two lines, with "quotes".')
    assert survey.authors == ["Grace Hopper", "Edsger Dijkstra"]
    assert (survey.year, survey.venue) == (2023, "EMNLP")
    assert survey.sources[0].line == 2 and gnn.sources[0].line == 4
    assert gnn.venue is None and gnn.authors == []


def test_formats_csv_exports_name_columns_their_own_way(formats_dir):
    """Zotero's "Abstract Note" gave "no 'abstract' column"; "Publication Year", "Paper ID", Scopus's
    "Source title" and "EID" were ignored, and Scopus's "Kipf T.N., Welling M." was one author."""
    (zotero,), _ = read(formats_dir / "zotero.csv")
    assert (zotero.id, zotero.title, zotero.year) == ("ABCD1234", "Attention Is All You Need", 2017)
    assert zotero.abstract.startswith("The dominant sequence transduction models")
    assert zotero.authors == ["Vaswani, Ashish", "Shazeer, Noam"]
    assert zotero.venue == "Advances in Neural Information Processing Systems"
    assert zotero.url == "http://arxiv.org/abs/1706.03762"
    (scopus,), _ = read(formats_dir / "scopus.csv")
    assert scopus.id == "2-s2.0-85000000000" and scopus.authors == ["Kipf T.N.", "Welling M."]
    assert (scopus.year, scopus.venue) == (2017, "5th International Conference on Learning Representations, ICLR 2017")
    assert scopus.url == "https://www.scopus.com/x"
    first, second = read(formats_dir / "odd_headers.csv")[0]  # "ID,Title ,  Abstract,Publication Year,DOI"
    assert (first.id, first.title, first.year) == ("doi:10.1000/abc.123", "Multi line title", 2020)
    assert (second.id, second.year) == ("2", None)


def test_formats_csv_separated_by_semicolons(formats_dir, tmp_path):
    """Excel in European locales separates fields with ';': "no 'title' column (found: Paper ID;Title;...)".
    The delimiter is the one under which the header has a title column, also for a file not named .csv."""
    papers, report = read(formats_dir / "semicolon.csv")
    assert report.files[0].format == "csv"
    assert [(p.id, p.title, p.authors, p.year) for p in papers] == [
        ("P1", "Faster R-CNN; towards real-time detection", ["Ren, S.", "He, K."], 2015),
        ("P2", 'A "quoted" title', ["Smith"], 2019)]
    assert papers[0].abstract == "We propose a Region Proposal Network (RPN). On PASCAL VOC 2007 we achieve 73.2% mAP."
    export = tmp_path / "export.txt"
    export.write_bytes((formats_dir / "semicolon.csv").read_bytes())
    sniffed, report = read(export)
    assert report.files[0].format == "csv"
    assert [(p.id, p.title, p.abstract) for p in sniffed] == [(p.id, p.title, p.abstract) for p in papers]


@pytest.mark.parametrize("authors, names", [
    ("Kipf T.N., Welling M.", ["Kipf T.N.", "Welling M."]),  # Scopus
    ("van der Maaten L., Hinton G.E., Zhang X.-Y.", ["van der Maaten L.", "Hinton G.E.", "Zhang X.-Y."]),
    ("Kipf T.N.; Welling M.", ["Kipf T.N.", "Welling M."]),  # Scopus, newer exports
    ("Ren, S., He, K., Girshick, R.B.", ["Ren, S.", "He, K.", "Girshick, R.B."]),
    ("Vaswani, Ashish; Shazeer, Noam", ["Vaswani, Ashish", "Shazeer, Noam"]),  # Zotero
    ("Smith, J.", ["Smith, J."]),
    ("Lovelace, Ada", ["Lovelace, Ada"]),
    ("Ada Lovelace and Alan Turing", ["Ada Lovelace", "Alan Turing"]),
    # arXiv's "authors" without "authors_parsed" (a user trial: one author "Alice Smith, Bob Jones")
    ("Alice Smith, Bob Jones and Carol White", ["Alice Smith", "Bob Jones", "Carol White"]),
    ("Jan van der Berg, Alice Smith", ["Jan van der Berg", "Alice Smith"]),
    ("Smith, John Paul", ["Smith, John Paul"]), ("de la Cruz, Maria Jose", ["de la Cruz, Maria Jose"]),
    # (a review) a capitalised particle, and the Oxford comma
    ("Van der Berg, Jan Peter", ["Van der Berg, Jan Peter"]),
    ("Alice Smith, Bob Jones, and Carol White", ["Alice Smith", "Bob Jones", "Carol White"]),
])
def test_formats_author_strings(authors, names):
    from kg.ingest.records import parse_authors

    assert parse_authors(authors) == names


def test_formats_editorial_describes_papers_by_their_first_author(formats_dir):
    """'the paper entitled "Graph Attention for Molecules" by Ana Lima et al.' was not read as a paper:
    its paragraph went into the editorial's own text, which then used GAT and QM9."""
    papers, report = read(formats_dir / "editorial.txt")
    assert report.files[0].format == "editorial"
    *described, editorial = papers
    assert [(p.title, p.authors) for p in described][-2:] == [
        ("Speech Recognition with Conformers: A Reproducibility Study", ["J. O'Neil"]),
        ("Graph Attention for Molecules", ["Ana Lima"])]
    assert described[-1].abstract == ('Finally, the paper entitled "Graph Attention for Molecules" by Ana Lima et al. '
                                      "studied GAT on the QM9 dataset.")
    assert editorial.kind == "editorial" and editorial.cites == [p.id for p in described] and len(described) == 4
    assert "QM9" not in editorial.abstract


def test_formats_arxiv_atom(formats_dir):
    papers, report = read(formats_dir / "arxiv_atom.xml")
    assert report.files[0].format == "arxiv-atom"
    clip, bert = papers
    assert clip.id == "arxiv:2103.00020" and clip.arxiv_id == "2103.00020"
    assert clip.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert clip.abstract.startswith("State-of-the-art computer vision systems are trained to predict a fixed set of predetermined")
    assert clip.authors == ["Alec Radford", "Jong Wook Kim"] and clip.year == 2021
    assert bert.id == "doi:10.18653/v1/n19-1423" and bert.arxiv_id == "1810.04805"
    assert bert.venue == "NAACL 2019"


@pytest.mark.parametrize("encoding, bom, word", [
    ("ISO-8859-1", "", "pr\u00e9determined"), ("windows-1252", "", "pr\u00e9determined\u2019s"),
    ("Shift_JIS", "", "\u4e88\u3081determined"), ("UTF-16", "\ufeff", "pr\u00e9determined"),
])
def test_formats_arxiv_atom_in_the_encoding_it_declares(formats_dir, tmp_path, encoding, bom, word):
    """A feed saved in Latin-1 (or any encoding its XML declaration names) was refused as invalid UTF-8."""
    text = (formats_dir / "arxiv_atom.xml").read_text(encoding="utf-8")
    text = text.replace("predetermined", word)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    text = text.replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    path = tmp_path / "feed.xml"
    path.write_bytes((bom + text).encode("utf-16-le") if bom else text.encode(encoding))
    papers, report = read(path)
    assert report.files[0].format == "arxiv-atom"
    assert [p.id for p in papers] == ["arxiv:2103.00020", "doi:10.18653/v1/n19-1423"]
    assert f"a fixed set of {word}" in papers[0].abstract


def test_formats_arxiv_atom_with_an_unknown_declared_encoding(tmp_path):
    from kg.errors import InputError

    path = tmp_path / "feed.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="x-nope"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    with pytest.raises(InputError, match="feed.xml: unknown encoding 'x-nope' in the XML declaration"):
        read(path)


def test_formats_arxiv_oai(formats_dir):
    papers, report = read(formats_dir / "arxiv_oai.jsonl")
    assert report.files[0].format == "arxiv-oai"
    attention, old = papers
    assert attention.id == "arxiv:1706.03762" and attention.year == 2017
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]
    assert "\n" not in attention.abstract and attention.abstract.startswith("The dominant sequence")
    assert old.id == "arxiv:cs/0112017" and old.year == 2001


@pytest.mark.parametrize("name", ["openalex.json", "openalex.jsonl"])
def test_formats_openalex(formats_dir, name):
    papers, report = read(formats_dir / name)
    assert report.files[0].format == "openalex"
    resnet, attention = papers
    assert resnet.id == "doi:10.1109/cvpr.2016.90"
    assert resnet.abstract == "Deeper neural networks are more difficult to train. Residual networks help."
    assert resnet.authors == ["Kaiming He", "Xiangyu Zhang"]
    assert (resnet.year, resnet.venue) == (2016, "Computer Vision and Pattern Recognition")
    assert attention.id == "arxiv:1706.03762"


def test_formats_openalex_markup_is_removed_and_kept_raw(formats_dir):
    """OpenAlex titles carry HTML ("<scp>BERT</scp>", "<i>E. coli</i>", "CO<sub>2</sub>"): they were
    papers' titles as they stood, and "<scp>BERT</scp>" a word of the abstract."""
    (paper,), _ = read(formats_dir / "openalex_markup.json")
    assert paper.title == "BERT-based detection of E. coli in CO2 data"
    assert paper.raw_title == "<scp>BERT</scp>-based detection of <i>E. coli</i> in CO<sub>2</sub> data"
    assert paper.abstract == "We fine-tune BERT on SQuAD&GLUE."


def test_formats_openalex_rebuild_abstract_ignores_junk():
    assert rebuild_abstract({"b": [1], "a": [0], "bad": ["x"], "far": [10**9]}) == "a b"
    assert rebuild_abstract(None) == ""


@pytest.mark.parametrize("name, fmt", [
    ("papers.jsonl", "jsonl"), ("papers.csv", "csv"), ("arxiv_atom.xml", "arxiv-atom"),
    ("arxiv_oai.jsonl", "arxiv-oai"), ("openalex.json", "openalex"),
])
def test_formats_forced_format_matches_sniffing(formats_dir, name, fmt):
    sniffed, _ = read(formats_dir / name)
    forced, report = read(formats_dir / name, fmt)
    assert report.files[0].format == fmt
    assert [p.to_json() for p in forced] == [p.to_json() for p in sniffed]


def test_formats_merge_same_paper_from_two_formats(formats_dir):
    """The Transformer paper arrives from the arXiv snapshot and from OpenAlex: one paper, two sources."""
    report = ReadReport()
    papers = read_papers([formats_dir / "arxiv_oai.jsonl", formats_dir / "openalex.jsonl"], report=report)
    assert report.records == 4 and report.papers == 3
    merged = next(p for p in papers if p.id == "arxiv:1706.03762")
    assert [s.format for s in merged.sources] == ["arxiv-oai", "openalex"]
    assert merged.authors == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]  # first non-empty wins
    assert merged.sources[1].record_id == "openalex:W2963403868"


def test_formats_merge_by_title_takes_the_strongest_id(tmp_path):
    (tmp_path / "a.csv").write_text("id,title,abstract\nmy-1,Deep Residual Learning for Image Recognition,x\n")
    (tmp_path / "b.jsonl").write_text('{"title": "Deep residual learning for image recognition!", '
                                      '"abstract": "", "doi": "10.1109/CVPR.2016.90"}\n')
    papers = read_papers([tmp_path / "a.csv", tmp_path / "b.jsonl"])
    assert len(papers) == 1
    assert papers[0].id == "doi:10.1109/cvpr.2016.90"
    assert papers[0].abstract == "x" and papers[0].record_id == "my-1"


def test_formats_merge_keeps_an_abstract_s_continuation_whatever_the_file_order(tmp_path):
    """A daily-papers page shortened the abstract that a JSON Lines record has in full; the file read first
    (by name) decided which one the graph saw, and CIFAR-10 and a result vanished (a user trial)."""
    short = "We propose FooNet. We evaluate FooNet on ImageNet."
    full = short + " It reaches 85.3% top-1 accuracy on CIFAR-10 &amp; beats ResNet-50."
    (tmp_path / "a.csv").write_text(f"id,title,abstract\nmy-1,FooNet: Sparse Attention,{short}\n")
    (tmp_path / "b.jsonl").write_text(f'{{"id": "my-1", "title": "FooNet: Sparse Attention", "abstract": "{full}"}}\n')
    inputs = [tmp_path / "a.csv", tmp_path / "b.jsonl"]
    (paper,) = read_papers(inputs)
    assert paper.abstract == full.replace("&amp;", "&") and paper.raw_abstract == full  # (its text as read with it)
    ((_, _, line),), _ = spooled_merge(inputs, tmp_path / "spool")  # kg build's merge agrees
    assert b"85.3% top-1 accuracy on CIFAR-10 & beats" in line
    # an abstract written otherwise is no continuation: the first one read stays (a review: an edit that
    # shortened an abstract lost to a longer stale copy)
    other = "We present FooNet, a network for images; it reaches 85.3% on CIFAR-10 and beats ResNet-50 by far."
    (tmp_path / "b.jsonl").write_text(f'{{"id": "my-1", "title": "FooNet: Sparse Attention", "abstract": "{other}"}}\n')
    assert read_papers(inputs)[0].abstract == short


def test_formats_record_ids_are_local_to_their_file(tmp_path):
    """Two exports numbered from 1: row "1" of each is its own paper (it was merged into the first,
    losing "Attention Is All You Need"). The later one takes its title-hash id and is reported; the
    same id with the same title is still one paper, and the spooled merge of `kg build` agrees."""
    from kg import jsonlines
    from kg.ingest.ids import title_hash

    (tmp_path / "a.csv").write_text("id,title,abstract\n1,Deep Residual Learning for Image Recognition,x\n"
                                    "2,Attention Is All You Need,y\n")
    (tmp_path / "b.jsonl").write_text('{"id": "1", "title": "Attention Is All You Need", "abstract": "z"}\n'
                                      '{"id": "2", "title": "Attention is all you need.", "abstract": ""}\n')
    inputs = [tmp_path / "a.csv", tmp_path / "b.jsonl"]
    report = ReadReport()
    papers = read_papers(inputs, report=report)
    assert [(p.id, p.title, [(s.file.rsplit("/", 1)[-1], s.line) for s in p.sources]) for p in papers] == [
        ("1", "Deep Residual Learning for Image Recognition", [("a.csv", 2)]),
        ("2", "Attention Is All You Need", [("a.csv", 3), ("b.jsonl", 1), ("b.jsonl", 2)])]
    assert report.clashes == [] and report.duplicates == 2  # b's "1" has a's "2"'s title: one paper

    (tmp_path / "b.jsonl").write_text('{"id": "1", "title": "Masked Autoencoders Are Scalable Vision Learners"}\n')
    report = ReadReport()
    papers = read_papers(inputs, report=report)
    assert [p.id for p in papers] == ["1", "2", f"title:{title_hash('Masked Autoencoders Are Scalable Vision Learners')}"]
    assert papers[2].record_id == "1" and report.duplicates == 0
    assert len(report.clashes) == 1 and report.clashes[0].startswith(f"{tmp_path / 'b.jsonl'}:1: id '1' ")
    lines, merger = spooled_merge(inputs, tmp_path / "spool")
    assert [line for _, _, line in lines] == [jsonlines.line(p.to_json()) for p in papers]
    assert [c.id for c in merger.clashes] == ["1"]

    # titles without words join by id only within a file; without an id, never
    (tmp_path / "c.jsonl").write_text('{"id": "7", "title": "???", "abstract": "c1"}\n{"title": "!", "abstract": "c2"}\n'
                                      '{"id": "7", "title": "???", "abstract": ""}\n')
    (tmp_path / "d.jsonl").write_text('{"id": "7", "title": "...", "abstract": "d1"}\n{"title": "!", "abstract": "d2"}\n')
    papers = read_papers([tmp_path / "c.jsonl", tmp_path / "d.jsonl"])
    assert [p.abstract for p in papers] == ["c1", "c2", "d1", "d2"] and len({p.id for p in papers}) == 4


def test_formats_openalex_work_ids_merge_whatever_the_title(formats_dir, tmp_path):
    """An OpenAlex work id names one work everywhere: a later snapshot with an edited title merges."""
    import json

    first = json.loads((formats_dir / "openalex.jsonl").read_text().splitlines()[0])
    first["title"] = first["display_name"] = first["title"] + " (revised)"
    for key in ("doi", "ids", "locations"):
        first.pop(key, None)
    (tmp_path / "later.jsonl").write_text(json.dumps(first) + "\n")
    report = ReadReport()
    papers = read_papers([formats_dir / "openalex.jsonl", tmp_path / "later.jsonl"], report=report)
    assert report.duplicates == 1 and report.warnings == []
    assert len(papers[0].sources) == 2 and not papers[0].title.endswith("(revised)")


def test_formats_shared_corpora_load_as_they_are(shared_dir):
    report = ReadReport()
    papers = read_papers([shared_dir / "corpora" / "acl_anthology_abstracts",
                          shared_dir / "corpora" / "ml_conference_abstracts"], report=report)
    assert report.records == 28087
    assert {f.format for f in report.files} == {"jsonl"}
    assert [name.rsplit("/", 1)[-1] for name in report.skipped] == ["stats.json", "stats.json"]
    assert len(papers) > 28000
    first = next(p for p in papers if p.id == "1991.iwpt-1.2")
    assert first.title == "Parsing without Parser" and first.year == 1991


def test_formats_a_pipe_is_sniffed_and_read_like_a_file(formats_dir, tmp_path):
    """`kg build <(zcat papers.jsonl.gz)`: the reader gets the whole stream, though sniffing read its start."""
    import os
    import threading

    fifo = tmp_path / "stream"
    os.mkfifo(fifo)
    data = (formats_dir / "papers.jsonl").read_bytes()
    writer = threading.Thread(target=lambda: fifo.write_bytes(data), daemon=True)
    writer.start()
    piped, report = read(fifo)
    writer.join(timeout=10)
    assert report.files[0].format == "jsonl"
    assert [p.id for p in piped] == [p.id for p in read(formats_dir / "papers.jsonl")[0]]


def test_formats_spooled_merge_writes_the_papers_of_the_in_memory_merge(formats_dir, tmp_path):
    """`kg build` merges through a spool file and copies the line of a paper of one record as it was
    spooled: its papers.jsonl is the JSON of `read_papers`, merged papers included, in the same order."""
    from kg import jsonlines

    inputs = sorted(formats_dir.iterdir())
    lines, _ = spooled_merge(inputs, tmp_path / "spool")
    papers = read_papers(inputs)
    assert any(len(p.sources) > 1 for p in papers)  # the fixtures hold a paper from two formats
    assert [line for _, _, line in lines] == [jsonlines.line(p.to_json()) for p in papers]
    assert [(pid, fmt) for pid, fmt, _ in lines] == [(p.id, p.sources[0].format) for p in papers]


def test_formats_paper_json_is_a_fixed_point(formats_dir):
    """papers.jsonl copies a paper's spooled line as it is, which is right only if writing a paper
    read back from its JSON gives the same JSON, key order included (an abstract of None too)."""
    from kg import jsonlines
    from kg.model import Paper, Source

    papers = read_papers(sorted(formats_dir.iterdir()))
    papers.append(Paper(id="x", title="T", abstract=None, year=2020, sources=[Source("f", 1, "jsonl")]))
    for paper in papers:
        once = jsonlines.line(paper.to_json())
        assert jsonlines.line(Paper.from_json(jsonlines.loads(once)).to_json()) == once
    assert list(papers[-1].to_json())[:3] == ["id", "title", "abstract"]


def test_formats_cites_follow_a_described_paper_merged_under_a_stronger_id(tmp_path):
    """The seed editorial cites the papers it describes by their title-hash ids; when one of them is
    also read with a DOI, the merged paper takes the DOI id and the cite must follow it (it dangled)."""
    import json

    from kg import resources

    editorial_file = next(path for path in resources.seed_files() if any(p.cites for p in read_papers([path])))
    papers = read_papers([editorial_file])
    editorial = next(p for p in papers if p.cites)
    described = next(p for p in papers if p.id == editorial.cites[0])
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": described.title, "abstract": "A survey.", "doi": "10.1234/abc"}) + "\n",
                     encoding="utf-8")
    inputs = [editorial_file, extra]
    lines, _ = spooled_merge(inputs, tmp_path / "spool")
    for merged in (read_papers(inputs), [Paper.from_json(json.loads(line)) for _, _, line in lines]):
        ids = {p.id for p in merged}
        cites = next(p for p in merged if p.cites).cites
        assert cites[0] == "doi:10.1234/abc" and set(cites) <= ids, cites
        assert len(cites) == len(editorial.cites)


BERT_ABSTRACT = ("We introduce a new language representation model called BERT, which stands for Bidirectional Encoder "
                 "Representations from Transformers. BERT is designed to pre-train deep bidirectional representations "
                 "from unlabeled text by jointly conditioning on both left and right context in all layers.")
COCO_ABSTRACT = ("We present a new dataset with the goal of advancing the state-of-the-art in object recognition by "
                 "placing the question of object recognition in the context of the broader question of scene "
                 "understanding, gathering images of complex everyday scenes containing common objects.")


@pytest.mark.parametrize("records, papers", [
    # found by a user: two works of one generic title with different DOIs were merged, and one record's abstract
    # was lost without a word
    ([{"title": "Introduction", "abstract": COCO_ABSTRACT, "doi": "10.1/aaa"},
      {"title": "Introduction", "abstract": BERT_ABSTRACT, "doi": "10.1/bbb"}], 2),
    ([{"title": "Introduction", "abstract": "", "doi": "10.1/aaa"},
      {"title": "Introduction", "abstract": "", "doi": "10.1/bbb"}], 2),
    # one paper published twice (a workshop, then the main conference: the corpora have several) is one work
    ([{"title": "Piecewise Latent Variables", "abstract": BERT_ABSTRACT, "doi": "10.18653/v1/w17-4308"},
      {"title": "Piecewise latent variables", "abstract": BERT_ABSTRACT + " Code is public.",
       "doi": "10.18653/v1/d17-1043"}], 1),
    # without DOIs: authors who share no name, or abstracts that share hardly a word, are two works
    ([{"title": "Deep Learning", "abstract": "", "authors": ["Yann LeCun", "Yoshua Bengio"]},
      {"title": "Deep learning", "abstract": "", "authors": ["J. Schmidhuber"]}], 2),
    ([{"title": "Deep Learning", "abstract": COCO_ABSTRACT}, {"title": "Deep Learning", "abstract": BERT_ABSTRACT}], 2),
    # a preprint and its published version: the same authors written otherwise, or no abstract to compare
    ([{"title": "Deep Learning", "abstract": BERT_ABSTRACT, "authors": ["Yann LeCun"], "arxiv_id": "1111.11111"},
      {"title": "Deep learning", "abstract": BERT_ABSTRACT, "authors": ["LeCun Y."], "doi": "10.1038/nature14539"}], 1),
    ([{"title": "Deep Learning", "abstract": "A survey.", "arxiv_id": "1111.11111"},
      {"title": "Deep learning", "abstract": BERT_ABSTRACT, "doi": "10.1038/nature14539"}], 1),
    # a review's cases: author lists written otherwise (initials, accents, another script) do not keep one paper's
    # records apart; arXiv's own DOI is its arXiv id; without abstracts, two DOIs of the same authors are one work
    ([{"title": "Sparse Attention", "abstract": BERT_ABSTRACT, "authors": "Li Y.; Wu J."},
      {"title": "Sparse attention", "abstract": BERT_ABSTRACT, "authors": ["Y. Li", "J. Wu"]}], 1),
    ([{"title": "Sparse Attention", "authors": ["José Müller"]}, {"title": "Sparse attention", "authors": ["Jose Mueller"]}],
     1),
    ([{"title": "Sparse Attention", "authors": ["张伟"]}, {"title": "Sparse attention", "authors": ["Wei Zhang"]}], 1),
    ([{"title": "Sparse Attention", "doi": "10.48550/arXiv.2101.00001"}, {"title": "Sparse attention", "doi": "10.1/x"}],
     1),
    # a second review's case: two DOIs and no abstracts are two works, whatever fragments the authors share
    ([{"title": "Editorial", "doi": "10.1016/j.a.2020.01.001", "authors": "Smith JA; Lee K"},
      {"title": "Editorial", "doi": "10.1016/j.b.2021.05.002", "authors": "Brown JA; Park S"}], 2),
    ([{"title": "Sparse Attention", "authors": ["Jan de Vries"], "abstract": BERT_ABSTRACT},
      {"title": "Sparse attention", "authors": ["Ana da Silva", "Marc de Groot"], "abstract": COCO_ABSTRACT}], 2),
])
def test_formats_one_title_merges_only_records_that_may_be_one_work(tmp_path, records, papers):
    import json

    path = tmp_path / "same-title.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    lines, _ = spooled_merge([path], tmp_path / "spool")
    assert len(read_papers([path])) == len(lines) == papers
    if papers == len(records):  # nothing of either record is lost
        assert {p.abstract for p in read_papers([path])} == {r.get("abstract", "") for r in records}


def test_formats_thousands_of_works_of_one_title_are_compared_with_a_few(tmp_path, monkeypatch):
    # a review's case: 2,000 "Introduction" records, each its own work, took 46 s: each record was compared with
    # every earlier one, read back from the spool
    import json

    from kg.ingest import merge

    calls = []
    real = merge.same_work
    monkeypatch.setattr(merge, "same_work", lambda a, b: calls.append(1) or real(a, b))
    words = [f"w{i:04d}" for i in range(5000)]
    path = tmp_path / "introductions.jsonl"
    path.write_text("".join(json.dumps({"title": "Introduction", "doi": f"10.1/{i}",
                                        "abstract": " ".join(words[(i * 37 + k * 11) % 5000] for k in range(60))}) + "\n"
                            for i in range(2000)), encoding="utf-8")
    assert len(read_papers([path])) == 2000
    assert len(calls) <= 2000 * merge.TitleClusters.WORKS


def test_formats_daily_pages_pasted_together_days_and_furniture(tmp_path):
    """A user trial: two page dumps pasted together gave papers 'Get trending papers in your email inbox!'
    and 'byAK and the research community' and the first page's date for all; a second date line was
    read as a title; a copy's 'Submitted by akhaliq' / '42' lines became a paper."""
    from kg.ingest import ReadReport

    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[1:3]
    pasted = tmp_path / "pasted.txt"
    pasted.write_text("\n".join(path.read_text(encoding="utf-8") for path in seeds), encoding="utf-8")
    apart = read_papers(seeds)
    together = read_papers(pasted)
    assert [(p.title, p.abstract, p.listed) for p in together] == [(p.title, p.abstract, p.listed) for p in apart]
    assert len({p.listed for p in together}) == 2
    days = tmp_path / "days.txt"
    days.write_text("Daily Papers\n\nJul 30\n\nPaper A\n\nWe use BERT.\n\nSubmitted by akhaliq\n\n42\n\n"
                    "Jul 31\n\nPaper B\n\nWe use GPT-2.\n\nPaper C\n\nJul 29\n\nPaper D\n\nWe use T5.\n")
    report = ReadReport()
    papers = read_papers(days, keep_going=True, report=report)
    assert [(p.title, p.listed) for p in papers] == [("Paper A", "--07-30"), ("Paper B", "--07-31"),
                                                      ("Paper D", "--07-29")]
    assert [e.message for e in report.errors] == [f"{days}:19: title without an abstract before line 21"]
    # titles that look like furniture or dates are titles where an abstract follows them (a review)
    titles = tmp_path / "titles.txt"
    titles.write_text("Daily Papers\n\nJul 30\n\nSubscribe\n\nWe propose a subscription model.\n\n"
                      "Decoding 7\n\nWe propose Decoding-7.\n\n2048\n\nWe play 2048.\n")
    assert [p.title for p in read_papers(titles)] == ["Subscribe", "Decoding 7", "2048"]


def test_formats_csv_last_row_over_lines_with_a_quote_inside_a_field_reads(tmp_path):
    """The check for a quote left open rejected a last row whose unquoted title holds quotes and whose
    abstract has a line break (a review)."""
    path = tmp_path / "why.tsv"
    path.write_text('id\ttitle\tabstract\np1\t"Why Should I Trust You?": Explaining Predictions\t'
                    '"We explain.\nOn two lines."\n')
    (paper,) = read_papers(path)
    assert paper.title.startswith("Why Should I Trust You?") and paper.abstract == "We explain. On two lines."

