"""Actors as shared, de-duplicated entities: one row per body or person, found again by
its name or any alias (folded: case and diacritics do not matter). Names the vocabulary
knows (vocabularies/actors.json) come with their code and kind."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, select

from rightsledger import vocabularies
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import audit, rows
from rightsledger.search.text import fold


def resolve(conn: Connection, name: str, actor: str, specific: bool = False) -> int:
    """The id of the actor called ``name``, creating it on first use. ``specific`` is for a
    body a person names on purpose (an inquiry's addressee): a name the vocabulary knows
    only as a generic office ("Ministry of Health (country not named)", which extraction
    gives a text that does not say whose) is then this body, recorded as written."""
    key = fold(name).strip()
    if not key:
        raise BadInput("an actor needs a name")
    entry = _vocabulary().get(key, {})
    if specific and "resolves_to" in entry:
        same = conn.execute(select(schema.actors.c.id).where(
            schema.actors.c.name_key == key)).scalar()
        if same is not None:
            return int(same)
        values: dict[str, Any] = {"name": name.strip(), "name_key": key, "kind": entry.get("kind"),
                  "code": None, "aliases": []}
        new_id = rows.insert(conn, schema.actors, values, actor)
        audit.write(conn, actor, "create", "actor", new_id, after=values)
        return new_id
    known = find(conn, name)
    if known is not None:
        return known
    code = entry.get("id")
    if code is not None:
        same = conn.execute(select(schema.actors.c.id).where(
            schema.actors.c.code == code)).scalar()
        if same is not None:
            return int(same)
    values = {"name": entry.get("name", name.strip()), "name_key": fold(
        entry.get("name", name.strip())), "kind": entry.get("kind"), "code": code,
        "aliases": [] if not entry or name.strip() == entry["name"] else [name.strip()]}
    new_id = rows.insert(conn, schema.actors, values, actor)
    audit.write(conn, actor, "create", "actor", new_id, after=values)
    return new_id


def find(conn: Connection, name: str) -> int | None:
    """The id of the actor with this name or alias (case and diacritics ignored), if any."""
    key, t = fold(name).strip(), schema.actors
    found = conn.execute(select(t.c.id).where(t.c.name_key == key)).scalar()
    if found is not None:
        return int(found)
    for row in conn.execute(select(t.c.id, t.c.aliases)).mappings():
        if key in {fold(a) for a in rows.decode(row)["aliases"]}:
            return int(row["id"])
    return None


def get(conn: Connection, actor_id: int | None) -> dict[str, Any] | None:
    return None if actor_id is None else rows.fetch(conn, schema.actors, actor_id, "actor")


def names(conn: Connection) -> dict[int, str]:
    t = schema.actors
    return {int(i): str(n) for i, n in conn.execute(select(t.c.id, t.c.name))}


@cache
def _vocabulary() -> dict[str, dict[str, Any]]:
    """Folded name and plain aliases (not declension patterns) → vocabulary entry."""
    out: dict[str, dict[str, Any]] = {}
    for entry in vocabularies.actors()["actors"]:
        written = [entry["name"], *(a for per in entry.get("aliases", {}).values()
                                    for a in per if "~" not in a)]
        for name in written:
            out.setdefault(fold(name).strip(), entry)
    return out


def describe(conn: Connection, name: str, aliases: list[str], kind: str | None,
             actor: str) -> int:
    """Find or create the actor called ``name``; add aliases (other names, spellings,
    scripts) and set its kind. An alias already naming another actor is refused."""
    actor_id = resolve(conn, name, actor)
    row = rows.fetch(conn, schema.actors, actor_id, "actor")
    kinds = vocabularies.load("actors")["kinds"]
    if kind is not None and kind not in kinds:
        raise BadInput(f"kind: '{kind}' is not one of {', '.join(kinds)}")
    for alias in aliases:
        other = find(conn, alias)
        if other not in (None, actor_id):
            raise BadInput(f"alias '{alias}' already names actor {other}: merge them by hand")
    known = {fold(a) for a in row["aliases"]} | {row["name_key"]}
    added = [a.strip() for a in aliases if fold(a).strip() not in known]
    changes = {"aliases": row["aliases"] + added, "kind": kind or row["kind"]}
    if added or changes["kind"] != row["kind"]:
        rows.update_checked(conn, schema.actors, actor_id, changes, actor, None, "actor")
        audit.write(conn, actor, "edit", "actor", actor_id,
                    before={"aliases": row["aliases"], "kind": row["kind"]}, after=changes)
    return actor_id
