"""Upload: drop files or a folder; they are ingested in the background (extraction and
proposals included) while the page shows progress and each failure in plain words.

The browser's upload is complete before anything is ingested: a connection cut mid-upload
leaves nothing behind. The received files wait in a staging folder under the ledger's tmp/,
and the job — who uploaded what, each file's status — is kept in the database
(``rightsledger.uploads``): a server killed mid-ingest resumes the job at its next start,
or names every file it could not ingest. Each file is ingested atomically, as from the
command line; staging is removed when the job ends.

Every file is kept: two with the same name, a file and a folder of the same name, or a name
too long for the file system are staged under a unique, shortened name, and the source's
record keeps the name as uploaded. A job is seen by its uploader and by admins only.

The form gives the same metadata as `rightsledger ingest`'s options — kind, title,
publication date, publisher, author, language — for every file of the upload. They are
checked before anything is received (records.sources.check: a bad date is a 400 naming the
field), win over what a reader finds in the file (its title, its date line), give
extraction the date against which "yesterday" is resolved, and are audited with each new
source ("describe" in the audit log). A folder's manifest.csv or a sidecar, as on the
command line, says more about its own file than the form.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import unicodedata
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from rightsledger import uploads
from rightsledger.evidence.discover import Found, discover
from rightsledger.evidence.metadata import MANIFEST, clean, is_sidecar
from rightsledger.ledger import Ledger
from rightsledger.records import sources as source_records
from rightsledger.web import security
from rightsledger.web.auth import Visitor, check_csrf, require
from rightsledger.web.pages import render
from rightsledger.workflow.ingest import FileResult, ingest_found

router = APIRouter()
log = logging.getLogger("rightsledger.web.upload")
SEGMENT_BYTES = 200  # longest staged name of a file or folder (file systems allow 255)
MAX_FOLDERS = 12  # folders kept above a staged file; deeper ones are left out of its path


# -- pages ------------------------------------------------------------------------------------
@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    who = require(request, "analyst")
    with _ledger(request).store.reading() as conn:
        jobs = uploads.recent(conn, None if who.user.role == "admin" else who.user.name)
    return render(request, "upload.html", csrf=who.csrf, jobs=jobs,
                  kinds=source_records.kind_names())


@router.post("/upload")
def upload(request: Request, files: list[UploadFile], csrf: str = Form(""),
           kind: str = Form("article"), publisher: str = Form(""), title: str = Form(""),
           published: str = Form(""), author: str = Form(""),
           language: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    defaults = clean(source_records.check({
        "kind": kind, "publisher": publisher, "title": title, "published": published,
        "author": author, "language": language}), "the upload form")
    folder = ledger.staging("upload")
    with ledger.store.writing() as conn:  # the job owns its folder before the folder exists
        job_id = uploads.create(conn, who.user.name, folder, defaults)
    try:
        make_staging(folder)
        staged = _receive_all(files, folder, int(ledger.settings["max_file_size_mb"]) * 2**20)
        with ledger.store.writing() as conn:
            uploads.received(conn, job_id, staged)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # all or nothing: no half an upload
        with ledger.store.writing() as conn:
            uploads.forget(conn, job_id)
        raise
    _runner(request).start(job_id)
    return RedirectResponse(f"/upload/{job_id}", status_code=303)


@router.get("/upload/{job_id}", response_class=HTMLResponse)
def upload_progress(request: Request, job_id: str) -> HTMLResponse:
    who = require(request, "analyst")
    with _ledger(request).store.reading() as conn:
        job = uploads.get(conn, job_id)
    if job is None or not _may_see(who, job):
        if job is not None:  # someone else's: as if it did not exist, and logged
            security.log(request, who.user.name, "denied", status=404, upload=job_id)
        raise HTTPException(404, "no such upload (or it is another analyst's)")
    with _ledger(request).store.reading() as conn:
        found = source_records.titles(conn, [f.source_id for f in job.files if f.source_id])
    return render(request, "upload_job.html", job=job, sources=found)


def _may_see(who: Visitor, job: uploads.Job) -> bool:
    return who.user.role == "admin" or who.user.name == job.uploader


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _runner(request: Request) -> Runner:
    runner: Runner = request.app.state.uploads
    return runner


# -- receiving: every file kept, under a name the file system takes ---------------------------
def _receive_all(files: list[UploadFile], folder: Path, limit: int) -> list[tuple[str, str]]:
    """Copy the uploaded files into ``folder``; return (name as uploaded, staged path)."""
    names = [clean_name(f.filename or "") or f"file-{n}" for n, f in enumerate(files)]
    staged = plan(names)
    for upload_file, path in zip(files, staged, strict=True):
        receive(upload_file, folder / path, limit)
    return [(name, str(path)) for name, path in zip(names, staged, strict=True)]


def make_staging(folder: Path) -> None:
    """The job's staging folder, open to the server's own user only (0700): in /dev/shm for
    an encrypted ledger, where other users of the machine could otherwise read the files."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    _private_folder(folder)


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)  # whatever the umask


def receive(upload: UploadFile, target: Path, limit: int) -> None:
    """Copy one uploaded file (0600, in folders 0700), refusing it (413) past the ledger's
    size limit."""
    for folder in reversed(target.parents):
        if not folder.exists():
            _private_folder(folder)
    copied = 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never over
    with os.fdopen(descriptor, "wb") as out:  # another file
        while chunk := upload.file.read(2**20):
            copied += len(chunk)
            if copied > limit:
                raise HTTPException(413, f"{upload.filename} is larger than the ledger's limit "
                                         f"of {limit // 2**20} MB (setting max_file_size_mb); "
                                         "nothing was uploaded")
            out.write(chunk)


def clean_name(name: str) -> str:
    """The uploaded name without control or format characters (a terminal escape, a newline,
    a right-to-left override), with / between folders."""
    printable = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    return "/".join(_segments(printable))


def _segments(name: str) -> list[str]:
    return [p for p in PurePosixPath(name.replace("\\", "/")).parts
            if p not in ("", ".", "..", "/")]


def safe_relative(name: str) -> Path:
    """The uploaded name as a relative path (folders kept), never leaving the folder, each
    part short enough for the file system."""
    parts = [_shorten(p) for p in _segments(clean_name(name))]
    return Path(*parts) if parts else Path("unnamed")


def plan(names: list[str]) -> list[PurePosixPath]:
    """A distinct staged path for each uploaded name: names the same (or the same but for
    case) get ``~2``, ``~3``… before their extension; a folder named like a file already
    there (or a file like a folder) likewise; parts are shortened to SEGMENT_BYTES."""
    placed: dict[str, str] = {}  # folded staged path -> "file" | "folder"
    folders: dict[tuple[str, ...], tuple[str, ...]] = {}  # uploaded folder -> staged folder
    out = []
    for name in names:
        parts = [_shorten(p) for p in _segments(name)] or ["unnamed"]
        *above, leaf = parts
        above = above[:MAX_FOLDERS]
        where: tuple[str, ...] = ()
        for depth in range(len(above)):
            given = tuple(above[:depth + 1])
            if given not in folders:
                folders[given] = (*where, _free(where, above[depth], placed, "folder"))
                placed[_fold(folders[given])] = "folder"
            where = folders[given]
        path = (*where, _free(where, leaf, placed, "file"))
        placed[_fold(path)] = "file"
        out.append(PurePosixPath(*path))
    return out


def _free(where: tuple[str, ...], name: str, placed: dict[str, str], kind: str) -> str:
    """``name``, or ``name~N``, so that it can be placed in ``where`` as a ``kind``."""
    candidate, n = name, 1
    while (taken := placed.get(_fold((*where, candidate)))) and not (
            taken == kind == "folder"):
        n += 1
        candidate = _numbered(name, n)
    return candidate


def _fold(path: tuple[str, ...]) -> str:
    """The key under which two names are the same file on a case-insensitive file system."""
    return unicodedata.normalize("NFC", "/".join(path)).casefold()


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if stem and len(ext) <= 16 else (name, "")


def _numbered(name: str, n: int) -> str:
    stem, ext = _split(name)
    return _shorten(f"{stem}~{n}{ext}", keep=len(f"~{n}{ext}"))


def _shorten(name: str, keep: int | None = None) -> str:
    """``name`` cut to SEGMENT_BYTES in UTF-8, its extension (or last ``keep`` chars) kept."""
    if len(name.encode()) <= SEGMENT_BYTES:
        return name
    tail = name[-keep:] if keep else _split(name)[1]
    head = name[:len(name) - len(tail)]
    while len((head + tail).encode()) > SEGMENT_BYTES:
        head = head[:-1]
    return head + tail


# -- ingesting in the background, resumed after a restart ------------------------------------
class Runner:
    """The upload jobs of one server process, each ingested in a thread of its own."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self, job_id: str) -> None:
        thread = threading.Thread(target=self._run, args=(job_id,), daemon=True,
                                  name=f"upload-{job_id}")
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def resume(self) -> list[str]:
        """Every unfinished job of an earlier run: resumed where its staged files are still
        there, else cut with each file not ingested named. Returns the resumed ids."""
        resumed = []
        with self.ledger.store.reading() as conn:
            jobs = [uploads.get(conn, job_id) for job_id in uploads.unfinished(conn)]
        for job in filter(None, jobs):
            if job.state == uploads.INGESTING and Path(job.staging).is_dir():
                with self.ledger.store.writing() as conn:
                    uploads.note(conn, job.id, "resumed after the server restarted")
                self.start(job.id)
                resumed.append(job.id)
            else:
                self._cut(job)
        return resumed

    def stop(self, timeout: float = 10.0) -> None:
        """Ask every job to stop after its current file (resumed at the next start)."""
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout)

    def _cut(self, job: uploads.Job) -> None:
        why = ("the server stopped while the files were being received"
               if job.state == uploads.RECEIVING else
               "the server stopped during the ingest and the received copy was gone at its "
               "restart")
        with self.ledger.store.writing() as conn:
            cut = uploads.fail_pending(conn, job.id, f"not ingested: {why}; upload it again")
            uploads.end(conn, job.id, uploads.CUT, f"cut: {why}; {cut} file(s) not ingested")
        shutil.rmtree(job.staging, ignore_errors=True)
        log.warning("upload %s cut: %s", job.id, why)

    def _run(self, job_id: str) -> None:
        with self.ledger.store.reading() as conn:
            job = uploads.get(conn, job_id)
        assert job is not None
        try:
            self._ingest(job)
        except _Stopping:
            return  # the next start resumes it: its staging stays
        except Exception as exc:  # noqa: BLE001 - the page must say it, the server must go on
            if self.stopping.is_set():
                return
            log.exception("upload %s stopped", job_id)
            with self.ledger.store.writing() as conn:
                uploads.fail_pending(conn, job_id, f"not ingested: the ingest stopped: {exc}")
                uploads.end(conn, job_id, uploads.FINISHED, f"the ingest stopped: {exc}")
        shutil.rmtree(job.staging, ignore_errors=True)

    def _ingest(self, job: uploads.Job) -> None:
        folder = Path(job.staging)
        found = self._discovered(job, folder)

        def settle(result: FileResult) -> None:
            staged = str(Path(result.path).relative_to(folder))
            message = result.message if result.status == uploads.FAILED else ""
            with self.ledger.store.writing() as conn:
                uploads.settle(conn, job.id, staged, result.status, message, result.source_id)
            if self.stopping.is_set():
                raise _Stopping

        summary = ingest_found(self.ledger, found, job.defaults, on_result=settle,
                               propose=True, added_before=job.added, actor=job.uploader)
        with self.ledger.store.writing() as conn:
            uploads.end(conn, job.id, uploads.FINISHED, job.note, summary.proposed)

    def _discovered(self, job: uploads.Job, folder: Path) -> list[Found]:
        """The job's pending files as ingest finds them (a folder's manifest.csv and
        sidecars applied); every other pending file is named with the reason it is not."""
        pending = {f.staged: f for f in job.files if f.status == uploads.PENDING}
        found = []
        for item in discover([folder]):
            file = pending.pop(str(item.path.relative_to(folder)), None)
            if file is not None:  # the name as uploaded goes to the source's record
                name = PurePosixPath(file.name).name
                found.append(Found(item.path, {**item.manifest, "original_name": name},
                                   item.problem))
        with self.ledger.store.writing() as conn:
            for file in pending.values():
                uploads.settle(conn, job.id, file.staged, uploads.FAILED,
                               _not_a_document(folder, file.staged))
        return found


class _Stopping(Exception):
    """The server is shutting down: leave the job for the next start."""


def _not_a_document(folder: Path, staged: str) -> str:
    path = folder / staged
    if not path.exists():
        return "not ingested: its received copy is gone; upload it again"
    if any(part.startswith(".") for part in PurePosixPath(staged).parts):
        return "not ingested: a hidden file (its name or its folder's begins with a dot)"
    if path.name == MANIFEST:
        return "read as the manifest of its folder (metadata, not a document)"
    if is_sidecar(path):
        return f"read as the metadata of {path.name[:-5]} (a sidecar, not a document)"
    return "not ingested: not a regular file"


def install(app: FastAPI, ledger: Ledger) -> None:
    """At the server's start: the runner of upload jobs, resuming those a kill cut short."""
    app.state.uploads = Runner(ledger)
    app.state.uploads.resume()


def uninstall(app: FastAPI) -> None:
    app.state.uploads.stop()

