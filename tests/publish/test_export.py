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

from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.evidence.verify import verify
from rightsledger.ledger import Ledger
from rightsledger.publish import manifest
from rightsledger.publish.export import FORMATS, Options, export
from rightsledger.publish.formats import ACLED_COLUMNS
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
                                                     "uwazi-template.json"},
                "csv": {"incidents.csv", "claims.csv", "sources.csv", "places.csv",
                        "disruptions.csv", "statements.csv", "obligations.csv", "photos.csv",
                        "stories.csv"}}
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
    assert school["rights_affected"] == "ICESCR 13" and "|" in school["location"]


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
