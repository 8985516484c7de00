"""Incidents, claims and victims on both engines: import all-or-nothing, filters, claims
side by side, victims' names encrypted at rest and absent from exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.publish.export import export
from rightsledger.records import acts, audit, claims, incidents, victims
from rightsledger.review.decide import detail, regrade
from rightsledger.workflow.importing import import_file

HEADER = "type,date_start,date_end,places,killed,claimed_by,description\n"
GOOD = ("shelling,2020-10-03,2020-10-03,Stepanakert,4,Human Rights Defender of Artsakh,"
        "Residential districts hit\n"
        "shelling,2020-10-08,2020-10-08,Shushi,,,Cathedral hit twice\n")


def _count(ledger: Ledger) -> int:
    with ledger.store.reading() as conn:
        return conn.execute(select(func.count()).select_from(schema.incidents)).scalar_one()


@pytest.mark.parametrize(("bad_row", "message"), [
    ("bombing,2020-10-03,,Stepanakert,,,", "row 2, column type: unknown incident type 'bombing'"),
    ("shelling,2020-10-05,2020-10-03,Stepanakert,,,",
     "row 2, column date_end: the end 2020-10-03 is before the start 2020-10-05"),
    ("shelling,2020-10-03,,Stepanakert,-3,,", "row 2, column killed: '-3' is not a count"),
    ("shelling,2020-10-03,,Narnia,,,", "row 2, column places: unknown place 'Narnia'"),
])
def test_a_bad_row_refuses_the_whole_file(ledger: Ledger, tmp_path: Path, bad_row: str,
                                          message: str) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD.splitlines(keepends=True)[0] + bad_row + "\n", "utf-8")
    with pytest.raises(BadInput) as caught:
        import_file(ledger, path, "ana")
    assert message in str(caught.value) and "nothing was imported" in str(caught.value)
    assert _count(ledger) == 0
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn)) == []


def test_import_creates_then_updates_by_id(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD, "utf-8")
    assert (import_file(ledger, path, "ana").created, _count(ledger)) == (2, 2)
    with ledger.store.reading() as conn:
        first = incidents.find(conn, place="Stepanakert")[0]
        shown = detail(conn, first["id"])
    assert shown["claims_side_by_side"] == "Human Rights Defender of Artsakh: 4 killed"
    update = tmp_path / "update.json"
    update.write_text(json.dumps([{"id": first["id"], "version": first["version"],
                                   "type": "shelling", "places": ["Stepanakert", "Shushi"]}]))
    assert import_file(ledger, update, "ben").updated == 1
    with ledger.store.reading() as conn:
        now = detail(conn, first["id"])
    assert sorted(now["place_names"]) == ["Shusha", "Stepanakert"]
    assert (now["updated_by"], now["version"]) == ("ben", first["version"] + 1)


def test_find_by_type_dates_and_place(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(HEADER + GOOD + "blockade,2022-12-12,,Lachin corridor,,,Road closed\n")
    import_file(ledger, path, "ana")
    with ledger.store.reading() as conn:
        autumn = incidents.find(conn, type_="shelling", date_from="2020-09-27",
                                date_to="2020-11-10")
        there = incidents.find(conn, place="Shushi")
        ongoing = incidents.find(conn, date_from="2023-03-21")
    assert [r["description"] for r in autumn] == ["Cathedral hit twice",
                                                  "Residential districts hit"]
    assert [r["description"] for r in there] == ["Cathedral hit twice"]
    assert [r["type"] for r in ongoing] == ["blockade"]  # an open interval lasts


def test_claims_side_by_side_with_ranges_and_denial(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        i = incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03",
                                    "date_end": "2020-10-03", "places": ["Stepanakert"]}, "ana")
        claims.add(conn, {"incident_id": i, "by": "Ministry A", "killed": 1}, "ana")
        claims.add(conn, {"incident_id": i, "by": "Ombudsman B", "killed": (10, 12, 15),
                          "injured": 30}, "ana")
        claims.add(conn, {"incident_id": i, "by": "Army C", "stance": "denies"}, "ana")
        regrade(conn, i, "ana")
        shown = detail(conn, i)
    assert shown["claims_side_by_side"] == ("Ministry A: 1 killed; Ombudsman B: 10–15 (best 12) "
                                            "killed, 30 injured; Army C: denies")
    assert shown["grade"] == "contested"
    with pytest.raises(BadInput, match="minimum 15 is above the maximum 10"):
        with ledger.store.writing() as conn:
            claims.add(conn, {"incident_id": i, "killed": (15, None, 10)}, "ana")


def test_acknowledgement_by_the_actor_who_acted_confirms(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        i = incidents.create(conn, {"type": "detention", "date_start": "2023-07-29",
                                    "date_end": "2023-07-29"}, "ana")
        acts.add(conn, i, {"by": "State Border Service of X", "act": "detained",
                           "target": "a patient on his way to hospital"}, "ana")
        claims.add(conn, {"incident_id": i, "by": "State Border Service of X",
                          "text": "detained at the checkpoint"}, "ana")
        assert regrade(conn, i, "ana").grade == "confirmed"


SECRET_NAME = "Zarouhi Canaryan-Testova"


def test_victim_names_are_encrypted_at_rest_and_never_exported(ledger: Ledger,
                                                               tmp_path: Path) -> None:
    with ledger.store.writing() as conn:
        i = incidents.create(conn, {"type": "injury", "date_start": "2020-10-03",
                                    "date_end": "2020-10-03"}, "ana")
        v = victims.add(conn, ledger.secret, {"real_name": SECRET_NAME, "contact": "+374 555 0101",
                                              "incident_id": i, "harm": "injured",
                                              "age_group": "child"}, "ana")
        again = victims.add(conn, ledger.secret, {"real_name": SECRET_NAME.upper(),
                                                  "incident_id": i, "harm": "displaced"}, "ana")
    assert again == v  # the same person, found by the keyed hash of the name
    with ledger.store.reading() as conn:
        raw = conn.execute(sql("SELECT * FROM victims")).all()
        logged = conn.execute(sql("SELECT before, after FROM audit")).all()
        shown = victims.of_incident(conn, i)
    assert SECRET_NAME not in repr(raw) + repr(logged) and "555 0101" not in repr(raw)
    assert {s["harm"] for s in shown} == {"injured", "displaced"}
    assert "real_name" not in shown[0] and shown[0]["pseudonym"].startswith("V-")
    with ledger.store.writing() as conn:
        assert victims.reveal(conn, ledger.secret, v, "ana")["real_name"] == SECRET_NAME
        assert [e.action for e in audit.entries(conn, "victim", v)][-1] == "reveal"
    published = export(ledger, "json", tmp_path / "out", "ana")
    body = (tmp_path / "out" / "records.json").read_bytes()
    assert SECRET_NAME.encode() not in body and shown[0]["pseudonym"].encode() in body
    assert [e.action for e in ledger.store.custody()][-1] == "export"
    assert list(ledger.store.custody())[-1].object == published.manifest_sha
    if ledger.store.dialect == "sqlite":
        ledger.close()
        for f in ledger.path.glob("records.db*"):
            assert SECRET_NAME.encode() not in f.read_bytes()
