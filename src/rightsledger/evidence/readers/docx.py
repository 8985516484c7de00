"""DOCX: paragraphs and tables in document order (python-docx), with core properties."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "docx.v1"
MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A DOCX is a zip: refuse one whose parts would unpack to more than this (a zip bomb) before
# python-docx inflates them in memory. Real documents with photos stay far below it.
MAX_UNPACKED = 256 * 2**20
MAX_RATIO = 200  # unpacked / packed, for parts over 1 MB
_PARSE_ERRORS = (KeyError, ValueError, SyntaxError, AttributeError, TypeError, OSError,
                 zipfile.BadZipFile, PackageNotFoundError)


def read(data: bytes) -> Reading:
    """Read a DOCX's paragraphs and tables (rows as cells joined by ' | ')."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadInput("not a DOCX file (not a zip archive): check the file type")
    _refuse_bombs(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(b) for b in document.iter_inner_content()]
        props = _properties(document)
    except _PARSE_ERRORS as exc:
        why = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise BadInput(f"corrupt DOCX ({why}): open and save it again in a word processor") \
            from exc
    text = "\n\n".join(b for b in blocks if b.strip())
    meta = {"paragraphs": len(document.paragraphs), "tables": len(document.tables)}
    return Reading(text=text, media_type=MEDIA, reader=NAME, meta=meta, **props)


def _refuse_bombs(data: bytes) -> None:
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise BadInput(f"corrupt DOCX ({exc}): open and save it again in a word processor") \
            from exc
    unpacked = sum(p.file_size for p in parts)
    swollen = [p for p in parts if p.file_size > 2**20
               and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if unpacked > MAX_UNPACKED or swollen:
        raise BadInput(f"DOCX refused: its parts unpack to {unpacked / 2**20:,.0f} MB from "
                       f"{len(data) / 2**20:,.1f} MB (a zip bomb?); save it again without "
                       "padding, or send it as PDF")


def _properties(document: Any) -> dict[str, str | None]:
    """Title, author and creation day from the core properties."""
    props = document.core_properties
    created = props.created
    return {"title": (props.title or "").strip() or None,
            "author": (props.author or "").strip() or None,
            "published": created.date().isoformat() if created else None}


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(_row_text(row) for row in block.rows)


def _row_text(row: Any) -> str:
    """A table row's cells joined by ' | ', a merged cell counted once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
    return " | ".join(cells)
