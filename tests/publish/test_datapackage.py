"""Open data as its consumers read it: Frictionless validates the CSV export's data package
(and refuses it once a row is broken), and GDAL — through pyogrio, as QGIS reads a file —
finds the GeoJSON's points in WGS 84, disruptions placed by their area where it is a known
place and left without a geometry only where it is not."""

from __future__ import annotations

import csv
import json
import struct
from pathlib import Path
from typing import Any

import frictionless
import pyogrio
import pyogrio.raw
import pytest

from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.gazetteer.places import by_id
from rightsledger.ledger import Ledger
from rightsledger.publish import datapackage, manifest
from rightsledger.publish.export import Options, export
from rightsledger.publish.formats import SEP
from rightsledger.records import disruptions, places
from tests.cli.test_cli import rl

CHECKPOINT = ("user:ridge-checkpoint", "Ridge checkpoint (test)", 39.71, 46.63)
UNKNOWN_AREA = "the villages along the ridge road"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def _errors(report: frictionless.Report) -> list[tuple[str, str]]:
    return [(task.name, error.type) for task in report.tasks for error in task.errors]


def test_the_csv_export_is_a_frictionless_data_package_that_validates(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    done = export(ledger, "csv", tmp_path / "csv", "t", Options(public=True,
                                                                licence="ODbL-1.0"))
    folder = tmp_path / "csv"
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, _errors(report)
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    csvs = sorted(p.name for p in folder.glob("*.csv"))
    assert sorted(r["path"] for r in package["resources"]) == csvs and len(csvs) == 9
    for resource in package["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == _header(folder / resource["path"])  # exactly the header, in order
        assert set(datapackage.TABLES[resource["name"]].fields) == set(names)  # none stale
        assert all(f["description"] for f in resource["schema"]["fields"])
    assert [lic["name"] for lic in package["licenses"]] == ["ODbL-1.0"]
    cited = " ".join(s["title"] for s in package["sources"])
    assert ledger.id in cited and done.snapshot_sha in cited
    assert package["created"] == f"{done.snapshot['as_of']}T00:00:00Z"
    keyed = {r["name"]: r["schema"] for r in package["resources"]}
    assert {"fields": "incident_id", "reference": {"resource": "incidents", "fields": "id"}} \
        in keyed["claims"]["foreignKeys"] and keyed["sources"]["primaryKey"] == [
            "incident_id", "source_id"]
    # the package is signed like every other file
    assert "datapackage.json" in done.files
    signed, problems = manifest.check(folder, keys.load_public(ledger.public_key_path))
    assert problems == [] and "datapackage.json" in signed["files"]


def test_a_broken_row_makes_the_package_invalid(ledger: Ledger, filled: dict[str, Any],
                                                tmp_path: Path) -> None:
    export(ledger, "csv", tmp_path / "csv", "t")
    folder = tmp_path / "csv"
    path = folder / "claims.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    first = next(csv.reader([lines[1]]))
    first[1] = "999999"  # an incident that is not in incidents.csv
    first[5] = "many"  # killed_min: not an integer
    lines[1] = ",".join(f'"{c}"' for c in first) + "\n"
    path.write_text("".join(lines), "utf-8")
    found = _errors(frictionless.validate(folder / "datapackage.json"))
    assert ("claims", "hash-count") in found  # the file is not the one described
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:  # without the file's hash, the rows' own faults
        resource.pop("hash"), resource.pop("bytes")
    (folder / "datapackage.json").write_text(json.dumps(package), "utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert {("claims", "type-error"), ("claims", "foreign-key")} <= set(_errors(report))
    assert all(name == "claims" for name, _ in _errors(report))


def test_the_same_snapshot_gives_the_same_package(ledger: Ledger, filled: dict[str, Any],
                                                 tmp_path: Path) -> None:
    first = export(ledger, "csv", tmp_path / "a", "t")
    second = export(ledger, "csv", tmp_path / "b", "t")
    assert first.snapshot_sha == second.snapshot_sha
    assert (tmp_path / "a" / "datapackage.json").read_bytes() == \
        (tmp_path / "b" / "datapackage.json").read_bytes()
    assert first.manifest_sha != second.manifest_sha  # the manifests differ (their time)


def test_list_values_are_written_one_way(ledger: Ledger, filled: dict[str, Any],
                                         tmp_path: Path) -> None:
    done = export(ledger, "csv", tmp_path / "csv", "t")
    snap, folder = done.snapshot, tmp_path / "csv"
    shelling = next(i for i in snap["incidents"] if i["id"] == filled["shelling"])
    assert len(shelling["rights"]) > 1
    incident = next(r for r in _rows(folder / "incidents.csv")
                    if int(r["id"]) == filled["shelling"])
    assert incident["rights"].split(SEP) == shelling["rights"]
    stories = {int(r["id"]): r for r in _rows(folder / "stories.csv")}
    for story in snap["stories"]:
        assert stories[story["id"]]["victims"] == SEP.join(story["victims"])
        assert stories[story["id"]]["incident_ids"] == SEP.join(map(str,
                                                                    story["incident_ids"]))
    for row, obligation in zip(_rows(folder / "obligations.csv"), snap["obligations"],
                               strict=True):  # a list of records: one JSON array
        assert json.loads(row["evidence"]) == obligation["evidence"]
    listed = [f["name"] for r in json.loads((folder / "datapackage.json").read_text())[
        "resources"] for f in r["schema"]["fields"] if SEP in f["description"]]
    assert {"rights", "places", "quotes", "demands", "victims"} <= set(listed)


def test_an_unknown_licence_is_refused(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="--licence: 'GPL-3.0' is not one of CC-BY-4.0"):
        export(ledger, "csv", tmp_path / "csv", "t", Options(licence="GPL-3.0"))
    assert not (tmp_path / "csv").exists()


def test_the_export_command_takes_a_licence(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    refused = rl("export", str(ledger), "--format", "csv", "--licence", "mine",
                 "--out", str(tmp_path / "bad"))
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "--licence: 'mine' is not one of" in refused.stderr
    assert not (tmp_path / "bad").exists()
    done = rl("export", str(ledger), "--format", "csv", "--licence", "cc0-1.0",
              "--out", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    package = tmp_path / "csv" / "datapackage.json"
    assert json.loads(package.read_text())["licenses"][0]["name"] == "CC0-1.0"
    assert frictionless.validate(package).valid  # an empty ledger's package too


# -- GeoJSON as GDAL (and so QGIS) reads it --------------------------------------------------
def _more_disruptions(ledger: Ledger) -> dict[str, tuple[float, float] | None]:
    """Disruptions whose area is a gazetteer alias, a place of the ledger, or unknown; the
    (lon, lat) each should be drawn at, by area."""
    pid, name, lat, lon = CHECKPOINT
    with ledger.store.writing() as conn:
        places.add(conn, pid, name, "checkpoint", lat, lon, "AZ", actor="setup")
        for kind, area in (("water", "Artsakh"), ("food", name), ("mobile", UNKNOWN_AREA)):
            disruptions.add(conn, {"kind": kind, "area": area, "start": "2023-02-01"}, "setup")
    region = by_id()["rl:nagorno-karabakh"]
    assert region.lat is not None and region.lon is not None
    return {"Lachin corridor": (by_id()["rl:lachin-corridor"].lon,
                                by_id()["rl:lachin-corridor"].lat),
            "Nagorno-Karabakh": (region.lon, region.lat), "Artsakh": (region.lon, region.lat),
            name: (lon, lat), UNKNOWN_AREA: None}


def _point(wkb: bytes | None) -> tuple[float, float] | None:
    """(x, y) of a WKB point, as GDAL gives it."""
    if wkb is None:
        return None
    order = "<" if wkb[0] == 1 else ">"
    kind, x, y = struct.unpack(f"{order}Idd", bytes(wkb[1:21]))
    assert kind == 1  # Point
    return x, y


def test_gdal_reads_the_geojson_in_wgs84_with_disruptions_at_their_areas(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    expected = _more_disruptions(ledger)
    done = export(ledger, "geojson", tmp_path / "geo", "t")
    counts = {"incidents": len(done.snapshot["incidents"]),
              "disruptions": len(done.snapshot["disruptions"])}
    assert counts["disruptions"] == len(expected) == 5
    for name, count in counts.items():
        info = pyogrio.read_info(tmp_path / "geo" / f"{name}.geojson")
        assert (info["crs"], info["geometry_type"], info["features"]) == (
            "EPSG:4326", "Point", count)
    meta, _fids, geometry, fields = pyogrio.raw.read(tmp_path / "geo" / "disruptions.geojson")
    areas = list(fields[list(meta["fields"]).index("area")])
    drawn = {area: _point(wkb) for area, wkb in zip(areas, geometry, strict=True)}
    assert set(drawn) == set(expected)
    for area, point in expected.items():
        assert drawn[area] == (None if point is None else pytest.approx(point)), area
    assert sum(p is not None for p in drawn.values()) == 4  # only the unknown area has none
    meta, _fids, geometry, fields = pyogrio.raw.read(tmp_path / "geo" / "incidents.geojson")
    ids = [int(i) for i in fields[list(meta["fields"]).index("id")]]
    martuni = _point(geometry[ids.index(filled["shelling"])])
    place = done.snapshot["places"][next(i for i in done.snapshot["incidents"]
                                         if i["id"] == filled["shelling"])["places"][0]]
    assert martuni == pytest.approx((place["lon"], place["lat"]))


def test_the_csv_gives_disruptions_their_location(ledger: Ledger, filled: dict[str, Any],
                                                  tmp_path: Path) -> None:
    expected = _more_disruptions(ledger)
    export(ledger, "csv", tmp_path / "csv", "t")
    known = {r["id"]: r for r in _rows(tmp_path / "csv" / "places.csv")}
    for row in _rows(tmp_path / "csv" / "disruptions.csv"):
        point = expected[row["area"]]
        if point is None:
            assert (row["location_id"], row["lat"], row["lon"]) == ("", "", "")
            continue
        place = known[row["location_id"]]  # the location is among the places
        assert (float(row["lon"]), float(row["lat"])) == pytest.approx(point)
        assert (place["lat"], place["lon"]) == (row["lat"], row["lon"])
    assert frictionless.validate(tmp_path / "csv" / "datapackage.json").valid
