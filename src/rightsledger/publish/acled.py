"""ACLED's format: the rows of acled.csv, column by column as ACLED's codebook has them.

The codebook is data (data/acled_codebook.json: columns in ACLED's order, event types,
inter and interaction codes, precision codes, source scales, regions), so are the
countries (data/acled_countries.json: ISO 3166-1 numeric code, name, ACLED region) and our
mapping onto it (data/acled_mapping.json: incident types, actor kinds, precisions, source
kinds). publish.formats writes the rows through its one CSV helper.

One row per incident that has a start day and a place (ACLED events have both); an
interval of days is one row dated on its first day, with the interval as an EDTF value in
``tags`` (``interval=2022-12-12/2023-02-15``) and in ``notes``: ACLED codes a sustained
event day by day only for the days with reported activity, which the record does not
list, so one row per calendar day would invent events. Why each column is filled as it is,
and what stays empty, is in docs/publishing.md, "ACLED (pandas, ACLED's tools)".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from typing import Any

from rightsledger.gazetteer import places as gazetteer
from rightsledger.publish import edtf
from rightsledger.publish.figures import claimed_range


@cache
def data(name: str) -> dict[str, Any]:
    """data/acled_<name>.json: codebook, countries or mapping."""
    path = resources.files("rightsledger.publish").joinpath(f"data/acled_{name}.json")
    found: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return found


COLUMNS: list[str] = data("codebook")["columns"]


def rows(snap: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """acled.csv's rows: the snapshot's incidents with a start day and a place."""
    stamp = int(datetime.combine(date.fromisoformat(snap["as_of"]), time(), UTC).timestamp())
    for incident in snap["incidents"]:
        found = next(((p, snap["places"][p]) for p in incident["places"]
                      if p in snap["places"]), None)
        if incident["date_start"] and found:
            yield row(incident, found, snap["as_of"]) | {"timestamp": stamp}


def row(incident: dict[str, Any], place: tuple[str, dict[str, Any]], as_of: str
        ) -> dict[str, Any]:
    """One incident as an ACLED event (``timestamp`` aside, which is the export's)."""
    event, sub = data("mapping")["types"].get(incident["type"], data("mapping")["types"]["other"])
    country = data("countries")["countries"].get(place[1].get("country") or "", {})
    killed = claimed_range(incident, "killed")
    return {"event_id_cnty": f"RL{incident['id']}", **when(incident),
            "disorder_type": data("codebook")["event_types"][event][sub], "event_type": event,
            "sub_event_type": sub, **actors(incident, event, country.get("country")),
            **where(incident, place, country), **sources(incident),
            "notes": notes(incident, place[1], as_of), "fatalities": killed[0] if killed else 0,
            "tags": f"interval={interval(incident)}" if "/" in interval(incident) else ""}


# -- time ---------------------------------------------------------------------------------
def interval(incident: dict[str, Any]) -> str:
    return edtf.interval(incident["date_start"], incident["date_end"],
                         incident.get("date_precision"))


def _days(incident: dict[str, Any]) -> int | None:
    """How many days the incident spans; None while it is open."""
    if incident["date_end"] is None:
        return None
    return (date.fromisoformat(incident["date_end"])
            - date.fromisoformat(incident["date_start"])).days + 1


def when(incident: dict[str, Any]) -> dict[str, Any]:
    """event_date, year and time_precision. A record without a precision is coded from its
    days; a date known by its month is dated on the 15th, as ACLED dates such events."""
    start, precision = incident["date_start"], incident.get("date_precision")
    whole = _whole(start, incident["date_end"])
    code = data("mapping")["time_precision"][precision] if precision else 3 if whole else 1
    day = f"{start[:7]}-15" if code == 3 and whole == "month" else start
    return {"event_date": day, "year": int(day[:4]), "time_precision": code}


def _whole(start: str, end: str | None) -> str | None:
    """"month" or "year" when the days are exactly one whole month or year."""
    for unit, length in (("month", 7), ("year", 4)):
        if end and edtf.interval(start, end, unit) == start[:length]:
            return unit
    return None


# -- actors -------------------------------------------------------------------------------
def _inter(kind: str | None) -> int | None:
    code = data("mapping")["inter_by_actor_kind"].get(kind or "")
    return int(code) if code is not None else None


def actors(incident: dict[str, Any], event: str, country: str | None) -> dict[str, Any]:
    """actor1 is who acted (the incident's acts, in order); a second doer is actor2 in a
    battle and an associate otherwise; civilians are actor2 of violence against civilians
    and of any event whose recorded victims are civilians."""
    doers = list({a["by"]: a.get("kind") for a in incident.get("acts", []) if a.get("by")}
                 .items())
    mapping = data("mapping")
    civilians = event in mapping["civilian_event_types"] or any(
        v.get("status") == "civilian" for v in incident.get("victims", []))
    first = doers[:1]
    if event == "Battles" and len(doers) > 1:
        second: list[tuple[str, str | None]] = doers[1:2]
        associates = doers[2:]
        inter2 = _inter(second[0][1])
    else:
        second = [(mapping["civilians_actor"].format(country=country or "unknown"), None)] \
            if civilians else []
        associates, inter2 = doers[1:], mapping["civilians_inter"] if civilians else None
    inter1 = _inter(first[0][1]) if first else None
    return {"actor1": first[0][0] if first else "",
            "assoc_actor_1": "; ".join(name for name, _ in associates), "inter1": inter1,
            "actor2": second[0][0] if second else "", "assoc_actor_2": "", "inter2": inter2,
            "interaction": interaction(inter1, inter2, bool(second)),
            "civilian_targeting": data("codebook")["civilian_targeting"]
            if second and inter2 == mapping["civilians_inter"] else ""}


def interaction(inter1: int | None, inter2: int | None, has_second: bool) -> int | None:
    """The two inter codes joined, the smaller first; 0 for a missing second actor. None when
    a code is unknown or the pair is not one of the codebook's."""
    if inter1 is None or (has_second and inter2 is None):
        return None
    low, high = sorted((inter1, inter2 or 0)) if has_second else (inter1, 0)
    code = low * 10 + high
    return code if code in data("codebook")["interaction_codes"] else None


# -- place --------------------------------------------------------------------------------
def where(incident: dict[str, Any], place: tuple[str, dict[str, Any]],
          country: dict[str, Any]) -> dict[str, Any]:
    place_id, found = place
    return {"iso": country.get("iso"), "region": country.get("region", ""),
            "country": country.get("country", found.get("country") or ""),
            "admin1": admin1(place_id), "admin2": "", "admin3": "",
            "location": found.get("name", ""), "latitude": found.get("lat"),
            "longitude": found.get("lon"), "geo_precision": geo_precision(incident, found)}


def geo_precision(incident: dict[str, Any], place: dict[str, Any]) -> int:
    """The coarser of what the incident's place precision and the place's kind say; 2 when
    neither is known."""
    mapping = data("mapping")
    codes = [c for c in (mapping["geo_precision_by_place_precision"].get(
        incident.get("place_precision") or ""),
        mapping["geo_precision_by_place_kind"].get(place.get("kind") or "")) if c]
    return max(codes) if codes else 2


@cache
def _divisions() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → the name of the gazetteer's region that is it."""
    return {(p.country, p.admin1): p.name for p in gazetteer.shipped()
            if p.kind == "region" and p.admin1}


def admin1(place_id: str) -> str:
    """The first-level administrative division a gazetteer place lies in, when the gazetteer
    names it (Goris → Syunik); empty otherwise. Curated parents that are not administrative
    divisions (Nagorno-Karabakh, the Lachin corridor) are not admin1."""
    index, seen = gazetteer.by_id(), set()
    current = index.get(place_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.admin1 and (current.country, current.admin1) in _divisions():
            return _divisions()[(current.country, current.admin1)]
        current = index.get(current.parent) if current.parent else None
    return ""


# -- sources and notes --------------------------------------------------------------------
def sources(incident: dict[str, Any]) -> dict[str, str]:
    mapping, order = data("mapping"), data("codebook")["source_scales"]
    scales = {mapping["source_scale_by_kind"].get(s.get("kind") or "",
                                                  mapping["source_scale_otherwise"])
              for s in incident["sources"]}
    return {"source": "; ".join(sorted({s["publisher"] or "unknown"
                                        for s in incident["sources"]})),
            "source_scale": "-".join(sorted(scales, key=order.index))}


def notes(incident: dict[str, Any], place: dict[str, Any], as_of: str) -> str:
    """A short description: when, what, where, then the reviewer's description."""
    start, end, days = incident["date_start"], incident["date_end"], _days(incident)
    value = interval(incident)
    if days is None:
        said = f"Since {start} (ongoing on {as_of}; {interval(incident)})"
    elif days == 1 or "/" not in value:
        said = f"{'On' if days == 1 else 'In'} {value}"
    else:
        said = f"From {start} to {end} ({days} days; {value})"
    near = "near" if incident.get("place_precision") == "near" else "in"
    what = f"{said}: {incident['type'].replace('_', ' ')} {near} {place.get('name', '')}."
    description = (incident.get("description") or "").strip()
    return f"{what} {description}" if description else what
