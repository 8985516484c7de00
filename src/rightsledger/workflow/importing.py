"""Importing incidents from CSV or JSON: create new ones, update existing ones by id.

The whole file is one transaction: a bad row (unknown type code, end before start, a
negative count, an unknown place…) refuses the file with its row, column and reason, and
nothing of it is imported. A file that cannot be read (not UTF-8, a cell over 131,072
characters, JSON nested too deeply…) is refused in one line too (records.incoming).

Columns (all but ``type`` optional; lists are separated by ';' or ' | ' in CSV; killed and
injured a count or a range, 2-3):
    id, version, type, date_start, date_end, date_precision, places, place_precision,
    description, rights, status, source, claimed_by, killed, injured

New incidents are written in batches of BATCH rows (docs/records.md, "Import at size"):
each row is checked in Python, places, claimants and sources are looked up once per
distinct name, the grade is computed from the row itself, and each batch is one
multi-row insert per table plus one of its audit entries (chained in row order). A row
with an id (an update) goes through records.incidents.edit and is graded again, as a
reviewer's edit is.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from rightsledger import vocabularies
from rightsledger.db import RecordStore, schema
from rightsledger.errors import BadInput, RightsLedgerError
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.records import actors, audit, claims, incidents, incoming, places, rows
from rightsledger.review import grading
from rightsledger.review.decide import regrade
from rightsledger.workflow import dialects

LISTS = ("places", "rights")
COUNTS = ("killed", "injured")
INTEGERS = ("id", "version", *COUNTS)
KNOWN = ("id", "version", "type", "date_start", "date_end", "date_precision", "places",
         "place_precision", "description", "rights", "status", "source", "claimed_by",
         *COUNTS)
BATCH = 1000


@dataclass
class Imported:
    created: int = 0
    updated: int = 0
    dialect: str = "RightsLedger"


def import_file(ledger: Ledger, path: Path, actor: str) -> Imported:
    """Import every row of ``path`` (.csv or .json), all or nothing. The file may also be
    one of our exports, an Uwazi export or an ACLED list (workflow.dialects): its dialect is
    chosen from its columns. A row with an id updates that incident, or creates it under that
    id when the ledger has none; the import ends with one ``import`` entry in the audit log
    naming the file, its dialect and what it did."""
    done = Imported()
    dialect: dialects.Dialect | None = None
    with ledger.store.writing() as conn:
        batch = _Batch(ledger, conn, actor)
        for number, record in incoming.rows(path):
            try:
                if dialect is None:
                    done.dialect, dialect = dialects.choose(list(record))
                row = _typed(dialect(record))
                if "id" in row and _exists(conn, row["id"]):
                    batch.flush()
                    _update_row(ledger, conn, row, actor)
                    done.updated += 1
                else:
                    batch.add(row)
            except RightsLedgerError as exc:
                raise BadInput(f"{path.name}: row {number}, {exc}; nothing was imported") \
                    from None
        batch.flush()
        done.created = batch.created
        audit.write(conn, actor, "import", "file", path.name, after={
            "dialect": done.dialect, "created": done.created, "updated": done.updated})
    return done


def _exists(conn: Connection, incident_id: int) -> bool:
    t = schema.incidents
    return conn.execute(select(t.c.id).where(t.c.id == incident_id)).first() is not None


# -- cells --------------------------------------------------------------------------------------
def _typed(record: dict[str, Any]) -> dict[str, Any]:
    """Cells as values: empty cells dropped, lists split, numbers parsed; unknown columns
    and values that cannot be cells (objects, nested lists, NUL characters) refused."""
    out: dict[str, Any] = {}
    for column, value in record.items():
        if column not in KNOWN:
            raise BadInput(f"column {column}: unknown column (known: {', '.join(KNOWN)})")
        if value in (None, ""):
            continue
        value = _cell(column, value)
        if column in LISTS and isinstance(value, str):
            value = [v.strip() for v in _LIST_SEP.split(value) if v.strip()]
        span = _RANGE.match(value) if column in COUNTS and isinstance(value, str) else None
        if span:
            value = (int(span[1]), None, int(span[2]))
        elif column in INTEGERS:
            value = _integer(column, value)
        elif isinstance(value, int | float):
            value = str(value)
        out[column] = value
    return out


_LIST_SEP = re.compile(r"[;|]")  # ours, and the " | " of the CSV export (items are stripped)
_RANGE = re.compile(r"^\s*(\d{1,9})\s*[-–]\s*(\d{1,9})\s*$")  # a casualty range: 2-3


def _cell(column: str, value: Any) -> Any:
    if isinstance(value, list) and column in LISTS:
        for item in value:
            _cell(column, item) if isinstance(item, str) else _not_a_cell(column, item)
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        _not_a_cell(column, value)
    if isinstance(value, str) and "\0" in value:
        raise BadInput(f"column {column}: a NUL character is not text")
    return value


def _not_a_cell(column: str, value: Any) -> None:
    kind = {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a value")
    raise BadInput(f"column {column}: {kind} is not a cell value (give a text or a number"
                   f"{', or a list of texts' if column in LISTS else ''})")


def _integer(column: str, value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(value) if isinstance(value, int | str) else int(str(value), 10)
    except (TypeError, ValueError):
        raise BadInput(f"column {column}: '{value}' is not a whole number") from None


def _status(row: dict[str, Any]) -> str:
    status = row.get("status", "accepted")
    if status not in incidents.STATUSES[:3]:
        raise BadInput(f"column status: '{status}' is not proposed, accepted or rejected")
    return str(status)


# -- new incidents, in batches ------------------------------------------------------------------
@dataclass
class _New:
    row: dict[str, Any]  # the incident's columns (not its places)
    place_ids: list[str]
    source: dict[str, Any] | None
    claim: dict[str, Any] | None  # the claim's columns, without incident_id
    id: int | None = None  # the id the row gives (a ledger without it: created under it)


@dataclass
class _Batch:
    """New incidents waiting to be written, and what the rows so far have looked up."""

    ledger: Ledger
    conn: Connection
    actor: str
    created: int = 0
    pending: list[_New] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    given: set[int] = field(default_factory=set)  # ids the file's new rows name

    def add(self, row: dict[str, Any]) -> None:
        """Check a new incident's row (BadInput naming the column) and queue it."""
        status = _status(row)
        fields = {k: v for k, v in row.items() if k in incidents.EDITABLE and k != "places"}
        checked = _checked(self.conn, fields)
        if "type" not in checked:
            raise BadInput("column type: an incident needs a type")
        if not checked.get("rights"):
            checked["rights"] = list(vocabularies.load("rights")[checked["type"]])
        place_ids = list(dict.fromkeys(self._place(p) for p in row.get("places") or [] if p))
        source = claim = None
        if any(k in row for k in (*COUNTS, "claimed_by")):
            source = self._source(str(row["source"])) if row.get("source") else None
            claim = self._claim(row, source)
        grade = _grade(source, claim)
        given = row.get("id")
        if given is not None:
            if given < 1:
                raise BadInput(f"column id: {given} is not an incident id (1 or more)")
            if given in self.given:
                raise BadInput(f"column id: incident {given} is in the file twice")
            self.given.add(given)
        self.pending.append(_New({"grade_reasons": list(grade.reasons), **checked,
                                  "status": status, "grade": grade.grade},
                                 place_ids, source, claim, given))
        if len(self.pending) >= BATCH:
            self.flush()

    def _place(self, name: str) -> str:
        if name not in self.places:
            self.places[name] = _in_column("places", lambda: places.resolve(self.conn, name))
        return self.places[name]

    def _source(self, ref: str) -> dict[str, Any]:
        if ref not in self.sources:
            found = _in_column("source", lambda: self.ledger.store.get_source(ref))
            s = schema.sources
            row = self.conn.execute(select(s.c.num, s.c.id, s.c.kind, s.c.publisher,
                                           s.c.original_name, s.c.dup_group)
                                    .where(s.c.id == found.id)).mappings().one()
            self.sources[ref] = dict(row)
        return self.sources[ref]

    def _claim(self, row: dict[str, Any], source: dict[str, Any] | None) -> dict[str, Any]:
        """The claim's columns, as records.claims.add makes them for an import's cells."""
        by = row.get("claimed_by")
        values: dict[str, Any] = {
            "disruption_id": None, "source_num": source["num"] if source else None,
            "rebuts": None, "stance": "asserts", "text": "", "quote": "",
            "actor_id": self._actor(str(by)) if by else None}
        for figure in COUNTS:
            values.update(_in_column(figure, lambda f=figure: claims.figure_range(
                f, row.get(f))))
        return {**values, "machine": 0}

    def _actor(self, name: str) -> int:
        if name not in self.actors:
            self.actors[name] = actors.resolve(self.conn, name, self.actor)
        return self.actors[name]

    def flush(self) -> None:
        """Write the queued incidents: one multi-row insert per table, then their audit
        entries in row order (each incident's creation, then its claim's)."""
        if not self.pending:
            return
        now, actor = utc_now(), self.actor
        stamp = {"created_at": now, "created_by": actor, "version": 1}
        ids = _insert(self.ledger.store, self.conn, schema.incidents,
                      [{**_full(n.row), "suggested": {}, **stamp} for n in self.pending],
                      [n.id for n in self.pending])
        new = list(zip(ids, self.pending, strict=True))
        self.ledger.store.insert_many(self.conn, schema.incident_places, [
            {"incident_id": i, "place_id": p} for i, n in new for p in n.place_ids])
        self.ledger.store.insert_many(self.conn, schema.incident_sources, [
            {"incident_id": i, "source_num": n.source["num"], "quote": "", "span_start": None,
             "span_end": None, "candidate": None} for i, n in new if n.source])
        claimed = [(i, {"incident_id": i, **n.claim}) for i, n in new if n.claim]
        claim_ids = _insert(self.ledger.store, self.conn, schema.claims,
                            [{**c, **stamp} for _, c in claimed])
        claim_of = {i: (cid, c) for (i, c), cid in zip(claimed, claim_ids, strict=True)}
        changes: list[audit.Change] = []
        for i, n in new:
            changes.append(("create", "incident", i, None, {**n.row, "places": n.place_ids}))
            if i in claim_of:
                changes.append(("create", "claim", claim_of[i][0], None, claim_of[i][1]))
        audit.write_many(self.conn, actor, changes, self.ledger.store.insert_many)
        self.created += len(self.pending)
        self.pending = []


_INCIDENT_DEFAULTS = {c.name: getattr(c.default, "arg", None) if c.default is not None
                      and c.default.is_scalar else None for c in schema.incidents.c}
_NEW_COLUMNS = ("type", "date_start", "date_end", "date_precision", "place_precision",
                "description", "rights", "status", "grade", "grade_reasons")


def _full(row: dict[str, Any]) -> dict[str, Any]:
    """Every column a new incident may set, its default where the row leaves it out (a
    multi-row insert takes the same columns in every row)."""
    return {c: row[c] if c in row else _INCIDENT_DEFAULTS[c] for c in _NEW_COLUMNS}


def _insert(store: RecordStore, conn: Connection, table: Table, values: list[dict[str, Any]],
            given: list[int | None] | None = None) -> list[int]:
    """A multi-row insert with ids reserved by the store (or ``given``, where a row names
    its own); the ids in the order of ``values`` (RETURNING over many rows is slow on both
    engines' drivers)."""
    if not values:
        return []
    ids = store.new_ids(conn, table, len(values))
    if given and any(g is not None for g in given):
        # the given ids as given, the others after both the stored and the given ones
        fresh = itertools.count(max(ids[0] - 1, *(g for g in given if g is not None)) + 1)
        ids = [g if g is not None else next(fresh) for g in given]
    store.insert_many(conn, table, [rows.encode({**v, "id": i})
                                    for v, i in zip(values, ids, strict=True)])
    return ids


def _checked(conn: Connection, fields: dict[str, Any]) -> dict[str, Any]:
    """incidents.check of a row's fields; on a refusal, each cell alone to name its column."""
    try:
        return incidents.check(conn, fields)
    except BadInput:
        _check_columns(conn, fields)
        raise


def _grade(source: dict[str, Any] | None, claim: dict[str, Any] | None) -> grading.Grade:
    """The grade review.decide.regrade would give a new incident with this source and
    claim (and no acts, no override)."""
    sources = [source] if source else []
    found = [{**claim, "id": 0, "publisher": source["publisher"] if source else None,
              "kind": source["kind"] if source else None}] if claim else []
    return grading.compute(sources, found, set())


# -- updates, one at a time ---------------------------------------------------------------------
def _update_row(ledger: Ledger, conn: Connection, row: dict[str, Any], actor: str) -> None:
    _status(row)
    _check_columns(conn, row)
    fields = {k: v for k, v in row.items() if k in incidents.EDITABLE}
    incidents.edit(conn, row["id"], fields, actor, row.get("version"))
    if any(k in row for k in (*COUNTS, "claimed_by")):
        _claim(ledger, conn, row["id"], row, actor)
    regrade(conn, row["id"], actor)


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


def _in_column(column: str, check: Any) -> Any:
    try:
        return check()
    except RightsLedgerError as exc:
        reason = _FIELD_PREFIX.sub("", str(exc), count=1)  # "type: unknown…" → "unknown…"
        raise BadInput(f"column {column}: {reason}") from None


_FIELD_PREFIX = re.compile(r"^[a-z_ ]{1,20}: ")


def _claim(ledger: Ledger, conn: Connection, incident_id: int, row: dict[str, Any],
           actor: str) -> None:
    num = None
    if row.get("source"):
        found = _in_column("source", lambda: ledger.store.get_source(str(row["source"])))
        num = ledger.store.num_of(conn, found.id)
        incidents.link_source(conn, incident_id, num, "")
    claims.add(conn, {"incident_id": incident_id, "source_num": num,
                      "by": row.get("claimed_by"), "killed": row.get("killed"),
                      "injured": row.get("injured")}, actor)
