"""People's decisions on incidents: accept, edit, reject with a reason, merge, override a
grade. The machine's suggestion stays in ``suggested``; who decided and when is kept on the
incident and every change is in the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.extract.triggers import incident_patterns
from rightsledger.ground import utc_now
from rightsledger.records import acts, audit, claims, incidents, victims
from rightsledger.review import grading


def accept(conn: Connection, incident_id: int, actor: str,
           expected_version: int | None = None) -> None:
    """Accept an incident as it now stands (edit it first to correct the machine)."""
    _require_open(conn, incident_id)
    incidents.set_fields(conn, incident_id, _decision("accepted", actor), actor, "accept",
                         expected_version)


def reject(conn: Connection, incident_id: int, reason: str, actor: str,
           expected_version: int | None = None) -> None:
    """Reject a proposed or accepted incident; the reason is required and kept."""
    if not reason.strip():
        raise BadInput("reason: say why the incident is rejected")
    incidents.set_fields(conn, incident_id, {**_decision("rejected", actor), "reason": reason},
                         actor, "reject", expected_version)


def edit(conn: Connection, incident_id: int, changes: dict[str, Any], actor: str,
         expected_version: int | None) -> dict[str, Any]:
    """Edit fields (type, dates, places, description, rights), then grade again."""
    incidents.edit(conn, incident_id, changes, actor, expected_version)
    regrade(conn, incident_id, actor)
    return incidents.get(conn, incident_id)


def merge(conn: Connection, incident_id: int, into: int, actor: str,
          expected_version: int | None = None) -> None:
    """Fold an incident into another: its sources, claims, acts, victims and places move to
    ``into``; it stays on record as merged, pointing there."""
    if incident_id == into:
        raise BadInput("an incident cannot be merged into itself")
    target = _require_open(conn, into)
    moved_places = incidents.place_ids_of(conn, incident_id)
    for table in (schema.incident_sources, schema.claims, schema.acts, schema.victim_harms):
        conn.execute(update(table).where(table.c.incident_id == incident_id)
                     .values(incident_id=into))
    incidents.set_fields(conn, incident_id, {**_decision("merged", actor), "merged_into": into},
                         actor, "merge", expected_version)
    joined = sorted(set(target["places"]) | set(moved_places))
    if joined != target["places"]:
        incidents.edit(conn, into, {"places": joined}, actor, None)
    audit.write(conn, actor, "absorb", "incident", into, after={"merged": incident_id})
    regrade(conn, into, actor)


def override_grade(conn: Connection, incident_id: int, grade: str | None, reason: str,
                   actor: str, expected_version: int | None = None) -> None:
    """Set the grade by hand (with a reason), or clear the override with ``grade`` None."""
    if grade is not None and grade not in grading.GRADES:
        raise BadInput(f"grade: '{grade}' is not one of {', '.join(grading.GRADES)}")
    if grade is not None and not reason.strip():
        raise BadInput("reason: say why the computed grade is overridden")
    incidents.set_fields(conn, incident_id, {"grade_override": grade,
                                             "grade_override_reason": reason or None},
                         actor, "override-grade", expected_version)
    regrade(conn, incident_id, actor)


def regrade(conn: Connection, incident_id: int, actor: str) -> grading.Grade:
    """Compute the grade from sources and claims, store it when it changed."""
    row = incidents.get(conn, incident_id)
    shown = grade_of(conn, row)
    if (row["grade"], tuple(row["grade_reasons"])) != (shown.grade, shown.reasons):
        incidents.set_fields(conn, incident_id, {"grade": shown.grade,
                                                 "grade_reasons": list(shown.reasons)},
                             actor, "grade")
    return shown


def grade_of(conn: Connection, row: dict[str, Any]) -> grading.Grade:
    perpetrators = {a["actor_id"] for a in acts.of_incident(conn, row["id"]) if a["actor_id"]}
    computed = grading.compute(incidents.sources_of(conn, row["id"]),
                               claims.of_incident(conn, row["id"]), perpetrators)
    by = _override_by(conn, row["id"]) if row["grade_override"] else None
    return grading.final(computed, row["grade_override"], row["grade_override_reason"], by)


def _override_by(conn: Connection, incident_id: int) -> str | None:
    found = [e.actor for e in audit.entries(conn, "incident", incident_id)
             if e.action == "override-grade"]
    return found[-1] if found else None


def _decision(status: str, actor: str) -> dict[str, Any]:
    return {"status": status, "decided_at": utc_now(), "decided_by": actor}


def _require_open(conn: Connection, incident_id: int) -> dict[str, Any]:
    row = incidents.get(conn, incident_id)
    if row["status"] in ("rejected", "merged"):
        raise BadInput(f"incident {incident_id} is {row['status']}: it cannot take this step")
    return row


def queue(conn: Connection, limit: int = 20) -> list[dict[str, Any]]:
    """Proposed incidents waiting for a person, in the order of the events (undated last)."""
    t = schema.incidents
    order = (t.c.date_start.is_(None), t.c.date_start, t.c.id)
    ids = conn.execute(select(t.c.id).where(t.c.status == "proposed").order_by(*order)
                       .limit(limit)).scalars()
    return [detail(conn, i) for i in ids]


GRADED = ("proposed", "accepted")  # a rejected or merged incident's grade is not shown


def by_relevance(incident: dict[str, Any],
                 sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources and their quotes, those that speak of the incident's type and place
    first (a blockade's first quote is about the road, not the power cuts it also tells
    of); ties keep their order (publication day, then place in the text)."""
    kind = dict(incident_patterns(None)).get(incident["type"])
    names = [n.casefold() for n in incident.get("place_names") or [] if n]

    def score(quote: dict[str, Any]) -> int:
        text = str(quote.get("text") or "")
        return (2 * bool(kind and kind.search(text))
                + any(n in text.casefold() for n in names))

    ranked = []
    for source in sources:
        quotes = sorted(source.get("quotes", []), key=score, reverse=True)
        ranked.append({**source, "quotes": quotes,
                       "quote": quotes[0]["text"] if quotes else source.get("quote")})
    return sorted(ranked, key=lambda s: max(map(score, s["quotes"]), default=0), reverse=True)


def detail(conn: Connection, incident_id: int) -> dict[str, Any]:
    """Everything shown about one incident: fields, places, sources with quotes, claims side
    by side, acts, victims (pseudonyms only), the grade with its reasons."""
    row = incidents.with_place_names(conn, [incidents.get(conn, incident_id)])[0]
    found = claims.of_incident(conn, incident_id)
    ranked = by_relevance(row, incidents.sources_of(conn, incident_id))
    return {**row, "graded": row["status"] in GRADED, "sources": ranked, "claims": found,
            "claims_side_by_side": claims.side_by_side(found),
            "acts": acts.of_incident(conn, incident_id),
            "victims": victims.of_incident(conn, incident_id)}

