"""Importing incidents from CSV or JSON: create new ones, update existing ones by id.

The whole file is one transaction: a bad row (unknown type code, end before start, a
negative count, an unknown place…) refuses the file with its row, column and reason, and
nothing of it is imported.

Columns (all but ``type`` optional; lists are separated by ';' in CSV):
    id, version, type, date_start, date_end, date_precision, places, place_precision,
    description, rights, status, source, claimed_by, killed, injured
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from rightsledger.errors import BadInput, RightsLedgerError
from rightsledger.ledger import Ledger
from rightsledger.records import claims, incidents
from rightsledger.review.decide import regrade

LISTS = ("places", "rights")
COUNTS = ("killed", "injured")
INTEGERS = ("id", "version", *COUNTS)
KNOWN = ("id", "version", "type", "date_start", "date_end", "date_precision", "places",
         "place_precision", "description", "rights", "status", "source", "claimed_by",
         *COUNTS)


@dataclass
class Imported:
    created: int = 0
    updated: int = 0


def import_file(ledger: Ledger, path: Path, actor: str) -> Imported:
    """Import every row of ``path`` (.csv or .json), all or nothing."""
    records = _read(path)
    done = Imported()
    with ledger.store.writing() as conn:
        for number, record in enumerate(records, start=1):
            try:
                _import_row(ledger, conn, _typed(record), actor, done)
            except RightsLedgerError as exc:
                raise BadInput(f"{path.name}: row {number}, {exc}; nothing was imported") \
                    from None
    return done


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text("utf-8"))
            return list(data["incidents"] if isinstance(data, dict) else data)
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BadInput(f"{path}: cannot read it as {path.suffix[1:] or 'CSV'}: {exc}") from None


def _typed(record: dict[str, Any]) -> dict[str, Any]:
    """Cells as values: empty cells dropped, lists split, numbers parsed; unknown columns
    refused."""
    out: dict[str, Any] = {}
    for column, value in record.items():
        if column not in KNOWN:
            raise BadInput(f"column {column}: unknown column (known: {', '.join(KNOWN)})")
        if value in (None, ""):
            continue
        if column in LISTS and isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        if column in INTEGERS:
            value = _integer(column, value)
        out[column] = value
    return out


def _integer(column: str, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadInput(f"column {column}: '{value}' is not a whole number") from None


def _import_row(ledger: Ledger, conn: Connection, row: dict[str, Any], actor: str,
                done: Imported) -> None:
    _check_columns(conn, row)
    fields = {k: v for k, v in row.items() if k in incidents.EDITABLE}
    status = row.get("status", "accepted")
    if status not in incidents.STATUSES[:3]:
        raise BadInput(f"column status: '{status}' is not proposed, accepted or rejected")
    if "id" in row:
        incidents.edit(conn, row["id"], fields, actor, row.get("version"))
        done.updated += 1
        incident_id = row["id"]
    else:
        incident_id = incidents.create(conn, fields, actor, status=status)
        done.created += 1
    if any(k in row for k in (*COUNTS, "claimed_by")):
        _claim(ledger, conn, incident_id, row, actor)
    regrade(conn, incident_id, actor)


def _check_columns(conn: Connection, row: dict[str, Any]) -> None:
    """Each cell alone, so that an error names its column."""
    for column in incidents.EDITABLE:
        if column in row and column not in ("date_start", "date_end"):
            _in_column(column, lambda c=column: incidents.check(conn, {c: row[c]}))
    _in_column("date_end", lambda: incidents.check(
        conn, {"date_start": row.get("date_start"), "date_end": row.get("date_end")}))
    for column in COUNTS:
        if column in row:
            _in_column(column, lambda c=column: claims.figure_range(c, row[c]))


def _in_column(column: str, check: Any) -> None:
    try:
        check()
    except BadInput as exc:
        reason = _FIELD_PREFIX.sub("", str(exc), count=1)  # "type: unknown…" → "unknown…"
        raise BadInput(f"column {column}: {reason}") from None


_FIELD_PREFIX = re.compile(r"^[a-z_ ]{1,20}: ")


def _claim(ledger: Ledger, conn: Connection, incident_id: int, row: dict[str, Any],
           actor: str) -> None:
    num = None
    if row.get("source"):
        num = ledger.store.num_of(conn, ledger.store.get_source(str(row["source"])).id)
        incidents.link_source(conn, incident_id, num, "")
    claims.add(conn, {"incident_id": incident_id, "source_num": num,
                      "by": row.get("claimed_by"), "killed": row.get("killed"),
                      "injured": row.get("injured")}, actor)
