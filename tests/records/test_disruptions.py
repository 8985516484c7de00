"""Disruptions on both engines: day counters of an ongoing blockade, cuts listed only on
the days they last, bad input refused with nothing written, stale edits refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput, Conflict
from rightsledger.ledger import Ledger
from rightsledger.records import audit, disruptions, places

CORRIDOR = {"kind": "road", "area": "Lachin corridor", "place": "Lachin corridor",
            "population": 120000, "start": "2022-12-12", "cause": "road closed at a checkpoint",
            "attributed_to": "Government of Azerbaijan", "sources": ["src-road-1"]}
GAS = {"kind": "gas", "area": "Stepanakert", "start": "2023-01-17", "end": "2023-01-20",
       "population": 120000, "cause": "supply pipeline cut"}
INTERNET = {"kind": "internet", "area": "Nagorno-Karabakh", "start": "2023-01-18",
            "end": "2023-01-19", "cause": "cable damaged"}


def _add(ledger: Ledger, values: dict[str, Any], actor: str = "ana") -> int:
    with ledger.store.writing() as conn:
        return disruptions.add(conn, values, actor)


def _count(ledger: Ledger) -> int:
    with ledger.store.reading() as conn:
        return conn.execute(select(func.count()).select_from(schema.disruptions)).scalar_one()


def test_the_corridor_is_on_day_100_on_2023_03_21(ledger: Ledger) -> None:
    corridor = _add(ledger, CORRIDOR)
    with ledger.store.reading() as conn:
        shown = disruptions.on_day(conn, date(2023, 3, 21))
        place_id = places.resolve(conn, "Lachin corridor")
    assert [(d["id"], d["day"], d["ongoing"], d["end"]) for d in shown] == [
        (corridor, 100, True, None)]
    assert shown[0]["attributed_to"] == "Government of Azerbaijan"
    assert (shown[0]["place_id"], shown[0]["population"]) == (place_id, 120000)
    assert shown[0]["sources"] == ["src-road-1"]


def test_a_cut_is_listed_only_while_it_lasts(ledger: Ledger) -> None:
    corridor, internet, gas = _add(ledger, CORRIDOR), _add(ledger, INTERNET), _add(ledger, GAS)
    with ledger.store.reading() as conn:
        on_18 = disruptions.on_day(conn, date(2023, 1, 18))
        on_20 = disruptions.on_day(conn, date(2023, 1, 20))
        on_21 = disruptions.on_day(conn, date(2023, 1, 21))
        only_gas = disruptions.find(conn, kind="gas")
    assert [(d["kind"], d["id"], d["day"]) for d in on_18] == [
        ("gas", gas, 2), ("internet", internet, 1), ("road", corridor, 38)]
    assert [(d["kind"], d["day"], d["ongoing"]) for d in on_20] == [
        ("gas", 4, True), ("road", 40, True)]
    assert [d["id"] for d in on_21] == [corridor]
    assert [(d["id"], d["end"]) for d in only_gas] == [(gas, "2023-01-20")]


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": "sewage"}, "kind: 'sewage' is not one of gas, electricity, internet, mobile, "
                         "water, road, food, medicine"),
    ({"end": "2022-12-01"}, "end: 2022-12-01 is before the start 2022-12-12"),
    ({"population": -5}, "population: '-5' is not a number of people"),
    ({"area": " "}, "area: say where"),
    ({"start": "12/12/2022"}, "start: '12/12/2022' is not a date"),
    ({"place": "Narnia"}, "unknown place 'Narnia'"),
])
def test_bad_input_is_refused_and_nothing_written(ledger: Ledger, changes: dict[str, Any],
                                                  message: str) -> None:
    with pytest.raises(BadInput) as caught:
        _add(ledger, {**CORRIDOR, **changes})
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _count(ledger) == 0
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn)) == []


def test_ending_a_disruption_is_audited(ledger: Ledger) -> None:
    corridor = _add(ledger, CORRIDOR)
    with ledger.store.writing() as conn:
        ended = disruptions.end(conn, corridor, "2023-09-30", "ben", expected_version=1)
    with ledger.store.reading() as conn:
        after = disruptions.on_day(conn, date(2023, 10, 1))
        on_last = disruptions.find(conn, on=date(2023, 9, 30))
        trail = list(audit.entries(conn, "disruption", corridor))
    assert (ended["end"], ended["version"], ended["updated_by"]) == ("2023-09-30", 2, "ben")
    assert after == []
    assert [(d["day"], d["ongoing"]) for d in on_last] == [(293, True)]
    assert [(e.action, e.actor) for e in trail] == [("create", "ana"), ("end", "ben")]
    assert (trail[0].after or {})["start"] == "2022-12-12"
    assert (trail[1].before, trail[1].after) == ({"end": None}, {"end": "2023-09-30"})


def test_ending_twice_or_before_the_start_is_refused(ledger: Ledger) -> None:
    gas = _add(ledger, GAS)
    with pytest.raises(BadInput, match="already ended on 2023-01-20"):
        with ledger.store.writing() as conn:
            disruptions.end(conn, gas, "2023-01-25", "ben", expected_version=1)
    corridor = _add(ledger, CORRIDOR)
    with pytest.raises(BadInput, match="end: 2022-12-11 is before the start 2022-12-12"):
        with ledger.store.writing() as conn:
            disruptions.end(conn, corridor, "2022-12-11", "ben", expected_version=1)
    with ledger.store.reading() as conn:
        assert [disruptions.get(conn, i)["end"] for i in (gas, corridor)] == ["2023-01-20", None]


def test_a_stale_version_is_a_conflict_and_changes_nothing(ledger: Ledger) -> None:
    corridor = _add(ledger, CORRIDOR)
    with ledger.store.writing() as conn:
        disruptions.edit(conn, corridor, {"population": 119000}, "ben", expected_version=1)
    with pytest.raises(Conflict, match="changed by ben"):
        with ledger.store.writing() as conn:
            disruptions.edit(conn, corridor, {"population": 1, "attributed_to": "Someone new"},
                             "ana", expected_version=1)
    with pytest.raises(Conflict):
        with ledger.store.writing() as conn:
            disruptions.end(conn, corridor, "2023-09-30", "ana", expected_version=1)
    with ledger.store.reading() as conn:
        row = disruptions.get(conn, corridor)
        trail = [e.action for e in audit.entries(conn, "disruption", corridor)]
        actors = conn.execute(select(schema.actors.c.name)).scalars().all()
    assert (row["population"], row["end"], row["version"]) == (119000, None, 2)
    assert row["attributed_to"] == "Government of Azerbaijan"
    assert trail == ["create", "edit"]
    assert "Someone new" not in actors


def test_edit_changes_fields_and_attribution(ledger: Ledger) -> None:
    gas = _add(ledger, GAS)
    with ledger.store.writing() as conn:
        now = disruptions.edit(conn, gas, {"attributed_to": "Government of Azerbaijan",
                                           "area": "Stepanakert and Shushi"}, "ben", 1)
    with ledger.store.reading() as conn:
        last = list(audit.entries(conn, "disruption", gas))[-1]
    assert (now["area"], now["attributed_to"], now["kind"]) == (
        "Stepanakert and Shushi", "Government of Azerbaijan", "gas")
    assert (last.before or {})["area"] == "Stepanakert"
    assert (last.after or {})["area"] == "Stepanakert and Shushi"
