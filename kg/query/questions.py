"""`kg ask`: questions in English, matched against templates, answered by the query API."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg.errors import UsageError
from kg.query import api
from kg.query.store import Answer

_Q = r"\s*\??\s*$"


@dataclass(frozen=True)
class Template:
    pattern: re.Pattern[str]
    example: str
    answer: Callable[[api.Context, dict[str, str]], Answer]


def _papers(role: str | None):
    def run(ctx: api.Context, groups: dict[str, str]) -> Answer:
        return api.papers_with(ctx, groups["x"], role)[1]

    return run


def _metrics(ctx: api.Context, groups: dict[str, str]) -> Answer:
    """Metrics reported on a dataset, or for a task."""
    if ctx.index.one(groups["x"]).type == "Task":
        return api.named(ctx, "metrics-for-task", "task", groups["x"])
    return api.named(ctx, "metrics-on", "dataset", groups["x"])


TEMPLATES = (
    Template(re.compile(r"^(?:which|what) papers (?:use|uses|used|train on|are trained on)\s+(?P<x>.+?)" + _Q, re.I),
             "which papers use ImageNet?", _papers(None)),
    Template(re.compile(r"^(?:which|what) papers (?:propose|proposes|proposed|introduce|introduces|introduced)\s+(?P<x>.+?)" + _Q, re.I),
             "which papers propose CLIP?", _papers("proposes")),
    Template(re.compile(r"^(?:which|what) papers (?:evaluate|evaluates|evaluated|are evaluated|test|report results) on\s+(?P<x>.+?)" + _Q, re.I),
             "which papers evaluate on COCO?", _papers("evaluates_on")),
    Template(re.compile(r"^(?:which|what) papers (?:compare|compares|compared) (?:with|to|against)\s+(?P<x>.+?)" + _Q, re.I),
             "which papers compare with BERT?", _papers("compares_with")),
    Template(re.compile(r"^(?:which|what) papers (?:address|addresses|work on|tackle)\s+(?P<x>.+?)" + _Q, re.I),
             "which papers address image classification?", _papers("addresses")),
    Template(re.compile(r"^(?:which|what) (?P<kind>datasets|methods|tasks|metrics|benchmarks|entities) (?:does|do|did) (?:the )?(?:paper )?(?P<p>.+?) (?:use|propose|mention|evaluate on|address|report)" + _Q, re.I),
             'which datasets does "LOOK" use?',
             lambda ctx, g: api.entities_of_paper(ctx, g["p"], g["kind"].lower())),
    Template(re.compile(r"^(?:which|what) methods (?:are|were|have been) (?:evaluated|tested|benchmarked) on\s+(?P<x>.+?)" + _Q, re.I),
             "which methods are evaluated on ImageNet?",
             lambda ctx, g: api.named(ctx, "methods-evaluated-on", "dataset", g["x"])),
    Template(re.compile(r"^(?:which|what) metrics (?:are|were) (?:reported|used) (?:on|for|in)\s+(?P<x>.+?)" + _Q, re.I),
             "which metrics are reported on SQuAD (or for semantic segmentation)?", _metrics),
    Template(re.compile(r"^(?:(?:what|which) (?:are|is) )?the (?:most (?:used|popular|common)|top) datasets (?:for|in|on) (?:the )?(?:task )?(?P<x>.+?)" + _Q, re.I),
             "what are the most used datasets for semantic segmentation?",
             lambda ctx, g: api.named(ctx, "top-datasets-for-task", "task", g["x"])),
)


def supported_forms() -> list[str]:
    return [t.example for t in TEMPLATES]


def ask(ctx: api.Context | str | Path, question: str) -> Answer:
    """The answer to a question in one of the `supported_forms()` ("which papers use ImageNet?"),
    over the build in `ctx` (a Context or an exports folder)."""
    ctx = api.as_context(ctx)
    text = " ".join(question.split())
    for template in TEMPLATES:
        match = template.pattern.match(text)
        if match:
            return template.answer(ctx, {k: v.strip().strip("\"'") for k, v in match.groupdict().items()})
    raise UsageError(f"cannot parse the question {question!r}; supported forms: " + " | ".join(supported_forms()))
