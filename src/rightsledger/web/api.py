"""The JSON API under /api/: what the pages show, for scripts (bearer token or session).
FastAPI documents it at /docs (OpenAPI), with every error each route can answer: the same
body, ``{"error": "one line"}`` (promise 12 of docs/security.md holds the routes to it).

Every route of the API is a ``PublicViewRoute``: it names the kind of record it answers
with, and in the public view (``serve --public``) its answer passes through that kind's
public view (privacy.redact.public) on its way out, whatever the handler returned; a route
that names no kind is refused when the app is built (promise 10)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.routing import APIRoute
from pydantic import BaseModel

from rightsledger.media import photos, stories
from rightsledger.privacy.redact import PUBLIC_VIEWS, public
from rightsledger.records import disruptions, incidents, obligations, statements
from rightsledger.records.dates import parse_day
from rightsledger.review import decide
from rightsledger.web.auth import require

VIEW = "x-public-view"  # the OpenAPI extension naming a route's record kind


def shows(kind: str) -> dict[str, Any]:
    """The ``openapi_extra`` of a route that answers with records of ``kind``."""
    assert kind in PUBLIC_VIEWS, kind
    return {VIEW: kind}


class PublicViewRoute(APIRoute):
    """A JSON API route whose answer, in the public view, is its record kind's public view."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        kind = (kwargs.get("openapi_extra") or {}).get(VIEW)
        if kind not in PUBLIC_VIEWS or "request" not in inspect.signature(endpoint).parameters:
            raise TypeError(f"API route {path}: take `request: Request` and name the records "
                            f"it answers with, openapi_extra=shows(KIND), KIND one of "
                            f"{', '.join(PUBLIC_VIEWS)} (privacy/redact.py)")
        super().__init__(path, _through_public_view(endpoint, kind), **kwargs)


def _through_public_view(endpoint: Callable[..., Any], kind: str) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the handler's own signature through this
    def answer(**values: Any) -> Any:
        found = endpoint(**values)
        return public(kind, found) if values["request"].app.state.public else found
    return answer


router = APIRouter(route_class=PublicViewRoute)
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id is refused on both engines alike
DAY = Query(None, description="a day, YYYY-MM-DD (empty: none)", json_schema_extra={
    "anyOf": [{"type": "string", "format": "date"}, {"const": ""}, {"type": "null"}]})
KIND = Query(None, json_schema_extra={"enum": list(disruptions.KINDS)})
WHY = {400: "a parameter names nothing we know (a place, a kind) or is not a day (YYYY-MM-DD)",
       401: "not signed in: send `Authorization: Bearer TOKEN` (`rightsledger users token`)",
       404: "no such record, or (the public view) not published",
       422: "a parameter is not of its type or out of its range (a number that is not one, an "
            "id past 2**31 - 1)"}


class Problem(BaseModel):
    """What every error of the API answers: one line saying what was wrong."""

    error: str


def failures(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The errors a route answers, for its OpenAPI description (in place of FastAPI's own
    422, whose body is not ours)."""
    return {status: {"model": Problem, "description": WHY[status]} for status in statuses}


# The filters as the OpenAPI description states them (a generated client and Schemathesis read
# them): records.incidents.find checks them again and answers 400 naming the field.
def type_filter() -> Any:
    return Query(None, description="an incident type code",
                 json_schema_extra={"enum": incidents.types()})


def status_filter(default: str | None = None) -> Any:
    return Query(default, json_schema_extra={"enum": list(incidents.STATUSES)})


def day_filter(description: str) -> Any:
    return Query(None, description=f"{description} (YYYY-MM-DD)",
                 json_schema_extra={"format": "date"})


@router.get("/incidents", responses=failures(400, 401, 422), openapi_extra=shows("incident"))
def api_incidents(request: Request, type: str | None = type_filter(),
                  status: str | None = status_filter(),
                  place: str | None = None,
                  date_from: str | None = day_filter("overlapping this day or later"),
                  date_to: str | None = day_filter("overlapping this day or earlier"),
                  limit: int = Query(100, description="1 to 1000",
                                     json_schema_extra={"minimum": 1, "maximum": 1000})
                  ) -> list[dict[str, Any]]:
    """Incidents by type, status, place and overlapping date range, newest first (the public
    view: accepted ones only)."""
    role = require(request, "public").user.role  # who first (401), then what (400)
    incidents.check_filters(type_=type, status=status, date_from=date_from, date_to=date_to)
    if role == "public":
        status = "accepted"
    with request.app.state.ledger.store.reading() as conn:
        return incidents.find(conn, type_=type, status=status, place=place,
                              date_from=date_from, date_to=date_to, limit=limit, most=1000)


@router.get("/incidents/{incident_id}", responses=failures(401, 404, 422),
            openapi_extra=shows("incident"))
def api_incident(request: Request,
                 incident_id: int = Path(ge=1, le=MAX_ID)) -> dict[str, Any]:
    """One incident: claims side by side, sources with quotes, victims as pseudonyms, grade
    (the public view: accepted ones only)."""
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        return decide.detail(conn, incident_id)


@router.get("/disruptions", responses=failures(400, 401, 422),
            openapi_extra=shows("disruption"))
def api_disruptions(request: Request, on: str | None = DAY,
                    kind: str | None = KIND) -> list[dict[str, Any]]:
    """Disruptions; with ``on``, those active that day with their day count."""
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        return disruptions.find(conn, kind=kind, on=parse_day(on, "on"))


@router.get("/obligations", responses=failures(400, 401, 422),
            openapi_extra=shows("obligation"))
def api_obligations(request: Request, on: str | None = DAY) -> list[dict[str, Any]]:
    """Obligations with their compliance status on ``on`` (default today) and evidence."""
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        return obligations.find(conn, on=parse_day(on, "on"))


@router.get("/statements", responses=failures(401), openapi_extra=shows("statement"))
def api_statements(request: Request) -> list[dict[str, Any]]:
    """Statements with their demands and the responses they got."""
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        return statements.find(conn)


@router.get("/photos", responses=failures(401, 422), openapi_extra=shows("photo"))
def api_photos(request: Request, incident: int | None = Query(None, ge=1, le=MAX_ID)
               ) -> list[dict[str, Any]]:
    """Photos as a public output describes them (public copy at /photos/ID/copy.jpg, credit,
    licence, caption, incident); the public view: only those whose consent covers the web."""
    who = require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        found = photos.visible(conn, who.user.role == "public", incident_id=incident)
    return [{**photos.public_fields(p), "copy": f"/photos/{p['id']}/copy.jpg"
             if p["public_sha"] else None} for p in found]


@router.get("/stories", responses=failures(401), openapi_extra=shows("story"))
def api_stories(request: Request) -> list[dict[str, Any]]:
    """Human stories with pseudonyms in place of the linked victims' names (the public view:
    only those whose consent covers the web)."""
    who = require(request, "public")
    ledger = request.app.state.ledger
    with ledger.store.reading() as conn:
        return stories.visible(conn, ledger.secret, who.user.role == "public")
