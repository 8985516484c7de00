"""Proposal reads the candidates in chunks (review/propose.py, ``CHUNK``): the same
incidents, merge offers, grades, links and claims as reading them all at once, and memory
that does not grow with the number of candidates."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from rightsledger.db import schema
from rightsledger.ledger import Ledger
from rightsledger.review import matching
from rightsledger.review import propose as proposing
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose

TYPES = ("shelling", "detention", "killing", "injury", "airstrike")
TOWNS = (None, "Stepanakert", "Shushi", "Goris", "Martuni")


def _seeded(ledger: Ledger, folder: Path, seed: int, sources: int) -> None:
    """``sources`` texts, a few copies among them, each with candidates written as
    extraction writes them, some overlapping, some sharing a start, and some denials."""
    rng = random.Random(seed)
    folder.mkdir()
    texts = [" ".join(f"w{rng.randint(0, 10**6)}" for _ in range(300))
             for _ in range(sources - 3)]
    for n in range(sources):  # the last three: republications of the first three
        body = texts[n] if n < len(texts) else f"{texts[n - len(texts)]} (republished)"
        (folder / f"report-{n}.txt").write_text(body)
    assert ingest(ledger, [folder], extract=False).added == sources
    with ledger.store.writing() as conn:
        nums = [r.num for r in conn.execute(select(schema.sources.c.num))]
        for num in nums:
            for k in range(rng.randint(0, 12)):
                start = k * 50 - rng.choice((0, 0, 30, 50))  # overlapping or sharing a start
                kind = rng.choice(TYPES)
                day = f"2022-0{rng.randint(1, 3)}-{rng.randint(10, 12)}"
                data = {"type": kind, "date": rng.choice((None, day, day)), "start": start,
                        "end": start + 40, "quote": f"candidate {k} of source {num}",
                        "place_id": _place(conn, rng.choice(TOWNS)),
                        "killed": rng.choice((None, None, 3, 12))}
                _mention(conn, num, "incidents", data)
            if rng.random() < 0.3:
                _mention(conn, num, "denials", {
                    "denies": [rng.choice(TYPES)], "date": "2022-02-11", "start": 900,
                    "end": 940, "quote": f"a denial in source {num}", "by": "the ministry"})


def _place(conn: Any, name: str | None) -> str | None:
    return matching.places.resolve(conn, name) if name else None


def _mention(conn: Any, num: int, kind: str, data: dict[str, Any]) -> None:
    conn.execute(schema.mentions.insert().values(
        num=num, kind=kind, stage=f"{kind}.v2", span_start=data["start"],
        span_end=data["end"], label=data.get("type"), data=json.dumps(data)))


def _rows(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    t, link, c = schema.incidents, schema.incident_sources, schema.claims
    with ledger.store.reading() as conn:
        return {
            "incidents": [tuple(r) for r in conn.execute(
                select(t.c.id, t.c.type, t.c.status, t.c.date_start, t.c.date_end,
                       t.c.match_id, t.c.grade, t.c.grade_reasons).order_by(t.c.id))],
            "links": [tuple(r) for r in conn.execute(
                select(link.c.incident_id, link.c.source_num, link.c.span_start,
                       link.c.span_end).order_by(link.c.id))],
            "claims": [tuple(r) for r in conn.execute(
                select(c.c.incident_id, c.c.source_num, c.c.stance, c.c.quote)
                .order_by(c.c.id))],
        }


def test_proposing_in_tiny_chunks_decides_as_one_big_chunk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = []
    for chunk in (10**9, 3, 1):
        monkeypatch.setattr(proposing, "CHUNK", chunk)
        with Ledger.init(tmp_path / f"ledger-{chunk}") as ledger:
            ledger.settings["max_proposals_per_source"] = 6  # some sources are capped
            _seeded(ledger, tmp_path / f"in-{chunk}", seed=17, sources=30)
            with ledger.store.reading() as conn:
                read = [(s["num"], c["start"], c["quote"])
                        for s, c in proposing._mentions(conn, "incidents", 0)]
            done = propose(ledger)
            outcomes.append((read, done, _rows(ledger)))
    (candidates, whole, rows), *chunked = outcomes
    for read, done, chunked_rows in chunked:
        assert read == candidates  # every one, once, in order; ties on a start included
        assert chunked_rows == rows
        assert done == whole
    assert len(candidates) > len(set((num, start) for num, start, _ in candidates))
    assert whole.proposed > 60 and 0 < whole.matched < whole.proposed
    assert whole.republished and whole.joined and whole.denials and whole.capped
    assert any(r[5] is not None for r in rows["incidents"])  # merge offers were compared


def _synthetic(ledger: Ledger, folder: Path, sources: int) -> None:
    """``sources`` sources of four small candidates each, all alike: what is measured is
    the reading, not the matching."""
    folder.mkdir()
    for n in range(sources):
        (folder / f"s-{n}.txt").write_text(f"Source {n}.")
    assert ingest(ledger, [folder], extract=False).added == sources
    with ledger.store.writing() as conn:
        for num in range(1, sources + 1):
            for k in range(4):
                _mention(conn, num, "incidents", {
                    "type": "detention", "date": f"2021-{k + 1:02d}-{num % 28 + 1:02d}",
                    "start": k * 50, "end": k * 50 + 40,
                    "quote": f"candidate {k} of source {num} " + "y" * 3000})


def _peak(tmp_path: Path, sources: int) -> tuple[int, int]:
    with Ledger.init(tmp_path / f"ledger-{sources}") as ledger:
        _synthetic(ledger, tmp_path / f"in-{sources}", sources)
        tracemalloc.start()
        try:
            done = propose(ledger)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return done.proposed, peak


def test_proposal_memory_does_not_grow_with_the_candidates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proposing, "CHUNK", 50)  # read whole (10**9): the peak grew x2.3
    small, small_peak = _peak(tmp_path, 30)
    large, large_peak = _peak(tmp_path, 120)
    assert (small, large) == (120, 480)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)  # chunked: x0.95


def test_the_chunks_read_every_candidate_once_in_order_on_every_engine(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seeded(ledger, tmp_path / "in", seed=4, sources=8)
    read = []
    for chunk in (10**9, 2):
        monkeypatch.setattr(proposing, "CHUNK", chunk)
        with ledger.store.reading() as conn:
            read.append([(s["num"], c["start"], c["quote"])
                         for s, c in proposing._mentions(conn, "incidents", 0)])
    assert read[0] == read[1] and len(read[0]) > 10
    assert read[0] == sorted(read[0], key=lambda r: r[:2])
