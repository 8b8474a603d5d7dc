"""Numeric results: the issue's patterns, and percentages that are not results."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("abstract, value, unit, kind, metric", [
    ("Our model achieves 84.5% top-1 accuracy on ImageNet-1K.", 84.5, "%", "absolute", "top-1 accuracy"),
    ("Experiments show that SAMDA improves the dice coefficient by 6.7% on the target domain.", 6.7, "%", "delta", "Dice coefficient"),
    ("Notably, CoN achieves an average improvement of +7.9 in EM score given noisy documents.", 7.9, "points", "delta", None),
    ("We achieve the same accuracy as LIF-SNNs using 1/10 training time on ImageNet-1K.", 0.1, "", "ratio", "training time"),
    ("Our method is 3x faster than the baseline.", 3.0, "x", "ratio", None),
    # a decimal comma before a percent sign (a user trial: 93 and 4%, two results)
    ("Our model reaches an accuracy of 93,4 % on SST-2.", 93.4, "%", "absolute", "accuracy"),
    # seed sentences: an improvement verb right before the number, and a share of a teacher's performance
    ("Through transfer learning with TGT-Masking applied we improve 22.63% of classification accuracy.", 22.63, "%",
     "delta", None),
    ("Our proposal provides substantial improvements for CLPM (e.g., up to 49.76%, 50.05% and 40.16% on Split "
     "CIFAR-100).", 50.05, "%", "delta", None),
    ("Our student respectively achieves 98.7%, 98.1% and 99.3% the performance of its teacher.", 98.1, "%", "ratio",
     None),
    ("Our model achieves a remarkable 71% boost in the performance of the Llama-2 model.", 71.0, "%", "delta", None),
    ("In particular, our bert2BERT saves about 45% and 47% computational cost of pre-training BERT_BASE.", 47.0, "%",
     "delta", None),
    # a number that ends the sentence, and both ends of "from A to B" after a metric (seed sentences)
    ("The best performing model was our PubMedBERT-based model, with a reported F1-score of 0.92.", 0.92, "",
     "absolute", "F1 score"),
    ("Our CodeBERTER improves the accuracy of code refinement from 16.4 to 17.8 with 20% of the parameters.", 16.4,
     "", "absolute", "accuracy"),
    # second tuning set: decibels, and a bare number listed before a result number
    ("Our DCPT demonstrates gains of up to 2.55 dB in the 10D all-in-one restoration task and 6.53 dB in the mixed "
     "degradation scenarios.", 6.53, "dB", "delta", None),
    ("Our images achieve more than 6.54 and 1.07 decrease in FID and sFID on DiT-L/2.", 6.54, "points", "delta", "FID"),
    ("Our method gives 2.55, 1.2 and 0.8 dB gains in PSNR.", 1.2, "dB", "delta", None),
])
def test_results_patterns(run_extract, abstract, value, unit, kind, metric):
    (record,) = run_extract(("A study", abstract))
    match = [r for r in record["results"] if abs(r["value"] - value) < 1e-9]
    assert match, record["results"]
    result = match[0]
    assert (result["unit"], result["kind"]) == (unit, kind)
    if metric:
        assert result["metric"] == metric


def test_results_dataset_and_own_method_fill_in(run_extract):
    (record,) = run_extract(("MagicNet: a model", "We propose MagicNet. Our method achieves 84.5% top-1 accuracy on ImageNet-1K."))
    (result,) = record["results"]
    assert result["dataset"] == "ImageNet-1K" and result["method"] == "MagicNet"


@pytest.mark.parametrize("abstract", [
    "We train on 10% of the data and keep the rest for testing.",
    "The dataset contains 71M tokens and 2.8 billion parameters in 2021.",
    "We use a 30% masking ratio and 224 x 224 images.",
    "Our model uses 16 times fewer trainable parameters.",
    "Models are typically evaluated with 95% accuracy in prior work.",
    # seed sentences: a range of data fractions, a share of a corpus, a statistic about the US
    "We evaluate Selfie on three benchmarks (CIFAR-10, ImageNet 32 x 32, and ImageNet 224 x 224) with varying "
    "amounts of labeled data, from 5% to 100% of the training sets.",
    "Our method needs only 0.3% quantity of the training corpus.",
    # test conditions in decibels, and a count of improvements
    "Our model is evaluated at 0 dB SNR and at 5 dB and 10 dB SNR.",
    "Our method makes 3 improvements in accuracy.",
    "Over 10 million child sexual abuse reports are submitted to the US National Center for Missing & Exploited "
    "Children every year, and over 80% originate from online sources.",
])
def test_results_numbers_that_are_not_results(run_extract, abstract):
    (record,) = run_extract(("A study", abstract))
    assert record["results"] == []


@pytest.mark.parametrize("abstract", [
    "Our model with k = 5 and 85.2% accuracy wins.",
    "Our model with k = 5 and 85.2 F1 wins.",
    "Our model at epoch 10 and 85.2% accuracy.",
    "Our results (Table 2 and 85.2% accuracy).",
    "Our ResNet 50 and 76.1% top-1 accuracy.",
])
def test_results_a_number_listed_before_a_result_is_not_one_of_its_kind(run_extract, abstract):
    # review cases: only a bare number listed before a bare result number shares its unit
    (record,) = run_extract(("A study", abstract))
    assert len(record["results"]) == 1, record["results"]


def test_results_scoring_counts_a_bare_difference_of_scores_in_points():
    from kg.evaluate.entities import score_results

    gold = [{"results": [{"value": 1.07, "unit": "", "kind": "delta", "metric": "sFID", "method": None,
                          "dataset": None, "text": "1.07 decrease in FID and sFID"}]}]
    predicted = [{"entities": [], "results": [{"value": 1.07, "unit": "points", "kind": "delta", "metric": None,
                                               "method": None, "dataset": None, "text": "1.07", "sentence": ""}]}]
    assert score_results(gold, predicted).values.tp == 1
    predicted[0]["results"][0]["unit"] = "%"
    assert score_results(gold, predicted).values.tp == 0


def test_results_scoring_accepts_any_spelling_of_the_predicted_entity():
    from kg.evaluate.entities import score_results

    gold = [{"results": [{"method": "Selfie", "dataset": None, "metric": "accuracy", "value": 11.1, "unit": "points",
                          "kind": "delta"}]}]
    extraction = [{"entities": [{"id": "method/selfie", "name": "SELFie supervised Image Embedding", "aliases": [],
                                 "mentions": [{"text": "Selfie"}]}],
                   "results": [{"method": "SELFie supervised Image Embedding", "dataset": None, "metric": "accuracy",
                                "value": 11.1, "unit": "points", "kind": "delta", "text": "11.1", "sentence": ""}]}]
    scores = score_results(gold, extraction)
    assert scores.values.tp == 1 and scores.method_correct == 1
    extraction[0]["entities"][0]["mentions"] = [{"text": "SIE"}]
    assert score_results(gold, extraction).method_correct == 0


def test_results_flops_is_a_measure_only_with_a_number(run_extract):
    (record,) = run_extract(("A study", "Our method uses 45.4M trainable parameters, saving at least 35.4G FLOPs."))
    assert any(e["id"] == "metric/flops" for e in record["entities"])
    (record,) = run_extract(("A study", "Our method needs fewer FLOPs than the baseline."))
    assert not any(e["id"] == "metric/flops" for e in record["entities"])


@pytest.mark.parametrize("abstract, value, kind", [
    # a reviewer's hard cases for this stop's kind and range cues (None: not a result)
    ("Our method keeps the accuracy stable when the batch size varies from 32 to 256.", 32.0, None),
    ("Our model shows an average improvement in F1 of 4.3 points.", 4.3, "delta"),
    ("Our model gives a relative reduction in word error rate of 15%.", 15.0, "delta"),
    ("Our model gains 85.3% accuracy on ImageNet.", 85.3, "absolute"),
    ("Our model improves robustness and achieves up to 92.1% accuracy.", 92.1, "absolute"),
    ("With our method, performance improved (85.3% vs. 80.1%).", 80.1, "absolute"),
    ("Our method improves by 2.3 points the accuracy of the strongest baseline.", 2.3, "delta"),
    ("Our student reaches 97.1% of the performance of BERT.", 97.1, "ratio"),
    ("Our model achieves an impressive 50% of traditional knowledge injection performance.", 50.0, "ratio"),
    ("Our experiments show that the diffusion models can be further improved (up to 20%).", 20.0, "delta"),
])
def test_results_kinds_of_hard_cases(run_extract, abstract, value, kind):
    (record,) = run_extract(("A study", abstract))
    found = [r["kind"] for r in record["results"] if abs(r["value"] - value) < 1e-9]
    assert found == ([kind] if kind else []), record["results"]


@pytest.mark.parametrize("abstract, expected", [
    # ACL sentences: a hyphen between two numbers makes a range, not a minus sign; the ends share the unit and
    # kind stated after the range, and the words before its first end give the context
    ("When evaluated on a wide range of open-domain QA datasets, our dense retriever outperforms a strong "
     "Lucene-BM25 system greatly by 9%-19% absolute in terms of top-20 passage retrieval accuracy.",
     [(9.0, "%", "delta"), (19.0, "%", "delta")]),
    ("Our system attains accuracy 4-5% greater than traditional approaches on our dataset.",
     [(4.0, "%", "delta"), (5.0, "%", "delta")]),
    ("Using this, we improve TL performance by 4-6%, achieving an accuracy of 96% on our best model.",
     [(4.0, "%", "delta"), (6.0, "%", "delta"), (96.0, "%", "absolute")]),
    ("Overall, we get prediction accuracy in a range of 83-88% and almost 3-4 point increment against baseline "
     "(first level only) scores.", [(83.0, "%", "absolute"), (88.0, "%", "absolute"), (3.0, "points", "delta"),
                                    (4.0, "points", "delta")]),
    # seed sentences: a share of another model's accuracy, and "$\\sim$" that lost its backslash
    ("Our results show that fine-tuning a network pre-trained using fractals attains 92.7-98.1% of the accuracy "
     "of an ImageNet pre-trained network.", [(92.7, "%", "ratio"), (98.1, "%", "ratio")]),
    ("Our model improves upon the baseline or previous state-of-the-art model by 3%~20% in Zero-shot "
     "Classification (ZSC).", [(3.0, "%", "delta"), (20.0, "%", "delta")]),
    # a reviewer's cases: a metric right before the range, a range without a unit, sizes and shares of data
    ("Our method improves the accuracy by 2-3% on ImageNet.", [(2.0, "%", "delta"), (3.0, "%", "delta")]),
    ("Our model achieves an F1-score of 0.5-0.6 on the test set.", [(0.5, "", "absolute"), (0.6, "", "absolute")]),
    ("Our model can match them by just using an additional 2-3% parameters for each task.", []),
    ("We train our model on 10-20% of the labels.", []),
    ("Our model is 3-5x faster.", [(3.0, "x", "ratio"), (5.0, "x", "ratio")]),
])
def test_results_ranges(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert [(r["value"], r["unit"], r["kind"]) for r in record["results"]] == expected


def test_results_metric_value_after_its_abbreviation(run_extract):
    """"Area Under Curve (AUC) of 0.92" (a seed sentence): the value belongs to the metric before the brackets."""
    (record,) = run_extract(("A study", "We propose a novel model, S2SNet, which utilizes the attention mechanism. "
                                        "S2SNet makes a new state-of-the-art, with out-of-sample accuracy of 92% and "
                                        "Area Under Curve (AUC) of 0.92."))
    assert [(r["value"], r["metric"]) for r in record["results"]] == [(92.0, "accuracy"), (0.92, "AUC")]


@pytest.mark.parametrize("abstract, expected", [
    # a seed sentence and an ACL one: capitalised common-word metrics with their values right after
    ("We pre-train a DNN on arrhythmia ECG. Main results: The best performing approach (AUROC = 0.77, Accuracy = "
     "0.72, F1-score = 0.64) was found by performing both transfer learning steps.",
     [(0.77, "ROC-AUC"), (0.72, "accuracy"), (0.64, "F1 score")]),
    ("Our system scored a F1-score of 0.8941, Precision of 0.9028, Recall of 0.8856 and Accuracy of 0.9010.",
     [(0.8941, "F1 score"), (0.9028, "precision"), (0.8856, "recall"), (0.901, "accuracy")]),
])
def test_results_capitalised_metric_words_with_their_values(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert [(r["value"], r["metric"]) for r in record["results"]] == expected


@pytest.mark.parametrize("abstract", ["Recall that our model is fast.", "Precision Agriculture is our task.",
                                      "Recall the definition of a graph.", "Recall our earlier definition.",
                                      "Our Accuracy module is fast."])
def test_results_capitalised_common_words_without_a_value_are_no_metrics(run_extract, abstract):
    (record,) = run_extract(("A study", abstract))
    assert not [e for e in record["entities"] if e["type"] == "Metric"]


@pytest.mark.parametrize("abstract, metric", [
    # TDMSci train sentences: a metric's common word opening a sentence names it, as it does in lower case
    ("Precision and recall values of information retrieval systems are compared.", "precision"),
    ("Accuracy of prediction for English word-English phone mapping is reported.", "accuracy"),
    ("Accuracy of the model is high in our experiments.", "accuracy"),
])
def test_results_capitalised_metric_opening_a_sentence_is_the_metric(run_extract, abstract, metric):
    (record,) = run_extract(("A study", abstract))
    found = [e for e in record["entities"] if e["name"] == metric]
    assert found and found[0]["type"] == "Metric", record["entities"]
    assert found[0]["mentions"][0]["start"] == 0
    assert record["results"] == []  # no value: a mention, not a result


def test_results_a_number_too_large_for_a_float_is_no_result(run_extract):
    """Hundreds of digits would be infinity, which JSON and xsd:decimal cannot write."""
    (record,) = run_extract(("A study", f"Our model achieves {'9' * 400}% top-1 accuracy on ImageNet."))
    assert record["results"] == []


@pytest.mark.parametrize("title, abstract, expected", [
    # seed sentences: values listed before "respectively" go with the datasets listed in the same order
    ("UniPT: Universal Pre-Training", "Without the need for any bells and whistles, our UniPT achieves competitive "
     "Rank-1 accuracy of, ie, 68.50%, 60.09%, and 51.85% on CUHK-PEDES, ICFG-PEDES and RSTPReid, respectively.",
     [(68.5, "CUHK-PEDES"), (60.09, "ICFG-PEDES"), (51.85, "RSTPReid")]),
    ("A study", "For example, LAE with Adaptor PET surpasses the prior state-of-the-art by 1.3% and 3.6% in "
     "last-incremental accuracy on CIFAR100 and ImageNet-R datasets, respectively.",
     [(1.3, "CIFAR-100"), (3.6, "ImageNet-R")]),
    # datasets named apart earlier in the sentence still pair when their number matches
    ("LIMO: Less is More for Reasoning", "With merely 817 curated training samples, LIMO achieves 57.1% accuracy "
     "on AIME and 94.8% on MATH, improving from previous SFT-based models' 6.5% and 59.2% respectively.",
     [(57.1, "AIME"), (94.8, "MATH"), (6.5, "AIME"), (59.2, "MATH")]),
    # without "respectively" the nearest dataset after a number is its dataset
    ("A study", "Our model achieves 84.5% accuracy on SST-2 and 80.1% on MNLI.", [(84.5, "SST-2"), (80.1, "MultiNLI")]),
    # as many numbers as datasets, but no "respectively": nothing is paired by order
    ("A study", "Our model achieves 84.5% and 80.1% accuracy on SST-2 and MNLI.", [(84.5, "SST-2"), (80.1, "SST-2")]),
])
def test_results_respectively_pairs_values_with_datasets_in_order(run_extract, title, abstract, expected):
    (record,) = run_extract((title, abstract))
    assert [(r["value"], r["dataset"]) for r in record["results"]] == expected


@pytest.mark.parametrize("title, abstract, expected", [
    # seed sentences: a model named after "outperforms the baseline by ... on" or compared with is not the one
    # the gain is of; a value right after a model's possessive is that model's
    ("Clover: Regressive Lightweight Speculative Decoding", "The experiment results demonstrate that Clover "
     "outperforms the baseline by up to 91% on Baichuan-Small and 146% on Baichuan-Large, respectively.",
     [(91.0, "Clover"), (146.0, "Clover")]),
    ("Demystifying CLIP Data", "In zero-shot ImageNet classification, MetaCLIP achieves 70.8% accuracy, surpassing "
     "CLIP's 68.3% on ViT-B models.", [(70.8, "MetaCLIP"), (68.3, "CLIP")]),
    ("LIMO: Less is More for Reasoning", "With merely 817 curated training samples, LIMO achieves 57.1% accuracy "
     "on AIME and 94.8% on MATH, improving from previous SFT-based models' 6.5% and 59.2% respectively.",
     [(57.1, "LIMO"), (94.8, "LIMO"), (6.5, "Supervised Fine-Tuning"), (59.2, "Supervised Fine-Tuning")]),
    # a review case: methods listed with "respectively" but gains of the paper's own model
    ("A study", "BERT and RoBERTa reach 80.1 and 82.3 F1. Our model improves over BERT and RoBERTa by 2.1 and 3.4 "
     "points, respectively.", [(2.1, None), (3.4, None)]),
    ("A study", "Our evaluation shows that BERT and RoBERTa achieve 80.1 and 82.3 F1 on SQuAD, respectively.",
     [(80.1, "BERT"), (82.3, "RoBERTa")]),
])
def test_results_method_of_a_value(run_extract, title, abstract, expected):
    (record,) = run_extract((title, abstract))
    assert [(r["value"], r["method"]) for r in record["results"]] == expected


def test_results_gains_listed_after_by_are_deltas(run_extract):
    (record,) = run_extract(("A study", "Our model improves over BERT and RoBERTa by 2.1 and 3.4 points, respectively."))
    assert [(r["value"], r["kind"], r["unit"]) for r in record["results"]] == [(2.1, "delta", "points"),
                                                                              (3.4, "delta", "points")]


BERT_ABSTRACT = (
    "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
    "BERT is conceptually simple and empirically powerful. It obtains new state-of-the-art results on eleven natural "
    "language processing tasks, including pushing the GLUE score to 80.5% (7.7% point absolute improvement), MultiNLI "
    "accuracy to 86.7% (4.6% absolute improvement) and SQuAD v1.1 question answering Test F1 to 93.2 (1.5 point "
    "absolute improvement).")


def test_results_a_value_in_brackets_is_about_the_value_before_it(run_extract):
    # the BERT abstract (found by a user): each improvement went to the next dataset, and the GLUE score to the
    # accuracy named for MultiNLI
    (record,) = run_extract(BERT_ABSTRACT)
    assert [(r["value"], r["kind"], r["dataset"], r["metric"]) for r in record["results"]] == [
        (80.5, "absolute", "GLUE", None), (7.7, "delta", "GLUE", None),
        (86.7, "absolute", "MultiNLI", "accuracy"), (4.6, "delta", "MultiNLI", "accuracy"),
        (93.2, "absolute", "SQuAD 1.1", "F1 score"), (1.5, "delta", "SQuAD 1.1", "F1 score")]


@pytest.mark.parametrize("abstract, expected", [
    # NeurIPS abstracts: the dataset after "on" is a value's, and a name after "on" that is no known dataset
    # leaves the dataset open rather than taking the one before
    ("We show the efficacy of our approach, achieving improvements of 4.0 accuracy points on CIFAR-10, 1.4 F1 points "
     "on the ACE relation extraction task, and 3.4 accuracy points on a medical imaging dataset.",
     [(4.0, "CIFAR-10"), (1.4, "ACE"), (3.4, "ACE")]),
    ("Our networks achieve 82.7% on Cityscapes (street scene parsing), 71.3% on PASCAL-Person-Part (person-part "
     "segmentation), and 87.9% on PASCAL VOC 2012 (semantic image segmentation).",
     [(82.7, "Cityscapes"), (71.3, None), (87.9, "Pascal VOC 2012")]),
    # a seed sentence: a metric named before the first of several values is each one's
    ("Specifically, our method increases the average accuracy by 0.568% on CIFAR-10 data, 1.764% on CIFAR-100, and "
     "0.256% on ImageNet-100 data.", [(0.568, "CIFAR-10"), (1.764, "CIFAR-100"), (0.256, "ImageNet-100")]),
])
def test_results_dataset_named_after_on(run_extract, abstract, expected):
    (record,) = run_extract(("A study", abstract))
    assert [(r["value"], r["dataset"]) for r in record["results"]] == expected
    if "average accuracy" in abstract:
        assert {r["metric"] for r in record["results"]} == {"average accuracy"}


def test_results_values_listed_after_a_metric_share_it(run_extract):
    # an ICLR abstract: "WER by 2.0% and 1.1%"
    (record,) = run_extract(("DSD: Dense-Sparse-Dense Training", "On the WSJ'93 dataset, our DSD improved DeepSpeech "
                                                                 "and DeepSpeech2 WER by 2.0% and 1.1%."))
    assert [(r["value"], r["metric"]) for r in record["results"]] == [(2.0, "word error rate"),
                                                                     (1.1, "word error rate")]


def test_results_a_condition_is_no_result(run_extract):
    # an ICLR abstract (ODIN): the operating point of the detector is a setting
    (record,) = run_extract(("ODIN", "For example, our ODIN reduces the false positive rate from the baseline 34.7% to "
                                     "4.3% on the DenseNet (applied to CIFAR-10 and Tiny-ImageNet) when the true "
                                     "positive rate is 95%."))
    assert [r["value"] for r in record["results"]] == [34.7, 4.3]


@pytest.mark.parametrize("abstract, values", [
    # seed sentences: a share of parameters and a model's size are no results
    ("For example, with 0.5% extra trainable parameters, our method not only outperforms state-of-the-art PEFT "
     "methods, even surpasses the full fine-tuning by more than 2.20% Kappa score on medical classification task.",
     [2.2]),
    ("Moreover, our ULIP-2 sets a new record on the real-world ScanObjectNN benchmark (91.5% Overall Accuracy) while "
     "utilizing only 1.4 million parameters(~10x fewer than current SOTA).", [91.5]),
])
def test_results_sizes_are_no_results(run_extract, abstract, values):
    (record,) = run_extract(("A study", abstract))
    assert [r["value"] for r in record["results"]] == values


@pytest.mark.parametrize("abstract, expected", [
    # a review's cases: a contrast clause is no condition; "on" words that name no dataset leave the one named
    # before; values with "respectively" but no list of datasets keep the dataset "on" names; backbones named
    # before a comma are not the methods of the values
    ("Our model is accurate on ImageNet, where the top-1 accuracy reaches 88.5%.", [(88.5, "FooNet", "ImageNet")]),
    ("Our WER on Aragonese to Catalan is 16.83%, while our WER on Aragonese to Spanish is 11.61%.",
     [(16.83, "FooNet", None), (11.61, "FooNet", None)]),
    ("On WMT 2014, our model achieves 28.4 BLEU on English-German.", [(28.4, "FooNet", "WMT14")]),
    ("Pretrained on ImageNet-21K, our FooNet reaches 85.1% and 87.3% top-1 accuracy on ImageNet at 224 and 384 "
     "resolution, respectively.", [(85.1, "FooNet", "ImageNet"), (87.3, "FooNet", "ImageNet")]),
    ("With ResNet-50 and ViT-B backbones, FooNet reaches 80.1% and 82.3% accuracy, respectively.",
     [(80.1, "FooNet", None), (82.3, "FooNet", None)]),
    # a second review's: an unknown two-word name after "on" is no known dataset; a subject a few words before
    # its values ("achieve an average accuracy of"); an exponent is no value
    ("FooNet reaches 85.1% on CIFAR-10 and 71.2% on Caltech Birds.", [(85.1, "FooNet", "CIFAR-10"),
                                                                      (71.2, "FooNet", None)]),
    ("Our evaluation shows that BERT and RoBERTa achieve an average accuracy of 80.1% and 82.3% on GLUE, "
     "respectively.", [(80.1, "BERT", "GLUE"), (82.3, "RoBERTa", "GLUE")]),
    ("FooNet reaches a mean squared error of 10^-3 and 85.2% accuracy on ImageNet.", [(85.2, "FooNet", "ImageNet")]),
    # a baseline's value after "while" or "whereas" is not the paper's method's; "while using" goes on with it
    ("FooNet achieves 92.1% accuracy on ImageNet while the baseline is 85.3%.", [(92.1, "FooNet", "ImageNet"),
                                                                               (85.3, None, "ImageNet")]),
    ("FooNet achieves 92.1% accuracy on ImageNet, whereas ResNet-50 reaches 76.1%.",
     [(92.1, "FooNet", "ImageNet"), (76.1, "ResNet-50", "ImageNet")]),
    ("FooNet achieves 92.1% accuracy on ImageNet while using 10x less compute.",
     [(92.1, "FooNet", "ImageNet"), (10.0, "FooNet", "ImageNet")]),
])
def test_results_review_cases_of_pairing(run_extract, abstract, expected):
    (record,) = run_extract(("FooNet: a study", abstract))
    assert [(r["value"], r["method"], r["dataset"]) for r in record["results"]] == expected
