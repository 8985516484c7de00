"""Reports and exports from the web: a form for each, the job's progress page, and the signed
folder as a zip.

The form asks what `rightsledger report` and `rightsledger export` ask (period, title,
series, format, public or not, licence) and the library checks it (publish.jobs.check: a
bad day is a 400 naming the field). The build is the command line's own, run in the
background one job at a time; its page shows how far it got and refreshes until it ends.
A job is seen by whoever asked for it and by admins; viewers cannot build (403), and the
public view has no such page. A server killed mid-build names the job cut at its next
start, and leaves no half-written folder.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, StreamingResponse
from starlette.background import BackgroundTask

from rightsledger.errors import LedgerError
from rightsledger.ledger import Ledger
from rightsledger.publish import export as exporting
from rightsledger.publish import jobs, report
from rightsledger.publish.datapackage import DEFAULT_LICENCE, LICENCES
from rightsledger.web import security
from rightsledger.web.auth import Visitor, check_csrf, require
from rightsledger.web.pages import render

router = APIRouter()
log = logging.getLogger("rightsledger.web.reports")


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request) -> HTMLResponse:
    who = require(request, "analyst")
    ledger = _ledger(request)
    with ledger.store.reading() as conn:
        found = jobs.recent(conn, None if who.user.role == "admin" else who.user.name)
    return render(request, "reports.html", csrf=who.csrf, jobs=found,
                  series=jobs.series_names(ledger), report_formats=report.FORMATS,
                  languages=report.LANGUAGES, export_formats=exporting.FORMATS,
                  licences=LICENCES, default_licence=DEFAULT_LICENCE)


@router.post("/reports")
def ask(request: Request, csrf: str = Form(""), kind: str = Form("report"),
        title: str = Form(""), date_from: str = Form(""), date_to: str = Form(""),
        series: str = Form(""), format: str = Form(""), lang: str = Form(""),  # noqa: A002
        public: str = Form(""), licence: str = Form(""),
        include_proposed: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    order = jobs.check(ledger, kind, {
        "title": title, "date_from": date_from, "date_to": date_to, "series": series,
        "format": format, "lang": lang, "public": public, "licence": licence,
        "include_proposed": include_proposed})
    with ledger.store.writing() as conn:
        job_id = jobs.create(ledger, conn, who.user.name, order)
    _runner(request).start(job_id)
    return RedirectResponse(f"/reports/{job_id}", status_code=303)


@router.get("/reports/{job_id}", response_class=HTMLResponse)
def progress(request: Request, job_id: str) -> HTMLResponse:
    job = _job(request, job_id)
    return render(request, "reports_job.html", job=job, steps=jobs.STEPS)


@router.get("/reports/{job_id}/zip")
def download(request: Request, job_id: str) -> StreamingResponse:
    job = _job(request, job_id)
    if job.state != jobs.FINISHED:
        raise HTTPException(409, f"this {job.kind} is {job.state}: there is nothing to "
                                 "download")
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response's task
    try:
        jobs.write_zip(_ledger(request), job, spool)
    except LedgerError as exc:  # altered since it was signed: never handed out
        spool.close()
        raise HTTPException(409, str(exc)) from None
    size = spool.tell()
    spool.seek(0)
    return StreamingResponse(iter(lambda: spool.read(2**16), b""), media_type="application/zip",
                             headers={"Content-Disposition":
                                      f'attachment; filename="{jobs.zip_name(job)}"',
                                      "Content-Length": str(size)},
                             background=BackgroundTask(spool.close))


def _job(request: Request, job_id: str) -> jobs.Job:
    who = require(request, "analyst")
    with _ledger(request).store.reading() as conn:
        job = jobs.get(conn, job_id)
    if job is None or not _may_see(who, job):
        if job is not None:  # someone else's: as if it did not exist, and logged
            security.log(request, who.user.name, "denied", status=404, publication=job_id)
        raise HTTPException(404, "no such report or export (or it is another analyst's)")
    return job


def _may_see(who: Visitor, job: jobs.Job) -> bool:
    return who.user.role == "admin" or who.user.name == job.owner


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _runner(request: Request) -> Runner:
    runner: Runner = request.app.state.publications
    return runner


class Runner:
    """The publication jobs of one server process, built one after the other in a thread of
    their own (a PDF takes a core while it is printed)."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.waiting: queue.Queue[str | None] = queue.Queue()
        self.thread = threading.Thread(target=self._work, daemon=True, name="publications")
        self.thread.start()

    def start(self, job_id: str) -> None:
        self.waiting.put(job_id)

    def stop(self, timeout: float = 10.0) -> None:
        """No new job; the one being built may finish (else the next start cuts it)."""
        self.waiting.put(None)
        self.thread.join(timeout)

    def _work(self) -> None:
        while (job_id := self.waiting.get()) is not None:
            try:
                jobs.run(self.ledger, job_id)
            except Exception:  # noqa: BLE001 - the next job must still be built
                log.exception("publication %s", job_id)


def install(app: FastAPI, ledger: Ledger) -> None:
    """At the server's start: the jobs a kill cut short are named cut (nothing half-written
    is left), and the runner of new ones starts."""
    jobs.settle_unfinished(ledger, lambda job: log.warning("publication %s cut", job.id))
    app.state.publications = Runner(ledger)


def uninstall(app: FastAPI) -> None:
    app.state.publications.stop()
