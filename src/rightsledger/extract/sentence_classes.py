"""What a sentence is: a report of an event of the document's time, background or history,
a demand, a denial, a tally of military losses, or none of these (issue 16).

A small learned model decides, trained from scratch on the team's own labelled sentences
(``make train``; docs/extraction.md): multinomial logistic regression over hashed features —
the sentence's words and word pairs, and the rules' own findings as features (which
incident types' trigger words it holds, whether it is dated and how long before the
publication, a figure, a call, a denial word, a year long past). The model is a small JSON
file of weights shipped with the package (``models/sentence_classes.json``), read in
milliseconds and applied in pure Python; training needs NumPy only.

    classify(doc, start, end) -> ("background", {"event": 0.12, "background": 0.81, ...})

The incident stage proposes a sentence its trigger words name only when the model does not
find it more likely to be something other than an event report: "the 2020 war, which left
more than 4,000 dead" stays a mention, not a candidate.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from rightsledger.extract.document import Doc

NAME = "sentence_classes.v1"
CLASSES = ("event", "background", "demand", "denial", "tally", "other")
DIMENSIONS = 2**18
_WORD = re.compile(r"\w+", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


# -- features -------------------------------------------------------------------------------

def features(doc: Doc, start: int, end: int) -> list[str]:
    """The sentence's features as strings (hashed later): words, word pairs, rule findings."""
    words = [w.lower() for w in _WORD.findall(doc.text, start, end)]
    out = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    out += _rule_features(doc, start, end)
    return out


def _rule_features(doc: Doc, start: int, end: int) -> list[str]:
    from rightsledger.extract.triggers import incident_patterns, word_pattern

    out = [f"trig:{kind}" for kind, p in incident_patterns(doc.language)
           if p.search(doc.text, start, end)]
    if word_pattern("denial", doc.language).search(doc.text, start, end):
        out.append("denial-word")
    if doc.within("numbers", start, end):
        out.append("figure")
    out += _date_features(doc, start, end)
    text = doc.text[start:end]
    if text[:1] in "\"“«„'":
        out.append("quoted")
    if text.rstrip().endswith("?"):
        out.append("question")
    return out or ["none"]


def _date_features(doc: Doc, start: int, end: int) -> list[str]:
    dates = doc.within("dates", start, end)
    if not dates:
        return ["undated"]
    out = ["dated"]
    if doc.published:
        for found in dates:
            first = str(found["value"]).split("/")[0]
            year = _YEAR.match(first)
            if year:
                out.append(f"age:{_age(doc.published, int(year.group()))}")
    return out


def _age(published: date, year: int) -> str:
    gap = published.year - year
    return "future" if gap < 0 else "this-year" if gap == 0 else "last-year" if gap == 1 \
        else "few-years" if gap <= 5 else "long-ago"


def hashed(names: Iterable[str]) -> dict[int, float]:
    """Feature names as indices (a stable hash, the same on every machine) with counts."""
    out: dict[int, float] = {}
    for name in names:
        index = zlib.crc32(name.encode("utf-8")) % DIMENSIONS
        out[index] = out.get(index, 0.0) + 1.0
    return out


# -- the model ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[int, tuple[float, ...]]  # feature index: one weight per class
    trained_on: int = 0  # labelled sentences

    def probabilities(self, names: Iterable[str]) -> dict[str, float]:
        scores = list(self.bias)
        for index, count in hashed(names).items():
            row = self.weights.get(index)
            if row:
                for k, w in enumerate(row):
                    scores[k] += w * count
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> str:
        rows = {str(i): [round(w, 4) for w in row] for i, row in sorted(self.weights.items())}
        return json.dumps({"name": NAME, "classes": list(self.classes),
                           "bias": [round(b, 4) for b in self.bias],
                           "trained_on": self.trained_on, "weights": rows},
                          separators=(",", ":"), sort_keys=False)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls(tuple(data["classes"]), tuple(data["bias"]),
                   {int(i): tuple(row) for i, row in data["weights"].items()},
                   int(data.get("trained_on", 0)))


@cache
def shipped() -> Model | None:
    """The model built by ``make train``, or None where none was built (rules decide)."""
    path = resources.files(__package__).joinpath("models", "sentence_classes.json")
    return Model.from_json(path.read_text("utf-8")) if path.is_file() else None


_override: list[Model | None] = []


@contextmanager
def using(model: Model | None) -> Iterator[None]:
    """Classify with ``model`` (None: no model, rules only) inside the block — how
    cross-validation scores a model trained on the other folds."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def current() -> Model | None:
    return _override[-1] if _override else shipped()


def classify(doc: Doc, start: int, end: int) -> tuple[str, dict[str, float]] | None:
    """The sentence's most likely class and every class's probability (None: no model)."""
    model = current()
    if model is None:
        return None
    probs = model.probabilities(features(doc, start, end))
    return max(probs, key=lambda c: probs[c]), probs


# -- training (make train, and each fold of make eval) --------------------------------------

def train(examples: Sequence[tuple[list[str], str]], epochs: int = 300, rate: float = 0.5,
          l2: float = 1e-3, keep: float = 0.05) -> Model:
    """Multinomial logistic regression by full-batch gradient descent from zero weights:
    deterministic, the same model from the same examples on every machine."""
    import numpy as np

    classes = CLASSES
    rows = [hashed(names) for names, _ in examples]
    used = sorted({i for row in rows for i in row})
    column = {i: j for j, i in enumerate(used)}
    x = np.zeros((len(rows), len(used)))
    for r, row in enumerate(rows):
        for i, count in row.items():
            x[r, column[i]] = math.log1p(count)
    y = np.zeros((len(rows), len(classes)))
    for r, (_, label) in enumerate(examples):
        y[r, classes.index(label)] = 1.0
    balance = y.sum(axis=0)
    sample_weight = (y / np.maximum(balance, 1.0)).sum(axis=1) * len(rows) / len(classes)
    w = np.zeros((len(used), len(classes)))
    b = np.zeros(len(classes))
    for _ in range(epochs):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) * sample_weight[:, None] / len(rows)
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    weights = {i: tuple(float(v) for v in w[column[i]]) for i in used
               if np.abs(w[column[i]]).max() >= keep}
    return Model(classes, tuple(float(v) for v in b), weights, len(examples))


def sentence_class(labels: dict[str, list[dict[str, Any]]], start: int, end: int) -> str:
    """The class a labelled document gives the sentence [start, end): by overlap."""
    def hit(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [i for i in items if i["start"] < end and start < i["end"]]

    incidents = hit(labels.get("incidents", []))
    if any(i.get("denial") for i in incidents):
        return "denial"
    if any(i.get("period", "current") == "current" for i in incidents):
        return "event"
    if incidents:
        return "background"
    if hit(labels.get("tallies", [])):
        return "tally"
    return "demand" if hit(labels.get("statements", [])) else "other"


def examples(doc: Doc, labels: dict[str, list[dict[str, Any]]]) -> list[tuple[list[str], str]]:
    """A labelled document's sentences as (features, class): the document must have been
    through the pipeline (``extract_text``), so that the features are those it will see."""
    return [(features(doc, s, e), sentence_class(labels, s, e)) for s, e in doc.sentences]
