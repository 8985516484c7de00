"""verify names every altered or missing object and the first broken custody entry."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import delete, text

from rightsledger import anchor
from rightsledger.db import schema
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify


@pytest.fixture
def filled(ledger: Ledger, tmp_path: Path) -> Ledger:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"note-{i}.txt").write_text(
            f"Field note {i}: residents of Martakert reported that the power line was cut "
            f"on day {i + 3} of the blockade and repaired two days later.", "utf-8")
    assert ingest(ledger, [inbox]).added == 3
    assert verify(ledger).ok
    return ledger


def _some_object(ledger: Ledger) -> str:
    return ledger.store.list_sources()[0].id


def test_altered_object_is_named(filled: Ledger) -> None:
    sha = _some_object(filled)
    path = filled.objects.path(sha)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[5] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify(filled)
    assert not report.ok
    assert any(sha in p and "altered" in p for p in report.problems)


def test_missing_object_is_named(filled: Ledger) -> None:
    sha = _some_object(filled)
    filled.objects.path(sha).unlink()
    problems = verify(filled).problems
    assert any(sha in p and "missing" in p for p in problems)


def test_edited_custody_entry_is_the_first_break(filled: Ledger) -> None:
    with filled.store.writing() as conn:
        conn.execute(text("UPDATE custody SET actor = 'someone else' WHERE seq = 3"))
    problems = verify(filled).problems
    assert any(p.startswith("custody entry 3:") and "altered" in p for p in problems)


def test_deleted_custody_entry_breaks_the_chain(filled: Ledger) -> None:
    with filled.store.writing() as conn:
        conn.execute(text("DELETE FROM custody WHERE seq = 2"))
    problems = verify(filled).problems
    assert any(p.startswith("custody entry 3:") and "jumps" in p for p in problems)


def test_forged_entry_with_recomputed_hash_fails_the_signature(filled: Ledger) -> None:
    from rightsledger.evidence.custody import compute_hash

    last = list(filled.store.custody())[-1]
    forged_hash = compute_hash(last.seq, last.at, "forger", last.action, last.object,
                               last.details, last.prev_hash)
    with filled.store.writing() as conn:
        conn.execute(text("UPDATE custody SET actor = 'forger', entry_hash = :h WHERE seq = :s"),
                     {"h": forged_hash, "s": last.seq})
    problems = verify(filled).problems
    assert any(f"custody entry {last.seq}:" in p and "signature" in p for p in problems)


def test_deleted_source_record_is_reported(filled: Ledger) -> None:
    sha = _some_object(filled)
    with filled.store.writing() as conn:
        conn.execute(text("DELETE FROM sources WHERE id = :id"), {"id": sha})
    problems = verify(filled).problems
    assert any(sha in p and "no source record" in p for p in problems)


def test_records_edited_deleted_or_added_in_the_database_are_named(
        tmp_path: Path, database_url: str | None) -> None:
    """verify replays the audit log against the records (promise 3): a merge is fine, a
    change made straight in the database is named with the record and the field."""
    from sqlalchemy import delete, insert, update

    from rightsledger.db import schema
    from rightsledger.records import claims, incidents
    from rightsledger.review import decide

    with Ledger.init(tmp_path / "own", database_url) as ledger:
        with ledger.store.writing() as conn:
            first = incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03",
                                            "places": ["Stepanakert"],
                                            "description": "Shelling of the centre"}, "ana")
            second = incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03",
                                             "places": ["Stepanakert"]}, "ana")
            doomed = claims.add(conn, {"incident_id": second, "by": "Ombudsman",
                                       "killed": 2}, "ana")
            kept = claims.add(conn, {"incident_id": first, "by": "Ministry",
                                     "stance": "denies"}, "ana")
            decide.merge(conn, second, first, "ana")  # its claim moves, through the log
        assert verify(ledger).ok
        with ledger.store.writing() as conn:
            conn.execute(update(schema.incidents).where(schema.incidents.c.id == first)
                         .values(description="Nothing happened", type="other"))
            conn.execute(update(schema.incidents).where(schema.incidents.c.id == second)
                         .values(reason="filled in later"))  # empty since its creation
            conn.execute(delete(schema.claims).where(schema.claims.c.id == doomed))
            conn.execute(insert(schema.claims).values(
                incident_id=first, stance="asserts", text="slipped in", quote="", machine=0,
                created_at="2020-10-04T00:00:00Z", created_by="nobody"))
        problems = verify(ledger).problems
    assert problems == [
        f"incident {first}: description, type differ from the audit log (edited outside "
        "RightsLedger)",
        f"incident {second}: reason differs from the audit log (edited outside RightsLedger)",
        f"claim {kept + 1}: not in the audit log (written outside RightsLedger)",
        f"claim {doomed}: deleted outside RightsLedger (the audit log has it)"]


def test_a_ledger_of_an_earlier_version_is_replayed_leniently(
        tmp_path: Path, database_url: str | None) -> None:
    """Records made before migration 0009 (which sets audit_replay_from to the entry after the
    log's last one and the time) are held to the fields the log wrote; what comes after, to
    everything."""
    from sqlalchemy import func, insert, select

    from rightsledger.db import schema
    from rightsledger.ground import utc_now
    from rightsledger.records import audit, claims, incidents

    with Ledger.init(tmp_path / "own", database_url) as ledger:
        with ledger.store.writing() as conn:
            first = incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03",
                                            "places": ["Stepanakert"]}, "ana")
            claims.add(conn, {"incident_id": first, "by": "Ombudsman", "killed": 2}, "ana")
            old = {"incident_id": first, "stance": "asserts", "text": "an old unlogged claim",
                   "quote": "", "machine": 0, "created_at": utc_now(), "created_by": "ana"}
            conn.execute(insert(schema.claims).values(old))  # as an earlier version might
            last = conn.execute(select(func.max(schema.audit.c.seq))).scalar_one()
            ledger.store.set_meta(conn, "audit_replay_from", f"{last + 1} {utc_now()}")
        with ledger.store.reading() as conn:
            assert audit.row_problems(conn) == []
        with ledger.store.writing() as conn:
            incidents.create(conn, {"type": "shelling", "date_start": "2020-10-04",
                                    "places": ["Stepanakert"]}, "ana")
            conn.execute(insert(schema.claims).values({**old, "created_at": utc_now()}))
        problems = verify(ledger).problems
    assert problems == ["claim 3: not in the audit log (written outside RightsLedger)"]


def test_promise_3_a_cut_tail_passes_plain_verify_and_fails_against_a_kept_head(
        filled: Ledger, tmp_path: Path) -> None:
    """The limit docs/security.md states: the log's last entries removed leave a chain that
    still checks out; only a head kept outside the ledger names the cut."""
    assert ingest(filled, [tmp_path / "inbox"]).seen == 3  # three seen-again entries
    head = tmp_path / "head.json"
    kept = anchor.keep(filled, str(head), lambda s: head.write_text(json.dumps(s)))
    last = kept["head"]["seq"]
    with filled.store.writing() as conn:  # the last three: two seen-again, the head's note
        conn.execute(delete(schema.custody).where(schema.custody.c.seq > last - 3))
    report = verify(filled)
    assert report.ok and report.entries_checked == last - 3  # plain verify cannot see it
    assert anchor.problems(filled, anchor.read(head, filled)) == [
        f"custody entry {last}: missing, but {head} anchored it: the log was cut back"]
