"""SQLite engine: WAL, synchronous=FULL, BEGIN IMMEDIATE for writes, FTS5 for search.

An encrypted ledger's database is SQLCipher (the sqlcipher3 module: SQLite with every page,
the WAL and temporary files encrypted with AES-256), opened with a raw 256-bit key derived
from the ledger's master key, so no key derivation runs per connection.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, column, create_engine, event, func, select, table, text

from rightsledger.db import durability, schema
from rightsledger.db.store import RecordStore, filter_clauses
from rightsledger.errors import LedgerError
from rightsledger.search.text import Query, fold, fts5_match

_fts = table("source_fts", column("rowid"), column("rank"))
_MATCH = text("source_fts MATCH :match")


class SQLiteStore(RecordStore):
    dialect = "sqlite"

    key: bytes | None = None

    @classmethod
    def connect(cls, url: str, key: bytes | None = None) -> SQLiteStore:
        """The store over ``url``; with ``key``, a SQLCipher database encrypted with it."""
        if key is None:
            engine = create_engine(url, connect_args={"timeout": 60})
        else:
            import sqlcipher3.dbapi2

            database = create_engine(url).url.database or ""
            engine = create_engine(url, module=sqlcipher3.dbapi2,
                                   creator=partial(raw_connection, database, key))
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        store = cls(engine)
        store.key = key
        return store

    def copy_to(self, target: Path) -> None:
        """One consistent copy of the database into the new file ``target`` (the online
        backup API: writers keep going), encrypted with the same key."""
        source = self.engine.raw_connection()
        copy = raw_connection(str(target), self.key)
        try:
            source.driver_connection.backup(copy)  # type: ignore[union-attr]
        finally:
            copy.close()
            source.close()

    def _begin_write(self, conn: Connection) -> None:
        conn.execution_options(write=True)

    def _index(self, conn: Connection, num: int, title: str, text_: str) -> None:
        conn.execute(
            text("INSERT INTO source_fts(rowid, title, text) VALUES (:num, :title, :text)"),
            {"num": num, "title": fold(title), "text": fold(text_)},
        )

    def _unindex(self, conn: Connection, num: int, title: str, text_: str) -> None:
        # a contentless FTS5 table forgets a row by being told the values it indexed
        conn.execute(text("INSERT INTO source_fts(source_fts, rowid, title, text) "
                          "VALUES ('delete', :num, :title, :text)"),
                     {"num": num, "title": fold(title), "text": fold(text_)})

    def search_nums(self, query: Query, filters: Any, limit: int, cap: int) -> list[int]:
        # Newest `cap` matches first (FTS5 walks rowids backwards and stops), then bm25 on them.
        s = schema.sources
        newest = select(_fts.c.rowid.label("num"), _fts.c.rank.label("rank")).where(_MATCH)
        clauses = filter_clauses(filters)
        if clauses:
            newest = newest.join(s, s.c.num == _fts.c.rowid).where(*clauses)
        cand = newest.order_by(_fts.c.rowid.desc()).limit(cap).subquery()
        stmt = select(cand.c.num).order_by(cand.c.rank).limit(limit)
        with self.reading() as conn:
            return list(conn.execute(stmt, {"match": fts5_match(query)}).scalars())

    def count_matches(self, query: Query, filters: Any) -> int:
        s = schema.sources
        stmt = select(func.count()).select_from(_fts).where(_MATCH)
        clauses = filter_clauses(filters)
        if clauses:
            stmt = stmt.join(s, s.c.num == _fts.c.rowid).where(*clauses)
        with self.reading() as conn:
            return conn.execute(stmt, {"match": fts5_match(query)}).scalar_one()

    def durability_problems(self) -> list[str]:
        """WAL, synchronous=FULL, a local file system (docs/security.md, promise 2)."""
        with self.reading() as conn:
            mode = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())
            level = int(conn.exec_driver_sql("PRAGMA synchronous").scalar() or 0)
        problems = durability.sqlite_problems(mode, level)
        database = self.engine.url.database
        if database and database != ":memory:":
            network = durability.network_problem(Path(database).parent)
            problems += [network] if network else []
        return problems

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity check and the FTS5 index check; empty when all is well."""
        problems = []
        with self.reading() as conn:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems += [f"database: {r}" for r in result]
            try:
                conn.exec_driver_sql(
                    "INSERT INTO source_fts(source_fts, rank) VALUES ('integrity-check', 1)")
            except Exception as exc:  # noqa: BLE001 - SQLite reports corruption as an error
                problems.append(f"search index: {exc}")
            conn.rollback()
        return problems


def raw_connection(database: str, key: bytes | None) -> Any:
    """A DB-API connection to the file ``database``: sqlite3, or SQLCipher opened with
    ``key`` (checked at once: a wrong key is a one-line error, not a corrupt database)."""
    if key is None:
        return sqlite3.connect(database, timeout=60)
    import sqlcipher3.dbapi2

    # the pool hands a connection to one thread at a time, as SQLAlchemy does with sqlite3
    conn = sqlcipher3.dbapi2.connect(database, timeout=60, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.dbapi2.DatabaseError:
        conn.close()
        raise LedgerError(f"{database} does not open with this ledger's key: it is not the "
                          "ledger's database, or it is damaged") from None
    return conn


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _on_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


__all__ = ["SQLiteStore"]
