"""Exports of the records as one JSON document: incidents with their claims side by side,
sources and grades, victims as pseudonyms, disruptions, statements and obligations, and the
photos and human stories whose consent records cover the press on the day of the export.

Victims' real names, contacts and addresses are never exported (they stay encrypted in the
ledger); contacts and engagements are never exported at all; photos appear only as their
public copy (no EXIF, no GPS) and stories only with pseudonyms. Each export is recorded in
the custody log with the SHA-256 of what was written; consents that lapsed since the last
public output are written to the audit log first.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.evidence.custody import utc_now
from rightsledger.evidence.objects import write_atomic
from rightsledger.ledger import Ledger
from rightsledger.media import consent, photos, stories
from rightsledger.records import disruptions, obligations, statements
from rightsledger.review.decide import detail

FORMATS = ("json",)
USE = "press"  # the consent scope an export needs


def snapshot(conn: Connection, ledger_id: str, statuses: tuple[str, ...], secret: bytes,
             on: date) -> dict[str, Any]:
    """The records as plain data, incidents in the given statuses; photos and stories whose
    consent covers the press on ``on``."""
    t = schema.incidents
    ids = conn.execute(select(t.c.id).where(t.c.status.in_(statuses)).order_by(t.c.id))
    return {"ledger_id": ledger_id, "exported_at": utc_now(),
            "incidents": [_public_incident(detail(conn, i)) for i in ids.scalars()],
            "disruptions": disruptions.find(conn),
            "statements": statements.find(conn),
            "obligations": obligations.find(conn, on=on),
            "photos": [photos.public_fields(p) for p in photos.published(conn, USE, on)],
            "stories": stories.published(conn, secret, USE, on)}


def _public_incident(row: dict[str, Any]) -> dict[str, Any]:
    """An incident without review plumbing; sources as id, publisher, date, title, quote."""
    keep = ("id", "type", "date_start", "date_end", "date_precision", "places", "place_names",
            "place_precision", "description", "rights", "status", "grade", "grade_reasons",
            "claims_side_by_side", "acts", "victims")
    out = {k: row[k] for k in keep}
    out["sources"] = [{k: s[k] for k in ("id", "kind", "publisher", "published", "title",
                                         "quotes")} for s in row["sources"]]
    out["claims"] = [{k: c[k] for k in ("id", "by", "stance", "text", "killed_min",
                                        "killed_best", "killed_max", "injured_min",
                                        "injured_best", "injured_max", "quote", "rebuts",
                                        "source_id", "machine")} for c in row["claims"]]
    return out


def export(ledger: Ledger, fmt: str, out: Path | None, actor: str,
           statuses: tuple[str, ...] = ("accepted",)) -> tuple[bytes, str]:
    """Write the export (to ``out``, or return it), record it in custody; give its bytes and
    SHA-256."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format '{fmt}': this version writes {', '.join(FORMATS)}")
    today = date.today()
    with ledger.store.writing() as conn:
        consent.sweep(conn, today, actor)
    with ledger.store.reading() as conn:
        data = snapshot(conn, ledger.id, statuses, ledger.secret, today)
    body = (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode()
    digest = hashlib.sha256(body).hexdigest()
    if out is not None:
        write_atomic(out, body)
    with ledger.store.writing() as conn:
        ledger.record(conn, "export", digest, {"format": fmt, "path": str(out or "-"),
                                               "incidents": len(data["incidents"]),
                                               "photos": len(data["photos"]),
                                               "stories": len(data["stories"])}, actor)
    return body, digest
