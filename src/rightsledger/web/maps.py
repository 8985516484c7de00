"""The map: incidents as markers coloured by type, clustered, filtered by dates and type,
over a reference layer of towns drawn from our own gazetteer (no tiles are fetched: the
machines are offline). Leaflet and its marker clustering come from XStatic packages."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rightsledger.gazetteer.places import shipped
from rightsledger.records import incidents, places
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
TOWN_POPULATION = 50_000  # towns drawn on the reference layer


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, type: str | None = None, date_from: str | None = None,
             date_to: str | None = None, status: str = "accepted") -> HTMLResponse:
    require(request, "public")
    settings = request.app.state.ledger.settings
    return render(request, "map.html", types=incidents.types(), tiles=settings["map_tile_url"],
                  attribution=settings["map_tile_attribution"],
                  filters={"type": type, "date_from": date_from, "date_to": date_to,
                           "status": status})


@api.get("/map", responses=failures(400, 401, 422), openapi_extra=shows("incident_map"))
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


@api.get("/basemap", responses=failures(401), openapi_extra=shows("reference"))
def basemap(request: Request) -> dict[str, Any]:
    """The reference layer: towns of the gazetteer's countries, and our curated places."""
    require(request, "public")
    return _towns()


@cache
def _towns() -> dict[str, Any]:
    chosen = [p for p in shipped() if p.lat is not None and p.lon is not None and (
        p.population >= TOWN_POPULATION or (p.id.startswith("rl:") and p.kind == "settlement"))]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
         "properties": {"name": p.name, "population": p.population}} for p in chosen]}
