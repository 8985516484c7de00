"""PDF: text per page with pypdf; page start offsets kept in the metadata."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

import pypdf.filters
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import EncodedStreamObject

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "pdf.v1"
PAGE_SEPARATOR = "\n\n"
NO_TEXT = "no text layer (scanned image?)"
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                 OSError, RecursionError, ZeroDivisionError)

# pypdf logs what it repairs ("EOF marker not found"); with no logging set up, Python would
# print it on stderr beside the one line a refused file gets. A configured log still has it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

# A PDF's streams are compressed (FlateDecode and others): a few KB can inflate to GBs.
# pypdf caps each stream (set lower here, per stream and per filter). pypdf keeps each stream
# it decoded: the copies are dropped after each page, and what one page holds at once and
# what the whole document decodes are capped too.
MiB = 2**20
STREAM_LIMIT = 64 * MiB
PAGE_LIMIT = 160 * MiB  # decoded bytes held at once (one page and what it draws)
DOCUMENT_LIMIT = 1024 * MiB  # decoded bytes in all (time: a thousand pages of bombs)
_LIMITS = {name: STREAM_LIMIT for name in (
    "zlib_maximum_output_length", "lzw_maximum_output_length",
    "run_length_maximum_output_length", "brotli_maximum_output_length",
    "jbig2_maximum_output_length", "array_based_stream_maximum_output_length",
    "image_maximum_buffer_size", "maximum_declared_stream_length")}
_LIMITS["stream_decoding_work_maximum_length"] = 2 * STREAM_LIMIT


class _Budget:
    """Decoded bytes of one document so far; once over the limit, every decode fails."""

    def __init__(self) -> None:
        self.decoded, self.held, self.exceeded, self.reason = 0, 0, False, ""

    def take(self, amount: int) -> None:
        self.decoded += amount
        self.held += amount
        if self.held > PAGE_LIMIT:
            self.trip(f"one page's streams unpack to more than {PAGE_LIMIT // MiB} MB")
        if self.decoded > DOCUMENT_LIMIT:
            self.trip(f"its streams unpack to more than {DOCUMENT_LIMIT // MiB} MB in all")
        if self.exceeded:
            raise LimitReachedError(self.why())

    def trip(self, reason: str) -> None:
        """Remember the first limit passed: pypdf may take the error for a damaged object,
        leave the page out and go on, but the document is refused all the same."""
        if not self.exceeded:
            self.exceeded, self.reason = True, reason

    def why(self) -> str:
        return self.reason


_BUDGET: ContextVar[_Budget | None] = ContextVar("rightsledger_pdf_budget", default=None)
_decode_stream_data = pypdf.filters.decode_stream_data


def _counted_decode(stream: Any) -> bytes:
    """pypdf's decoder of one stream, counted against the document being read (if any).

    pypdf looks this function up in pypdf.filters each time it decodes a stream, so every
    stream of every object (page contents, forms, fonts, object streams) passes here."""
    budget = _BUDGET.get()
    try:
        data: bytes = _decode_stream_data(stream)
    except LimitReachedError as exc:
        if budget is not None:
            budget.trip(str(exc))
        raise
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
    if "decompressing" in first or "output bytes" in first:  # pypdf's per-stream limits
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
            pages = []
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                _forget_decoded(pdf, budget)
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


def _forget_decoded(pdf: PdfReader, budget: _Budget) -> None:
    """Drop the decoded copies pypdf cached on the streams read so far (they are decoded
    again if another page needs them)."""
    for obj in list(pdf.resolved_objects.values()):
        if isinstance(obj, EncodedStreamObject):
            obj.decoded_self = None
    budget.held = 0


def read(data: bytes) -> Reading:
    """Read a PDF's text layer page by page, with title, author and creation date."""
    if not data.startswith(b"%PDF-"):
        raise BadInput("not a PDF (no %PDF header): check the file type")
    pages, info, encrypted = _pages_and_info(data)
    text, offsets = join_pages(pages)
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


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """Pages joined by a blank line, and the offset where each page starts."""
    offsets, pos = [], 0
    for page in pages:
        offsets.append(pos)
        pos += len(page) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(pages), offsets


def page_texts(reading: Reading) -> list[str]:
    """A PDF reading's text, page by page (what join_pages joined)."""
    offsets = list(reading.meta.get("page_offsets") or [])
    ends = [*(o - len(PAGE_SEPARATOR) for o in offsets[1:]), len(reading.text)]
    return [reading.text[s:e] for s, e in zip(offsets, ends, strict=True)]


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
