"""`make eval`: score the extraction pipeline on the labelled development set.

    eval/devset/{places,dates,numbers,organizations}.jsonl   texts written by us, labelled
    eval/devset/incidents/written.jsonl                      texts written by us, labelled
    eval/devset/incidents/corpus.jsonl                       labels BY OFFSET into
                                                             ../shared/corpus (never copied)

Prints precision, recall and F1 per field. See docs/annotation-guideline.md.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from score import Mention, Score, match, norm

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


def _incident_docs() -> Iterator[tuple[dict[str, Any], str]]:
    written = DEVSET / "incidents" / "written.jsonl"
    if written.exists():
        for record in _records(written):
            yield record, record["text"]
    corpus = DEVSET / "incidents" / "corpus.jsonl"
    if not corpus.exists():
        return
    for record in _records(corpus):
        path = CORPUS / record["file"]
        if not path.exists():
            print(f"  corpus file {path} not found: its labels are not scored")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            print(f"  corpus file {path.name} changed since it was labelled: not scored")
            continue
        yield record, data.decode("utf-8")


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
    return (p["type"] == e["type"] and p.get("date") == e.get("date")
            and (p.get("place_id") or None) == _place_id(e.get("place")))


def score_incidents(scores: dict[str, Score]) -> None:
    for key in ("incident type", "incident type+date+place", "attribution", "denials",
                "statements"):
        scores.setdefault(key, Score())
    for record, text in _incident_docs():
        found = _found(record, text)
        labelled = [i for i in record.get("incidents", []) if not i.get("denial")]
        denials = [i for i in record.get("incidents", []) if i.get("denial")]
        predicted = found.get("incidents", [])
        scores["incident type"].add(match(predicted, labelled,
                                          lambda p, e: p["type"] == e["type"]))
        scores["incident type+date+place"].add(match(predicted, labelled, _same_event))
        attributed = [i for i in labelled if i.get("attributed_to")]
        claimed = [p for p in predicted if p.get("attributed_to")]
        scores["attribution"].add(match(claimed, attributed, lambda p, e: _actor_id(
            p["attributed_to"]) == _actor_id(e["attributed_to"])))
        scores["denials"].add(match(found.get("denials", []), denials, lambda p, e: True))
        scores["statements"].add(match(found.get("statements", []),
                                       record.get("statements", []), lambda p, e: True))


def main() -> int:
    scores: dict[str, Score] = {}
    score_mentions(scores)
    score_incidents(scores)
    print(f"{'field':<28}{'labels':>8}{'found':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for field, s in scores.items():
        print(f"{field:<28}{s.tp + s.fn:>8}{s.tp + s.fp:>8}"
              f"{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
