"""Round trips (docs/records.md, "Importing other files"): every export of ours imports into
an empty ledger and exports again to the same incidents; an Uwazi instance's export and a
partner's ACLED list import; a bad row refuses the file with its row and column."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.publish.export import export
from rightsledger.records import audit
from rightsledger.workflow.importing import import_file
from rightsledger.workflow.verify import verify

# what an incident is, as the open data states it (the rest is derived: grades, claims lines)
FIELDS = ("id", "type", "date_start", "date_end", "date_precision", "places", "rights",
          "description", "killed_low", "killed_high", "injured_low", "injured_high")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _incidents(ledger: Ledger, folder: Path) -> dict[str, dict[str, str]]:
    export(ledger, "csv", folder, "t")
    return {r["id"]: {k: r[k] for k in FIELDS} for r in _rows(folder / "incidents.csv")}


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.init(tmp_path / "empty", None) as led:
        yield led


@pytest.mark.parametrize(("fmt", "name", "dialect"), [
    ("csv", "incidents.csv", "open data"), ("json", "records.json", "open data"),
    ("huridocs", "uwazi-import.csv", "Uwazi")])
def test_an_export_imports_into_an_empty_ledger_and_exports_the_same(
        ledger: Ledger, filled: dict[str, Any], empty: Ledger, tmp_path: Path, fmt: str,
        name: str, dialect: str) -> None:
    before = _incidents(ledger, tmp_path / "before")
    export(ledger, fmt, tmp_path / "out", "t")
    done = import_file(empty, tmp_path / "out" / name, "importer")
    assert (done.created, done.updated, done.dialect) == (len(before), 0, dialect)
    after = _incidents(empty, tmp_path / "after")
    if fmt == "huridocs":  # Uwazi's file has no description column
        for row in (*before.values(), *after.values()):
            row.pop("description")
    assert after == before
    again = import_file(empty, tmp_path / "out" / name, "importer")  # by id: updates
    assert (again.created, again.updated) == (0, len(before))
    assert verify(empty).ok
    with empty.store.reading() as conn:
        batches = [e for e in audit.entries(conn, "file")]
    assert [(e.action, e.entity_id, e.after) for e in batches][0] == (
        "import", name, {"dialect": dialect, "created": len(before), "updated": 0})


def test_our_acled_file_imports_back_by_id(ledger: Ledger, filled: dict[str, Any],
                                           empty: Ledger, tmp_path: Path) -> None:
    export(ledger, "acled", tmp_path / "acled", "t")
    rows = _rows(tmp_path / "acled" / "acled.csv")
    done = import_file(empty, tmp_path / "acled" / "acled.csv", "importer")
    assert (done.created, done.dialect) == (len(rows), "ACLED")
    back = _incidents(empty, tmp_path / "after")
    shelling = back[str(filled["shelling"])]
    assert (shelling["type"], shelling["date_start"]) == ("shelling", "2023-01-08")
    assert shelling["killed_low"] == next(r["fatalities"] for r in rows
                                          if r["event_id_cnty"] == f"RL{filled['shelling']}")


UWAZI_EXPORT = (  # as an Uwazi instance exports the template: labels, "from~to", its columns
    "Title,Date added,Template,Event type,Date range,Date precision,Location,Places,"
    "Rights affected,Grade,Killed low,Killed high,Injured low,Injured high,Claims,Sources,"
    "RightsLedger id,Documents,Attachments,Published\n"
    "\"Shelling, Goris, 2023-03-02\",2023-03-05,Incident (RightsLedger),Shelling,"
    "2023-03-02~2023-03-02,Day,39.507|46.338,Goris,UDHR 3|ICCPR 6,Weak,1,2,,,,,"
    ",,,Published\n")

PARTNER_ACLED = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,location,latitude,longitude,source,notes,fatalities\n"
    "ARM901,2023-04-11,2023,1,Political violence,Battles,Armed clash,Military Forces (test),"
    "Tegh,39.55,46.48,Partner Wire (test),An exchange of fire near the village.,2\n"
    "ARM902,12 April 2023,2023,3,Political violence,Explosions/Remote violence,"
    "Shelling/artillery/missile attack,,Goris,39.51,46.34,Partner Wire (test),,0\n")


def test_an_uwazi_instances_export_imports(empty: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "uwazi-export.csv"
    path.write_text(UWAZI_EXPORT, "utf-8")
    done = import_file(empty, path, "importer")
    assert (done.created, done.dialect) == (1, "Uwazi")
    row = next(iter(_incidents(empty, tmp_path / "after").values()))
    assert (row["type"], row["date_start"], row["date_precision"]) == ("shelling",
                                                                     "2023-03-02", "day")
    assert (row["killed_low"], row["killed_high"], row["rights"]) == ("1", "2",
                                                                    "UDHR 3 | ICCPR 6")


def test_a_partners_acled_list_imports_and_a_bad_row_refuses_it_whole(
        empty: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "partner.csv"
    path.write_text(PARTNER_ACLED, "utf-8")
    done = import_file(empty, path, "importer")
    assert (done.created, done.dialect) == (2, "ACLED")
    rows = sorted(_incidents(empty, tmp_path / "after").values(), key=lambda r: r["date_start"])
    assert [(r["type"], r["date_start"], r["date_precision"], r["killed_low"]) for r in rows] \
        == [("ceasefire_violation", "2023-04-11", "day", "2"),
            ("shelling", "2023-04-12", "month", "")]
    assert "(ACLED ARM901)" in rows[0]["description"]
    bad = tmp_path / "bad.csv"
    bad.write_text(PARTNER_ACLED + PARTNER_ACLED.splitlines()[1].replace(",1,", ",7,") + "\n",
                   "utf-8")
    with pytest.raises(BadInput, match=r"bad.csv: row 3, column time_precision: '7' is not "
                                       r"1, 2 or 3; nothing was imported"):
        import_file(empty, bad, "importer")
    assert len(_incidents(empty, tmp_path / "again")) == 2


def test_a_range_and_a_pipe_separated_list_read_as_one(empty: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "ours.json"
    path.write_text(json.dumps([{"type": "shelling", "date_start": "2023-01-02",
                                 "places": "Goris | Kapan", "killed": "2-4",
                                 "claimed_by": "Partner Wire (test)"}]), "utf-8")
    import_file(empty, path, "importer")
    row = next(iter(_incidents(empty, tmp_path / "after").values()))
    assert (row["killed_low"], row["killed_high"]) == ("2", "4")
    assert len(row["places"].split(" | ")) == 2
