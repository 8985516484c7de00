"""Capturing web pages into the ledger: each URL fetched (evidence.capture), packed as one
WACZ and ingested as one source of kind ``web_capture`` — hashed, custody-logged in the
name of who asked, its text indexed and extracted. A URL captured before is captured again
as a new source, whose capture names the one before (``previous_capture``) and counts the
versions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from rightsledger.evidence.capture import Capture, Options, check_url, fetch, package
from rightsledger.evidence.discover import Found
from rightsledger.ground import write_atomic
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ADDED, FileResult, ingest_found

try:
    from importlib.metadata import version as _version

    SOFTWARE = f"RightsLedger {_version('rightsledger')}"
except Exception:  # noqa: BLE001 - not installed as a package (a checkout on sys.path)
    SOFTWARE = "RightsLedger"


@dataclass
class Captured:
    url: str
    source_id: str | None
    lines: list[str] = field(default_factory=list)  # redirects, status, what is partial
    previous: str | None = None
    version: int = 1
    message: str = ""
    missing: list[str] = field(default_factory=list)  # what makes it partial

    @property
    def partial(self) -> bool:
        return bool(self.missing)


def options(ledger: Ledger) -> Options:
    settings = ledger.settings
    return Options(timeout_s=float(settings["capture_timeout_s"]),
                   max_bytes=int(settings["capture_max_mb"]) * 2**20,
                   user_agent=str(settings["capture_user_agent"] or ""),
                   proxy=str(settings["capture_proxy"] or ""))


def capture(ledger: Ledger, urls: list[str], actor: str | None = None,
            defaults: dict[str, str] | None = None) -> list[Captured]:
    """Capture each URL (checked first, all of them: a bad one stops nothing half-done)."""
    checked = [check_url(u) for u in urls]
    return [capture_one(ledger, url, actor, defaults) for url in checked]


def capture_one(ledger: Ledger, url: str, actor: str | None = None,
                defaults: dict[str, str] | None = None) -> Captured:
    earlier = ledger.store.captures_of(url)
    previous = earlier[0].id if earlier else None
    fetched = fetch(url, options(ledger))
    extra = {"previous_capture": previous, "version": len(earlier) + 1,
             "captured_by": actor or ""}
    data = package(fetched, SOFTWARE, extra)
    staging = ledger.path / "tmp"
    staging.mkdir(exist_ok=True)
    path = staging / f"capture-{uuid.uuid4().hex}.wacz"
    try:
        write_atomic(path, data)
        given = {"kind": "web_capture", "url": url, "captured_at": fetched.fetched_at,
                 **({"captured_by": actor} if actor else {}),
                 **({"title": fetched.title} if fetched.title else {}), **(defaults or {})}
        results: list[FileResult] = []
        ingest_found(ledger, [Found(path, {"original_name": _name(fetched)})], given,
                     on_result=results.append, propose=True, actor=actor)
    finally:
        path.unlink(missing_ok=True)
    (result,) = results
    return Captured(url, result.source_id if result.status == ADDED else None,
                    fetched.lines(), previous, len(earlier) + 1, result.message,
                    list(fetched.partial))


def _name(fetched: Capture) -> str:
    """A file name for the capture: host and time, e.g. example.org-20230121T101500Z.wacz."""
    host = fetched.final_url.split("//", 1)[-1].split("/", 1)[0].replace(":", "_")
    return f"{host}-{fetched.fetched_at[:19].replace('-', '').replace(':', '')}Z.wacz"
