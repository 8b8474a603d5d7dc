"""Harvest gazetteer entries from the *train* splits of three licensed gold sets.

    .venv/bin/python tools/harvest_gazetteer.py [--eval-dir ../shared/eval] [--out-dir DIR] [--dry-run]

Reads ONLY these files (never a test, dev or zero-shot split, and never SciER or SciERC, whose
licences do not allow shipping derived data):

    tdmsci/train.jsonl                      Apache-2.0  TASK DATASET METRIC         -> harvested_tdmsci.jsonl
    scirex/train_abstracts.jsonl            Apache-2.0  DATASET METHOD METRIC TASK  -> harvested_scirex.jsonl
    dataset_mentions_heddes2021/train.jsonl CC BY 4.0   DATASET                     -> harvested_heddes2021.jsonl

and writes one entry per distinct new name to kg/data/gazetteer/harvested_*.jsonl: source codes
`tdmsci-train`, `scirex-train`, `heddes2021-train`; DATASET->Dataset, METHOD->Method, TASK->Task,
METRIC->Metric; ids `<type>/<slug>` by the gazetteer README's slug rule, unique across all gazetteer
files. Only entity names are kept, no text. The output is deterministic (sorted, no randomness).

The gold sets annotate loosely (SciREX marks "training", "pretrained networks", "3D hand"; Heddes
marks "Youtube and Gplus datasets"), and kg matches a gazetteer name case-insensitively in every
abstract, so the rules below keep only names a researcher would look up. "Annotated n times" counts
distinct records (sentences or abstracts) of that train split. In this order:

1. Mention clean-up. Whitespace is collapsed, curly apostrophes made straight, "CK +" -> "CK+",
   "ImageNet-5 K" -> "ImageNet-5K"; quotes around a word are removed; in Heddes, a footnote digit
   ("Epinions dataset 1", "i2b2 2 .", "USPS 2 is") is dropped; a leading year or size ("2009 TAC-KBP",
   "3GB AQUAINT"), a leading the/a/an before a capitalised name and leading lower-case modifiers of a
   dataset name ("labeled RTE-5") are dropped; trailing head nouns of the label's type are dropped
   when a name precedes them ("MegaFace dataset", "NIST02 evaluation data", "BM25 model", "JE task"),
   as is a trailing "-based/-annotated/-derived/-type"; "Long (SHORT)" and "SHORT (Long)" are split
   into long and short form, also when "(SHORT)" follows the mention in the text ("Penn Treebank
   (PTB)"); the short form must spell the long form's letters in order, else it is dropped.
2. Mention filters [reason]: a span that cuts a word ("geNet", "bject") [cut-word]; unbalanced brackets
   or quotes [unbalanced]; a bracket not at the end [bracket-inside]; symbols or non-Latin letters
   ("Σ", "→", "=") [symbols]; possessives and "et al." [possessive]; OCR-broken hyphenation ("En- glish",
   "Driv-ingStereo", "Chi-nese") [broken-hyphen]; lists (and, or, &, " + ", comma, semicolon, slash)
   [coordination]; pronoun and determiner phrases ("our model", "the dataset", "this task", "these
   metrics") [determiner]; a dataset name that starts with its head noun ("Dataset from Yahoo!")
   [descriptive-dataset]; more than 6 words [too-long]; only digits/punctuation, or no two letters in
   a row ("50K", "5-class") [no-letters]; LaTeX/BibTeX/OCR artefacts ("kNNname", "daume05learning",
   "NeuralMachineTranslationinLinearTime", "crosslanguage", "classifier1", "d screte", a trailing
   variable "transformation Rp") [artefact]; a verb phrase starting with a verb in -ing ("predicting NP
   genericity") [verb-phrase]; a repeated word or two known names side by side ("Grid Search Random
   Search", "TinyImageNet SVHN") [juxtaposed]; a capitalised common word after a lower-case word, a
   number after lower-case words, or a dangling proper adjective ("Information preservation Spectral
   pooling", "CNN based Image Denoising", "hidden Markov") [case-break]; a generic term of
   kg/data/lexicon/generic_terms.txt [generic].
3. Case folding: a sentence-case phrase whose first word is a common lower-case word
   (kg/data/lexicon/common_words.txt) is lower-cased ("Speech recognition"); so are the common words of
   an all-capitals phrase ("NEURAL ATTENTION"); a Title Case phrase of common words (languages and
   acronyms keep their case) is lower-cased for tasks and metrics, and for methods written so in a
   paper title or seen in lower case elsewhere in the split, unless it is defined with a short form
   ("Neural Aggregation Network (NAN)"); a Title Case task or metric that ends in a task or metric
   word is lower-cased ("Accurate Brain Lesion Segmentation"); dataset names keep their case. Then
   leading lower-case generic adjectives are dropped ("accurate", "deep", "novel", "efficient", ...).
4. Grouping: mentions are grouped by `name_key` (case, hyphens, spaces, plural s; "-ies" = "-y")
   of the name without a trailing capitalised head noun ("CelebA Dataset" = "CelebA"); a long form and
   its short form join one group, unless the short form has several long forms in the split or is not
   safe to match alone (2 characters, ambiguous_abbreviations.txt, non_entities.txt, a venue). The type
   is the majority label, which must hold >= 75 % of the group's mentions [type-conflict]; a task named
   like a model or system ("Machine reading systems", "MultiPoseNet") and a non-dataset name whose
   ending the curated gazetteer knows as another type ("In-Place Activated Batch Normalization" as a
   task) are dropped [type-implausible].
5. Name rules, by the shape of the canonical name:
   - venues ("NAACL"), non_entities.txt names ("GitHub", "multicore CPU"), language names and pairs,
     and the NOT_ENTITIES fields and settings ("computer science", "learning rate") [non-entity];
     a name that ends in an adjective ("Gaussian Mixture Models Generative") [phrase];
   - a multi-word task or metric that has no task or metric word, is not Title Case and has no short
     form needs >= 2 annotations ("3D MRIs", "span SRL") [rare-phrase];
   - one or two letters with digits ("D2", "DS1") [short-acronym];
   - acronym (capitals and digits): kept only if the three train sets always give it the same label
     and it is not in ambiguous_abbreviations.txt [acronym-ambiguous], is not a common word in capitals
     ("NEWS") [common-word], and has >= 3 characters [short-acronym]. A short form shown with its long
     form goes into `abbreviations` of the long form's entry, otherwise the acronym is the `name`;
   - single lower-case word: kept only if a recognised technical term (attested in ML prose, i.e. in
     common_words.txt; not in the EVERYDAY list; not a bare component noun in -er/-or such as
     "decoder") that is annotated >= 3 times AND annotated in >= half of its occurrences in that
     split's texts (counted case-insensitively) [lowercase-word];
   - single capitalised plain word ("Paris", "Reactor"): not a common word ("Adequacy") [common-word],
     and annotated >= 2 times in >= half of its occurrences [rare-word];
   - phrase with a lower-case head word (all lower case, or "3D hand", "ACF detector"): a dataset
     description ("blog data set", "Atari 2600 games") [descriptive-dataset]; a known name with
     lower-case, language, gerund or generic-adjective modifiers ("KITTI raw", "english sentiment
     classification", "learning natural language inference") [known+modifier]; a preposition,
     conjunction or determiner, or a participle head ("fully connected") [phrase]; two task words
     ("named entity recognition text mining") [juxtaposed]; a single word after its modifiers ("3D
     errors") [modifier+word]; a generic head noun ("matching algorithm", "pretrained networks",
     "computational cost"), or a generic tail ("neural model"), unless defined with a short form, or,
     for a task with a task word last, annotated >= 2 times ("word segmentation") [generic-head];
     otherwise kept if annotated
     >= 2 times, if it ends in a technical head word of its type (TECH_HEADS: "... parsing",
     "... detection", "... regression", "... accuracy") or if it is defined with a short form
     [rare-phrase]; a phrase of common words only must be annotated in >= half of its occurrences
     [common-words];
   - CamelCase, letters with digits, acronyms, and Title Case or mixed-case multi-word names are kept
     after one annotation, except: a dataset name with a lower-case word ("Corel image collection")
     [descriptive-dataset]; a lower-case-initial name with a preposition ("accuracy in PCS") [phrase];
     a known name with only lower-case, language, split or generic-adjective modifiers ("English WSJ",
     "Deep CNN", "22K LabelMe", "Penn Treebank Character", "Section 23 of CCGbank") [known+modifier]; a
     name of common words only ("Public Dataset", "Natural Scenes") that is annotated in < half of its
     occurrences, or, for datasets, only once [common-words]; a Title Case name of common words with a
     generic head or a generic first adjective ("Baseline Detector", "Deep Network Learning") that is
     annotated once and has no short form [generic-head].
6. Coverage and de-duplication: a group any of whose names of its type (or their "-ies"/"-y" singular,
   an acronym's plural, the name without its capitalised head noun), or whose short form for that type,
   the curated gazetteer finds with `KnowledgeBase.lookup` is dropped [covered] (the harvested_*.jsonl
   files are left out of that gazetteer, so a re-run gives the same output); a short form that the
   gazetteer knows only for another type is left out of the entry; a name already harvested from an
   earlier set, in the order tdmsci, scirex, heddes2021, is dropped [earlier-set].

Names a review removed after they had passed these rules are listed in REVIEWED_OUT [reviewed-out].

It prints the kept entries per set and type, and the skipped distinct surface strings per reason.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.discovery import is_model_like as _kg_model_like  # noqa: E402
from kg.extract.kb import ID_PREFIX, Entry, KnowledgeBase, builtin_files, read_entries  # noqa: E402
from kg.extract.keys import name_key, slug  # noqa: E402
from kg.extract.lexicon import ambiguous_short_forms, common_words, generic_keys, non_entity_keys  # noqa: E402

GAZETTEER = REPO / "kg" / "data" / "gazetteer"


@dataclass(frozen=True)
class GoldSet:
    name: str
    path: str  # relative to the eval folder: train splits only
    source: str
    output: str


SETS = (
    GoldSet("tdmsci", "tdmsci/train.jsonl", "tdmsci-train", "harvested_tdmsci.jsonl"),
    GoldSet("scirex", "scirex/train_abstracts.jsonl", "scirex-train", "harvested_scirex.jsonl"),
    GoldSet("heddes2021", "dataset_mentions_heddes2021/train.jsonl", "heddes2021-train", "harvested_heddes2021.jsonl"),
)
OUTPUTS = frozenset(s.output for s in SETS)
LABEL_TYPE = {"DATASET": "Dataset", "METHOD": "Method", "TASK": "Task", "METRIC": "Metric"}
TYPE_ORDER = ("Dataset", "Method", "Task", "Metric")
MAX_WORDS = 6
MIN_SHARE = 0.75  # the majority label must hold this share of a group's mentions
MIN_SINGLE = 3  # a single lower-case word: annotated at least this often ...
MIN_RATIO = 0.5  # ... and in at least this share of its occurrences in the split's texts
MIN_PHRASE = 2  # a lower-case phrase without a technical head: annotated at least this often
MIN_CAPITALISED = 2  # a single capitalised plain word ("Paris"): annotated at least this often

# names that passed the rules but were removed after a review found them wrong in real abstracts
REVIEWED_OUT = {
    "PHISHING",  # Heddes 2021: the topic "phishing" is no dataset (ab7efd4)
    "model learning",  # SciREX: a generic phrase, matched in every other abstract (294de77)
    "image understanding",  # SciREX: a field, not a task ("universal retinal fundus image understanding")
}

# Trailing nouns that name the kind of thing; dropped when a name precedes them.
HEAD_NOUNS = {
    "Dataset": ("dataset", "datasets", "data set", "data sets", "data", "corpus", "corpora", "database",
                "databases", "collection", "collections", "benchmark", "benchmarks", "set", "sets",
                "test set", "test sets", "testing set", "testing sets", "training set", "training sets",
                "validation set", "evaluation set", "evaluation sets", "development set", "dev set",
                "evaluation data", "test data", "training data", "testing data", "testing dataset",
                "test dataset", "training dataset", "training corpus", "training data set",
                "evaluation datasets", "evaluation dataset", "test collection", "test collections",
                "retrieval collection", "repository", "archive", "testset", "splits", "split"),
    "Method": ("model", "models", "algorithm", "algorithms", "method", "methods", "approach", "network",
               "networks", "architecture", "framework", "system", "systems", "technique"),
    "Task": ("task", "tasks", "shared task", "shared tasks", "problem", "problems"),
    "Metric": ("metric", "metrics", "measure", "measures"),
}
CAPITAL_HEADS = ("Dataset", "Datasets", "Data Set", "Data Sets", "Database", "Corpus", "Collection", "Benchmark",
                 "Data")
# Heads that make a lower-case phrase a technical term after a single annotation.
TECH_HEADS = {
    "Task": {"recognition", "detection", "segmentation", "classification", "translation", "answering",
             "retrieval", "summarization", "summarisation", "estimation", "tracking", "prediction",
             "forecasting", "parsing", "captioning", "generation", "localization", "localisation",
             "reconstruction", "synthesis", "extraction", "labeling", "labelling", "tagging", "completion",
             "attribution", "verification", "identification", "re-identification", "grounding",
             "navigation", "understanding", "inpainting", "matching", "resolution", "disambiguation",
             "linking", "simplification", "correction", "diagnosis", "imputation", "clustering",
             "recommendation", "alignment", "induction", "transliteration", "normalization",
             "comprehension", "entailment", "modeling", "modelling", "super-resolution", "denoising",
             "deblurring", "recovery", "spotting", "mining", "categorization", "inference", "realisation",
             "realization", "expansion", "acquisition"},
    "Method": {"learning", "regression", "descent", "machine", "machines", "forest", "forests",
               "autoencoder", "autoencoders", "pooling", "normalization", "normalisation", "dropout",
               "attention", "embedding", "embeddings", "sampling", "search", "propagation",
               "backpropagation", "decomposition", "factorization", "factorisation", "boosting",
               "bagging", "transformer", "transformers", "perceptron", "perceptrons", "field", "fields",
               "distillation", "augmentation", "regularization", "regularisation", "quantization",
               "pruning", "convolution", "convolutions", "clustering", "kernel", "kernels", "optimization",
               "optimisation", "programming", "annealing", "smoothing", "decoding", "encoding", "tree",
               "trees", "lstm", "rnn", "cnn", "gan", "vae", "q-learning", "interpolation",
               "whitening", "transform", "parser", "parsing"},
    "Metric": {"score", "scores", "rate", "error", "accuracy", "distance", "ratio", "precision", "recall",
               "coefficient", "index", "divergence", "similarity", "gain", "likelihood", "perplexity",
               "correlation", "f1", "f-score", "f-measure", "auc", "iou", "entropy", "mrr", "map", "bleu",
               "rouge", "reliability", "agreement"},
}
# Heads that make a phrase a description, not a name ("matching algorithm", "computational cost").
GENERIC_HEADS = {"model", "models", "framework", "frameworks", "method", "methods", "approach",
                 "approaches", "algorithm", "algorithms", "architecture", "architectures", "system",
                 "systems", "network", "networks", "net", "nets", "module", "modules", "layer", "layers",
                 "mechanism", "strategy", "strategies", "technique", "techniques", "scheme", "representation",
                 "representations", "feature", "features", "function", "functions", "platform", "platforms",
                 "pass", "procedure", "procedures", "component", "components", "task", "tasks", "problem",
                 "problems", "setting", "settings", "data", "dataset", "datasets", "performance", "quality",
                 "results", "tool", "tools", "trackers", "tracker", "methodology", "pipeline", "baseline",
                 "baselines", "variant", "variants", "manipulations", "operations", "operation", "operator",
                 "step", "steps", "objective", "parameters", "space", "version", "versions", "stream",
                 "streams", "block", "blocks", "unit", "units", "design", "structure", "structures",
                 "process", "heuristics", "heuristic", "capability", "capabilities", "ability",
                 "abilities", "application", "applications", "domain", "domains", "scenario", "scenarios",
                 "type", "types", "agent", "agents", "perspective", "attempts", "devices", "device",
                 "sensors", "detector", "detectors", "classifier", "classifiers", "taggers", "tagger",
                 "engine", "solution", "solutions", "filters", "filter", "bases", "basis", "policy",
                 "community", "research", "papers", "paper", "study", "studies", "surveys", "field",
                 "community", "work", "works", "theory", "theorem", "test", "tests", "images", "image",
                 "scans", "games", "game", "environments", "environment", "puzzles", "segments",
                 "locations", "boxes", "map", "maps", "cost", "costs", "size", "speed", "time", "complexity",
                 "overhead", "expense", "efficiency", "power", "matrix", "statistics", "statistic", "boost",
                 "factor", "requirements", "usage", "footprint", "budget", "configuration", "version",
                 "ensembles", "ensemble", "estimates", "predictions", "sentences", "words", "documents",
                 "pages", "texts", "tweets", "reviews", "questions", "answers", "videos", "collection",
                 "corpus", "corpora", "resources", "resource", "languages", "language", "pairs", "pair",
                 "schedule", "measure", "measures", "metric", "metrics", "values", "value", "bound",
                 "bounds", "stack", "reimplementation", "implementation", "training", "evaluation", "tricks", "trick",
                 "fashion", "manner", "way", "extractor", "extractors", "solver", "optimizer",
                 "parsers", "encoder", "decoder", "encoders", "decoders", "generator", "sampler",
                 "parameterised", "parameterized"}
DETERMINERS = {"the", "a", "an", "this", "these", "those", "that", "our", "their", "its", "his", "her",
               "my", "your", "such", "each", "both", "all", "any", "some", "every", "another", "same",
               "we", "it", "they", "which", "whose", "no"}
PREPOSITIONS = {"of", "in", "for", "to", "on", "with", "from", "by", "between", "into", "over", "using",
                "via", "as", "at", "about", "under", "without", "through", "across", "among", "within",
                "and", "or", "versus", "vs", "than", "per", "is", "are", "contains", "based"}
MINOR_WORDS = {"of", "in", "the", "for", "and", "on", "to", "with", "a", "an", "at", "by", "from", "via", "over",
               "between", "into", "through", "across", "without", "under"}
# Words after a known name that make a split or a view of it, not a new entity ("Penn Treebank Character").
SPLIT_WORDS = {"character", "word", "test", "train", "training", "dev", "raw", "clean", "full", "subset", "split"}
# Fields, settings and hyper-parameters that the gold sets annotate as tasks or metrics.
NOT_ENTITIES = {"computer science", "image processing", "online advertising", "radiation oncology", "learning rate",
                "batch size", "model size", "sample size", "web search", "vision community", "nlp community",
                "natural sciences", "social sciences", "life sciences", "amazon mechanical turk", "mechanical turk",
                "gps", "faq", "faqs", "knowledge base",
                "knowledge bases", "ehr", "ehrs"}
# Proper adjectives of method names ("discrete Fourier transform"); a name cannot end in one ("hidden Markov").
PROPER_ADJECTIVES = {"gaussian", "bayesian", "markov", "markovian", "fourier", "laplacian", "euclidean", "boltzmann",
                     "hessian", "lipschitz", "wasserstein", "monte", "carlo", "newton", "hebbian", "dirichlet",
                     "poisson", "bernoulli", "kalman", "viterbi", "boolean", "turing", "hamiltonian", "langevin",
                     "riemannian", "stein", "pareto", "nash", "gibbs", "neumann", "shannon", "kullback", "leibler"}
# Adjectives that make a known name or a task no new entity ("Deep CNN", "accurate ... segmentation").
GENERIC_ADJECTIVES = {"accurate", "fast", "faster", "efficient", "robust", "improved", "better", "enhanced",
                      "effective", "scalable", "simple", "novel", "new", "deep", "deeper", "general", "generic",
                      "standard", "large-scale", "end-to-end", "original", "modified", "basic", "vanilla",
                      "conventional", "traditional", "classic", "classical", "typical", "popular", "modern",
                      "recent", "full", "entire", "whole", "single", "multiple", "various", "additional",
                      "high-quality", "high-performance", "state-of-the-art", "proposed", "existing",
                      "several", "different", "automatic", "automated",
                      "early", "unified", "practical", "principled", "lightweight", "real-valued", "precise",
                      "qualitative", "quantitative", "competitive", "consistent", "calibrated", "strong",
                      "powerful", "flexible", "interpretable", "explicit", "minimal", "maximal", "optimal",
                      "selected", "specific"}
# Everyday English words that the gold sets annotate as single words; never entities on their own.
EVERYDAY = {"feedback", "speed", "time", "space", "quality", "content", "depth", "vision", "language",
            "speech", "image", "images", "face", "faces", "chess", "shogi", "go", "economics", "flow",
            "correct", "memory", "cost", "size", "efficiency", "coverage", "complexity", "convergence",
            "error", "errors", "computational", "transfer", "span", "sentiment", "dependency",
            "exploration", "acceleration", "over-fitting", "overfitting", "simulation", "interpretation",
            "forums", "news", "web", "text", "video", "audio", "music", "robustness", "scale", "motion"}
# Languages beyond those of non_entities.txt.
MORE_LANGUAGES = {"romanian", "hungarian", "malay", "tibetan", "telugu", "tamil", "marathi", "nepali", "sinhala",
                  "estonian", "latvian", "lithuanian", "ukrainian", "bulgarian", "croatian", "serbian", "slovak",
                  "slovenian", "catalan", "basque", "galician", "icelandic", "irish", "welsh", "malagasy",
                  "amharic", "yoruba", "zulu", "xhosa", "hausa", "somali", "filipino", "tagalog", "burmese",
                  "khmer", "lao", "mongolian", "kazakh", "uzbek", "pashto", "kurdish", "farsi", "punjabi",
                  "gujarati", "kannada", "malayalam", "cantonese", "mandarin", "uyghur", "maori", "quechua",
                  "inuktitut", "bangla", "indic", "slavic", "germanic", "hawaiian", "macedonian", "albanian",
                  "armenian", "georgian", "azerbaijani", "belarusian", "bosnian", "afrikaans", "esperanto"}
# Conference and journal names: never a dataset or task on their own.
VENUES = {"acl", "naacl", "eacl", "emnlp", "coling", "conll", "nips", "neurips", "icml", "iclr", "cvpr",
          "iccv", "eccv", "sigir", "kdd", "www", "aaai", "ijcai", "jair", "sdm", "bmvc", "cikm", "wsdm",
          "lrec", "interspeech", "icassp", "miccai", "tacl", "jmlr", "tpami", "pami"}
# Gerunds that are nouns in names ("learning rate", "parsing accuracy"), not verbs of a verb phrase.
NOUN_GERUNDS = {"learning", "training", "clustering", "ranking", "tracking", "matching", "sampling", "pooling",
                "boosting", "bagging", "programming", "processing", "reasoning", "understanding", "modeling",
                "modelling", "labeling", "labelling", "tagging", "mining", "parsing", "embedding", "encoding",
                "decoding", "filtering", "planning", "scheduling", "spotting", "sensing",
                "reading", "writing", "hashing", "coding", "smoothing", "whitening", "shading", "mapping",
                "rendering", "captioning", "grounding", "inpainting", "denoising", "deblurring",
                "forecasting", "answering", "indexing", "pricing", "routing", "spelling", "handwriting",
                "sequencing", "speaking", "listening", "morphing", "tuning", "lifelong", "advertising", "referring",
                "reranking", "re-ranking", "building", "clothing", "housing", "shopping", "string", "thing"}
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)*s?$")
SHORT_FORM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*\+?")
QUOTES = "\"\u201c\u201d\u2018`"
COORD = re.compile(r"\s(?:and|or|&|\+|vs\.?|versus)\s|[,;]|/")
ARTEFACT = re.compile(r"[A-Z](?:name|plural|macro)$|^[a-z]+\d{2,4}[a-z]+$|[a-z](?:in|for|of|and|with|to|on)[A-Z]")
YEAR = re.compile(r"^(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?\s+(?=[A-Z])")
SUFFIX = re.compile(r"-(?:based|annotated|derived|like|style|driven|aware|specific|oriented|guided|type)$", re.I)
LATIN_EXTRA = set("'.-+&!@:_ ,;/")


def model_like(word: str) -> bool:
    """kg's model-like test, plus lower-case-initial CamelCase and letter-digit words (bAbI, iNat2017)."""
    if _kg_model_like(word):
        return True
    core = word.strip(".")
    if len(core) < 2 or name_key(core) in non_entity_keys():
        return False
    return bool(re.match(r"^[a-z]+[A-Z]", core) or (re.search(r"[A-Za-z]", core) and re.search(r"\d", core)
                                                     and re.fullmatch(r"[A-Za-z][\w.+-]*", core)))


def acronym_like(word: str) -> bool:
    return bool(ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2


def lemma_key(name: str) -> str:
    """name_key, with a final "-ies" read as "-y" (accuracies = accuracy)."""
    key = name_key(name)
    if key.endswith("ie") and len(key) > 4:  # name_key has already dropped the s
        key = key[:-2] + "y"
    return key


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def plain_capitalised(word: str) -> bool:
    """"Speech", "Multi-task": a capital then lower case, no CamelCase, no digits."""
    parts = [p for p in word.split("-") if p]
    return bool(parts) and parts[0][:1].isupper() and all(
        p.isalpha() and p[1:].islower() and (p[0].isupper() or p.islower()) for p in parts)


def common(word: str) -> bool:
    parts = [p for p in word.lower().strip(".").split("-") if p]
    return bool(parts) and all(p in common_words() for p in parts)


def language(word: str) -> bool:
    """A language or people name, or a pair of them ("Chinese-English", "English-to-Czech", "ChineseEnglish")."""
    parts = [p for p in re.split(r"-to-|-|\u2192|(?<=[a-z])(?=[A-Z])", word) if p]
    return bool(parts) and all(p[:1].isupper() and p.isalpha() and (
        name_key(p) in non_entity_keys() or p.lower() in MORE_LANGUAGES) for p in parts)


def glued(word: str) -> bool:
    """OCR lost a hyphen: "crosslanguage", "zeroshot", "domainspecific" (two common words, itself none)."""
    if not word.islower() or not word.isalpha() or len(word) < 8 or word in common_words():
        return False
    return any(word[:i] in common_words() and word[i:] in common_words() for i in range(4, len(word) - 3))


def case_break(name: str) -> bool:
    """Two annotations run together, or a title fragment: a capitalised common word after a lower-case
    word ("Information preservation Spectral pooling", "CNN based Image Denoising", "bject Detection"),
    a number after lower-case words ("deeply supervised 9.78"), or a dangling proper adjective
    ("hidden Markov")."""
    words = name.split()
    if words[-1].lower() in PROPER_ADJECTIVES and len(words) > 1:
        return True
    seen_lower = False
    for w in words:
        if w in MINOR_WORDS:
            continue
        if seen_lower and plain_capitalised(w) and common(w) and w.lower() not in PROPER_ADJECTIVES:
            return True
        if seen_lower and re.fullmatch(r"\d+\.\d+", w):
            return True
        if lower_head(w):
            seen_lower = True
    return False


NOUNS_IN_IVE = {"objective", "objectives", "alternative", "perspective", "incentive", "initiative", "narrative",
                 "derivative", "primitive", "negative", "negatives", "positive", "positives", "detective",
                 "directive", "representative", "native", "archive", "drive", "hive", "executive", "detour"}


def adjective(word: str) -> bool:
    """An adjective in -ive or -ous ("Generative", "autoregressive"), which cannot end a name."""
    w = word.lower()
    return w.isalpha() and w.endswith(("ive", "ous")) and w not in NOUNS_IN_IVE and len(w) > 5


def titled(name: str) -> bool:
    """Title Case: every word but minor ones starts with a capital or a digit, or is model-like."""
    return all(is_capitalised(w) or model_like(w) or w in MINOR_WORDS for w in name.split())


def footnoted(word: str) -> bool:
    """A common word with a footnote digit glued on: "classifier1"."""
    match = re.fullmatch(r"([a-z]{4,})\d", word)
    return bool(match) and match.group(1) in common_words()


def lower_head(word: str) -> bool:
    """A word that a phrase can end in as a common-noun head: lower case, not model-like."""
    return word.islower() and not any(c.isdigit() for c in word) and not model_like(word)


# --------------------------------------------------------------------------------------------- mentions

@dataclass
class Mention:
    set_name: str
    record: str
    text: str  # the record's text
    start: int
    end: int
    label: str
    surface: str
    in_title: bool = False


@dataclass
class Candidate:
    mention: Mention
    type: str
    name: str
    short: str | None = None  # short form shown with this long form

    @property
    def core(self) -> str:
        return strip_capital_head(self.name)


def load_mentions(eval_dir: Path, gold: GoldSet) -> tuple[list[Mention], list[str]]:
    assert Path(gold.path).name.startswith("train") and not any(
        bad in gold.path for bad in ("test", "dev", "zero_shot", "scier/", "scierc")), gold.path
    mentions: list[Mention] = []
    texts: list[str] = []
    with open(eval_dir / gold.path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            assert record.get("split", "train") == "train", record.get("id")
            text = record["text"]
            texts.append(text)
            title_end = text.find("\n") if gold.name == "scirex" else -1
            for ent in record["entities"]:
                if ent["label"] not in LABEL_TYPE:
                    continue
                mentions.append(Mention(gold.name, record["id"], text, ent["start"], ent["end"], ent["label"],
                                        ent["text"], 0 <= ent["start"] < title_end))
    return mentions, texts


def balanced(name: str) -> bool:
    depth = {"(": 0, "[": 0, "{": 0}
    close = {")": "(", "]": "[", "}": "{"}
    for ch in name:
        if ch in depth:
            depth[ch] += 1
        elif ch in close:
            depth[close[ch]] -= 1
            if depth[close[ch]] < 0:
                return False
    if any(depth.values()):
        return False
    return name.count('"') % 2 == 0 and name.count("\u201c") == name.count("\u201d")


def strip_quotes(name: str) -> str | None:
    """Remove quote pairs around words; None when quotes are unbalanced."""
    if not any(q in name for q in QUOTES) and not re.search(r"(?:^|\s)'|'(?:\s|$)", name):
        return name
    if not balanced(name):
        return None
    out = re.sub(r"(?:(?<=\s)|^)[\"\u201c\u2018`']+|[\"\u201d']+(?=\s|$)", "", name)
    if any(q in out for q in "\"\u201c\u201d`"):
        return None
    return out.strip()


def strip_capital_head(name: str) -> str:
    """"CelebA Dataset" -> "CelebA": a capitalised head noun after a name."""
    for head in CAPITAL_HEADS:
        if name.endswith(" " + head) and len(name) > len(head) + 1:
            return name[: -len(head) - 1].rstrip()
    return name


def strip_heads(name: str, etype: str) -> str:
    heads = sorted(HEAD_NOUNS.get(etype, ()), key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for head in heads:
            if name.lower().endswith(" " + head) and name[-len(head):].islower():
                rest = name[: -len(head) - 1].rstrip()
                last = re.findall(r"[\w+.-]+", rest)
                if last and (is_capitalised(last[-1]) or model_like(last[-1]) or rest.endswith(")")):
                    name, changed = rest, True
                    break
    if etype == "Dataset":
        rest = strip_capital_head(name)
        if rest != name and len(rest.split()) == 1 and not common(rest):
            name = rest
    return name


def initials_match(short: str, long: str) -> bool:
    """The short form's letters appear in order in the long form, starting with its first letter."""
    letters = [c.lower() for c in short if c.isalpha()]
    text = long.lower()
    if not letters or not text or letters[0] != text[0]:
        return False
    pos = 0
    for ch in letters:
        pos = text.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def short_form_like(word: str) -> bool:
    return bool(SHORT_FORM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def split_parenthesis(name: str) -> tuple[str, str | None] | None:
    """(long, short) from "Long (SHORT)" or "SHORT (Long)"; None if another bracket remains inside."""
    match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", name)
    short = None
    if match:
        outside, inside = match.group(1).strip(), match.group(2).strip()
        if not outside:
            return None
        if " " not in inside and short_form_like(inside):
            name, short = outside, inside
        elif " " not in outside and short_form_like(outside) and len(inside.split()) >= 2:
            name, short = inside, outside
        else:
            name = outside
    if any(ch in name for ch in "()[]{}"):
        return None
    return name, short


def broken_hyphen(name: str) -> bool:
    """OCR line-break hyphens: "En- glish", "Driv-ingStereo", "Chi-nese", "ADVERSAR-IAL"."""
    if re.search(r"\w-\s|\s-\w|\s-\s", name):
        return True
    for left, right in re.findall(r"([A-Za-z]+)-([A-Za-z]+)", name):
        tail = re.match(r"[a-z]+|[A-Z]+", right).group(0).lower()
        head = re.search(r"[A-Z]?[a-z]+$|[A-Z]+$", left).group(0).lower()
        if (tail in common_words() and len(tail) >= 4) or len(tail) < 2 or len(head) < 2:
            continue
        joined = head + tail
        if joined in common_words() or name_key(joined) in non_entity_keys():
            return True
    return False


def footnote_digit(m: Mention, name: str, kb: KnowledgeBase) -> str:
    """Heddes texts keep footnote markers: "Epinions dataset 1", "i2b2 2 .", "USPS 2 is" -> no digit."""
    match = re.fullmatch(r"(.*\S)\s+\d{1,2}", name)
    if not match or m.set_name != "heddes2021":
        return name
    base = match.group(1)
    after = m.text[m.end:m.end + 6]
    if re.match(r"\s*(?:dataset|datasets|data set|data|corpus|collection|database|set|benchmark)$", base.split()[-1],
                re.I) or base.endswith('"') or re.match(r"\s+(?:[.,;:)]|and\b|or\b|$)", after) or after == "":
        return base
    if kb.lookup(base.split()[-1]) and not base[-1].isdigit() and re.match(r"\s+[a-z]", after):
        return base
    return name


def fold_case(name: str, etype: str, mention: Mention, lower_seen: set[str], has_short: bool) -> str:
    words = name.split()
    if len(words) >= 2 and all(w.isupper() or not w.isalpha() for w in words) and any(
            w.isalpha() and len(w) > 3 and common(w) for w in words):
        return " ".join(w.lower() if w.isalpha() and common(w) else w for w in words)
    if len(words) < 2:
        return name
    first, rest = words[0], words[1:]
    if plain_capitalised(first) and all(not any(c.isupper() for c in w) for w in rest) and common(first) \
            and not language(first):
        return first[0].lower() + name[1:]
    if etype == "Dataset" or has_short:
        return name
    significant = [w for w in words if w.lower() not in MINOR_WORDS]
    foldable = [w for w in significant if plain_capitalised(w) and common(w) and not language(w)]
    others_ok = all(w in foldable or language(w) or acronym_like(w) or re.fullmatch(r"\d+[A-Za-z]?", w)
                    for w in significant)
    if foldable and others_ok:
        lowered = " ".join(w.lower() if w in foldable or w.lower() in MINOR_WORDS else w for w in words)
        if etype in ("Task", "Metric") or mention.in_title or lemma_key(lowered) in lower_seen:
            return lowered
    if etype in ("Task", "Metric") and words[-1].lower() in TECH_HEADS[etype] and all(
            plain_capitalised(w) or language(w) or acronym_like(w) or w.lower() in MINOR_WORDS for w in words):
        # a task or metric in a title: "Accurate Brain Lesion Segmentation" -> "accurate brain lesion segmentation"
        return " ".join(w.lower() if plain_capitalised(w) and not language(w) and w.lower() not in PROPER_ADJECTIVES
                        else w for w in words)
    return name


def clean_mention(m: Mention, lower_seen: set[str], kb: KnowledgeBase) -> tuple[Candidate | None, str]:
    """A candidate, or None and the reason it was skipped."""
    etype = LABEL_TYPE[m.label]
    text = m.text
    if (m.start > 0 and text[m.start - 1].isalnum()) or (m.end < len(text) and text[m.end].isalnum()) \
            or (m.start > 1 and text[m.start - 1] == "-" and text[m.start - 2].isalpha()) \
            or re.match(r"[A-Z] [A-Z]", m.surface):
        return None, "cut-word"
    name = " ".join(m.surface.replace("\u2019", "'").split())
    name = re.sub(r"(?<=\w) \+$", "+", name)
    name = re.sub(r"(?<=\d) (?=[KMB]\b)", "", name)  # "ImageNet-5 K" -> "ImageNet-5K"
    if not balanced(name):
        return None, "unbalanced"
    name = strip_quotes(name)
    if name is None:
        return None, "unbalanced"
    if any(not (ch.isascii() and (ch.isalnum() or ch in LATIN_EXTRA or ch in "()[]{}"))
           and not (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")) for ch in name) \
            or not name[:1].isalnum():
        return None, "symbols"
    if "'s" in name or re.search(r"\bet al\b| s ", name):
        return None, "possessive"
    if broken_hyphen(name):
        return None, "broken-hyphen"
    name = name.rstrip(".") if re.search(r"[a-z]{3}\.$", name) else name
    name = footnote_digit(m, name, kb)
    name = strip_heads(name, etype)
    split = split_parenthesis(name)
    if split is None:
        return None, "bracket-inside"
    name, short = split
    if short is None:  # "Penn Treebank (PTB)" where only the long form is the mention
        after = re.match(r"\s*\(\s*(" + SHORT_FORM.pattern + r")\s*\)", text[m.end:m.end + 24])
        if after and short_form_like(after.group(1)):
            short = after.group(1)
    name = strip_heads(name, etype)
    if COORD.search(name):
        return None, "coordination"
    name = YEAR.sub("", name)
    name = re.sub(r"^\d+(?:\.\d+)?[KMGT]B\s+(?=[A-Z])", "", name)  # "3GB AQUAINT"
    words = name.split()
    if not words:
        return None, "no-letters"
    if words[0].lower() in ("the", "a", "an") and len(words) > 1 and is_capitalised(words[1]):
        words = words[1:]
    tokens = [t.lower() for w in words for t in w.split("-") if t]
    lower_tokens = [t for w in words if not is_capitalised(w) for t in w.lower().split("-") if t]
    if words[0].lower() in DETERMINERS or any(t in DETERMINERS - {"the", "a", "an", "no"} for t in tokens) \
            or any(t in ("the", "a", "an") for t in lower_tokens):
        return None, "determiner"
    if etype == "Dataset" and not is_capitalised(words[0]) and not model_like(words[0]):
        i = 0
        while i < len(words) and not (is_capitalised(words[i]) or model_like(words[i])):
            i += 1
        if 0 < i < len(words):
            words = words[i:]
    if etype == "Dataset" and words[0].lower() in {h for h in HEAD_NOUNS["Dataset"] if " " not in h}:
        return None, "descriptive-dataset"
    if SUFFIX.search(words[-1]) and len(SUFFIX.sub("", words[-1])) > 1:
        words[-1] = SUFFIX.sub("", words[-1])
    name = " ".join(words)
    name = strip_heads(name, etype)
    words = name.split()
    if len(words) > MAX_WORDS:
        return None, "too-long"
    if not re.search(r"[A-Za-z]{2}", name) and not (len(words) == 1 and model_like(name)):
        return None, "no-letters"
    if re.fullmatch(r"[\d\W_]+", name) or re.fullmatch(r"\d+[KkMB]|\d+-[a-z]+", name):
        return None, "no-letters"
    if any(ARTEFACT.search(w) or glued(w) or footnoted(w) for w in words) or (len(words) == 1 and len(name) > 24) \
            or re.match(r"[a-z] [a-z]", name) or re.search(r"\b[A-Z]\.$", name) or (
                etype != "Dataset" and len(words) > 1 and re.fullmatch(r"[A-Za-z][a-z]?|[A-Za-z]\d", words[-1])):
        return None, "artefact"  # "d screte", "BetweenGroups F.", "transformation Rp", "Wilks Lambda K"
    first = words[0].lower()
    if len(words) >= 2 and first.endswith("ing") and first not in NOUN_GERUNDS and etype in ("Task", "Method") \
            and not first.startswith(("multi", "self", "single", "cross")) and "-" not in first:
        return None, "verb-phrase"
    lowered = [w.lower() for w in words]
    if len(words) >= 2 and len(set(lowered)) < len(lowered) and not all(w.isdigit() for w in words):
        return None, "juxtaposed"
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        if kb_covered(kb, left) and kb_covered(kb, right) \
                and any(is_capitalised(w) or model_like(w) for w in words[:i]) \
                and any(model_like(w) or acronym_like(w) or plain_capitalised(w) for w in words[i:]) \
                and not re.fullmatch(r"[\dIVX.]+|v\d+", right):
            return None, "juxtaposed"
    if short is not None:
        if not initials_match(short, name) or name_key(short) in generic_keys() or short.lower() == name.lower():
            short = None
    name = fold_case(name, etype, m, lower_seen, short is not None)
    words = name.split()
    while len(words) > 1 and words[0] in GENERIC_ADJECTIVES and etype != "Dataset":  # lower case only
        words = words[1:]
    name = " ".join(words)
    if etype != "Dataset" and case_break(name):
        return None, "case-break"
    if lemma_key(name) in generic_keys() or name_key(name) in generic_keys():
        return None, "generic"
    return Candidate(m, etype, name, short), ""


# ------------------------------------------------------------------------------------------------ groups

@dataclass
class Group:
    cands: list[Candidate] = field(default_factory=list)
    shorts: Counter = field(default_factory=Counter)  # short forms shown with a long form
    surfaces: set[str] = field(default_factory=set)  # raw surfaces


def safe_short(short: str) -> bool:
    """A short form that can be matched on its own: >= 3 letters or digits, not an ambiguous one."""
    return len(re.sub(r"[^A-Za-z0-9]", "", short)) >= 3 and short not in ambiguous_short_forms() \
        and name_key(short) not in non_entity_keys() and short.lower() not in VENUES


def build_groups(cands: list[Candidate]) -> list[Group]:
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    long_forms: dict[str, set[str]] = defaultdict(set)  # short -> long keys
    for c in cands:
        find(lemma_key(c.core))
        if c.short:
            long_forms[c.short].add(lemma_key(c.core))
    good_shorts = {s for s, longs in long_forms.items() if len(longs) == 1 and safe_short(s)}
    for c in cands:
        if c.short in good_shorts:
            parent[find(lemma_key(c.short))] = find(lemma_key(c.core))
    groups: dict[str, Group] = {}
    for c in cands:
        g = groups.setdefault(find(lemma_key(c.core)), Group())
        g.cands.append(c)
        g.surfaces.add(c.mention.surface)
        if c.short in good_shorts:
            g.shorts[c.short] += 1
    return [groups[k] for k in sorted(groups)]


# ------------------------------------------------------------------------------------------------ rules

class Context:
    def __init__(self, kb: KnowledgeBase, all_labels: dict[str, set[str]], texts: list[str]):
        self.kb = kb
        self.all_labels = all_labels  # exact cleaned surface -> types, over all three train sets
        self.lower_text = "\n".join(texts).lower()

    def occurrences(self, forms: set[str]) -> int:
        alts = []
        for form in sorted(forms, key=len, reverse=True):
            parts = [re.escape(p) for p in re.split(r"[\s-]+", form.lower()) if p]
            alts.append(r"[\s-]*".join(parts) + r"s?")
        return len(re.findall(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])", self.lower_text))

    def covered(self, name: str) -> list[Entry]:
        return kb_covered(self.kb, name)


def kb_covered(kb: KnowledgeBase, name: str) -> list[Entry]:
    """The curated entries that `lookup` finds for a name, its "-ies"/"-y" singular, an acronym's plural
    ("RNNs"), or the name without a capitalised head noun ("CelebA Dataset")."""
    hits = kb.lookup(name)
    if not hits:
        hits = [kb.entries[i] for i in sorted(kb.by_key.get(lemma_key(name), ()))]
    if not hits and re.fullmatch(r"[A-Z][A-Za-z0-9-]*[A-Z0-9]s", name):
        hits = kb.lookup(name[:-1])
    if not hits and strip_capital_head(name) != name:
        hits = kb_covered(kb, strip_capital_head(name))
    return hits


def choose_name(g: Group, etype: str) -> str:
    shorts = {lemma_key(s) for s in g.shorts}
    pool = [c for c in g.cands if c.type == etype and lemma_key(c.name) not in shorts] or \
        [c for c in g.cands if c.type == etype]
    counts = Counter(c.name for c in pool)

    def rank(n: str) -> tuple:
        lower_pref = n.islower() if etype in ("Task", "Metric") else False
        return (counts[n], lower_pref, n.count("-") + n.count(" "), -len(n), n)

    return max(counts, key=rank)


def known_with_modifiers(name: str, ctx: Context) -> bool:
    words = name.split()
    if len(words) < 2:
        return False
    if all(language(w) or w.lower() in ("to", "and") for w in words):
        return True
    for k, w in enumerate(words[:-1]):  # "Section 23 of CCGbank", "Wikipedia collection of ClueWeb"
        if k > 0 and w in ("of", "from", "in") and ctx.covered(" ".join(words[k + 1:])):
            return True
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if (i, j) == (0, len(words)):
                continue
            inner = " ".join(words[i:j])
            rest = words[:i] + words[j:]
            named = (any(is_capitalised(w) or model_like(w) for w in words[i:j]) or all(
                w.endswith("ing") or w.lower() in GENERIC_ADJECTIVES for w in rest)) and ctx.covered(inner)
            after_language = language(words[0]) and i == 1 and j == len(words) and (
                ctx.covered(inner) or name_key(inner) in generic_keys() or inner in ambiguous_short_forms()
                or (j - i == 1 and lower_head(inner)))
            if not (named or after_language):
                continue
            rest = words[:i] + words[j:]
            if all((w.islower() and not any(ch.isdigit() for ch in w)) or language(w)
                   or name_key(w) in non_entity_keys()
                   or w.lower() in GENERIC_ADJECTIVES | SPLIT_WORDS or re.fullmatch(r"\d+-[a-z]+|\d+[KkMB]", w)
                   for w in rest):
                return True
    return False


def phrase_rules(name: str, etype: str, count: int, has_short: bool) -> str | None:
    """Rules for a phrase whose head word is lower case."""
    words = name.split()
    last = words[-1].lower()
    if etype == "Dataset":
        return "descriptive-dataset"
    tokens = [t.lower() for w in words for t in w.split("-") if t]
    if any(t in PREPOSITIONS or t in DETERMINERS for t in tokens):
        return "phrase"
    if last.endswith("ed") and last not in {"speed", "seed", "feed", "embed", "bed", "need", "red"}:
        return "phrase"  # "fully connected", "deeply supervised": an adjective, not a name
    if etype == "Task" and any(w.lower() in TECH_HEADS["Task"] for w in words[:-2]):
        return "juxtaposed"  # "named entity recognition text mining"
    content = [w for w in words if not (re.fullmatch(r"[\d.]+[A-Za-z]?|\d+-[a-z]+|[a-z]", w) or language(w)
                                        or w.lower() in GENERIC_ADJECTIVES)]
    if len(content) <= 1:
        return "modifier+word"
    if has_short:
        return None
    if last in GENERIC_HEADS:
        return "generic-head"
    if name_key(" ".join(words[1:])) in generic_keys() and not (
            etype == "Task" and last in TECH_HEADS["Task"] and count >= MIN_PHRASE):
        return "generic-head"  # "neural model"; but "word segmentation", annotated again and again, is a task
    if count < MIN_PHRASE and last not in TECH_HEADS.get(etype, set()):
        return "rare-phrase"
    return None


def judge(g: Group, ctx: Context) -> tuple[str | None, str, str, list[str]]:
    """(reason or None, type, name, abbreviations)."""
    types = Counter(c.type for c in g.cands)
    etype, top = max(types.items(), key=lambda kv: (kv[1], -TYPE_ORDER.index(kv[0])))
    name = choose_name(g, etype)
    if top / sum(types.values()) < MIN_SHARE:
        return "type-conflict", etype, name, []
    if name_key(name) in {name_key(n) for n in REVIEWED_OUT}:
        return "reviewed-out", etype, name, []
    words = name.split()
    last = words[-1]
    if etype == "Task" and (last.lower() in {"network", "networks", "net", "nets", "model", "models", "system",
                                             "systems", "algorithm", "architecture", "framework", "method",
                                             "methods", "corpus", "dataset", "benchmark"}
                            or re.search(r"[a-z0-9]Net$|CNN$|RNN$|GAN$", last)):
        return "type-implausible", etype, name, []
    if any(ctx.covered(n) for n in sorted({name, *(c.name for c in g.cands if c.type == etype)})) or any(
            any(h.type == etype for h in ctx.covered(s)) for s in g.shorts):
        return "covered", etype, name, []
    for i in range(1, len(words) - 1 if etype != "Dataset" else 1):  # "In-Place Activated Batch Normalization" (TASK)
        hits = ctx.covered(" ".join(words[i:]))
        if hits:
            if all(h.type != etype and {h.type, etype} != {"Dataset", "Benchmark"} for h in hits):
                return "type-implausible", etype, name, []
            break
    if etype == "Dataset" and re.search(r"[a-z]DataSet|[a-z]Dataset|^DataSet|^Dataset", name):
        return "descriptive-dataset", etype, name, []  # "DataSetA"
    shorts = []
    for short, _ in g.shorts.most_common():
        if short in ambiguous_short_forms() or name_key(short) in non_entity_keys() or short.lower() in VENUES:
            continue
        if ctx.all_labels.get(short, {etype}) != {etype}:
            continue
        hits = ctx.covered(short)
        if hits and all(h.type != etype for h in hits):
            continue
        shorts.append(short)
    count = len({c.mention.record for c in g.cands})  # annotated in this many different records
    has_short = bool(g.shorts)
    forms = {c.name for c in g.cands}

    if name.lower() in VENUES | NOT_ENTITIES or name_key(name) in non_entity_keys() or all(language(w) for w in words) \
            or (len(words) > 1 and name_key(last) in non_entity_keys() and all(w.islower() for w in words[:-1])):
        return "non-entity", etype, name, []  # "multicore CPU"
    if len(words) > 1 and etype != "Dataset" and adjective(last):
        return "phrase", etype, name, []  # "Gaussian Mixture Models Generative": a name ends in a noun
    if etype in ("Task", "Metric") and len(words) > 1 and not has_short and not titled(name) \
            and not any(w.lower() in TECH_HEADS[etype] or (etype == "Metric" and model_like(w)) for w in words) \
            and count < MIN_PHRASE:
        return "rare-phrase", etype, name, []  # "3D MRIs", "span SRL": no task or metric word
    if etype == "Metric" and re.search(r"\s\d$", name):  # "NDCG 4": a footnote or cut-off, not a metric
        return "known+modifier", etype, name, []
    if re.fullmatch(r"[A-Za-z]{1,2}\d{1,6}", name):  # "D2", "D500", "DS1": too short to name anything
        return "short-acronym", etype, name, []
    if len(words) == 1 and acronym_like(name) and not has_short:
        if name in ambiguous_short_forms() or ctx.all_labels.get(name, {etype}) != {etype}:
            return "acronym-ambiguous", etype, name, []
        if len(name.rstrip("s")) >= 3 and name.lower() in common_words() and not any(c.isdigit() for c in name):
            return "common-word", etype, name, []
        if len(re.sub(r"[^A-Za-z0-9]", "", name)) < 3:
            return "short-acronym", etype, name, []
    elif len(words) == 1 and lower_head(name):
        ratio = count / max(ctx.occurrences(forms), 1)
        technical = common(name) and name not in EVERYDAY and not re.search(r"(?:er|or|ers|ors)$", name)
        if not technical or count < MIN_SINGLE or ratio < MIN_RATIO:
            return "lowercase-word", etype, name, []
    elif len(words) == 1:
        if not model_like(name) and not acronym_like(name):
            if common(name):
                return "common-word", etype, name, []
            ratio = count / max(ctx.occurrences(forms), 1)
            if count < MIN_CAPITALISED or ratio < MIN_RATIO:
                return "rare-word", etype, name, []
    elif lower_head(last) and not (etype == "Dataset" and last.lower() in MINOR_WORDS):
        if etype != "Dataset" and known_with_modifiers(name, ctx):
            return "known+modifier", etype, name, []
        reason = phrase_rules(name, etype, count, has_short)
        if reason:
            return reason, etype, name, []
        if all(common(w) or w.lower() in MINOR_WORDS for w in words) and not has_short:
            if count / max(ctx.occurrences(forms), 1) < MIN_RATIO:
                return "common-words", etype, name, []
    else:
        if etype == "Dataset" and any(lower_head(w) and w not in MINOR_WORDS - {"to", "a", "an"} for w in words):
            return "descriptive-dataset", etype, name, []
        if any(lower_head(w) and w in PREPOSITIONS for w in words) and not is_capitalised(words[0]):
            return "phrase", etype, name, []
        if known_with_modifiers(name, ctx):
            return "known+modifier", etype, name, []
        if all(common(w) or w.lower() in MINOR_WORDS for w in words) and not has_short:
            if (etype == "Dataset" and count < 2) or count / max(ctx.occurrences(forms), 1) < MIN_RATIO:
                return "common-words", etype, name, []
        if etype != "Dataset" and (last.lower() in GENERIC_HEADS or words[0].lower() in GENERIC_ADJECTIVES) \
                and count < MIN_PHRASE and not has_short \
                and all(common(w) or w.lower() in MINOR_WORDS or re.fullmatch(r"\d+[A-Za-z]?", w) for w in words):
            return "generic-head", etype, name, []  # "Baseline Detector", "3D Solution"
    return None, etype, name, shorts


# ------------------------------------------------------------------------------------------------- main

def base_kb() -> KnowledgeBase:
    """The curated gazetteer: every gazetteer file but the harvested ones this script writes."""
    kb = KnowledgeBase()
    for path in builtin_files():
        if path.name in OUTPUTS:
            continue
        for entry in read_entries(path, f"gazetteer/{path.name}"):
            kb.add(entry)
    return kb


def entry_json(entry_id: str, name: str, etype: str, abbreviations: list[str], source: str) -> str:
    return json.dumps({"id": entry_id, "name": name, "type": etype, "aliases": [], "abbreviations": abbreviations,
                       "variant_of": None, "part_of": None, "source": source}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    parser.add_argument("--out-dir", type=Path, default=GAZETTEER)
    parser.add_argument("--dry-run", action="store_true", help="print counts, write nothing")
    parser.add_argument("--decisions", type=Path, help="also write every decision (set, reason, type, name, "
                        "surfaces) to this TSV file, for review")
    args = parser.parse_args(argv)
    decisions: list[str] = []

    kb = base_kb()
    taken_ids = set(kb.entries)
    loaded = {g.name: load_mentions(args.eval_dir, g) for g in SETS}

    cleaned: dict[str, list[Candidate]] = {}
    skips: dict[str, dict[tuple[str, str], set[str]]] = {g.name: defaultdict(set) for g in SETS}
    all_labels: dict[str, set[str]] = defaultdict(set)
    for gold in SETS:
        mentions = loaded[gold.name][0]
        lower_seen = {lemma_key(m.surface) for m in mentions if m.surface.islower()}
        cands = []
        for m in mentions:
            cand, reason = clean_mention(m, lower_seen, kb)
            if cand is None:
                skips[gold.name][(LABEL_TYPE[m.label], reason)].add(m.surface)
                decisions.append(f"{gold.name}\t{reason}\t{LABEL_TYPE[m.label]}\t\t{m.surface}")
                continue
            cands.append(cand)
            all_labels[cand.name].add(cand.type)
            if cand.short:
                all_labels[cand.short].add(cand.type)
        cleaned[gold.name] = cands

    emitted_keys: set[str] = set()
    kept: dict[str, Counter] = {}
    for gold in SETS:
        ctx = Context(kb, all_labels, loaded[gold.name][1])
        rows = []
        kept[gold.name] = Counter()
        for g in build_groups(cleaned[gold.name]):
            reason, etype, name, shorts = judge(g, ctx)
            names = [name, *shorts, *{c.name for c in g.cands if c.type == etype}]
            if reason is None:
                if any(lemma_key(n) in emitted_keys or name_key(n) in emitted_keys for n in names):
                    reason = "earlier-set"
            decisions.append(f"{gold.name}\t{reason or 'KEPT'}\t{etype}\t{name}\t{' | '.join(sorted(g.surfaces))}")
            if reason is not None:
                skips[gold.name][(etype, reason)].update(g.surfaces)
                continue
            base = f"{ID_PREFIX[etype]}/{slug(name)}"
            entry_id, n = base, 2
            while entry_id in taken_ids:
                entry_id, n = f"{base}-{n}", n + 1
            taken_ids.add(entry_id)
            for nm in names:
                emitted_keys.update({lemma_key(nm), name_key(nm), lemma_key(strip_capital_head(nm))})
            rows.append((TYPE_ORDER.index(etype), name.lower(), entry_json(entry_id, name, etype, shorts, gold.source)))
            kept[gold.name][etype] += 1
        rows.sort()
        if not args.dry_run:
            (args.out_dir / gold.output).write_text("".join(r[2] + "\n" for r in rows), encoding="utf-8")

    if args.decisions:
        lines = sorted(set(d.replace("\n", " ") + "\n" for d in decisions))
        args.decisions.write_text("".join(lines), encoding="utf-8")
    for gold in SETS:
        print(f"== {gold.name} ({gold.path}) -> {gold.output}")
        print("   kept entries:", ", ".join(f"{t} {kept[gold.name][t]}" for t in TYPE_ORDER if kept[gold.name][t]),
              f"(total {sum(kept[gold.name].values())})")
        by_reason: dict[str, Counter] = defaultdict(Counter)
        for (etype, reason), surfaces in skips[gold.name].items():
            by_reason[reason][etype] += len(surfaces)
        print("   skipped distinct surface strings, by reason:")
        for reason in sorted(by_reason, key=lambda r: (-sum(by_reason[r].values()), r)):
            detail = ", ".join(f"{t} {by_reason[reason][t]}" for t in TYPE_ORDER if by_reason[reason][t])
            print(f"     {reason:20s} {sum(by_reason[reason].values()):5d}  ({detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
