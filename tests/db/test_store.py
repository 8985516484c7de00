"""RecordStore on both engines: migrations, sources, custody, search rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsledger.domain import Source
from rightsledger.errors import LedgerError, NotFound
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger


def _source(sha: str, text: str = "gas supply cut in Stepanakert", **kw) -> Source:
    return Source(id=sha, size=len(text), media_type="text/plain", original_name="a.txt",
                  kind=kw.pop("kind", "article"), reader="text.v1", ingested_at=utc_now(),
                  text=text, **kw)


def test_init_records_identity_and_first_custody_entry(ledger: Ledger) -> None:
    assert ledger.store.get_meta("ledger_id") == ledger.id
    entries = list(ledger.store.custody())
    assert [e.action for e in entries] == ["init"]
    assert entries[0].seq == 1 and entries[0].prev_hash == "0" * 64


def test_source_round_trip_by_prefix(ledger: Ledger) -> None:
    sha = "ab" * 32
    with ledger.store.writing() as conn:
        ledger.store.add_source(conn, _source(sha, title="Gas cut", meta={"pages": 2}), None)
    got = ledger.store.get_source(sha[:8])
    assert (got.id, got.title, got.meta, got.kind) == (sha, "Gas cut", {"pages": 2}, "article")
    with pytest.raises(NotFound):
        ledger.store.get_source("cd" * 4)


def test_ambiguous_prefix_is_refused(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        ledger.store.add_source(conn, _source("abcdef" + "1" * 58), None)
        ledger.store.add_source(conn, _source("abcdef" + "2" * 58), None)
    with pytest.raises(NotFound, match="ambiguous"):
        ledger.store.get_source("abcdef")


def test_failed_transaction_leaves_nothing(ledger: Ledger) -> None:
    with pytest.raises(RuntimeError):
        with ledger.store.writing() as conn:
            ledger.store.add_source(conn, _source("ef" * 32), None)
            ledger.record(conn, "ingest", "ef" * 32)
            raise RuntimeError("crash before commit")
    assert ledger.store.count_sources() == 0
    assert [e.action for e in ledger.store.custody()] == ["init"]


def test_reopen_keeps_records(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        ledger.store.add_source(conn, _source("12" * 32), None)
    ledger.close()
    with Ledger.open(ledger.path) as again:
        assert again.store.count_sources() == 1
        assert again.chain_break() == (1, None)


def test_a_database_serves_one_ledger_only(ledger: Ledger, tmp_path: Path) -> None:
    url = str(ledger.store.engine.url.render_as_string(hide_password=False))
    with pytest.raises(LedgerError, match="already holds ledger"):
        Ledger.init(tmp_path / "second", url)
    assert not (tmp_path / "second").exists()
