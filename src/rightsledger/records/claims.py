"""Claims: a figure or fact asserted — or denied — by an actor in a source, with the quote.

Casualties are ranges (min, best, max) per claim; a rebuttal points at the claim it
disputes. An incident's claims are shown side by side, never reconciled into one figure:
"Ministry A: 1 killed; Ombudsman B: 12 killed, 30 injured; Army C: denies".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, rows

STANCES = ("asserts", "denies")
FIGURES = ("killed", "injured")


def add(conn: Connection, values: dict[str, Any], actor: str, machine: bool = False) -> int:
    """A claim on an incident (or a disruption): by whom, in which source, what, the quote.

    ``killed``/``injured`` may be one number (best), or a (min, best, max) triple.
    """
    row = _checked(conn, values, actor)
    row["machine"] = int(machine)
    claim_id = rows.insert(conn, schema.claims, row, actor)
    audit.write(conn, actor, "create", "claim", claim_id, after=row)
    return claim_id


def _checked(conn: Connection, values: dict[str, Any], actor: str) -> dict[str, Any]:
    stance = values.get("stance", "asserts")
    if stance not in STANCES:
        raise BadInput(f"stance: '{stance}' is not one of {', '.join(STANCES)}")
    if not values.get("incident_id") and not values.get("disruption_id"):
        raise BadInput("a claim belongs to an incident or a disruption")
    row = {k: values.get(k) for k in ("incident_id", "disruption_id", "source_num", "rebuts")}
    if row["rebuts"] is not None:
        rows.fetch(conn, schema.claims, int(row["rebuts"]), "claim to rebut")
    by = values.get("by")
    row.update(stance=stance, text=values.get("text") or "", quote=values.get("quote") or "",
               actor_id=actors.resolve(conn, by, actor) if by else None)
    for figure in FIGURES:
        row.update(figure_range(figure, values.get(figure)))
    return row


def figure_range(figure: str, value: Any) -> dict[str, int | None]:
    """One figure as min/best/max columns: 12 → (12, 12, 12); (10, None, 15) kept."""
    if value is None:
        low = best = high = None
    elif isinstance(value, int):
        low = best = high = value
    else:
        low, best, high = value
    for v in (low, best, high):
        if v is not None and (not isinstance(v, int) or v < 0):
            raise BadInput(f"{figure}: '{v}' is not a count (a whole number, 0 or more)")
    if low is not None and high is not None and low > high:
        raise BadInput(f"{figure}: the minimum {low} is above the maximum {high}")
    return {f"{figure}_min": low, f"{figure}_best": best, f"{figure}_max": high}


def machine_claim(conn: Connection, incident_id: int, num: int) -> dict[str, Any] | None:
    """The claim extraction recorded for a source on an incident, if any."""
    c = schema.claims
    found = conn.execute(select(c.c.id).where(c.c.incident_id == incident_id,
                                              c.c.source_num == num, c.c.machine == 1)
                         .order_by(c.c.id).limit(1)).scalar()
    if found is None:
        return None
    row = rows.fetch(conn, c, int(found), "claim")
    return {**row, "by": actors.names(conn).get(row["actor_id"])}


def fill_figures(conn: Connection, claim_id: int, figures: dict[str, Any], actor: str) -> None:
    """Add figures a claim lacks (the toll told in the next sentence); known ones stay."""
    current = rows.fetch(conn, schema.claims, claim_id, "claim")
    values: dict[str, Any] = {}
    for figure in FIGURES:
        if figures.get(figure) is not None and current[f"{figure}_best"] is None:
            values.update(figure_range(figure, figures[figure]))
    if values:
        rows.update_checked(conn, schema.claims, claim_id, values, actor, None, "claim")
        audit.write(conn, actor, "edit", "claim", claim_id, after=values)


def of_incident(conn: Connection, incident_id: int) -> list[dict[str, Any]]:
    """An incident's claims in the order they were recorded, with the claimant's name and
    the source's id, publisher and date."""
    c, s = schema.claims, schema.sources
    stmt = (select(c, s.c.id.label("source_id"), s.c.publisher, s.c.published, s.c.kind)
            .outerjoin(s, s.c.num == c.c.source_num)
            .where(c.c.incident_id == incident_id).order_by(c.c.id))
    names = actors.names(conn)
    found = [dict(r) for r in conn.execute(stmt).mappings()]
    return [{**r, "by": names.get(r["actor_id"]) if r["actor_id"] else None} for r in found]


def describe(claim: dict[str, Any]) -> str:
    """What one claim says, in a few words: "12 killed, 30 injured", "denies"."""
    if claim["stance"] == "denies":
        return "denies" + (f": {claim['text']}" if claim.get("text") else "")
    parts = [f"{_figure(claim, f)} {f}" for f in FIGURES if claim.get(f"{f}_best") is not None
             or claim.get(f"{f}_min") is not None]
    return ", ".join(parts) or claim.get("text") or "reports it"


def _figure(claim: dict[str, Any], figure: str) -> str:
    low, best, high = (claim.get(f"{figure}_{k}") for k in ("min", "best", "max"))
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" (best {best})" if best not in (None, low, high) else "")
    return str(best if best is not None else low if low is not None else high)


def side_by_side(claims: list[dict[str, Any]]) -> str:
    """All claims on one line, each with who makes it: "A: 1 killed; B: denies"."""
    return "; ".join(f"{c.get('by') or c.get('publisher') or 'unattributed'}: {describe(c)}"
                     for c in claims)
