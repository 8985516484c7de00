"""Consent on both engines: a withdrawn or expired consent takes a photo or story out of
every public output built afterwards (export, public page), and the removal is audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.media import consent, photos, stories
from rightsledger.publish.export import export
from rightsledger.records import audit, incidents
from tests.media import images


def _photo(ledger: Ledger, tmp_path: Path, confirmed: bool = True, shade: int = 0) -> int:
    photo_id = photos.add(ledger, images.write(tmp_path, f"p{shade}.jpg",
                                               images.photo(shade=shade)), {}, "t")
    if confirmed:
        with ledger.store.writing() as conn:
            photos.confirm(conn, photo_id, "t")
    return photo_id


def _exported(ledger: Ledger) -> dict:
    return export(ledger, "json", ledger.path.parent / "export", "exporter").snapshot


def test_withdrawal_removes_a_photo_and_a_story_from_exports_built_afterwards(
        ledger: Ledger, tmp_path: Path) -> None:
    photo_id = _photo(ledger, tmp_path)
    with ledger.store.writing() as conn:
        story_id = stories.add(conn, ledger.secret, {"title": "Queue", "body": "She waited."},
                               "t")
        given = consent.add(conn, ledger.secret, {"item_kind": "photo", "item_id": photo_id,
                                                  "person": "Depicted Person",
                                                  "scopes": "reports,press,web"}, "t")
        consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story_id,
                                          "person": "Quoted Person", "scopes": ["press"]}, "t")
    before = _exported(ledger)
    assert [p["id"] for p in before["photos"]] == [photo_id]
    assert [s["id"] for s in before["stories"]] == [story_id]
    with ledger.store.writing() as conn:
        consent.withdraw(conn, given, None, "she asked us to", "officer")
    after = _exported(ledger)
    assert after["photos"] == [] and [s["id"] for s in after["stories"]] == [story_id]
    with ledger.store.reading() as conn:
        removal = [e for e in audit.entries(conn, "photo", photo_id) if e.action == "unpublish"]
        assert photos.get(conn, photo_id)["web"] == f"consent {given} withdrawn on " \
                                                    f"{date.today()}"
    assert removal[0].actor == "officer" and removal[0].after["why"] == "consent withdrawn"
    with ledger.store.writing() as conn, pytest.raises(BadInput, match="already withdrawn"):
        consent.withdraw(conn, given, None, "again", "officer")


def test_an_expired_consent_unpublishes_and_is_audited_once(ledger: Ledger,
                                                            tmp_path: Path) -> None:
    photo_id = _photo(ledger, tmp_path)
    with ledger.store.writing() as conn:
        consent.add(conn, ledger.secret, {"item_kind": "photo", "item_id": photo_id,
                                          "person": "P", "scopes": "press",
                                          "given_on": "2023-01-01", "expires_on": "2023-06-30"},
                    "t")
        assert consent.allowed_ids(conn, "photo", "press", date(2023, 6, 30)) == {photo_id}
        assert consent.allowed_ids(conn, "photo", "press", date(2023, 7, 1)) == set()
    assert _exported(ledger)["photos"] == []
    _exported(ledger)
    with ledger.store.reading() as conn:
        lapses = [e for e in audit.entries(conn, "photo", photo_id) if e.action == "unpublish"]
    assert len(lapses) == 1 and lapses[0].after["why"] == "consent expired"


def test_nothing_is_published_without_consent_for_that_use(ledger: Ledger,
                                                           tmp_path: Path) -> None:
    bare = _photo(ledger, tmp_path, shade=0)
    internal = _photo(ledger, tmp_path, shade=30)
    unconfirmed = _photo(ledger, tmp_path, confirmed=False, shade=60)
    two_people = _photo(ledger, tmp_path, shade=90)
    with ledger.store.writing() as conn:
        for item, scopes in ((internal, "internal,reports"), (unconfirmed, "press"),
                             (two_people, "press,web"), (two_people, "web")):
            consent.add(conn, ledger.secret, {"item_kind": "photo", "item_id": item,
                                              "person": f"P{item}{scopes}", "scopes": scopes},
                        "t")
        assert consent.allowed_ids(conn, "photo", "web", date.today()) == {two_people}
        assert consent.allowed_ids(conn, "photo", "press", date.today()) == {unconfirmed}
        assert photos.published(conn, "press") == []  # its public copy is not confirmed
        assert photos.get(conn, bare)["web"] == "no consent recorded"
        assert photos.get(conn, internal)["web"] == "consent 1 does not cover web"
    assert _exported(ledger)["photos"] == []


def test_consent_names_are_encrypted_and_bad_records_refused(ledger: Ledger,
                                                             tmp_path: Path) -> None:
    photo_id = _photo(ledger, tmp_path)
    with ledger.store.writing() as conn:
        consent_id = consent.add(conn, ledger.secret, {
            "item_kind": "photo", "item_id": photo_id, "person": "Canary Consentname",
            "given_by": "Canary Guardian", "through": "C-FIXER", "scopes": "web"}, "t")
        for bad, message in (({"item_kind": "video"}, "item_kind"),
                             ({"item_id": 99}, "no photo 99"),
                             ({"scopes": "tv"}, "scopes"),
                             ({"person": " "}, "person"),
                             ({"given_on": "2023-05-01", "expires_on": "2023-04-01"},
                              "before given_on")):
            values = {"item_kind": "photo", "item_id": photo_id, "person": "X",
                      "scopes": "web", **bad}
            with pytest.raises((BadInput, NotFound), match=message):
                consent.add(conn, ledger.secret, values, "t")
        shown = consent.reveal(conn, ledger.secret, consent.of_item(conn, "photo", photo_id)[0])
    assert shown["person"] == "Canary Consentname" and shown["id"] == consent_id
    ledger.close()
    with Ledger.open(ledger.path) as again, again.store.reading() as conn:
        assert len(consent.of_item(conn, "photo", photo_id)) == 1
    if (ledger.path / "records.db").exists():
        for name in ("records.db", "records.db-wal"):
            path = ledger.path / name
            if path.exists():
                assert b"Canary" not in path.read_bytes()


def test_an_incident_link_does_not_publish_without_consent(ledger: Ledger,
                                                           tmp_path: Path) -> None:
    with ledger.store.writing() as conn:
        incident = incidents.create(conn, {"type": "shelling", "date_start": "2023-01-20",
                                           "places": ["Stepanakert"]}, "t")
    photo_id = photos.add(ledger, images.write(tmp_path, "a.jpg", images.photo()),
                          {"incident_id": incident}, "t")
    with ledger.store.writing() as conn:
        photos.confirm(conn, photo_id, "t")
        assert photos.published(conn, "web", incident_id=incident) == []
        consent.add(conn, ledger.secret, {"item_kind": "photo", "item_id": photo_id,
                                          "person": "P", "scopes": "web"}, "t")
        assert [p["id"] for p in photos.published(conn, "web", incident_id=incident)] == [
            photo_id]
