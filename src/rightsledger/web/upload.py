"""Upload: drop files or a folder; they are ingested in the background (extraction and
proposals included) while the page shows progress and each failure in plain words.

The browser's upload is complete before anything is ingested: a connection cut mid-upload
leaves nothing behind. The received files wait under the ledger's tmp/ and are removed when
the job ends; each file is ingested atomically, as from the command line.
"""

from __future__ import annotations

import shutil
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from rightsledger import vocabularies
from rightsledger.evidence.discover import discover
from rightsledger.evidence.ingest import FileResult, ingest_found
from rightsledger.ledger import Ledger
from rightsledger.review.propose import propose
from rightsledger.web.auth import check_csrf, require
from rightsledger.web.pages import render

router = APIRouter()


@dataclass
class Job:
    id: str
    user: str
    total: int
    done: int = 0
    added: int = 0
    seen: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    proposed: int = 0
    finished: bool = False
    error: str = ""


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    who = require(request, "analyst")
    return render(request, "upload.html", csrf=who.csrf, jobs=_jobs(request).values(),
                  kinds=vocabularies.source_kinds())


@router.post("/upload")
def upload(request: Request, files: list[UploadFile], csrf: str = Form(""),
           kind: str = Form("article"), publisher: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger: Ledger = request.app.state.ledger
    folder = ledger.staging("upload")
    limit = int(ledger.settings["max_file_size_mb"]) * 2**20
    try:
        for n, upload in enumerate(files):
            receive(upload, folder / safe_relative(upload.filename or f"file-{n}"), limit)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # all or nothing: no half an upload
        raise
    job = Job(uuid.uuid4().hex[:12], who.user.name, len(files))
    _jobs(request)[job.id] = job
    defaults = {"kind": kind, **({"publisher": publisher} if publisher else {})}
    threading.Thread(target=_run, args=(ledger, job, folder, defaults), daemon=True).start()
    return RedirectResponse(f"/upload/{job.id}", status_code=303)


def receive(upload: UploadFile, target: Path, limit: int) -> None:
    """Copy one uploaded file, refusing it (413) past the ledger's size limit."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copied = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(2**20):
            copied += len(chunk)
            if copied > limit:
                raise HTTPException(413, f"{upload.filename} is larger than the ledger's limit "
                                         f"of {limit // 2**20} MB (setting max_file_size_mb); "
                                         "nothing was uploaded")
            out.write(chunk)


def safe_relative(name: str) -> Path:
    """The uploaded name as a relative path (folders kept), never leaving the folder, without
    control or format characters (a terminal escape, a newline, a right-to-left override)."""
    printable = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    parts = [p for p in PurePosixPath(printable.replace("\\", "/")).parts
             if p not in ("", ".", "..", "/")]
    return Path(*parts) if parts else Path("unnamed")


def _run(ledger: Ledger, job: Job, folder: Path, defaults: dict[str, str]) -> None:
    def progress(result: FileResult) -> None:
        job.done += 1
        if result.status == "failed":
            job.failures.append((Path(result.path).name, result.message))
        else:
            setattr(job, result.status, getattr(job, result.status) + 1)

    try:
        found = list(discover([folder]))
        job.total = len(found)
        summary = ingest_found(ledger, found, defaults, on_result=progress, actor=job.user)
        if summary.added:
            job.proposed = propose(ledger).proposed
    except Exception as exc:  # noqa: BLE001 - the page must say it, the server must go on
        job.error = f"the ingest stopped: {exc}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.finished = True


def _jobs(request: Request) -> dict[str, Job]:
    return request.app.state.jobs  # type: ignore[no-any-return]


@router.get("/upload/{job_id}", response_class=HTMLResponse)
def upload_progress(request: Request, job_id: str) -> HTMLResponse:
    require(request, "analyst")
    job = _jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, "no such upload (uploads are remembered until a restart)")
    return render(request, "upload_job.html", job=job)
