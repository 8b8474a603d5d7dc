"""Normalisation and linking: spelling variants are one entity, variants point at their parent,
abbreviations link long and short forms, ambiguity is resolved by context or left alone."""
from __future__ import annotations

import pytest

from conftest import entity


@pytest.mark.parametrize("spellings, entity_id", [
    (["CIFAR100", "CIFAR-100", "cifar-100", "CIFAR 100"], "dataset/cifar-100"),
    (["GPT4", "GPT-4"], "method/gpt-4"),
    (["MSCOCO", "MS-COCO", "MS COCO", "COCO"], "dataset/coco"),
    (["ImageNet-1k", "ImageNet-1K", "ILSVRC-12", "ILSVRC 2012"], "dataset/imagenet-1k"),
    (["SQuAD 2.0", "SQuAD2", "SQuAD v2.0"], "dataset/squad-2.0"),
    (["CUB-200-2011", "CUB"], "dataset/cub-200-2011"),
    (["Vision Transformers", "vision transformer"], "method/vision-transformer"),
    (["continual pre-training", "continual pretraining", "continued pretraining"], "method/continual-pre-training"),
    (["supervised fine-tuning", "supervised finetuning"], "method/supervised-fine-tuning"),
    (["core-set selection", "coreset selection"], "method/core-set-selection"),
    (["zero-shot cross-lingual transfer", "zero-shot crosslingual transfer"], "task/zero-shot-cross-lingual-transfer"),
    (["CNN/DailyMail", "CNN/Daily Mail", "CNN / Daily Mail", "CNN and Daily Mail"], "dataset/cnn-dailymail"),
])
def test_linking_spelling_variants_are_one_entity(run_extract, spellings, entity_id):
    records = run_extract(*[("A study", f"We train our model on {s} and report results.") for s in spellings])
    for record, spelling in zip(records, spellings):
        found = entity(record, entity_id)
        assert found is not None, (spelling, [e["id"] for e in record["entities"]])


def test_linking_variant_of_parent(run_extract):
    (record,) = run_extract(("A study", "We achieve 84.5% top-1 accuracy on ImageNet-1K."))
    assert entity(record, "dataset/imagenet-1k")["variant_of"] == "dataset/imagenet"


def test_linking_abbreviation_links_short_and_long_form(run_extract):
    (record,) = run_extract(("A study", "We use the Vision Transformer (ViT). The ViT is then fine-tuned."))
    vit = entity(record, "method/vision-transformer")
    # the definition is one mention (as TDMSci marks it); the later use of the short form another
    assert [m["text"] for m in vit["mentions"]] == ["Vision Transformer (ViT)", "ViT"]


def test_linking_definition_joins_a_name_and_its_short_form_of_one_entity_only(run_extract):
    text = "We evaluate statistical machine translation (SMT) systems on the Penn Treebank (PTB). SMT improves."
    joined, apart = run_extract(
        ("A study", text),
        ("A study", "We fine-tune BERT (Devlin et al., 2019) and a ViT (Vision Transformer) on ImageNet (ImageNet-1K) "
                    "with SGD (stochastic gradient descent)."))
    assert [m["text"] for m in entity(joined, "task/statistical-machine-translation")["mentions"]] == \
        ["statistical machine translation (SMT)", "SMT"]
    ptb = entity(joined, "dataset/penn-treebank")["mentions"]
    start = text.index("Penn Treebank (PTB)")
    assert [(m["field"], m["start"], m["end"]) for m in ptb] == [("abstract", start, start + len("Penn Treebank (PTB)"))]
    # a citation, another entity in the brackets, a short form spelled out after it: each apart
    assert [m["text"] for m in entity(apart, "method/bert")["mentions"]] == ["BERT"]
    assert [m["text"] for m in entity(apart, "dataset/imagenet")["mentions"]] == ["ImageNet"]
    assert [m["text"] for m in entity(apart, "method/vision-transformer")["mentions"]] == ["ViT", "Vision Transformer"]
    assert [m["text"] for m in entity(apart, "method/stochastic-gradient-descent")["mentions"]] == \
        ["SGD", "stochastic gradient descent"]


def test_linking_definition_join_needs_the_papers_own_short_form_closed_right_after(run_extract):
    corpus_pass, apart = run_extract(
        # the second definition's mentions come from the corpus pass (the long form is spelled otherwise)
        ("A study", "We use Optimistic Mirror Decent (OMD) for training GANs. Results show that optimistic "
                    "mirror decent (OMD) is fast."),
        ("A study", "We train on the Penn Treebank (WSJ) and on the Penn Treebank (PTB, Marcus et al., 1993). We "
                    "use an online dictionary-learning (sparse-coding) framework and Discourse Representation "
                    "Theory (DRT; Kamp and Reyle, 1993). DRT helps."))
    assert [m["text"] for m in entity(corpus_pass, "method/optimistic-mirror-decent")["mentions"]] == \
        ["Optimistic Mirror Decent (OMD)", "optimistic mirror decent (OMD)"]
    # another entity, a bracket that goes on, a synonym that is no short form, a citation after ";"
    assert [m["text"] for m in entity(apart, "dataset/penn-treebank")["mentions"]] == ["Penn Treebank", "Penn Treebank", "PTB"]
    assert [m["text"] for m in entity(apart, "dataset/wall-street-journal-corpus")["mentions"]] == ["WSJ"]
    assert [m["text"] for m in entity(apart, "method/sparse-coding")["mentions"]] == ["dictionary-learning", "sparse-coding"]
    assert [m["text"] for m in entity(apart, "method/discourse-representation-theory")["mentions"]] == \
        ["Discourse Representation Theory", "DRT", "DRT"]


def test_linking_definition_join_takes_plural_and_written_short_forms_of_the_same_entity_only(run_extract):
    plural, other = run_extract(
        ("A study", "We use generative adversarial networks (GANs) and Long Short-Term Memory (LSTMs). We report "
                    "the F1 score (F1)."),
        ("A study", "We use the Wall Street Journal (WSJ) corpus. We train on the Penn Treebank (WSJ)."))
    assert [m["text"] for e in plural["entities"] for m in e["mentions"]] == \
        ["generative adversarial networks (GANs)", "Long Short-Term Memory (LSTMs)", "F1 score (F1)"]
    # a short form the paper defines for another entity stays that entity's mention
    assert [m["text"] for m in entity(other, "dataset/penn-treebank")["mentions"]] == ["Penn Treebank"]
    assert [m["text"] for m in entity(other, "dataset/wall-street-journal")["mentions"]] == \
        ["Wall Street Journal (WSJ) corpus", "WSJ"]


def test_linking_ambiguous_short_form_needs_a_definition(run_extract):
    undefined, defined = run_extract(
        ("A study", "We train it with SGD on the data."),
        ("A study", "We train it with stochastic gradient descent (SGD). SGD converges."))
    assert not any(m["text"] == "SGD" for e in undefined["entities"] for m in e["mentions"])
    sgd = next(e for e in defined["entities"] if any(m["text"] == "SGD" for m in e["mentions"]))
    assert sgd["type"] == "Method"


def test_linking_generic_words_are_not_entities(run_extract):
    (record,) = run_extract(("Pre-training of large language models",
                             "Pre-training and fine-tuning of deep learning models. We use continual pre-training, "
                             "supervised fine-tuning, contrastive learning and knowledge distillation."))
    names = {e["name"].lower() for e in record["entities"]}
    assert not names & {"pre-training", "fine-tuning", "deep learning", "large language model", "llm", "model"}
    for kept in ("continual pre-training", "supervised fine-tuning", "contrastive learning", "knowledge distillation"):
        assert any(kept in n for n in names), (kept, names)


def test_linking_discovered_name_links_across_papers(run_extract):
    first, second = run_extract(
        ("OW-DFA", "We introduce a new benchmark called Open-World DeepFake Attribution (OW-DFA) for forgery."),
        ("Another study", "We evaluate our detector on OW-DFA and report results."))
    a = next(e for e in first["entities"] if "OW-DFA" in e.get("aliases", []) or e["name"] == "OW-DFA")
    b = next(e for e in second["entities"] if any(m["text"] == "OW-DFA" for m in e["mentions"]))
    assert a["id"] == b["id"] and a["type"] == "Benchmark"


def test_linking_offsets_point_into_the_fields(run_extract):
    title, abstract = "BERT for Parsing", "We fine-tune BERT on the Penn Treebank for dependency parsing."
    (record,) = run_extract((title, abstract))
    for e in record["entities"]:
        for m in e["mentions"]:
            text = title if m["field"] == "title" else abstract
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["text"] in m["sentence"] and m["rule"]


def test_linking_a_name_found_across_papers_does_not_take_the_punctuation_after_it(run_extract):
    # ACL abstracts: "SemEval 2020 Task 7: “Assessing Humor in Edited News Headlines”.", "RONEC - ..."
    _, second, _ = run_extract(
        ("Humicroedit", "We introduce a new dataset called Edited News Headlines (ENH) for humor."),
        ("SemEval-2020 Task 7", "We describe our system for “Assessing Humor in Edited News Headlines”. "
                                "Edited News Headlines – a small corpus – is hard."),
        ("Pairwise ranking", "We propose Humor Ranking With Pairwise Transformers (HRPT)."))  # a 5-word name
    texts = [m["text"] for e in second["entities"] for m in e["mentions"] if m["rule"] == "corpus-name"]
    assert texts == ["Edited News Headlines", "Edited News Headlines"]


def test_linking_a_one_word_name_is_linked_only_where_it_is_spelled_as_defined(run_extract):
    # ACL abstracts: 'NeUral', 'LearnIng' and 'SimplE' were linked to every capitalised 'Neural' ...
    defined, plain, named = run_extract(
        ("SimplE Embedding for Link Prediction", "We propose SimplE, a simple enhancement of CP for link prediction."),
        ("A Simple Baseline", "Simple Baselines are strong. Simple models win."),
        ("Knowledge graph completion", "We compare our model with SimplE on two benchmarks."))
    simple = next(e["id"] for e in defined["entities"] if e["name"] == "SimplE")
    assert all(e["id"] != simple for e in plain["entities"])
    assert any(e["id"] == simple for e in named["entities"])


def test_linking_protocol_prefix_makes_a_variant(run_extract):
    # seed abstract (SLCA): "... on Split CIFAR-100, Split ImageNet-R, Split CUB-200 and Split Cars-196, respectively"
    (record,) = run_extract(("SLCA", "Our proposal provides substantial improvements for CLPM (e.g., up to 49.76%, "
                                     "50.05%, 44.69% and 40.16% on Split CIFAR-100, Split ImageNet-R, Split CUB-200 and "
                                     "Split Cars-196, respectively)."))
    names = {e["name"]: e for e in record["entities"]}
    assert {"Split ImageNet-R", "Split CUB-200", "Split Cars-196"} <= set(names), sorted(names)
    assert names["Split ImageNet-R"]["variant_of"] == "dataset/imagenet-r"
    assert not any("," in n for n in names)
    (verb,) = run_extract(("A study", "Split ImageNet into ten tasks of 100 classes."))
    assert not any(e["name"].startswith("Split") for e in verb["entities"])


def test_linking_phishing_the_topic_is_no_dataset(run_extract):
    (record,) = run_extract(("DomURLs_BERT", "We run experiments on classification tasks covering phishing, malware "
                                             "and DNS tunneling."))
    assert all(e["id"] != "dataset/phishing" for e in record["entities"])


@pytest.mark.parametrize("abstract, name, etype", [
    # seed abstracts: a name in a list that a type noun introduces, an acronym after a knowledge graph
    ("For this, we create our custom dataset utilizing trustworthy online databases like iNaturalist and ZooChat.",
     "ZooChat", "Dataset"),
    ("We use benchmarks such as GLUE, ZorbBench and SQuAD.", "ZorbBench", "Benchmark"),
    # hard negatives: a name after the list is not in it
    ("Unlike benchmarks such as GLUE, ZorbNet needs no labels.", "ZorbNet", "Method"),
    ("Experiments on datasets such as COCO show that ZorbNet outperforms prior work.", "ZorbNet", "Method"),
])
def test_linking_type_of_a_discovered_name_from_its_context(run_extract, abstract, name, etype):
    (record,) = run_extract(("A study", abstract))
    found = next((e for e in record["entities"] if e["name"] == name), None)
    assert found is not None and found["type"] == etype, record["entities"]


def test_linking_praise_is_not_a_reported_metric(run_extract):
    praise = ("Our findings suggest that integrating YOLOv8 into conservation efforts could revolutionize wildlife "
              "monitoring with its high accuracy and efficiency.")
    (record,) = run_extract(("A study", praise))
    assert not any(e["type"] == "Metric" for e in record["entities"]), record["entities"]
    (reported,) = run_extract(("A study", "Our method reaches a high accuracy of 91.2% on the test set."))
    assert any(e["name"] == "accuracy" for e in reported["entities"])
    (compared,) = run_extract(("A study", "Our system achieves higher accuracy than existing leading systems."))
    assert any(e["name"] == "accuracy" for e in compared["entities"])


def test_linking_a_loss_named_after_a_task_is_not_the_task(run_extract):
    (record,) = run_extract(("A study", "Finally, we jointly optimize CoAVT model with three multimodal objectives: "
                                        "contrastive loss, matching loss and language modeling loss."))
    assert not any(e["type"] == "Task" for e in record["entities"]), record["entities"]
    (task,) = run_extract(("A study", "We evaluate on language modeling and machine translation."))
    assert {"language modeling", "machine translation"} <= {e["name"] for e in task["entities"] if e["type"] == "Task"}


def test_linking_title_case_words_before_a_type_noun_are_no_name(run_extract):
    title = "DynamicRetriever: A Pretrained Model-based IR System Without an Explicit Index"
    (record,) = run_extract((title, f'The ninth paper, entitled "{title}", focused on information retrieval.'))
    assert entity(record, "Explicit Index") is None, record["entities"]
    (prose,) = run_extract(("A study", "We add an Augmenting Block to the encoder."))
    assert entity(prose, "Augmenting Block") is not None, prose["entities"]


def test_linking_token_consumption_is_a_metric_where_a_number_is_reported(run_extract):
    (record,) = run_extract(("A study", "This results in more than 50% reduction in token consumption."))
    assert entity(record, "token consumption")["type"] == "Metric"
    (prose,) = run_extract(("A study", "Token consumption is a concern for deployed systems."))
    assert entity(prose, "token consumption") is None


def test_linking_a_title_case_modifier_makes_a_more_specific_task(run_extract):
    (record,) = run_extract(("Domain-Adaptive Text Classification with Structured Knowledge from Unlabeled Data",
                             "We study 3D representation learning from images."))
    names = {e["name"]: e for e in record["entities"] if e["type"] == "Task"}
    assert "domain-adaptive text classification" in names, names
    assert names["domain-adaptive text classification"]["variant_of"] == "task/text-classification"
    assert "3D representation learning" in names, names


def test_linking_title_case_modifiers_only_in_a_title(run_extract):
    (record,) = run_extract(("A study", "Results of the Second International Chinese Word Segmentation Bakeoff and "
                                        "of Arabic OCR are reported."))
    names = {e["name"] for e in record["entities"] if e["type"] == "Task"}
    assert not any(n.lower().startswith(("international", "arabic")) for n in names), names


def test_linking_a_negated_name_is_not_the_name(run_extract):
    (record,) = run_extract(("A study", "We identify two key features, attention normalization and non-causal "
                                        "inference, that enhance high-resolution visual generation."))
    assert entity(record, "causal inference") is None, record["entities"]
    (plain,) = run_extract(("A study", "We study causal inference from observational data."))
    assert entity(plain, "causal inference") is not None, plain["entities"]


def test_linking_qualified_techniques_are_methods(run_extract):
    # tuning-set sentences: a generic technique word after specific modifiers names a method
    (record,) = run_extract(("A study", "We compare multi-task fine-tuning with prompt-based fine-tuning and study "
                                        "autoregressive decoding. We find that large-scale pre-training, two-stage "
                                        "pre-training, well-known pre-training and time-consuming fine-tuning are "
                                        "costly, and that fine-tuning alone is not enough."))
    names = {e["name"] for e in record["entities"] if e["type"] == "Method"}
    assert {"multi-task fine-tuning", "prompt-based fine-tuning", "autoregressive decoding"} <= names, names
    assert not names & {"large-scale pre-training", "two-stage pre-training", "well-known pre-training",
                        "time-consuming fine-tuning", "fine-tuning"}, names


def test_linking_versions_listed_after_a_model_name(run_extract):
    # tuning-set seed sentence, and lists that are not versions
    (record,) = run_extract(("A study", "We empirically prove our findings on the LLaMa 3, 3.1 and Qwen 2, 2.5 family "
                                        "of base and instruction models."))
    ids = {e["id"] for e in record["entities"]}
    assert {"method/llama-3", "method/llama-3.1", "method/qwen2", "method/qwen2.5"} <= ids, ids
    (record,) = run_extract(("A study", "We compare GPT-4, 3 and 5 other models, and test GPT-3.5 and 4 models."))
    assert {e["id"] for e in record["entities"]} == {"method/gpt-4", "method/gpt-3.5"}


def test_linking_a_word_coordinated_with_a_task_name_names_a_task(run_extract):
    # tuning-set seed sentence; "training and text classification" names no "training classification"
    (record,) = run_extract(("A study", "We evaluate self-distillation on a variety of benchmark datasets for image "
                                        "and text classification tasks, with training and text classification data."))
    ids = {e["id"] for e in record["entities"] if e["type"] == "Task"}
    assert ids == {"task/image-classification", "task/text-classification"}, ids


@pytest.mark.parametrize("abstract", [
    # a reviewer's hard negatives: a noun phrase of its own before "and", numbers that are no versions
    "We construct a k-NN graph, and node classification accuracy improves by 3%.",
    "We annotate every image, and semantic segmentation masks are released.",
    "We crop each face and emotion recognition is applied.",
    "Captions are generated from the image and text classification is performed.",
    "We use ResNet-50, 200, and 1000 epochs respectively.",
    "On Llama 2, 3, 7 and 13 billion parameter models we test.",
])
def test_linking_coordination_and_version_lists_hard_negatives(run_extract, abstract):
    (record,) = run_extract(("A study", abstract))
    rules = {m["rule"] for e in record["entities"] for m in e["mentions"]}
    assert not rules & {"coordinated-task", "listed-version"}, record["entities"]


@pytest.mark.parametrize("abstract, word", [
    # seed abstracts: a plain word capitalised as a modality, a school of thought or an adjective, or
    # because it opens the sentence, is no name before a type noun
    ("Trained on few tasks, the transformer behaves like a Bayesian estimator with the pretraining prior.", "Bayesian"),
    ("Popular AD algorithms commonly try to learn a model of normality.", "Popular AD"),
    ("Although Graph Convolutional Networks enhance performance, they are slow.", "Although Graph Convolutional Networks"),
])
def test_linking_plain_capitalised_words_are_no_names(run_extract, abstract, word):
    (record,) = run_extract(("A study", abstract))
    assert entity(record, word) is None, record["entities"]


def test_discovery_plain_capitalised_words_are_no_candidates():
    from kg.extract.discovery import discover

    text = "A study\n\nWe experiment on both Vision and Speech benchmarks, where our approach brings improvements."
    assert not [c for c in discover(text, [(0, 7), (9, len(text))], 7) if text[c.start:c.end] == "Speech"]


def test_linking_a_plain_word_before_a_capitalised_noun_is_a_name(run_extract):
    # tuning-set seed abstract: the capitalised noun makes "Augmenting Block" one name
    (record,) = run_extract(("Clover", "Additionally, Clover incorporates an Augmenting Block that modifies the "
                                       "hidden states to better align with the purpose of speculative generation."))
    assert entity(record, "Augmenting Block") is not None


def test_linking_plain_words_of_a_title_are_not_linked_across_papers(run_extract):
    # seed abstract: "Sparse Regularization" is a name in the paper that applies it, but another paper's
    # Title Case title only capitalises the phrase (in the 28K abstracts, "Natural Language" was linked
    # in 732 papers this way, "Word Embeddings" in 455)
    defining, other = run_extract(
        ("Sparse Regularization for Vision Transformers",
         "We apply Sparse Regularization and Pruning methods to the Vision Transformer architecture."),
        ("On Sparse Regularization in Deep Networks", "We study why sparsity helps generalization."))
    assert entity(defining, "Sparse Regularization") is not None
    assert entity(other, "Sparse Regularization") is None, other["entities"]
    # a dataset whose name a paper defines with a short form is still linked (test above); a numbered
    # thing is no model
    (record,) = run_extract(("System description", "We participated in SemEval-2020 Task12 with a BERT model."))
    assert entity(record, "Task12") is None


def test_linking_organisations_and_languages_are_no_entities(run_extract):
    # ACL abstracts: defined with short forms, these were methods linked across hundreds of papers
    (record,) = run_extract(("A Progress Report on Activities at the Linguistic Data Consortium",
                             "This latest in a series of Linguistic Data Consortium (LDC) progress reports "
                             "sketches the activities of a data center. The LDC's catalogue grew."))
    assert record["entities"] == [], record["entities"]
    (record,) = run_extract(("Arabic speech", "We collected acoustic data from one Modern Standard Arabic (MSA) "
                                              "lecture and four MSA students."))
    assert record["entities"] == [], record["entities"]
    (record,) = run_extract(("Telugu NLP", "In addition, we created an annotated Telugu dataset, TEL-NLP, "
                                           "for the four NLP tasks."))
    assert [e["name"] for e in record["entities"] if e["type"] == "Dataset"] == ["TEL-NLP"]


def test_linking_a_short_form_two_papers_define_differently_is_not_linked_elsewhere(run_extract):
    # ACL abstracts: MSA is Message-level Sentiment Analysis in one paper and Modern Standard Arabic in
    # others; a third paper's "MSA" is neither for sure
    _, _, third = run_extract(
        ("Sentiment", "We use a variant of the Message-level Sentiment Analysis (MSA) model."),
        ("Arabic speech", "We collected acoustic data from one Modern Standard Arabic (MSA) lecture."),
        ("Dialects", "We translate MSA sentences into Egyptian dialect."))
    assert third["entities"] == [], third["entities"]


def test_linking_a_non_entity_defined_with_a_short_form_names_nothing(run_extract):
    # ACL abstracts: "Amazon Mechanical Turk (AMT)" made AMT a method, then linked in 40 other papers
    defining, other = run_extract(
        ("Crowdsourcing", "We collected labels on Amazon Mechanical Turk (AMT). AMT workers were paid."),
        ("Annotation", "Annotations were gathered via Amazon Mechanical Turk."))
    assert defining["entities"] == [] and other["entities"] == [], (defining["entities"], other["entities"])


def test_linking_levels_and_notation_are_no_names(run_extract):
    # ACL and ML abstracts: CEFR levels, and the O of O(n log n), were methods
    (record,) = run_extract(("Essays", "Five CEFR levels are represented in the corpus: A1, A2, B1, B2 and C1."))
    assert not [e for e in record["entities"] if e["name"] in ("A1", "A2", "B1", "B2", "C1")], record["entities"]
    (record,) = run_extract(("Fast sorting", "We propose O(n log n) algorithms for ranking."))
    assert entity(record, "O") is None


def test_linking_the_moses_toolkit_is_not_the_moses_benchmark(run_extract):
    # ACL abstracts: "Moses" (the SMT toolkit) was the MOSES molecular benchmark in 28 papers
    smt, molecules = run_extract(("SMT", "We train a phrase-based system with the Moses toolkit."),
                                 ("Molecules", "We evaluate our generative model on the MOSES benchmark."))
    assert [(e["name"], e["type"]) for e in smt["entities"] if e["name"].lower() == "moses"] == [("Moses", "Method")]
    assert [(e["name"], e["type"]) for e in molecules["entities"]] == [("MOSES", "Benchmark")]


def test_linking_a_numbered_shared_task_keeps_its_number(run_extract):
    # ACL abstracts: "SemEval-2020 Task 3: Predicting ..." was the task "SemEval-2020 Task" in 81 papers
    (record,) = run_extract(("BabelEnconding at SemEval-2020 Task 3",
                             "This paper describes the system submitted by our team (BabelEnconding) to "
                             "SemEval-2020 Task 3: Predicting the Graded Effect of Context in Word Similarity."))
    assert entity(record, "SemEval-2020 Task 3") is not None
    assert entity(record, "SemEval-2020 Task") is None
    (record,) = run_extract(("Clover", "Our model uses an Augmenting Block 4x faster than before."))
    assert entity(record, "Augmenting Block") is not None


def test_linking_a_persons_name_before_a_metric_noun_is_no_metric(run_extract):
    # ML abstracts: "the Bellman error", "a Riemannian metric" and "the Wasserstein metric" were metrics
    (record,) = run_extract(("Approximate dynamic programming",
                             "We prove an upper bound on the true Bellman error of the approximation. "
                             "We use a Riemannian metric. Our SARI score is 40.1."))
    assert [e["name"] for e in record["entities"] if e["type"] == "Metric"] == ["SARI"], record["entities"]


def kb_ids() -> set[str]:
    from kg.extract.gazetteer import gazetteer

    return set(gazetteer()[0].entries)


def test_linking_plurals_in_es_are_the_entity(run_extract):
    # ML abstracts: "Gaussian processes (GPs)" and "Markov decision processes" were new entities, not the
    # gazetteer's Gaussian Process and Markov Decision Process
    (record,) = run_extract(("Bayesian optimisation", "We place Gaussian processes (GPs) priors over functions and "
                                                      "model the task as Markov decision processes."))
    assert {e["id"] for e in record["entities"]} >= {"method/gaussian-process", "method/markov-decision-process"}
    assert not [e for e in record["entities"] if e["id"] not in kb_ids()], record["entities"]


@pytest.mark.parametrize("abstract, names", [
    # review cases: a measure after a known name, a name that opens its sentence, single-word datasets,
    # numbered words, a multi-word metric
    ("We evaluate the Vision Transformer 2 times and the Swin Transformer 2 points better.",
     {"Vision Transformer", "Swin Transformer"}),
    ("Temporal Fusion Blocks forecast series well.", {"Temporal Fusion Blocks"}),
    ("We use the Adult dataset and the Letter dataset.", {"Adult", "Letter"}),
    ("Our Task12 system works. The Stage2 network is fast.", set()),
    ("We report the Perceptual Path Length score.", {"Perceptual Path Length"}),
    ("We took part in SemEval-2021 Task 3.5: humour.", {"SemEval-2021 Task 3.5"}),
])
def test_linking_review_cases_of_the_discovery_guards(run_extract, abstract, names):
    (record,) = run_extract(("A study", abstract))
    assert {e["name"] for e in record["entities"]} == names, record["entities"]


@pytest.mark.parametrize("abstract, names", [
    # review cases: a language after a dataset's name, a corpus called an anthology, an organisation's
    # long form hiding the task name inside it
    ("We use the Universal Dependencies English treebank and the Switchboard English corpus.",
     {"Universal Dependencies English", "Switchboard English"}),
    ("We build on the ACL Anthology corpus.", {"ACL Anthology"}),
    ("We evaluate on the Document Understanding Conference (DUC) data and DUC 2004.", {"DUC 2004"}),
    ("We study Modern Standard Arabic (MSA) and American Sign Language.", set()),
])
def test_linking_review_cases_of_organisations_and_languages(run_extract, abstract, names):
    (record,) = run_extract(("A study", abstract))
    assert {e["name"] for e in record["entities"]} == names, record["entities"]


def test_linking_a_title_case_common_word_is_no_use_of_a_camel_case_name(run_extract):
    # 28K abstracts: "MultiLingual" (a model-like name in two papers) was linked to every "Multilingual"
    # of a title, and "the Multilingual corpus" made "Multilingual" a dataset
    _, titled, corpus = run_extract(
        ("MultiLingual BERT probing", "We probe MultiLingual representations."),
        ("Speech Recognizers Derived from Mono- and Multilingual Grammars", "This paper examines grammars."),
        ("A study", "We release the Multilingual corpus and the Treebank corpus."))
    assert titled["entities"] == [] and corpus["entities"] == [], (titled["entities"], corpus["entities"])


@pytest.mark.parametrize("abstract, names", [
    # second review's cases: numbers of tasks and datasets, sentence openers before a known name,
    # varieties and pairs of languages, parts and sizes of a dataset, words inside a longer name,
    # numbered names that are models
    ("We describe our SemEval-2020 Task 3 system.", {"SemEval-2020 Task 3"}),
    ("We use the Penn Discourse Treebank 2 (PDTB2).", {"Penn Discourse Treebank 2"}),
    ("Despite Graph Convolutional Networks being popular, they are slow.", {"Graph Convolutional Network"}),
    ("We study Chinese Sign Language (CSL), African American English (AAE) and the Algerian Arabic corpus.",
     set()),
    ("We use the Large dataset, the Test corpus and the World of Bits benchmark.", set()),
    ("We use the Birds200 dataset.", {"Birds200"}),
])
def test_linking_second_review_cases(run_extract, abstract, names):
    (record,) = run_extract(("A study", abstract))
    assert {e["name"] for e in record["entities"]} == names, record["entities"]


@pytest.mark.parametrize("text, short, entity_id", [
    # TDMSci sentences: the short form is never defined in them
    ("Our best result improves over the best single MT system baseline by 1.0% BLEU and over a strong system "
     "combination.", "MT", "task/machine-translation"),
    ("Sections 4, 5, 6 describe our SRL system: first, how we identify predicates in open text.", "SRL",
     "task/semantic-role-labeling"),
    ("Model Tuning We treat QA on Freebase as a binary classification task: for each question-candidate pair, "
     "we predict whether the candidate is the answer.", "QA", "task/question-answering"),
    ("the meaning right should be used as an objective function for tuning SMT so as to drive continuing "
     "progress towards higher translation quality.", "SMT", "task/statistical-machine-translation"),
    # TDMSci train sentences: the short form with a word that only machine translation and semantic role
    # labelling systems have
    ("In this paper, we predict error types of each word in the MT output with a confidence score.", "MT",
     "task/machine-translation"),
    ("These pipeline systems are important for generating features for SRL, and one key reason for the poor "
     "performance of SRL systems on the Brown corpus is the pipeline.", "SRL", "task/semantic-role-labeling"),
    # the same letters in a semi-supervised paper
    ("Our student model follows MT and learns from pseudo-labels of unlabeled images.", "MT", "method/mean-teacher"),
])
def test_linking_ambiguous_short_form_resolved_by_its_context(run_extract, text, short, entity_id):
    (record,) = run_extract(("", text))
    found = entity(record, entity_id)
    assert found is not None, [e["id"] for e in record["entities"]]
    assert {(m["text"], m["rule"].split("+")[0]) for m in found["mentions"]} == {(short, "short-form-context")}


@pytest.mark.parametrize("text", [
    "We compare MT with multi-task training for translation.",  # cues of two readings: unresolved
    "We report scores on MT-Bench and on AlpacaEval for translation prompts.",  # a name of its own
    "The SMT solver checks each translated program.",  # satisfiability modulo theories
])
def test_linking_ambiguous_short_form_without_one_reading_is_left_alone(run_extract, text):
    (record,) = run_extract(("", text))
    assert not any(m["rule"].startswith("short-form-context") for e in record["entities"] for m in e["mentions"])
    assert entity(record, "task/machine-translation") is None


def test_linking_short_form_spelled_out_after_it_is_one_entity(run_extract):
    # tuning-set seed abstract
    (record,) = run_extract(("CellVTA: Enhancing Vision Foundation Models for Accurate Cell Segmentation",
                             "To address this problem, we propose CellVTA (Cell Vision Transformer with Adapter), a "
                             "novel method that improves the performance of vision foundation models. Extensive "
                             "experiments show that CellVTA achieves 0.538 mPQ on the CoNIC dataset."))
    cellvta = [e for e in record["entities"] if "CellVTA" in {m["text"] for m in e["mentions"]}]
    assert len(cellvta) == 1 and cellvta[0]["role"] == "proposes"
    assert "Cell Vision Transformer with Adapter" in {m["text"] for m in cellvta[0]["mentions"]}
    assert not any(e["name"] == "Cell Vision Transformer" for e in record["entities"])


def test_linking_short_form_spelled_out_after_it_names_nothing_new_on_its_own(run_extract):
    # ACL abstract: an everyday acronym glossed in brackets is no method
    (record,) = run_extract(("", "Messages were sent by SMS (Short Message Service) to the volunteers."))
    assert not any("Short Message Service" in e["name"] for e in record["entities"])
    # a known name in capitals, spelled out, is that name (ACL title and abstract)
    (known,) = run_extract(("DIALOGPT : Large-Scale Generative Pre-training for Conversational Response Generation",
                            "We present a large, tunable neural conversational response generation model, DIALOGPT "
                            "(dialogue generative pre-trained transformer). We release DialoGPT."))
    dialogpt = entity(known, "method/dialogpt")
    assert dialogpt is not None and {m["text"] for m in dialogpt["mentions"]} >= {"DIALOGPT", "DialoGPT"}


def test_linking_a_short_form_defined_as_a_known_name_elsewhere_is_ambiguous(run_extract):
    # second review: SMT is statistical machine translation in one paper, a solver family in another
    _, _, third = run_extract(
        ("MT", "We study statistical machine translation (SMT) for low-resource languages."),
        ("Solvers", "We use Satisfiability Modulo Theories (SMT) solvers."),
        ("Comparison", "We compare SMT and NMT."))
    assert all(e["name"] != "Satisfiability Modulo Theories" for e in third["entities"]), third["entities"]


def test_linking_third_review_cases(run_extract):
    # a plain word the paper named a dataset is no mention of it in another sense, nor a name in a URL
    (record,) = run_extract(("A study", "We use the Adult dataset. Adult patients were excluded. "
                                        "We propose Clover at https://clover.ai/Clover and Clover.js."))
    assert [m["text"] for m in entity(record, "Adult")["mentions"]] == ["Adult dataset"]
    assert [m["rule"] for m in entity(record, "Clover")["mentions"]] == ["proposal"]
    # plurals in -ches, but not a cache's; a count after a benchmark's name; a sentence opener before
    # an acronym; a demonym list, not every word ending in -an
    from kg.extract.keys import name_key

    assert name_key("Hard Sketches") == name_key("Hard Sketch") and name_key("caches") == name_key("cache")
    (record,) = run_extract(("A study", "On the Hard QA Benchmark 3 models fail. Resulting MT systems are good. "
                                        "We build Bayesian English (BE) data."))
    names = {e["name"] for e in record["entities"]}
    assert "Hard QA Benchmark" in names and not {"Hard QA Benchmark 3", "Resulting MT"} & names, names
    assert "Bayesian English" in names, names


def test_two_known_names_in_one_name_a_model_named_last(run_extract):
    # first held-out set (KLUE): the models released with a benchmark are models; a task named last
    # does not make a system a task (ACL corpus: SOM-DST is a dialogue state tracker)
    (record,) = run_extract(("KLUE: Korean Language Understanding Evaluation",
                             "We introduce the KLUE benchmark. We furthermore release the pretrained language "
                             "models, KLUE-BERT and KLUE-RoBERTa, to help reproducing baselines on KLUE. "
                             "We compare with SOM-DST."))
    types = {e["name"]: (e["type"], e["variant_of"]) for e in record["entities"]}
    assert types["KLUE-BERT"] == ("Method", "method/bert"), types
    assert types["SOM-DST"][0] != "Task", types


def test_a_defined_name_takes_its_type_from_its_apposition(run_extract):
    # third tuning set: "(MetaCoCo), a benchmark" is a benchmark, not a method
    (record,) = run_extract(("MetaCoCo: A New Few-Shot Classification Benchmark with Spurious Correlation",
                             "To this end, we present Meta Concept Context (MetaCoCo), a benchmark with "
                             "spurious-correlation shifts collected from real-world scenarios."))
    found = next(e for e in record["entities"] if "MetaCoCo" in [m["text"] for m in e["mentions"]])
    assert (found["type"], found["role"]) == ("Benchmark", "proposes"), found


@pytest.mark.parametrize("abstract, long_form, etype", [
    # a long form may be a list of capitalised words, and an apposition's head noun (not its first
    # word) gives the type
    ("We present Sequential Attend, Infer, Repeat (SQAIR), an interpretable deep generative model for videos.",
     "Sequential Attend, Infer, Repeat", "Method"),
    ("We propose Prompt Alignment Tuning (PAT), a task-agnostic method for adapting models.",
     "Prompt Alignment Tuning", "Method"),
])
def test_long_forms_with_commas_and_apposition_heads(run_extract, abstract, long_form, etype):
    (record,) = run_extract(("A study", abstract))
    found = next((e for e in record["entities"] if e["name"] == long_form), None)
    assert found is not None and found["type"] == etype, record["entities"]


def test_a_clause_is_no_long_form(run_extract):
    (record,) = run_extract(("A study", "In contrast, our model (CSE) utilizes both features of words and n-grams."))
    assert not [e for e in record["entities"] if "," in e["name"]], record["entities"]


@pytest.mark.parametrize("abstract, name", [
    # NeurIPS abstracts: an ordinary word written in lower case is not the data or benchmark named
    # with capitals (MARBLE, HoVer, Taskmaster)
    ("A marble represents an individual classifier in the ensemble.", "MARBLE"),
    ("This allows residual networks to hover over the boundary between classes.", "HoVer"),
    ("In practice, a taskmaster typically breaks down the project into parts.", "Taskmaster-1"),
    ("Each calf exhibits a unique coat pattern, enabling precise identity distinction.", "Coat"),
])
def test_linking_a_lower_case_word_is_not_a_capitalised_data_name(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    assert all(e["name"] != name for e in record["entities"]), record["entities"]


@pytest.mark.parametrize("abstract, name", [
    ("We achieve 84.3% mIoU score on the cityscapes validation set.", "Cityscapes"),  # a seed abstract
    ("Table 2: Experiment results on charades.", "Charades"),
    ("We test on three published datasets (charades, volleyball, and hockey).", "Charades"),
])
def test_linking_a_data_name_in_lower_case_is_still_data_in_a_data_context(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    assert any(e["name"] == name for e in record["entities"]), record["entities"]


@pytest.mark.parametrize("abstract, cited", [
    # an ACL abstract: an author cited by name and year is not the CALVIN benchmark
    ("This improves over previous results of Al-Mharmah and Calvin (1996) and Calvin et al. (2017) which provided "
     "only partial results.", "CALVIN"),
    ("As Marble et al. showed, ensembles help.", "MARBLE"),
    ("Marble and Smith (2001) disagree with this view.", "MARBLE"),
])
def test_linking_an_author_cited_is_not_a_data_name(run_extract, abstract, cited):
    (record,) = run_extract(("A study", abstract))
    assert all(e["name"] != cited for e in record["entities"]), record["entities"]


@pytest.mark.parametrize("abstract, name", [
    ("We evaluate our policy on CALVIN (2022) and report success rates.", "CALVIN"),  # spelt as the gazetteer does
    ("The Transformer (2017) is the basis of our model.", "Transformer"),
])
def test_linking_a_name_with_a_year_is_still_a_name(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    assert any(e["name"] == name for e in record["entities"]), record["entities"]


def test_linking_a_short_form_defined_for_a_model_is_not_a_benchmark_of_that_name(run_extract):
    # two seed papers (found by a user): FLAIR the retina model and FLAIR the federated learning benchmark became
    # one entity, typed Benchmark, that the model's paper proposed
    model, benchmark = run_extract(
        ("A Foundation LAnguage-Image model of the Retina (FLAIR): Encoding expert knowledge in text supervision",
         "We present FLAIR, a pre-trained vision-language model for universal retinal fundus image understanding."),
        ("On the Efficacy of Differentially Private Few-shot Image Classification",
         "Finally, we evaluate DP federated learning systems and establish state-of-the-art performance on the "
         "challenging FLAIR benchmark."))
    proposed = next(e for e in model["entities"] if e["role"] == "proposes")
    evaluated = next(e for e in benchmark["entities"] if e["name"] == "FLAIR")
    assert proposed["type"] == "Method" and evaluated["type"] == "Benchmark"
    assert proposed["id"] != evaluated["id"]



@pytest.mark.parametrize("abstract, name", [
    # a review's cases: a mixed-case name written in title case before a year is still the name
    ("We train on Imagenet (2009) and test on Squad (2016).", "ImageNet"),
    ("We train on Imagenet (2009) and test on Squad (2016).", "SQuAD"),
    ("We fine-tune Llama's (2023) smallest model.", "LLaMA"),
])
def test_linking_a_name_written_otherwise_before_a_year_is_still_a_name(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    assert any(e["name"] == name for e in record["entities"]), [e["name"] for e in record["entities"]]


def test_linking_cnn_daily_mail_is_the_dataset_not_a_cnn(run_extract):
    """A user trial: "CNN/Daily Mail" in a list was a method "CNN/Daily", a variant of CNN (a NeurIPS
    abstract); the BookTest beside it was a method."""
    (record,) = run_extract(("A study", "Specifically, we train a neural-network-based model on two context-question-"
                             "answer datasets, the BookTest and CNN/Daily Mail, and we monitor transfer to subsets "
                             "of bAbI, a set of artificial tasks designed to test specific reasoning abilities."))
    assert {e["id"] for e in record["entities"] if e["type"] == "Dataset"} >= {"dataset/cnn-dailymail", "dataset/booktest"}
    assert not [e for e in record["entities"] if e["type"] == "Method" and "CNN" in e["name"]]


def test_linking_a_known_data_name_opening_a_longer_one_is_not_linked(run_extract):
    """A user trial (ACL abstracts): the Potsdam Commentary Corpus was linked to ISPRS Potsdam (alias
    "Potsdam"), and the WSD system UKB to UK Biobank (an alias matched in any case)."""
    corpus, remote, wsd = run_extract(
        ("Information structure in the Potsdam Commentary Corpus: Topics",
         "The Potsdam Commentary Corpus is a collection of 175 German newspaper commentaries."),
        ("A study", "We evaluate on the ISPRS Potsdam and Vaihingen datasets. Potsdam Dataset results improve."),
        ("A study", "We use the graph-based UKB system for word sense disambiguation."))
    assert entity(corpus, "dataset/isprs-potsdam") is None
    assert entity(corpus, "Potsdam Commentary Corpus") is not None
    assert len(entity(remote, "dataset/isprs-potsdam")["mentions"]) == 2
    assert entity(wsd, "dataset/uk-biobank") is None
    # a split, a subset, a challenge of the dataset is the dataset (a second review's cases)
    split, subset, challenge = run_extract(("Label Noise in the ImageNet Validation Split", "We study it."),
                                           ("Evaluating Language Models on the MMLU Test Subset", "We study it."),
                                           ("Results of the COCO Detection Challenge", "We study it."))
    assert entity(split, "dataset/imagenet") and entity(subset, "benchmark/mmlu") and entity(challenge, "dataset/coco")
    # a plural head is the name's own datasets (ACL abstracts)
    (flores,) = run_extract(("The FLORES Evaluation Datasets for Low-Resource Machine Translation", "We release them."))
    assert entity(flores, "dataset/flores") is not None


@pytest.mark.parametrize("abstract, expected", [
    # TDMSci train sentences (and ACL abstracts for "automatic")
    ("The out-of-domain training corpus comes from the FBIS corpus and the Hansard- To obtain topic "
     "distributions we cluster.", {("Hansard", "Hansard"), ("FBIS", "FBIS corpus")}),  # a hyphen cut off is not a wider name
    ("Sense distribution evaluation of the models on the RTE3-derived datasets is reported.",
     {("RTE3", "RTE3")}),  # "-derived", "-annotated": descriptive, as "-based" is
    ("Tuning improves automatic semantic parsing.", {("semantic parsing", "semantic parsing")}),
    ("We improve over IBM Model 4 in word alignment.", {("IBM Model 4", "IBM Model 4"),
                                                        ("word alignment", "word alignment")}),
])
def test_linking_train_sentence_names(run_extract, abstract, expected):
    (record,) = run_extract(("", abstract))
    found = {(e["name"], m["text"]) for e in record["entities"] for m in e["mentions"]}
    assert expected <= found, record["entities"]
    assert not any(m["text"].endswith("-") or "-derived" in m["text"] or m["text"].startswith("automatic")
                   or e["name"] == "IBM Model 1" for e in record["entities"] for m in e["mentions"])


@pytest.mark.parametrize("abstract, expected", [
    # a general task word before a measure of it names the task (by default, the word's usual task)
    ("Our reranker raises the parsing accuracy to 92.1% on the WSJ test set.", {"parsing": "task/syntactic-parsing"}),
    ("Adding the lexicon improves translation quality by 1.2 BLEU.", {"translation": "task/machine-translation"}),
    ("Tagging performance drops on tweets.", {"Tagging": "task/sequence-labeling"}),
    # the paper's own task of that kind, when it names one
    ("We present a new model for dependency parsing. It gives the best parsing results reported.",
     {"dependency parsing": "task/dependency-parsing", "parsing": "task/dependency-parsing"}),
    # part of a longer name, or no measure: nothing
    ("We report Chinese-to-English translation quality and POS tagging accuracy.",
     {"Chinese-to-English translation": "task/chinese-english-translation", "POS tagging": "task/part-of-speech-tagging"}),
    ("The translation of idioms is hard, and parsing is slow.", {}),
    # a sentence's first words; not after a word that makes another task, nor "results" as a verb
    ("The parsing accuracy rises. Our translation quality is stable.",
     {"parsing": "task/syntactic-parsing", "translation": "task/machine-translation"}),
    ("We compare human translation quality and discourse parsing accuracy with manual tagging accuracy.", {}),
    ("Using the lexicon, the translation results in fewer errors.", {}),
])
def test_linking_a_general_task_word_before_its_measure_names_the_task(run_extract, abstract, expected):
    (record,) = run_extract(("A Study", abstract))
    tasks = {m["text"]: e["id"] for e in record["entities"] if e["type"] == "Task" for m in e["mentions"]
             if m["field"] == "abstract"}
    assert tasks == expected


@pytest.mark.parametrize("abstract, expected", [
    ("Table 2 gives the F-measure, Precision, Recall and BLEU of each system.",
     {"F-measure", "Precision", "Recall", "BLEU"}),
    ("Results of intrinsic evaluations (MRR and Recall) on Europarl.", {"MRR", "Recall"}),
    ("Table 1: Precision, Recall, F1 of each system.", {"Precision", "Recall", "F1"}),
    # not a list of metrics, or part of a longer name
    ("We compare BLEU and Precision Agriculture data.", {"BLEU"}),
    ("Precision Farming is growing.", set()),
])
def test_linking_a_capitalised_metric_word_listed_with_metrics_is_a_metric(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert {m["text"] for e in record["entities"] if e["type"] == "Metric" for m in e["mentions"]
            if m["field"] == "abstract"} == expected


@pytest.mark.parametrize("abstract, name, parent", [
    ("We evaluate on the Chinese PropBank and report F1.", "Chinese PropBank", "dataset/propbank"),
    ("Arabic WordNet (AWN) is one of the best-known lexical resources for Arabic.", "Arabic WordNet", "dataset/wordnet"),
])
def test_linking_a_language_before_a_dataset_names_its_edition(run_extract, abstract, name, parent):
    (record,) = run_extract((f"Extending {name}", abstract))
    (edition,) = [e for e in record["entities"] if e["name"] == name]
    assert edition["type"] == "Dataset" and edition["variant_of"] == parent
    assert parent not in {e["id"] for e in record["entities"]}  # not the dataset itself as well


@pytest.mark.parametrize("abstract, expected", [
    # names joined by a slash are a list, each its own entity, not a variant of the first
    ("Systems are tuned with BLEU/TER on the dev set.", {("BLEU", "metric/bleu"), ("TER", "metric/ter")}),
    ("We report precision/recall on the test set.", {("precision", "metric/precision"), ("recall", "metric/recall")}),
    ("It is based on an i-vector/PLDA framework.",
     {("i-vector", "method/i-vector"), ("PLDA", "method/probabilistic-linear-discriminant-analysis")}),
])
def test_linking_names_joined_by_a_slash_are_a_list(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert {(m["text"], e["id"]) for e in record["entities"] for m in e["mentions"] if m["field"] == "abstract"} == expected


def test_linking_the_new_rules_stay_within_the_title_or_the_abstract(run_extract):
    (record,) = run_extract(("Faster and better parsing with BLEU, Precision", "Results on the WSJ. And Recall is low."))
    assert not [e for e in record["entities"] if e["type"] == "Task"]
    assert {m["text"] for e in record["entities"] if e["type"] == "Metric" for m in e["mentions"]} == {"BLEU", "Precision"}


def test_linking_an_english_dataset_is_the_dataset_itself(run_extract):
    (record,) = run_extract(("A study", "We link the English WordNet to the Chinese Penn Treebank and train on "
                                        "the English Penn Treebank."))
    assert {(m["text"], e["id"]) for e in record["entities"] for m in e["mentions"]} == {
        ("English WordNet", "dataset/wordnet"), ("Chinese Penn Treebank", "dataset/chinese-treebank"),
        ("English Penn Treebank", "dataset/penn-treebank")}


def test_linking_translation_between_two_languages_is_a_variant_of_machine_translation(run_extract):
    (record,) = run_extract(("Better English-German Machine Translation",
                             "We improve WMT14 English-to-German translation by 2 BLEU. Gains on English-German "
                             "translation hold, and German to English translation improves too. "
                             "Statistical-Model translation is no language pair."))
    tasks = {e["id"]: (e["variant_of"], sorted(m["text"] for m in e["mentions"])) for e in record["entities"]
             if e["type"] == "Task"}
    assert tasks == {
        "task/english-german-translation": ("task/machine-translation", [
            "English-German Machine Translation", "English-German translation", "English-to-German translation"]),
        "task/german-english-translation": ("task/machine-translation", ["German to English translation"])}


@pytest.mark.parametrize("abstract, expected", [
    # a pair that ends a dataset's name stays the dataset's
    ("On the WMT14 English-German translation task we gain 2 BLEU.",
     {("WMT14 English-German", "dataset/wmt14-en-de"), ("BLEU", "metric/bleu")}),
    # a translated text is no task; a pair joined by a dash is no language edition
    ("We release a Chinese-English translation of the SQuAD dataset.", {("SQuAD dataset", "dataset/squad")}),
    ("We use German\u2013English WMT14 data.", {("WMT14 data", "dataset/wmt14")}),
])
def test_linking_a_language_pair_inside_other_names(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert {(m["text"], e["id"]) for e in record["entities"] for m in e["mentions"]} == expected
