"""PDF: text per page with pypdf; page start offsets kept in the metadata."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

import pypdf.filters
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "pdf.v1"
PAGE_SEPARATOR = "\n\n"
NO_TEXT = "no text layer (scanned image?)"
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                 OSError, RecursionError, ZeroDivisionError)

# A PDF's streams are compressed (FlateDecode and others): a few KB can inflate to GBs.
# pypdf caps each stream (set lower here, per stream and per filter); we cap all of a
# document's decoded streams together, since pypdf keeps each one it decoded.
MiB = 2**20
STREAM_LIMIT = 64 * MiB
DOCUMENT_LIMIT = 256 * MiB
_LIMITS = {name: STREAM_LIMIT for name in (
    "zlib_maximum_output_length", "lzw_maximum_output_length",
    "run_length_maximum_output_length", "brotli_maximum_output_length",
    "jbig2_maximum_output_length", "array_based_stream_maximum_output_length",
    "image_maximum_buffer_size", "maximum_declared_stream_length")}
_LIMITS["stream_decoding_work_maximum_length"] = 2 * STREAM_LIMIT


class _Budget:
    """Decoded bytes of one document so far; once over the limit, every decode fails."""

    def __init__(self) -> None:
        self.decoded, self.exceeded = 0, False

    def take(self, amount: int) -> None:
        self.decoded += amount
        self.exceeded = self.exceeded or self.decoded > DOCUMENT_LIMIT
        if self.exceeded:
            raise LimitReachedError(self.why())

    def why(self) -> str:
        return f"its streams unpack to more than {DOCUMENT_LIMIT // MiB} MB in all"


_BUDGET: ContextVar[_Budget | None] = ContextVar("rightsledger_pdf_budget", default=None)
_decode_stream_data = pypdf.filters.decode_stream_data


def _counted_decode(stream: Any) -> bytes:
    """pypdf's decoder of one stream, counted against the document being read (if any).

    pypdf looks this function up in pypdf.filters each time it decodes a stream, so every
    stream of every object (page contents, forms, fonts, object streams) passes here."""
    data: bytes = _decode_stream_data(stream)
    budget = _BUDGET.get()
    if budget is not None:
        budget.take(len(data))
    return data


pypdf.filters.decode_stream_data = _counted_decode  # type: ignore[assignment]


@contextmanager
def _limited() -> Iterator[_Budget]:
    """pypdf's per-stream limits lowered, and a budget for the whole document."""
    budget = _Budget()
    token = _BUDGET.set(budget)
    try:
        with apply_configuration(None, **_LIMITS):
            yield budget
    finally:
        _BUDGET.reset(token)


def _refused(why: object) -> BadInput:
    """A PDF past one of the limits: its compressed streams unpack to more than
    STREAM_LIMIT each or DOCUMENT_LIMIT in all, or pypdf's own counts are passed."""
    first = (str(why).splitlines() or [type(why).__name__])[0][:120]
    if "decompressing" in first:  # pypdf's words for its per-stream limit
        first = f"a compressed stream unpacks to more than {STREAM_LIMIT // MiB} MB"
    return BadInput(f"PDF refused: {first} (a decompression bomb?); print it to a new PDF "
                    "and ingest that")


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
    with _limited() as budget:
        try:
            pdf = _open(data)
            pages = [page.extract_text() or "" for page in pdf.pages]
            found: tuple[list[str], Any, bool] = (pages, pdf.metadata or {},
                                                   pdf.is_encrypted)
        except BadInput:
            raise
        except LimitReachedError as exc:
            raise _refused(exc) from exc
        except _PARSE_ERRORS as exc:
            raise (_refused(budget.why()) if budget.exceeded else _corrupt(exc)) from exc
    if budget.exceeded:  # pypdf took the error for a damaged object and went on
        raise _refused(budget.why())
    return found


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
