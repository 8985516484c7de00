"""Obligations on both engines: a court order's status over time from observations that
link the disruption showing it, overdue deadlines, refused input, every write audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.records import audit, disruptions, obligations

ORDER = {"kind": "court_order", "issuer": "International Court of Justice",
         "addressee": "Azerbaijan", "title": "Provisional measures on the Lachin corridor",
         "text": "Movement along the corridor to be kept unimpeded in both directions.",
         "date": "2023-02-22"}
CORRIDOR = {"kind": "road", "area": "Lachin corridor", "start": "2022-12-12"}


def _order_and_corridor(ledger: Ledger) -> tuple[int, int]:
    with ledger.store.writing() as conn:
        corridor = disruptions.add(conn, CORRIDOR, "ana")
        order = obligations.add(conn, ORDER, "ana")
    return order, corridor


def _observe(ledger: Ledger, order: int, values: dict[str, Any], actor: str = "ben") -> int:
    with ledger.store.writing() as conn:
        return obligations.observe(conn, order, values, actor)


def _count(ledger: Ledger, table: Any) -> int:
    with ledger.store.reading() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_the_order_is_not_complied_with_the_corridor_as_evidence(ledger: Ledger) -> None:
    order, corridor = _order_and_corridor(ledger)
    seen = _observe(ledger, order, {"date": "2023-03-01", "finding": "not_complied",
                                    "disruption_id": corridor,
                                    "note": "no civilian traffic through the checkpoint"})
    with ledger.store.reading() as conn:
        (later,) = obligations.find(conn, on=date(2023, 3, 21))
        (before,) = obligations.find(conn, on=date(2023, 2, 23))
    assert (later["issuer"], later["addressee"], later["kind"]) == (
        "International Court of Justice", "Azerbaijan", "court_order")
    assert (later["status"], later["since"]) == ("not_complied", "2023-03-01")
    assert later["evidence"] == [{"id": seen, "date": "2023-03-01", "finding": "not_complied",
                                  "incident_id": None, "disruption_id": corridor,
                                  "note": "no civilian traffic through the checkpoint"}]
    assert (before["status"], before["since"], before["evidence"]) == ("pending", None, [])
    assert [o["id"] for o in before["observations"]] == [seen]


def test_a_passed_deadline_without_observation_is_overdue(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        agreement = obligations.add(conn, {
            "kind": "agreement", "issuer": "Government of Armenia",
            "addressee": "Government of Azerbaijan", "title": "Return of detainees",
            "date": "2023-01-05", "deadline": "2023-01-31"}, "ana")
    with ledger.store.reading() as conn:
        on_deadline = obligations.get(conn, agreement, on=date(2023, 1, 31))
        after = obligations.get(conn, agreement, on=date(2023, 2, 1))
    assert (on_deadline["status"], after["status"]) == ("pending", "overdue")
    assert (after["since"], after["evidence"], after["deadline"]) == (None, [], "2023-01-31")


def test_the_latest_observation_up_to_the_day_gives_the_status() -> None:
    obligation = {"id": 1, "date": "2023-02-22", "deadline": "2023-03-01"}
    seen = [{"id": 2, "date": "2023-04-10", "finding": "complied", "incident_id": None,
             "disruption_id": None, "note": "convoy passed"},
            {"id": 1, "date": "2023-03-05", "finding": "partial", "incident_id": 7,
             "disruption_id": None, "note": "aid trucks only"}]
    in_march = obligations.status_on(obligation, seen, date(2023, 3, 31))
    in_april = obligations.status_on(obligation, seen, date(2023, 4, 10))
    assert (in_march["status"], in_march["since"]) == ("partial", "2023-03-05")
    assert [e["incident_id"] for e in in_march["evidence"]] == [7]
    assert (in_april["status"], in_april["since"]) == ("complied", "2023-04-10")
    assert [e["id"] for e in in_april["evidence"]] == [1, 2]
    assert obligations.status_on(obligation, seen, date(2023, 3, 2))["status"] == "overdue"


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": "treaty"}, "kind: 'treaty' is not one of court_order, resolution, agreement"),
    ({"issuer": ""}, "issuer: an obligation needs its issuer"),
    ({"date": None}, "date: give the day it was issued"),
    ({"deadline": "2023-02-01"}, "deadline: 2023-02-01 is before the date 2023-02-22"),
    ({"deadlne": "2023-03-01"}, "deadlne: not a field of an obligation"),
])
def test_a_bad_obligation_is_refused_and_nothing_written(ledger: Ledger,
                                                         changes: dict[str, Any],
                                                         message: str) -> None:
    with pytest.raises(BadInput) as caught:
        with ledger.store.writing() as conn:
            obligations.add(conn, {**ORDER, **changes}, "ana")
    assert message in str(caught.value)
    assert (_count(ledger, schema.obligations), _count(ledger, schema.actors)) == (0, 0)
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn)) == []


@pytest.mark.parametrize(("values", "error", "message"), [
    ({"finding": "ignored"}, BadInput, "finding: 'ignored' is not one of complied, partial"),
    ({"date": "2023-02-01"}, BadInput, "date: 2023-02-01 is before the obligation was issued"),
    ({"incident_id": 999}, NotFound, "no incident 999"),
    ({"disruption_id": 999}, NotFound, "no disruption 999"),
])
def test_a_bad_observation_is_refused_and_nothing_written(ledger: Ledger,
                                                          values: dict[str, Any],
                                                          error: type[Exception],
                                                          message: str) -> None:
    order, _ = _order_and_corridor(ledger)
    with pytest.raises(error) as caught:
        _observe(ledger, order, {"date": "2023-03-01", "finding": "not_complied", **values})
    assert message in str(caught.value)
    assert _count(ledger, schema.observations) == 0
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn, "observation")) == []


def test_observing_an_unknown_obligation_is_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no obligation 42"):
        _observe(ledger, 42, {"date": "2023-03-01", "finding": "complied"})


def test_every_write_is_audited(ledger: Ledger) -> None:
    order, corridor = _order_and_corridor(ledger)
    seen = _observe(ledger, order, {"date": "2023-03-01", "finding": "not_complied",
                                    "disruption_id": corridor}, actor="ben")
    with ledger.store.reading() as conn:
        made = list(audit.entries(conn, "obligation", order))
        noted = list(audit.entries(conn, "observation", seen))
    assert [(e.action, e.actor) for e in made] == [("create", "ana")]
    assert ((made[0].after or {})["date"], (made[0].after or {})["title"]) == (
        "2023-02-22", ORDER["title"])
    assert [(e.action, e.actor) for e in noted] == [("create", "ben")]
    assert (noted[0].after or {})["obligation_id"] == order
    assert (noted[0].after or {})["disruption_id"] == corridor
