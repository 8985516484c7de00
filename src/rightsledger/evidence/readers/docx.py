"""DOCX: paragraphs and tables in document order (python-docx), with core properties."""

from __future__ import annotations

import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers.archive import Archive, Limits, entries, rebuild

NAME = "docx.v1"
MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A DOCX is a zip: every part is unpacked by our own capped reader (archive.py), never by
# python-docx, which only sees the rebuilt zip of what passed. Real documents with photos
# stay far below these ceilings.
LIMITS = Limits(member=256 * 2**20, total=256 * 2**20, ratio=200, ratio_from=2**20)
# python-docx holds every part it opens and parses the XML ones into trees several times
# their size: photos and other binary parts are checked, then handed on empty (the text does
# not need them; the original is stored whole), and the XML parts may hold this much.
MAX_XML = 64 * 2**20
REMEDY = "open and save it again in a word processor"
_PARSE_ERRORS = (KeyError, ValueError, SyntaxError, AttributeError, TypeError, OSError,
                 zipfile.BadZipFile, PackageNotFoundError)


def read(data: bytes) -> Reading:
    """Read a DOCX's paragraphs and tables (rows as cells joined by ' | ')."""
    archive = Archive(data, "DOCX", REMEDY, LIMITS)
    _refuse_declared_bombs(archive)
    checked = rebuild(archive, keep=_is_xml, held=MAX_XML)
    try:
        document = docx.Document(checked)
        blocks = [_block_text(b) for b in document.iter_inner_content()]
        props = _properties(document)
    except _PARSE_ERRORS as exc:
        why = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise BadInput(f"corrupt DOCX ({why}): open and save it again in a word processor") \
            from exc
    text = "\n\n".join(b for b in blocks if b.strip())
    meta = {"paragraphs": len(document.paragraphs), "tables": len(document.tables)}
    return Reading(text=text, media_type=MEDIA, reader=NAME, meta=meta, **props)


def _refuse_declared_bombs(archive: Archive) -> None:
    """A bomb that owns up to its size in the index is refused before anything is unpacked;
    one that lies is stopped by the capped reader as it unpacks."""
    parts = entries(archive)
    unpacked = sum(p.size for p in parts)
    swollen = [p for p in parts if p.size > LIMITS.ratio_from
               and p.size > LIMITS.ratio * max(p.packed, 1)]
    if unpacked > LIMITS.total or swollen:
        raise archive.refused(f"its parts unpack to {unpacked / 2**20:,.0f} MB from "
                              f"{len(archive.data) / 2**20:,.1f} MB")


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


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
