"""Statements on both engines: an author's demands, a response nested under the statement
it answers, unknown statements refused, every write audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.records import audit, statements

APPEAL = {"by": "Amnesty International", "date": "2023-02-09",
          "to": "Government of Azerbaijan", "text": "An appeal about the closed road.",
          "demands": ["reopen the Lachin corridor", "let humanitarian convoys through"]}


def _add(ledger: Ledger, values: dict[str, Any], actor: str = "ana") -> int:
    with ledger.store.writing() as conn:
        return statements.add(conn, values, actor)


def _count(ledger: Ledger) -> int:
    with ledger.store.reading() as conn:
        return conn.execute(select(func.count()).select_from(schema.statements)).scalar_one()


def test_a_response_is_nested_under_the_statement_it_answers(ledger: Ledger) -> None:
    appeal = _add(ledger, APPEAL)
    reply = _add(ledger, {"by": "Ministry of Foreign Affairs of Azerbaijan",
                          "date": "2023-02-10", "to": "Amnesty International",
                          "text": "The road is open, says the ministry.",
                          "response_to": appeal}, actor="ben")
    with ledger.store.reading() as conn:
        by_amnesty = statements.find(conn, by="Amnesty International")
        everything = statements.find(conn)
    (shown,) = by_amnesty
    assert (shown["id"], shown["by"], shown["to"], shown["date"]) == (
        appeal, "Amnesty International", "Government of Azerbaijan", "2023-02-09")
    assert shown["demands"] == ["reopen the Lachin corridor", "let humanitarian convoys through"]
    assert [(r["id"], r["by"], r["to"], r["response_to"]) for r in shown["responses"]] == [
        (reply, "Ministry of Foreign Affairs of Azerbaijan", "Amnesty International", appeal)]
    assert [(s["id"], len(s["responses"])) for s in everything] == [(reply, 0), (appeal, 1)]


def test_an_unknown_author_finds_nothing_and_creates_nothing(ledger: Ledger) -> None:
    _add(ledger, APPEAL)
    with ledger.store.reading() as conn:
        assert statements.find(conn, by="Human Rights Watch") == []
        names = conn.execute(select(schema.actors.c.name)).scalars().all()
    assert sorted(names) == ["Amnesty International", "Government of Azerbaijan"]


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"by": " "}, BadInput, "by: a statement needs its author"),
    ({"date": "9 February"}, BadInput, "date: '9 February' is not a date"),
    ({"demands": "reopen the road"}, BadInput, "demands: give a list of demands"),
    ({"response_to": 99}, NotFound, "no statement to respond to 99"),
])
def test_bad_input_is_refused_and_nothing_written(ledger: Ledger, changes: dict[str, Any],
                                                  error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        _add(ledger, {**APPEAL, **changes})
    assert message in str(caught.value)
    assert _count(ledger) == 0
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn)) == []


def test_every_statement_is_audited(ledger: Ledger) -> None:
    appeal = _add(ledger, APPEAL)
    with ledger.store.reading() as conn:
        trail = list(audit.entries(conn, "statement", appeal))
    assert [(e.action, e.actor) for e in trail] == [("create", "ana")]
    assert (trail[0].after or {})["demands"] == APPEAL["demands"]
    assert (trail[0].after or {})["date"] == "2023-02-09"
