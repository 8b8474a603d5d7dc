"""Numeric results: (method, dataset, metric, value, unit, kind) from sentences such as "achieves
84.5% top-1 accuracy on ImageNet-1K", "improves the dice coefficient by 6.7%", "an average
improvement of +7.9 in EM score", "1/10 training time".

Only sentences about the paper's own work are read. A number counts when it carries a result unit
(%, points, x) or stands next to a metric, and is not a count, a proportion, a year or part of a
name. Its kind is `delta` (an improvement), `ratio` (3x faster, 1/10 the time) or `absolute`; the
metric, dataset and method are the nearest mentions of those types in the sentence, and the paper's
proposed method fills in when the method is unnamed. The cues are data (`cues/results.json`).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg import resources
from kg.extract.raw import RawExtraction

# a sign is no sign after a number: "9%-19%" is a range, its second end 19%
_NUMBER = re.compile(r"(?:(?<![\w.@/^%-])([+-])?|(?<=[\d%]-))(\d+,\d{1,2}(?=\s*(?:%|percent))|\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:\s*(%|percent(?:age points)?|pp|points?|pts|x|×|times|-?fold|dB)(?![\w%]))?(?![\w%^]|\.\w)")  # a sentence's full stop may follow
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}$)")  # "93,4 %" (which _NUMBER takes as one number only before %)
_FRACTION = re.compile(r"(?<![\w./-])(\d{1,2})/(\d{1,3})(?=\s+(?:of\s+)?(?:the\s+)?[a-z])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ResultCues:
    units: dict[str, str]
    count_nouns: frozenset[str]
    count_modifiers: frozenset[str]
    proportion_right: re.Pattern[str]
    name_left: re.Pattern[str]
    delta_left: re.Pattern[str]
    delta_right: re.Pattern[str]
    decrease: re.Pattern[str]
    ratio_right: re.Pattern[str]
    absolute_left: re.Pattern[str]
    hyperparameter_right: re.Pattern[str]
    plus_minus_left: re.Pattern[str]
    metric_left: re.Pattern[str]
    metric_right: re.Pattern[str]
    list_left_stop: re.Pattern[str]
    compared_left: re.Pattern[str]
    condition_left: re.Pattern[str]


@lru_cache(maxsize=None)
def result_cues() -> ResultCues:
    data = json.loads(resources.data("cues", "results.json").read_text(encoding="utf-8"))
    return ResultCues(data["units"], frozenset(data["count_nouns"]), frozenset(data["count_modifiers"]),
                      *(re.compile(data[k]) for k in ("proportion_right", "name_left", "delta_left", "delta_right",
                                                       "decrease", "ratio_right", "absolute_left",
                                                       "hyperparameter_right", "plus_minus_left", "metric_left",
                                                       "metric_right", "list_left_stop", "compared_left",
                                                       "condition_left")))


@dataclass
class Number:
    start: int
    end: int
    value: float
    unit: str
    kind: str
    rule: str
    direction: str | None = None


def _numbers(sentence: str, metric_spans: list[tuple[int, int]]) -> list[Number]:
    """Result-like numbers of one sentence (offsets within the sentence)."""
    cues = result_cues()
    lowered = sentence.lower()
    found: list[Number] = []
    plain: list[tuple[int, int, float]] = []  # bare numbers: results only in a list with one (_coordinated)
    for match in _FRACTION.finditer(sentence):
        num, den = int(match.group(1)), int(match.group(2))
        if 0 < num < den:
            right = lowered[match.end():match.end() + 40]
            if any(s >= match.end() and s - match.end() < 25 for s, _ in metric_spans) or "time" in right[:20]:
                found.append(Number(match.start(), match.end(), round(num / den, 6), "", "ratio", "fraction"))
    taken = [(n.start, n.end) for n in found]
    for match in _NUMBER.finditer(sentence):
        start, end = match.start(), match.end()
        if any(start < e and s < end for s, e in taken):
            continue
        sign, digits, unit_word = match.group(1), match.group(2), match.group(3)
        left = lowered[max(0, start - 90):start]
        right = lowered[end:end + 50]
        if unit_word is None and (ranged := _RANGE_UNIT.match(right)):
            # "by 2-3%", "2-3% parameters": the first end of a range has the unit and the words after the second
            unit_word, right = ranged.group(1), right[ranged.end():]
        range_start = _RANGE_START.search(left)
        if range_start is not None:  # "by 1-5%": the words before the range's first end are the context
            left = left[:range_start.start()]
        if cues.name_left.search(left) or _YEAR.match(digits) and not unit_word:
            continue
        next_word = re.match(r"\s*(?:-\s*)?([a-z]+)", right)
        if next_word and next_word.group(1) in cues.count_nouns and not unit_word:
            continue
        if unit_word in ("%", "percent") and cues.proportion_right.match(right):
            continue  # "10% of the data", "33% fewer tokens"
        if re.match(r"\s*[x×]\s*\d", right) or re.search(r"\d\s*[x×]\s*$", left) or \
                (unit_word in ("x", "×") and re.match(r"\s*\d", right)):
            continue  # "224 x 224": a resolution
        if unit_word in ("%", "percent") and re.search(r"\b(?:[a-z]+)\s+\($", left) and \
                re.search(r"(?:per class|examples|samples|images|data|labels)\s+\($", left):
            continue  # "60 examples per class (5%)": a share of the data
        if re.match(r"\s*(?:fewer|less|smaller)\s+(?:trainable\s+)?(?:parameters|params|tokens|data|samples|examples|images|labels)\b", right):
            continue  # "16 times fewer trainable parameters": a size, not a result
        if cues.condition_left.search(left):
            continue  # "when the true positive rate is 95%": a setting, not a result
        if cues.hyperparameter_right.match(right) or cues.plus_minus_left.search(left):
            continue  # "a 30% masking ratio", the 1.2 of "95.8 ± 1.2"
        if unit_word and next_word and (next_word.group(1) in cues.count_nouns or _counted_after(right, cues)):
            continue  # "11% parameters", "3x GPUs", "0.5% extra trainable parameters"
        if unit_word and re.match(r"\s*(?:fewer|less|smaller)\b", right) \
                and (counted := _COUNT_BEFORE_BRACKET.search(left)) and counted.group(1) in cues.count_nouns:
            continue  # "1.4 million parameters (~10x fewer than current SOTA)": a size
        if unit_word and unit_word.endswith("fold") and not (cues.ratio_right.match(right[:1] + right[1:].lstrip())
                                                              or re.match(r"\s*(?:faster|more|fewer|less|smaller|larger|higher|lower|improvement|increase|reduction|speed)", right)):
            continue  # "6-fold cross-validation" names a protocol
        unit = cues.units.get((unit_word or "").lower(), "")
        if unit == "dB" and _DB_CONDITION.search(left):
            continue  # "at 0 dB SNR", "at 5 dB and 10 dB": conditions
        near_metric = _adjacent_metric(sentence, lowered, start, end, metric_spans) is not None \
            or _from_to_after_metric(lowered, start, metric_spans)
        value = float(_DECIMAL_COMMA.sub(".", digits).replace(",", ""))
        if not math.isfinite(value):
            continue  # hundreds of digits: too large for a float, and no result
        if sign == "-":
            value = -value
        if not unit and not near_metric:
            first = found[-1] if range_start is not None and found else None
            if first is not None and first.end <= start and _RANGE_GAP.fullmatch(lowered[first.end:start]):
                # "an F1-score of 0.5-0.6": the second end of a range that is a result
                found.append(Number(start, end, value, first.unit, first.kind, f"{first.kind}-range", first.direction))
            elif not cues.list_left_stop.search(left):
                plain.append((start, end, value))
            continue
        direction = None
        if unit == "x" or cues.ratio_right.match(right):
            kind, rule = "ratio", "ratio"
            unit = unit or "x"
        elif sign == "+" or (delta_left := cues.delta_left.search(_LISTED_BEFORE.sub("", left))) \
                or cues.delta_right.match(right):
            kind = "delta"
            rule = "delta-sign" if sign == "+" else ("delta-left" if delta_left else "delta-right")
            window = left[-70:] + " " + right[:30]
            direction = "decrease" if cues.decrease.search(window) else "increase"
            unit = unit or "points"  # "by 3.3 NDCG@10": a difference of scores is in points
        else:
            kind, rule = "absolute", "absolute"
            if not unit and not near_metric:
                continue
        found.append(Number(start, end, value, unit, kind, rule, direction))
    found.sort(key=lambda n: n.start)
    found.extend(_coordinated(lowered, plain, found))
    found.sort(key=lambda n: n.start)
    _share_kinds(lowered, found)
    return found


# "by 2.1 and 3.4 points": the numbers listed before one are skipped to find what governs the list
_LISTED_BEFORE = re.compile(r"(?:[+-]?\d+(?:\.\d+)?\s*(?:%|points?|pp)?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))+$")
_COUNT_BEFORE_BRACKET = re.compile(r"([a-z]+)\s*\(\s*~?\s*$")


def _counted_after(right: str, cues: ResultCues) -> bool:
    """"% extra trainable parameters": a count noun after one or two of its modifiers."""
    words = right.split(None, 3)[:3]
    for i, word in enumerate(words[:2]):
        if word not in cues.count_modifiers:
            return False
        if i + 1 < len(words) and words[i + 1].strip(".,;:)") in cues.count_nouns:
            return True
    return False


_DB_CONDITION = re.compile(r"\bat\s+(?:[-\d.]+\s*db\s*(?:,|and|or)\s*)*$")
_REACHED = re.compile(r"\b(?:achiev|obtain|reach|attain)")  # "by 4-6%, achieving an accuracy of 96%": a score
_RANGE_START = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*%?\s*[-\u2013~]\s*$")
_RANGE_UNIT = re.compile(r"\s*[-\u2013~]\s*\d+(?:\.\d+)?\s*(%|percent|pp|points?|pts|x|\u00d7|times|db)(?![\w%])")
_RANGE_GAP = re.compile(r"\s*[-\u2013~]\s*")  # "92.7-98.1%", "2.27%\u20133.75%", "3%~20%": the two ends of a range
_LIST_GAP = re.compile(rf"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)|{_RANGE_GAP.pattern}")


def _coordinated(lowered: str, plain: list[tuple[int, int, float]], found: list[Number]) -> list[Number]:
    """Bare numbers listed right before a result number take its unit and kind: "6.54 and 1.07 decrease
    in FID and sFID", "2.55, 1.2 and 0.8 dB" (not "k = 5 and 85.2% accuracy": see list_left_stop)."""
    added: list[Number] = []
    for start, end, value in reversed(plain):
        following = next((n for n in [*added, *found] if n.start >= end and _LIST_GAP.fullmatch(lowered[end:n.start])),
                         None)
        if following is not None:
            added.append(Number(start, end, value, following.unit, following.kind, "coordinated", following.direction))
    return added


def _adjacent_metric(sentence: str, lowered: str, start: int, end: int,
                     metric_spans: list[tuple[int, int]]) -> int | None:
    """Index of the metric right before ("accuracy of 84.5") or right after ("84.5% accuracy") a number."""
    cues = result_cues()
    for i, (s, e) in enumerate(metric_spans):
        if e <= start and cues.metric_left.fullmatch(lowered[e:start]) is not None:
            return i
        if s >= end and cues.metric_right.fullmatch(lowered[end:s]) is not None:
            return i
    return None


_FROM_TO = re.compile(r"\bfrom\s+(?:[\d.]+\s*%?\s+to\s+)?$")
_CHANGE_VERB = re.compile(r"\b(?:improv|rais|increas|boost|lift|reduc|decreas|lower|drop|grow|grew|rose|fell|jump|went)\w*")


def _from_to_after_metric(lowered: str, start: int, metric_spans: list[tuple[int, int]]) -> bool:
    """"improves the accuracy of code refinement from 16.4 to 17.8": both ends of the change are
    values of the metric named shortly before "from", when a verb of change governs it (not "the
    accuracy is stable when the batch size varies from 32 to 256")."""
    found = _FROM_TO.search(lowered, max(0, start - 30), start)
    if found is None:
        return False
    for s, e in metric_spans:
        if 0 <= found.start() - e <= 50:
            clause = lowered[max(0, s - 120):found.start()]
            if _CHANGE_VERB.search(clause) and not re.search(r"\b(?:when|while|if|as|varies|vary|varying|ranging)\b",
                                                               lowered[e:found.start()]):
                return True
    return False


def _share_kinds(lowered: str, numbers: list[Number]) -> None:
    """Numbers in one coordination ("by 1.3% and 3.6%", "6.54 and 1.07 decrease") share a delta kind, and
    a ratio ("98.7%, 98.1% and 99.3% the performance of its teacher")."""
    for a, b in zip(numbers, numbers[1:]):
        between = lowered[a.end:b.start]
        if _RANGE_GAP.fullmatch(between):  # "accuracy 4-5% greater": the kind follows the range
            if a.kind == "absolute" and b.kind != "absolute" and a.unit == b.unit:
                a.kind, a.rule, a.direction = b.kind, f"{b.kind}-range", b.direction
            continue
        if len(between) > 45 or not re.search(r"\band\b|,|\bor\b", between) or a.unit != b.unit:
            continue
        if a.kind == "delta" and b.kind == "absolute" and not _REACHED.search(between):
            b.kind, b.rule, b.direction = "delta", "delta-coordinated", a.direction
        elif b.kind == "delta" and b.rule == "delta-right" and a.kind == "absolute" and re.search(r"\b(?:and|or)\b", between):
            a.kind, a.rule, a.direction = "delta", "delta-coordinated", b.direction
    for a, b in reversed(list(zip(numbers, numbers[1:]))):  # a ratio stated after the last of a list
        between = lowered[a.end:b.start]
        if b.kind == "ratio" and a.kind == "absolute" and a.unit == b.unit \
                and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", between):
            a.kind, a.rule = "ratio", "ratio-coordinated"


def _nearest(mentions: list[tuple[int, int, str]], start: int, end: int, prefer_after: bool) -> str | None:
    if not mentions:
        return None

    def distance(m: tuple[int, int, str]) -> tuple[int, int]:
        s, e, _ = m
        gap = s - end if s >= end else start - e
        after_bias = 0 if (s >= end) == prefer_after else 15
        return (max(gap, 0) + after_bias, s)

    return min(mentions, key=distance)[2]


_RESPECTIVELY = re.compile(r"\brespectively\b")


def _respectively(sentence: str, lowered: str, numbers: list[Number], typed: dict[str, list[tuple[int, int, str]]]
                  ) -> dict[int, dict[str, str]]:
    """"84.5% and 80.1% accuracy on SST-2 and MNLI, respectively": the numbers of the list before
    "respectively" go with the names of a type listed (one list, as many names as numbers) in the same
    order; or with the datasets earlier values of the sentence were measured on ("57.1% on AIME and
    94.8% on MATH, ... from 6.5% and 59.2% respectively"). Returns, by id() of a number, the entity
    key per type."""
    found = _RESPECTIVELY.search(lowered)
    if found is None:
        return {}
    before = [n for n in numbers if n.end <= found.start()]
    group: list[Number] = []
    for number in before:  # the last list of numbers before "respectively"
        if group and _LIST_GAP.fullmatch(lowered[group[-1].end:number.start]) is None \
                and not _UNIT_GAP.fullmatch(lowered[group[-1].end:number.start]):
            group = []
        group.append(number)
    if len(group) < 2:
        return {}
    paired: dict[int, dict[str, str]] = {}
    for etype, mentions in typed.items():
        listed = [m for m in mentions if m[1] <= found.start()]
        if etype == "Method":
            listed = _subject_list(lowered, listed, group)
            if not listed:
                continue
        keys = _last_list(lowered, listed)
        if len(keys) != len(group) and etype == "Dataset":
            measured_on = (_dataset_named_after(sentence, n.end, typed) for n in numbers if n.end <= group[0].start)
            keys = list(dict.fromkeys(key for named, key in measured_on if named and key))
        if len(keys) == len(group) and len(set(keys)) == len(keys):
            for number, key in zip(group, keys):
                paired.setdefault(id(number), {})[etype] = key
    return paired


# "..., while the baseline is 85.3%", not "while using 10x less compute" (the same subject goes on)
_OWN = re.compile(r"\b(?:we|our|ours|the proposed)\b")  # a clause about the paper's own work
_CONTRAST = re.compile(r"\b(?:while|whereas)\b(?!\s+(?:[a-z]+ing|also|still|only|at|in|with)\b)")


def _last_contrast(lowered: str, end: int) -> int | None:
    """Where the clause after the last "while" or "whereas" before `end` starts, if there is one."""
    found = None
    for found in _CONTRAST.finditer(lowered, 0, end):
        pass
    return found.end() if found is not None else None


_POSSESSIVE_GAP = re.compile(r"(?:-based)?(?:\s+[a-z-]+){0,2}?(?:'s?|’s?)\s*(?:\(\s*)?")


_ON_NAME = re.compile(r"\s*(?:%|points?|pp)?\s*(?:[\w@-]+\s+){0,3}?on\s+(?:the\s+)?(?=[A-Z])")


_PHRASE_END = re.compile(r"[,;:()\[\]]|\.(?:\s|$)|\s(?:and|or|while|whereas|with)\s")


def _dataset_named_after(sentence: str, end: int, typed: dict[str, list[tuple[int, int, str]]]
                         ) -> tuple[bool, str | None]:
    """"82.7% on Cityscapes": whether "on" right after a number names where it was measured, and the
    dataset: a known one within the phrase ("on the English TAC KBP 2015 dataset"), or none when the
    phrase starts with an unknown name that looks like one ("71.3% on PASCAL-Person-Part" is not
    Cityscapes). Not so for a method or metric ("4.3% on the DenseNet") or plain words ("28.4 BLEU on
    English-German", measured on the WMT 2014 named before)."""
    found = _ON_NAME.match(sentence, end)
    if found is None:
        return False, None
    start = found.end()
    stop = _PHRASE_END.search(sentence, start, start + 80)
    stop_at = stop.start() if stop else min(len(sentence), start + 80)
    for etype, mentions in typed.items():
        for s, _, key in mentions:
            if start <= s < stop_at and (etype == "Dataset" or s == start):
                return etype == "Dataset", key if etype == "Dataset" else None
    words = sentence[start:stop_at].split(None, 2)
    return bool(words) and (_NAME_LIKE.search(words[0]) is not None
                            or len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper()), None


# "PASCAL-Person-Part", "VOC2012", "nuScenes", or two capitalised words ("Caltech Birds"); not "English-German"
_NAME_LIKE = re.compile(r"[A-Z]{2}|\d|[a-z][A-Z]")


_OPENS_ASIDE = re.compile(r"\s*[(\[]\s*(?:[+-]|up to\s+|about\s+|an?\s+|i\.e\.,?\s+)?")


def _metrics_owned(lowered: str, numbers: list[Number], metric_spans: list[tuple[int, int]]) -> dict[int, Number]:
    """Metrics named right before a number ("MultiNLI accuracy to 86.7%") are that number's: by index
    in `metric_spans`, the number that owns it. They are no candidates for an earlier number without
    a metric of its own ("the GLUE score to 80.5% (7.7% ...), MultiNLI accuracy to 86.7%": 80.5 has
    none), but are for later ones ("the accuracy by 0.568% on CIFAR-10, 1.764% on CIFAR-100")."""
    cues = result_cues()
    owned: dict[int, Number] = {}
    for number in numbers:
        for i, (s, e) in enumerate(metric_spans):
            if e <= number.start and cues.metric_left.fullmatch(lowered[e:number.start]) is not None:
                owned.setdefault(i, number)
    return owned


def _possessors(lowered: str, numbers: list[Number], methods: list[tuple[int, int, str]]) -> dict[int, str]:
    """"surpassing CLIP's 68.3%", "previous SFT-based models' 6.5% and 59.2%": the method whose value a
    number is, by id() of the number (numbers listed after the first share it)."""
    found: dict[int, str] = {}
    previous: Number | None = None
    for number in numbers:
        owner = next((key for s, e, key in reversed(methods)
                      if e <= number.start and _POSSESSIVE_GAP.fullmatch(lowered[e:number.start])), None)
        if owner is None and previous is not None and id(previous) in found \
                and _LIST_GAP.fullmatch(lowered[previous.end:number.start]):
            owner = found[id(previous)]
        if owner is not None:
            found[id(number)] = owner
        previous = number
    return found


def _subject_list(lowered: str, methods: list[tuple[int, int, str]], group: list[Number]
                  ) -> list[tuple[int, int, str]]:
    """The methods a list of absolute values is of: "BERT and RoBERTa achieve 80.1 and 82.3 F1,
    respectively" (the subject: named right before the values, a few words and no comma or "our"
    between; not compared with: "our model improves over BERT and RoBERTa by ..." gives ours)."""
    if any(n.kind != "absolute" for n in group):
        return []
    names = [m for m in methods if m[1] <= group[0].start]
    if not names or not _SUBJECT_GAP.fullmatch(lowered, names[-1][1], group[0].start):
        return []  # "With ResNet-50 and ViT-B backbones, FooNet reaches 80.1% and 82.3%": not of the backbones
    names = [m for m in names if not result_cues().compared_left.search(lowered, max(0, m[0] - 80), m[0])]
    return names


def _last_list(lowered: str, mentions: list[tuple[int, int, str]]) -> list[str]:
    """The entity keys of the last list of names ("CUHK-PEDES, ICFG-PEDES and RSTPReid") among
    `mentions`: names with nothing but a comma, "and" or "or" between them (a name inside the one
    before it, "CIFAR-100" in "Split CIFAR-100", is skipped)."""
    run: list[tuple[int, int, str]] = []
    for mention in sorted(mentions):
        if run and mention[0] < run[-1][1]:
            continue
        if run and not _NAME_GAP.fullmatch(lowered[run[-1][1]:mention[0]]):
            run = []
        run.append(mention)
    return [key for _, _, key in run]


_NAME_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/)\s*(?:the\s+)?")
# "84.5% top-1 and 80.1% top-5": a short word may stand between two numbers of one list
_UNIT_GAP = re.compile(r"\s+[a-z0-9@-]{1,12}\s*(?:,\s*(?:and\s+)?|and\s+)")
# " achieve ", " achieve an average accuracy of ": a few words, no comma, no "we" or "our"
_SUBJECT_GAP = re.compile(r"(?:\s+(?!(?:we|our|ours|proposed)\b)[\w%.@-]+){1,6}\s+")


def extract_results(raw: RawExtraction, own_sentences: list[bool | None],
                    roles: dict[str, str]) -> list[dict[str, Any]]:
    """Result tuples of one paper. `own_sentences`: from `assign_roles` (decided for every sentence with
    a number); `roles`: the paper's role per entity key (to find its own method)."""
    proposed_methods = [k for k, r in roles.items() if r == "proposes" and raw.entities[k].type == "Method"]
    own_method = proposed_methods[0] if len(proposed_methods) == 1 else None
    by_sentence: dict[int, list] = {}
    for mention in raw.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    results: list[dict[str, Any]] = []
    for index, (s_start, s_end) in enumerate(raw.sentences):
        if index >= len(own_sentences) or not own_sentences[index]:
            continue
        sentence = raw.text[s_start:s_end]
        if not _DIGIT.search(sentence):
            continue
        mentions = by_sentence.get(index, [])
        typed: dict[str, list[tuple[int, int, str]]] = {"Metric": [], "Dataset": [], "Method": []}
        for m in mentions:
            etype = raw.entities[m.entity].type
            etype = "Dataset" if etype == "Benchmark" else etype
            if etype in typed:
                typed[etype].append((m.start - s_start, m.end - s_start, m.entity))
        metric_spans = [(s, e) for s, e, _ in typed["Metric"]]
        lowered = sentence.lower()
        numbers = _numbers(sentence, metric_spans)
        paired = _respectively(sentence, lowered, numbers, typed)
        possessors = _possessors(lowered, numbers, typed["Method"])
        owned = _metrics_owned(lowered, numbers, metric_spans)
        previous: dict[str, Any] | None = None
        for number in numbers:
            adjacent = _adjacent_metric(sentence, lowered, number.start, number.end, metric_spans)
            metric = typed["Metric"][adjacent][2] if adjacent is not None else \
                _nearest([m for i, m in enumerate(typed["Metric"]) if i not in owned or owned[i].start <= number.start],
                         number.start, number.end, prefer_after=True)
            dataset = _nearest(typed["Dataset"], number.start, number.end, prefer_after=True)
            named, on_dataset = _dataset_named_after(sentence, number.end, typed)
            if named:
                dataset = on_dataset  # "1.4 F1 points on the ACE relation extraction task"
            if previous is not None and previous["sentence_index"] == index:
                gap = lowered[previous["end"] - s_start:number.start]
                if _OPENS_ASIDE.fullmatch(gap):
                    # "the GLUE score to 80.5% (7.7% point absolute improvement), MultiNLI ...": the value in
                    # brackets is about what the value before it is about
                    metric = metric if adjacent is not None else previous["metric"]
                    dataset = previous["dataset"]
                elif adjacent is None and previous["metric"] and _LIST_GAP.fullmatch(gap):
                    metric = previous["metric"]  # "improved WER by 2.0% and 1.1%"
            before = [m for m in typed["Method"] if m[1] <= number.start
                      and not result_cues().compared_left.search(lowered, max(0, m[0] - 80), m[0])]
            method = None
            if any(m[2] == own_method for m in typed["Method"]) or _OWN.search(lowered, 0, number.start):
                method = own_method
            if method is None and before:
                method = before[-1][2]
            if method is None:
                method = own_method
            contrast = _last_contrast(lowered, number.start)
            if contrast is not None:  # "FooNet achieves 92.1% ..., while the baseline is 85.3%": not FooNet's
                in_clause = [m for m in before if m[0] >= contrast]
                method = in_clause[-1][2] if in_clause else \
                    own_method if _OWN.search(lowered, contrast, number.start) else None
            method = possessors.get(id(number), method)
            in_order = paired.get(id(number), {})
            metric = in_order.get("Metric", metric)
            dataset = in_order.get("Dataset", dataset)
            method = in_order.get("Method", method)
            previous = {
                "method": method, "dataset": dataset, "metric": metric, "value": number.value,
                "unit": number.unit, "kind": number.kind, "direction": number.direction,
                "text": sentence[number.start:number.end], "sentence_index": index,
                "start": s_start + number.start, "end": s_start + number.end, "rule": number.rule,
                "confidence": 0.8 if metric else 0.6,
            }
            results.append(previous)
    return results
