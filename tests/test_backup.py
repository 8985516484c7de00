"""Promise 7, backup and restore (docs/security.md), on both engines: a backup taken while
ingest is writing restores into an empty folder, verifies, and holds exactly the sources
the ledger had at that moment (a prefix of the final ledger: nothing half-written, no
hole)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from rightsledger import backup
from rightsledger.db import pgcluster
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.workflow.verify import verify
from tests.cli.test_cli import rl

FILES = 400


def _pairs(ledger: Ledger) -> dict[int, tuple[str, int, str]]:
    """Each source's number with its hash, size and original name."""
    return {s.num: (s.id, s.size, s.original_name) for s in _sources(ledger)}


def _sources(ledger: Ledger) -> list:
    from sqlalchemy import select

    from rightsledger.db import schema
    t = schema.sources
    with ledger.store.reading() as conn:
        return list(conn.execute(select(t.c.num, t.c.id, t.c.size, t.c.original_name)).all())


def test_promise_7_a_backup_during_ingest_restores_a_consistent_ledger(
        tmp_path: Path, database_url: str | None, request: pytest.FixtureRequest) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(FILES):
        (inbox / f"n{i:04d}.txt").write_text(f"Note {i}: the corridor was closed on day {i}.")
    with Ledger.init(tmp_path / "ledger", database_url):
        pass
    writer = subprocess.Popen([sys.executable, "-m", "rightsledger.cli.main", "ingest",
                               str(tmp_path / "ledger"), str(inbox), "--batch-size", "5",
                               "--no-extract"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        with Ledger.open(tmp_path / "ledger") as ledger:
            while not _sources(ledger):
                time.sleep(0.05)
            done = backup.backup(ledger, tmp_path / "backup")
    finally:
        assert writer.wait(timeout=300) == 0
    target = pgcluster.new_database(request.getfixturevalue("postgres_server")) \
        if database_url else None
    restored_path = backup.restore(tmp_path / "backup", tmp_path / "restored", target)
    with Ledger.open(tmp_path / "ledger") as source, Ledger.open(restored_path) as restored:
        assert verify(restored).ok, verify(restored).problems
        copied, final = _pairs(restored), _pairs(source)
        assert copied and len(copied) <= FILES
        assert copied == {n: final[n] for n in final if n <= max(copied)}  # a prefix
        assert restored.id == source.id
    if done.sources is not None:
        assert done.sources == len(copied)


def test_restore_refuses_a_wrong_target_in_one_line(tmp_path: Path) -> None:
    with Ledger.init(tmp_path / "ledger") as ledger:
        backup.backup(ledger, tmp_path / "backup")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(BadInput, match="exists and is not empty"):
        backup.restore(tmp_path / "backup", tmp_path / "busy")
    with pytest.raises(BadInput, match="is not a RightsLedger backup"):
        backup.restore(tmp_path / "busy", tmp_path / "new")
    with pytest.raises(BadInput, match="restore it without --database"):
        backup.restore(tmp_path / "backup", tmp_path / "new", "postgresql+psycopg://x/y")
    assert not (tmp_path / "new").exists()


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    assert rl("init", str(tmp_path / "ledger")).returncode == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.txt").write_text("A note about Goris.")
    assert rl("ingest", str(tmp_path / "ledger"), str(tmp_path / "in")).returncode == 0
    made = rl("backup", str(tmp_path / "ledger"), "--out", str(tmp_path / "b"))
    assert made.returncode == 0 and "1 sources" in made.stdout, made.stderr
    back = rl("restore", str(tmp_path / "b"), str(tmp_path / "r"))
    assert back.returncode == 0 and "verified: no problems" in back.stdout, back.stderr
    assert (tmp_path / "r" / "keys" / "ledger.key").stat().st_mode & 0o077 == 0
