"""RecordStore: the one interface to the records database, one subclass per engine.

Shared SQL is written once here with SQLAlchemy Core; the engines differ only in how they
connect, lock for writing, and index text for search (see sqlite.py and postgres.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from importlib import resources
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, update

from rightsledger.db import schema
from rightsledger.domain import CustodyEntry, Source
from rightsledger.errors import LedgerError, NotFound

GENESIS = "0" * 64
_SOURCE_FIELDS = [f.name for f in fields(Source)]
_CUSTODY_FIELDS = [f.name for f in fields(CustodyEntry)]


class RecordStore:
    """Records of one ledger: sources, their search index, near-duplicate digests, custody."""

    dialect = "abstract"

    def __init__(self, engine: Engine):
        self.engine = engine

    # -- life cycle -------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema up to the newest migration."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        migrations = resources.files("rightsledger.db") / "migrations"
        cfg.set_main_option("script_location", str(migrations))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction holding the ledger's write lock (custody appends are serial)."""
        with self.engine.connect() as conn:
            self._begin_write(conn)
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def _begin_write(self, conn: Connection) -> None:
        raise NotImplementedError

    def new_ids(self, conn: Connection, table: Table, count: int) -> list[int]:
        """``count`` ids for rows about to be inserted into ``table`` in one multi-row
        insert (bulk import). Inside a write transaction, which holds the write lock: the
        ids after the largest (what SQLite's rowid would give; records are not deleted)."""
        top = conn.execute(select(func.max(table.c.id))).scalar() or 0
        return list(range(int(top) + 1, int(top) + 1 + count))

    def insert_many(self, conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
        """Rows that all set the same columns, with plain values (texts, numbers, None), in
        one statement run over all of them: the driver's executemany, without SQLAlchemy's
        per-row work (bulk import)."""
        if not values:
            return
        compiled = table.insert().compile(dialect=conn.dialect, column_keys=list(values[0]))
        order = compiled.positiontup
        params = [tuple(v[k] for k in order) for v in values] if order else values
        conn.exec_driver_sql(str(compiled), params)  # type: ignore[arg-type]

    # -- ledger metadata --------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.reading() as conn:
            t = schema.ledger_meta
            return conn.execute(select(t.c.value).where(t.c.key == key)).scalar()

    def get_meta_in(self, conn: Connection, key: str) -> str | None:
        t = schema.ledger_meta
        return conn.execute(select(t.c.value).where(t.c.key == key)).scalar()

    def set_meta(self, conn: Connection, key: str, value: str) -> None:
        t = schema.ledger_meta
        conn.execute(t.delete().where(t.c.key == key))
        conn.execute(t.insert().values(key=key, value=value))

    # -- sources ----------------------------------------------------------------------------
    def add_source(self, conn: Connection, source: Source, digest: bytes | None) -> int:
        """Insert a source, its search row and its near-duplicate digest; return its number."""
        row = {k: getattr(source, k) for k in _SOURCE_FIELDS}  # asdict() would deep-copy
        row["meta"] = json.dumps(source.meta, ensure_ascii=False, sort_keys=True)
        inserted = conn.execute(schema.sources.insert(), row).inserted_primary_key
        num = int(inserted[0]) if inserted else 0
        self._index(conn, num, source.title or "", source.text)
        if digest is not None:
            conn.execute(schema.source_minhash.insert(), {"num": num, "digest": digest})
        return num

    def _index(self, conn: Connection, num: int, title: str, text: str) -> None:
        raise NotImplementedError

    def _unindex(self, conn: Connection, num: int, title: str, text: str) -> None:
        """Drop a source's search row, indexed from ``title`` and ``text``, before it is
        indexed again (engines whose index is a table of its own)."""

    def replace_reading(self, conn: Connection, num: int, before: Source, source: Source,
                        digest: bytes | None) -> None:
        """A source read again (OCR of a scan that had no text): its text, reader, meta
        and language replaced, its search row and near-duplicate digest with them."""
        t = schema.sources
        conn.execute(update(t).where(t.c.num == num).values(
            text=source.text, reader=source.reader, language=source.language,
            meta=json.dumps(source.meta, ensure_ascii=False, sort_keys=True)))
        self._unindex(conn, num, before.title or "", before.text)
        self._index(conn, num, source.title or "", source.text)
        conn.execute(schema.source_minhash.delete().where(schema.source_minhash.c.num == num))
        if digest is not None:
            conn.execute(schema.source_minhash.insert(), {"num": num, "digest": digest})

    def has_source(self, conn: Connection, sha256: str) -> bool:
        t = schema.sources
        return conn.execute(select(t.c.num).where(t.c.id == sha256)).first() is not None

    def num_of(self, conn: Connection, sha256: str) -> int:
        """The row number of a source, by its full id (records link sources by number)."""
        t = schema.sources
        return int(conn.execute(select(t.c.num).where(t.c.id == sha256)).scalar_one())

    def get_source(self, ref: str) -> Source:
        """A source by full id or by an unambiguous prefix of at least 6 characters."""
        ref = ref.strip().lower()
        if len(ref) < 6:
            raise NotFound(f"source id '{ref}' is too short: give at least 6 characters")
        if ref.strip("0123456789abcdef"):
            raise NotFound(f"'{ref}' is not a source id: ids are hexadecimal (0-9, a-f)")
        t = schema.sources
        with self.reading() as conn:
            # A range, not LIKE: SQLite's LIKE ignores case and so cannot use the index.
            prefix = (t.c.id >= ref) & (t.c.id < ref + "g")  # ids are lower-case hex
            rows = conn.execute(select(t).where(prefix).limit(2)).mappings().all()
        if not rows:
            raise NotFound(f"no source with id starting '{ref}': see `rightsledger sources`")
        if len(rows) > 1:
            raise NotFound(f"source id '{ref}' is ambiguous: give more characters")
        return _to_source(rows[0])

    def sources_by_num(self, nums: list[int]) -> dict[int, Source]:
        t = schema.sources
        with self.reading() as conn:
            rows = conn.execute(select(t).where(t.c.num.in_(nums))).mappings().all()
        return {r["num"]: _to_source(r) for r in rows}

    def ids_of(self, nums: list[int]) -> dict[int, str]:
        t = schema.sources
        out: dict[int, str] = {}
        with self.reading() as conn:
            for batch in chunks(nums, 500):
                out.update(conn.execute(select(t.c.num, t.c.id).where(t.c.num.in_(batch))).all())
        return out

    def list_sources(self, *, kind: str | None = None, language: str | None = None,
                     limit: int | None = None, newest_first: bool = True) -> list[Source]:
        t = schema.sources
        stmt = select(t)
        if kind:
            stmt = stmt.where(t.c.kind == kind)
        if language:
            stmt = stmt.where(t.c.language == language)
        stmt = stmt.order_by(t.c.num.desc() if newest_first else t.c.num).limit(limit)
        with self.reading() as conn:
            return [_to_source(r) for r in conn.execute(stmt).mappings()]

    def captures_of(self, url: str) -> list[Source]:
        """The web captures of one URL, newest first."""
        t = schema.sources
        stmt = (select(t).where(t.c.url == url, t.c.kind == "web_capture")
                .order_by(t.c.num.desc()))
        with self.reading() as conn:
            return [_to_source(r) for r in conn.execute(stmt).mappings()]

    def textless_sources(self) -> list[Source]:
        """Sources stored without any text (scans not read, photographs), oldest first."""
        t = schema.sources
        stmt = select(t).where(func.length(func.trim(t.c.text)) == 0).order_by(t.c.num)
        with self.reading() as conn:
            return [_to_source(r) for r in conn.execute(stmt).mappings()]

    def source_ids(self) -> Iterator[tuple[str, int]]:
        """Every source's sha256 and size, streamed."""
        t = schema.sources
        with self.reading() as conn:
            yield from conn.execution_options(yield_per=1000).execute(
                select(t.c.id, t.c.size).order_by(t.c.num))

    def count_sources(self) -> int:
        with self.reading() as conn:
            return conn.execute(select(func.count()).select_from(schema.sources)).scalar_one()

    def has_encrypted_fields(self) -> bool:
        """Whether any row holds a value encrypted with the ledger's secret."""
        with self.reading() as conn:
            return any(conn.execute(select(t.c.id).limit(1)).first() is not None
                       for t in (schema.victims, schema.contacts, schema.consents,
                                 schema.stories))

    # -- near-duplicates --------------------------------------------------------------------
    def digests(self) -> Iterator[tuple[int, bytes]]:
        t = schema.source_minhash
        with self.reading() as conn:
            yield from conn.execution_options(yield_per=5000).execute(
                select(t.c.num, t.c.digest).order_by(t.c.num))

    def set_dup_groups(self, groups: dict[int, str | None]) -> None:
        """Set each source's near-duplicate group (the id of its earliest member, or None)."""
        t = schema.sources
        with self.writing() as conn:
            for num, group in groups.items():
                conn.execute(update(t).where(t.c.num == num).values(dup_group=group))

    def duplicate_groups(self) -> dict[str, list[Source]]:
        t = schema.sources
        stmt = select(t).where(t.c.dup_group.is_not(None)).order_by(t.c.dup_group, t.c.num)
        groups: dict[str, list[Source]] = {}
        with self.reading() as conn:
            for r in conn.execute(stmt).mappings():
                groups.setdefault(r["dup_group"], []).append(_to_source(r))
        return groups

    # -- extraction -------------------------------------------------------------------------
    def replace_extraction(self, conn: Connection, num: int, rows: list[dict[str, Any]],
                           versions: dict[str, str], warnings: list[str]) -> None:
        """Store what extraction found for a source, replacing what an earlier run stored."""
        m, x = schema.mentions, schema.source_extraction
        conn.execute(m.delete().where(m.c.num == num))
        conn.execute(x.delete().where(x.c.num == num))
        if rows:
            conn.execute(m.insert(), [
                {**r, "num": num, "data": json.dumps(r["data"], ensure_ascii=False)}
                for r in rows])
        conn.execute(x.insert(), {"num": num, "versions": json.dumps(versions, sort_keys=True),
                                  "warnings": json.dumps(warnings, ensure_ascii=False)})

    def extraction_versions(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each extracted source's number and the stage versions that extracted it."""
        x = schema.source_extraction
        with self.reading() as conn:
            for num, versions in conn.execute(select(x.c.num, x.c.versions)):
                yield num, json.loads(versions)

    def unextracted(self) -> list[int]:
        """Numbers of sources with no extraction stored (e.g. ingested before it existed)."""
        s, x = schema.sources, schema.source_extraction
        stmt = select(s.c.num).where(s.c.num.not_in(select(x.c.num))).order_by(s.c.num)
        with self.reading() as conn:
            return list(conn.execute(stmt).scalars())

    def mentions(self, kind: str, label: str | None = None,
                 limit: int | None = None) -> list[tuple[Source, dict[str, Any]]]:
        """Stored mentions of one kind (optionally with one label), newest sources first."""
        m, s = schema.mentions, schema.sources
        stmt = (select(s, m.c.data).join(m, m.c.num == s.c.num).where(m.c.kind == kind)
                .order_by(s.c.num.desc(), m.c.span_start).limit(limit))
        if label is not None:
            stmt = stmt.where(m.c.label == label)
        with self.reading() as conn:
            return [(_to_source(r), json.loads(r["data"])) for r in conn.execute(stmt).mappings()]

    def mentions_of(self, source_id: str) -> list[dict[str, Any]]:
        """What extraction found in one source: kind, span and data, in text order."""
        m, s = schema.mentions, schema.sources
        stmt = (select(m.c.kind, m.c.span_start, m.c.span_end, m.c.label, m.c.data)
                .join(s, s.c.num == m.c.num).where(s.c.id == source_id)
                .order_by(m.c.span_start))
        with self.reading() as conn:
            return [{**r, "data": json.loads(r["data"])} for r in conn.execute(stmt).mappings()]

    # -- custody ----------------------------------------------------------------------------
    def chain_head(self, conn: Connection) -> tuple[int, str]:
        """The last entry's sequence and hash, or (0, GENESIS) for an empty log."""
        t = schema.custody
        row = conn.execute(
            select(t.c.seq, t.c.entry_hash).order_by(t.c.seq.desc()).limit(1)).first()
        return (row.seq, row.entry_hash) if row else (0, GENESIS)

    def append_custody(self, conn: Connection, entry: CustodyEntry) -> None:
        row = {f: getattr(entry, f) for f in _CUSTODY_FIELDS}
        row["details"] = json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
        conn.execute(schema.custody.insert(), row)

    def custody(self, obj: str | None = None, action: str | None = None
                ) -> Iterator[CustodyEntry]:
        """Custody entries in order, all of them or those of one object or action."""
        t = schema.custody
        stmt = select(t).order_by(t.c.seq)
        if obj is not None:
            stmt = stmt.where(t.c.object == obj)
        if action is not None:
            stmt = stmt.where(t.c.action == action)
        with self.reading() as conn:
            for r in conn.execution_options(yield_per=1000).execute(stmt).mappings():
                yield CustodyEntry(**{**r, "details": json.loads(r["details"])})

    # -- search -----------------------------------------------------------------------------
    def search_nums(self, query: Any, filters: Any, limit: int, cap: int) -> list[int]:
        raise NotImplementedError

    def count_matches(self, query: Any, filters: Any) -> int:
        raise NotImplementedError

    def integrity_problems(self) -> list[str]:
        """The engine's own consistency checks; empty when all is well."""
        raise NotImplementedError

    def durability_problems(self) -> list[str]:
        """Settings or storage that could lose acknowledged writes; empty when all is safe."""
        raise NotImplementedError

    def require_durable(self) -> None:
        """Refuse, in one line, to run on storage that could lose acknowledged writes."""
        problems = self.durability_problems()
        if problems:
            raise LedgerError("unsafe storage, refusing to start: " + "; ".join(problems))


def _to_source(row: Any) -> Source:
    values = {k: row[k] for k in _SOURCE_FIELDS}
    values["meta"] = json.loads(values["meta"])
    return Source(**values)


def filter_clauses(filters: Any) -> list[Any]:
    """SQLAlchemy conditions on sources for search filters (shared by every engine)."""
    t = schema.sources
    clauses = []
    if filters.language:
        clauses.append(t.c.language == filters.language)
    if filters.kind:
        clauses.append(t.c.kind == filters.kind)
    if filters.date_from:
        clauses.append(t.c.published >= filters.date_from)
    if filters.date_to:
        clauses.append(t.c.published <= filters.date_to)
    return clauses


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
