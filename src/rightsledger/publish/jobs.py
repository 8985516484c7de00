"""Publication jobs: a report or an export asked for from the web, built in the background.

The request is checked here, once, with the form's field names (``date_from: '2023-02-30'
is not a date``): a bad day, a period that ends before it starts, a series the ledger has
never published, an unknown format or licence is refused before any job exists. A job is
kept in the database (``publication_jobs``) from the moment it is asked for: who asked for
what, how many of ``STEPS`` it has done, and why it stopped. The build itself is the one the
command line runs (``report.build``, ``export.export``): written beside its target and
renamed into place only when signed and recorded in custody, so a failed or killed build
leaves no half-written folder; ``settle_unfinished`` names the jobs a killed server left and
removes what they left behind. Who asked for a publication, and what came of it, is written
to the audit log ("request", then "publish" or "fail", entity "publication").

A finished job's folder can be handed out as a zip (``write_zip``) holding exactly the files
of the signed folder, checked against its manifest first, so the recipes of
docs/publishing.md verify the unzipped folder as they verify the folder itself.
"""

from __future__ import annotations

import json
import logging
import shutil
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, RowMapping, select, update

from rightsledger.db import schema
from rightsledger.errors import BadInput, LedgerError, RightsLedgerError
from rightsledger.evidence import keys
from rightsledger.evidence.objects import sha256_file
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.publish import export as exporting
from rightsledger.publish import manifest, report
from rightsledger.publish.datapackage import DEFAULT_LICENCE, LICENCES
from rightsledger.publish.publication import Published
from rightsledger.publish.snapshot import Period
from rightsledger.records import audit
from rightsledger.records.dates import parse_day

KINDS = ("report", "export")
QUEUED, BUILDING, FINISHED, FAILED, CUT = "queued", "building", "finished", "failed", "cut"
ENDED = (FINISHED, FAILED, CUT)
STEPS = ("waiting for its turn", "building: data snapshot, files, signature",
         "checking the signed folder against its manifest")
FOLDER = "publications"  # in the ledger: publications/JOB/, the signed folder of each job
ENTITY = "publication"  # in the audit log
log = logging.getLogger("rightsledger.publish.jobs")


@dataclass(frozen=True)
class Order:
    """What was asked for: a report (title, series, format, language) or an export (format,
    licence, proposed incidents or not), of a period, public or not."""
    kind: str
    fmt: str
    date_from: str | None = None
    date_to: str | None = None
    public: bool = False
    title: str = ""
    series: str | None = None
    lang: str = "en"
    licence: str = DEFAULT_LICENCE
    proposed: bool = False

    @property
    def period(self) -> Period:
        return Period(self.date_from, self.date_to)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def name(self) -> str:
        """A line that says what it is: 'report "100 days" (pdf, public, 2022-12-12 – …)'."""
        what = f'report "{self.title}"' if self.kind == "report" else "export"
        since, until = self.date_from or "the start", self.date_to or "today"
        return (f"{what} ({self.fmt}, {'public' if self.public else 'internal'}, "
                f"{since} – {until})")


@dataclass
class Job:
    id: str
    kind: str
    owner: str
    state: str
    order: Order
    step: int
    note: str
    folder: str
    manifest_sha: str | None
    created_at: str
    ended_at: str | None = None
    files: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state in ENDED

    @property
    def doing(self) -> str:
        return STEPS[min(self.step, len(STEPS) - 1)]


# -- checking a request ----------------------------------------------------------------------
def check(ledger: Ledger, kind: str, form: Mapping[str, str]) -> Order:
    """The request of the web form ``form`` as an Order, or BadInput naming the field."""
    if kind not in KINDS:
        raise BadInput(f"kind: '{kind}' is not something to publish: choose one of "
                       f"{', '.join(KINDS)}")
    first = parse_day(form.get("date_from") or None, "date_from")
    last = parse_day(form.get("date_to") or None, "date_to")
    if first and last and last < first:
        raise BadInput(f"date_to: the period ends ({last}) before it starts ({first})")
    public = _yes(form.get("public"))
    days = {"date_from": first.isoformat() if first else None,
            "date_to": last.isoformat() if last else None, "public": public}
    if kind == "report":
        return _report_order(ledger, form, days)
    return _export_order(form, days)


def _report_order(ledger: Ledger, form: Mapping[str, str], days: dict[str, Any]) -> Order:
    title = (form.get("title") or "").strip()
    if not title:
        raise BadInput("title: a report needs a title")
    fmt = form.get("format") or "pdf"
    if fmt not in report.FORMATS:
        raise BadInput(f"format: '{fmt}' is not a report format: choose one of "
                       f"{', '.join(report.FORMATS)}")
    lang = form.get("lang") or "en"
    if lang not in report.LANGUAGES:
        raise BadInput(f"lang: '{lang}' is not a language reports are written in: choose one "
                       f"of {', '.join(report.LANGUAGES)}")
    series = (form.get("series") or "").strip() or None
    known = series_names(ledger)
    if series is not None and series not in known:
        raise BadInput(f"series: '{series}' is not a series of this ledger: choose one of "
                       f"{', '.join(known) or '(none yet)'}, or leave it empty to start a new "
                       "series named by the title")
    return Order("report", fmt, title=title, series=series, lang=lang, **days)


def _export_order(form: Mapping[str, str], days: dict[str, Any]) -> Order:
    fmt = form.get("format") or "json"
    if fmt not in exporting.FORMATS:
        raise BadInput(f"format: '{fmt}' is not an export format: choose one of "
                       f"{', '.join(exporting.FORMATS)}")
    licence = form.get("licence") or DEFAULT_LICENCE
    if licence not in LICENCES:
        raise BadInput(f"licence: '{licence}' is not a licence we know: choose one of "
                       f"{', '.join(LICENCES)}")
    proposed = _yes(form.get("include_proposed"))
    if proposed and days["public"]:
        raise BadInput("include_proposed: a public export shows accepted incidents only")
    return Order("export", fmt, licence=licence, proposed=proposed, **days)


def _yes(value: str | None) -> bool:
    return (value or "").lower() in ("1", "on", "true", "yes")


def series_names(ledger: Ledger) -> list[str]:
    """The series of the reports this ledger has published, in the order first published."""
    found: dict[str, None] = {}
    for entry in ledger.store.custody(action="report"):
        if name := entry.details.get("series"):
            found[str(name)] = None
    return list(found)


# -- the job's record ------------------------------------------------------------------------
def create(ledger: Ledger, conn: Connection, owner: str, order: Order) -> str:
    """A new job for ``order``, asked for by ``owner``, audited; returns its id."""
    job_id = uuid.uuid4().hex[:16]
    folder = ledger.path / FOLDER / job_id
    conn.execute(schema.publication_jobs.insert().values(
        id=job_id, kind=order.kind, owner=owner, state=QUEUED,
        request=json.dumps(order.as_dict(), sort_keys=True), step=0, note="",
        folder=str(folder), created_at=utc_now()))
    audit.write(conn, owner, "request", ENTITY, job_id, None, order.as_dict())
    return job_id


def get(conn: Connection, job_id: str) -> Job | None:
    t = schema.publication_jobs
    row = conn.execute(select(t).where(t.c.id == job_id)).mappings().first()
    return None if row is None else _job(row)


def _job(row: RowMapping) -> Job:
    job = Job(row["id"], row["kind"], row["owner"], row["state"],
              Order(**json.loads(row["request"])), row["step"], row["note"], row["folder"],
              row["manifest_sha"], row["created_at"], row["ended_at"])
    if job.state == FINISHED and Path(job.folder).is_dir():
        job.files = sorted([*manifest.files_of(Path(job.folder)), *manifest.OWN[manifest.FORMAT]])
    return job


def recent(conn: Connection, owner: str | None, limit: int = 20) -> list[Job]:
    """The newest jobs, of ``owner`` only unless None (all)."""
    t = schema.publication_jobs
    query = select(t).order_by(t.c.created_at.desc()).limit(limit)
    if owner is not None:
        query = query.where(t.c.owner == owner)
    return [_job(row) for row in conn.execute(query).mappings()]


def unfinished(conn: Connection) -> list[str]:
    t = schema.publication_jobs
    return list(conn.execute(select(t.c.id).where(t.c.state.not_in(ENDED))
                             .order_by(t.c.created_at)).scalars())


def _set(conn: Connection, job_id: str, **values: object) -> None:
    t = schema.publication_jobs
    conn.execute(update(t).where(t.c.id == job_id).values(**values))


def _end(conn: Connection, job: Job, state: str, note: str, sha: str | None = None) -> None:
    _set(conn, job.id, state=state, note=note, manifest_sha=sha, ended_at=utc_now())
    audit.write(conn, job.owner, "publish" if state == FINISHED else "fail", ENTITY, job.id,
                None, {"state": state, "note": note, "manifest_sha": sha,
                       "folder": job.folder})


# -- building --------------------------------------------------------------------------------
def run(ledger: Ledger, job_id: str) -> None:
    """Build the job's publication, step by step; a failure ends the job with its reason
    (and no folder: the build writes beside its target until it is signed)."""
    with ledger.store.reading() as conn:
        job = get(conn, job_id)
    if job is None or job.finished:
        return
    try:
        _step(ledger, job, 1, BUILDING)
        published = _build(ledger, job)
        _step(ledger, job, 2, BUILDING)
        _checked(ledger, Path(job.folder))
    except Exception as exc:  # noqa: BLE001 - the job's page must say it; the server goes on
        if not isinstance(exc, RightsLedgerError):
            log.exception("publication %s failed", job.id)
        remove_leftovers(Path(job.folder))
        why = f"failed: {exc}; nothing was published: correct it and build it again"
        with ledger.store.writing() as conn:
            _end(conn, job, FAILED, why)
        return
    with ledger.store.writing() as conn:
        _set(conn, job.id, step=len(STEPS))
        _end(conn, job, FINISHED, f"signed: manifest sha256 {published.manifest_sha}",
             published.manifest_sha)


def _step(ledger: Ledger, job: Job, step: int, state: str) -> None:
    with ledger.store.writing() as conn:
        _set(conn, job.id, step=step, state=state)


def _build(ledger: Ledger, job: Job) -> Published:
    """The command line's build of the order, into the job's folder."""
    order, out = job.order, Path(job.folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    if order.kind == "report":
        return report.build(ledger, out, report.ReportOptions(
            title=order.title, period=order.period, public=order.public, series=order.series,
            fmt=order.fmt, lang=order.lang), job.owner)
    return exporting.export(ledger, order.fmt, out, job.owner, exporting.Options(
        public=order.public, period=order.period, licence=order.licence,
        statuses=("accepted", "proposed") if order.proposed else ("accepted",)))


def _checked(ledger: Ledger, folder: Path) -> dict[str, Any]:
    found, problems = manifest.check(folder, keys.load_public(ledger.public_key_path))
    if problems:
        raise LedgerError(f"{folder} does not match its signed manifest: "
                          f"{'; '.join(problems)}")
    return found


def remove_leftovers(folder: Path) -> list[Path]:
    """What a build of ``folder`` left beside it (``.JOB.partial-…``, ``.JOB.old-…``), and
    the folder itself unless it is signed; returns what was removed."""
    gone = sorted(folder.parent.glob(f".{folder.name}.*")) if folder.parent.is_dir() else []
    if folder.exists() and not (folder / manifest.NAME).is_file():
        gone.append(folder)
    for path in gone:
        shutil.rmtree(path, ignore_errors=True)
    return gone


def settle_unfinished(ledger: Ledger, on_cut: Callable[[Job], None] | None = None) -> list[str]:
    """At a server's start: every job an earlier run left unfinished. One whose folder was
    signed before the kill is finished (when it matches its manifest); every other one is
    cut, with what it left behind removed. Returns the ids cut."""
    with ledger.store.reading() as conn:
        jobs = [get(conn, job_id) for job_id in unfinished(conn)]
    cut = []
    for job in filter(None, jobs):
        folder = Path(job.folder)
        remove_leftovers(folder)
        signed = _signed(ledger, folder)
        with ledger.store.writing() as conn:
            if signed is not None:
                _end(conn, job, FINISHED, "signed before the server stopped", signed)
                continue
            shutil.rmtree(folder, ignore_errors=True)
            _end(conn, job, CUT, f"cut: the server stopped before the {job.kind} was "
                                 "signed; nothing was published: build it again")
        cut.append(job.id)
        if on_cut is not None:
            on_cut(job)
    return cut


def _signed(ledger: Ledger, folder: Path) -> str | None:
    """The manifest's sha256 of a complete signed folder, else None."""
    if not (folder / manifest.NAME).is_file():
        return None
    try:
        _checked(ledger, folder)
    except LedgerError:
        return None
    return sha256_file(folder / manifest.NAME)


# -- handing it out --------------------------------------------------------------------------
def write_zip(ledger: Ledger, job: Job, out: IO[bytes]) -> list[str]:
    """The job's signed folder as a zip into ``out``: exactly its files (the manifest,
    SHA256SUMS and its signatures included), at the zip's top, once checked against the
    manifest. Returns the names written."""
    if job.state != FINISHED:
        raise BadInput(f"publication {job.id} is {job.state}: there is nothing to download")
    folder = Path(job.folder)
    found = _checked(ledger, folder)
    names = sorted([*found["files"], *(n for n in manifest.OWN[manifest.FORMAT]
                                       if (folder / n).is_file())])
    stamp = _zip_time(found.get("created_at") or job.created_at)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / name).read_bytes())
    return names


def _zip_time(stamp: str) -> tuple[int, int, int, int, int, int]:
    """A UTC time stamp as a zip entry's date and time (zip has no time zone)."""
    day, _, clock = stamp.partition("T")
    year, month, mday = (int(p) for p in day.split("-"))
    hour, minute, second = (int(float(p)) for p in clock.rstrip("Z").split(":"))
    return (max(year, 1980), month, mday, hour, minute, second)


def zip_name(job: Job) -> str:
    return f"{job.kind}-{job.created_at[:10]}-{job.id}.zip"
