"""WACZ: a web archive package (ours from `rightsledger capture`, or ArchiveWeb.page's,
Browsertrix's): every part checked against the SHA-256 its datapackage.json gives, the
text taken from the capture's ``urn:text:`` record, else from the main page's response
(HTML, or a PDF or image read by its own reader), and what the capture says of itself.

Its parts are unpacked by our own capped zip reader (archive.py), never by zipfile.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers.archive import Archive, Limits, read_members

NAME = "wacz.v1"
MEDIA = "application/wacz"
LIMITS = Limits(member=512 * 2**20, total=640 * 2**20, ratio=200, ratio_from=2**20)
REMEDY = "capture the page again, or export it again from the archiving tool"


@dataclass(frozen=True)
class Package:
    """A WACZ unpacked and checked: its datapackage, what the capture says of itself (our
    ``rightsledger`` facts, empty for another tool's), the main page and its records."""

    datapackage: dict[str, Any]
    facts: dict[str, Any]
    main: str  # the page's URL as asked
    final: str  # ...and as finally seen
    records: list[dict[str, Any]]


def unpack(data: bytes) -> Package:
    """Every part unpacked (capped), checked against its SHA-256, its WARCs read."""
    archive = Archive(data, "WACZ", REMEDY, LIMITS)
    members = read_members(archive)
    try:
        package = json.loads(members["datapackage.json"])
        resources = list(package.get("resources") or [])
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise archive.corrupt("no readable datapackage.json") from exc
    for resource in resources:
        _check(archive, members, resource)
    warcs = [r["path"] for r in resources if str(r.get("path", "")).startswith("archive/")]
    if not warcs:
        raise archive.corrupt("datapackage.json lists no archive/ WARC")
    found = [r for path in warcs for r in records(archive, members[path])]
    told = package.get("rightsledger") if isinstance(package.get("rightsledger"), dict) else {}
    main = str(told.get("url") or package.get("mainPageUrl") or "")
    return Package(package, told, main, str(told.get("final_url") or main), found)


def read(data: bytes) -> Reading:
    return reading_of(unpack(data))


def reading_of(package: Package) -> Reading:
    text, inner = _text(package.records, package.main, package.final)
    meta: dict[str, Any] = {"capture": package.facts, "records": len(package.records),
                            "main_page": package.main,
                            "wacz_version": package.datapackage.get("wacz_version"),
                            "software": package.datapackage.get("software")}
    if inner:
        meta["inner_reader"] = inner
    return Reading(text=text, media_type=MEDIA, reader=NAME,
                   title=str(package.datapackage.get("title") or "") or None, meta=meta)


def _check(archive: Archive, members: dict[str, bytes], resource: Any) -> None:
    path = str(resource.get("path", "")) if isinstance(resource, dict) else ""
    if path not in members:
        raise archive.corrupt(f"{path or 'a part'} is listed but missing")
    want = str(resource.get("hash", ""))
    if want.startswith("sha256:"):
        got = hashlib.sha256(members[path]).hexdigest()
        if got != want[7:]:
            raise BadInput(f"WACZ damaged: {path} does not match the SHA-256 its "
                           f"datapackage.json gives (altered or truncated); {REMEDY}")


def records(archive: Archive, warc: bytes) -> list[dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out = []
    try:
        for record in ArchiveIterator(io.BytesIO(warc)):
            if record.rec_type not in ("response", "resource"):
                continue
            out.append({"type": record.rec_type,
                        "url": record.rec_headers.get_header("WARC-Target-URI") or "",
                        "mime": (record.http_headers.get_header("Content-Type") if
                                 record.http_headers else
                                 record.rec_headers.get_header("Content-Type")) or "",
                        "status": record.http_headers.get_statuscode()
                        if record.http_headers else "200",
                        "body": record.content_stream().read()})
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        raise archive.corrupt(f"its WARC cannot be read: {str(exc)[:120]}") from exc
    return out


def _text(records: list[dict[str, Any]], main: str, final: str) -> tuple[str, str | None]:
    """The text: the capture's own urn:text record, else the main response read as what
    it is (HTML, PDF, image...)."""
    for record in records:
        if record["type"] == "resource" and record["url"] in (f"urn:text:{main}",
                                                               f"urn:text:{final}"):
            return record["body"].decode("utf-8", "replace"), None
    page = next((r for r in records if r["type"] == "response" and r["url"] == final
                 and r["body"]), None) or next(
        (r for r in records if r["type"] == "response" and r["url"] == main and r["body"]),
        None)
    if page is None:
        return "", None
    from pathlib import Path

    from rightsledger.evidence import readers

    try:
        inner = readers.read(Path(Path(final).name or "page"), page["body"])
    except BadInput:
        return "", None
    return inner.text, inner.reader
