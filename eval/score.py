"""Precision, recall and F1 of predicted mentions against labelled ones.

A prediction matches a label when their character spans overlap and ``same(pred, label)``
holds; each label and each prediction is used at most once; scores are micro-averaged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Mention = dict[str, Any]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

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


def overlaps(a: Mention, b: Mention) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def match(predicted: list[Mention], labelled: list[Mention],
          same: Callable[[Mention, Mention], bool]) -> Score:
    used: set[int] = set()
    score = Score()
    for label in labelled:
        hit = next((i for i, p in enumerate(predicted)
                    if i not in used and overlaps(p, label) and same(p, label)), None)
        if hit is None:
            score.fn += 1
        else:
            used.add(hit)
            score.tp += 1
    score.fp = len(predicted) - len(used)
    return score


def norm(value: Any) -> Any:
    return value.casefold().strip() if isinstance(value, str) else value
