"""Check the incident and statement labels: `.venv/bin/python eval/devset/incidents/check.py`.

For corpus.jsonl it reads ../shared/corpus (never copied into the project): the file's hash
must match, every span must lie inside the file, start and end on a sentence boundary and
begin with the words in "check". For written.jsonl the same on the record's own text.
Prints counts per language and type; exits 1 on the first kind of error it finds.
See docs/annotation-guideline.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[3] / "shared" / "corpus"

TYPES = {"shelling", "airstrike", "killing", "injury", "detention", "torture", "blockade",
         "infrastructure_disruption", "displacement", "property_destruction",
         "ceasefire_violation", "other"}
INCIDENT_KEYS = {"type", "start", "end", "date", "place_id", "place", "killed", "injured",
                 "attributed_to", "denial", "check"}
STATEMENT_KEYS = {"start", "end", "by", "addressee", "date", "check"}
LANGUAGES = {"en", "ru", "hy", "fr", "az"}
_DAY = r"\d{4}-\d{2}-\d{2}"
DATE = re.compile(rf"^(?:\d{{4}}-\d{{2}}|{_DAY}|{_DAY}/{_DAY}|{_DAY}/\.\.)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENDS = ".!?։”\"»"


def _errors(record: dict[str, Any], text: str, where: str) -> list[str]:
    errors = []
    if record.get("language") not in LANGUAGES:
        errors.append(f"{where}: language {record.get('language')!r}")
    spans = []
    for kind, keys in (("incidents", INCIDENT_KEYS), ("statements", STATEMENT_KEYS)):
        for label in record.get(kind, []):
            at = f"{where} {kind}[{label.get('start')}]"
            if set(label) - keys or not {"start", "end"} <= set(label):
                errors.append(f"{at}: keys {sorted(label)}")
                continue
            start, end = label["start"], label["end"]
            if not 0 <= start < end <= len(text):
                errors.append(f"{at}: span {start}-{end} outside the text")
                continue
            if start > 0 and not text[start - 1].isspace():
                errors.append(f"{at}: does not start a sentence")
            if text[end - 1] not in ENDS or (end < len(text) and not text[end].isspace()):
                errors.append(f"{at}: does not end a sentence")
            if "\n" in text[start:end]:
                errors.append(f"{at}: crosses a line break")
            check = label.get("check")
            if check and " ".join(text[start:end].split()[:len(check.split())]) != check:
                errors.append(f"{at}: check {check!r} does not match the text")
            date = label.get("date")
            if date is not None and not DATE.match(date):
                errors.append(f"{at}: date {date!r}")
            if kind == "incidents":
                if label["type"] not in TYPES:
                    errors.append(f"{at}: type {label['type']!r}")
                if label["place_id"] is not None and not SLUG.match(label["place_id"]):
                    errors.append(f"{at}: place_id {label['place_id']!r}")
                if (label["place_id"] is None) != (label["place"] is None):
                    errors.append(f"{at}: place_id and place must both be set or both null")
                if not isinstance(label["denial"], bool):
                    errors.append(f"{at}: denial must be true or false")
                for key in ("killed", "injured"):
                    if label[key] is not None and not isinstance(label[key], int):
                        errors.append(f"{at}: {key} must be an integer or null")
                spans.append((start, end))
    if len(spans) != len(set(spans)):
        errors.append(f"{where}: two incident labels on one sentence")
    return errors


def main() -> int:
    errors: list[str] = []
    per_language: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    statements = denials = 0
    sources = []
    for line in (HERE / "corpus.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        data = (CORPUS / record["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != record["sha256"]:
            errors.append(f"{record['file']}: sha256 differs: the file changed")
            continue
        sources.append((record, data.decode("utf-8"), f"corpus {record['file']}"))
    for line in (HERE / "written.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        sources.append((record, record["text"], f"written {record['id']}"))
        texts[record["language"]] += 1
    for record, text, where in sources:
        errors += _errors(record, text, where)
        for label in record["incidents"]:
            if label["denial"]:
                denials += 1
            else:
                per_language[record["language"] + (" corpus" if "file" in record else "")] += 1
                per_type[label["type"]] += 1
        statements += len(record["statements"])
    for error in errors:
        print(error)
    print("written texts per language:", dict(sorted(texts.items())))
    print("incidents per language:", dict(sorted(per_language.items())))
    print("incidents per type:", dict(per_type.most_common()))
    print(f"incidents {sum(per_type.values())}, denials {denials}, statements {statements}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
