"""The map: incidents as markers coloured by type and shaded by grade, clustered, filtered
by dates, type and status, and the areas of the disruptions of those dates, over a world
basemap drawn as vector layers: the countries, lakes and first-level division lines of
publish/maps.py's packaged Natural Earth data, and the towns of our own gazetteer. Nothing
comes from another origin (no tiles: the machines are offline, and a tile server would learn
who looks where). Leaflet and its marker clustering come from XStatic packages."""

from __future__ import annotations

import gzip
import json
from datetime import date
from functools import cache
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from rightsledger.errors import BadInput
from rightsledger.gazetteer.places import shipped
from rightsledger.publish.maps import basemap as world
from rightsledger.records import disruptions, incidents, places
from rightsledger.records.dates import parse_day
from rightsledger.web import schemas
from rightsledger.web.api import (
    PublicViewRoute,
    day_filter,
    failures,
    shows,
    status_filter,
    type_filter,
)
from rightsledger.web.auth import require
from rightsledger.web.pages import render

router = APIRouter()
api = APIRouter(route_class=PublicViewRoute)  # mounted under /api/ with the rest of the API
TOWN_POPULATION = 100_000  # towns drawn on the reference layer (and every curated one)
# how far around its place a disruption's area is drawn, by the kind of place, in metres
# (a country's area is its outline); an indication of where, not a survey
AREA_RADIUS = {"region": 40_000, "settlement": 8_000, "corridor": 15_000, "road": 15_000}
OTHER_RADIUS = 5_000


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, type: str | None = None, date_from: str | None = None,
             date_to: str | None = None, status: str = "accepted") -> HTMLResponse:
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        cut = overlapping(disruptions.find(conn), _day(date_from), _day(date_to))
        located = places.get_many(conn, sorted({d["place_id"] for d in cut if d["place_id"]}))
    return render(request, "map.html", types=incidents.types(),
                  areas=[area(d, located.get(d["place_id"] or "")) for d in cut],
                  filters={"type": type, "date_from": date_from, "date_to": date_to,
                           "status": status})


def _day(value: str | None) -> date | None:
    try:
        return parse_day(value, "date")
    except BadInput:  # the page's own filters are checked by the API call its script makes
        return None


def overlapping(found: list[dict[str, Any]], first: date | None,
                last: date | None) -> list[dict[str, Any]]:
    """The disruptions that were going on some day between ``first`` and ``last``."""
    return [d for d in found if (last is None or d["start"] <= last.isoformat())
            and (first is None or d["end"] is None or d["end"] >= first.isoformat())]


def area(cut: dict[str, Any], place: dict[str, Any] | None) -> dict[str, Any]:
    """What the map draws of a disruption: where (a country's code, or a point and a radius
    in metres; neither when its place has no coordinates) and what to say of it."""
    shown = {"id": cut["id"], "kind": cut["kind"], "area": cut["area"], "start": cut["start"],
             "end": cut["end"], "country": None, "lat": None, "lon": None, "radius": None}
    if place is None:
        return shown
    if place["kind"] == "country" and place["country"]:
        return {**shown, "country": place["country"]}
    if place["lat"] is not None and place["lon"] is not None:
        return {**shown, "lat": place["lat"], "lon": place["lon"],
                "radius": AREA_RADIUS.get(place["kind"], OTHER_RADIUS)}
    return shown


@api.get("/map", responses=failures(400, 401, 422), openapi_extra=shows("incident_map"),
         response_model=schemas.IncidentMap)
def incidents_geojson(request: Request, type: str | None = type_filter(),
                      date_from: str | None = day_filter("overlapping this day or later"),
                      date_to: str | None = day_filter("overlapping this day or earlier"),
                      status: str | None = status_filter("accepted")) -> dict[str, Any]:
    """Incidents with a located place, as GeoJSON points (one per incident and place)."""
    role = require(request, "public").user.role  # who first (401), then what (400)
    incidents.check_filters(type_=type, status=status, date_from=date_from, date_to=date_to)
    if role == "public":
        status = "accepted"
    with request.app.state.ledger.store.reading() as conn:
        found = incidents.find(conn, type_=type or None, date_from=date_from or None,
                               date_to=date_to or None, status=status or None, limit=5000)
        located = places.get_many(conn, sorted({p for i in found for p in i["places"]}))
    features = [_feature(i, located[p]) for i in found for p in i["places"]
                if p in located and located[p]["lat"] is not None]
    return {"type": "FeatureCollection", "features": features}


def _feature(incident: dict[str, Any], place: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {"id": incident["id"], "type": incident["type"],
                           "date": incident["date_start"], "place": place["name"],
                           "grade": incident["grade"], "status": incident["status"]}}


@api.get("/basemap", responses=failures(401), openapi_extra=shows("reference"),
         response_model=schemas.Basemap)
def basemap(request: Request) -> Response:
    """The reference layer, one GeoJSON FeatureCollection: the world's countries (with a
    label point and rank), lakes and first-level division lines (Natural Earth, public
    domain), then the gazetteer's towns of 100,000 people or more and our curated places.
    Each feature's ``kind`` says which: country, water, division, town."""
    require(request, "public")
    # the same bytes for everyone, gzipped once: none of it is a record of ours, so the
    # public view has nothing to take out of it (privacy/redact.py: "reference")
    raw, packed = _reference()
    # not in the public view, whose last guard (web/guard.py) reads every JSON answer as text
    zipped = "gzip" in request.headers.get("accept-encoding", "") and not request.app.state.public
    headers = {"Vary": "Accept-Encoding", "Cache-Control": "private, max-age=86400"}
    if zipped:
        headers["Content-Encoding"] = "gzip"
    return Response(packed if zipped else raw, media_type="application/json", headers=headers)


@cache
def _reference() -> tuple[bytes, bytes]:
    """The reference layer as JSON bytes, plain and gzipped."""
    collection = world()
    features = [*collection["features"], *_towns()]
    raw = json.dumps({"type": "FeatureCollection", "attribution": collection["attribution"],
                      "features": features}, separators=(",", ":")).encode("utf-8")
    return raw, gzip.compress(raw, compresslevel=6, mtime=0)


def _towns() -> list[dict[str, Any]]:
    chosen = [p for p in shipped() if p.lat is not None and p.lon is not None
              and p.kind == "settlement"
              and (p.population >= TOWN_POPULATION or p.id.startswith("rl:"))]
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
             "properties": {"kind": "town", "name": p.name, "population": p.population}}
            for p in chosen]
