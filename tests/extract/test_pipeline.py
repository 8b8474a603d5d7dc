"""The spaCy pipeline: built from its config file, components registered, overlapping gazetteer spans."""
from __future__ import annotations

import json

import pytest
from conftest import entity

from kg.extract.abbreviations import find_abbreviations
from kg.extract.pipeline import load_pipeline
from kg.extract.sentences import split_sentences
from kg.extract.tokenizer import tokenize


def test_pipeline_components_from_config():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["kg_gazetteer", "kg_sentences", "kg_abbreviations", "kg_discovery", "kg_linker"]
    assert type(nlp.get_pipe("kg_gazetteer")).__name__ == "SpanRuler"


def test_pipeline_gazetteer_spans_may_overlap():
    doc = load_pipeline()("T\n\nWe pre-train on ImageNet-1K.")
    spans = {s.text for s in doc.spans["kg_gazetteer"]}
    assert {"ImageNet-", "ImageNet-1K"} <= spans  # the variant and its parent both match


@pytest.mark.parametrize("text, sentences", [
    ("We use BERT, e.g. for QA. It works (Fig. 2).", ["We use BERT, e.g. for QA.", "It works (Fig. 2)."]),
    ("Accuracy is 84.5% on ImageNet. Smith et al. (2020) disagree.", ["Accuracy is 84.5% on ImageNet.", "Smith et al. (2020) disagree."]),
    ("It is paramount.Current work, i.e. ours, fails.", ["It is paramount.", "Current work, i.e. ours, fails."]),
    ("A Title Line\n\nThe abstract starts.", ["A Title Line", "The abstract starts."]),
])
def test_pipeline_sentence_splitting(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


@pytest.mark.parametrize("text, pairs", [
    ("Masked Image Modeling (MIM) works.", [("MIM", "Masked Image Modeling")]),
    ("with Proximal Policy Optimization (PPO) as optimizer", [("PPO", "Proximal Policy Optimization")]),
    ("a benchmark called Open-World DeepFake Attribution (OW-DFA), which", [("OW-DFA", "Open-World DeepFake Attribution")]),
    ("Text-to-Video generation (T2V) is hard.", [("T2V", "Text-to-Video generation")]),
    ("based on Leave-One-Out K-Nearest-Neighbor, or LOOK for short.", [("LOOK", "Leave-One-Out K-Nearest-Neighbor")]),
    ("Spiking neural networks (SNNs) are brain-inspired.", [("SNN", "Spiking neural networks")]),
    ("models (e.g. BERT) and (see Table 2)", []),
    # a long form that starts with the short form's letters in another case (TDMSci, ACL abstracts) ...
    ("Relation extraction (RE) aims to label relations", [("RE", "Relation extraction")]),
    ("Information extraction (IE) holds the promise", [("IE", "Information extraction")]),
    ("based on the Optimal Partial Transport (OPT).", [("OPT", "Optimal Partial Transport")]),
    # ... but not one that starts with the short form itself, nor "ie" and "eg" for i.e. and e.g.
    ("scored with CLIPScore (CLIP) and with a BERT model (BERT)", []),
    ("two tasks (ie, tagging and parsing) and (eg. NER)", []),
    # a short form before its long form in brackets (tuning-set seed abstracts) ...
    ("we propose CellVTA (Cell Vision Transformer with Adapter), a novel method",
     [("CellVTA", "Cell Vision Transformer with Adapter")]),
    ("a framework for prompting called PromptSRC (Prompting with Self-regulating Constraints). PromptSRC",
     [("PromptSRC", "Prompting with Self-regulating Constraints")]),
    ("on SQuAD (Stanford Question Answering Dataset; Rajpurkar et al.) and", [("SQuAD", "Stanford Question Answering Dataset")]),
    # ... but not a citation or a gloss that does not spell it
    ("we fine-tune BERT (Devlin et al., 2019) and GPT-4 (OpenAI, 2023) with LoRA (a low-rank adapter)", []),
    # a short form defined after its name (seed abstracts)
    ("a new defender method, CeTaD, which stands for Considering Pretrained Transformers as Defenders and is "
     "designed for robustness.", [("CeTaD", "Considering Pretrained Transformers as Defenders")]),
    ("We use LoRA (short for Low-Rank Adaptation) here.", [("LoRA", "Low-Rank Adaptation")]),
    # a short form given as the new thing's name (tuning-set seed abstract; ACL abstracts)
    ("pre-trained models via Image-to-Point Masked Autoencoders, named as I2P-MAE. By", [("I2P-MAE", "Image-to-Point Masked Autoencoders")]),
    ("we propose Bayesian Clustering for Text Hashing, called BCTH, which", [("BCTH", "Bayesian Clustering for Text Hashing")]),
    # ... but only a title-case name: prose before "named" is no long form
    ("we propose a novel match method tailored for text matching in asymmetrical domains, called WD-Match, which", []),
    ("we show how to adapt existing Korean NLI and STS, named KorNLI, to", []),
])
def test_pipeline_abbreviations(text, pairs):
    assert [(a.short_key, a.long) for a in find_abbreviations(text)] == pairs


def test_pipeline_tokenizer_keeps_every_character():
    text = "ImageNet-1K  and\n\nGPT4, 84.5% (ViT-B/16)."
    words, spaces = tokenize(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text


def test_pipeline_lists_of_tasks_are_tasks(run_extract):
    # seed abstract: "Tasks include disease classification and organ segmentation on both 2D and 3D images."
    (record,) = run_extract(("A study", "Tasks include disease classification and organ segmentation on both 2D and 3D "
                                        "images, in 3D understanding tasks like object classification, and others."))
    tasks = {e["name"] for e in record["entities"] if e["type"] == "Task"}
    assert {"disease classification", "organ segmentation", "object classification"} <= tasks
    assert not any("images" in t or "others" in t for t in tasks)
    (vague,) = run_extract(("A study", "We study tasks including several classification and various detection."))
    assert not any(e["name"].startswith(("several", "various")) for e in vague["entities"])


def test_pipeline_a_lower_case_task_before_the_word_task(run_extract):
    # fifth tuning set: "... 0.73 to 0.83 for a brain hemorrhage classification task"
    (record,) = run_extract(("A study", "AUC improves from 0.73 to 0.83 for a brain hemorrhage classification task, "
                                        "and the German-English translation task gains 2 BLEU."))
    tasks = {e["name"] for e in record["entities"] if e["type"] == "Task"}
    assert {"brain hemorrhage classification", "German-English translation"} <= tasks, record["entities"]
    # two in one sentence
    (both,) = run_extract(("A study", "We report results on the brain hemorrhage classification task and the "
                                      "sentence-pair classification task."))
    tasks = {e["name"] for e in both["entities"] if e["type"] == "Task"}
    assert {"brain hemorrhage classification", "sentence-pair classification"} <= tasks, both["entities"]
    # not generic modifiers, prepositions, a name that is not a language, part of a word ("3D"), or
    # "task-specific" (each in a sentence of its own)
    for sentence in ("We test the downstream classification task.", "We test models across classification tasks.",
                     "We test the LeftrightarrowEnglish translation task.", "We test 3D understanding tasks.",
                     "We train emotion recognition task-specific heads."):
        (generic,) = run_extract(("A study", sentence))
        assert not any(e["type"] == "Task" and e["mentions"][0]["rule"].startswith("task-noun")
                       for e in generic["entities"]), (sentence, generic["entities"])
    # a known task inside stays the known task ("the Chinese spelling correction task")
    (known,) = run_extract(("A study", "Results on the Chinese spelling correction task improve."))
    assert [e["id"] for e in known["entities"] if e["type"] == "Task"] == ["task/spelling-correction"]


def test_pipeline_a_sentence_that_defines_a_task_names_it(run_extract):
    # TDMSci train: "Document enrichment is the task of acquiring relevant background knowledge ..."
    (record,) = run_extract(("A study", "Document enrichment is the task of acquiring relevant background "
                                        "knowledge from external resources. Concept-to-text generation broadly "
                                        "refers to the task of automatically producing text from data."))
    tasks = {e["name"]: e for e in record["entities"] if e["type"] == "Task"}
    assert {"Document enrichment", "Concept-to-text generation"} <= set(tasks), record["entities"]
    assert tasks["Document enrichment"]["mentions"][0]["rule"] == "defined-task"
    # with its short form, the name is the long form's (one entity, not "X (SF)" beside it)
    (short,) = run_extract(("A study", "Product matching (PM) is the task of deciding whether two offers "
                                       "describe the same product. PM is hard."))
    names = [e["name"] for e in short["entities"] if e["type"] == "Task"]
    assert names == ["Product matching"], short["entities"]
    # a sentence that gives a task's aim names it, when the name ends on a task noun (28K corpus)
    (aim,) = run_extract(("A study", "Emotion-cause pair extraction aims to extract all pairs of emotions and causes. "
                                     "Our model aims to improve recall. This task aims at finding pairs."))
    assert [(e["name"], e["mentions"][0]["rule"]) for e in aim["entities"] if e["type"] == "Task"] == \
        [("Emotion-cause pair extraction", "task-aim")], aim["entities"]
    # a guess: a known task inside the subject stays the known task (no new entity beside it)
    (known,) = run_extract(("A study", "Unsupervised dependency parsing aims to learn a parser without treebanks. "
                                       "Unsupervised bilingual lexicon induction is the task of inducing translations."))
    assert {e["id"] for e in known["entities"] if e["type"] == "Task"} == \
        {"task/dependency-parsing", "task/bilingual-lexicon-induction"}, known["entities"]
    # a known name inside a defined task's name hides it only when the extra words say how the task is done;
    # otherwise the defined task is its own, a variant of the known task inside it (which queries follow)
    (wider,) = run_extract(("A study", "Online sparse linear regression is the task of applying linear regression "
                                       "online with few features. Multi-lingual relation extraction aims to extract "
                                       "relations in many languages."))
    tasks = {e["name"]: e["variant_of"] for e in wider["entities"] if e["type"] == "Task"}
    assert tasks.get("Online sparse linear regression", "missing") is None, wider["entities"]
    assert tasks.get("Multi-lingual relation extraction") == "task/relation-extraction", wider["entities"]
    # the variant holds when the title names the task first (third review: ACL abstract)
    (titled,) = run_extract(("SelfORE: Self-supervised Relational Feature Learning for Open Relation Extraction",
                             "Open relation extraction is the task of extracting open-domain relation facts."))
    assert entity(titled, "task/open-relation-extraction")["variant_of"] == "task/relation-extraction", \
        titled["entities"]
    # two known names, or a known name of another type, inside the subject: the known names, no new task
    (known,) = run_extract(("A study", "Named entity recognition and relation extraction aim to find entities. "
                                       "ImageNet classification is the task of assigning labels."))
    assert {e["id"] for e in known["entities"]} == {"task/named-entity-recognition", "task/relation-extraction",
                                                    "dataset/imagenet"}, known["entities"]
    # a noun in -ly is part of the name, not an adverb before the verb
    (ly,) = run_extract(("A study", "De novo genome assembly is the problem of reconstructing a genome from reads. "
                                    "Smart reply is the task of suggesting short replies."))
    assert {"De novo genome assembly", "Smart reply"} <= {e["name"] for e in ly["entities"]}, ly["entities"]
    # not a subject with a determiner, a clause before it or as the subject, a "problem of" that is not
    # what is done, nor a problem met in doing something (the review's cases)
    for sentence in ("The main problem is the task of finding good features.",
                     "Inherently, the problem of processing Arabic is hard.",
                     "Catastrophic forgetting is a problem of neural networks.",
                     "Topic segmentation is a task of great importance.",
                     "Author profiling is a problem of growing importance.",
                     "Of particular interest is the problem of estimating depth.",
                     "Sluice resolution in English is the problem of finding antecedents.",
                     "Mode collapse is a common problem of training GANs.",
                     "Parsing is hard and summarization is the task of compressing text."):
        (other,) = run_extract(("A study", sentence))
        assert not any(m["rule"] == "defined-task" for e in other["entities"] for m in e["mentions"]), \
            (sentence, other["entities"])


def test_pipeline_a_sentence_that_says_a_name_is_a_corpus_or_a_tool_types_it(run_extract):
    # 28K corpus: these were Methods (model-like names) or not found
    (record,) = run_extract(("A study", "PAC0 is a French audio-video conversational corpus made of 15 dyadic "
                                        "interactions. Arrau is a new corpus annotated for anaphoric relations. "
                                        "XBench is a benchmark for web agents."))
    types = {e["name"]: e["type"] for e in record["entities"]}
    assert (types.get("PAC0"), types.get("Arrau"), types.get("XBench")) == ("Dataset", "Dataset", "Benchmark"), types
    # a model, method, system or tool (28K corpus: not found before)
    (tools,) = run_extract(("A study", "SLICE is a hybrid model that combines supersense labels with embeddings. "
                                       "Tango is a graphical annotation tool for temporal relations."))
    assert {(e["name"], e["type"]) for e in tools["entities"]} >= {("SLICE", "Method"), ("Tango", "Method")}, \
        tools["entities"]
    # participles may modify the noun; a preposition ends its modifiers (SciERC dev, the second review)
    (parser,) = run_extract(("A study", "MORPA is a fully implemented parser developed for text-to-speech. "
                                        "Sketch Engine is a tool for querying a corpus."))
    types = {e["name"]: e["type"] for e in parser["entities"]}
    assert (types.get("MORPA"), types.get("Sketch Engine")) == ("Method", "Method"), types
    # the noun as a modifier, a common word, a language, a clause or a phrase as the subject, a writing
    # system, a figure: no name
    for sentence in ("KorAP is a corpus search and analysis platform.", "IMAGACT is a corpus-based ontology of verbs.",
                     "Corpus is a valuable resource of text.", "Parallel data is a dataset of sentence pairs.",
                     "Chinese is a logographic writing system.", "We believe QAGS is a promising tool for evaluation.",
                     "Blissymbolics is a pictographic writing system that uses symbols.",
                     "Quasi-Recurrent Neural Networks Recurrent neural networks are a powerful tool for modeling.",
                     "Figure 1 is a model of the system."):
        (other,) = run_extract(("A study", sentence))
        assert not any(m["rule"] in ("defined-data", "defined-method") for e in other["entities"]
                       for m in e["mentions"]), (sentence, other["entities"])


def test_pipeline_an_induction_is_a_task(run_extract):
    # 28K corpus: a defined long form in capitals was a Method for want of a type noun ("induction" was none)
    (record,) = run_extract(("Graph-based Bilingual Dictionary Induction",
                             "Bilingual Dictionary Induction (BDI) is hard. We improve BDI on ten language pairs."))
    assert [(e["name"], e["type"]) for e in record["entities"]] == [("Bilingual Dictionary Induction", "Task")], \
        record["entities"]


def test_pipeline_a_title_names_its_task(run_extract):
    # seed title
    (record,) = run_extract(("Leveraging Pre-trained Language Models for Time Interval Prediction in Text-Enhanced "
                             "Temporal Knowledge Graphs", "We study temporal knowledge graphs."))
    assert any(e["name"] == "Time Interval Prediction" and e["type"] == "Task" for e in record["entities"])
    # a generic adjective before the task is no part of it (tuning-set seed title)
    (accurate,) = run_extract(("CellVTA: Enhancing Vision Foundation Models for Accurate Cell Segmentation and "
                               "Classification", "We study cells."))
    assert any(e["name"].lower() == "cell segmentation" for e in accurate["entities"]), accurate["entities"]
    assert not any(e["name"].startswith("Accurate") for e in accurate["entities"]), accurate["entities"]
    # a one-word modifier is shared over "and" where the gazetteer knows the task it makes (ACL title), with
    # its evidence on the second noun; not "machine summarization", "dependency tagging" (a reviewer's titles)
    (shared,) = run_extract(("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training for Language Understanding and "
                             "Generation", "We study language."))
    found = next((e for e in shared["entities"] if e["id"] == "task/natural-language-generation"), None)
    assert found is not None and found["mentions"][0]["text"] == "Generation", shared["entities"]
    for title, wrong in (("A Pointer Network for Machine Translation and Summarization", "machine summarization"),
                         ("A Graph Model for Dependency Parsing and Tagging", "dependency tagging")):
        (other,) = run_extract((title, "We study it."))
        assert not any(e["name"].lower() == wrong for e in other["entities"]), other["entities"]
    for title in ("Pre-training for BERT Classification", "A Study on The Detection"):
        (other,) = run_extract((title, "We study it."))
        assert not any(e["type"] == "Task" for e in other["entities"]), other["entities"]


@pytest.mark.parametrize("text, start, chunks", [
    ("We use GPT-4, YOLOv8 and SatMAE++ (ViT-B/16).", 0, [(14, 20), (25, 33), (35, 43)]),  # GPT-4: no hint
    ("We use GPT\uff13 and Qwen\u0663 models", 0, [(7, 11), (16, 21)]),  # digits that are not ASCII
    ("Title\n\nxA and aB", 6, [(7, 9), (14, 16)]),
    ("abC", 2, []),  # a hint must start at `start` or later, not only its capital
])
def test_pipeline_model_like_hints_are_found_per_chunk(text, start, chunks):
    from kg.extract.discovery import _model_hint_chunks

    assert _model_hint_chunks(text, start) == chunks


def test_pipeline_raw_extraction_survives_its_json():
    """The per-paper results travel between processes and sit in the cache as JSON: reading them back
    gives the same extraction (every field of every entity and mention)."""
    from kg.extract.pipeline import docs
    from kg.extract.raw import RawExtraction, raw_from_doc
    from kg.ingest import read_papers
    from kg.resources import seeds_dir

    papers = read_papers([seeds_dir()])[:40]
    raws = [raw_from_doc(paper.id, doc) for paper, doc in docs(load_pipeline(), papers)]
    assert any(e.aliases and e.kb_id is None for raw in raws for e in raw.entities.values())
    for raw in raws:
        data = json.loads(json.dumps(raw.to_json()))
        assert RawExtraction.from_json(data, raw.text) == raw


@pytest.mark.parametrize("abstract, spans", [
    # TDMSci train sentences: a data or task mention takes in the noun after the name (as TDMSci, SciREX
    # and Heddes 2021 mark it; a method's does not), and its offsets still point at its text
    ("We train on the BLLIP dataset and the TAC 2010 data, and test on the BNC test set.",
     {"BLLIP dataset", "TAC 2010 data", "BNC test set"}),
    ("The out-of-domain training corpus comes from the FBIS corpus and the GLUE benchmark.",
     {"FBIS corpus", "GLUE benchmark"}),
    ("Results on the CoNLL-2003 test split and the TREC test collection, and the SQuAD training data.",
     {"CoNLL-2003 test split", "TREC test collection", "SQuAD training data"}),
    ("We follow the CoNLL 2005 shared task and report results on the summarization task with the "
     "BERT model.", {"CoNLL 2005 shared task", "summarization task", "BERT"}),
    # not a noun that another mention starts with, not a hyphenated word, not a capitalised one
    ("We use MNIST data augmentation, a CIFAR-10 dataset-level split and ImageNet Validation.",
     {"MNIST", "data augmentation", "CIFAR-10", "ImageNet"}),
    # nor a noun that modifies the word after it, nor a verb
    ("We describe ImageNet data preprocessing and the COCO data distribution. CIFAR-10 split into five parts.",
     {"ImageNet", "COCO", "CIFAR-10"}),
])
def test_pipeline_a_mention_of_data_or_a_task_takes_in_its_head_noun(run_extract, abstract, spans):
    (record,) = run_extract(("", abstract))
    found = {m["text"] for e in record["entities"] for m in e["mentions"]}
    assert found == spans, record["entities"]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert abstract[mention["start"]:mention["end"]] == mention["text"]
    # the entity is still the name, not the name and its noun
    assert not any(e["name"].endswith((" dataset", " corpus", " benchmark", " data", " task", " model"))
                   for e in record["entities"])
