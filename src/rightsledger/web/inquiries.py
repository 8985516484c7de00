"""Inquiries to state bodies: the tracker page (filters: status, addressee, overdue on a
day), one inquiry's page, and their JSON API. For signed-in users only: the public view has
no inquiries (they are answered 404 "not published")."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from rightsledger.records import inquiries
from rightsledger.web import schemas
from rightsledger.web.api import DAY, MAX_ID, PublicViewRoute, failures, shows
from rightsledger.web.auth import require
from rightsledger.web.pages import render

router = APIRouter()
api = APIRouter(route_class=PublicViewRoute)
STATUS = Query(None, json_schema_extra={"enum": list(inquiries.STATUSES)})
TO = Query(None, description="an addressee: an actor's name or alias")
OVERDUE = Query(False, description="only those overdue on the day")


def _listed(request: Request, on: str | None, status: str | None, to: str | None,
            overdue: bool) -> tuple[date, list[dict[str, Any]]]:
    """The day (default today) and the inquiries sent by then that pass the filters."""
    day = inquiries.check_filters(status, on) or date.today()
    with request.app.state.ledger.store.reading() as conn:
        return day, inquiries.find(conn, on=day, status=status, addressee=to or None,
                                   overdue=overdue)


@router.get("/inquiries", response_class=HTMLResponse)
def inquiry_list(request: Request, on: str | None = None, status: str | None = None,
                 to: str | None = None, overdue: bool = False) -> HTMLResponse:
    require(request, "viewer")
    day, found = _listed(request, on, status or None, to, overdue)  # a form's blank: any
    return render(request, "inquiries.html", inquiries=found, day=day,
                  tally=inquiries.tally(found), statuses=inquiries.STATUSES,
                  filters={"on": on or "", "status": status or "", "to": to or "",
                           "overdue": overdue})


@router.get("/inquiries/{inquiry_id}", response_class=HTMLResponse)
def inquiry_page(request: Request, inquiry_id: int = Path(ge=1, le=MAX_ID),
                 on: str | None = None) -> HTMLResponse:
    require(request, "viewer")
    day = inquiries.check_filters(on=on)
    with request.app.state.ledger.store.reading() as conn:
        shown = inquiries.get(conn, inquiry_id, on=day)
    return render(request, "inquiry.html", inquiry=shown)


@api.get("/inquiries", responses=failures(400, 401, 404, 422),
         openapi_extra=shows("inquiry"), response_model=list[schemas.Inquiry])
def api_inquiries(request: Request, on: str | None = DAY, status: str | None = STATUS,
                  to: str | None = TO, overdue: bool = OVERDUE) -> list[dict[str, Any]]:
    """Inquiries sent by ``on`` (default today) with their status that day — open,
    answered, overdue, closed — their questions, replies and reminders; filtered by status,
    addressee, or overdue (the public view: 404, inquiries are not published)."""
    require(request, "viewer")
    return _listed(request, on, status, to, overdue)[1]


@api.get("/inquiries/{inquiry_id}", responses=failures(400, 401, 404, 422),
         openapi_extra=shows("inquiry"), response_model=schemas.Inquiry)
def api_inquiry(request: Request, inquiry_id: int = Path(ge=1, le=MAX_ID),
                on: str | None = DAY) -> dict[str, Any]:
    """One inquiry with its status on ``on`` (default today)."""
    require(request, "viewer")
    day = inquiries.check_filters(on=on)
    with request.app.state.ledger.store.reading() as conn:
        return inquiries.get(conn, inquiry_id, on=day)
