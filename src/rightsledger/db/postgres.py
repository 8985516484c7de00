"""PostgreSQL engine: psycopg 3, an advisory lock for writes, tsvector + GIN for search."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, create_engine, func, literal_column, select, text
from sqlalchemy.sql.expression import ColumnClause

from rightsledger.db import durability, schema
from rightsledger.db.store import RecordStore, filter_clauses
from rightsledger.search.text import Query, fold, tsquery

_WRITE_LOCK = 7274_2022  # any constant shared by every writer of this database
_MAX_INDEXED_CHARS = 400_000  # tsvector values are limited to 1 MB
_vector: ColumnClause[Any] = literal_column("sources.search_vector")
_simple: ColumnClause[Any] = literal_column("'simple'::regconfig")


class PostgresStore(RecordStore):
    dialect = "postgresql"

    @classmethod
    def connect(cls, url: str) -> PostgresStore:
        return cls(create_engine(url, pool_pre_ping=True))

    def _begin_write(self, conn: Connection) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK})

    def new_ids(self, conn: Connection, table: Table, count: int) -> list[int]:
        """``count`` ids taken from the table's own sequence, so later inserts go on."""
        stmt = text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                    "FROM generate_series(1, :n)")
        return [int(i) for i in conn.execute(stmt, {"t": table.name, "n": count}).scalars()]

    def insert_many(self, conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
        """COPY … FROM STDIN in the connection's transaction: many times faster than
        executemany, which sends each row as its own statement."""
        if not values:
            return
        columns = list(values[0])
        names = ", ".join(f'"{c}"' for c in columns)
        raw: Any = conn.connection.dbapi_connection  # psycopg's, in this transaction
        with raw.cursor() as cursor, cursor.copy(
                f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for v in values:
                copy.write_row(tuple(v[c] for c in columns))

    def _index(self, conn: Connection, num: int, title: str, text_: str) -> None:
        conn.execute(
            text("UPDATE sources SET search_vector = "
                 "setweight(to_tsvector('simple', :title), 'A') || "
                 "to_tsvector('simple', :text) WHERE num = :num"),
            {"num": num, "title": fold(title), "text": fold(text_[:_MAX_INDEXED_CHARS])},
        )

    def search_nums(self, query: Query, filters: Any, limit: int, cap: int) -> list[int]:
        s = schema.sources
        q = func.to_tsquery(_simple, tsquery(query))
        cand = (select(s.c.num, _vector.label("v"))
                .where(_vector.op("@@")(q), *filter_clauses(filters))
                .order_by(s.c.num.desc()).limit(cap).subquery())
        stmt = select(cand.c.num).order_by(func.ts_rank(cand.c.v, q).desc()).limit(limit)
        with self.reading() as conn:
            return list(conn.execute(stmt).scalars())

    def count_matches(self, query: Query, filters: Any) -> int:
        s = schema.sources
        q = func.to_tsquery(_simple, tsquery(query))
        stmt = select(func.count()).where(_vector.op("@@")(q), *filter_clauses(filters))
        with self.reading() as conn:
            return conn.execute(stmt.select_from(s)).scalar_one()

    def durability_problems(self) -> list[str]:
        """fsync, full_page_writes and synchronous_commit on (docs/security.md, promise 2)."""
        with self.reading() as conn:
            found = {name: str(conn.exec_driver_sql(f"SHOW {name}").scalar())
                     for name in durability.POSTGRES_SETTINGS}
        return durability.postgres_problems(found)

    def integrity_problems(self) -> list[str]:
        """PostgreSQL checks its own pages; nothing engine-level to report here."""
        return []
