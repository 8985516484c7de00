"""Check the incident and statement labels: `.venv/bin/python eval/devset/incidents/check.py`.

Schema v2 (docs/annotation-guideline.md). It reads every `corpus*.jsonl` beside it (labels by
offset into ../shared/corpus, never copied into the project) and `written.jsonl` (our own
texts). For a corpus file the hash must match and `published`, `language` and `topic` must
be those of the corpus's index.json; for every record: each incident, statement and tally
span lies inside the text, starts and ends on a sentence boundary, stays on one line and
begins with the words in "check"; each demand lies inside its statement; the zones lie
inside the text (a headline and furniture on whole lines, a dateline at the start of one)
and no label falls inside a headline, byline, date line or furniture; types, dates, slugs,
periods and casualty bounds are well formed; no sentence has two incident labels or is both
an incident and a tally; no corpus file is labelled twice. Prints the errors, then the
counts per language and per file group; exits 1 when there is any error.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[3] / "shared" / "corpus"

TYPES = {"shelling", "airstrike", "killing", "injury", "detention", "torture", "blockade",
         "infrastructure_disruption", "displacement", "property_destruction",
         "ceasefire_violation", "other"}
INCIDENT_KEYS = {"type", "start", "end", "date", "place_id", "place", "killed", "injured",
                 "attributed_to", "claimed_by", "period", "denial", "check"}
INCIDENT_OPTIONAL = {"killed_max", "injured_max"}
STATEMENT_KEYS = {"start", "end", "by", "addressee", "date", "demands", "check"}
TALLY_KEYS = {"start", "end", "check"}
ZONE_KEYS = {"headline", "byline", "published_text", "dateline", "furniture"}
CORPUS_KEYS = {"file", "published", "language", "sha256", "topic", "incidents",
               "statements", "tallies", "zones"}
WRITTEN_KEYS = {"id", "language", "published", "text", "incidents", "statements",
                "tallies", "zones"}
LANGUAGES = {"en", "ru", "uk", "hy", "ar", "fr", "es", "it", "az"}
PERIODS = {"current", "background"}
FILE = re.compile(r"^(?:seed-\d{3}|real/\d{3})\.txt$")
_DAY = r"\d{4}-\d{2}-\d{2}"
DATE = re.compile(rf"^(?:\d{{4}}-\d{{2}}|{_DAY}|{_DAY}/{_DAY}|{_DAY}/)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENDS = ".!?։؟”\"»"
QUOTES = "”\"»'’)"
BLANK = " \t\r"

Span = tuple[int, int]


def _is_span(value: Any, text: str) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 0 <= value[0] < value[1] <= len(text))


def _ends_sentence(text: str, end: int, colon: bool) -> bool:
    """A sentence ends with its punctuation (closing quotes after it included), or at the
    end of its line when the source gives none; a colon ends one in Armenian typed with
    the Latin colon for `։` (`colon`)."""
    rest = text[end:end + 1]
    if rest in ("", "\n", "\r"):
        return True
    if not rest.isspace():
        return False
    body = text[:end].rstrip(QUOTES)
    return bool(body) and (body[-1] in ENDS or (colon and body[-1] == ":"))


def _sentence(label: dict[str, Any], text: str, at: str, colon: bool = False) -> list[str]:
    """The errors of a sentence span: inside the text, on sentence bounds, one line, check."""
    start, end = label["start"], label["end"]
    if not _is_span([start, end], text):
        return [f"{at}: span {start}-{end} outside the text"]
    errors = []
    if start > 0 and not text[start - 1].isspace():
        errors.append(f"{at}: does not start a sentence")
    if not _ends_sentence(text, end, colon):
        errors.append(f"{at}: does not end a sentence")
    if "\n" in text[start:end]:
        errors.append(f"{at}: crosses a line break")
    check = label.get("check")
    if not isinstance(check, str) or not check.strip():
        errors.append(f"{at}: check missing")
    elif " ".join(text[start:end].split()[:len(check.split())]) != check:
        errors.append(f"{at}: check {check!r} does not match the text")
    date = label.get("date")
    if date is not None and not (isinstance(date, str) and DATE.match(date)):
        errors.append(f"{at}: date {date!r}")
    return errors


def _keys(label: Any, required: set[str], optional: set[str], at: str) -> list[str]:
    if not isinstance(label, dict):
        return [f"{at}: not an object"]
    missing, extra = required - set(label), set(label) - required - optional
    if missing or extra:
        return [f"{at}: keys missing {sorted(missing)}, unknown {sorted(extra)}"]
    return []


def _name(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == value != "")


def _bounds(label: dict[str, Any], at: str) -> list[str]:
    errors = []
    for key in ("killed", "injured"):
        low, high = label[key], label.get(f"{key}_max")
        if low is not None and (not isinstance(low, int) or isinstance(low, bool) or low < 0):
            errors.append(f"{at}: {key} must be a non-negative integer or null")
        elif high is None:
            continue
        elif high == "open":
            if low is None:
                errors.append(f"{at}: {key}_max 'open' needs {key}, the lower bound")
        elif not isinstance(high, int) or isinstance(high, bool) or high <= (low or 0):
            errors.append(f"{at}: {key}_max must be 'open' or an integer above {key}")
    return errors


def _incident(label: dict[str, Any], text: str, at: str, colon: bool) -> list[str]:
    errors = _sentence(label, text, at, colon)
    if label["type"] not in TYPES:
        errors.append(f"{at}: type {label['type']!r}")
    if label["place_id"] is not None and not SLUG.match(str(label["place_id"])):
        errors.append(f"{at}: place_id {label['place_id']!r}")
    if (label["place_id"] is None) != (label["place"] is None):
        errors.append(f"{at}: place_id and place must both be set or both null")
    if not isinstance(label["denial"], bool):
        errors.append(f"{at}: denial must be true or false")
    if label["period"] not in PERIODS:
        errors.append(f"{at}: period {label['period']!r} (current or background)")
    for key in ("place", "attributed_to", "claimed_by"):
        if not _name(label[key]):
            errors.append(f"{at}: {key} must be a name or null")
    return errors + _bounds(label, at)


def _statement(label: dict[str, Any], text: str, at: str, colon: bool) -> list[str]:
    errors = _sentence(label, text, at, colon)
    for key in ("by", "addressee"):
        if not _name(label[key]):
            errors.append(f"{at}: {key} must be a name or null")
    demands = label["demands"]
    if not isinstance(demands, list):
        return errors + [f"{at}: demands must be a list"]
    for demand in demands:
        if not isinstance(demand, dict) or set(demand) != {"start", "end"}:
            errors.append(f"{at}: a demand is {{'start', 'end'}}, not {demand!r}")
        elif not (label["start"] <= demand["start"] < demand["end"] <= label["end"]):
            errors.append(f"{at}: demand {demand['start']}-{demand['end']} outside the statement")
        elif text[demand["start"]].isspace() or text[demand["end"] - 1].isspace():
            errors.append(f"{at}: demand {demand['start']}-{demand['end']} starts or ends "
                          "with white space")
    return errors


def _on_lines(span: Span, text: str, whole: bool) -> bool:
    start, end = span
    before, after = text[:start].rstrip(BLANK), text[end:].lstrip(BLANK)
    inside = text[start:end]
    if inside != inside.strip():
        return False
    return (not before or before.endswith("\n")) and (
        not whole or not after or after.startswith("\n"))


def _zones(zones: Any, text: str, at: str) -> tuple[list[str], list[Span]]:
    """The errors of a record's zones and the spans no label may enter."""
    if not isinstance(zones, dict) or set(zones) != ZONE_KEYS:
        return [f"{at}: zones must have exactly the keys {sorted(ZONE_KEYS)}"], []
    errors, closed = [], []
    spans = [(k, zones[k]) for k in ("headline", "byline", "published_text")
             if zones[k] is not None]
    if not isinstance(zones["furniture"], list):
        errors.append(f"{at}: zones.furniture must be a list")
    else:
        spans += [("furniture", s) for s in zones["furniture"]]
    for key, span in spans:
        if not _is_span(span, text):
            errors.append(f"{at}: zones.{key} {span!r} is not a [start, end] inside the text")
        elif key in ("headline", "furniture") and not _on_lines(tuple(span), text, True):
            errors.append(f"{at}: zones.{key} {span!r} is not whole lines")
        elif text[span[0]:span[1]] != text[span[0]:span[1]].strip():
            errors.append(f"{at}: zones.{key} {span!r} starts or ends with white space")
        else:
            closed.append((span[0], span[1]))
    dateline = zones["dateline"]
    if dateline is not None:
        if (not isinstance(dateline, dict) or set(dateline) != {"start", "end", "place"}
                or not _is_span([dateline["start"], dateline["end"]], text)
                or not _name(dateline["place"])):
            errors.append(f"{at}: zones.dateline must be {{start, end, place}} inside the text")
        elif not _on_lines((dateline["start"], dateline["end"]), text, whole=False):
            errors.append(f"{at}: zones.dateline does not begin a line")
    ordered = sorted(closed)
    errors += [f"{at}: zones {a} and {b} overlap"
               for a, b in zip(ordered, ordered[1:], strict=False) if b[0] < a[1]]
    return errors, closed


def _errors(record: dict[str, Any], text: str, where: str) -> list[str]:
    errors = []
    if record.get("language") not in LANGUAGES:
        errors.append(f"{where}: language {record.get('language')!r}")
    zone_errors, closed = _zones(record.get("zones"), text, where)
    errors += zone_errors
    sentences: dict[str, list[Span]] = defaultdict(list)
    kinds = (("incidents", INCIDENT_KEYS, INCIDENT_OPTIONAL, _incident),
             ("statements", STATEMENT_KEYS, set(), _statement),
             ("tallies", TALLY_KEYS, set(), _sentence))
    for kind, keys, optional, check in kinds:
        labels = record.get(kind)
        if not isinstance(labels, list):
            errors.append(f"{where}: {kind} must be a list")
            continue
        for label in labels:
            at = f"{where} {kind}[{label.get('start') if isinstance(label, dict) else '?'}]"
            wrong = _keys(label, keys, optional, at)
            if wrong:
                errors += wrong
                continue
            errors += check(label, text, at, record.get("language") == "hy")
            span = (label["start"], label["end"])
            sentences[kind].append(span)
            errors += [f"{at}: inside a headline, byline, date line or furniture zone"
                       for z in closed if span[0] < z[1] and z[0] < span[1]][:1]
    incidents = sentences["incidents"]
    if len(incidents) != len(set(incidents)):
        errors.append(f"{where}: two incident labels on one sentence")
    errors += [f"{where} tallies[{s[0]}]: also an incident label"
               for s in set(sentences["tallies"]) & set(incidents)]
    return errors


def _index() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for folder, prefix in ((CORPUS, ""), (CORPUS / "real", "real/")):
        path = folder / "index.json"
        if path.exists():
            for entry in json.loads(path.read_text("utf-8")):
                entries[prefix + entry["file"]] = entry
    return entries


def _corpus_record(record: dict[str, Any], index: dict[str, dict[str, Any]],
                   where: str) -> tuple[list[str], str | None]:
    """The errors of a corpus record's file and metadata, and the file's text."""
    name = record.get("file")
    if not isinstance(name, str) or not FILE.match(name):
        return [f"{where}: file {name!r} (seed-NNN.txt or real/NNN.txt)"], None
    path = CORPUS / name
    if not path.exists():
        return [f"{where}: {path} not found"], None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != record.get("sha256"):
        return [f"{where}: sha256 differs: the file changed"], None
    entry = index.get(name, {})
    errors = [f"{where}: {key} {record.get(key)!r}, index.json says {entry[key]!r}"
              for key in ("published", "language", "topic")
              if key in entry and record.get(key) != entry[key]]
    return errors, data.decode("utf-8")


def _sources() -> tuple[list[str], list[tuple[dict[str, Any], str, str, str]]]:
    """Every labelled record with its text, where it is and its file group."""
    errors: list[str] = []
    sources = []
    index, seen = _index(), {}
    for path in sorted(HERE.glob("corpus*.jsonl")) + [HERE / "written.jsonl"]:
        group = "written" if path.name == "written.jsonl" else path.stem
        keys = WRITTEN_KEYS if group == "written" else CORPUS_KEYS
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            record = json.loads(line)
            if set(record) != keys:
                errors.append(f"{where}: keys missing {sorted(keys - set(record))}, "
                              f"unknown {sorted(set(record) - keys)}")
                continue
            if group == "written":
                sources.append((record, record["text"], f"{where} {record['id']}", group))
                continue
            if record["file"] in seen:
                errors.append(f"{where}: {record['file']} labelled in {seen[record['file']]} too")
            seen[record["file"]] = where
            wrong, text = _corpus_record(record, index, where)
            errors += wrong
            if text is not None:
                sources.append((record, text, f"{where} {record['file']}", group))
    return errors, sources


COLUMNS = ("docs", "current", "background", "denials", "statements", "demands", "agent",
           "claimant", "tallies")


def _counts(record: dict[str, Any]) -> Counter[str]:
    incidents = [i for i in record["incidents"] if isinstance(i, dict)]
    events = [i for i in incidents if not i.get("denial")]
    return Counter({
        "docs": 1,
        "current": sum(i.get("period") == "current" for i in events),
        "background": sum(i.get("period") == "background" for i in events),
        "denials": len(incidents) - len(events),
        "statements": len(record["statements"]),
        "demands": sum(len(s.get("demands") or []) for s in record["statements"]
                       if isinstance(s, dict)),
        "agent": sum(bool(i.get("attributed_to")) for i in events),
        "claimant": sum(bool(i.get("claimed_by")) for i in incidents),
        "tallies": len(record["tallies"]),
    })


def _table(title: str, rows: dict[str, Counter[str]]) -> None:
    print(f"{title:<16}" + "".join(f"{c:>11}" for c in COLUMNS))
    for name, row in sorted(rows.items()):
        print(f"{name:<16}" + "".join(f"{row[c]:>11}" for c in COLUMNS))


def main() -> int:
    errors, sources = _sources()
    per_language: dict[str, Counter[str]] = defaultdict(Counter)
    per_group: dict[str, Counter[str]] = defaultdict(Counter)
    per_type: Counter[str] = Counter()
    for record, text, where, group in sources:
        errors += _errors(record, text, where)
        counts = _counts(record)
        per_language[record["language"]] += counts
        per_group[group] += counts
        per_type.update(i.get("type") for i in record["incidents"]
                        if isinstance(i, dict) and not i.get("denial"))
    for error in errors:
        print(error)
    total = sum(per_group.values(), Counter())
    _table("per language", per_language)
    _table("per file group", {**per_group, "ALL": total})
    print("incidents per type:", dict(per_type.most_common()))
    print(f"incidents {total['current'] + total['background']} (current {total['current']}, "
          f"background {total['background']}), denials {total['denials']}, statements "
          f"{total['statements']}, demands {total['demands']}, attributions (agent) "
          f"{total['agent']}, claimants {total['claimant']}, tallies {total['tallies']}")
    print(f"{len(errors)} errors" if errors else "no errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
