"""verify names every altered or missing object and the first broken custody entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from rightsledger.evidence.ingest import ingest
from rightsledger.evidence.verify import verify
from rightsledger.ledger import Ledger


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
