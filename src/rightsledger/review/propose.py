"""From extraction's candidates to proposed incidents, each offered a merge with the
incident it most likely repeats.

A candidate is proposed once: its source and span are kept on the link, and a candidate
overlapping a span already linked (the same sentence, extracted again by a newer stage
version) is not proposed again — re-running extraction never touches what people decided.
Republications of one text (a near-duplicate group) join the incident of the first copy.

One source feeds at most ``max_proposals_per_source`` incidents into review (a 200 MB text
once proposed 29,556): its further candidates are not proposed, stay listed by
``rightsledger candidates``, and the source carries a note saying how many there were.

Candidates are read ``CHUNK`` at a time, in the order of their source, place in the text and
id, so a run's memory does not grow with the number of candidates it proposes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select, tuple_

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import claims, incidents
from rightsledger.records.dates import from_extracted, overlaps
from rightsledger.review import grading, matching
from rightsledger.review.decide import regrade

MACHINE = "rightsledger-extraction"  # the name machine suggestions are recorded under


CONSEQUENCES = ("killing", "injury", "property_destruction")  # what an attack leaves behind
ATTACKS = ("shelling", "airstrike", "ceasefire_violation")
FOLLOWS_WITHIN = 300  # characters between an attack's sentence and one telling its toll
CHUNK = 500  # candidates read from the ledger at a time


@dataclass
class Proposal:
    proposed: int = 0
    joined: int = 0  # the toll of an attack, told in the sentences after it
    republished: int = 0  # candidates from a copy of a text already proposed
    matched: int = 0  # proposed incidents offered a merge with an existing one
    denials: int = 0  # denial claims attached to an incident
    skipped: list[str] = field(default_factory=list)  # candidates that could not be proposed
    capped: dict[int, int] = field(default_factory=dict)  # source num: candidates over the cap


Step = Callable[[Connection, dict[str, Any], dict[str, Any], str, "Proposal"], None]


def _safely(conn: Connection, step: Step, source: dict[str, Any], item: dict[str, Any],
            actor: str, done: Proposal) -> None:
    """One candidate in a savepoint: a bad one is skipped with a note, never half-written,
    and never stops the others."""
    try:
        with conn.begin_nested():
            step(conn, source, item, actor, done)
    except BadInput as exc:
        done.skipped.append(f"source {source['id'][:12]}, “{item['quote'][:60]}”: {exc}")


def propose(ledger: Ledger, actor: str = MACHINE) -> Proposal:
    """Turn every candidate not yet proposed into a proposed incident (one transaction)."""
    done = Proposal()
    cap = int(ledger.settings["max_proposals_per_source"])
    with ledger.store.writing() as conn:
        seen = int(ledger.store.get_meta_in(conn, _WATERMARK) or 0)
        fed: dict[int, int] = {}  # the current source's num: incidents it is linked to
        for source, candidate in _mentions(conn, "incidents", seen):
            num = source["num"]
            if num not in fed:  # sources come in order: the one before is done with
                fed = {num: _incidents_fed(conn, num)}
            if fed[num] >= cap:
                if not _already_linked(conn, num, (candidate["start"], candidate["end"])):
                    done.capped[num] = done.capped.get(num, 0) + 1
                continue
            before = (done.proposed, done.republished)
            _safely(conn, _propose_one, source, candidate, actor, done)
            if (done.proposed, done.republished) != before:
                fed[num] = _incidents_fed(conn, num)
        for num, more in done.capped.items():
            _note_capped(conn, num, more, cap)
        for source, denial in _mentions(conn, "denials", seen):
            _safely(conn, _attach_denial, source, denial, actor, done)
        newest = conn.execute(select(func.max(schema.mentions.c.id))).scalar()
        ledger.store.set_meta(conn, _WATERMARK, str(newest or seen))
    return done


_WATERMARK = "proposed_through_mention"  # mentions are numbered; re-extraction renumbers
CAPPED_NOTE = "more candidates not proposed"  # the words of the note on a capped source


def _incidents_fed(conn: Connection, num: int) -> int:
    """How many incidents a source is linked to (proposed from it, or joined by it)."""
    link = schema.incident_sources
    return int(conn.execute(select(func.count(func.distinct(link.c.incident_id)))
                            .where(link.c.source_num == num)).scalar_one())


def _note_capped(conn: Connection, num: int, more: int, cap: int) -> None:
    """Say on the source (with its extraction's notes) how many candidates were not proposed;
    an earlier such note is replaced."""
    x, s = schema.source_extraction, schema.sources
    found = conn.execute(select(x.c.warnings, s.c.id).join(s, s.c.num == x.c.num)
                         .where(x.c.num == num)).first()
    if found is None:
        return
    notes = [n for n in json.loads(found.warnings) if CAPPED_NOTE not in n]
    notes.append(f"{more:,} {CAPPED_NOTE} (at most {cap} incidents are proposed from one "
                 "source, setting max_proposals_per_source); see `rightsledger candidates "
                 f"--source {found.id[:12]}`")
    conn.execute(x.update().where(x.c.num == num).values(
        warnings=json.dumps(notes, ensure_ascii=False)))


def _mentions(conn: Connection, kind: str,
              after: int) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Mentions of one kind stored since the last proposal run (ids above ``after``), by
    source, place in the text and id, read ``CHUNK`` at a time: each chunk is read whole
    before the caller writes, and starts after the last one's key."""
    m, s = schema.mentions, schema.sources
    stmt = (select(s.c.num, s.c.id, s.c.dup_group, s.c.publisher, s.c.kind,
                   s.c.original_name, m.c.data, m.c.span_start, m.c.id.label("mention_id"))
            .join(m, m.c.num == s.c.num).where((m.c.kind + "") == kind, m.c.id > after)
            .order_by(m.c.num, m.c.span_start, m.c.id).limit(CHUNK))
    # kind || '': SQLite would else take the index on kind and sort every new mention for
    # each chunk; this way a chunk walks ix_mentions_num from its key and stops at CHUNK
    key: tuple[int, int, int] | None = None
    while True:
        page = stmt if key is None else stmt.where(
            m.c.num >= key[0], tuple_(m.c.num, m.c.span_start, m.c.id) > tuple_(*key))
        rows = [dict(r) for r in conn.execute(page).mappings()]
        for r in rows:
            yield r, json.loads(r["data"])
        if len(rows) < CHUNK:
            return
        key = (rows[-1]["num"], rows[-1]["span_start"], rows[-1]["mention_id"])


def _propose_one(conn: Connection, source: dict[str, Any], c: dict[str, Any], actor: str,
                 done: Proposal) -> None:
    span = (c["start"], c["end"])
    if _already_linked(conn, source["num"], span):
        return
    key = f"{source['num']}:{span[0]}:{span[1]}"
    copy_of = _republished(conn, source, c["type"])
    if copy_of is not None:
        incidents.link_source(conn, copy_of, source["num"], c["quote"], span, key)
        done.republished += 1
        return
    attack = _attack_before(conn, source["num"], c)
    if attack is not None:
        incidents.link_source(conn, attack, source["num"], c["quote"], span, key)
        _add_figures(conn, attack, source["num"], c, actor)
        done.joined += 1
        return
    start, end, precision = from_extracted(c.get("date"))
    values = {"type": c["type"], "date_start": start, "date_end": end,
              "date_precision": precision, "places": [c["place_id"]] if c.get("place_id")
              else [], "rights": c.get("rights") or []}
    figures = frozenset(v for v in (c.get("killed"), c.get("injured")) if v)
    match = matching.best_match(conn, {**values, "id": 0}, figures)
    claim = {"source_num": source["num"], "by": claimant(c), "quote": c["quote"],
             **claimed_figures(c)}
    graded = grading.compute([source], [{"id": 0, "stance": "asserts", "rebuts": None,
                                         "killed_best": c.get("killed"), **claim}], set())
    incident_id = incidents.create(conn, values, actor, status="proposed", suggested=c,
                                   workflow={"match_id": match.incident_id if match else None,
                                             "grade": graded.grade,
                                             "grade_reasons": list(graded.reasons)})
    incidents.link_source(conn, incident_id, source["num"], c["quote"], span, key)
    claims.add(conn, {"incident_id": incident_id, **claim}, actor, machine=True)
    done.proposed += 1
    done.matched += match is not None


def claimed_figures(c: dict[str, Any]) -> dict[str, Any]:
    """The candidate's killed and injured as the claim's figures: a bound ("at least 27",
    "up to 30") as a (min, best, max) range, an exact figure as itself."""
    out: dict[str, Any] = {}
    for key in ("killed", "injured"):
        upper = c.get(f"{key}_max")
        if upper is None:
            out[key] = c.get(key)
        else:
            out[key] = (c.get(key), None, None if upper == "open" else upper)
    return out


def claimant(c: dict[str, Any]) -> str | None:
    """Who the candidate's sentence says reports it: the claim's author. Candidates of
    incidents.v1 named it ``attributed_to``; since incidents.v2 that is the agent (who did
    it) and the claimant is ``claimed_by``."""
    return c["claimed_by"] if "claimed_by" in c else c.get("attributed_to")


def _attack_before(conn: Connection, num: int, c: dict[str, Any]) -> int | None:
    """The attack proposed from the sentences just before this one in the same source,
    when this one tells what it left behind ("Four civilians were killed")."""
    if c["type"] not in CONSEQUENCES:
        return None
    link, t = schema.incident_sources, schema.incidents
    stmt = (select(t.c.id, t.c.date_start, t.c.date_end).join(link, link.c.incident_id == t.c.id)
            .where(link.c.source_num == num, t.c.type.in_(ATTACKS),
                   link.c.span_end <= c["start"],
                   link.c.span_end >= c["start"] - FOLLOWS_WITHIN)
            .order_by(link.c.span_end.desc()).limit(1))
    found = conn.execute(stmt).mappings().first()
    if found is None:
        return None
    start, end, _ = from_extracted(c.get("date"))
    if start and not overlaps((start, end), (found["date_start"], found["date_end"])):
        return None
    return int(found["id"])


def _add_figures(conn: Connection, incident_id: int, num: int, c: dict[str, Any],
                 actor: str) -> None:
    """The candidate's figures and attribution as the source's claim on the incident: a
    source that already has a claim there without figures gets them added to it."""
    figures = claimed_figures(c)
    own = claims.machine_claim(conn, incident_id, num)
    if own is not None and claimant(c) in (None, own["by"]):
        claims.fill_figures(conn, own["id"], figures, actor)
    else:
        claims.add(conn, {"incident_id": incident_id, "source_num": num,
                          "by": claimant(c), "quote": c["quote"], **figures},
                   actor, machine=True)
    regrade(conn, incident_id, actor)


def _already_linked(conn: Connection, num: int, span: tuple[int, int]) -> bool:
    t = schema.incident_sources
    return conn.execute(select(t.c.id).where(
        t.c.source_num == num, t.c.span_start < span[1], t.c.span_end > span[0])
        .limit(1)).first() is not None


def _republished(conn: Connection, source: dict[str, Any], type_: str) -> int | None:
    """The incident of the same type already proposed from another copy of this text."""
    if not source["dup_group"]:
        return None
    link, s, t = schema.incident_sources, schema.sources, schema.incidents
    stmt = (select(t.c.id).join(link, link.c.incident_id == t.c.id)
            .join(s, s.c.num == link.c.source_num)
            .where(s.c.dup_group == source["dup_group"], s.c.num != source["num"],
                   t.c.type == type_, t.c.status.in_(("proposed", "accepted"))).limit(1))
    found = conn.execute(stmt).scalar()
    return int(found) if found is not None else None


def _attach_denial(conn: Connection, source: dict[str, Any], d: dict[str, Any],
                   actor: str, done: Proposal) -> None:
    """A denial becomes a 'denies' claim on the incident it answers: one of the denied type
    reported by the same source, else the one of that type and date elsewhere."""
    if not d.get("denies") or _claim_exists(conn, source["num"], d["quote"]):
        return
    start, end, _ = from_extracted(d.get("date"))
    target = _incident_in_source(conn, source["num"], d["denies"][0]) or _incident_by_date(
        conn, d["denies"][0], start, end)
    if target is None:
        return
    claims.add(conn, {"incident_id": target, "source_num": source["num"], "stance": "denies",
                      "by": d.get("by") or source["publisher"], "quote": d["quote"]},
               actor, machine=True)
    regrade(conn, target, actor)
    done.denials += 1


def _claim_exists(conn: Connection, num: int, quote: str) -> bool:
    c = schema.claims
    return conn.execute(select(c.c.id).where(c.c.source_num == num, c.c.quote == quote)
                        .limit(1)).first() is not None


def _incident_in_source(conn: Connection, num: int, type_: str) -> int | None:
    link, t = schema.incident_sources, schema.incidents
    found = conn.execute(select(t.c.id).join(link, link.c.incident_id == t.c.id).where(
        link.c.source_num == num, t.c.type == type_).order_by(t.c.id).limit(1)).scalar()
    return int(found) if found is not None else None


def _incident_by_date(conn: Connection, type_: str, start: str | None,
                      end: str | None) -> int | None:
    if not start:
        return None
    match = matching.best_match(conn, {"type": type_, "date_start": start, "date_end": end,
                                       "places": [], "id": 0})
    return match.incident_id if match else None
