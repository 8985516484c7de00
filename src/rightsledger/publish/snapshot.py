"""The data snapshot every publication is built from: one plain, JSON-ready document of the
records a report or an export may show, and its SHA-256.

A snapshot holds the accepted incidents of a period (overlapping it) with their places,
sources and quotes, claims side by side and victims as pseudonyms; the disruptions,
statements and obligations; and the photos and human stories whose consent covers the use
on the snapshot's day. A disruption is located (``location_id``) at its place, else at the
place its area names, and that place is among the snapshot's places. Nothing in it depends
on the clock beyond that day, so the same records give the same bytes and the same hash,
and a report built from it is reproducible.

``public`` passes every kind of record through its public view (privacy.redact.public, the
one the public web view uses): accepted incidents only, no sources of internal kinds
(interview notes), no internal notes, machine suggestions or staff names.
Victims' real names are read only by the last step, the name guard (privacy.guard), which
replaces any of them found in the snapshot's text (a quote, a claim, a description) with
the victim's pseudonym; contacts and addresses are never read.

Read in bulk (a few queries per 500 incidents), so that 10,000 incidents take seconds.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.ground import canonical
from rightsledger.media import photos, stories
from rightsledger.privacy.guard import NameGuard
from rightsledger.privacy.redact import INTERNAL_SOURCE_KINDS
from rightsledger.privacy.redact import public as public_view
from rightsledger.records import (
    actors,
    claims,
    disruptions,
    inquiries,
    obligations,
    rows,
    statements,
)
from rightsledger.records import places as ledger_places

CHUNK = 500
PUBLIC_KINDS = (("disruptions", "disruption"), ("statements", "statement"),
                ("obligations", "obligation"), ("photos", "photo"), ("stories", "story"))
INCIDENT_FIELDS = ("id", "type", "date_start", "date_end", "date_precision", "place_precision",
                   "description", "rights", "status", "grade", "grade_reasons")
CLAIM_FIELDS = ("id", "stance", "text", "killed_min", "killed_best", "killed_max",
                "injured_min", "injured_best", "injured_max", "quote", "rebuts", "machine")


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end`` inclusive; either may be open."""
    start: str | None = None
    end: str | None = None

    @classmethod
    def of(cls, start: str | None, end: str | None) -> Period:
        for name, day in (("--from", start), ("--to", end)):
            if day is not None:
                try:
                    date.fromisoformat(day)
                except ValueError:
                    raise BadInput(f"{name}: '{day}' is not a day (YYYY-MM-DD)") from None
        if start and end and start > end:
            raise BadInput(f"the period starts ({start}) after it ends ({end})")
        return cls(start, end)

    def as_dict(self) -> dict[str, str | None]:
        return {"from": self.start, "to": self.end}


def build(conn: Connection, *, ledger_id: str, secret: bytes, use: str, on: date,
          period: Period = Period(), public: bool = False,
          statuses: tuple[str, ...] = ("accepted",)) -> dict[str, Any]:
    """The snapshot: records of ``period`` as of ``on``; media whose consent covers ``use``."""
    found = list(_incidents(conn, period, statuses))
    if public:
        found = public_view("incident", found)
    day_count = date.fromisoformat(period.end) if period.end and period.end < on.isoformat() \
        else on
    sent = [i for i in inquiries.find(conn, on=day_count)
            if _overlaps(i["sent"], i["sent"], period)]
    snap = {"ledger_id": ledger_id, "as_of": on.isoformat(), "period": period.as_dict(),
            "public": public, "incidents": found,
            "places": _places(conn, found),
            "disruptions": [_disruption(d, day_count)
                            for d in disruptions.find(conn, as_of=day_count)
                            if _overlaps(d["start"], d["end"], period)
                            and d["start"] <= day_count.isoformat()],
            "statements": [_statement(s) for s in statements.find(conn)
                           if _overlaps(s["date"], s["date"], period)],
            "obligations": [_obligation(o) for o in obligations.find(conn, on=day_count)],
            "inquiries": inquiries.tally(sent),
            "inquiry_records": [] if public else [_inquiry(i) for i in sent],
            "photos": [photos.public_fields(p) for p in photos.published(conn, use, on)],
            "stories": [s for s in stories.published(conn, secret, use, on)
                        if _story_in(s, found)]}
    if public:
        snap.update({key: public_view(kind, snap[key]) for key, kind in PUBLIC_KINDS})
    _locate(conn, snap)
    snap["sources"] = _cited(conn, snap, public)
    guarded: dict[str, Any] = NameGuard.of_ledger(conn, secret).walk(snap)
    return guarded


def _cited(conn: Connection, snap: dict[str, Any], public: bool) -> dict[str, dict[str, Any]]:
    """Every source the snapshot cites, by id (sha256): incidents' sources, and the sources
    of statements, obligations and disruptions (which also get ``source_id``)."""
    s = schema.sources
    nums = {r.get("source_num") for r in snap["statements"] + snap["obligations"]} - {None}
    ids = {x for d in snap["disruptions"] for x in d.get("sources", [])}
    ids |= {src["id"] for i in snap["incidents"] for src in i["sources"]}
    found: dict[str, dict[str, Any]] = {}
    by_num: dict[int, str] = {}
    wanted = [s.c.num.in_(sorted(nums))] + [s.c.id.in_(chunk) for chunk in
                                             _id_chunks(sorted(ids))]
    for condition in wanted:
        stmt = select(s.c.num, s.c.id, s.c.kind, s.c.publisher, s.c.published, s.c.title,
                      s.c.language).where(condition)
        for r in conn.execute(stmt).mappings():
            if public and r["kind"] in INTERNAL_SOURCE_KINDS:
                continue
            by_num[r["num"]] = r["id"]
            found[r["id"]] = {k: r[k] for k in ("kind", "publisher", "published", "title",
                                                "language")}
    for row in snap["statements"] + snap["obligations"]:
        row["source_id"] = by_num.get(row.pop("source_num", None) or -1)
    return dict(sorted(found.items()))


def _locate(conn: Connection, snap: dict[str, Any]) -> None:
    """Give each disruption its ``location_id``: its place, else the place its area names (a
    place of the ledger or of the gazetteer), else None. The places join the snapshot's."""
    out = dict(snap["places"])
    seen: dict[str, dict[str, Any] | None] = {}
    for row in snap["disruptions"]:
        ref = row.get("place_id") or row["area"]
        if ref not in seen:
            seen[ref] = ledger_places.lookup(conn, ref)
        place = seen[ref]
        row["location_id"] = place["id"] if place else None
        if place:
            out.setdefault(place["id"], {k: v for k, v in place.items() if k != "id"})
    snap["places"] = dict(sorted(out.items()))


def _id_chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def digest(snapshot: dict[str, Any]) -> str:
    """The SHA-256 of the snapshot's canonical JSON (sorted keys, no spaces)."""
    return hashlib.sha256(canonical(snapshot)).hexdigest()


def _overlaps(start: str | None, end: str | None, period: Period) -> bool:
    if period.end and start and start > period.end:
        return False
    return not (period.start and (end or "9999") < period.start)


def _story_in(story: dict[str, Any], found: list[dict[str, Any]]) -> bool:
    """A story goes with its incidents: in a period's publication only if one of them is."""
    ids = {i["id"] for i in found}
    return not story.get("incident_ids") or bool(ids & set(story["incident_ids"]))


# -- incidents, in bulk ---------------------------------------------------------------------
def _incidents(conn: Connection, period: Period, statuses: tuple[str, ...]
               ) -> Iterator[dict[str, Any]]:
    t = schema.incidents
    where: list[ColumnElement[bool]] = [t.c.status.in_(statuses)]
    if period.end:
        where.append(t.c.date_start <= period.end)
    if period.start:
        where.append(func.coalesce(t.c.date_end, "9999-12-31") >= period.start)
    if period.start or period.end:
        where.append(t.c.date_start.is_not(None))
    cols = [t.c[f] for f in INCIDENT_FIELDS]
    ordered = select(*cols).where(and_(*where)).order_by(t.c.date_start, t.c.id)
    found = [rows.decode(r) for r in conn.execute(ordered).mappings()]
    names = actors.names(conn)
    kinds = {int(i): k for i, k in conn.execute(select(schema.actors.c.id, schema.actors.c.kind))}
    for chunk in _chunks(found):
        yield from _completed(conn, chunk, names, kinds)


def _chunks(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _completed(conn: Connection, chunk: list[dict[str, Any]], names: dict[int, str],
               kinds: dict[int, str | None]) -> Iterable[dict[str, Any]]:
    ids = [i["id"] for i in chunk]
    places = _grouped(conn, select(schema.incident_places.c.incident_id,
                                   schema.incident_places.c.place_id)
                      .where(schema.incident_places.c.incident_id.in_(ids))
                      .order_by(schema.incident_places.c.incident_id,
                                schema.incident_places.c.place_id))
    place_names = _place_names(conn, {p["place_id"] for ps in places.values() for p in ps})
    sources = _sources(conn, ids)
    found_claims = _claims(conn, ids, names)
    acts = _grouped(conn, select(schema.acts).where(schema.acts.c.incident_id.in_(ids))
                    .order_by(schema.acts.c.id))
    victims = _victims(conn, ids)
    for row in chunk:
        ps = [p["place_id"] for p in places.get(row["id"], [])]
        cs = found_claims.get(row["id"], [])
        yield {**row, "places": ps, "place_names": [place_names.get(p, p) for p in ps],
               "sources": sources.get(row["id"], []), "claims": cs,
               "claims_side_by_side": claims.side_by_side(cs),
               "acts": [{"by": names.get(a["actor_id"]), "kind": kinds.get(a["actor_id"]),
                         "act": a["act"], "target": a["target"]}
                        for a in acts.get(row["id"], [])],
               "victims": victims.get(row["id"], [])}


def _grouped(conn: Connection, stmt: Any, key: str = "incident_id"
             ) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(stmt).mappings():
        out[r[key]].append(dict(r))
    return out


def _place_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    p = schema.places
    return dict(conn.execute(select(p.c.id, p.c.name).where(p.c.id.in_(ids))).all()) if ids \
        else {}


def _sources(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each incident's sources, each once, oldest first, with the quotes it gives."""
    link, s = schema.incident_sources, schema.sources
    stmt = (select(link.c.incident_id, link.c.quote, link.c.span_start, link.c.span_end,
                   s.c.num, s.c.id, s.c.kind, s.c.publisher, s.c.title, s.c.published,
                   s.c.language, s.c.url)
            .join(s, s.c.num == link.c.source_num).where(link.c.incident_id.in_(ids))
            .order_by(link.c.incident_id, s.c.published, s.c.num, link.c.span_start))
    out: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for r in conn.execute(stmt).mappings():
        entry = out[r["incident_id"]].setdefault(r["num"], {
            k: r[k] for k in ("id", "kind", "publisher", "published", "title", "language",
                              "url")} | {"quotes": []})
        if r["quote"]:
            entry["quotes"].append({"text": r["quote"], "start": r["span_start"],
                                    "end": r["span_end"]})
    return {i: list(by_num.values()) for i, by_num in out.items()}


def _claims(conn: Connection, ids: list[int], names: dict[int, str]
            ) -> dict[int, list[dict[str, Any]]]:
    c, s = schema.claims, schema.sources
    stmt = (select(*(c.c[f] for f in CLAIM_FIELDS), c.c.incident_id, c.c.actor_id,
                   s.c.id.label("source_id"), s.c.publisher)
            .outerjoin(s, s.c.num == c.c.source_num).where(c.c.incident_id.in_(ids))
            .order_by(c.c.incident_id, c.c.id))
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(stmt).mappings():
        claim = {"by": names.get(r["actor_id"]) if r["actor_id"] else None,
                 **{f: r[f] for f in CLAIM_FIELDS}, "source_id": r["source_id"],
                 "publisher": r["publisher"]}
        out[r["incident_id"]].append(claim)
    return out


def _victims(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Victims as anyone may see them: pseudonym and description, never a name."""
    v, h = schema.victims, schema.victim_harms
    stmt = (select(h.c.incident_id, h.c.harm, v.c.pseudonym, v.c.kind, v.c.age_group, v.c.sex,
                   v.c.status, v.c.group_size)
            .join(v, v.c.id == h.c.victim_id).where(h.c.incident_id.in_(ids))
            .order_by(h.c.incident_id, v.c.id))
    return {i: [{k: r[k] for k in r if k != "incident_id"} for r in found]
            for i, found in _grouped(conn, stmt).items()}


def _places(conn: Connection, found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The places the incidents name, with coordinates for maps."""
    ids = sorted({p for i in found for p in i["places"]})
    p = schema.places
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), CHUNK):
        stmt = select(p.c.id, p.c.name, p.c.kind, p.c.country, p.c.lat, p.c.lon).where(
            p.c.id.in_(ids[i:i + CHUNK]))
        out.update({r["id"]: {k: r[k] for k in r if k != "id"}
                    for r in conn.execute(stmt).mappings()})
    return dict(sorted(out.items()))


# -- the other records, without bookkeeping columns -----------------------------------------
BOOKKEEPING = ("version", "created_at", "created_by", "updated_at", "updated_by")


def _plain(row: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in BOOKKEEPING + drop}


def _disruption(row: dict[str, Any], on: date) -> dict[str, Any]:
    """A disruption with its day count and whether it was ongoing on ``on`` (the period's
    end, or the snapshot's day)."""
    last = min(date.fromisoformat(row["end"]), on) if row["end"] else on
    return {**_plain(row, ("actor_id",)), "day": (last - date.fromisoformat(row["start"])).days
            + 1, "ongoing": not row["end"] or row["end"] > on.isoformat()}


def _statement(row: dict[str, Any]) -> dict[str, Any]:
    return {**_plain(row, ("author_id", "addressee_id")),
            "responses": [_plain(r) for r in row.get("responses", [])]}


def _inquiry(row: dict[str, Any]) -> dict[str, Any]:
    """An inquiry as of the snapshot's day: its questions with their latest status, the
    days of its replies and reminders so far, its links; not its internal notes. A public
    snapshot carries only the tally (the web shows inquiries to signed-in people only)."""
    return {**_plain(row, ("addressee_id", "notes", "replies", "reminders", "letter_num",
                           "replies_so_far", "reminders_so_far", "on")),
            "questions": [{"number": q["number"], "text": q["text"], "status": q["status"]}
                          for q in row["questions"]],
            "replies": [{"received": r["received"], "source_id": r.get("source"),
                         "answers": [{"number": a["number"], "status": a["status"]}
                                     for a in r["answers"]]}
                        for r in row["replies_so_far"]],
            "reminders": [r["sent"] for r in row["reminders_so_far"]]}


def _obligation(row: dict[str, Any]) -> dict[str, Any]:
    return {**_plain(row, ("issuer_id", "addressee_id")),
            "observations": [_plain(o) for o in row["observations"]]}

