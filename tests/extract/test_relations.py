"""Entity-to-entity relations, on sentences of the seed abstracts: those of the paper's own method and
results, and those a sentence states between two neighbouring names."""
from __future__ import annotations

import pytest


def relations(record, rule_prefix: str = "") -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in record["relations"]
            if r["rule"].startswith(rule_prefix)}


@pytest.mark.parametrize("abstract, expected", [
    ("Our CLIP2Point outperforms PointCLIP and other self-supervised 3D networks, achieving state-of-the-art "
     "results on zero-shot and few-shot classification.",
     ("method/clip2point", "compared_with", "method/pointclip")),
    ("Empirical evaluations demonstrate that P3O outperforms PPO in the KL-Reward trade-off.",
     ("method/p3o", "compared_with", "method/ppo")),
    ("In Indonesian, only a few works were found on long-text classification using Transformers.",
     ("method/transformer", "for_task", "task/text-classification")),
    ("For instance, we match the accuracy of the original ResNet-50 on ImageNet zero-shot without needing "
     "to use any of the 1.28 million training examples it was trained on.",
     ("method/resnet-50", "evaluated_on", "dataset/imagenet")),
    ("Latent diffusion models such as Stable Diffusion for text-to-image generation have been widely adopted.",
     ("method/stable-diffusion", "for_task", "task/text-to-image-generation")),
    # a word or two qualifying the task ("video action recognition" is action recognition)
    ("Tran et al. first proposed 3D CNNs for video action recognition, with mixed results.",
     ("method/convolutional-neural-network", "for_task", "task/action-recognition")),
    # training, evaluation and the tasks of datasets
    ("We use a ResNet-50 pre-trained on ImageNet as the backbone.",
     ("method/resnet-50", "trained_on", "dataset/imagenet")),
    ("We fine-tune BERT on SQuAD and report the results.", ("method/bert", "trained_on", "dataset/squad")),
    ("Features from an ImageNet-pretrained ResNet-50 are pooled.",
     ("method/resnet-50", "trained_on", "dataset/imagenet")),
    ("We train a small VAE on the MNIST dataset.", ("method/variational-autoencoder", "trained_on", "dataset/mnist")),
    ("Supervised pre-training on Kinetics helps less than we expected.",
     ("method/supervised-pre-training", "trained_on", "dataset/kinetics")),
    ("We evaluate BERT on SQuAD after we train it.", ("method/bert", "evaluated_on", "dataset/squad")),
    ("The SQuAD dataset for question answering has 100,000 questions.",
     ("dataset/squad", "dataset_for", "task/question-answering")),
    ("We report question answering results on SQuAD and TriviaQA.",
     ("dataset/squad", "dataset_for", "task/question-answering")),
])
def test_a_sentence_states_a_relation_between_neighbouring_names(run_extract, abstract, expected):
    record = run_extract(("", abstract))[0]
    assert expected in relations(record, "stated:")
    evidence = next(r for r in record["relations"] if (r["subject"], r["predicate"], r["object"]) == expected)
    assert evidence["sentence"] in abstract


def test_a_list_after_such_as_shares_the_relation(run_extract):
    record = run_extract(("", "Knowledge graph completion methods such as TransE, DistMult and RotatE embed "
                              "entities and relations."))[0]
    stated = relations(record, "stated:")
    for method in ("method/transe", "method/distmult", "method/rotate"):
        assert (method, "for_task", "task/knowledge-graph-completion") in stated


@pytest.mark.parametrize("abstract", [
    "We fine-tune BERT on SQuAD and report the results.",  # training, not evaluation (trained_on)
    "We use a ResNet-50 pre-trained on ImageNet as the backbone.",
    "BERT, RoBERTa and the models trained on SQuAD are strong.",  # no words that state a relation
])
def test_no_evaluated_on_without_an_evaluation(run_extract, abstract):
    record = run_extract(("", abstract))[0]
    assert not {r for r in relations(record) if r[1] == "evaluated_on"}


def test_a_name_inside_a_longer_name_states_nothing(run_extract):
    # "GAN" inside "SPA-GAN" is not the method "for" the task; SPA-GAN is
    record = run_extract(("", "We propose SPA-GAN for image-to-image translation."))[0]
    subjects = {s for s, p, o in relations(record) if p == "for_task"}
    assert subjects and all("spa-gan" in s for s in subjects)


def test_the_own_method_relations_stay(run_extract):
    record = run_extract(("", "We propose FooNet, a BERT-based encoder. FooNet achieves 91.2% accuracy on "
                              "ImageNet."))[0]
    found = relations(record)
    assert ("method/foonet", "based_on", "method/bert") in found
    assert ("method/foonet", "evaluated_on", "dataset/imagenet") in found


def test_relations_reach_the_rdf_export(tmp_path):
    from kg.build import build

    (tmp_path / "p.jsonl").write_text(
        '{"id": "p1", "title": "CLIP2Point", "abstract": "Our CLIP2Point outperforms PointCLIP on ModelNet40."}\n',
        encoding="utf-8")
    build([tmp_path / "p.jsonl"], tmp_path / "out", quiet=True, html=False)
    nt = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert ("<https://w3id.org/paper-kg/id/method/clip2point> <https://w3id.org/paper-kg/ontology#comparedWith> "
            "<https://w3id.org/paper-kg/id/method/pointclip> .") in nt


@pytest.mark.parametrize("abstract, expected, wrong", [
    # the words that may qualify a task after "for" are no clause of their own
    ("We use BERT for sentences and LSTMs for text classification.",
     ("method/long-short-term-memory", "for_task", "task/text-classification"),
     ("method/bert", "for_task", "task/text-classification")),
    # a list ends at its "and", and a name that starts its own clause is not in it
    ("BERT outperforms ELMo and XLNet performs better than GPT-2.",
     ("method/xlnet", "compared_with", "method/gpt-2"), ("method/bert", "compared_with", "method/xlnet")),
    ("BERT outperforms ELMo, and RoBERTa is slower than XLNet.",
     ("method/bert", "compared_with", "method/elmo"), ("method/bert", "compared_with", "method/roberta")),
    ("Question answering datasets such as SQuAD, and MNIST for digit classification.",
     ("dataset/squad", "dataset_for", "task/question-answering"),
     ("dataset/mnist", "dataset_for", "task/question-answering")),
    # a pre-trained model evaluated on a dataset is evaluated, not trained there
    ("We evaluate a pre-trained BERT on SQuAD without fine-tuning.",
     ("method/bert", "evaluated_on", "dataset/squad"), ("method/bert", "trained_on", "dataset/squad")),
    ("We evaluate an untrained ResNet-50 on CIFAR-10 as a baseline.",
     ("method/resnet-50", "evaluated_on", "dataset/cifar-10"), ("method/resnet-50", "trained_on", "dataset/cifar-10")),
    # the data a model was pre-trained on is not a dataset for the model's task
    ("We use a ResNet-50 pre-trained on ImageNet for semantic segmentation on Cityscapes.",
     ("method/resnet-50", "trained_on", "dataset/imagenet"),
     ("dataset/imagenet", "dataset_for", "task/semantic-segmentation")),
])
def test_relations_stay_within_their_clause(run_extract, abstract, expected, wrong):
    stated = relations(run_extract(("", abstract))[0], "stated:")
    assert expected in stated and wrong not in stated


@pytest.mark.parametrize("abstract", [
    "Unlike BERT, a simple method for question answering is proposed.",
    "Compared to LSTM, for machine translation the Transformer is faster.",
    "The LSTM baseline is trained with dropout on Penn Treebank.",
])
def test_no_relation_across_a_contrast_or_a_comma(run_extract, abstract):
    assert not relations(run_extract(("", abstract))[0], "stated:")
