"""Extraction for sources in a ledger: a source's mentions, and what extraction noted.

Ingest and re-extraction (``rightsledger.workflow``) store what ``extract_source`` returns;
only machine suggestions are replaced, what people accepted lives in the records.
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
