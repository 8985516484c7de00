"""Actors found again by name or alias; the audit log's chain, and `verify` naming a break."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text as sql

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import actors, audit, incidents, places


def test_an_actor_is_one_row_whatever_the_spelling(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        first = actors.resolve(conn, "Amnesty International", "ana")
        same = actors.resolve(conn, "  amnesty INTERNATIONAL ", "ana")
        other = actors.resolve(conn, "Caucasus Civil Rights Network", "ana")
        again = actors.resolve(conn, "caucasus civil rights network", "ben")
        row = actors.get(conn, first)
    assert first == same and other == again and first != other
    assert row is not None and row["code"] is not None and row["kind"] == "ngo"


def test_the_audit_chain_names_the_first_altered_entry(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03"}, "ana")
        incidents.create(conn, {"type": "shelling", "date_start": "2020-10-08"}, "ana")
    with ledger.store.reading() as conn:
        assert audit.first_break(conn) is None
        entries = list(audit.entries(conn, "incident"))
    with ledger.store.writing() as conn:
        conn.execute(sql("UPDATE audit SET actor = 'mallory' WHERE seq = :seq"),
                     {"seq": entries[0].seq})
    with ledger.store.reading() as conn:
        assert audit.first_break(conn) == f"audit entry {entries[0].seq}: missing, reordered " \
                                          "or altered"
    if ledger.store.dialect == "sqlite":
        ledger.close()
        done = subprocess.run([sys.executable, "-m", "rightsledger.cli.main", "verify",
                               str(ledger.path)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and f"audit entry {entries[0].seq}" in done.stderr


def test_aliases_find_the_same_actor_and_a_taken_alias_is_refused(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        ombudsman = actors.describe(conn, "Human Rights Defender of Artsakh",
                                    ["Artsakh Ombudsman", "Արցախի ՄԻՊ"], "ombudsman", "ana")
        assert actors.resolve(conn, "artsakh ombudsman", "ben") == ombudsman
        assert actors.resolve(conn, "Արցախի ՄԻՊ", "ben") == ombudsman
        other = actors.resolve(conn, "Caucasus Civil Rights Network", "ana")
    with pytest.raises(BadInput, match="already names actor"):
        with ledger.store.writing() as conn:
            actors.describe(conn, "Caucasus Civil Rights Network", ["Artsakh Ombudsman"],
                            None, "ana")
    with ledger.store.reading() as conn:
        assert (actors.get(conn, other) or {})["aliases"] == []


def test_a_place_people_add_is_found_by_its_aliases(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        added = places.add(conn, "hakari-checkpoint", "Hakari bridge checkpoint", "checkpoint",
                           39.53, 46.55, "AZ", ["Hakari checkpoint"], actor="ana")
        incident = incidents.create(conn, {"type": "detention", "date_start": "2023-07-29",
                                           "places": ["hakari checkpoint"]}, "ana")
        assert incidents.get(conn, incident)["places"] == [added] == ["user:hakari-checkpoint"]
    with pytest.raises(BadInput, match="already"):
        with ledger.store.writing() as conn:
            places.add(conn, "hakari-checkpoint", "Other", "checkpoint", actor="ana")
