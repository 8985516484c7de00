"""Open-data formats of a snapshot: each writer puts its files in a folder.

    json      records.json: the snapshot as it is
    csv       incidents, claims, sources (incident × source, with quotes), places,
              disruptions, statements, obligations, photos, stories: one CSV each;
              an export for the office (not public) adds inquiries.csv, the inquiries sent
              in the period with their status on the export's day
    geojson   incidents.geojson and disruptions.geojson (points at their places; a
              disruption at its place, else at the place its area names)
    acled     acled.csv: one row per dated and placed incident, in ACLED's codebook columns
    huridocs  uwazi-import.csv, uwazi-template.json and uwazi-thesauri.json: what Uwazi's
              API and CSV import take as they are (publish/uwazi.py)

CSV files are UTF-8 with a header row; several values in one cell are separated by " | "
(a list of records, such as an obligation's evidence, is one JSON array instead). With the
CSV files comes datapackage.json (publish.datapackage): a Frictionless Data Package that
describes every column. Every record with dates also has them as one EDTF value in its
``date`` column or property (publish.edtf: ``2023-01-08``, ``2022-12-12/2023-02-15``,
``2022-12-12/..`` while open).
A text cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab
or a line break) is written with a leading ' (``rightsledger.spreadsheet``), which
``rightsledger import`` removes again.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rightsledger import spreadsheet
from rightsledger.publish import acled, edtf, uwazi
from rightsledger.publish.figures import claimed_range, first_point
from rightsledger.records.claims import describe

SEP = " | "


def write_json(snap: dict[str, Any], folder: Path) -> None:
    text = json.dumps(snap, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    (folder / "records.json").write_text(text + "\n", "utf-8")


def _write_csv(path: Path, header: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """One CSV file; cells go through spreadsheet.guard (no cell can start a formula)."""
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer, header)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in header})
    path.write_text(buffer.getvalue(), "utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        return json.dumps(list(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        return SEP.join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


def _range_columns(incident: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for figure in ("killed", "injured"):
        found = claimed_range(incident, figure)
        out[f"{figure}_low"], out[f"{figure}_high"] = found or (None, None)
    return out


def write_csv(snap: dict[str, Any], folder: Path) -> None:
    incidents = snap["incidents"]
    _write_csv(folder / "incidents.csv",
               ["id", "type", "date", "date_start", "date_end", "date_precision", "places",
                "place_names", "lat", "lon", "rights", "grade", "grade_reasons", "killed_low",
                "killed_high", "injured_low", "injured_high", "claims_side_by_side",
                "sources", "description"],
               ({**i, **_range_columns(i), **_latlon(i, snap["places"]), "date": _date(i),
                 "sources": len(i["sources"])} for i in incidents))
    _write_csv(folder / "claims.csv",
               ["id", "incident_id", "by", "stance", "says", "killed_min", "killed_best",
                "killed_max", "injured_min", "injured_best", "injured_max", "rebuts",
                "source_id", "publisher", "quote"],
               ({**c, "incident_id": i["id"], "says": describe(c)}
                for i in incidents for c in i["claims"]))
    _write_csv(folder / "sources.csv",
               ["incident_id", "source_id", "kind", "publisher", "published", "title",
                "language", "url", "quotes"],
               ({**s, "incident_id": i["id"], "source_id": s["id"],
                 "quotes": [q["text"] for q in s["quotes"]]}
                for i in incidents for s in i["sources"]))
    _write_csv(folder / "places.csv", ["id", "name", "kind", "country", "lat", "lon"],
               ({"id": pid, **p} for pid, p in snap["places"].items()))
    _write_csv(folder / "disruptions.csv",
               ["id", "kind", "area", "place_id", "location_id", "lat", "lon", "population",
                "date", "start", "end", "day", "ongoing", "cause", "attributed_to",
                "description", "sources"],
               ({**d, **_located(d, snap["places"]), "date": edtf.interval(d["start"], d["end"])}
                for d in snap["disruptions"]))
    _write_csv(folder / "statements.csv",
               ["id", "date", "by", "to", "text", "demands", "response_to", "source_id"],
               snap["statements"])
    _write_csv(folder / "obligations.csv",
               ["id", "kind", "issuer", "addressee", "title", "text", "date", "deadline",
                "status", "since", "evidence"], snap["obligations"])
    _write_csv(folder / "photos.csv", ["id", "public_sha", "caption", "credit", "licence",
                                       "incident_id", "place_name"], snap["photos"])
    _write_csv(folder / "stories.csv", ["id", "title", "incident_ids", "victims", "rights",
                                        "text"], snap["stories"])
    if not snap["public"]:  # a public export counts inquiries in its report only
        _write_csv(folder / "inquiries.csv", INQUIRY_COLUMNS, snap.get("inquiry_records", []))


INQUIRY_COLUMNS = ["id", "reference", "addressee", "sent", "channel", "subject", "legal_basis",
                   "deadline_days", "deadline", "status", "since", "answered_on", "in_time",
                   "late_days", "closed", "closed_reason", "questions", "replies", "reminders",
                   "incidents", "disruptions", "rights", "letter_source"]


def _date(incident: dict[str, Any]) -> str:
    """The incident's dates as one EDTF value (publish.edtf)."""
    return edtf.interval(incident["date_start"], incident["date_end"],
                         incident.get("date_precision"))


def _latlon(incident: dict[str, Any], places: dict[str, Any]) -> dict[str, Any]:
    point = first_point(incident, places)
    return {"lat": point[0], "lon": point[1]} if point else {}


def _located(disruption: dict[str, Any], places: dict[str, Any]) -> dict[str, Any]:
    point = _place_point(disruption.get("location_id"), places)
    return {"lat": point[0], "lon": point[1]} if point else {}


def write_geojson(snap: dict[str, Any], folder: Path) -> None:
    places = snap["places"]
    features = [_feature(_point(first_point(i, places)),
                         {"id": i["id"], "type": i["type"], "date": _date(i)}
                         | {k: i[k] for k in ("date_start", "date_end", "grade", "rights",
                                              "place_names", "claims_side_by_side")}
                         | _range_columns(i) | {"sources": len(i["sources"])})
                for i in snap["incidents"]]
    _dump_geojson(folder / "incidents.geojson", features)
    disruption_features = [_feature(_point(_place_point(d.get("location_id"), places)),
                                    {k: d.get(k) for k in ("id", "kind", "area", "place_id",
                                                           "location_id", "population")}
                                    | {"date": edtf.interval(d["start"], d["end"])}
                                    | {k: d.get(k) for k in ("start", "end", "day", "ongoing",
                                                             "attributed_to")})
                           for d in snap["disruptions"]]
    _dump_geojson(folder / "disruptions.geojson", disruption_features)


def _place_point(place_id: str | None, places: dict[str, Any]) -> tuple[float, float] | None:
    place = places.get(place_id or "") or {}
    return (place["lat"], place["lon"]) if place.get("lat") is not None else None


def _point(latlon: tuple[float, float] | None) -> dict[str, Any] | None:
    """A GeoJSON point (longitude first), or None: a feature without a known place."""
    return {"type": "Point", "coordinates": [latlon[1], latlon[0]]} if latlon else None


def _feature(geometry: dict[str, Any] | None, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _dump_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")


# -- ACLED --------------------------------------------------------------------------------------
ACLED_COLUMNS = acled.COLUMNS


def write_acled(snap: dict[str, Any], folder: Path) -> None:
    """acled.csv: ACLED's codebook column by column (publish.acled)."""
    _write_csv(folder / "acled.csv", ACLED_COLUMNS, acled.rows(snap))


# -- HURIDOCS Uwazi (publish/uwazi.py) ---------------------------------------------------------
def write_huridocs(snap: dict[str, Any], folder: Path) -> None:
    uwazi.write(snap, folder, _write_csv)


WRITERS: dict[str, Callable[[dict[str, Any], Path], None]] = {
    "json": write_json, "csv": write_csv, "geojson": write_geojson, "acled": write_acled,
    "huridocs": write_huridocs}
