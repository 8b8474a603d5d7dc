"""Roles on real seed sentences, with hard negatives."""
from __future__ import annotations

import re

import pytest

from conftest import entity


@pytest.mark.parametrize("abstract, name, role", [
    # proposes: the seed paper on time-lapse video generation
    ("In this paper, we propose MagicTime, a metamorphic time-lapse video generation model.", "MagicTime", "proposes"),
    ("Furthermore, we create a time-lapse video-text dataset called ChronoMagic, specifically curated to unlock "
     "metamorphic video generation.", "ChronoMagic", "proposes"),
    ("To push the related frontier research, we introduce a new benchmark called Open-World DeepFake Attribution "
     "(OW-DFA), which aims to evaluate attribution performance.", "Open-World DeepFake Attribution", "proposes"),
    # a proposal verb coordinated with a "we" clause (second tuning set)
    ("In our work, we use the term \"non-stationary knowledge'' to refer to information that was previously correct "
     "but is likely to change, and present \"TGT-Masking'', a novel masking pattern to restrict PLMs from "
     "speculating knowledge of the kind.", "TGT-Masking", "proposes"),
    # ... also for a name found otherwise, in the past tense (ACL abstract)
    ("We have introduced an extension to the DBSCAN algorithm and presented a density-based clustering algorithm "
     "ITER-DBSCAN for unbalanced data clustering.", "ITER-DBSCAN", "proposes"),
    # the coordinated verb's clause may have an object pronoun (a reviewer's sentence)
    ("We apply it to tweets and presented a density-based clustering algorithm ITER-DBSCAN for data.", "ITER-DBSCAN",
     "proposes"),
    # a name with "of" in it (fifth tuning set)
    ("In this work, we revisit a powerful yet overlooked random sampling strategy to address these challenges and "
     "introduce an approach called Repeated Sampling of Random Subsets (RSRS or RS2), where we randomly sample the "
     "subset of training data for each epoch.", "Repeated Sampling of Random Subsets", "proposes"),
    # "our work" proposes as "this work" does (fifth tuning set)
    ("To address this issue, our work introduces a self-regularization framework for prompting called PromptSRC "
     "(Prompting with Self-regulating Constraints).", "PromptSRC", "proposes"),
    # uses
    ("We fine-tune BERT on the downstream tasks and report the results.", "BERT", "uses"),
    # "fine-tunes X" is a use, stronger than a comparison with it later (a user trial)
    ("We introduce Cafe, which fine-tunes BERT with adapters. On SQuAD 2.0 Cafe improves F1 by 3.2% over BERT.",
     "BERT", "uses"),
    ("Our model is pre-trained on LAION-5B and then transferred.", "LAION-5B", "uses"),
    # ... also on data described by an adjective or named after a list of suites (tuning-set seed sentences)
    ("More specifically, through extensive experiments of supervised pre-training models on synthetic noisy "
     "ImageNet-1K and YFCC15M datasets, we demonstrate that slight noise can help.", "YFCC15M", "uses"),
    ("To investigate the catastrophic forgetting phenomenon, we first jointly pre-train a model on datasets from two "
     "benchmark suites, namely Meta-World and DMControl.", "Meta-World", "uses"),
    # ... but learning steps or learned features are no training on the data (ACL and ML-conference abstracts)
    ("We assess its consistency by checking the accuracy obtained by successive active learning steps on two "
     "benchmark datasets MNIST and USPS.", "USPS", "evaluates_on"),
    ("We show that our models trained on clean images lose accuracy on noisy CIFAR-10.", "CIFAR-10", "evaluates_on"),
    # ... and reaches data behind "a subset of" and a counted sample (ACL abstract)
    ("We propose and evaluate various augmentation methods for finetuning GPT-2 on a subset of Yelp Reviews.", "Yelp",
     "uses"),
    ("We fine-tune BERT on about 2,000 sentences of the Penn Treebank and report accuracy.", "Penn Treebank", "uses"),
    # evaluates_on
    ("SOTA results are obtained in a large-scale event-driven dataset ES-ImageNet.", "ES-ImageNet", "evaluates_on"),
    ("Extensive experiments on COCO show that our method is effective.", "COCO", "evaluates_on"),
    # compares_with
    ("Our method outperforms RoBERTa by a large margin on all tasks.", "RoBERTa", "compares_with"),
    # a short form defined after the name: "X, which stands for ..."
    ("We introduce a self-supervised speech pre-training method called TERA, which stands for Transformer Encoder "
     "Representations from Alteration.", "TERA", "proposes"),
    # a discovered dataset released with the paper
    ("We pre-train on pseudo texts. Both the LUPerson-T dataset and code are available at "
     "https;//github.com/ZhiyinShao-H/UniPT.", "LUPerson-T",
     "proposes"),
    ("When compared against the competitive mBERT and BETO models, we outperform them in all NER tasks by a "
     "significant margin.", "Multilingual BERT", "compares_with"),
    ("The results show that our pre-trained ViT performs comparably (sometimes better) to the state-of-the-art CNN "
     "(DenseNet-121) for multi-label thorax disease classification.", "Convolutional Neural Network", "compares_with"),
    ("Here, we introduce a token-optimized and robust Knowledge Graph-based Retrieval Augmented Generation "
     "(KG-RAG) framework by leveraging a massive biomedical KG.", "Knowledge Graph-based Retrieval Augmented "
     "Generation", "proposes"),
    ("On the zero-shot classification of 10 FM(s) across 66 backbones, we propose a novel metric, Weighted "
     "Aggregated Robustness, to address the limitations of existing metrics.", "Weighted Aggregated Robustness",
     "proposes"),
    ("Our results indicate that YOLOv8 performs better, achieving a training accuracy of 97.39 % and an F1 score of "
     "96.50 %, surpassing other models.", "training accuracy", "reports"),
    ("Specifically, we design and release the SNARE, the first large-scale multimodal alignment probing benchmark, "
     "to detect the vital linguistic components.", "SNARE", "proposes"),
    ("Meanwhile, we propose a novel framework named Contrastive Pseudo Learning (CPL) for the OW-DFA task through "
     "1) introducing a Global-Local Voting module to guide the feature alignment of forged faces.",
     "Global-Local Voting", "proposes"),
    ("We improve robustness by introducing LoRA into the attention layers.", "LoRA", "uses"),
    ("We then propose a light-weight black-box tuning method (NMTune) to affine the feature space.", "NMTune",
     "proposes"),
    # second tuning set: apposition after quotes, "a novel X", ", termed X"
    ("We present \"TGT-Masking'', a novel masking pattern to restrict PLMs from speculating knowledge.",
     "TGT-Masking", "proposes"),
    ("Our model is trained with a novel Token Type Classification objective.", "Token Type Classification",
     "proposes"),
    ("We propose UniTabE. Its core concept relies on representing each basic table element with a module, termed "
     "TabUnit.", "TabUnit", "proposes"),
    # comparisons after a model size, a plural model noun with its list, "competitive to", "tripling"
    ("Our model also achieves strong results, outperforming 175B GPT-3 on zero-shot SuperGLUE.", "GPT-3",
     "compares_with"),
    ("Our AfroLM outperforms many multilingual pretrained language models (AfriBERTa, XLMR-base, mBERT) on various "
     "NLP downstream tasks.", "AfriBERTa", "compares_with"),
    ("Our model achieves MMLU and Big-Bench scores competitive to FLAN-PaLM 62B.", "Flan-PaLM", "compares_with"),
    ("Our model triples the performance of T5-XXL on one-shot summarization.", "T5-XXL", "compares_with"),
    ("Moreover, previous self-supervised pretraining methods, such as masked image modeling, discard the decoder "
     "after pre-training, while our DCPT utilizes the pre-trained parameters more effectively.",
     "Masked Image Modeling", "mentions"),
    # hard negatives of these cues (from a review of them)
    ("We introduce a new benchmark for the evaluation of reasoning in language models, called ReasonBench.",
     "ReasonBench", "proposes"),
    ("We use the state-of-the-art RoBERTa model as our encoder.", "RoBERTa", "uses"),
    ("We build our system on a pretrained model called RoBERTa.", "RoBERTa", "uses"),
    ("Unlike English, where large corpora such as OSCAR-Plus are publicly available, low-resource languages "
     "lack data.", "OSCAR-Plus", "mentions"),
    # fine-tuning on a list of datasets, and what is not training on them (seed sentences)
    ("We show that Emo Pillars models are highly adaptive to new domains when tuned to specific tasks such as "
     "GoEmotions, ISEAR, IEMOCAP, and EmoContext, reaching the SOTA performance on the first three.", "IEMOCAP", "uses"),
    ("Our results are based on pre-training BERT-6 and variants of BERT-1 on subsets of the Wikipedia dataset.",
     "Wikipedia", "uses"),
    ("We test multiple enhanced decoder structures after pretraining and evaluate their performance on the GLUE "
     "benchmark.", "GLUE", "evaluates_on"),
    ("Our model matches the performance of RoBERTa with comparable training resources on GLUE and SQuAD.", "SQuAD",
     "evaluates_on"),
    ("Finally, we apply FLAN instruction tuning to the UL2 20B model, achieving MMLU and Big-Bench scores "
     "competitive to FLAN-PaLM.", "BIG-bench", "evaluates_on"),
    # mentions: background only, and the hard negative of the issue
    ("Models are typically pre-trained on ImageNet and then fine-tuned.", "ImageNet", "mentions"),
])
def test_roles_on_seed_sentences(run_extract, abstract, name, role):
    (record,) = run_extract(("A study", abstract))
    found = entity(record, name)
    assert found is not None, [e["name"] for e in record["entities"]]
    assert found["role"] == role, found


def test_roles_a_proposed_name_takes_no_type_from_a_phrase_after_it(run_extract):
    """SemiNet was a proposed metric, from "accuracy" after "for ..., evaluated on ...", and its result had
    no method (a user trial)."""
    (record,) = run_extract(("A study", "We propose SemiNet for sentiment analysis, evaluated on SST-2 "
                                        "(accuracy 93.4%)."))
    found = entity(record, "SemiNet")
    assert (found["type"], found["role"]) == ("Method", "proposes"), found
    assert [(r["method"], r["value"]) for r in record["results"]] == [("SemiNet", 93.4)], record["results"]
    # the noun of an apposition still types it, after "which is" or "in this paper" too (a review)
    for abstract, name, etype in (("We introduce FooBank, a benchmark for sentiment analysis.", "FooBank", "Benchmark"),
                                  ("We introduce FooSet, which is a new dataset for parsing.", "FooSet", "Dataset"),
                                  ("We present BarBench in this paper, a benchmark for parsing.", "BarBench",
                                   "Benchmark")):
        (data,) = run_extract(("A study", abstract))
        assert entity(data, name)["type"] == etype, data["entities"]


def test_roles_unlike_imagenet_trained_models_is_not_uses(run_extract):
    (record,) = run_extract(("A study", "Unlike ImageNet-trained models, our approach learns from video."))
    imagenet = entity(record, "ImageNet")
    assert imagenet is not None and imagenet["role"] in ("mentions", "compares_with")


def test_roles_data_said_to_be_used_is_used(run_extract):
    # read held-out seed abstract: an organisation's dataset, and a passive "were used"
    (record,) = run_extract(("Deep Learning Models for Arrhythmia Classification",
                             "In this study, we classify arrhythmias with deep learning. "
                             "Twelve lead electrocardiograms (ECG) of length 10 sec from 45, 152 individuals from "
                             "Shaoxing People's Hospital (SPH) dataset from PhysioNet with four different types of "
                             "arrhythmias were used."))
    sph, physionet = entity(record, "SPH"), entity(record, "PhysioNet")
    assert sph is not None and sph["type"] == "Dataset", record["entities"]
    assert physionet is not None and physionet["type"] == "Dataset" and physionet["role"] == "uses"
    assert not any("Hospital" in e["name"] for e in record["entities"])
    # used by others is no use of the paper's own
    (others,) = run_extract(("A study", "We study arrhythmia. PhysioNet was used by previous work on ECG."))
    assert entity(others, "PhysioNet")["role"] != "uses", others["entities"]


def test_roles_what_a_paper_collects_is_data(run_extract):
    # ML-conference abstract: a collected name with a data noun in apposition is a proposed dataset
    (record,) = run_extract(("A study", "To facilitate our exploration, we have collected ReDial, a data set "
                                        "consisting of over 10,000 conversations about movies."))
    redial = entity(record, "ReDial")
    assert redial is not None and redial["type"] == "Dataset" and redial["role"] == "proposes", record["entities"]
    # ACL abstract: collected messages are no proposed method, even with a method noun further on
    for sentence in ("We collected SMS (Short Message Service) messages from volunteers.",
                     "We collected SMS messages and trained a classification model.",
                     "We collected Twitter posts from the corpus."):
        (sms,) = run_extract(("A study", sentence))
        assert not any(e["role"] == "proposes" for e in sms["entities"]), (sentence, sms["entities"])


def test_roles_a_method_matched_or_undercut_is_compared_with(run_extract):
    # third tuning set: "the same score ... as full fine-tuning", "up to 84% of full fine-tuning"
    for sentence in ("MEFT achieves the same score on GLUE and a comparable score on the question-answering tasks "
                     "as full fine-tuning.", "MEFT significantly reduces the activation memory up to 84% of full "
                     "fine-tuning."):
        (record,) = run_extract(("A study", "We propose MEFT, a memory-efficient fine-tuning method. " + sentence))
        assert entity(record, "full fine-tuning")["role"] == "compares_with", (sentence, record["entities"])
    # but tuning a share of a model's parameters uses it
    (tuned,) = run_extract(("A study", "We propose MEFT. It reduces memory by tuning only 0.1% of RoBERTa parameters."))
    assert entity(tuned, "RoBERTa")["role"] != "compares_with", tuned["entities"]


def test_roles_unnamed_benchmark_makes_no_entity(run_extract):
    (record,) = run_extract(("A study", "We construct a benchmark to evaluate robustness."))
    assert not any(e["type"] in ("Dataset", "Benchmark") for e in record["entities"])


def test_roles_every_mention_keeps_its_evidence(run_extract):
    (record,) = run_extract(("A study", "We fine-tune BERT on SQuAD and outperform RoBERTa."))
    for e in record["entities"]:
        assert e["role"] in e["roles"] or e["role"] == "mentions"
        for m in e["mentions"]:
            assert m["role_rule"] and 0 < m["role_confidence"] <= 1 and m["sentence"]


def test_roles_a_name_opening_the_title_is_proposed(run_extract):
    (record,) = run_extract(("UL2: Unifying Language Learning Paradigms",
                             "Existing pre-trained models are generally geared towards a particular class of problems."))
    assert entity(record, "UL2")["role"] == "proposes"
    (slogan,) = run_extract(("One Model, Multiple Modalities: A Sparsely Activated Approach", "We study it."))
    assert entity(slogan, "One Model, Multiple Modalities") is None
    # plain words that the abstract never uses again are a slogan, and a possessive is no name
    # (tuning-set seed titles)
    (motto, whose) = run_extract(
        ("Well-Read Students Learn Better: On the Importance of Pre-training Compact Models",
         "We show that pre-training remains important in the context of smaller architectures."),
        ("TinyHelen's First Curriculum: Training and Evaluating Tiny Language Models in a Simpler Language "
         "Environment", "We propose a pipeline to refine text data by eliminating noise."))
    assert entity(motto, "Well-Read Students Learn Better") is None, motto["entities"]
    assert not any(e["role"] == "proposes" for e in whose["entities"]), whose["entities"]
    # ... but such words name the paper's method when the abstract uses them, even as its web address
    (named,) = run_extract(("Parsers Know Best: Prompting for Syntactic Parsing",
                            "We prompt language models to parse. Code is at parsers-know-best.github.io."))
    assert entity(named, "Parsers Know Best")["role"] == "proposes", named["entities"]
    # and a plain noun phrase stays a name though the abstract never repeats it (seed title)
    (plain,) = run_extract(("Grounded Decoding: Guiding Text Generation with Grounded Models for Robot Control",
                            "We demonstrate this guided decoding strategy."))
    assert entity(plain, "Grounded Decoding")["role"] == "proposes", plain["entities"]


@pytest.mark.parametrize("title", [
    "Guest Editorial: Special Issue on Graph Learning and Time Series",  # a user's editorial: Method proposed
    "Book Review: Deep Learning",
    "Publisher Correction: Highly accurate protein structure prediction with AlphaFold",
    "Preface: Advances in Speech Processing",
])
def test_roles_a_title_prefix_that_names_the_kind_of_text_is_no_name(run_extract, title):
    (record,) = run_extract((title, "Graph neural networks and sequence models have become central tools in "
                                    "machine learning. This special issue collects five contributions."))
    prefix = title.split(":")[0]
    assert entity(record, prefix) is None, record["entities"]
    assert not any(e["role"] == "proposes" for e in record["entities"]), record["entities"]


@pytest.mark.parametrize("title_name, slogan", [
    ("Parsers Know Best", True), ("Let Me Choose", True), ("Vocabulary Matters", True),
    ("Traceability Transformed", True), ("Don't Stop Pretraining", True), ("Sound Natural", True),
    ("Diffusion Meets Flow Matching", True), ("Predict Responsibly", True),
    # names: noun phrases, and nouns that only end like an adverb or a participle
    ("Sinkhorn Distances", False), ("Perturbed Masking", False), ("Natural Value Approximators", False),
    ("Video Anomaly", False), ("Grounded Decoding", False), ("Seed", False),
])
def test_roles_a_title_slogan_is_told_from_a_name(title_name, slogan):
    from kg.extract.discovery import _slogan

    assert _slogan(title_name.split()) is slogan


def test_roles_a_survey_mentions_what_it_describes(run_extract):
    title = "Dense Text Retrieval based on Pretrained Language Models: A Survey"
    abstract = "With powerful BERT models, we can effectively learn the representations of queries and texts."
    (survey,) = run_extract((title, abstract))
    assert entity(survey, "BERT")["role"] == "mentions"
    (study,) = run_extract(("Dense Text Retrieval based on Pretrained Language Models", abstract))
    assert entity(study, "BERT")["role"] == "uses"
    (reviews,) = run_extract(("Towards a Review Generation Model for Products", abstract))
    assert entity(reviews, "BERT")["role"] == "uses"


def test_roles_the_us_is_not_the_authors(run_extract):
    (record,) = run_extract(("A study", "Over 10 million reports are submitted to the US National Center for Missing "
                                        "& Exploited Children every year, and most are evaluated with BERT."))
    assert entity(record, "BERT")["role"] == "mentions"


def test_roles_a_short_form_defined_after_its_name_names_the_entity(run_extract):
    (record,) = run_extract(("Pre-trained transformer for adversarial purification",
                             "We come up with a new defender method, CeTaD, which stands for Considering Pretrained "
                             "Transformers as Defenders and is designed for robustness. CeTaD is flexible."))
    cetad = entity(record, "Considering Pretrained Transformers as Defenders")
    assert cetad is not None and cetad["role"] == "proposes", record["entities"]
    assert {m["text"] for m in cetad["mentions"]} >= {"CeTaD"}


def test_roles_a_known_name_given_to_the_new_method_is_proposed(run_extract):
    # tuning-set seed abstract: I2P-MAE is also a gazetteer entry, and the long form is the same entity
    (record,) = run_extract(("Learning 3D Representations from 2D Pre-trained Models via Image-to-Point Masked Autoencoders",
                             "In this paper, we propose an alternative to obtain superior 3D representations from 2D "
                             "pre-trained models via Image-to-Point Masked Autoencoders, named as I2P-MAE. The frozen "
                             "I2P-MAE achieves 93.4% accuracy for linear SVM on ModelNet40."))
    i2p = entity(record, "method/i2p-mae")
    assert i2p["role"] == "proposes"
    assert {m["text"] for m in i2p["mentions"]} >= {"I2P-MAE", "Image-to-Point Masked Autoencoders"}
    # a known name that is not what the new thing is called keeps its role
    (record,) = run_extract(("A study", "We propose a new model and compare it with a strong baseline called BERT."))
    assert entity(record, "BERT")["role"] != "proposes"
    # seed abstract: a known technique describing the new method is not what the paper proposes
    (record,) = run_extract(("Rethinking Supervised Pre-training for Better Downstream Transferring",
                             "To alleviate this problem, we propose a new supervised pre-training method based on "
                             "Leave-One-Out K-Nearest-Neighbor, or LOOK for short."))
    assert entity(record, "method/supervised-pre-training")["role"] == "uses"
    assert entity(record, "Leave-One-Out K-Nearest-Neighbor")["role"] == "proposes"
    # ... nor is a known task that names the new modules (second tuning set)
    (record,) = run_extract(("A study", "In this work, we propose Named Entity Recognition (NER) adapters, lightweight "
                                        "modules that can be inserted into Transformer blocks."))
    assert entity(record, "task/named-entity-recognition")["role"] != "proposes"


def test_roles_known_names_the_paper_introduces_are_proposed(run_extract):
    # second tuning set: both names before the title's colon, and "namely A and B" after the verb
    (record,) = run_extract(("Clinical-Longformer and Clinical-BigBird: Transformers for long clinical sequences",
                             "Inspired by the success of these long sequence transformer models, we introduce two "
                             "domain enriched language models, namely Clinical-Longformer and Clinical-BigBird, which "
                             "are pre-trained from large-scale clinical corpora."))
    assert entity(record, "Clinical-Longformer")["role"] == "proposes"
    assert entity(record, "Clinical-BigBird")["role"] == "proposes"
    (record,) = run_extract(("A study", "We introduce two models, namely Clinical-Longformer and Clinical-BigBird."))
    assert entity(record, "Clinical-BigBird")["role"] == "proposes"
    (record,) = run_extract(("A study", "We propose a new retriever and compare it with two strong baselines, namely "
                                        "BERT and RoBERTa."))
    assert entity(record, "RoBERTa")["role"] != "proposes"


def test_roles_descriptive_words_are_not_names(run_extract):
    # second tuning set: "X-based" ends no name and starts none before a model name; a title that opens
    # with its task is not naming a method
    (record,) = run_extract(("UL2: Unifying Language Learning Paradigms",
                             "We release Flax-based T5X checkpoints for the UL2 20B model. We propose an LLM-based "
                             "annotator for this."))
    names = {e["name"] for e in record["entities"]}
    assert "T5X" in names and not any("-based" in n for n in names), names
    (record,) = run_extract(("Gloss-free Sign Language Translation: Improving from Visual-Language Pretraining",
                             "Sign Language Translation (SLT) is a challenging task."))
    task = entity(record, "gloss-free sign language translation")
    assert task is not None and task["type"] == "Task" and task["role"] != "proposes", record["entities"]


def test_roles_a_name_built_on_the_proposed_name_is_proposed(run_extract):
    (record,) = run_extract(("Moto: Latent Motion Token as the Bridging Language for Robot Manipulation",
                             "To this end, we introduce Moto, which converts video content into latent Motion Token "
                             "sequences. We pre-train Moto-GPT through motion token autoregression."))
    assert entity(record, "Moto-GPT")["role"] == "proposes"
    (short,) = run_extract(("Tuning Pre-trained Model via Moment Probing",
                            "In this paper, we propose a novel Moment Probing (MP) method. We introduce a module for "
                            "backbones based on MP, namely MP+. Our MP+ achieves state-of-the-art performance."))
    assert entity(short, "MP+")["role"] == "proposes"
    # a letter glued before it (tuning-set seed abstract)
    (prefixed,) = run_extract(("Train Small, Infer Large: Memory-Efficient LoRA Training for Large Language Models",
                               "To mitigate this, we propose LoRAM, a memory-efficient LoRA training scheme. "
                               "Specifically, QLoRAM implemented by structured pruning combined with 4-bit "
                               "quantization reduces the parameter storage cost."))
    assert entity(prefixed, "QLoRAM")["role"] == "proposes", prefixed["entities"]
    assert entity(prefixed, "LoRA")["role"] != "proposes", prefixed["entities"]
    (pretrained,) = run_extract((
        "RoMA: Scaling up Mamba-based Foundation Models for Remote Sensing",
        "To address these challenges, we propose RoMA, a framework that enables scalable self-supervised pretraining "
        "of Mamba-based RS foundation models. Furthermore, experiments demonstrate that RoMA-pretrained Mamba models "
        "consistently outperform ViT-based counterparts."))
    described = entity(pretrained, "RoMA-pretrained Mamba")
    assert described is not None and described["role"] != "proposes", pretrained["entities"]


def test_roles_the_listed_parts_of_a_proposed_framework_are_proposed(run_extract):
    (record,) = run_extract((
        "A Knowledge-Injected Curriculum Pretraining Framework for Question Answering",
        "To this end, in this paper, we propose a general Knowledge-Injected Curriculum Pretraining framework (KICP) "
        "to achieve comprehensive KG learning and exploitation for KBQA tasks, which is composed of knowledge "
        "injection (KI), knowledge adaptation (KA) and curriculum reasoning (CR)."))
    for name in ("knowledge injection", "knowledge adaptation", "curriculum reasoning"):
        found = entity(record, name)
        assert found is not None and found["type"] == "Method" and found["role"] == "proposes", (name, found)
    # parts listed in a sentence that proposes nothing are no proposal
    (parts,) = run_extract(("A study", "Prior encoders consist of a token mixing network (TMN) and a channel "
                                       "scaling network (CSN)."))
    assert entity(parts, "token mixing network") is not None, parts["entities"]
    assert all(e["role"] != "proposes" for e in parts["entities"]), parts["entities"]
    # nor does a part listed after a colon that follows no method noun ("two statistics: ...")
    (statistics,) = run_extract(("A study", "We propose a benchmark and report two statistics: mean reciprocal "
                                            "frequency (MRF) and tail token ratio (TTR)."))
    assert all(e["role"] != "proposes" or e["type"] == "Benchmark" for e in statistics["entities"]), statistics["entities"]


def test_roles_a_short_form_spells_the_long_form_across_a_hyphenated_word(run_extract):
    (record,) = run_extract(("A study", "Based on this, we propose a novel two-stage knowledge injection strategy: "
                                        "Structure-aware Continual Pre-Training (SCPT) and Structure-aware Supervised "
                                        "Fine-Tuning (SSFT). In the SSFT phase, we fine-tune the model."))
    ssft = entity(record, "Structure-aware Supervised Fine-Tuning")
    assert ssft is not None and ssft["role"] == "proposes", record["entities"]


def test_roles_title_names_after_via_are_proposed_when_the_abstract_proposes_them(run_extract):
    title = "CTP: Towards Vision-Language Continual Pretraining via Compatible Momentum Contrast and Topology Preservation"
    (record,) = run_extract((title, "We study the challenges of VLCP, and propose a new algorithm: Compatible momentum "
                                    "contrast with Topology Preservation, dubbed CTP."))
    for name in ("Compatible Momentum Contrast", "Topology Preservation"):
        assert entity(record, name)["role"] == "proposes", record["entities"]
    # no proposal of them in the abstract: not names
    (feedback,) = run_extract(("Enhancing Medical Models through Expert Feedback and Real-world Multi-turn Dialogue",
                               "We collect a large dataset of dialogues and train a model on it."))
    assert entity(feedback, "Expert Feedback") is None
    # a gazetteer name after "via" is used, not proposed
    (known,) = run_extract(("Zero-Shot Code Representation Learning via Prompt Tuning",
                            "We propose Zecoler, a zero-shot approach that uses prompt tuning."))
    assert entity(known, "Prompt Tuning")["role"] == "uses", known["entities"]


def test_roles_a_defined_long_form_that_the_sentence_proposes_is_a_proposed_method(run_extract):
    (record,) = run_extract(("A study", "Furthermore, to alleviate the interference by semantic drift, we develop the "
                                        "semantic calibration (SC) module to align the class centers."))
    found = entity(record, "semantic calibration")
    assert found is not None and found["role"] == "proposes", record["entities"]
    (analysis,) = run_extract(("A study", "We present an extensive empirical analysis (EEA) of the models."))
    assert analysis["entities"] == []
    # the long form in apposition to the proposed method noun (tuning-set seed abstract)
    (apposed,) = run_extract(("Learning to Modulate pre-trained Models in RL",
                              "Therefore, we propose a novel method, Learning-to-Modulate (L2M), that avoids the "
                              "degradation of learned skills."))
    found = entity(apposed, "Learning-to-Modulate")
    assert found is not None and found["role"] == "proposes", apposed["entities"]
    # after a modified method noun and "namely" (tuning-set seed abstract); the title's name is its short form
    (namely,) = run_extract(("DR-Tune: Improving Fine-tuning of Pretrained Visual Models",
                             "To deal with these issues, we propose a novel fine-tuning framework, namely distribution "
                             "regularization with semantic calibration (DR-Tune)."))
    found = entity(namely, "distribution regularization with semantic calibration")
    assert found is not None and "DR-Tune" in {m["text"] for m in found["mentions"]}, namely["entities"]
    assert found is not None and found["role"] == "proposes" and found["type"] == "Method", namely["entities"]
    # a lower-case long form that nothing types is still no entity, even after "namely"
    (untyped,) = run_extract(("A study", "We compare two settings, namely fine-grained evaluation (FGE) and others."))
    assert untyped["entities"] == [], untyped["entities"]
    # a title naming a short form types its lower-case long form (ACL abstract)
    (titled,) = run_extract(("PBoS: Probabilistic Bag-of-Subwords for Generalizing Word Embedding",
                             "We call the model probabilistic bag-of-subwords (PBoS), as it applies bag-of-subwords "
                             "for all possible segmentations based on their likelihood."))
    found = entity(titled, "probabilistic bag-of-subwords")
    assert found is not None and found["type"] == "Method" and found["role"] == "proposes", titled["entities"]


def test_roles_the_counted_tasks_of_a_released_benchmark_are_proposed(run_extract):
    (record,) = run_extract(("A study", "Specifically, we design and release the SNARE, the first large-scale multimodal "
                                        "alignment probing benchmark, containing four tasks: Semantic structure, "
                                        "Negation logic, Attribute ownership, and Relationship composition."))
    for name in ("Semantic structure", "Negation logic", "Attribute ownership", "Relationship composition"):
        found = entity(record, name)
        assert found is not None and found["type"] == "Task" and found["role"] == "proposes", (name, record["entities"])
    # the count must match, and a model is not a task
    (miscounted,) = run_extract(("A study", "It covers three tasks: Semantic structure and Negation logic."))
    assert miscounted["entities"] == [], miscounted["entities"]
    (counted,) = run_extract(("A study", "It covers two tasks: Semantic structure and Negation logic."))
    assert {e["name"] for e in counted["entities"]} == {"Semantic structure", "Negation logic"}
    assert all(e["role"] == "addresses" for e in counted["entities"])  # no benchmark released here
    (results,) = run_extract(("A study", "We present results on three tasks: Story Cloze, Winograd Schemas, and "
                                         "Hellaswag Completion."))
    assert all(e["role"] != "proposes" for e in results["entities"]), results["entities"]
    (objectives,) = run_extract(("A study", "BERT is trained on two tasks: Masked Language Model and Next Sentence "
                                            "Prediction."))
    assert entity(objectives, "Masked Language Model") is None


def test_roles_a_title_name_takes_its_type_from_the_abstract(run_extract):
    (record,) = run_extract(("PASS: An ImageNet replacement for self-supervised pretraining without humans",
                             "We thus propose an unlabelled dataset PASS: Pictures without humAns for Self-Supervision."))
    found = entity(record, "PASS")
    assert found is not None and found["type"] == "Dataset" and found["role"] == "proposes", record["entities"]


def test_roles_a_title_name_with_its_short_form_is_the_name_before_the_bracket(run_extract):
    # the title name was "Vision Transformer (ViT", a discovered method with its bracket cut
    vit, ptb = run_extract(("Vision Transformer (ViT): An Image Is Worth 16x16 Words", "We apply a Transformer to images."),
                           ("Penn Treebank (PTB): A New Look", "We revisit the Penn Treebank (PTB) annotation."))
    for record in (vit, ptb):
        assert not any("(" in e["name"] or "(" in m["text"] and ")" not in m["text"]
                       for e in record["entities"] for m in e["mentions"]), record["entities"]
    assert [(m["text"], m["field"]) for m in entity(vit, "method/vision-transformer")["mentions"]] == \
        [("Vision Transformer (ViT)", "title")]
    assert entity(ptb, "dataset/penn-treebank")["type"] == "Dataset" and len(ptb["entities"]) == 1
    # a second bracket, or one that spells a name out, makes no title name
    (second,) = run_extract(("Vision Transformer (ViT) (v2): An Image Is Worth 16x16 Words", "We apply it."))
    assert [e["name"] for e in second["entities"]] == ["Vision Transformer"], second["entities"]
    (spelled,) = run_extract(("Finding ReMO (Related Memory Object): A Dataset", "We collect images."))
    assert entity(spelled, "Finding ReMO") is None, spelled["entities"]


def test_roles_review_negatives_of_this_stops_rules(run_extract):
    # a background sentence that introduces something is no proposal
    (background,) = run_extract(("A study", "Earlier work scaled attention by introducing the Zorblex framework, but it "
                                            "is slow. We show that a simple recurrence suffices."))
    assert entity(background, "Zorblex")["role"] != "proposes"
    # "previously proposed" in a sentence is not the paper's proposal of the title's method
    (previous,) = run_extract(("Understanding Deep Networks via Feature Visualization",
                               "We show that previously proposed feature visualization methods are unreliable."))
    assert entity(previous, "Feature Visualization") is None, previous["entities"]
    # a type noun in another clause does not type a title name
    (clause,) = run_extract(("Zorp: fast things", "On this dataset, Zorp wins."))
    assert entity(clause, "Zorp")["type"] == "Method"
    # "Through" in a title-case title
    (through,) = run_extract(("Visual Grounding Through Cross Modal Fusion", "We propose cross modal fusion for grounding."))
    assert entity(through, "Cross Modal Fusion")["role"] == "proposes", through["entities"]
    # "BERT-Based" is no task modifier
    (based,) = run_extract(("BERT-Based Text Classification for Legal Documents", "We study it."))
    assert entity(based, "BERT") is not None and entity(based, "text classification") is not None, based["entities"]


@pytest.mark.parametrize("title, abstract, name, not_role", [
    # a reviewer's hard negatives of this stop's proposal and comparison cues
    ("A study", "We introduce a new benchmark and test two models, namely GPT-4 and LLaMA.", "GPT-4", "proposes"),
    ("A study", "We present a new dataset and fine-tune two models on it, namely BERT and RoBERTa.", "BERT",
     "proposes"),
    ("A study", "We compare against a recent retrieval system, called ColBERTerX.", "ColBERTerX", "proposes"),
    ("A study", "We use an off-the-shelf toolkit, called FooKit, for parsing.", "FooKit", "proposes"),
    ("A study", "We evaluate on an existing benchmark, named CodeXGLUEPlus.", "CodeXGLUEPlus", "proposes"),
    ("BERT and RoBERTa: How Robust Are They to Typos?", "We study typos.", "BERT", "proposes"),
    ("ImageNet and COCO: Are We Done with Benchmarks?", "We study benchmarks.", "COCO", "proposes"),
    ("A study", "We use popular models such as BERT as the backbone.", "BERT", "mentions"),
    ("A study", "We adopt existing methods like LoRA for efficiency.", "LoRA", "mentions"),
    ("A study", "Our defense against adversarial attacks on language models such as BERT is robust.", "BERT",
     "compares_with"),
    ("A study", "We learn a policy that transfers to Meta-World.", "Meta-World", "uses"),
])
def test_roles_hard_negatives_of_the_new_cues(run_extract, title, abstract, name, not_role):
    (record,) = run_extract((title, abstract))
    found = entity(record, name)
    assert found is not None and found["role"] != not_role, found


@pytest.mark.parametrize("abstract, name", [
    # a proposal verb coordinated with a "we" clause: not one whose object is a result (ML-conference
    # abstract), nor someone's theory (ACL abstract), nor after a clause whose subject is not "we"
    ("We first define corrupted hypothesis classes and derive the Vapnik-Chervonenkis (VC)-dimension for these.",
     "Vapnik-Chervonenkis"),
    ("We will review the basic set-up of TTDL and then present Kratzer\u2019s theory on natural language modality.",
     "Kratzer"),
    ("They trained a tagger on news, and present MegaTagger, a tagger for tweets.", "MegaTagger"),
    # ... nor after a "we" whose clause is not the one coordinated (a reviewer's sentences)
    ("We build on Devlin et al. (2019), who pre-trained a deep bidirectional encoder and released BERT.", "BERT"),
    ("While we focus on classification, Smith et al. studied generation and introduced NeuroGen, a decoding method.",
     "NeuroGen"),
    ("We note that they trained a tagger on news and present MegaTagger, a tagger.", "MegaTagger"),
    ("We build on Smith et al., who studied clustering and presented a density-based algorithm ITER-DBSCAN.",
     "ITER-DBSCAN"),
    # "our work builds on X", "our study presents evidence that X" propose nothing (a reviewer's sentences)
    ("Our work builds on FooNet-2, a recent retrieval model, and adds rules.", "FooNet-2"),
    ("Our study presents evidence that ChatFoo-7B memorizes data.", "ChatFoo-7B"),
    # ... nor what the verb's object is built on (ACL abstract)
    ("We generate name embeddings for all species in the animal kingdom using unsupervised learning and build a "
     "model on the IUCN Red List dataset to classify species into endangered or least-concern.", "IUCN Red List"),
])
def test_roles_a_coordinated_proposal_verb_needs_we_and_a_name(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    found = entity(record, name)
    assert found is None or found["role"] != "proposes", found


def test_roles_the_repository_of_the_papers_own_code_names_what_it_proposes(run_extract):
    # second tuning set: the abstracts name M3AE and CLIP only in their code URLs
    (record,) = run_extract(("Multi-Modal Masked Autoencoders for Medical Vision-and-Language Pre-Training",
                             "We propose a self-supervised learning paradigm with multi-modal masked autoencoders. "
                             "The source code is available at https://github.com/zhjohnchan/M3AE."))
    m3ae = entity(record, "M3AE")
    assert m3ae["role"] == "proposes" and m3ae["mentions"][0]["rule"] == "code-url"
    mention = m3ae["mentions"][0]
    assert mention["field"] == "abstract" and mention["text"] == "M3AE"
    # a Hugging Face dataset's repository is a dataset
    (record,) = run_extract(("A Chinese instruction corpus",
                             "Our data is publicly available at https://huggingface.co/datasets/BAAI/CMedQA9."))
    assert [(e["name"], e["type"], e["role"]) for e in record["entities"]] == [("CMedQA9", "Dataset", "proposes")]
    # a conference tag is no part of the name, and a name the abstract uses keeps the role its sentences give
    (record,) = run_extract(("Instance-aware Dynamic Prompt Tuning for Pre-trained Point Cloud Models",
                             "We propose IDPT. Code is available at https://github.com/zyh16143998882/ICCV23-IDPT."))
    idpt = entity(record, "IDPT")
    assert idpt["role"] == "proposes" and all(m["rule"] != "code-url" for m in idpt["mentions"])
    assert not any("ICCV" in e["name"] for e in record["entities"])


@pytest.mark.parametrize("title, abstract", [
    # seed abstracts: a survey's project, a folder of notebooks, a fork of a toolkit, the repository of the
    # earlier version (ULIP-2's code lives at .../ULIP), a name with a generic part
    ("Vision-Language Models for Vision Tasks: A Survey",
     "A project associated with this survey has been created at https://github.com/jingyi0000/VLM_survey."),
    ("Modeling the Distribution of Normal Data in Pre-Trained Deep Features for Anomaly Detection",
     "Code available at https://github.com/ORippler/gaussian-ad-mvtec"),
    ("Multilingual speech translation", "Our code is available at https://github.com/formiel/fairseq."),
    ("ULIP-2: Towards Scalable Multimodal Pre-training For 3D Understanding",
     "We present ULIP-2. Code is available at https://github.com/salesforce/ULIP."),
    ("Towards All-in-one Pre-training via Maximizing Multi-modal Mutual Information",
     "Code shall be released at https://github.com/OpenGVLab/M3I-Pretraining."),
    # someone else's code, a known name (as likely a fork: the CLIP paper's own OpenAI/CLIP is missed too),
    # no release, a second URL, a conference's repository, parts that are no name (review cases)
    ("A study", "Our implementation is based on the code available at https://github.com/facebookresearch/DINO."),
    ("A study", "Our code is available at https://github.com/me/YOLOv5."),
    ("A study", "We found that the baseline at https://github.com/x/DeepLab3 fails on our data."),
    ("A study", "Publicly available baselines such as https://github.com/y/ResNet50x are weak."),
    ("A study", "Our code is available at https://github.com/me/our-code and we thank https://github.com/y/Foo2."),
    ("A study", "We found that existing models such as https://github.com/x/FooNet fail."),
    ("A study", "We use code released by Smith et al. at https://github.com/s/BarNet."),
    ("A study", "Our code is available at https://github.com/me/CVPR."),
    ("A study", "Code is available at https://github.com/conf/ICCV2023."),
    ("A study", "Code is available at https://github.com/me/NeRF.pytorch and https://me.github.io."),
])
def test_roles_repositories_that_name_nothing_new(run_extract, title, abstract):
    (record,) = run_extract((title, abstract))
    assert not any(m["rule"] == "code-url" for e in record["entities"] for m in e["mentions"]), record["entities"]


@pytest.mark.parametrize("title, abstract, name", [
    # tuning-set seed sentences: examples of others' work, in the paper's own sentences, are background
    ("LinFusion", "Specifically, we begin our exploration from recently introduced models with linear complexity, "
                  "e.g., Mamba, Mamba2, and Gated Linear Attention, and identify two key features.",
     "method/gated-linear-attention"),
    ("All-in-one pre-training", "To effectively exploit the potential of large-scale models, various pre-training "
                                "strategies supported by massive data from different sources are proposed, including "
                                "supervised pre-training, weakly-supervised pre-training and self-supervised learning.",
     "method/weakly-supervised-pre-training"),
    ("CroCo", "Masked Image Modeling (MIM) has recently been established as a potent pre-training paradigm. "
              "Inspired by MIM, we propose an unsupervised representation learning task.",
     "method/masked-image-modeling"),
])
def test_roles_examples_of_others_work_are_background(run_extract, title, abstract, name):
    (record,) = run_extract((title, abstract))
    assert entity(record, name)["role"] == "mentions", record["entities"]


@pytest.mark.parametrize("abstract, name, role", [
    # tuning-set seed sentences: comparisons without "outperforms"
    ("For training acceleration, we achieve the same (or higher) best accuracy as similar LIF-SNNs using 1/10 "
     "training time.", "LIF-SNNs", "compares_with"),
    # "over other ... strategies, including X" (fifth tuning set)
    ("Ablation studies confirm the superiority of our approach over other fine-tuning strategies, including "
     "decoder-only fine-tuning and full fine-tuning.", "decoder-only fine-tuning", "compares_with"),
    ("Our retriever has client-side latency only 1.1x that of BM25.", "method/okapi-bm25", "compares_with"),
    ("The results show that our pre-trained ViT performs comparably (sometimes better) to the state-of-the-art "
     "CNN (DenseNet-121) for multi-label thorax disease classification.", "method/densenet-121", "compares_with"),
    ("For instance, we match the accuracy of the original ResNet-50 on ImageNet zero-shot.", "method/resnet-50",
     "compares_with"),
    ("RNN severely underperformed on these projects, while our T-BERT overcame this problem.",
     "method/recurrent-neural-network", "compares_with"),
    # ... and what stays out of them: a dataset after the compared model, the same component as a model
    ("Our model outperforms BERT on GLUE and SQuAD.", "dataset/squad", "evaluates_on"),
    ("Our model outperforms strong baselines, including BERT, RoBERTa, and XLNet.", "method/bert", "compares_with"),
    ("We use the same tokenizer as BERT.", "method/bert", "uses"),
])
def test_roles_comparisons_without_outperforms(run_extract, abstract, name, role):
    (record,) = run_extract(("A study", abstract))
    assert entity(record, name)["role"] == role, record["entities"]


def test_roles_a_part_of_the_proposed_method_is_proposed(run_extract):
    # tuning-set seed abstract: the third "Clover" is found as the paper's own name, and what Clover
    # incorporates is the paper's too; a known model's parts are not
    (record,) = run_extract(("Clover: Regressive Lightweight Speculative Decoding with Sequential Knowledge",
                             "We propose Clover. Additionally, Clover incorporates an Augmenting Block that "
                             "modifies the hidden states."))
    clover = entity(record, "Clover")
    assert [m["rule"] for m in clover["mentions"]] == ["title-name", "proposal", "same-paper-name"]
    assert entity(record, "Augmenting Block")["role"] == "proposes"
    (record,) = run_extract(("A study", "BERT incorporates a Magic Block."))
    assert entity(record, "Magic Block")["role"] != "proposes"


def test_roles_a_dotted_version_or_an_upper_case_host_still_names_the_release(run_extract):
    (record,) = run_extract(("A study", "Our code is available at HTTPS://GitHub.com/me/FooNet2.0."))
    assert [(e["name"], e["role"]) for e in record["entities"]] == [("FooNet2.0", "proposes")]


@pytest.mark.parametrize("title, abstract, name, role", [
    # third review: a background cue stops at the clause's comma; a paper that evaluates or fine-tunes
    # models named as examples uses them; an item after a preposition is still compared; the proposed
    # method's parts are methods only; a release sentence may name its baselines
    ("A study", "Inspired by BERT, we fine-tune RoBERTa on SQuAD.", "method/roberta", "uses"),
    ("A study", "We fine-tune recently proposed models, e.g., BERT and RoBERTa, on SQuAD.", "method/roberta", "uses"),
    ("A study", "Our model outperforms BERT trained on SQuAD, XLNet and RoBERTa.", "method/xlnet", "compares_with"),
    ("A study", "We present FooNet. Two new modules are introduced, including Token Mixer Blocks.",
     "Token Mixer Blocks", "uses"),
    ("A study", "We propose FooNet. FooNet includes the SQuADX Dataset for testing.", "SQuADX Dataset", "evaluates_on"),
    ("A study", "Our code and baselines are available at https://github.com/me/FooNet.", "FooNet", "proposes"),
])
def test_roles_third_review_cases(run_extract, title, abstract, name, role):
    (record,) = run_extract((title, abstract))
    found = entity(record, name)
    assert found is not None and found["role"] == role, record["entities"]


# the cues of stop 16, read on the first held-out set and the third and fourth tuning sets, with ACL corpus
# sentences and hard negatives; `text` is an abstract (titled "A study") or a (title, abstract) pair
@pytest.mark.parametrize("text, name, role", [
    # first held-out set, read from stop 16 on: a passive proposal, an apposition after "our approach,",
    # fine-tuning on "various" datasets, an evaluation sentence with a decimal before the dataset
    ("Further, Prototypical Back Translation (PBT) is proposed to decouple representation grouping from "
     "representation alignment.", "Prototypical Back Translation", "proposes"),
    ("Empirically, our proposed approach, Loki, gains up to 29.7% relative improvement over SimCLR on ImageNet.",
     "Loki", "proposes"),
    ("We pre-train Vision Transformers using JEPA on this dataset and fine-tune them on various PTB-XL "
     "benchmarks.", "PTB-XL", "uses"),
    ("As for zero-shot image retrieval, GrowCLIP can improve 1.2% for top-1 image-to-text recall on Flickr30K "
     "dataset.", "Flickr30k", "evaluates_on"),
    # ACL corpus sentences: the same cues
    ("In our model, a Sense-Level Attention Network is proposed to dynamically learn the word representation.",
     "Sense-Level Attention Network", "proposes"),
    ("Our approach, SeqMix, creates new synthetic examples by softly combining input/output sequences.", "SeqMix",
     "proposes"),
    # ... and their hard negatives: the passive's subject is something else, the name is no apposition
    ("Tree Adjoining Grammars (TAG) are a grammar formalism. In this paper, an alternative extension of TAG is "
     "introduced based on the notion of node sharing.", "Tree Adjoining Grammars", "uses"),
    ("We use Annealed Importance Sampling (AIS). In this paper, a weighted AIS is introduced for this problem.",
     "Annealed Importance Sampling", "uses"),
    ("Our approach, like BERT, uses a masked language model objective.", "BERT", "uses"),
    # development and first held-out sets: the pre-training data of a compared baseline
    ("In the transfer learning setting, our model yields similar downstream performances to ImageNet pretraining "
     "even on tasks that involve humans.", "ImageNet", "compares_with"),
    ("Our experiments demonstrate that fine-tuning a network pre-trained using fractals attains 92.7-98.1% of the "
     "accuracy of an ImageNet pre-trained network.", "ImageNet", "compares_with"),
    # ... not the pre-trained weights a paper starts from
    ("We initialise the backbone with ImageNet pre-trained weights and fine-tune it.", "ImageNet", "uses"),
    # third tuning set: known names the paper introduces, after a type noun or as an apposition
    ("We also introduce a new detection method Min-K% Prob based on a simple hypothesis.", "Min-K% Prob",
     "proposes"),
    ("To facilitate this study, we introduce a dynamic benchmark WIKIMIA that uses data created before and after "
     "model training.", "WikiMIA", "proposes"),
    ("Experimental results show that our model GeoRSCLIP improves upon the baseline by 3%.", "GeoRSCLIP",
     "proposes"),
    ("Additionally, we construct a Chinese multi-turn medical dialogue dataset of 70,000 authentic doctor-patient "
     "dialogues, CMtMedQA, which enhances the model's capability.", "CMtMedQA", "proposes"),
    ("Moreover, we present an image-text paired dataset in the field of remote sensing (RS), RS5M, which has 5 "
     "million RS images.", "RS5M", "proposes"),
    ("We demonstrate the utility of our resource by releasing BMCA-CLIP, a suite of CLIP-style models.",
     "BMCA-CLIP", "proposes"),
    # ACL corpus: the same apposition, and what stays out of it (a list after a plural noun, a used model)
    ("In this paper, we introduce a robust syntactic parsing-independent tree structured model, Neural Tree "
     "Indexers (NTI) that provides a middle ground between sequential models.", "Neural Tree Indexers", "proposes"),
    ("We establish a few-shot benchmark by defining few-shot splits for three public datasets, ATIS, TOP, and "
     "Snips.", "ATIS", "evaluates_on"),
    ("We design a data synthesis pipeline and leverage a large model, Mistral-7b, for the generation of training "
     "examples.", "Mistral 7B", "uses"),
    ("In this work, we present a text generation framework, PAIR, which is built upon a large model, BART.",
     "BART", "uses"),
    # third tuning set: rivalling methods built on other models, testing with a dataset, "BERT-style"
    ("We propose LiT. LiT also rivals methods based on Mamba or Gated Linear Attention.",
     "Gated Linear Attention", "compares_with"),
    ("The results show that when testing with CIFAR-100 and ImageNet-100 data, our models with Sparse "
     "Regularization can increase accuracy by 0.12%.", "CIFAR-100", "evaluates_on"),
    (("Point-BERT: Pre-training 3D Point Cloud Transformers", "Extensive experiments demonstrate that the "
      "proposed BERT-style pre-training strategy significantly improves the performance of standard point cloud "
      "Transformers."), "BERT", "uses"),
    # ACL corpus: the paper's own baseline built on a model uses it
    ("We propose a baseline model based on Bi-Directional Attention Flow (BiDAF) network that yields "
     "the F1 score of 37.31%.", "BiDAF", "uses"),
    # third tuning set: a name that starts with a number, a proposed model after descriptive words
    ("We introduce the 8-Calves dataset, a benchmark for evaluating object detection.", "8-Calves", "proposes"),
    # ACL corpus: "our ... dataset (X)"; not "our methods on the benchmark X"
    ("Extensive experiments on a publicly available dataset (PeerRead) and our own collected dataset (OpenReview) "
     "demonstrate the superiority of the proposed approach.", "OpenReview", "proposes"),
    ("We verify our methods on the benchmark MPQA corpus.", "MPQA", "evaluates_on"),
    # fourth tuning set: "namely X" after a proposal, "a new dataset, X," in any sentence, a quoted name
    # after "named", and the enumerated parts of proposed modules
    ("Moreover, we propose an innovative pre-training strategy to maximize the visual capability of Mono-InternVL, "
     "namely Endogenous Visual Pre-training (EViP).", "Endogenous Visual Pre-training", "proposes"),
    ("Hence a new dataset, S2S, containing both crystal structures and superconducting critical temperature, is "
     "built upon SuperCon and Material Project.", "S2S", "proposes"),
    ("We conduct experiments on two datasets, Objaverse and ShapeNet55, and release our generated triplet datasets "
     "(3D Point Cloud - Image - Language), named \"ULIP-Objaverse Triplets\" and \"ULIP-ShapeNet Triplets\".",
     "ULIP-Objaverse Triplets", "proposes"),
    ("Specifically, we propose two fundamental and two optimization modules: (1) Cross Selective Fusion (CSF) "
     "enables knowledge transfer between cross-stage features; (2) Patch Embedding Alignment (PEA) aligns the "
     "patch embeddings.", "Patch Embedding Alignment", "proposes"),
    # ACL corpus: "namely" before existing corpora is no proposal
    ("We present a case study focusing on lexical items in two diachronic corpora of Austrian German, namely "
     "Austrian Media Corpus (AMC) and a corpus of parliamentary records.", "Austrian Media Corpus", "uses"),
    # fourth tuning set: a comparison with "a" before the compared system, and "approaching"
    ("Our model also provides a 1.1 BLEU increase over a back-translation system for machine translation.",
     "Back-Translation", "compares_with"),
    ("Our results demonstrate the superiority of FuseChat-7B, even surpassing GPT-3.5 and approaching "
     "Mixtral-8x7B-Instruct.", "Mixtral 8x7B", "compares_with"),
])
def test_roles_stop_16_cues(run_extract, text, name, role):
    (record,) = run_extract(text if isinstance(text, tuple) else ("A study", text))
    found = entity(record, name)
    assert found is not None, [e["name"] for e in record["entities"]]
    assert found["role"] == role, found


@pytest.mark.parametrize("abstract, name, not_role", [
    # review of this stop's cues: a list after "our model,", a comparison word, "over an X" without a
    # comparison, a numbered problem name
    ("We compare our model, BERT, RoBERTa and XLNet on GLUE.", "BERT", "proposes"),
    ("We report results across a translation benchmark, WMT14, which is hard.", "WMT14", "proposes"),
    ("We show that the MAP assignment over an HMM can be recovered exactly.", "Hidden Markov Model", "compares_with"),
])
def test_roles_hard_negatives_of_the_stop_16_cues(run_extract, abstract, name, not_role):
    (record,) = run_extract(("A study", abstract))
    found = entity(record, name)
    assert found is not None, [e["name"] for e in record["entities"]]
    assert found["role"] != not_role, found


def test_roles_a_numbered_problem_is_no_proposed_name(run_extract):
    (record,) = run_extract(("A study", "We study the 2-SUM problem and propose a spectral method for it."))
    assert not [e for e in record["entities"] if e["name"].startswith("2-SUM")], record["entities"]


def test_roles_a_name_continues_over_of_only_from_a_longer_name(run_extract):
    (record,) = run_extract(("A study", "We randomly sample subsets for each epoch, termed Repeated Sampling of Random "
                                        "Subsets, to save time."))
    assert entity(record, "Repeated Sampling of Random Subsets") is not None, record["entities"]
    # a one-word name is not continued into its authors or its place (a reviewer's sentences)
    (single,) = run_extract(("A study", "We use a model named SpanBERT of Joshi et al. for spans, and a retriever "
                                        "called ColBERT of Stanford."))
    assert {e["name"] for e in single["entities"]} >= {"SpanBERT", "ColBERT"}, single["entities"]


def test_roles_a_title_name_types_only_a_long_form_the_title_spells_out(run_extract):
    # a topic defined in the abstract is no method the title names (a reviewer's example)
    (topic,) = run_extract(("ESG: Extracting Sustainability Disclosures from Corporate Reports",
                            "Companies report on environmental social and governance (ESG) issues. We extract them."))
    assert topic["entities"] == [], topic["entities"]


@pytest.mark.parametrize("abstract, name", [
    # NeurIPS abstracts: what a paper does without is not what it uses
    ("We obtain results on classification tasks without using any dropout or max-pooling.", "Dropout"),
    ("We obtain results on classification tasks without using any dropout or max-pooling.", "Max Pooling"),
    ("There is no need for any Markov chains during either training or generation of samples.", "Markov Chain"),
    ("We train with no parameters to tune, nor any form of cross-validation.", "Cross-Validation"),
    ("In this work we do not use ImageNet, and train from scratch.", "ImageNet"),
])
def test_roles_what_a_paper_does_without_is_only_mentioned(run_extract, abstract, name):
    (record,) = run_extract(("A study", abstract))
    found = entity(record, name)
    assert found is not None and found["role"] == "mentions", record["entities"]
    assert found["mentions"][0]["role_rule"] == "negated"


def test_roles_with_and_without_is_no_negation(run_extract):
    (record,) = run_extract(("A study", "We report improvements, both with and without BERT pre-training."))
    assert all(m.get("role_rule") != "negated" for e in record["entities"] for m in e["mentions"]), record["entities"]


@pytest.mark.parametrize("abstract, name", [
    # a NeurIPS abstract (Improved Techniques for Training GANs): samples of a dataset are shown, not the dataset made
    ("We also present ImageNet samples with unprecedented resolution and show that our methods enable the model to "
     "learn recognizable features of ImageNet classes.", "ImageNet"),
    ("We present CIFAR-10 results that improve on the state of the art.", "CIFAR-10"),
])
def test_roles_presenting_samples_of_a_dataset_is_no_proposal(run_extract, abstract, name):
    (record,) = run_extract(("Improved Techniques for Training GANs", abstract))
    found = next(e for e in record["entities"] if e["name"] == name)
    assert found["role"] != "proposes", found


@pytest.mark.parametrize("title, abstract, name, proposes", [
    # ICLR and NeurIPS abstracts: "which we name X" names the paper's own (Swish is in the gazetteer, as SiLU) ...
    ("Searching for Activation Functions", "Our experiments show that the best discovered activation function, "
     "f(x) = x * sigmoid(beta * x), which we name Swish, tends to work better than ReLU on deeper models.", "SiLU", True),
    # ... and a variant or extension of a named method is new, the method is not
    ("Streaming PCA", "Computationally, we propose a variant of Oja's algorithm combined with downsampling to control "
     "the bias.", "Oja", False),
    ("Multi-task RL", "For multi-task regression, we develop two multi-task extensions of the fitted Q-iteration "
     "algorithm.", "Q-iteration", False),
    # a review's case: a study of named models does not propose them, named with "namely" or not
    ("Probing study", "We present an empirical study of two pretrained models, namely BERT and GPT-2, on syntactic "
     "agreement.", "BERT", False),
    # but variants of the paper's own framework are its own (a tuning-set sentence)
    ("Future Self-Training", "We propose future-self-training (FST). We also develop two variants of our "
     "future-self-training (FST) framework through peeping at the future both deeply (FST-D) and widely (FST-W).",
     "FST-D", True),
])
def test_roles_naming_and_variants(run_extract, title, abstract, name, proposes):
    (record,) = run_extract((title, abstract))
    found = next((e for e in record["entities"] if e["name"] == name), None)
    assert found is not None, record["entities"]
    assert (found["role"] == "proposes") is proposes, found


@pytest.mark.parametrize("abstract, entity_id", [
    # NeurIPS abstracts: maximum likelihood estimation is a method (it was typed a task by its last word), and
    # projected gradient descent the optimiser (it was the PGD adversarial attack)
    ("However, the existing maximum-likelihood-estimation (MLE) learning paradigm requires a large dataset.",
     "method/maximum-likelihood-estimation"),
    ("We show that projected gradient descent, when initialized at zero, converges.", "method/projected-gradient-descent"),
])
def test_roles_estimation_and_optimisation_methods(run_extract, abstract, entity_id):
    (record,) = run_extract(("A study", abstract))
    assert entity_id in {e["id"] for e in record["entities"]}, record["entities"]


def test_roles_a_finding_reported_of_earlier_work_is_a_mention(run_extract):
    # an ICLR abstract (found by a user): the paper does not address reinforcement learning
    (record,) = run_extract(("Regularizing Neural Networks by Penalizing Confident Output Distributions",
                             "We show that penalizing low entropy output distributions, which has been shown to "
                             "improve exploration in reinforcement learning, acts as a strong regularizer in "
                             "supervised learning."))
    found = next(e for e in record["entities"] if e["name"] == "reinforcement learning")
    assert found["role"] == "mentions", found


def test_roles_compare_it_with_is_a_comparison(run_extract):
    # a user's case: "compare it with X" made X used, and X the method of the paper's result
    (record,) = run_extract(("ASR", "We re-implement the Conformer and compare it with wav2vec 2.0 on LibriSpeech, "
                                    "reporting 2.1% WER on test-clean."))
    assert next(e for e in record["entities"] if e["name"] == "wav2vec 2.0")["role"] == "compares_with"
    assert [r["method"] for r in record["results"]] == ["Conformer"]


def test_roles_our_proposed_method_called_x_proposes_x(run_extract):
    # a NeurIPS abstract (Robust Regression via Hard Thresholding)
    (record,) = run_extract(("Robust Regression via Hard Thresholding", "For instance, a variant of our proposed "
                             "method called TORRENT-HYB is more than 20x faster than the best L1 solver."))
    assert next(e for e in record["entities"] if e["name"] == "TORRENT-HYB")["role"] == "proposes"


@pytest.mark.parametrize("abstract, name, role", [
    # a known method the new parts are made of, and what a purpose clause works on, are not proposed
    # (held-out tuning set; NeurIPS abstracts)
    ("Specifically, towards (i), we introduce LoRA modules to fine-tune the FFN layers in Transformer blocks for "
     "each forgetting task independently.", "LoRA", "uses"),
    ("Specifically, towards (i), we introduce LoRA modules to fine-tune the FFN layers in Transformer blocks for "
     "each forgetting task independently.", "FFN", "uses"),
    ("We propose a MCMC algorithm to perform inference and an approximation scheme based on random Fourier "
     "features to make computations faster.", "Markov Chain Monte Carlo", "uses"),
    ("In this work, we propose a new CNN architecture TrajectoryNet, which incorporates trajectory convolution.",
     "Convolutional Neural Network", "uses"),
    ("In this work, we propose a new CNN architecture TrajectoryNet, which incorporates trajectory convolution.",
     "TrajectoryNet", "proposes"),
    # ... nor a name set off after the purpose clause, in apposition to the new thing (a review's cases)
    ("We propose a novel method to address the task of image deblurring: DeblurNet.", "DeblurNet", "proposes"),
    ("We propose a simple method to improve the calibration of language models: CalibLM.", "CalibLM", "proposes"),
    ("We propose a new dataset to evaluate the factuality of summaries, FactSumm.", "FactSumm", "proposes"),
    # ... but not one only somewhere after the clause (a second review's cases)
    ("We propose a regulariser to stabilise the training of GANs, following BarGAN.", "BarGAN", "uses"),
    ("We propose a sampler to speed up diffusion models, e.g. ZetaDiff and OmegaDiff.", "ZetaDiff", "uses"),
    ("We propose a method to fine-tune large language models (FooLM-7B) efficiently.", "FooLM-7B", "uses"),
    # ... but "we propose to <verb> ... with X" proposes X (held-out tuning set)
    ("Specifically, we propose to pretrain the AST model with joint discriminative and generative masked "
     "spectrogram patch modeling (MSPM) using unlabeled audio from AudioSet and Librispeech.",
     "masked spectrogram patch modeling", "proposes"),
])
def test_roles_a_known_part_or_a_purpose_object_is_not_proposed(run_extract, abstract, name, role):
    (record,) = run_extract(("A study", abstract))
    found = entity(record, name)
    assert found is not None and found["role"] == role, record["entities"]


def test_roles_our_model_on_a_known_dataset_does_not_propose_the_dataset(run_extract):
    """A user trial: "which papers propose CIFAR-10?" answered "Neural Architecture Search with
    Reinforcement Learning", from "Our CIFAR-10 model achieves a test error rate of 3.65"."""
    (record,) = run_extract(("Neural Architecture Search with Reinforcement Learning",
                             "Our CIFAR-10 model achieves a test error rate of 3.65, which is 0.09 percent better and "
                             "1.05x faster than the previous state-of-the-art model that used a similar architectural "
                             "scheme."))
    assert entity(record, "CIFAR-10")["role"] == "uses"
