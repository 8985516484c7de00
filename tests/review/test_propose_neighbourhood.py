"""Proposal looks up a candidate's plausible repeats through indexes (review/neighbourhood.py)
and decides exactly as the full scan of every incident of its type did.

The reference below is that scan, the query matching used before: every (incident, place)
row of the type that is proposed or accepted, with overlapping dates and a near place, of
which the newest rows are kept (a place's id breaking a tie, where the old query left the
order to the engine).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from rightsledger.db import schema
from rightsledger.ledger import Ledger
from rightsledger.records import incidents
from rightsledger.review import matching, neighbourhood
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose

TYPES = ("shelling", "detention", "blockade")
TOWNS = ("Stepanakert", "Shushi", "Martuni", "Hadrut", "Goris", "Kapan")  # the first two: 11 km
STATUSES = ("proposed", "proposed", "accepted", "rejected", "merged")


def full_scan(conn: Connection, incident: dict[str, Any],
              near: list[str]) -> dict[int, dict[str, Any]]:
    """The old lookup: one query over every incident of the type, no index on the dates."""
    t, p = schema.incidents, schema.incident_places
    if not incident.get("date_start") and not near:
        return {}
    stmt = (select(t.c.id, t.c.date_start, t.c.date_end, p.c.place_id)
            .select_from(t).outerjoin(p, p.c.incident_id == t.c.id)
            .where(t.c.type == incident["type"], t.c.status.in_(("proposed", "accepted")),
                   t.c.id != incident.get("id", 0)))
    if incident.get("date_start"):
        stmt = stmt.where(t.c.date_start.is_not(None),
                          (t.c.date_end >= incident["date_start"]) | t.c.date_end.is_(None),
                          t.c.date_start <= (incident.get("date_end") or "9999"))
    if near:
        stmt = stmt.where(p.c.place_id.in_(near) if not incident.get("date_start")
                          else p.c.place_id.in_(near) | p.c.place_id.is_(None))
    rows = [tuple(r) for r in conn.execute(stmt)]
    return neighbourhood.grouped(neighbourhood.newest(rows))  # type: ignore[arg-type]


def _dates(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    """A start, end and precision as extraction and people write them: mostly days."""
    year, month, day = rng.choice((2021, 2022)), rng.randint(1, 12), rng.randint(1, 28)
    first = f"{year}-{month:02d}-{day:02d}"
    kind = rng.choices(("day", "month", "year", "range", "open", "none"),
                       (10, 2, 1, 2, 2, 1))[0]
    if kind == "day":
        return first, first, "day"
    if kind == "month":
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-28", "month"
    if kind == "year":
        return f"{year}-01-01", f"{year}-12-31", "year"
    if kind == "range":
        later = f"{year}-{min(12, month + rng.randint(0, 3)):02d}-{rng.randint(day, 28):02d}"
        return first, later, "range"
    return (first, None, "range") if kind == "open" else (None, None, None)


def _incident(rng: random.Random) -> dict[str, Any]:
    start, end, precision = _dates(rng)
    return {"type": rng.choice(TYPES), "date_start": start, "date_end": end,
            "date_precision": precision,
            "places": rng.sample(TOWNS, rng.choices((0, 1, 2), (2, 6, 1))[0])}


def _random_ledger(ledger: Ledger, seed: int, count: int) -> list[dict[str, Any]]:
    """``count`` incidents of every status; returns probes shaped like new candidates."""
    rng = random.Random(seed)
    with ledger.store.writing() as conn:
        for _ in range(count):
            incidents.create(conn, _incident(rng), "tester", status=rng.choice(STATUSES))
        places = {r.name: r.id for r in conn.execute(select(schema.places))}
    probes = [_incident(rng) for _ in range(150)]
    for probe in probes:
        probe["places"] = [places[name] for name in probe["places"] if name in places]
        probe["id"] = rng.choice((0, 0, rng.randint(1, count)))
    return probes


@pytest.mark.parametrize("limit", [neighbourhood.LIMIT, 3])
def test_the_neighbourhood_is_the_full_scan_on_a_random_ledger(
        ledger: Ledger, monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(neighbourhood, "LIMIT", limit)  # 3: the limit cuts most lookups
    probes = _random_ledger(ledger, seed=17 + limit, count=300)
    with ledger.store.reading() as conn:
        found = cut = 0
        for probe in probes:
            near = matching._near(conn, probe["places"]) if probe["places"] else []
            expected = full_scan(conn, probe, near)
            assert neighbourhood.plausible_repeats(conn, probe, near) == expected, probe
            found += len(expected)
            cut += len(expected) == limit
            new = matching.best_match(conn, probe, frozenset({12}))
            monkeypatch.setattr(neighbourhood, "plausible_repeats", full_scan)
            assert matching.best_match(conn, probe, frozenset({12})) == new, probe
            monkeypatch.undo()
            monkeypatch.setattr(neighbourhood, "LIMIT", limit)
    assert found > len(probes) and (cut > 0 or limit > 3)  # repeats met; 3 did cut some


def _candidates(ledger: Ledger, folder: Path, seed: int) -> None:
    """Sources with candidates written as extraction writes them (mentions of incidents)."""
    rng = random.Random(seed)
    folder.mkdir()
    for n in range(12):
        (folder / f"report-{n}.txt").write_text(f"Report {n} of seed {seed}.\n" + "x " * 900)
    assert ingest(ledger, [folder], extract=False).added == 12
    rows = []
    for num in range(1, 13):
        for k in range(rng.randint(5, 25)):
            start, end, _ = _dates(rng)
            date = None if start is None else start if start == end else f"{start}/{end or '..'}"
            data = {"type": rng.choice(TYPES), "date": date, "start": k * 60,
                    "end": k * 60 + 40, "quote": f"candidate {k} of source {num}",
                    "place_id": rng.choice((None, "Stepanakert", "Shushi", "Goris")),
                    "killed": rng.choice((None, None, 3, 12))}
            rows.append({"num": num, "kind": "incidents", "stage": "incidents.v2",
                         "span_start": data["start"], "span_end": data["end"],
                         "label": data["type"], "data": json.dumps(data)})
    with ledger.store.writing() as conn:
        for row in rows:  # place names as extraction resolves them: gazetteer ids
            data = json.loads(row["data"])
            if data["place_id"]:
                data["place_id"] = matching.places.resolve(conn, data["place_id"])
            conn.execute(schema.mentions.insert().values({**row, "data": json.dumps(data)}))


def _outcome(ledger: Ledger) -> list[tuple[Any, ...]]:
    with ledger.store.reading() as conn:
        t = schema.incidents
        return [tuple(r) for r in conn.execute(
            select(t.c.id, t.c.type, t.c.date_start, t.c.date_end, t.c.match_id, t.c.grade)
            .order_by(t.c.id))]


def test_proposal_through_the_neighbourhood_decides_as_the_full_scan(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = []
    for name, lookup in (("scan", full_scan), ("index", neighbourhood.plausible_repeats)):
        monkeypatch.setattr(neighbourhood, "plausible_repeats", lookup)
        with Ledger.init(tmp_path / name) as ledger:
            _candidates(ledger, tmp_path / f"in-{name}", seed=5)
            done = propose(ledger)
            outcomes.append((done.proposed, done.matched, _outcome(ledger)))
    assert outcomes[0] == outcomes[1]
    proposed, matched, rows = outcomes[1]
    assert proposed == len(rows) > 100 and 0 < matched < proposed


def _plan(conn: Connection, incident: dict[str, Any], near: list[str]) -> str:
    """SQLite's plan for every query the neighbourhood of ``incident`` runs."""
    plans: list[str] = []

    def explain(stmt: Any, values: dict[str, Any]) -> list[Any]:
        compiled = stmt.params(values).compile(conn.engine,
                                               compile_kwargs={"literal_binds": True})
        plan = conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
        plans.append(" | ".join(r[3] for r in plan))
        return [tuple(r) for r in conn.execute(stmt, values)]

    original = neighbourhood._all
    neighbourhood._all = lambda c, s, v: explain(s, v)  # type: ignore[assignment]
    try:
        neighbourhood.plausible_repeats(conn, incident, near)
    finally:
        neighbourhood._all = original  # type: ignore[assignment]
    return "\n".join(plans)


def test_sqlite_finds_the_neighbourhood_through_its_indexes(tmp_path: Path) -> None:
    with Ledger.init(tmp_path / "ledger") as ledger:
        _random_ledger(ledger, seed=3, count=200)
        with ledger.store.writing() as conn:
            conn.execute(text("ANALYZE"))
        with ledger.store.reading() as conn:
            near = matching._near(conn, [matching.places.resolve(conn, "Goris")])
            day = _plan(conn, {"type": "shelling", "date_start": "2022-03-04",
                               "date_end": "2022-03-04", "places": near}, near)
            undated = _plan(conn, {"type": "shelling", "places": near}, near)
            ongoing = _plan(conn, {"type": "shelling", "date_start": "2021-03-04",
                                   "places": near}, near)
    lines = day.splitlines()
    assert len(lines) == 3
    assert "ix_incidents_type_start" in lines[0], day
    assert "ix_incidents_month_span" in lines[1], day
    assert "ix_incidents_long_span" in lines[2], day
    assert "SCAN" not in day.replace("SCAN CONSTANT ROW", ""), day
    assert "TEMP B-TREE" not in day, day  # the newest long-spanning ones: walked, not sorted
    assert "ix_incident_places_place_incident (place_id=?)" in undated, undated
    assert "SCAN" not in undated, undated
    assert "USING INDEX ix_incidents_type (type=?)" in ongoing.splitlines()[0], ongoing
    assert "SCAN" not in ongoing and "TEMP B-TREE" not in ongoing, ongoing
