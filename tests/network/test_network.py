"""Contacts and engagements on both engines: details encrypted at rest, shown only by an
audited reveal, never exported; press trips with participants, materials and coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.network import contacts, engagements
from rightsledger.publish.export import export
from rightsledger.records import audit
from rightsledger.workflow.ingest import ingest

FIXER = {"name": "Canary Fixername", "reach": "+374 99 123 456, signal", "kind": "fixer",
         "notes": "Canary note: drives the Goris road", "expertise": "logistics, roads",
         "languages": "hy, ru, en", "region": "Syunik", "vouched_by": "ana",
         "last_contact": "2023-02-01"}


def test_contact_details_are_encrypted_and_every_reveal_is_audited(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        contact_id = contacts.add(conn, ledger.secret, FIXER, "ana")
    with ledger.store.reading() as conn:
        listed = contacts.list_(conn)
        assert [c["id"] for c in contacts.list_(conn, text="ROADS")] == [contact_id]
        assert contacts.list_(conn, kind="lawyer") == []
    assert listed[0]["code"].startswith("C-") and listed[0]["region"] == "Syunik"
    assert not {"name", "reach", "notes"} & set(listed[0])
    assert "Canary" not in json.dumps(listed)
    with ledger.store.writing() as conn:
        shown = contacts.reveal(conn, ledger.secret, contact_id, "admin")
    assert shown["name"] == FIXER["name"] and shown["reach"] == FIXER["reach"]
    with ledger.store.reading() as conn:
        reveals = [e for e in audit.entries(conn, "contact", contact_id)
                   if e.action == "reveal"]
        entries = json.dumps([e.after for e in audit.entries(conn)] +
                             [e.before for e in audit.entries(conn)])
    assert [e.actor for e in reveals] == ["admin"]
    assert "Canary" not in entries  # the audit log never holds the details
    db = ledger.path / "records.db"
    if db.exists():
        raw = db.read_bytes() + (ledger.path / "records.db-wal").read_bytes() \
            if (ledger.path / "records.db-wal").exists() else db.read_bytes()
        assert b"Canary" not in raw


def test_contacts_are_never_exported(ledger: Ledger, tmp_path: Path) -> None:
    with ledger.store.writing() as conn:
        contacts.add(conn, ledger.secret, FIXER, "ana")
        code = contacts.list_(conn)[0]["code"].encode()  # its pseudonym, "C-…"
    for fmt in ("json", "csv"):
        export(ledger, fmt, tmp_path / fmt, "t")
        body = b"".join(p.read_bytes() for p in sorted((tmp_path / fmt).iterdir()))
        assert (tmp_path / fmt / "manifest.json").is_file() and len(body) > 100
        # the code itself, not any "C-": the data package's licence is "CC-BY-4.0"
        assert b"Canary" not in body and code not in body and b"Syunik" not in body


def test_editing_a_contact_keeps_details_unless_replaced(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        contact_id = contacts.add(conn, ledger.secret, FIXER, "ana")
        contacts.edit(conn, ledger.secret, contact_id, {"last_contact": "2023-03-01"}, "ana",
                      version=1)
        assert contacts.reveal(conn, ledger.secret, contact_id, "a")["reach"] == FIXER["reach"]
        contacts.edit(conn, ledger.secret, contact_id, {"reach": "new number"}, "ana")
        shown = contacts.reveal(conn, ledger.secret, contact_id, "a")
    assert shown["reach"] == "new number" and shown["last_contact"] == "2023-03-01"
    assert shown["region"] == "Syunik" and shown["version"] == 3


def test_only_roles_given_access_may_see_details() -> None:
    settings = {"contact_details_role": "admin"}
    assert [contacts.may_see_details(r, settings) for r in ("admin", "analyst", "viewer",
                                                            "public")] == [True, False,
                                                                           False, False]
    settings = {"contact_details_role": "analyst"}
    assert contacts.may_see_details("analyst", settings)
    assert not contacts.may_see_details("viewer", {"contact_details_role": "viewer"})


def test_bad_contacts_are_refused(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        for bad, message in (({"name": ""}, "name"), ({"kind": "spy"}, "kind"),
                             ({"last_contact": "yesterday"}, "last_contact")):
            with pytest.raises(BadInput, match=message):
                contacts.add(conn, ledger.secret, {**FIXER, **bad}, "t")
        assert contacts.list_(conn) == []


def test_a_press_trip_with_participants_materials_and_coverage(ledger: Ledger,
                                                               tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "story.txt").write_text(
        "Reporters who travelled to Goris on 2 February 2023 described the closed road.")
    found: list = []
    ingest(ledger, [tmp_path / "docs"], {"kind": "article", "publisher": "Daily Example"},
           on_result=found.append)
    with ledger.store.writing() as conn:
        fixer = contacts.add(conn, ledger.secret, FIXER, "ana")
        trip = engagements.add(conn, {
            "kind": "press_trip", "title": "The road to Goris", "start": "2023-02-01",
            "end": "2023-02-03", "places": ["Goris", "Kornidzor"],
            "participants": [str(fixer), "Jane Example (Daily Example)"],
            "agenda": "Day 1: Goris. Day 2: the checkpoint.",
            "materials": ["report:100 days of blockade", "photo:1"]}, "ana")
        engagements.add_coverage(conn, trip, [found[0].source_id[:10]], "ana", version=1)
    with ledger.store.reading() as conn:
        shown = engagements.get(conn, trip)
        listed = engagements.find(conn)
    assert shown["place_names"] == ["Goris", "Kornidzor"]
    assert shown["participants"] == [{"contact_id": fixer},
                                     {"name": "Jane Example", "outlet": "Daily Example"}]
    assert shown["materials"][0] == {"kind": "report", "ref": "100 days of blockade"}
    assert [s["publisher"] for s in shown["coverage_sources"]] == ["Daily Example"]
    assert listed[0]["id"] == trip


def test_bad_engagements_are_refused(ledger: Ledger) -> None:
    base = {"kind": "conference", "title": "Briefing", "start": "2023-03-01"}
    with ledger.store.writing() as conn:
        for bad, error, message in (({"kind": "party"}, BadInput, "kind"),
                                    ({"end": "2023-02-01"}, BadInput, "before start"),
                                    ({"participants": ["99"]}, NotFound, "no contact 99"),
                                    ({"materials": ["poster"]}, BadInput, "KIND:REF"),
                                    ({"coverage": ["abc"]}, BadInput, "source id")):
            with pytest.raises(error, match=message):
                engagements.add(conn, {**base, **bad}, "t")
        assert engagements.find(conn) == []
