"""The Frictionless Data Package of a CSV export: ``datapackage.json`` beside the CSV files.

One resource per CSV file, each with its Table Schema: the fields in the order of the
file's header (read back from the file, so the two cannot differ), their types and
descriptions, the primary key and the foreign keys between the files. A cell of several
values is a string whose values are separated by " | " (formats.SEP); the field's
description says so. The package carries the licence chosen at export, cites the ledger
and the data snapshot the files were built from, and names the snapshot's day as
``created``: the same snapshot gives the same bytes. Frictionless (``frictionless validate
datapackage.json``) checks the files against it; docs/publishing.md says how.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.publish.formats import SEP
from rightsledger.records.claims import STANCES
from rightsledger.records.dates import PRECISIONS
from rightsledger.records.disruptions import KINDS
from rightsledger.records.inquiries import CHANNELS, STATUSES

NAME = "datapackage.json"
DEFAULT_LICENCE = "CC-BY-4.0"
LICENCES = {  # Open Definition / SPDX id: (title, the licence's text)
    "CC-BY-4.0": ("Creative Commons Attribution 4.0",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution Share-Alike 4.0",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons CC0 1.0 Universal (public domain)",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License 1.0",
                   "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License 1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
}
LIST = f'several values, separated by "{SEP}"'
BOOLEAN = {"trueValues": ["True"], "falseValues": ["False"]}


def licence(name: str) -> str:
    """The licence id as written in the package, for ``name`` in any case; else BadInput."""
    found = {k.lower(): k for k in LICENCES}.get(name.strip().lower())
    if found is None:
        raise BadInput(f"--licence: '{name}' is not one of {', '.join(LICENCES)}")
    return found


@dataclass(frozen=True)
class Table:
    title: str
    fields: dict[str, tuple[str, str]]  # column: (Table Schema type, description)
    key: tuple[str, ...] = ("id",)
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # column: (table, column)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _place(prefix: str) -> dict[str, tuple[str, str]]:
    return {"lat": ("number", f"Latitude of {prefix} (WGS 84, degrees)"),
            "lon": ("number", f"Longitude of {prefix} (WGS 84, degrees)")}


TABLES: dict[str, Table] = {
    "incidents": Table("Incidents: accepted records of what happened, with the claims side "
                       "by side", {
        "id": ("integer", "The incident's number in the ledger"),
        "type": ("string", "Type of incident (a slug of RightsLedger's vocabulary)"),
        "date": ("string", "The dates as one EDTF / ISO 8601 value: a day, a month, a year, or an "
                 "interval start/end, start/.. while it goes on"),
        "date_start": ("date", "First day of the incident"),
        "date_end": ("date", "Last day of the incident (empty: not known or ongoing)"),
        "date_precision": ("string", "How precisely the dates are known"),
        "places": ("string", f"Ids of the incident's places in places.csv; {LIST}"),
        "place_names": ("string", f"Names of the incident's places; {LIST}"),
        **_place("the first place with coordinates"),
        "rights": ("string", f"Rights the incident bears on (treaty and article); {LIST}"),
        "grade": ("string", "How well the sources support the incident (strong, fair, weak, "
                            "contested)"),
        "grade_reasons": ("string", f"Why the incident has its grade; {LIST}"),
        "killed_low": ("integer", "Lowest number of people killed any source asserts"),
        "killed_high": ("integer", "Highest number of people killed any source asserts"),
        "injured_low": ("integer", "Lowest number of people injured any source asserts"),
        "injured_high": ("integer", "Highest number of people injured any source asserts"),
        "claims_side_by_side": ("string", "Every claim in one line, each with who makes it, "
                                          "separated by '; ' (one row each in claims.csv)"),
        "sources": ("integer", "Number of sources (one row each in sources.csv)"),
        "description": ("string", "Description of the incident"),
    }, choices={"date_precision": PRECISIONS}),
    "claims": Table("Claims: what each source or party says about an incident", {
        "id": ("integer", "The claim's number in the ledger"),
        "incident_id": ("integer", "The incident the claim is about (incidents.csv)"),
        "by": ("string", "Who makes the claim"),
        "stance": ("string", "Whether the claim asserts or denies the incident"),
        "says": ("string", "The claim in words"),
        **{f"{figure}_{k}": ("integer", f"{word} number of people {figure} the claim gives")
           for figure in ("killed", "injured")
           for k, word in (("min", "Lowest"), ("best", "Best"), ("max", "Highest"))},
        "rebuts": ("integer", "The claim this one disputes (its id; it may be a claim on "
                              "an incident outside this export)"),
        "source_id": ("string", "SHA-256 of the document the claim is read from"),
        "publisher": ("string", "Publisher of that document"),
        "quote": ("string", "The words of the document the claim rests on"),
    }, refs={"incident_id": ("incidents", "id")},
        choices={"stance": STANCES}),
    "sources": Table("Sources: each incident's documents, with the quotes they give", {
        "incident_id": ("integer", "The incident (incidents.csv)"),
        "source_id": ("string", "SHA-256 of the document, as kept in the evidence store"),
        "kind": ("string", "Kind of document (report, article, statement, ...)"),
        "publisher": ("string", "Who published the document"),
        "published": ("date", "Day the document was published"),
        "title": ("string", "Title of the document"),
        "language": ("string", "Language of the document (ISO 639-1)"),
        "url": ("string", "Where the document was published"),
        "quotes": ("string", f"The document's words about the incident; {LIST}"),
    }, key=("incident_id", "source_id"), refs={"incident_id": ("incidents", "id")}),
    "places": Table("Places the incidents and disruptions are at", {
        "id": ("string", "Place id: gn:<GeoNames id>, rl:<slug> (RightsLedger's gazetteer) "
                         "or user:<slug> (added in the ledger)"),
        "name": ("string", "Common English name of the place"),
        "kind": ("string", "Kind of place (settlement, corridor, road, region, country, ...)"),
        "country": ("string", "Country (ISO 3166-1 alpha-2)"),
        **_place("the place"),
    }),
    "disruptions": Table("Disruptions: supplies and services cut off for an area", {
        "id": ("integer", "The disruption's number in the ledger"),
        "kind": ("string", "What was cut off"),
        "area": ("string", "The area cut off, in words"),
        "place_id": ("string", "The place recorded for the disruption (places.csv)"),
        "location_id": ("string", "Where the disruption is mapped (places.csv): its place, "
                                  "else the place its area names; empty when unknown"),
        **_place("the location"),
        "population": ("integer", "Number of people affected"),
        "date": ("string", "The dates as one EDTF / ISO 8601 value: a day, a month, a year, or an "
                 "interval start/end, start/.. while it goes on"),
        "start": ("date", "First day of the disruption"),
        "end": ("date", "Last day of the disruption (empty: ongoing)"),
        "day": ("integer", "Days from the start to the end, or to the export's day"),
        "ongoing": ("boolean", "Whether the disruption was still going on"),
        "cause": ("string", "The cause as the sources give it"),
        "attributed_to": ("string", "Whom the sources attribute the disruption to"),
        "description": ("string", "Description of the disruption"),
        "sources": ("string", f"SHA-256 of the documents reporting it; {LIST}"),
    }, refs={"place_id": ("places", "id"), "location_id": ("places", "id")},
        choices={"kind": KINDS}),
    "statements": Table("Statements: demands and responses of the parties", {
        "id": ("integer", "The statement's number in the ledger"),
        "date": ("date", "Day of the statement"),
        "by": ("string", "Who made the statement"),
        "to": ("string", "Whom it is addressed to"),
        "text": ("string", "What the statement says"),
        "demands": ("string", f"What it demands; {LIST}"),
        "response_to": ("integer", "The statement this one answers (its id)"),
        "source_id": ("string", "SHA-256 of the document the statement is read from"),
    }),
    "obligations": Table("Obligations: orders and commitments, and whether they are met", {
        "id": ("integer", "The obligation's number in the ledger"),
        "kind": ("string", "Kind of obligation (court order, resolution, commitment, ...)"),
        "issuer": ("string", "Who issued it"),
        "addressee": ("string", "Who is bound by it"),
        "title": ("string", "Title of the obligation"),
        "text": ("string", "What it requires"),
        "date": ("date", "Day it was issued"),
        "deadline": ("date", "Day by which it is to be met"),
        "status": ("string", "Whether it is met, as of the export's day"),
        "since": ("date", "Day of the observation the status rests on"),
        "evidence": ("array", "The observations the status rests on: a JSON array of "
                              "objects (date, finding, disruption_id, incident_id, note)"),
    }),
    "photos": Table("Photos: public copies (no EXIF, no GPS) whose consent covers the press", {
        "id": ("integer", "The photo's number in the ledger"),
        "public_sha": ("string", "SHA-256 of the public copy"),
        "caption": ("string", "Caption"),
        "credit": ("string", "Credit line, as the photographer chose it"),
        "licence": ("string", "Licence of the photo"),
        "incident_id": ("integer", "The incident the photo shows (its id; it may be outside "
                                   "this export)"),
        "place_name": ("string", "Where the photo was taken"),
    }),
    "stories": Table("Human stories whose consent covers the press; people as pseudonyms", {
        "id": ("integer", "The story's number in the ledger"),
        "title": ("string", "Title"),
        "incident_ids": ("string", f"The incidents the story is about (incidents.csv); {LIST}"),
        "victims": ("string", f"Pseudonyms of the people in the story; {LIST}"),
        "rights": ("string", f"Rights the story bears on; {LIST}"),
        "text": ("string", "The story, with pseudonyms for names"),
    }),
    "inquiries": Table("Inquiries sent to state bodies in the period, with their status on "
                       "the export's day (exports for the office only, never public)", {
        "id": ("integer", "The inquiry's number in the ledger"),
        "reference": ("string", "The office's reference number of the letter"),
        "addressee": ("string", "The body the inquiry is addressed to"),
        "sent": ("date", "Day the inquiry was sent"),
        "channel": ("string", "How it was sent"),
        "subject": ("string", "What the inquiry is about"),
        "legal_basis": ("string", "The law that obliges the body to answer"),
        "deadline_days": ("integer", "Days the body has to answer"),
        "deadline": ("date", "Last day of the deadline"),
        "status": ("string", "Status on the export's day (open, answered, overdue, closed)"),
        "since": ("date", "Day the inquiry has had that status since"),
        "answered_on": ("date", "Day its last unanswered question got an answer"),
        "in_time": ("boolean", "Whether it was answered by the deadline (empty: may still "
                               "be)"),
        "late_days": ("integer", "Days past the deadline, while overdue"),
        "closed": ("date", "Day the inquiry was closed"),
        "closed_reason": ("string", "Why it was closed"),
        "questions": ("array", "The questions: a JSON array of objects (number, text, status "
                               "on the export's day)"),
        "replies": ("array", "The replies so far: a JSON array of objects (received, "
                             "source_id, answers: number and status of each question "
                             "answered)"),
        "reminders": ("string", f"Days reminders were sent; {LIST}"),
        "incidents": ("string", f"Incidents the inquiry is about (their ids); {LIST}"),
        "disruptions": ("string", f"Disruptions the inquiry is about (their ids); {LIST}"),
        "rights": ("string", f"Rights the inquiry bears on; {LIST}"),
        "letter_source": ("string", "SHA-256 of the letter as kept in the evidence store"),
    }, choices={"status": STATUSES, "channel": CHANNELS}),
}


def write(folder: Path, snap: dict[str, Any], snapshot_sha: str, licence_id: str) -> None:
    """Write datapackage.json for the CSV files of ``folder`` (built from ``snap``)."""
    package = describe(folder, snap, snapshot_sha, licence_id)
    text = json.dumps(package, ensure_ascii=False, indent=2)
    (folder / NAME).write_text(text + "\n", "utf-8")


def describe(folder: Path, snap: dict[str, Any], snapshot_sha: str,
             licence_id: str) -> dict[str, Any]:
    """The package: its metadata and a resource per CSV file in ``folder``."""
    title, url = LICENCES[licence(licence_id)]
    return {
        "profile": "tabular-data-package",
        "name": f"rightsledger-{snap['ledger_id']}".lower(),
        "id": f"urn:sha256:{snapshot_sha}",
        "title": _title(snap),
        "description": "Records of a RightsLedger ledger as open data: incidents with the "
                       "claims of every source side by side (figures as the range the "
                       "sources give), their sources, places, disruptions, statements and "
                       "obligations.",
        "created": f"{snap['as_of']}T00:00:00Z",
        "licenses": [{"name": licence(licence_id), "title": title, "path": url}],
        "sources": [
            {"title": f"RightsLedger ledger {snap['ledger_id']}, data snapshot sha256 "
                      f"{snapshot_sha} of {snap['as_of']}, signed in manifest.json",
             "path": "manifest.json"},
            {"title": "The documents the records rest on, one row per incident and document "
                      "(SHA-256 of each)", "path": "sources.csv"}],
        "rightsledger": {"ledger_id": snap["ledger_id"], "snapshot": snapshot_sha,
                         "as_of": snap["as_of"], "period": snap["period"],
                         "public": snap["public"]},
        "resources": [_resource(folder / f"{name}.csv", name, table)
                      for name, table in TABLES.items() if (folder / f"{name}.csv").exists()],
    }


def _title(snap: dict[str, Any]) -> str:
    start, end = snap["period"]["from"], snap["period"]["to"]
    span = f", {start or '…'} to {end or snap['as_of']}" if start or end else ""
    return f"RightsLedger open data{span} (as of {snap['as_of']})"


def _resource(path: Path, name: str, table: Table) -> dict[str, Any]:
    body = path.read_bytes()
    return {"name": name, "path": path.name, "profile": "tabular-data-resource",
            "title": table.title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "bytes": len(body),
            "hash": f"sha256:{hashlib.sha256(body).hexdigest()}",
            "schema": _schema(name, table, _header(body))}


def _header(body: bytes) -> list[str]:
    return next(csv.reader(body.decode("utf-8").splitlines()[:1]))


def _schema(name: str, table: Table, header: list[str]) -> dict[str, Any]:
    undescribed = [c for c in header if c not in table.fields]
    if undescribed:
        raise ValueError(f"{name}.csv: column '{undescribed[0]}' is not described in "
                         "publish.datapackage.TABLES")
    schema: dict[str, Any] = {"fields": [_field(c, table) for c in header],
                              "missingValues": [""],
                              "primaryKey": list(table.key)}
    if table.refs:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": "" if ref == name else ref,
                                             "fields": target}}
            for column, (ref, target) in table.refs.items()]
    return schema


def _field(column: str, table: Table) -> dict[str, Any]:
    kind, text = table.fields[column]
    out: dict[str, Any] = {"name": column, "type": kind, "description": text}
    if kind == "boolean":
        out.update(BOOLEAN)
    constraints: dict[str, Any] = {}
    if column in table.key:
        constraints["required"] = True
    if column in table.choices:
        constraints["enum"] = list(table.choices[column])
    if constraints:
        out["constraints"] = constraints
    return out
