"""Places of records: gazetteer places (copied into the records when first used, so a
record never depends on a later gazetteer build) and places people add, with aliases."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.gazetteer.places import Place, by_id, shipped
from rightsledger.records import audit, rows
from rightsledger.search.text import fold


def resolve(conn: Connection, name_or_id: str) -> str:
    """The place id for a gazetteer id, a name or an alias; unknown names are refused."""
    ref = name_or_id.strip()
    stored = _stored(conn, ref)
    if stored is not None:
        return stored
    place = by_id().get(ref) or _by_name().get(fold(ref).strip())
    if place is None:
        raise BadInput(f"unknown place '{ref}': give a gazetteer name or id "
                       "(see `rightsledger candidates` for the ids extraction found)")
    if _stored(conn, place.id) is None:
        _remember(conn, place)
    return place.id


def lookup(conn: Connection, name_or_id: str) -> dict[str, Any] | None:
    """The place a name, alias or id means — the ledger's own first, then the gazetteer's —
    as a row (id, name, kind, country, lat, lon), or None when unknown. Reads only: unlike
    ``resolve`` it neither refuses nor copies the place into the records."""
    ref = name_or_id.strip()
    stored = _stored(conn, ref)
    if stored is not None:
        return {k: v for k, v in get_many(conn, [stored])[stored].items() if k in PLACE_FIELDS}
    place = by_id().get(ref) or _by_name().get(fold(ref).strip())
    return {k: getattr(place, k) for k in PLACE_FIELDS} if place else None


PLACE_FIELDS = ("id", "name", "kind", "country", "lat", "lon")


def _stored(conn: Connection, ref: str) -> str | None:
    t = schema.places
    if conn.execute(select(t.c.id).where(t.c.id == ref)).scalar() is not None:
        return ref
    key = fold(ref).strip()
    for row in conn.execute(select(t.c.id, t.c.name, t.c.aliases)).mappings():
        if key == fold(row["name"]) or key in {fold(a) for a in rows.decode(row)["aliases"]}:
            return str(row["id"])
    return None


def _remember(conn: Connection, place: Place) -> None:
    conn.execute(schema.places.insert().values(
        id=place.id, name=place.name, kind=place.kind, country=place.country, lat=place.lat,
        lon=place.lon, aliases="[]"))


def add(conn: Connection, place_id: str, name: str, kind: str, lat: float | None = None,
        lon: float | None = None, country: str | None = None,
        aliases: list[str] | None = None, *, actor: str) -> str:
    """A place the gazetteer lacks (a checkpoint, a village road); its id starts 'user:'.
    Written to the audit log in ``actor``'s name."""
    if not place_id.startswith("user:"):
        place_id = "user:" + place_id
    if kind not in _KIND_RANK:
        raise BadInput(f"kind: '{kind}' is not one of {', '.join(_KIND_RANK)}")
    if _stored(conn, place_id) is not None:
        raise BadInput(f"place {place_id} already exists")
    for name_ in (name, *(aliases or [])):
        if _stored(conn, name_) is not None:
            raise BadInput(f"'{name_}' already names place {_stored(conn, name_)}")
    row = {"name": name, "kind": kind, "country": country, "lat": lat, "lon": lon,
           "aliases": aliases or []}
    conn.execute(schema.places.insert().values(**rows.encode({"id": place_id, **row})))
    audit.write(conn, actor, "create", "place", place_id, after=row)
    return place_id


def get_many(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    t = schema.places
    found = conn.execute(select(t).where(t.c.id.in_(ids))).mappings()
    return {r["id"]: rows.decode(r) for r in found}


_KIND_RANK = {"settlement": 0, "corridor": 1, "road": 1, "bridge": 1, "checkpoint": 1,
              "region": 2, "country": 3}


@cache
def _by_name() -> dict[str, Place]:
    """Folded name → the most likely place of that name (settlements, then the populous)."""
    out: dict[str, Place] = {}
    order = sorted(shipped(), key=lambda p: (_KIND_RANK.get(p.kind, 4), -p.population))
    for place in order:  # a place's own name first: "Goris" is Goris, not Gori's variant
        out.setdefault(fold(place.name).strip(), place)
    for place in order:
        for name in place.names:
            out.setdefault(fold(name).strip(), place)
    return out
