"""Upload jobs: files received over the web, waiting in a staging folder to be ingested.

A job is kept in the database from the moment its files start to arrive until it ends, with
each file's name as uploaded, its path in the staging folder and its status (pending, added,
seen, failed with a reason). A server killed mid-upload finds its unfinished jobs at the next
start: it resumes those whose staging folder is still there, and marks the others cut,
naming every file not ingested. Staging is removed when a job ends; `verify` names any
staging folder no unfinished job owns, or one older than a day (see ``stale_staging``).
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, case, delete, func, select, update

from rightsledger.db import schema
from rightsledger.ground import utc_now

RECEIVING, INGESTING, FINISHED, CUT = "receiving", "ingesting", "finished", "cut"
PENDING, ADDED, SEEN, FAILED = "pending", "added", "seen", "failed"
STALE_AFTER = 24 * 3600  # seconds: a staging folder older than this is reported by verify
STAGING_GLOB = "upload-*"  # under the ledger's tmp/ (ledger.staging("upload"))


@dataclass(frozen=True)
class UploadedFile:
    seq: int
    name: str  # as uploaded, folders kept
    staged: str  # relative to the job's staging folder
    status: str = PENDING
    message: str = ""
    source_id: str | None = None


@dataclass
class Job:
    id: str
    uploader: str
    state: str
    staging: str
    defaults: dict[str, str]
    proposed: int = 0
    note: str = ""
    created_at: str = ""
    files: list[UploadedFile] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state in (FINISHED, CUT)

    @property
    def total(self) -> int:
        return len(self.files)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def done(self) -> int:
        return self.total - self.count(PENDING)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    @property
    def seen(self) -> int:
        return self.count(SEEN)

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(f.name, f.message) for f in self.files if f.status == FAILED]


def create(conn: Connection, uploader: str, staging: Path, defaults: dict[str, str]) -> str:
    """A new job, receiving its files into ``staging``; returns its id."""
    job_id = uuid.uuid4().hex[:16]
    conn.execute(schema.upload_jobs.insert().values(
        id=job_id, uploader=uploader, state=RECEIVING, staging=str(staging),
        defaults=json.dumps(defaults, sort_keys=True), proposed=0, note="",
        created_at=utc_now()))
    return job_id


def received(conn: Connection, job_id: str, files: list[tuple[str, str]]) -> None:
    """Every file of the job (name as uploaded, staged path) has arrived: ingest them."""
    conn.execute(schema.upload_files.insert(), [
        {"job_id": job_id, "seq": n, "name": name, "staged": staged, "status": PENDING,
         "message": ""} for n, (name, staged) in enumerate(files)])
    _set(conn, job_id, state=INGESTING)


def forget(conn: Connection, job_id: str) -> None:
    """A job whose upload was refused before any file was ingested leaves no record."""
    conn.execute(delete(schema.upload_files).where(schema.upload_files.c.job_id == job_id))
    conn.execute(delete(schema.upload_jobs).where(schema.upload_jobs.c.id == job_id))


def settle(conn: Connection, job_id: str, staged: str, status: str, message: str = "",
           source_id: str | None = None) -> None:
    """One file's outcome."""
    t = schema.upload_files
    conn.execute(update(t).where(t.c.job_id == job_id, t.c.staged == staged).values(
        status=status, message=message, source_id=source_id))


def fail_pending(conn: Connection, job_id: str, message: str) -> int:
    """Every file still pending is named as not ingested, with ``message``; returns how many."""
    t = schema.upload_files
    return conn.execute(update(t).where(t.c.job_id == job_id, t.c.status == PENDING).values(
        status=FAILED, message=message)).rowcount


def end(conn: Connection, job_id: str, state: str, note: str = "", proposed: int = 0) -> None:
    _set(conn, job_id, state=state, note=note, proposed=proposed, ended_at=utc_now())


def note(conn: Connection, job_id: str, text: str) -> None:
    _set(conn, job_id, note=text)


def _set(conn: Connection, job_id: str, **values: object) -> None:
    t = schema.upload_jobs
    conn.execute(update(t).where(t.c.id == job_id).values(**values))


def get(conn: Connection, job_id: str) -> Job | None:
    t = schema.upload_jobs
    row = conn.execute(select(t).where(t.c.id == job_id)).mappings().first()
    if row is None:
        return None
    f = schema.upload_files
    files = [UploadedFile(r.seq, r.name, r.staged, r.status, r.message, r.source_id)
             for r in conn.execute(select(f).where(f.c.job_id == job_id).order_by(f.c.seq))]
    return Job(row["id"], row["uploader"], row["state"], row["staging"],
               json.loads(row["defaults"]), row["proposed"], row["note"], row["created_at"],
               files)


def recent(conn: Connection, uploader: str | None, limit: int = 20) -> list[dict[str, object]]:
    """The newest jobs, of ``uploader`` only unless None (all): id, uploader, state, counts."""
    t, f = schema.upload_jobs, schema.upload_files
    done = func.sum(case((f.c.status != PENDING, 1), else_=0))
    query = (select(t.c.id, t.c.uploader, t.c.state, t.c.created_at,
                    func.count(f.c.seq).label("total"), done.label("done"))
             .outerjoin(f, f.c.job_id == t.c.id).group_by(t.c.id)
             .order_by(t.c.created_at.desc()).limit(limit))
    if uploader is not None:
        query = query.where(t.c.uploader == uploader)
    return [{**r._mapping, "done": int(r.done or 0),
             "finished": r.state in (FINISHED, CUT)} for r in conn.execute(query)]


def unfinished(conn: Connection) -> list[str]:
    """Ids of the jobs that have not ended, oldest first."""
    t = schema.upload_jobs
    return list(conn.execute(select(t.c.id).where(t.c.state.in_((RECEIVING, INGESTING)))
                             .order_by(t.c.created_at)).scalars())


def stale_staging(conn: Connection, tmp: Path, now: float | None = None) -> list[str]:
    """Staging folders under ``tmp`` that no unfinished job owns, or older than a day: each
    named with the files it still holds."""
    t = schema.upload_jobs
    owned = {row.staging: (row.id, row.created_at) for row in conn.execute(
        select(t.c.staging, t.c.id, t.c.created_at)
        .where(t.c.state.in_((RECEIVING, INGESTING))))}
    now = time.time() if now is None else now
    found = []
    for folder in sorted(tmp.glob(STAGING_GLOB)) if tmp.is_dir() else []:
        held = sum(1 for p in folder.rglob("*") if p.is_file())
        job, created = owned.get(str(folder), (None, ""))
        if job is None:
            found.append(f"staging folder {folder}: {held} file(s) received over the web that "
                         "no unfinished upload job owns; ingest what it holds "
                         "(`rightsledger ingest`), then remove it")
        elif (age := now - _seconds(created)) > STALE_AFTER:
            found.append(f"staging folder {folder}: upload {job} has been unfinished for "
                         f"{age / 3600:.0f} hours ({held} file(s) waiting); start "
                         "`rightsledger serve` on this ledger to resume it")
    return found


def _seconds(stamp: str) -> float:
    """A UTC time stamp of ``utc_now()`` as seconds since the epoch."""
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
