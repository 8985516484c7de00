"""Test session fixtures: real SQLite files, a real throwaway PostgreSQL cluster.

Every storage test takes the ``database_url`` fixture and so runs on both engines. The
PostgreSQL cluster comes from Debian's ``postgresql`` package (initdb on a free port); when
it is missing the tests fail, they are never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsledger.db import pgcluster
from rightsledger.ledger import Ledger
from rightsledger.records import audit

DEMO_DOCUMENTS = Path(__file__).resolve().parent.parent / "demo" / "documents"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL cluster for this test session; yields its admin URL base."""
    try:
        pgcluster.require()
    except pgcluster.PostgresMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    with pgcluster.postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (the embedded SQLite default) or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    return pgcluster.new_database(request.getfixturevalue("postgres_server"), "t_")


@pytest.fixture
def ledger(tmp_path: Path, database_url: str | None) -> Iterator[Ledger]:
    with Ledger.init(tmp_path / "ledger", database_url) as led:
        yield led
        with led.store.reading() as conn:  # every record a test wrote went through the log
            assert audit.row_problems(conn) == []
