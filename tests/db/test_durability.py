"""Promise 2, durable settings (docs/security.md): SQLite in WAL with synchronous=FULL on a
local file system, PostgreSQL with fsync, full_page_writes and synchronous_commit on;
anything else is refused at start in one line, and nothing is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsledger.db import durability, pgcluster
from rightsledger.errors import LedgerError
from rightsledger.ledger import Ledger

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export/office /mnt/office\\040share nfs4 rw,relatime,vers=4.2 0 0
//nas/ledgers /srv/nas cifs rw,relatime,vers=3.0 0 0
"""


def test_promise_2_a_new_ledger_runs_on_durable_settings(ledger: Ledger) -> None:
    assert ledger.store.durability_problems() == []
    with ledger.store.reading() as conn:
        if ledger.store.dialect == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        else:
            for name in ("fsync", "full_page_writes", "synchronous_commit"):
                assert conn.exec_driver_sql(f"SHOW {name}").scalar() == "on"


def test_promise_2_postgres_without_synchronous_commit_is_refused(postgres_server: str,
                                                                 tmp_path: Path) -> None:
    url = pgcluster.new_database(postgres_server) + "?options=-c%20synchronous_commit%3Doff"
    with pytest.raises(LedgerError, match="unsafe storage, refusing to start: PostgreSQL "
                                          "synchronous_commit is off: it must be on"):
        Ledger.init(tmp_path / "ledger", url)
    assert not (tmp_path / "ledger").exists()


def test_promise_2_a_database_on_a_network_file_system_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert durability.file_system_of(Path("/mnt/office share/ledger"), MOUNTS) == (
        "/mnt/office share", "nfs4")
    assert durability.file_system_of(Path("/srv/nasty"), MOUNTS) == ("/", "ext4")
    assert durability.network_problem(Path("/srv/nas/l"), MOUNTS).startswith(
        "/srv/nas/l is on a network file system (cifs mounted at /srv/nas)")
    assert durability.network_problem(Path("/tmp/l"), MOUNTS) is None
    assert durability.network_problem(tmp_path) is None  # this machine's real mount table
    table = tmp_path / "mounts"
    table.write_text(MOUNTS.replace("/srv/nas", str(tmp_path / "share")))
    monkeypatch.setattr(durability, "MOUNTS", table)
    with pytest.raises(LedgerError, match="is on a network file system \\(cifs mounted at"):
        Ledger.init(tmp_path / "share" / "ledger")
    assert not (tmp_path / "share" / "ledger").exists()


def test_promise_2_sqlite_without_wal_or_full_sync_is_named() -> None:
    assert durability.sqlite_problems("wal", 2) == []
    assert durability.sqlite_problems("delete", 1) == [
        "SQLite journal_mode is delete, not WAL (the file system may not support it)",
        "SQLite synchronous is 1, not FULL (2)"]
