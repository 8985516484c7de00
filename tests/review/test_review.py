"""From candidates to decided incidents, on both engines: proposal, republications, matching,
denials, accept/edit/reject/merge, version conflicts, and re-extraction leaving decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from rightsledger.errors import BadInput, Conflict
from rightsledger.ledger import Ledger
from rightsledger.records import audit, incidents
from rightsledger.review import decide
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose
from rightsledger.workflow.reextract import reextract

FIRST = ("Stepanakert was shelled on the morning of 3 October 2020, the Human Rights Defender "
         "of Artsakh said. Four civilians were killed and twelve were injured in the attack.\n\n"
         "Rescue teams worked through the night in the damaged districts of the town.")
OTHER = ("On 3 October 2020 artillery fire hit Stepanakert again, Amnesty International "
         "reported. The organisation said 4 civilians were killed.\n\n"
         "Residents spent the night in basements.")
DENIAL = ("The Ministry of Defence of Azerbaijan denied that Stepanakert was shelled on "
          "3 October 2020.")


def _write(folder: Path, name: str, text: str, publisher: str, published: str) -> None:
    (folder / name).write_text(text, "utf-8")
    (folder / f"{name}.json").write_text(json.dumps({"publisher": publisher,
                                                     "published": published}), "utf-8")


@pytest.fixture
def reported(ledger: Ledger, tmp_path: Path) -> Ledger:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", FIRST, "Caucasus Monitor", "2020-10-03")
    _write(docs, "b.txt", FIRST.replace("the night", "the whole night"), "Copy Wire",
           "2020-10-04")
    _write(docs, "c.txt", OTHER, "Amnesty International", "2020-10-04")
    assert ingest(ledger, [docs]).failed == 0
    return ledger


def _shellings(ledger: Ledger) -> list[dict]:
    with ledger.store.reading() as conn:
        return [decide.detail(conn, r["id"]) for r in
                incidents.find(conn, type_="shelling") if r["status"] != "merged"][::-1]


def test_candidates_become_proposals_republications_join_and_a_match_is_offered(
        reported: Ledger) -> None:
    done = propose(reported)
    assert (done.proposed, done.republished, done.matched) == (2, 1, 1)
    first, second = _shellings(reported)
    assert first["status"] == second["status"] == "proposed"
    assert len(first["sources"]) == 2  # the copy joined the original
    assert second["match_id"] == first["id"]
    assert first["date_start"] == "2020-10-03" and first["place_names"] == ["Stepanakert"]
    assert "1 independent source(s)" in first["grade_reasons"][0]  # a copy counts once
    assert first["suggested"]["type"] == "shelling"
    assert propose(reported).proposed == 0  # proposed once only


def test_merge_gathers_sources_and_claims_and_regrades(reported: Ledger) -> None:
    propose(reported)
    first, second = _shellings(reported)
    with reported.store.writing() as conn:
        decide.merge(conn, second["id"], first["id"], "ana", second["version"])
        decide.accept(conn, first["id"], "ana")
    with reported.store.reading() as conn:
        merged, gone = decide.detail(conn, first["id"]), decide.detail(conn, second["id"])
        trail = [e.action for e in audit.entries(conn, "incident", first["id"])]
    assert (gone["status"], gone["merged_into"]) == ("merged", first["id"])
    assert len(merged["sources"]) == 3 and merged["grade"] == "fair"
    assert "Amnesty International: 4 killed" in merged["claims_side_by_side"]
    assert merged["status"] == "accepted" and merged["decided_by"] == "ana"
    assert {"create", "absorb", "accept"} <= set(trail)


def test_a_denial_elsewhere_is_attached_and_contests(reported: Ledger, tmp_path: Path) -> None:
    propose(reported)
    denial = tmp_path / "denial"
    denial.mkdir()
    _write(denial, "d.txt", DENIAL, "Ministry of Defence press service", "2020-10-04")
    ingest(reported, [denial])
    assert propose(reported).denials == 1
    first = _shellings(reported)[0]
    assert first["grade"] == "contested"
    assert "denies" in first["claims_side_by_side"]


def test_a_stale_version_is_a_conflict_and_nothing_changes(reported: Ledger) -> None:
    propose(reported)
    first = _shellings(reported)[0]
    with reported.store.writing() as conn:
        decide.edit(conn, first["id"], {"description": "Shelling of a residential area"},
                    "ana", first["version"])
    with pytest.raises(Conflict, match="changed by ana"):
        with reported.store.writing() as conn:
            decide.edit(conn, first["id"], {"description": "other words"}, "ben",
                        first["version"])
    with reported.store.reading() as conn:
        assert incidents.get(conn, first["id"])["description"] == \
            "Shelling of a residential area"


def test_reject_needs_a_reason_and_rejected_cannot_be_accepted(reported: Ledger) -> None:
    propose(reported)
    first = _shellings(reported)[0]
    with pytest.raises(BadInput, match="reason"):
        with reported.store.writing() as conn:
            decide.reject(conn, first["id"], " ", "ana")
    with reported.store.writing() as conn:
        decide.reject(conn, first["id"], "duplicate of an older record", "ana")
    with pytest.raises(BadInput, match="rejected"):
        with reported.store.writing() as conn:
            decide.accept(conn, first["id"], "ana")


def test_reextraction_never_overwrites_a_decision(reported: Ledger) -> None:
    propose(reported)
    first = _shellings(reported)[0]
    with reported.store.writing() as conn:
        decide.edit(conn, first["id"], {"places": ["Shushi"]}, "ana", first["version"])
        decide.accept(conn, first["id"], "ana")
        conn.execute(sql("UPDATE source_extraction SET versions = '{}'"))
    reextract(reported)
    assert propose(reported).proposed == 0
    again = _shellings(reported)[0]
    assert again["status"] == "accepted"
    assert again["place_names"] == ["Shusha"]  # the gazetteer's label for Shushi
    assert again["suggested"]["place"] == "Stepanakert"  # the machine's value is kept


def test_grade_override_needs_a_reason_and_is_shown(reported: Ledger) -> None:
    propose(reported)
    first = _shellings(reported)[0]
    with pytest.raises(BadInput, match="reason"):
        with reported.store.writing() as conn:
            decide.override_grade(conn, first["id"], "discounted", "", "ana")
    with reported.store.writing() as conn:
        decide.override_grade(conn, first["id"], "discounted", "the video is older", "ana")
    shown = _shellings(reported)[0]
    assert shown["grade"] == "discounted"
    assert shown["grade_reasons"][0].startswith("set to discounted by ana")
