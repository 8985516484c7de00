"""The JSON API under /api/: what the pages show, for scripts (bearer token or session).
FastAPI documents it at /docs (OpenAPI): every answer's fields (web/schemas.py), and every
error each route can answer, as RFC 9457 problem details (``application/problem+json``:
type, title, status and a one-line detail naming the parameter refused; promise 12 of
docs/security.md holds the routes to it).

The list routes answer a page of at most ``limit`` records (default 100, at most 1,000) in
their records' own order; when more follow, a ``Link: <…>; rel="next"`` header gives the
next page's address, the same query with an opaque ``cursor``.

Every route of the API is a ``PublicViewRoute``: it names the kind of record it answers
with, and in the public view (``serve --public``) its answer passes through that kind's
public view (privacy.redact.public) on its way out, whatever the handler returned; a route
that names no kind is refused when the app is built (promise 10)."""

from __future__ import annotations

import base64
import binascii
import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Path, Query, Request, Response
from fastapi.routing import APIRoute

from rightsledger.errors import BadInput
from rightsledger.media import photos, stories
from rightsledger.privacy.redact import PUBLIC_VIEWS, public
from rightsledger.records import disruptions, incidents, obligations, statements
from rightsledger.records.dates import parse_day
from rightsledger.review import decide
from rightsledger.web import schemas
from rightsledger.web.auth import require

VIEW = "x-public-view"  # the OpenAPI extension naming a route's record kind
PROBLEM = "application/problem+json"  # RFC 9457


def shows(kind: str) -> dict[str, Any]:
    """The ``openapi_extra`` of a route that answers with records of ``kind``."""
    assert kind in PUBLIC_VIEWS, kind
    return {VIEW: kind}


class PublicViewRoute(APIRoute):
    """A JSON API route whose answer, in the public view, is its record kind's public view.
    Its answer leaves out the fields it does not have (the public view's missing ones)
    rather than sending them empty."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        kind = (kwargs.get("openapi_extra") or {}).get(VIEW)
        if kind not in PUBLIC_VIEWS or "request" not in inspect.signature(endpoint).parameters:
            raise TypeError(f"API route {path}: take `request: Request` and name the records "
                            f"it answers with, openapi_extra=shows(KIND), KIND one of "
                            f"{', '.join(PUBLIC_VIEWS)} (privacy/redact.py)")
        kwargs["response_model_exclude_unset"] = True  # the router passes its default
        super().__init__(path, _through_public_view(endpoint, kind), **kwargs)


def _through_public_view(endpoint: Callable[..., Any], kind: str) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the handler's own signature through this
    def answer(**values: Any) -> Any:
        found = endpoint(**values)
        return public(kind, found) if values["request"].app.state.public else found
    return answer


router = APIRouter(route_class=PublicViewRoute)
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id is refused on both engines alike
MOST = 1000  # records in one page
DAY = Query(None, description="a day, YYYY-MM-DD (empty: none)", json_schema_extra={
    "anyOf": [{"type": "string", "format": "date"}, {"const": ""}, {"type": "null"}]})
KIND = Query(None, json_schema_extra={"enum": list(disruptions.KINDS)})
WHY = {400: "a parameter names nothing we know (a place, a kind, a cursor) or is not a day "
            "(YYYY-MM-DD); the detail names it",
       401: "not signed in: send `Authorization: Bearer TOKEN` (`rightsledger users token`)",
       404: "no such record, or (the public view) not published",
       422: "a parameter is not of its type or out of its range (a number that is not one, an "
            "id past 2**31 - 1)"}
Problem = schemas.Problem


def failures(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The errors a route answers, for its OpenAPI description (in place of FastAPI's own
    422, whose body is not ours): problem details, ``problems_documented`` moves them to
    their media type."""
    return {status: {"model": Problem, "description": WHY[status]} for status in statuses}


def problems_documented(app: FastAPI) -> None:
    """Say in the OpenAPI document that the API's errors are ``application/problem+json``
    (FastAPI files a response model under the route's own media type, application/json)."""
    made = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            described = made()  # which FastAPI keeps in app.openapi_schema
            for path, operations in described["paths"].items():
                for operation in operations.values() if path.startswith("/api/") else ():
                    for status, answer in operation.get("responses", {}).items():
                        content = answer.get("content", {})
                        if int(status) >= 400 and "application/json" in content:
                            content[PROBLEM] = content.pop("application/json")
        return app.openapi_schema or made()

    app.openapi = document  # type: ignore[method-assign]


# -- pages of a list ------------------------------------------------------------------------
NEXT = {"Link": {"description": 'the next page, when there is one: `<PATH?…&cursor=…>; '
                                'rel="next"` (RFC 8288)', "schema": {"type": "string"}}}


def listing(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """A list route's answers: a page (with its Link to the next) and its errors."""
    return {200: {"headers": NEXT}, **failures(400, *statuses)}


def limit_filter() -> Any:
    return Query(100, description=f"the records of a page, 1 to {MOST}",
                 json_schema_extra={"minimum": 1, "maximum": MOST})


def cursor_filter() -> Any:
    return Query(None, description="where the page starts: the `cursor` of the previous "
                                   "page's Link header (opaque; none: the first page)")


def check_page(limit: int, cursor: str | None) -> int | None:
    """The page asked for: the id of the record it follows (none: the first page)."""
    if not 1 <= limit <= MOST:
        raise BadInput(f"limit: {limit} is not 1 to {MOST:,}")
    if cursor is None:
        return None
    try:
        after = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["after"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        after = None
    if not isinstance(after, int) or isinstance(after, bool) or not 1 <= after <= MAX_ID:
        raise BadInput("cursor: not one this API gave; take it from the previous page's Link "
                       "header, or leave it out for the first page")
    return after


def _cursor(after: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": after}).encode()).decode().rstrip("=")


def page(request: Request, response: Response, found: list[dict[str, Any]], limit: int,
         after: int | None) -> list[dict[str, Any]]:
    """The page of ``found`` (in its order) that follows the record ``after``, at most
    ``limit`` long; when more follow, the Link header names the next page."""
    start = 0
    if after is not None:
        ids = [r["id"] for r in found]
        if after not in ids:
            raise BadInput("cursor: the record its page ended with is no longer in this list "
                           "(its status changed, or the filters did): ask the first page again")
        start = ids.index(after) + 1
    shown = found[start:start + limit]
    if start + limit < len(found):
        address = request.url.include_query_params(cursor=_cursor(shown[-1]["id"]))
        response.headers["Link"] = f'<{address.path}?{address.query}>; rel="next"'
    return shown


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


@router.get("/incidents", responses=listing(401, 422), openapi_extra=shows("incident"),
            response_model=list[schemas.Incident])
def api_incidents(request: Request, response: Response, type: str | None = type_filter(),
                  status: str | None = status_filter(),
                  place: str | None = None,
                  date_from: str | None = day_filter("overlapping this day or later"),
                  date_to: str | None = day_filter("overlapping this day or earlier"),
                  limit: int = limit_filter(), cursor: str | None = cursor_filter()
                  ) -> list[dict[str, Any]]:
    """Incidents by type, status, place and overlapping date range, newest first. Signed in
    (viewer, analyst or admin), every status, as the pages show them (`status=proposed` is
    the review queue); the public view: accepted ones only, whatever status is asked."""
    role = require(request, "public").user.role  # who first (401), then what (400)
    incidents.check_filters(type_=type, status=status, date_from=date_from, date_to=date_to)
    after = check_page(limit, cursor)
    if role == "public":
        status = "accepted"
    with request.app.state.ledger.store.reading() as conn:
        found = incidents.find(conn, type_=type, status=status, place=place,
                               date_from=date_from, date_to=date_to,
                               limit=limit + 1 if after is None else None)
    return page(request, response, found, limit, after)


@router.get("/incidents/{incident_id}", responses=failures(401, 404, 422),
            openapi_extra=shows("incident"), response_model=schemas.IncidentDetail)
def api_incident(request: Request,
                 incident_id: int = Path(ge=1, le=MAX_ID)) -> dict[str, Any]:
    """One incident: claims side by side, sources with quotes, victims as pseudonyms, grade.
    Signed in, any status; the public view: accepted ones only (any other is not found)."""
    require(request, "public")
    with request.app.state.ledger.store.reading() as conn:
        return decide.detail(conn, incident_id)


@router.get("/disruptions", responses=listing(401, 422), openapi_extra=shows("disruption"),
            response_model=list[schemas.Disruption])
def api_disruptions(request: Request, response: Response, on: str | None = DAY,
                    kind: str | None = KIND, limit: int = limit_filter(),
                    cursor: str | None = cursor_filter()) -> list[dict[str, Any]]:
    """Disruptions, oldest start first; with ``on``, those active that day with their day
    count."""
    require(request, "public")
    after = check_page(limit, cursor)
    with request.app.state.ledger.store.reading() as conn:
        found = disruptions.find(conn, kind=kind, on=parse_day(on, "on"))
    return page(request, response, found, limit, after)


@router.get("/obligations", responses=listing(401, 422), openapi_extra=shows("obligation"),
            response_model=list[schemas.Obligation])
def api_obligations(request: Request, response: Response, on: str | None = DAY,
                    limit: int = limit_filter(), cursor: str | None = cursor_filter()
                    ) -> list[dict[str, Any]]:
    """Obligations, newest first, with their compliance status on ``on`` (default today) and
    evidence."""
    require(request, "public")
    day = parse_day(on, "on")
    after = check_page(limit, cursor)
    with request.app.state.ledger.store.reading() as conn:
        found = obligations.find(conn, on=day)
    return page(request, response, found, limit, after)


@router.get("/statements", responses=listing(401, 422), openapi_extra=shows("statement"),
            response_model=list[schemas.Statement])
def api_statements(request: Request, response: Response, limit: int = limit_filter(),
                   cursor: str | None = cursor_filter()) -> list[dict[str, Any]]:
    """Statements, newest first, with their demands and the responses they got."""
    require(request, "public")
    after = check_page(limit, cursor)
    with request.app.state.ledger.store.reading() as conn:
        found = statements.find(conn)
    return page(request, response, found, limit, after)


@router.get("/photos", responses=listing(401, 422), openapi_extra=shows("photo"),
            response_model=list[schemas.Photo])
def api_photos(request: Request, response: Response,
               incident: int | None = Query(None, ge=1, le=MAX_ID),
               limit: int = limit_filter(), cursor: str | None = cursor_filter()
               ) -> list[dict[str, Any]]:
    """Photos as a public output describes them (public copy at /photos/ID/copy.jpg, credit,
    licence, caption, incident); the public view: only those whose consent covers the web."""
    who = require(request, "public")
    after = check_page(limit, cursor)
    with request.app.state.ledger.store.reading() as conn:
        found = photos.visible(conn, who.user.role == "public", incident_id=incident)
    described = [{**photos.public_fields(p), "copy": f"/photos/{p['id']}/copy.jpg"
                  if p["public_sha"] else None} for p in found]
    return page(request, response, described, limit, after)


@router.get("/stories", responses=listing(401, 422), openapi_extra=shows("story"),
            response_model=list[schemas.Story])
def api_stories(request: Request, response: Response, limit: int = limit_filter(),
                cursor: str | None = cursor_filter()) -> list[dict[str, Any]]:
    """Human stories, newest first, with pseudonyms in place of the linked victims' names
    (the public view: only those whose consent covers the web)."""
    who = require(request, "public")
    after = check_page(limit, cursor)
    ledger = request.app.state.ledger
    with ledger.store.reading() as conn:
        found = stories.visible(conn, ledger.secret, who.user.role == "public")
    return page(request, response, found, limit, after)
