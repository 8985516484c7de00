"""Row plumbing shared by every record: insert, fetch, versioned update, JSON columns."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, select, update

from rightsledger.errors import BadInput, Conflict, NotFound
from rightsledger.ground import utc_now

JSON_COLUMNS = {"rights", "grade_reasons", "suggested", "aliases", "demands", "sources",
                "scopes", "place_ids", "participants", "materials", "coverage"}


def encode(values: dict[str, Any]) -> dict[str, Any]:
    """Python values to column values: lists and dicts become JSON text."""
    return {k: json.dumps(v, ensure_ascii=False, sort_keys=True) if k in JSON_COLUMNS else v
            for k, v in values.items()}


def decode(row: Any) -> dict[str, Any]:
    """A row as a dict, JSON columns parsed."""
    return {k: json.loads(v) if k in JSON_COLUMNS and isinstance(v, str) else v
            for k, v in dict(row).items()}


def insert(conn: Connection, table: Table, values: dict[str, Any], actor: str) -> int:
    """Insert a row (stamped with who and when if the table has those columns)."""
    if "created_by" in table.c:
        values = {**values, "created_at": utc_now(), "created_by": actor, "version": 1}
    result = conn.execute(table.insert().values(**encode(values)))
    key = result.inserted_primary_key
    return int(key[0]) if key else 0


def fetch(conn: Connection, table: Table, row_id: int, noun: str) -> dict[str, Any]:
    """One row by id, or NotFound naming the record."""
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if row is None:
        raise NotFound(f"no {noun} {row_id}")
    return decode(row)


def update_checked(conn: Connection, table: Table, row_id: int, values: dict[str, Any],
                   actor: str, expected_version: int | None, noun: str) -> dict[str, Any]:
    """Change a row only if nobody changed it since ``expected_version`` was read.

    Returns the row before the change. ``expected_version`` None means "whatever it is now"
    (imports and merges, which run inside one write transaction).
    """
    before = fetch(conn, table, row_id, noun)
    version = before["version"] if expected_version is None else expected_version
    stmt = (update(table).where(table.c.id == row_id, table.c.version == version)
            .values(**encode(values), version=version + 1, updated_at=utc_now(),
                    updated_by=actor))
    if conn.execute(stmt).rowcount != 1:
        raise Conflict(f"{noun} {row_id} was changed by {before['updated_by'] or 'someone'} "
                       f"(now version {before['version']}, you read version {version}): "
                       "reload it and apply your edit again")
    return before


def record_id(value: Any, field: str) -> int | None:
    """A reference to another record: a whole number from 1 (a digit string is accepted),
    or None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"{field}: '{value}' is not an id (a whole number, 1 or more)")
    return value
