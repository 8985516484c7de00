"""Exports on both engines: each format's files read back by the tools that would read
them (csv, json), the public redaction, and signed manifests that name every altered,
missing or added file."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rightsledger import spreadsheet
from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.ledger import Ledger
from rightsledger.publish import manifest
from rightsledger.publish.export import FORMATS, Options, export
from rightsledger.publish.formats import ACLED_COLUMNS
from rightsledger.records import (
    acts,
    claims,
    disruptions,
    incidents,
    obligations,
    places,
    statements,
)
from rightsledger.review.decide import regrade
from rightsledger.workflow.importing import import_file
from rightsledger.workflow.verify import verify
from tests.publish.conftest import INTERVIEW_TITLE, REAL_NAME


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _everything(folder: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


def test_every_format_writes_its_files_with_a_manifest_and_no_real_name(
        ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> None:
    expected = {"json": {"records.json"}, "geojson": {"incidents.geojson",
                                                      "disruptions.geojson"},
                "acled": {"acled.csv"}, "huridocs": {"uwazi-import.csv",
                                                     "uwazi-template.json",
                                                     "uwazi-thesauri.json"},
                "csv": {"incidents.csv", "claims.csv", "sources.csv", "places.csv",
                        "disruptions.csv", "statements.csv", "obligations.csv", "photos.csv",
                        "stories.csv", "datapackage.json"}}
    assert set(expected) == set(FORMATS)
    public_key = keys.load_public(ledger.public_key_path)
    for fmt, names in expected.items():
        done = export(ledger, fmt, tmp_path / fmt, "exporter", Options(public=True))
        assert set(done.files) == names
        signed, problems = manifest.check(tmp_path / fmt, public_key)
        assert problems == [] and signed["snapshot"] == done.snapshot_sha
        text = _everything(tmp_path / fmt)
        assert REAL_NAME not in text and filled["photo_withdrawn"] not in text
        assert INTERVIEW_TITLE not in text
    actions = [e.action for e in ledger.store.custody()]
    assert actions.count("export") == 5 and actions.count("snapshot") == 1  # one snapshot
    assert verify(ledger).ok  # the kept snapshots are objects verify knows


def test_csv_geojson_acled_and_uwazi_hold_the_records(ledger: Ledger, filled: dict[str, Any],
                                                       tmp_path: Path) -> None:
    export(ledger, "csv", tmp_path / "csv", "t")
    incidents = {int(r["id"]): r for r in _rows(tmp_path / "csv" / "incidents.csv")}
    shelling = incidents[filled["shelling"]]
    assert (shelling["killed_low"], shelling["killed_high"]) == ("2", "3")
    assert "Defence Ministry (test): denies" in shelling["claims_side_by_side"]
    claims = [r for r in _rows(tmp_path / "csv" / "claims.csv")
              if int(r["incident_id"]) == filled["shelling"]]
    assert sorted(r["stance"] for r in claims) == ["asserts", "asserts", "denies"]
    linked = {r["source_id"] for r in _rows(tmp_path / "csv" / "sources.csv")}
    assert filled["sources"]["ru.txt"] in linked
    export(ledger, "geojson", tmp_path / "geo", "t")
    features = json.loads((tmp_path / "geo" / "incidents.geojson").read_text())["features"]
    martuni = next(f for f in features if f["properties"]["id"] == filled["shelling"])
    place = {r["id"]: r for r in _rows(tmp_path / "csv" / "places.csv")}[shelling["places"]]
    # longitude first, as GeoJSON wants
    assert martuni["geometry"]["coordinates"] == [float(place["lon"]), float(place["lat"])]
    export(ledger, "acled", tmp_path / "acled", "t")
    acled = _rows(tmp_path / "acled" / "acled.csv")
    assert list(acled[0]) == ACLED_COLUMNS
    row = next(r for r in acled if r["event_id_cnty"] == f"RL{filled['shelling']}")
    assert row["event_type"] == "Explosions/Remote violence" and row["fatalities"] == "2"
    export(ledger, "huridocs", tmp_path / "uwazi", "t")
    uwazi = _rows(tmp_path / "uwazi" / "uwazi-import.csv")
    assert list(uwazi[0])[0] == "title" and all(r["title"] for r in uwazi)
    school = next(r for r in uwazi if r["rightsledger_id"] == f"RL-{filled['school']}")
    assert school["date_range"] == "2023/02/16:2023/02/16"
    assert school["rights_affected"] == "ICESCR 13" and "|" in school["location_geolocation"]


def test_public_exports_leave_out_interviews_and_reviewers(ledger: Ledger,
                                                           filled: dict[str, Any],
                                                           tmp_path: Path) -> None:
    internal = export(ledger, "json", tmp_path / "internal", "t").snapshot
    public = export(ledger, "json", tmp_path / "public", "t", Options(public=True)).snapshot
    assert INTERVIEW_TITLE in json.dumps(internal, ensure_ascii=False)
    school = next(i for i in public["incidents"] if i["id"] == filled["school"])
    assert [s["publisher"] for s in school["sources"]] == ["Highland Post (test)"]
    assert filled["sources"]["interview.md"] not in public["sources"]


def test_bad_export_requests_are_refused_in_one_line(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="unknown export format 'xlsx': choose one of json"):
        export(ledger, "xlsx", tmp_path / "x", "t")
    assert not (tmp_path / "x").exists()


# -- the signed manifest ------------------------------------------------------------------------
@pytest.fixture
def signed(ledger: Ledger, filled: dict[str, Any], tmp_path: Path) -> Path:
    export(ledger, "csv", tmp_path / "signed", "t", Options(public=True))
    return tmp_path / "signed"


def _problems(folder: Path, ledger: Ledger) -> list[str]:
    return manifest.check(folder, keys.load_public(ledger.public_key_path))[1]


def test_one_altered_byte_is_named(ledger: Ledger, signed: Path) -> None:
    path = signed / "incidents.csv"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert _problems(signed, ledger) == [
        f"incidents.csv: altered (sha256 {manifest.files_of(signed)['incidents.csv'][:12]}…, "
        f"the manifest says {_listed(signed)['incidents.csv'][:12]}…)"]


def _listed(folder: Path) -> dict[str, str]:
    files: dict[str, str] = json.loads((folder / manifest.NAME).read_text())["manifest"]["files"]
    return files


def test_a_removed_file_and_an_added_one_are_named(ledger: Ledger, signed: Path) -> None:
    (signed / "claims.csv").unlink()
    (signed / "extra").mkdir()
    (signed / "extra" / "note.txt").write_text("slipped in")
    assert _problems(signed, ledger) == ["claims.csv: missing (listed in the manifest)",
                                         "extra/note.txt: added (not in the manifest)"]


def test_an_edited_manifest_or_another_key_fails_the_signature(ledger: Ledger,
                                                               signed: Path,
                                                               tmp_path: Path) -> None:
    body = json.loads((signed / manifest.NAME).read_text())
    target = next(iter(body["manifest"]["files"]))
    body["manifest"]["files"][target] = "0" * 64  # someone "fixes" the hash of an edit
    (signed / manifest.NAME).write_text(json.dumps(body))
    problems = _problems(signed, ledger)
    assert problems[0].startswith("manifest.json: the signature does not match this key")
    assert problems[1].startswith(f"{target}: altered")
    clean = tmp_path / "clean"
    shutil.copytree(signed, clean)
    (clean / manifest.NAME).unlink()
    assert _problems(clean, ledger)[0].startswith("manifest.json: missing or unreadable")
    stranger = Ed25519PrivateKey.generate().public_key()
    export(ledger, "json", tmp_path / "again", "t")
    assert manifest.check(tmp_path / "again", stranger)[1][0].startswith(
        "manifest.json: the signature does not match this key")


# -- promise 15: exports safe to open in a spreadsheet ------------------------------------------
CANARIES = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
            "=cmd|' /C calc'!A0", "'=already quoted"]
CSV_FORMATS = ("csv", "acled", "huridocs")


@pytest.fixture
def canaried(ledger: Ledger, filled: dict[str, Any]) -> dict[str, int]:
    """Every free text a CSV export writes, set to a formula: incidents' descriptions,
    claimants and their words, doers (ACLED's actor1), disruptions, statements, obligations,
    a place's name."""
    ids = {}
    with ledger.store.writing() as conn:
        for n, canary in enumerate(CANARIES):
            found = incidents.create(conn, {"type": "shelling", "date_start": "2023-01-08",
                                            "date_end": "2023-01-08", "places": ["Martuni"],
                                            "description": canary}, "setup")
            claims.add(conn, {"incident_id": found, "by": f"{canary} {n}", "text": canary,
                              "killed": 1}, "setup")
            acts.add(conn, found, {"by": f"{canary} {n}", "act": "shelled"}, "setup")
            regrade(conn, found, "setup")
            ids[canary] = found
        disruptions.add(conn, {"kind": "gas", "area": CANARIES[0], "start": "2023-01-17",
                               "description": CANARIES[1]}, "setup")
        statements.add(conn, {"by": CANARIES[3], "date": "2023-02-24", "text": CANARIES[2]},
                       "setup")
        obligations.add(conn, {"kind": "court_order", "issuer": CANARIES[4],
                               "addressee": CANARIES[5], "title": CANARIES[6],
                               "date": "2023-02-22"}, "setup")
        places.add(conn, "canary", "@SUM(A1) village", "settlement", 39.8, 46.7, actor="setup")
    return ids


def _cells(folder: Path) -> list[str]:
    """Every cell of every CSV in ``folder``, as a spreadsheet would receive it."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            found += [cell for row in csv.reader(f) for cell in row]
    return found


def test_promise_15_no_csv_cell_starts_a_formula(ledger: Ledger, canaried: dict[str, int],
                                                 tmp_path: Path) -> None:
    for fmt in CSV_FORMATS:
        export(ledger, fmt, tmp_path / fmt, "t")
        cells = _cells(tmp_path / fmt)
        unsafe = [c for c in cells if c[:1] in spreadsheet.TRIGGERS
                  and not spreadsheet._NUMBER.fullmatch(c)]
        assert unsafe == [], (fmt, unsafe[:5])
        text = "".join(cells)
        assert "'=HYPERLINK" in text and ("'\r=1" in text or fmt != "csv")
    incidents_csv = {int(r["id"]): r for r in _rows(tmp_path / "csv" / "incidents.csv")}
    assert {incidents_csv[i]["description"] for i in canaried.values()} == {
        "'" + c for c in CANARIES}  # '=already quoted gets one more, to come back as it was
    claims_csv = _rows(tmp_path / "csv" / "claims.csv")
    assert "'-2+3 2" in {r["by"] for r in claims_csv}
    coordinates = [r["lat"] for r in _rows(tmp_path / "csv" / "places.csv")]
    assert all(float(c) for c in coordinates if c)  # numbers stay numbers
    acled = _rows(tmp_path / "acled" / "acled.csv")
    assert all(r["latitude"][:1] != "'" for r in acled)


def test_promise_15_csv_cells_come_back_through_import(ledger: Ledger,
                                                       canaried: dict[str, int],
                                                       tmp_path: Path) -> None:
    export(ledger, "csv", tmp_path / "csv", "t")
    exported = tmp_path / "again.csv"
    with (tmp_path / "csv" / "incidents.csv").open(encoding="utf-8", newline="") as f, \
            exported.open("w", encoding="utf-8", newline="") as out:
        kept = ["type", "date_start", "date_end", "description"]
        writer = csv.writer(out)
        writer.writerow(kept)  # the cells as exported, byte for byte: no unquoting here
        writer.writerows([r[k] for k in kept] for r in csv.DictReader(f)
                         if int(r["id"]) in canaried.values())
    with Ledger.init(tmp_path / "other") as other:
        assert import_file(other, exported, "ana").created == len(CANARIES)
        with other.store.reading() as conn:
            back = sorted(r["description"] for r in incidents.find(conn))
    assert back == sorted(CANARIES)


@pytest.mark.parametrize("value", [*CANARIES, "-3.5", "39.81", "plain", "'Tis", "", "''=x",
                                   "-", "+", "1e5", "-inf"])
def test_promise_15_guard_and_restore_are_inverse(value: str) -> None:
    written = spreadsheet.guard(value)
    assert spreadsheet.restore(written) == value
    assert written[:1] not in spreadsheet.TRIGGERS or spreadsheet._NUMBER.fullmatch(written)


def test_promise_15_every_csv_of_ours_is_written_through_one_helper() -> None:
    src = Path(spreadsheet.__file__).parent
    writers = [str(p.relative_to(src)) for p in src.rglob("*.py") if p.name != "spreadsheet.py"
               and any(w in p.read_text("utf-8") for w in ("csv.writer", "csv.DictWriter",
                                                           "to_csv("))]
    assert writers == []
