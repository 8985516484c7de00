"""DOCX: paragraphs and tables in document order (python-docx), with core properties."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "docx.v1"
MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def read(data: bytes) -> Reading:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadInput("not a DOCX file (not a zip archive): check the file type")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(b) for b in document.iter_inner_content()]
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BadInput(f"corrupt DOCX: {exc}") from exc
    props = document.core_properties
    text = "\n\n".join(b for b in blocks if b.strip())
    return Reading(text=text, media_type=MEDIA, reader=NAME, title=props.title or None,
                   author=props.author or None,
                   published=props.created.date().isoformat() if props.created else None,
                   meta={"paragraphs": len(document.paragraphs),
                         "tables": len(document.tables)})


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text
    rows = []
    for row in block.rows:
        rows.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(rows)
