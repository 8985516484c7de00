"""`make eval`: score the extraction pipeline on the labelled development set.

    eval/devset/{places,dates,numbers,organizations}.jsonl   texts written by us, labelled
    eval/devset/incidents/written.jsonl                      texts written by us, labelled
    eval/devset/incidents/corpus*.jsonl                      labels BY OFFSET into
                                                             ../shared/corpus (never copied)

Prints precision, recall and F1 per field, in-sample and held-out by cross-validation over
folds split by source (eval/folds.py; `--folds K`, `--seed N`, `--json PATH`). Only
incidents labelled `period: current` are things to propose; a prediction on a sentence
labelled `period: background` is a false positive. See docs/annotation-guideline.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from score import Mention, Score, match, norm, overlaps

from rightsledger.extract.document import Doc
from rightsledger.extract.organizations import find_organizations
from rightsledger.extract.pipeline import extract_text
from rightsledger.extract.places import find_places

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset"
CORPUS = HERE.parent.parent / "shared" / "corpus"

SAME = {
    "places": lambda p, e: p.get("place_id") == e.get("place_id"),
    "dates": lambda p, e: p.get("value") == e.get("value"),
    "numbers": lambda p, e: p.get("value") == e.get("value"),
    "organizations": lambda p, e: p.get("actor_id") == e.get("actor_id"),
}


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _found(record: dict[str, Any], text: str) -> dict[str, list[Mention]]:
    doc = extract_text(text, record.get("language"), _day(record.get("published")))
    return doc.found


def score_mentions(scores: dict[str, Score]) -> None:
    for field, same in SAME.items():
        path = DEVSET / f"{field}.jsonl"
        if not path.exists():
            print(f"  (no {path.relative_to(HERE.parent)})")
            continue
        total = scores.setdefault(field, Score())
        for record in _records(path):
            found = _found(record, record["text"])
            total.add(match(found.get(field, []), record[field], same))


def incident_docs() -> Iterator[tuple[dict[str, Any], str]]:
    """Every labelled incident document with its text: written.jsonl, then corpus*.jsonl."""
    written = DEVSET / "incidents" / "written.jsonl"
    if written.exists():
        for record in _records(written):
            yield record, record["text"]
    for corpus in sorted((DEVSET / "incidents").glob("corpus*.jsonl")):
        for record in _records(corpus):
            text = _corpus_text(record)
            if text is not None:
                yield record, text


def _corpus_text(record: dict[str, Any]) -> str | None:
    path = CORPUS / record["file"]
    if not path.exists():
        print(f"  corpus file {path} not found: its labels are not scored")
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != record["sha256"]:
        print(f"  corpus file {record['file']} changed since it was labelled: not scored")
        return None
    return data.decode("utf-8")


@cache
def _place_id(name: str | None) -> str | None:
    """The gazetteer id of a labelled place name ("Shushi" and "Shusha" are one place)."""
    if not name:
        return None
    found = find_places(Doc(name))
    return str(found[0]["place_id"]) if found else norm(name)


@cache
def _actor_id(name: str | None) -> str | None:
    """The actor id of an organisation's name, as the actor vocabulary knows it."""
    if not name:
        return None
    found = find_organizations(Doc(name))
    return str(found[0]["actor_id"]) if found else norm(name)


def _same_event(p: Mention, e: Mention) -> bool:
    """Same type, date and place; a place the gazetteer lacks is compared by its name."""
    return (p["type"] == e["type"] and p.get("date") == e.get("date")
            and (p.get("place_id") or norm(p.get("place")) or None) == _place_id(e.get("place")))


INCIDENT_FIELDS = ("incident type", "incident type+date+place", "attribution", "claimant",
                   "denials", "statements", "statement speaker", "demands")


def _demands(statements: list[Mention]) -> list[Mention]:
    """Each demand of the proposed statements as its own mention, by where it is."""
    return [{"start": a, "end": b} for s in statements for a, b in s.get("demand_spans", [])]


def _current(label: Mention) -> bool:
    return label.get("period", "current") != "background"


def _same_actor(key: str) -> Any:
    return lambda p, e: _actor_id(p[key]) == _actor_id(e[key])


def score_incident_doc(record: dict[str, Any], text: str) -> dict[str, Score]:
    """The incident fields' scores of one document (H8's folds sum these per document)."""
    found = _found(record, text)
    incidents = record.get("incidents", [])
    labelled = [i for i in incidents if not i.get("denial") and _current(i)]
    background = [i for i in incidents if not i.get("denial") and not _current(i)]
    denials = [i for i in incidents if i.get("denial")]
    predicted = found.get("incidents", [])
    # A proposal on a background sentence is a false positive, never a match.
    on_background = [any(overlaps(p, b) for b in background) for p in predicted]
    candidates = [p for p, out in zip(predicted, on_background, strict=True) if not out]
    scores = {
        "incident type": match(candidates, labelled, lambda p, e: p["type"] == e["type"]),
        "incident type+date+place": match(candidates, labelled, _same_event),
        "denials": match(found.get("denials", []), denials, lambda p, e: True),
        "statements": match(found.get("statements", []), record.get("statements", []),
                            lambda p, e: True),
        "statement speaker": match([p for p in found.get("statements", []) if p.get("by")],
                                   [e for e in record.get("statements", []) if e.get("by")],
                                   _same_actor("by")),
        "demands": match(_demands(found.get("statements", [])),
                         [d for e in record.get("statements", []) for d in e.get("demands", [])],
                         lambda p, e: True),
    }
    for field in ("incident type", "incident type+date+place"):
        scores[field].fp += sum(on_background)
    for field, key in (("attribution", "attributed_to"), ("claimant", "claimed_by")):
        scores[field] = match([p for p in candidates if p.get(key)],
                              [i for i in labelled if i.get(key)], _same_actor(key))
    return scores


def score_incidents(scores: dict[str, Score],
                    docs: Iterable[tuple[dict[str, Any], str]] | None = None) -> None:
    for key in INCIDENT_FIELDS:
        scores.setdefault(key, Score())
    for record, text in incident_docs() if docs is None else docs:
        for field, score in score_incident_doc(record, text).items():
            scores[field].add(score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the pipeline on the development set, in-sample and held-out.",
        epilog="example: .venv/bin/python eval/run.py --folds 3 --json /tmp/eval.json")
    parser.add_argument("--folds", type=int, default=2, metavar="K",
                        help="folds split by source (conflict and outlet); default 2")
    parser.add_argument("--seed", type=int, default=16, help="orders groups of equal size")
    parser.add_argument("--json", type=Path, metavar="PATH",
                        help="also write the figures to PATH, to compare a later change")
    args = parser.parse_args(argv)
    sys.modules.setdefault("run", sys.modules[__name__])  # folds reads this module
    import folds

    docs = folds.documents()
    try:
        result = folds.cross_validate(docs, args.folds, args.seed)
    except ValueError as error:
        print(f"eval/run.py: {error}", file=sys.stderr)
        return 2
    for line in folds.report(result):
        print(line)
    if args.json:
        try:
            folds.write_json(result, args.json)
        except OSError as error:
            print(f"eval/run.py: cannot write --json {args.json}: {error.strerror}",
                  file=sys.stderr)
            return 2
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
