"""Incidents: a type, a date interval, places, rights affected, a status and a grade, with
links to every source that reports them. Proposed by extraction, decided by people."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, select

from rightsledger import vocabularies
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import audit, places, rows
from rightsledger.records.dates import PRECISIONS, interval, parse_day

STATUSES = ("proposed", "accepted", "rejected", "merged")
PLACE_PRECISIONS = ("exact", "near", "area", "region")
EDITABLE = ("type", "date_start", "date_end", "date_precision", "places", "place_precision",
            "description", "rights")


def types() -> list[str]:
    """The incident type codes (vocabularies/rights.json maps each to rights affected)."""
    return [k for k in vocabularies.load("rights") if not k.startswith("_")]


def check(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """Values made safe to store, or BadInput naming the field and what is wrong."""
    out = {k: v for k, v in values.items() if k in EDITABLE}
    if "type" in out and out["type"] not in types():
        raise BadInput(f"type: unknown incident type '{out['type']}' "
                       f"(choose one of {', '.join(types())})")
    if "date_start" in out or "date_end" in out:
        out["date_start"], out["date_end"] = interval(out.get("date_start"),
                                                      out.get("date_end"))
    _check_choice(out, "date_precision", PRECISIONS)
    _check_choice(out, "place_precision", PLACE_PRECISIONS)
    if "places" in out:
        out["places"] = [places.resolve(conn, p) for p in out["places"] or [] if p]
    if "rights" in out:
        out["rights"] = check_rights(out["rights"])
    return out


def _check_choice(values: dict[str, Any], field: str, choices: tuple[str, ...]) -> None:
    if values.get(field) not in (None, *choices):
        raise BadInput(f"{field}: '{values[field]}' is not one of {', '.join(choices)}")


def check_rights(rights: list[str] | None) -> list[str]:
    known = {r for codes in vocabularies.load("rights").values() if isinstance(codes, list)
             for r in codes}
    known |= {r for named in vocabularies.load("report_rights").values()
              if isinstance(named, dict) for r in named["codes"]}
    for right in rights or []:
        if right not in known:
            raise BadInput(f"rights: unknown right '{right}' (see vocabularies/rights.json)")
    return list(rights or [])


def create(conn: Connection, values: dict[str, Any], actor: str, status: str = "accepted",
           suggested: dict[str, Any] | None = None,
           workflow: dict[str, Any] | None = None) -> int:
    """A new incident; its rights default to those of its type. ``suggested`` keeps the
    machine's candidate, ``workflow`` review fields such as the offered ``match_id``."""
    checked = check(conn, values)
    if "type" not in checked:
        raise BadInput("type: an incident needs a type")
    if not checked.get("rights"):
        checked["rights"] = list(vocabularies.load("rights")[checked["type"]])
    place_ids = checked.pop("places", [])
    row = {"grade_reasons": [], **checked, **(workflow or {}), "status": status,
           "suggested": suggested or {}}
    incident_id = rows.insert(conn, schema.incidents, row, actor)
    _set_places(conn, incident_id, place_ids)
    audit.write(conn, actor, "create", "incident", incident_id,
                after={**{k: v for k, v in row.items() if k != "suggested"},
                       "places": place_ids})
    return incident_id


def edit(conn: Connection, incident_id: int, changes: dict[str, Any], actor: str,
         expected_version: int | None) -> dict[str, Any]:
    """Change fields of an incident, refusing if it changed since ``expected_version``."""
    checked = check(conn, changes)
    place_ids = checked.pop("places", None)
    before = rows.update_checked(conn, schema.incidents, incident_id, checked, actor,
                                 expected_version, "incident")
    old_places = place_ids_of(conn, incident_id)
    if place_ids is not None:
        _set_places(conn, incident_id, place_ids)
    audit.write(conn, actor, "edit", "incident", incident_id,
                before={**{k: before[k] for k in checked}, "places": old_places},
                after={**checked, "places": place_ids if place_ids is not None
                       else old_places})
    return get(conn, incident_id)


def set_fields(conn: Connection, incident_id: int, values: dict[str, Any], actor: str,
               action: str, expected_version: int | None = None) -> None:
    """Workflow fields (status, grade, match…) written by review, audited under ``action``."""
    before = rows.update_checked(conn, schema.incidents, incident_id, values, actor,
                                 expected_version, "incident")
    audit.write(conn, actor, action, "incident", incident_id,
                before={k: before[k] for k in values}, after=values)


def _set_places(conn: Connection, incident_id: int, place_ids: list[str]) -> None:
    t = schema.incident_places
    conn.execute(delete(t).where(t.c.incident_id == incident_id))
    for place_id in dict.fromkeys(place_ids):
        conn.execute(t.insert().values(incident_id=incident_id, place_id=place_id))


def place_ids_of(conn: Connection, incident_id: int) -> list[str]:
    t = schema.incident_places
    return list(conn.execute(select(t.c.place_id).where(t.c.incident_id == incident_id)
                             .order_by(t.c.place_id)).scalars())


def link_source(conn: Connection, incident_id: int, source_num: int, quote: str,
                span: tuple[int, int] | None = None, candidate: str | None = None) -> None:
    """Record that a source reports the incident, with the words it uses."""
    conn.execute(schema.incident_sources.insert().values(
        incident_id=incident_id, source_num=source_num, quote=quote,
        span_start=span[0] if span else None, span_end=span[1] if span else None,
        candidate=candidate))


def get(conn: Connection, incident_id: int) -> dict[str, Any]:
    """An incident row with its place ids."""
    row = rows.fetch(conn, schema.incidents, incident_id, "incident")
    return {**row, "places": place_ids_of(conn, incident_id)}


API_FIELDS = {"type_": "type", "date_from": "date_from", "date_to": "date_to",
              "status": "status", "limit": "limit", "place": "place"}


def check_filters(*, type_: str | None = None, status: str | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  fields: dict[str, str] | None = None) -> tuple[date | None, date | None]:
    """The checks of ``find``'s filters (its days parsed), for a caller that must check
    them before it overrides one (the public view's status). A filter given empty is
    refused: only None means "any"."""
    name = {**API_FIELDS, **(fields or {})}
    if type_ is not None and type_ not in types():
        raise BadInput(f"{name['type_']}: unknown incident type '{type_}' "
                       f"(choose one of {', '.join(types())})")
    if status is not None and status not in STATUSES:
        raise BadInput(f"{name['status']}: '{status}' is not one of {', '.join(STATUSES)}")
    for field, value in (("date_from", date_from), ("date_to", date_to)):
        if value == "":
            raise BadInput(f"{name[field]}: an empty value is not a date (write YYYY-MM-DD, "
                           "or leave the filter out)")
    first = parse_day(date_from, name["date_from"])
    last = parse_day(date_to, name["date_to"])
    if first and last and last < first:
        raise BadInput(f"{name['date_to']}: {last} is before {name['date_from']} {first}")
    return first, last


def find(conn: Connection, *, type_: str | None = None, date_from: str | None = None,
         date_to: str | None = None, place: str | None = None,
         status: str | None = None, limit: int | None = None,
         fields: dict[str, str] | None = None, most: int | None = None
         ) -> list[dict[str, Any]]:
    """Incidents by type, overlapping a date range, at a place, in a status; newest first.
    Every filter is checked here, once for every caller (``check_filters``), and so is the
    limit: below 1, or above ``most`` (what a caller lets people ask for), is BadInput naming
    the filter as the caller calls it (``fields``: "--from" for the CLI; the API's names by
    default)."""
    name = {**API_FIELDS, **(fields or {})}
    first, last = check_filters(type_=type_, status=status, date_from=date_from,
                                date_to=date_to, fields=fields)
    if limit is not None and (limit < 1 or (most is not None and limit > most)):
        allowed = "1 or more" if most is None else f"1 to {most:,}"
        raise BadInput(f"{name['limit']}: {limit} is not {allowed}")
    t, p = schema.incidents, schema.incident_places
    stmt = select(t)
    if type_:
        stmt = stmt.where(t.c.type == type_)
    if status:
        stmt = stmt.where(t.c.status == status)
    if first:
        stmt = stmt.where((t.c.date_end >= first.isoformat()) | (t.c.date_end.is_(None)))
    if last:
        stmt = stmt.where(t.c.date_start <= last.isoformat())
    if place:
        try:
            place_id = places.resolve(conn, place)
        except BadInput as exc:
            raise BadInput(f"{name['place']}: {exc}") from None
        stmt = stmt.where(t.c.id.in_(select(p.c.incident_id).where(p.c.place_id == place_id)))
    stmt = stmt.order_by(t.c.date_start.desc(), t.c.id.desc()).limit(limit)
    return _with_places(conn, [rows.decode(r) for r in conn.execute(stmt).mappings()])


def find_by_ids(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    """Incidents by id (with their place ids), in id order; unknown ids are left out."""
    t = schema.incidents
    found = conn.execute(select(t).where(t.c.id.in_(ids)).order_by(t.c.id)).mappings()
    return _with_places(conn, [rows.decode(r) for r in found])


def _with_places(conn: Connection, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with their place ids, read in one query per 500 rows (not one per row)."""
    t = schema.incident_places
    by_incident: dict[int, list[str]] = {}
    ids = [r["id"] for r in found]
    for start in range(0, len(ids), 500):
        stmt = (select(t.c.incident_id, t.c.place_id)
                .where(t.c.incident_id.in_(ids[start:start + 500])).order_by(t.c.place_id))
        for incident_id, place_id in conn.execute(stmt):
            by_incident.setdefault(incident_id, []).append(place_id)
    return [{**r, "places": by_incident.get(r["id"], [])} for r in found]


def with_place_names(conn: Connection, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Incidents with ``place_names`` beside their place ids, for people to read."""
    names = places.get_many(conn, sorted({p for r in found for p in r["places"]}))
    return [{**r, "place_names": [names[p]["name"] for p in r["places"] if p in names]}
            for r in found]


def counts(conn: Connection, field: str, statuses: tuple[str, ...]) -> list[tuple[Any, int]]:
    """How many incidents in these statuses have each value of ``field`` (type, grade),
    most first."""
    t = schema.incidents
    column = t.c[field]
    stmt = (select(column, func.count()).where(t.c.status.in_(statuses)).group_by(column)
            .order_by(func.count().desc(), column))
    return [(value, int(n)) for value, n in conn.execute(stmt)]


def sources_of(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    """The sources that report an incident, each once, with the source's own facts and the
    quotes it gives (``quotes``: text and offsets; ``quote``: the first of them)."""
    link, s = schema.incident_sources, schema.sources
    stmt = (select(link.c.quote, link.c.span_start, link.c.span_end, s.c.num, s.c.id,
                   s.c.kind, s.c.publisher, s.c.title, s.c.published, s.c.dup_group,
                   s.c.original_name)
            .join(s, s.c.num == link.c.source_num)
            .where(link.c.incident_id == incident_id)
            .order_by(s.c.published, s.c.num, link.c.span_start))
    found: dict[int, dict[str, Any]] = {}
    for r in conn.execute(stmt).mappings():
        entry = found.setdefault(r["num"], {**{k: r[k] for k in r.keys() if not k.startswith(
            ("quote", "span"))}, "quote": r["quote"], "quotes": []})
        if r["quote"]:
            entry["quotes"].append({"text": r["quote"], "start": r["span_start"],
                                    "end": r["span_end"]})
    return list(found.values())


def reported_by(conn: Connection, source_ids: list[str]) -> list[dict[str, Any]]:
    """The proposed and accepted incidents that these sources report."""
    link, s, t = schema.incident_sources, schema.sources, schema.incidents
    ids = (select(link.c.incident_id).join(s, s.c.num == link.c.source_num)
           .where(s.c.id.in_(source_ids)))
    stmt = (select(t).where(t.c.id.in_(ids), t.c.status.in_(("proposed", "accepted")))
            .order_by(t.c.date_start.desc(), t.c.id.desc()))
    return _with_places(conn, [rows.decode(r) for r in conn.execute(stmt).mappings()])
