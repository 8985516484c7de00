"""PDF: text per page with pypdf; page start offsets kept in the metadata."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "pdf.v1"
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def read(data: bytes) -> Reading:
    if not data.startswith(b"%PDF-"):
        raise BadInput("not a PDF (no %PDF header): check the file type")
    if b"%%EOF" not in data[-2048:]:
        raise BadInput("truncated PDF (no end-of-file marker): copy the file again")
    try:
        pdf = PdfReader(io.BytesIO(data), strict=False)
        if pdf.is_encrypted:
            raise BadInput("PDF is encrypted: remove the password and ingest it again")
        pages = [page.extract_text() or "" for page in pdf.pages]
        info: Any = pdf.metadata or {}
    except BadInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise BadInput(f"corrupt PDF: {str(exc).splitlines()[0][:120]}") from exc
    text, offsets = _join(pages)
    meta: dict = {"pages": len(pages), "page_offsets": offsets}
    if not text.strip():
        meta["warning"] = "no text layer (scanned image?): stored without text"
    return Reading(text=text, media_type="application/pdf", reader=NAME,
                   title=_info(info, "/Title"), author=_info(info, "/Author"),
                   published=_date(_info(info, "/CreationDate")), meta=meta)


def _join(pages: list[str]) -> tuple[str, list[int]]:
    offsets, parts, pos = [], [], 0
    for page in pages:
        offsets.append(pos)
        parts.append(page)
        pos += len(page) + 2
    return "\n\n".join(parts), offsets


def _info(info: object, key: str) -> str | None:
    value = info.get(key) if hasattr(info, "get") else None
    return str(value).strip() or None if value else None


def _date(value: str | None) -> str | None:
    m = _PDF_DATE.match(value or "")
    if not m or not m.group(2) or not m.group(3):
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
