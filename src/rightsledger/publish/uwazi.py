"""HURIDOCS Uwazi: the files an Uwazi instance takes as they are (docs/publishing.md, "Uwazi").

    uwazi-thesauri.json   one body per thesaurus for ``POST /api/thesauris``: event types,
                          places, rights, grades, date precisions (labels, not our slugs)
    uwazi-template.json   the body for ``POST /api/templates``; each select property's
                          ``content`` names its thesaurus, to be replaced by the ``_id`` Uwazi
                          gave it (the recipe in docs/publishing.md does it with jq)
    uwazi-import.csv      one row per incident for Uwazi's CSV import, its header the
                          properties' names as Uwazi derives them from their labels

Uwazi's rules, as its CSV importer applies them (app/api/csv in huridocs/uwazi): a column
is matched to a property by the property's name, which Uwazi makes from its label
(lower-cased, every character but a-z and 0-9 made "_") and, for a geolocation, with
"_geolocation" appended; several values in a cell are separated by "|"; a select value is
a thesaurus label; a date range is "from:to" as YYYY/MM/DD; a geolocation is "lat|lon".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rightsledger import vocabularies
from rightsledger.publish.figures import claimed_range, first_point
from rightsledger.records.dates import PRECISIONS
from rightsledger.review.grading import GRADES
from rightsledger.workflow import dialects

TEMPLATE_NAME = "Incident (RightsLedger)"
# label, Uwazi property type, thesaurus (for select and multiselect)
PROPERTIES: list[tuple[str, str, str | None]] = [
    ("Event type", "select", "Event types (RightsLedger)"),
    ("Date range", "daterange", None),
    ("Date precision", "select", "Date precisions (RightsLedger)"),
    ("Location", "geolocation", None),
    ("Places", "multiselect", "Places (RightsLedger)"),
    ("Rights affected", "multiselect", "Rights (RightsLedger)"),
    ("Grade", "select", "Grades (RightsLedger)"),
    ("Killed low", "numeric", None),
    ("Killed high", "numeric", None),
    ("Injured low", "numeric", None),
    ("Injured high", "numeric", None),
    ("Claims", "markdown", None),
    ("Sources", "markdown", None),
    ("RightsLedger id", "text", None),
]
SEP = "|"


def property_name(label: str, kind: str) -> str:
    """The name Uwazi gives a property of this label and type (its ``safeName``, and the
    suffix it adds to geolocations)."""
    name = dialects.safe_name(label)  # the rule import matches Uwazi's columns by
    return f"{name}_geolocation" if kind == "geolocation" else name


def header() -> list[str]:
    return ["title"] + [property_name(label, kind) for label, kind, _ in PROPERTIES]


def label(slug: str) -> str:
    """A vocabulary slug as the label people read: "ceasefire_violation" → "Ceasefire
    violation"."""
    return slug.replace("_", " ").capitalize()


def thesauri(snap: dict[str, Any]) -> list[dict[str, Any]]:
    """Every thesaurus a select property uses, with every value the rows use (and, for the
    closed vocabularies, every value there is)."""
    types = sorted(t for t in vocabularies.load("rights") if not t.startswith("_"))
    rights = sorted({r for t in types for r in vocabularies.load("rights")[t]}
                    | {r for i in snap["incidents"] for r in i["rights"]})
    places = sorted({n for i in snap["incidents"] for n in i["place_names"]})
    values = {"Event types (RightsLedger)": [label(t) for t in types],
              "Date precisions (RightsLedger)": [label(p) for p in PRECISIONS],
              "Places (RightsLedger)": places, "Rights (RightsLedger)": rights,
              "Grades (RightsLedger)": [label(g) for g in (*GRADES, "ungraded")]}
    return [{"name": name, "values": [{"label": v} for v in values[name]]}
            for name in dict.fromkeys(t for _, _, t in PROPERTIES if t)]


def template() -> dict[str, Any]:
    props = []
    for text, kind, thesaurus in PROPERTIES:
        prop: dict[str, Any] = {"label": text, "name": property_name(text, kind), "type": kind}
        if thesaurus:
            prop["content"] = thesaurus
        props.append(prop)
    return {"name": TEMPLATE_NAME, "color": "#8e2a2a",
            "commonProperties": [
                {"label": "Title", "name": "title", "type": "text", "isCommonProperty": True},
                {"label": "Date added", "name": "creationDate", "type": "date",
                 "isCommonProperty": True},
                {"label": "Date modified", "name": "editDate", "type": "date",
                 "isCommonProperty": True}],
            "properties": props}


def _day(day: str | None) -> str:
    return day.replace("-", "/") if day else ""


def row(incident: dict[str, Any], places: dict[str, Any]) -> dict[str, Any]:
    """One incident as a row of the import CSV (cells by property name)."""
    point = first_point(incident, places)
    names = incident["place_names"]
    when = incident["date_start"] or ""
    cells: dict[str, Any] = {
        "title": f"{label(incident['type'])}{', ' + names[0] if names else ''}"
                 f"{', ' + when if when else ''}",
        "event_type": label(incident["type"]),
        "date_range": f"{_day(incident['date_start'])}:{_day(incident['date_end'])}"
                      if when else "",
        "date_precision": label(incident.get("date_precision") or "") or "",
        "location_geolocation": f"{point[0]}{SEP}{point[1]}" if point else "",
        "places": SEP.join(names), "rights_affected": SEP.join(incident["rights"]),
        "grade": label(incident["grade"] or "ungraded"),
        "claims": incident["claims_side_by_side"],
        "sources": "\n".join(f"* {s['publisher'] or 'unknown'}, {s['published'] or 'n.d.'}"
                             f": {s['title'] or ''} (sha256 {s['id'][:12]})"
                             for s in incident["sources"]),
        "rightsledger_id": f"RL-{incident['id']}"}
    for figure in ("killed", "injured"):
        found = claimed_range(incident, figure)
        cells[f"{figure}_low"], cells[f"{figure}_high"] = found or (None, None)
    return cells


def write(snap: dict[str, Any], folder: Path, write_csv: Any) -> None:
    """The three files; ``write_csv(path, header, rows)`` is the open-data CSV writer (its
    formula guard and quoting)."""
    write_csv(folder / "uwazi-import.csv", header(),
              (row(i, snap["places"]) for i in snap["incidents"]))
    for name, doc in (("uwazi-thesauri.json", thesauri(snap)),
                      ("uwazi-template.json", template())):
        (folder / name).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                   "utf-8")
