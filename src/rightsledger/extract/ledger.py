"""Extraction for sources in a ledger: at ingest, and again when a stage has a new version.

Only machine suggestions are replaced; what people accepted lives in the records and is
never touched by re-extraction.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from rightsledger.db import schema
from rightsledger.domain import Source
from rightsledger.extract.pipeline import extract_text, mention_rows, stage_versions
from rightsledger.ledger import Ledger

Extraction = tuple[list[dict[str, Any]], dict[str, str], list[str]]


def extract_source(source: Source) -> Extraction:
    """Mention rows, stage versions and warnings for a source's text."""
    if not source.text.strip():
        return [], stage_versions(), ["no text to extract from"]
    published = date.fromisoformat(source.published) if source.published else None
    doc = extract_text(source.text, source.language, published)
    return mention_rows(doc), stage_versions(), doc.warnings


def notes_of(ledger: Ledger, source_id: str) -> list[str]:
    """What extraction and proposal said about a source: its text was cut, a stage failed,
    candidates over the per-source cap were not proposed."""
    s, x = schema.sources, schema.source_extraction
    with ledger.store.reading() as conn:
        stored = conn.execute(select(x.c.warnings).join(s, s.c.num == x.c.num)
                              .where(s.c.id == source_id)).scalar()
    return list(json.loads(stored)) if stored else []


def reextract(ledger: Ledger, force: bool = False) -> tuple[int, int]:
    """Re-extract sources extracted by older stage versions (or all, with ``force``).

    Returns how many sources were checked and how many were extracted again.
    """
    current = stage_versions()
    stale = [num for num, versions in ledger.store.extraction_versions()
             if force or versions != current] + ledger.store.unextracted()
    checked = ledger.store.count_sources()
    for batch in _chunks(stale, 200):
        sources = ledger.store.sources_by_num(batch)
        results = {num: extract_source(s) for num, s in sources.items()}
        with ledger.store.writing() as conn:
            for num, result in results.items():
                ledger.store.replace_extraction(conn, num, *result)
            ledger.record(conn, "re-extract", details={"sources": len(results),
                                                       "stages": current})
    return checked, len(stale)


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
