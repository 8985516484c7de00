"""Human stories on both engines: the check flags a planted real name, address and phone
number of a linked victim; public outputs carry pseudonyms only; the body is encrypted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.media import consent, stories
from rightsledger.publish.export import export
from rightsledger.records import incidents, victims

NAME, ADDRESS, PHONE = "Lusine Hakobyan", "7 Canary Lane, Stepanakert", "+374 97 555 123"


def _story(ledger: Ledger, body: str) -> tuple[int, str]:
    with ledger.store.writing() as conn:
        incident = incidents.create(conn, {"type": "blockade", "date_start": "2022-12-12",
                                           "places": ["Stepanakert"]}, "t")
        victim = victims.add(conn, ledger.secret, {
            "real_name": NAME, "address": ADDRESS, "contact": PHONE,
            "incident_id": incident, "harm": "deprived"}, "t")
        story = stories.add(conn, ledger.secret, {
            "title": "Bread at dawn", "body": body, "incident_ids": [incident],
            "victim_ids": [victim], "rights": ["ICESCR 11"]}, "analyst")
        pseudonym = victims.pseudonyms_of(conn, [victim])[0]["pseudonym"]
    return story, pseudonym


def test_the_check_flags_a_planted_real_name_address_and_phone(ledger: Ledger) -> None:
    body = ("Every morning L. queued for bread. HAKOBYAN, as her neighbours call her, "
            "lives at 7 Canary Lane and can be reached on 097-555-123. Lusine Hakobyán "
            "said the shelves were empty.")
    story, pseudonym = _story(ledger, body)
    with ledger.store.reading() as conn:
        shown = stories.get(conn, ledger.secret, story)
    kinds = [w.split(" of ")[0] for w in shown["warnings"]]
    assert kinds == ["the real name", "the address", "the phone number", "the real name"]
    assert all(pseudonym in w for w in shown["warnings"])
    public = shown["public_body"]
    assert "Hakobyan" not in public and "Hakobyán" not in public and "HAKOBYAN" not in public
    assert "Canary" not in public and "555" not in public
    assert public.count(pseudonym) == 2 and "[address withheld]" in public
    assert public.startswith("Every morning L. queued")  # the rest is as written


def test_a_clean_story_has_no_warnings_and_is_exported_with_pseudonyms(ledger: Ledger,
                                                                      tmp_path: Path) -> None:
    story, pseudonym = _story(ledger, "Every morning she queued for bread in the cold.")
    with ledger.store.writing() as conn:
        assert stories.get(conn, ledger.secret, story)["warnings"] == []
        consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story,
                                          "person": NAME, "victim_id": 1,
                                          "scopes": "press"}, "t")
    export(ledger, "json", tmp_path / "out", "t")
    body = (tmp_path / "out" / "records.json").read_bytes()
    exported = json.loads(body)["stories"]
    assert exported[0]["victims"] == [pseudonym]
    assert exported[0]["incident_ids"] == [1] and exported[0]["rights"] == ["ICESCR 11"]
    assert NAME.encode() not in body and b"Canary" not in body


def test_the_body_is_encrypted_at_rest(ledger: Ledger) -> None:
    story, _ = _story(ledger, "A Canary-marked sentence about the queue.")
    with ledger.store.reading() as conn:
        stored = conn.execute(select(schema.stories.c.body)).scalar_one()
        assert stored.startswith("v1.") and "Canary" not in stored
        assert "Canary" in stories.get(conn, ledger.secret, story)["body"]


def test_stories_need_a_title_text_and_known_links(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        with pytest.raises(BadInput, match="title and a text"):
            stories.add(conn, ledger.secret, {"title": "Only a title"}, "t")
        with pytest.raises(BadInput, match="unknown right"):
            stories.add(conn, ledger.secret, {"title": "T", "body": "B",
                                              "rights": ["NOPE-1"]}, "t")
    with pytest.raises(NotFound, match="no incident 42"), ledger.store.writing() as conn:
        stories.add(conn, ledger.secret, {"title": "T", "body": "B", "incident_ids": [42]}, "t")
    with ledger.store.reading() as conn:
        assert stories.find(conn) == []
