"""Ingest: discover files, store each original, extract, record, regroup, propose.

The one ingest of the CLI (``rightsledger ingest``), the web upload and the tests:
discover (evidence.discover) -> read, hash and store the original (evidence.readers,
evidence.objects) -> extract (extract.ledger) -> record the batch -> regroup near-duplicates
(review.duplicates) -> propose incidents from the new candidates (review.propose), each
file reported through ``on_result`` once it is durable.

Order of writes, for crash safety: the object (temp, fsync, rename, fsync folder), then one
transaction holding the source record, its search row and its custody entry, then the
acknowledgement to the caller. A crash leaves at worst an unreferenced object, which the
next ingest of the same file completes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from rightsledger.domain import Reading, Source
from rightsledger.errors import BadInput
from rightsledger.evidence import readers
from rightsledger.evidence.discover import Found, discover
from rightsledger.evidence.fingerprint import fingerprint
from rightsledger.evidence.language import detect_language
from rightsledger.evidence.metadata import clean, read_sidecar
from rightsledger.evidence.objects import ObjectStore, Seal, sha256_bytes
from rightsledger.evidence.readers.ocr import Options as OcrOptions
from rightsledger.extract.ledger import Extraction, extract_source
from rightsledger.extract.pipeline import extract_text
from rightsledger.extract.zones import text_metadata
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.records import sources as source_records
from rightsledger.review.duplicates import regroup
from rightsledger.workflow.propose import propose as propose_incidents

ADDED, SEEN, FAILED = "added", "seen", "failed"


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # added | seen | failed
    source_id: str | None = None
    message: str = ""
    candidates: int = 0  # incident candidates extraction found in it (listed by `candidates`)


@dataclass
class IngestSummary:
    added: int = 0
    seen: int = 0
    failed: int = 0
    bytes_added: int = 0
    failures: list[FileResult] = field(default_factory=list)
    candidates: int = 0  # incident candidates found in the files added
    proposed: int = 0  # incidents proposed for review afterwards (with ``propose=True``)
    joined: int = 0  # candidates that joined an incident proposed before (a copy, a toll)
    not_proposed: list[str] = field(default_factory=list)  # candidates proposal skipped

    def count(self, result: FileResult, size: int = 0) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.status == ADDED:
            self.bytes_added += size
            self.candidates += result.candidates
        if result.status == FAILED:
            self.failures.append(result)


@dataclass
class _Prepared:
    found: Found
    source: Source
    digest: bytes | None
    extraction: Extraction | None = None  # None: already in the ledger, or not extracted
    given: dict[str, str] = field(default_factory=dict)  # what people said (audited)


Callback = Callable[[FileResult], None]


def ingest(ledger: Ledger, paths: list[Path], defaults: dict[str, str] | None = None, *,
           manifest: Path | None = None, follow_links: bool = False,
           on_result: Callback | None = None, batch_size: int = 64, extract: bool = True,
           propose: bool = False, actor: str | None = None) -> IngestSummary:
    """Ingest files and folders; report each file through ``on_result`` once it is durable.

    With ``extract=False`` sources are stored and indexed only; `reextract` extracts them.
    With ``propose=True`` the new candidates are then proposed for review.
    """
    defaults = clean(defaults or {}, "options")
    found = list(discover(paths, manifest, follow_links=follow_links))
    return ingest_found(ledger, found, defaults, on_result=on_result, batch_size=batch_size,
                        extract=extract, propose=propose, actor=actor)


def ingest_found(ledger: Ledger, found: list[Found], defaults: dict[str, str], *,
                 on_result: Callback | None = None, batch_size: int = 64,
                 extract: bool = True, propose: bool = False, added_before: int = 0,
                 actor: str | None = None) -> IngestSummary:
    """Ingest discovered files; custody entries name ``actor`` (default: who runs this).

    With ``propose=True`` (and extraction), incidents are proposed once the files are in,
    when any was added — now, or by an interrupted run of the same job (``added_before``).
    """
    summary = IngestSummary()
    report = _reporter(summary, on_result)
    job = _Job(ledger.path, int(ledger.settings["max_file_size_mb"]) * 2**20, defaults,
               extract, ledger.objects.seal, str(ledger.settings["ocr_languages"] or ""))
    batch: list[_Prepared] = []
    with _outcomes(job, found, int(ledger.settings["ingest_workers"])) as outcomes:
        for item, outcome in zip(found, outcomes, strict=True):
            prepared = _settle(ledger, job, item, outcome, report)
            if prepared is not None:
                batch.append(prepared)
            if len(batch) >= batch_size:
                _commit(ledger, batch, report, actor)
                batch = []
    _commit(ledger, batch, report, actor)
    if summary.added:
        regroup(ledger.store, ledger.settings["near_duplicate_threshold"])
    if propose and extract and (summary.added or added_before):
        proposal = propose_incidents(ledger)
        summary.proposed, summary.not_proposed = proposal.proposed, proposal.skipped
        summary.joined = proposal.joined + proposal.republished
    return summary


@dataclass(frozen=True)
class _Job:
    """What preparing a file needs, small enough to hand to a worker process."""

    ledger_path: Path
    limit: int  # bytes
    defaults: dict[str, str]
    extract: bool = True
    seal: Seal | None = None  # an encrypted ledger's object keys
    ocr_languages: str = ""  # empty: no OCR


@dataclass(frozen=True)
class _AlreadyStored:
    """The file's bytes are in the object store: the records say whether it is known."""

    sha: str
    size: int


_Outcome = _Prepared | FileResult | _AlreadyStored
_PARALLEL_FROM = 256  # files to extract; below that, starting workers costs more than it saves


@contextmanager
def _outcomes(job: _Job, found: list[Found], workers: int) -> Iterator[Iterable[_Outcome]]:
    """Each file prepared (read, extracted, original stored), in order, maybe in parallel.

    Workers start from a fresh interpreter (forkserver): a forked copy of this process
    would inherit its open database connections.
    """
    if workers <= 1 or not job.extract or len(found) < _PARALLEL_FROM:
        yield (_work(job, item) for item in found)
        return
    with get_context("forkserver").Pool(workers, initializer=_warm_up) as pool:
        yield pool.imap(partial(_work, job), found, chunksize=4)


def _warm_up() -> None:
    """Load the language and extraction models once per worker."""
    extract_text("Stepanakert, 12 December 2022.", "en")


def _work(job: _Job, item: Found, known_object: bool = True) -> _Outcome:
    if item.problem:
        return FileResult(str(item.path), FAILED, message=item.problem)
    try:
        return _prepare(job, item, known_object)
    except BadInput as exc:
        return FileResult(str(item.path), FAILED, message=str(exc))
    except OSError as exc:
        return FileResult(str(item.path), FAILED, message=f"cannot read: {exc.strerror or exc}")


def _settle(ledger: Ledger, job: _Job, item: Found, outcome: _Outcome,
            report: Callable[..., None]) -> _Prepared | None:
    """A prepared file for the batch, or None once a failure is reported."""
    if isinstance(outcome, _AlreadyStored):
        if _known(ledger, outcome.sha):
            return _Prepared(item, _seen_source(outcome.sha, outcome.size), None)
        outcome = _work(job, item, known_object=False)  # an orphan left by a crash
    if isinstance(outcome, FileResult):
        report(outcome)
        return None
    assert isinstance(outcome, _Prepared)
    return outcome


def _reporter(summary: IngestSummary, on_result: Callback | None) -> Callable[..., None]:
    def report(result: FileResult, size: int = 0) -> None:
        summary.count(result, size)
        if on_result:
            on_result(result)
    return report


def _prepare(job: _Job, item: Found, known_object: bool) -> _Prepared | _AlreadyStored:
    """Read and check one file, store its original; nothing is recorded yet."""
    size = item.path.stat().st_size
    if size > job.limit:
        raise BadInput(f"file is {size / 2**20:.1f} MiB, over the limit of "
                       f"{job.limit // 2**20} MiB (setting max_file_size_mb)")
    data = item.path.read_bytes()
    meta = {**job.defaults, **item.manifest, **read_sidecar(item.path)}
    sha = sha256_bytes(data)
    objects = ObjectStore(job.ledger_path, job.seal)
    if known_object and objects.has(sha):
        return _AlreadyStored(sha, size)
    reading = readers.read(item.path, data, _ocr(job, meta))
    source = _source(sha, data, item.path, reading, meta)
    extraction = extract_source(source) if job.extract else None
    objects.put(data, sha)
    given = {k: meta[k] for k in source_records.GIVEN if k in meta}
    return _Prepared(item, source, fingerprint(source.text), extraction, given)


def _ocr(job: _Job, meta: dict[str, str]) -> OcrOptions | None:
    """Scanned PDF pages are always read; an image only when it is not ingested as a
    photograph (or video still) of a scene: `--kind inquiry_reply`, `--kind other`..."""
    if not job.ocr_languages:
        return None
    return OcrOptions(job.ocr_languages, images=meta.get("kind") not in (None, "photo",
                                                                         "video"))


def _known(ledger: Ledger, sha: str) -> bool:
    with ledger.store.reading() as conn:
        return ledger.store.has_source(conn, sha)


def _seen_source(sha: str, size: int) -> Source:
    return Source(id=sha, size=size, media_type="", original_name="", kind="", reader="",
                  ingested_at="")


def _source(sha: str, data: bytes, path: Path, reading: Reading,
            meta: dict[str, str]) -> Source:
    default_kind = "photo" if reading.media_type.startswith("image/") else "other"
    language = meta.get("language") or detect_language(reading.text)
    told = {} if meta.get("title") and meta.get("published") else text_metadata(
        reading.text, language)  # the headline and date line of a plain text
    return Source(
        id=sha, size=len(data), media_type=reading.media_type,
        original_name=meta.get("original_name") or path.name,  # as uploaded (web/upload.py)
        kind=meta.get("kind", default_kind), reader=reading.reader, ingested_at=utc_now(),
        publisher=meta.get("publisher"), author=meta.get("author") or reading.author,
        url=meta.get("url"), title=meta.get("title") or reading.title or told.get("title"),
        published=meta.get("published") or reading.published or told.get("published"),
        language=language,
        captured_at=meta.get("captured_at") or reading.meta.get("captured_at"),
        captured_by=meta.get("captured_by"), text=reading.text, meta=reading.meta,
    )


def _commit(ledger: Ledger, batch: list[_Prepared], report: Callable[..., None],
            actor: str | None) -> None:
    """One transaction for the batch; results are reported only after it is committed."""
    if not batch:
        return
    results = []
    with ledger.store.writing() as conn:
        for p in batch:
            path = str(p.found.path)
            if ledger.store.has_source(conn, p.source.id):
                ledger.record(conn, "seen-again", p.source.id, {"path": path}, actor)
                results.append((FileResult(path, SEEN, p.source.id, "already in the ledger"), 0))
                continue
            num = ledger.store.add_source(conn, p.source, p.digest)
            found = 0
            if p.extraction:
                ledger.store.replace_extraction(conn, num, *p.extraction)
                found = sum(row["kind"] == "incidents" for row in p.extraction[0])
            entry = ledger.record(conn, "ingest", p.source.id, {
                "path": path, "size": p.source.size, "media_type": p.source.media_type}, actor)
            source_records.given_at_ingest(conn, p.source.id, p.given, entry.actor)
            results.append((FileResult(path, ADDED, p.source.id, candidates=found),
                            p.source.size))
    for result, size in results:
        report(result, size)
