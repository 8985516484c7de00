"""The Uwazi export against Uwazi's own rules (tests/publish/data/uwazi_rules.json, from
huridocs/uwazi's schemas and CSV importer): the template and thesauri validate as its API
would validate them, and every column and cell of the CSV is one its importer takes."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from rightsledger.ledger import Ledger
from rightsledger.publish.export import export

RULES = json.loads((Path(__file__).parent / "data" / "uwazi_rules.json").read_text("utf-8"))


def _safe_name(label: str) -> str:
    # Uwazi's app/shared/propertyNames.ts safeName (the default name generation)
    return re.sub(r"[^a-z0-9]", "_", label.strip(), flags=re.IGNORECASE).lower()


def _normal(label: str) -> str:
    # Uwazi's normalizeThesaurusLabel
    return label.strip().lower()


def _date(text: str) -> datetime | None:
    for fmt in ("%Y/%m/%d", "%Y-%m-%d", "%Y %m %d", "%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def uwazi_problems(folder: Path) -> list[str]:
    """What Uwazi would refuse or silently drop in an export folder, one line each."""
    problems: list[str] = []
    template = json.loads((folder / "uwazi-template.json").read_text("utf-8"))
    thesauri = json.loads((folder / "uwazi-thesauri.json").read_text("utf-8"))
    prop_schema = jsonschema_rs.validator_for(RULES["property_schema"])
    for error in jsonschema_rs.validator_for(RULES["template_schema"]).iter_errors(template):
        problems.append(f"template: {error.message}")
    by_thesaurus: dict[str, set[str]] = {}
    thesaurus_schema = jsonschema_rs.validator_for(RULES["thesaurus_schema"])
    for thesaurus in thesauri:
        problems += [f"thesaurus: {e.message}" for e in thesaurus_schema.iter_errors(thesaurus)]
        labels = [_normal(v["label"]) for v in thesaurus.get("values", [])]
        if len(labels) != len(set(labels)):
            problems.append(f"thesaurus {thesaurus['name']}: labels repeat")
        by_thesaurus[thesaurus["name"]] = set(labels)
    if not any(p.get("name") == "title" for p in template.get("commonProperties", [])):
        problems.append("template: no title property")
    properties: dict[str, dict[str, Any]] = {}
    for prop in template.get("properties", []):
        problems += [f"property {prop.get('name')}: {e.message}"
                     for e in prop_schema.iter_errors(prop)]
        if prop["type"] not in RULES["property_types"]:
            problems.append(f"property {prop['name']}: unknown type {prop['type']}")
        expected = _safe_name(prop["label"])
        if prop["type"] in RULES["csv"]["suffixed_types"]:
            expected += f"_{prop['type']}"
        if prop["name"] != expected:
            problems.append(f"property {prop['name']}: Uwazi names it {expected}")
        if prop["type"] in ("select", "multiselect") and prop.get("content") not in by_thesaurus:
            problems.append(f"property {prop['name']}: no thesaurus {prop.get('content')}")
        if prop["name"].lower() in properties:
            problems.append(f"property {prop['name']}: name repeats")
        properties[prop["name"].lower()] = prop
    sep = RULES["csv"]["multi_value_separator"]
    with (folder / "uwazi-import.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for column in reader.fieldnames or []:
            if _safe_name(column) != "title" and _safe_name(column) not in properties:
                problems.append(f"column {column}: no property of that name (dropped)")
        for number, row in enumerate(reader, start=2):
            if not row.get("title"):
                problems.append(f"row {number}: no title")
            for column, cell in row.items():
                prop = properties.get(_safe_name(column))
                if prop is None or not cell:
                    continue
                where = f"row {number}, {column}"
                kind = prop["type"]
                if kind in ("select", "multiselect"):
                    values = cell.split(sep) if kind == "multiselect" else [cell]
                    problems += [f"{where}: '{v}' not in {prop['content']}" for v in values
                                 if _normal(v) not in by_thesaurus.get(prop["content"], ())]
                elif kind == "daterange":
                    start, _, end = cell.partition(RULES["csv"]["date_range_separator"])
                    if not _date(start) or (end and not _date(end)):
                        problems.append(f"{where}: '{cell}' is not a date range")
                elif kind == "geolocation":
                    parts = cell.split(sep)
                    try:
                        lat, lon = (float(p) for p in parts)
                        good = -90 <= lat <= 90 and -180 <= lon <= 180
                    except ValueError:
                        good = False
                    if not good:
                        problems.append(f"{where}: '{cell}' is not lat|lon")
                elif kind == "numeric":
                    try:
                        float(cell)
                    except ValueError:
                        problems.append(f"{where}: '{cell}' is not a number")
    return problems


def test_the_uwazi_files_are_what_uwazi_takes(ledger: Ledger, filled: dict[str, Any],
                                               tmp_path: Path) -> None:
    done = export(ledger, "huridocs", tmp_path / "uwazi", "t")
    assert set(done.files) == {"uwazi-import.csv", "uwazi-template.json",
                               "uwazi-thesauri.json"}
    assert uwazi_problems(tmp_path / "uwazi") == []
    with (tmp_path / "uwazi" / "uwazi-import.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    shelling = next(r for r in rows if r["rightsledger_id"] == f"RL-{filled['shelling']}")
    assert shelling["event_type"] == "Shelling" and shelling["grade"] == "Contested"
    lat, lon = (float(x) for x in shelling["location_geolocation"].split("|"))
    assert 38 < lat < 42 and 44 < lon < 50  # the South Caucasus
    school = next(r for r in rows if r["rightsledger_id"] == f"RL-{filled['school']}")
    assert school["date_range"] == "2023/02/16:2023/02/16"
    thesauri = json.loads((tmp_path / "uwazi" / "uwazi-thesauri.json").read_text("utf-8"))
    types = next(t for t in thesauri if t["name"] == "Event types (RightsLedger)")
    assert {"label": "Ceasefire violation"} in types["values"]


@pytest.mark.parametrize(("change", "found"), [
    (("location_geolocation", "location"), "column location: no property of that name"),
    (("Shelling", "shelling_of_towns"), "not in Event types (RightsLedger)"),
    (("2023/02/16:", "16.02.2023:"), "is not a date range"),
])
def test_the_checker_finds_what_uwazi_would_refuse(ledger: Ledger, filled: dict[str, Any],
                                                    tmp_path: Path, change: tuple[str, str],
                                                    found: str) -> None:
    export(ledger, "huridocs", tmp_path / "uwazi", "t")
    path = tmp_path / "uwazi" / "uwazi-import.csv"
    path.write_text(path.read_text("utf-8").replace(*change), "utf-8")
    assert any(found in p for p in uwazi_problems(tmp_path / "uwazi"))
