"""Human stories: narratives written by analysts, linked to incidents, victims and rights.

The body is encrypted at rest: a draft may still hold a real name. Every public output
shows the story through ``public_text``: the real names of the victims linked to it (whole
or any part of at least three letters, matched without regard to case or accents) become
their pseudonyms, their addresses and phone numbers are withheld. ``check`` tells the
writer where the text still holds such a detail, so the published text never depends on
the replacement alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.media import consent
from rightsledger.privacy import FieldCipher
from rightsledger.records import audit, incidents, rows, victims
from rightsledger.search.text import fold, fold_with_map

_PHONE = re.compile(r"\+?\d[\d\s().\-]{4,}\d")
_MIN_PART = 3  # name parts shorter than this are not looked for (initials, particles)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str  # name | address | phone
    pseudonym: str

    def warning(self, text: str) -> str:
        what = {"name": "the real name", "address": "the address",
                "phone": "the phone number"}[self.kind]
        return (f"{what} of {self.pseudonym} at character {self.start}: "
                f"'{text[self.start:self.end]}'")


def add(conn: Connection, secret: bytes, values: dict[str, Any], actor: str) -> int:
    """Record a story; ``incident_ids`` and ``victim_ids`` link it, ``rights`` are codes."""
    row = _checked(values)
    links = _checked_links(conn, values)
    row["body"] = FieldCipher(secret).encrypt(row["body"], "stories.body")
    story_id = rows.insert(conn, schema.stories, row, actor)
    _link(conn, story_id, links)
    audit.write(conn, actor, "create", "story", story_id,
                after={"title": row["title"], "rights": row["rights"],
                       "incident_ids": values.get("incident_ids") or [],
                       "victim_ids": values.get("victim_ids") or []})
    return story_id


def edit(conn: Connection, secret: bytes, story_id: int, values: dict[str, Any], actor: str,
         version: int | None = None) -> None:
    """Change a story's title, body, rights and links (all given anew)."""
    row = _checked(values)
    links = _checked_links(conn, values)
    row["body"] = FieldCipher(secret).encrypt(row["body"], "stories.body")
    before = rows.update_checked(conn, schema.stories, story_id, row, actor, version, "story")
    conn.execute(delete(schema.story_links).where(schema.story_links.c.story_id == story_id))
    _link(conn, story_id, links)
    audit.write(conn, actor, "update", "story", story_id,
                before={"title": before["title"]}, after={"title": row["title"]})


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    title, body = str(values.get("title") or "").strip(), str(values.get("body") or "").strip()
    if not title or not body:
        raise BadInput("a story needs a title and a text")
    return {"title": title, "body": body,
            "rights": incidents.check_rights(values.get("rights") or [])}


def _checked_links(conn: Connection, values: dict[str, Any]) -> list[dict[str, int]]:
    """The incidents and victims to link, each checked to exist (before anything is
    written)."""
    out = []
    for field, table, column in (("incident_ids", schema.incidents, "incident_id"),
                                 ("victim_ids", schema.victims, "victim_id")):
        for ref in values.get(field) or []:
            linked = rows.record_id(ref, field)
            if linked is not None:
                rows.fetch(conn, table, linked, column.removesuffix("_id"))
                out.append({column: linked})
    return out


def _link(conn: Connection, story_id: int, links: list[dict[str, int]]) -> None:
    for link in links:
        conn.execute(schema.story_links.insert().values(story_id=story_id, **link))


def get(conn: Connection, secret: bytes, story_id: int, on: date | None = None
        ) -> dict[str, Any]:
    """A story for analysts: the text as written, its links, what the check finds, its
    consent records and whether it may be published."""
    row = rows.fetch(conn, schema.stories, story_id, "story")
    row["body"] = FieldCipher(secret).decrypt(row["body"], "stories.body")
    links = _links(conn, [story_id])[story_id]
    people = victims.identifying(conn, secret, links["victim_ids"])
    agreed = consent.of_item(conn, "story", story_id)
    day = on or date.today()
    return {**row, **links,
            "warnings": [f.warning(row["title"] + "\n" + row["body"])
                         for f in find_details(row["title"] + "\n" + row["body"], people)],
            "public_title": public_text(row["title"], people),
            "public_body": public_text(row["body"], people), "consents": agreed,
            "web": consent.status(agreed, "web", day),
            "reports": consent.status(agreed, "reports", day)}


def find(conn: Connection, only: set[int] | None = None) -> list[dict[str, Any]]:
    """Stories (title, links, who wrote them), newest first; the body stays encrypted."""
    t = schema.stories
    stmt = select(t.c.id, t.c.title, t.c.rights, t.c.created_at, t.c.created_by)
    if only is not None:
        stmt = stmt.where(t.c.id.in_(sorted(only)))
    found = [rows.decode(r) for r in conn.execute(stmt.order_by(t.c.id.desc())).mappings()]
    links = _links(conn, [r["id"] for r in found])
    return [{**r, **links[r["id"]]} for r in found]


def published(conn: Connection, secret: bytes, use: str, on: date | None = None
              ) -> list[dict[str, Any]]:
    """The stories a public output of ``use`` may carry, as the public sees them: names
    replaced by pseudonyms, linked to accepted incidents only."""
    day = on or date.today()
    allowed = consent.allowed_ids(conn, "story", use, day)
    return [public(conn, secret, s["id"]) for s in find(conn, only=allowed)]


def visible(conn: Connection, secret: bytes, public_view: bool) -> list[dict[str, Any]]:
    """What a web visitor reads: every story as the public sees it for people signed in,
    the stories published on the web for the public."""
    if public_view:
        return published(conn, secret, "web")
    return [public(conn, secret, s["id"]) for s in find(conn)]


def public(conn: Connection, secret: bytes, story_id: int) -> dict[str, Any]:
    """One story as a public output shows it (whether it may be shown is the caller's)."""
    return public_of(conn, get(conn, secret, story_id))


def public_of(conn: Connection, full: dict[str, Any]) -> dict[str, Any]:
    """The public form of a story already read with ``get``."""
    story_id = full["id"]
    accepted = {i["id"] for i in incidents.find_by_ids(conn, full["incident_ids"])
                if i["status"] == "accepted"}
    pseudonyms = [v["pseudonym"] for v in victims.pseudonyms_of(conn, full["victim_ids"])]
    return {"id": story_id, "title": full["public_title"], "text": full["public_body"],
            "rights": full["rights"], "incident_ids": sorted(accepted),
            "victims": pseudonyms}


def _links(conn: Connection, ids: list[int]) -> dict[int, dict[str, list[int]]]:
    t = schema.story_links
    out: dict[int, dict[str, list[int]]] = {i: {"incident_ids": [], "victim_ids": []}
                                            for i in ids}
    for r in conn.execute(select(t).where(t.c.story_id.in_(ids)).order_by(t.c.id)).mappings():
        if r["incident_id"]:
            out[r["story_id"]]["incident_ids"].append(r["incident_id"])
        if r["victim_id"]:
            out[r["story_id"]]["victim_ids"].append(r["victim_id"])
    return out


def find_details(text: str, people: list[dict[str, Any]]) -> list[Finding]:
    """Where ``text`` holds a linked victim's real name (or a part of it), address or phone
    number; in text order, overlapping findings merged into the first."""
    folded, origin = fold_with_map(text)
    found: list[Finding] = []
    for person in people:
        for needle, kind in _needles(person):
            for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", folded):
                found.append(_finding(origin, text, m.start(), m.end(), kind, person))
        phone = _digits(person.get("contact") or "")
        if len(phone) >= 6:
            for m in _PHONE.finditer(text):
                if _digits(m.group())[-7:] == phone[-7:]:
                    found.append(Finding(m.start(), m.end(), "phone", person["pseudonym"]))
    found.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for f in found:
        if merged and f.start < merged[-1].end:
            continue
        merged.append(f)
    return merged


def _needles(person: dict[str, Any]) -> list[tuple[str, str]]:
    """Folded strings to look for, longest first: the whole name, its parts, the address."""
    out = []
    name = fold(person.get("real_name") or "").strip()
    if name:
        out.append((" ".join(name.split()), "name"))
        out += [(part, "name") for part in re.split(r"[\s\-]+", name)
                if len(part) >= _MIN_PART]
    address = fold(person.get("address") or "").strip()
    if address:
        out.append((address, "address"))
        first = address.split(",")[0].strip()
        if len(first) >= 6 and first != address:
            out.append((first, "address"))
    return sorted(set(out), key=lambda n: -len(n[0]))


def _finding(origin: list[int], text: str, start: int, end: int, kind: str,
             person: dict[str, Any]) -> Finding:
    last = origin[end - 1] + 1 if end else len(text)
    return Finding(origin[start], last, kind, person["pseudonym"])


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def public_text(text: str, people: list[dict[str, Any]]) -> str:
    """``text`` with every finding replaced: names by pseudonyms, the rest withheld."""
    out, at = [], 0
    for f in find_details(text, people):
        out.append(text[at:f.start])
        out.append(f.pseudonym if f.kind == "name" else f"[{f.kind} withheld]")
        at = f.end
    out.append(text[at:])
    return "".join(out)
