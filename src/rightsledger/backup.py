"""Backups of a ledger in use, and restoring one into an empty folder (promise 7 of
docs/security.md).

A backup copies the database first — SQLite through its online backup API, PostgreSQL with
pg_dump (one consistent snapshot each, taken while ingest goes on writing) — and the evidence
objects after it: objects are written before the records that name them, so every record in
the copy finds its object. Then the keys (a plain ledger's backup is as sensitive as the
ledger: the keys that open its encrypted fields are in it; an encrypted ledger's backup holds
only its vault, and opens with the same passphrase) and ledger.json. The
folder is written under a hidden name and renamed when complete.

    backup/
      backup.json        ledger id, engine, time, sources and custody entries in the copy
      ledger.json        the ledger's settings
      records.db         (SQLite)  or  records.pgdump  (PostgreSQL, pg_dump's custom format)
      objects/…          the evidence, as in the ledger
      keys/…             signing key and field secret, or the vault (owner-only)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from rightsledger.db.pgcluster import pg_bin
from rightsledger.db.sqlite import SQLiteStore, raw_connection
from rightsledger.errors import BadInput, LedgerError
from rightsledger.ground import fsync_dir, utc_now
from rightsledger.ledger import CONFIG, Ledger

INFO = "backup.json"


@dataclass(frozen=True)
class Backup:
    folder: Path
    sources: int | None
    entries: int | None


def _new_folder(out: Path) -> Path:
    out = out.resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadInput(f"{out} exists and is not empty: give a new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _libpq(url: str) -> str:
    """A SQLAlchemy URL as libpq understands it (no driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(ledger: Ledger, out: Path) -> Backup:
    """Back up ``ledger`` into the new folder ``out`` while it may be in use."""
    out = _new_folder(out)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        _copy_database(ledger, work)
        shutil.copytree(ledger.objects.root, work / "objects")
        shutil.copytree(ledger.path / "keys", work / "keys")
        shutil.copy2(ledger.path / CONFIG, work / CONFIG)
        counts = _counts(ledger, work)
        (work / INFO).write_text(json.dumps({
            "ledger_id": ledger.id, "engine": ledger.store.dialect, "at": utc_now(),
            **counts}, indent=2) + "\n", "utf-8")
        os.sync()
        work.rename(out)
        fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    with ledger.store.writing() as conn:
        ledger.record(conn, "backup", details={"path": str(out), **counts})
    return Backup(out, counts["sources"], counts["entries"])


def _copy_database(ledger: Ledger, work: Path) -> None:
    if isinstance(ledger.store, SQLiteStore):
        ledger.store.copy_to(work / "records.db")  # one snapshot, writers keep going (WAL)
        return
    url = ledger.store.engine.url.render_as_string(hide_password=False)
    _run([pg_bin("pg_dump"), "--format=custom", "--no-owner", "--file",
          str(work / "records.pgdump"), _libpq(url)], "pg_dump")


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise LedgerError(f"{what} failed: {last}")


def _counts(ledger: Ledger, work: Path) -> dict[str, Any]:
    """How many sources and custody entries the copy holds, read from the copy itself
    (SQLite); a PostgreSQL dump is not readable here, so its counts are unknown (None)."""
    if not isinstance(ledger.store, SQLiteStore):
        return {"sources": None, "entries": None}
    copy = raw_connection(str(work / "records.db"), ledger.store.key)
    try:
        sources = copy.execute("SELECT count(*) FROM sources").fetchone()[0]
        entries = copy.execute("SELECT count(*) FROM custody").fetchone()[0]
    finally:
        copy.close()
    return {"sources": int(sources), "entries": int(entries)}


def restore(source: Path, target: Path, database_url: str | None = None) -> Path:
    """Restore the backup ``source`` into the new folder ``target``; a PostgreSQL backup goes
    into the empty database ``database_url``. Give the restored ledger's folder."""
    info = _info(source)
    target = _new_folder(target)
    if info["engine"] == "postgresql" and not database_url:
        raise BadInput("this backup is of a PostgreSQL ledger: give --database with the URL "
                       "of an empty database to restore it into")
    if info["engine"] == "sqlite" and database_url:
        raise BadInput("this backup is of a SQLite ledger: restore it without --database")
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
    try:
        shutil.copytree(source / "objects", work / "objects")
        (work / "tmp").mkdir()
        shutil.copytree(source / "keys", work / "keys")
        config = json.loads((source / CONFIG).read_text("utf-8"))
        if database_url:
            _run([pg_bin("pg_restore"), "--no-owner", "--exit-on-error", "--dbname",
                  _libpq(database_url), str(source / "records.pgdump")], "pg_restore")
            config.setdefault("settings", {})["database_url"] = database_url
        else:
            shutil.copy2(source / "records.db", work / "records.db")
            config.get("settings", {}).pop("database_url", None)
        (work / CONFIG).write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n",
                                   "utf-8")
        os.sync()
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _info(source: Path) -> dict[str, Any]:
    try:
        info: dict[str, Any] = json.loads((source / INFO).read_text("utf-8"))
        info["engine"]  # noqa: B018 - a key every backup has
    except (OSError, ValueError, KeyError) as exc:
        raise BadInput(f"{source} is not a RightsLedger backup ({exc.__class__.__name__}): "
                       "give the folder `rightsledger backup` wrote") from None
    return info
