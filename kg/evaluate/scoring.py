"""Precision, recall and F1 with counts, per type and micro-averaged."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    by_type: dict[str, PRF] = field(default_factory=dict)
    false_positives: Counter[tuple[str, str]] = field(default_factory=Counter)
    false_negatives: Counter[tuple[str, str]] = field(default_factory=Counter)

    def get(self, etype: str) -> PRF:
        return self.by_type.setdefault(etype, PRF())

    @property
    def micro(self) -> PRF:
        total = PRF()
        for prf in self.by_type.values():
            total.tp += prf.tp
            total.fp += prf.fp
            total.fn += prf.fn
        return total

    def as_dict(self, top: int = 15) -> dict[str, Any]:
        return {
            "by_type": {t: p.as_dict() for t, p in sorted(self.by_type.items())},
            "micro": self.micro.as_dict(),
            "top_false_positives": [[t, text, n] for (t, text), n in self.false_positives.most_common(top)],
            "top_false_negatives": [[t, text, n] for (t, text), n in self.false_negatives.most_common(top)],
        }
