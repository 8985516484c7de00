"""PDF: text per page with pypdf; page start offsets kept in the metadata."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "pdf.v1"
PAGE_SEPARATOR = "\n\n"
NO_TEXT = "no text layer (scanned image?)"
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                 OSError, RecursionError, ZeroDivisionError)


def _corrupt(why: object) -> BadInput:
    first = (str(why).splitlines() or [type(why).__name__])[0][:120]
    return BadInput(f"corrupt or truncated PDF: {first}; copy or download it again")


def _open(data: bytes) -> PdfReader:
    """A reader on the bytes, decrypted when only an empty user password protects them."""
    pdf = PdfReader(io.BytesIO(data), strict=False)
    if pdf.is_encrypted and not pdf.decrypt(""):
        raise BadInput("PDF is encrypted: remove the password and ingest again")
    return pdf


def _pages_and_info(data: bytes) -> tuple[list[str], Any, bool]:
    """Each page's text, the document info, and whether it was encrypted."""
    try:
        pdf = _open(data)
        pages = [page.extract_text() or "" for page in pdf.pages]
        return pages, pdf.metadata or {}, pdf.is_encrypted
    except BadInput:
        raise
    except _PARSE_ERRORS as exc:
        raise _corrupt(exc) from exc


def read(data: bytes) -> Reading:
    """Read a PDF's text layer page by page, with title, author and creation date."""
    if not data.startswith(b"%PDF-"):
        raise BadInput("not a PDF (no %PDF header): check the file type")
    pages, info, encrypted = _pages_and_info(data)
    text, offsets = _join(pages)
    truncated = b"%%EOF" not in data[-1024:]
    if truncated and not text.strip():
        raise _corrupt("no %%EOF marker and no readable page")
    meta: dict[str, Any] = {"pages": len(pages), "page_offsets": offsets}
    if not text.strip():
        meta["warning"] = NO_TEXT
    elif truncated:
        meta["warning"] = "no %%EOF marker: the file may be truncated"
    if encrypted:
        meta["encrypted"] = "owner password only"
    return Reading(text=text, media_type="application/pdf", reader=NAME,
                   title=_info(info, "/Title"), author=_info(info, "/Author"),
                   published=_date(_info(info, "/CreationDate")), meta=meta)


def _join(pages: list[str]) -> tuple[str, list[int]]:
    """Pages joined by a blank line, and the offset where each page starts."""
    offsets, pos = [], 0
    for page in pages:
        offsets.append(pos)
        pos += len(page) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(pages), offsets


def _info(info: Any, key: str) -> str | None:
    try:
        value = info.get(key)
    except _PARSE_ERRORS:
        return None
    return (str(value).strip() or None) if value else None


def _date(value: str | None) -> str | None:
    m = _PDF_DATE.match(value or "")
    try:
        return date(*map(int, m.groups())).isoformat() if m else None
    except ValueError:
        return None
