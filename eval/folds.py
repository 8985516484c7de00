"""Cross-validation for `make eval`: in-sample and held-out figures side by side.

The labelled documents are split by SOURCE into k folds (``--folds K``, 2 by default): a
source group joins every document of one conflict (the ``topic``) and every document of one
outlet (the publisher), transitively, so two articles of one outlet or one conflict never
straddle training and test. Our own texts (written.jsonl and the four mention files) are
one outlet, on the Karabakh conflict. Groups are dealt to folds largest first (by number of
labels), each to the fold with the fewest labels so far; the seed (``--seed``) orders groups
of equal size, so the split is deterministic. See docs/annotation-guideline.md, Scores.

A learned component registers ``train(documents) -> model`` in COMPONENTS; ``score(models,
documents)`` runs the pipeline with those models and scores it. For every field the report
prints the in-sample figure (models trained on every document, scored on the same) and the
held-out one (for each fold, models trained on the other folds and scored on it: the mean
and spread over folds), and the scores on the development documents (our texts and the
seeds, on which the rules were written) beside those on the real/ excerpts (unseen-like).
"""

from __future__ import annotations

import json
import random
import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import run
from score import Score, match

OWN_OUTLET = "rightsledger team (written texts)"
OWN_TOPIC = "nagorno-karabakh"  # every text we wrote is on the Karabakh conflict
SAME_CONFLICT = {"israel-lebanon": "israel-gaza"}  # one war, one set of agents
DEVELOPMENT, UNSEEN = "development", "unseen-like"


@dataclass(frozen=True)
class Document:
    """One labelled text: where it comes from and what it labels."""

    id: str
    outlet: str
    topic: str
    kind: str  # DEVELOPMENT or UNSEEN
    record: dict[str, Any] = field(compare=False, repr=False)
    text: str = field(compare=False, repr=False)
    mention_field: str | None = None  # places/dates/numbers/organizations; None: incidents

    @property
    def weight(self) -> int:
        """How many labels the document holds (what the folds are balanced on)."""
        if self.mention_field:
            return len(self.record[self.mention_field])
        return sum(len(self.record.get(k, [])) for k in ("incidents", "statements", "tallies"))


# --- the documents ---------------------------------------------------------------------

def _publishers() -> dict[str, str | None]:
    """file -> publisher, from ../shared/corpus/index.json and real/index.json."""
    publishers: dict[str, str | None] = {}
    for index, prefix in ((run.CORPUS / "index.json", ""),
                          (run.CORPUS / "real" / "index.json", "real/")):
        if index.exists():
            for entry in json.loads(index.read_text("utf-8")):
                publishers[prefix + entry["file"]] = entry.get("publisher")
    return publishers


def outlet(publisher: str | None, file: str) -> str:
    """The outlet of a publisher line: "Africanews (AFP)" and "Africanews" are one."""
    if not publisher:
        return f"unnamed publisher of {file}"
    return re.split(r" \(|,|;", publisher, maxsplit=1)[0].strip().casefold()


def documents() -> list[Document]:
    """Every labelled document of the development set, in a fixed order."""
    docs = []
    for name in run.SAME:
        path = run.DEVSET / f"{name}.jsonl"
        if path.exists():
            docs += [Document(f"{name}/{r['id']}", OWN_OUTLET, r.get("topic") or OWN_TOPIC,
                              DEVELOPMENT, r, r["text"], name) for r in run._records(path)]
    publishers = _publishers()
    for record, text in run.incident_docs():
        if "file" in record:
            file = record["file"]
            kind = UNSEEN if file.startswith("real/") else DEVELOPMENT
            docs.append(Document(file, outlet(publishers.get(file), file),
                                 record.get("topic") or OWN_TOPIC, kind, record, text))
        else:
            docs.append(Document(f"written/{record['id']}", OWN_OUTLET,
                                 record.get("topic") or OWN_TOPIC, DEVELOPMENT, record, text))
    return docs


# --- the split -------------------------------------------------------------------------

def source_groups(docs: Iterable[Document]) -> dict[str, list[Document]]:
    """Documents joined by shared outlet or conflict (union-find), keyed by a group name."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    docs = list(docs)
    for doc in docs:
        a = root("topic:" + SAME_CONFLICT.get(doc.topic, doc.topic))
        b = root("outlet:" + doc.outlet)
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[str, list[Document]] = {}
    for doc in docs:
        members.setdefault(root("outlet:" + doc.outlet), []).append(doc)
    groups = {}
    for members_of in members.values():
        topics = sorted({SAME_CONFLICT.get(d.topic, d.topic) for d in members_of})
        groups["+".join(topics)] = members_of
    return groups


def split(docs: Iterable[Document], k: int = 2, seed: int = 16) -> list[list[str]]:
    """The group names of each of k folds: largest groups first, each to the lightest fold."""
    if k < 2:
        raise ValueError(f"--folds must be at least 2, not {k}")
    groups = source_groups(docs)
    if k > len(groups):
        raise ValueError(f"--folds {k}: the development set has only {len(groups)} source "
                         "groups")
    weights = {name: sum(d.weight for d in members) for name, members in groups.items()}
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda name: -weights[name])  # stable: the seed orders equal weights
    folds: list[list[str]] = [[] for _ in range(k)]
    load = [0] * k
    for name in order:
        i = min(range(k), key=lambda j: (load[j], j))
        folds[i].append(name)
        load[i] += weights[name]
    return folds


# --- training and scoring --------------------------------------------------------------

Model = Any
def _train_sentence_classes(docs: list[Document]) -> Model:
    """What a sentence is (extract/sentence_classes.py), trained on these documents only."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import train as trainer  # scripts/train.py

    from rightsledger.extract import sentence_classes

    labelled = [(d.record, d.text) for d in docs if not d.mention_field]
    return sentence_classes.train(trainer.labelled_examples(labelled))


COMPONENTS: dict[str, Callable[[list[Document]], Model]] = {
    "sentence_classes": _train_sentence_classes}


def train(docs: list[Document]) -> dict[str, Model]:
    """Every learned component trained on these documents only."""
    return {name: train_component(docs) for name, train_component in COMPONENTS.items()}


def score(models: dict[str, Model], docs: Iterable[Document]) -> dict[str, Score]:
    """The pipeline with these models, scored on these documents (micro-averaged)."""
    from rightsledger.extract import sentence_classes

    totals: dict[str, Score] = {}
    with sentence_classes.using(models.get("sentence_classes")):
        for doc in docs:
            for name, s in _doc_scores(doc).items():
                totals.setdefault(name, Score()).add(s)
    return totals


def _doc_scores(doc: Document) -> dict[str, Score]:
    """One document's scores under the model in use."""
    if doc.mention_field:
        found = run._found(doc.record, doc.text)
        name = doc.mention_field
        return {name: match(found.get(name, []), doc.record[name], run.SAME[name])}
    return run.score_incident_doc(doc.record, doc.text)


# --- the report ------------------------------------------------------------------------

FIELDS = (*run.SAME, *run.INCIDENT_FIELDS)


def _figures(s: Score) -> dict[str, float | int]:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "labels": s.tp + s.fn,
            "found": s.tp + s.fp, "P": round(s.precision, 4), "R": round(s.recall, 4),
            "F1": round(s.f1, 4)}


def cross_validate(docs: list[Document], k: int = 2, seed: int = 16) -> dict[str, Any]:
    """In-sample, held-out per fold and per kind of document, as plain figures."""
    folds = split(docs, k, seed)
    groups = source_groups(docs)
    fold_docs = [[d for name in names for d in groups[name]] for names in folds]
    everything = train(docs)
    in_sample = score(everything, docs)
    held: list[dict[str, Score]] = []
    for i, test in enumerate(fold_docs):
        rest = [d for j, part in enumerate(fold_docs) if j != i for d in part]
        held.append(score(train(rest), test))
    kinds = {kind: score(everything, [d for d in docs if d.kind == kind])
             for kind in (DEVELOPMENT, UNSEEN)}
    return {
        "folds": k, "seed": seed, "learned_components": sorted(COMPONENTS),
        "split": [{"groups": names, "documents": len(part),
                   "labels": sum(d.weight for d in part),
                   "development": sum(d.kind == DEVELOPMENT for d in part),
                   "unseen_like": sum(d.kind == UNSEEN for d in part)}
                  for names, part in zip(folds, fold_docs, strict=True)],
        "fields": {name: {"in_sample": _figures(in_sample.get(name, Score())),
                          "held_out": _held_out([h.get(name, Score()) for h in held]),
                          **{kind: _figures(s.get(name, Score())) for kind, s in kinds.items()}}
                   for name in FIELDS},
    }


def _held_out(per_fold: list[Score]) -> dict[str, Any]:
    """Mean and spread of F1 (and P, R) over the folds that hold labels of the field."""
    scored = [s for s in per_fold if s.tp + s.fn]
    f1s = [s.f1 for s in scored]
    return {"folds_with_labels": len(scored),
            "F1_mean": round(statistics.fmean(f1s), 4) if f1s else None,
            "F1_sd": round(statistics.pstdev(f1s), 4) if f1s else None,
            "F1_min": round(min(f1s), 4) if f1s else None,
            "F1_max": round(max(f1s), 4) if f1s else None,
            "P_mean": round(statistics.fmean(s.precision for s in scored), 4) if f1s else None,
            "R_mean": round(statistics.fmean(s.recall for s in scored), 4) if f1s else None,
            "per_fold": [_figures(s) for s in per_fold]}


def report(result: dict[str, Any]) -> Iterator[str]:
    """The lines `make eval` prints."""
    k = result["folds"]
    yield (f"Cross-validation: {k} folds split by source (conflict and outlet never "
           f"straddle), seed {result['seed']}")
    for i, part in enumerate(result["split"], 1):
        yield (f"  fold {i}: {part['documents']} documents ({part['development']} "
               f"development, {part['unseen_like']} unseen-like), {part['labels']} labels: "
               + ", ".join(part["groups"]))
    if result["learned_components"]:
        yield "  learned components: " + ", ".join(result["learned_components"])
    else:
        yield ("  no learned component yet (train() returns nothing): the rule pipeline is "
               "identical in and out of sample, so held-out differs from in-sample only by "
               "which documents each fold holds")
    yield ""
    yield (f"{'field':<26}{'labels':>7}{'found':>7}{'P':>6}{'R':>6}{'F1':>6}   "
           f"{'held-out F1 mean±sd':>20} {'[min-max]':>11}{'folds':>6}")
    for name, f in result["fields"].items():
        s, h = f["in_sample"], f["held_out"]
        held = (f"{h['F1_mean']:>14.2f} ±{h['F1_sd']:.2f} [{h['F1_min']:.2f}-{h['F1_max']:.2f}]"
                if h["F1_mean"] is not None else f"{'-':>20}{'':>12}")
        yield (f"{name:<26}{s['labels']:>7}{s['found']:>7}{s['P']:>6.2f}{s['R']:>6.2f}"
               f"{s['F1']:>6.2f}   {held}{h['folds_with_labels']:>4}/{k}")
    yield ""
    yield (f"{'field':<26}{'development: labels':>20}{'F1':>6}"
           f"{'unseen-like (real/): labels':>29}{'F1':>6}")
    for name, f in result["fields"].items():
        dev, unseen = f[DEVELOPMENT], f[UNSEEN]
        yield (f"{name:<26}{dev['labels']:>20}{_f1(dev):>6}"
               f"{unseen['labels']:>29}{_f1(unseen):>6}")


def _f1(figures: dict[str, Any]) -> str:
    return f"{figures['F1']:.2f}" if figures["labels"] else "-"


def write_json(result: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
