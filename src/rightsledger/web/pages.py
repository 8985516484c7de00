"""The pages: sign in, dashboard, incidents, one incident (with review actions),
disruptions. Each handler reads through the library and renders one template."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from rightsledger import accounts
from rightsledger.media import photos, stories
from rightsledger.privacy.redact import public_page
from rightsledger.records import audit, disruptions, incidents, obligations
from rightsledger.records.dates import parse_day
from rightsledger.review import decide
from rightsledger.web import security
from rightsledger.web.auth import (
    LOGIN_CSRF,
    check_csrf,
    cookie_name,
    public_view,
    require,
    visitor,
)

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
router = APIRouter()


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    if request.app.state.public:  # every public page's records: their public view
        context = public_page(context)
    return templates.TemplateResponse(request, name, {"who": visitor(request), **context},
                                      status_code=code)


def error_page(request: Request, code: int, message: str) -> HTMLResponse:
    return render(request, "error.html", code, status=code, message=message)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    if request.app.state.public:
        return error_page(request, 404, "this is the public view: there is nothing to sign in to")
    token = secrets.token_urlsafe(24)
    page = render(request, "login.html", csrf=token, next=_local(next), message="")
    page.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict",
                    secure=request.url.scheme == "https")
    return page


@router.post("/login", response_model=None)
def login(request: Request, name: str = Form(...), password: str = Form(...),
          csrf: str = Form(""), next: str = Form("/"),
          code: str = Form("")) -> HTMLResponse | RedirectResponse:
    if request.app.state.public or not csrf or csrf != request.cookies.get(LOGIN_CSRF):
        if not request.app.state.public:
            security.log(request, "anonymous", "login-refused", name=name,
                         why="stale sign-in form")
        return error_page(request, 403, "the sign-in form is out of date: reload it")
    key = (request.client.host if request.client else "?", name)
    limiter = request.app.state.limiter
    if limiter.blocked(key):
        security.log(request, "anonymous", "login-throttled", name=name)
        return render(request, "login.html", 429, csrf=csrf, next=_local(next),
                      message="too many failed attempts: wait five minutes")
    ledger = request.app.state.ledger
    with ledger.store.writing() as conn:
        user = accounts.check_password(conn, name, password)
        refused = "wrong name, password or code" if user is None else \
            accounts.second_factor(conn, ledger.secret, user, code)
        token = accounts.open_session(conn, user)[0] if user and not refused else None
    if token is None:
        limiter.failed(key)
        security.log(request, "anonymous", "login-failed", name=name,
                     why="second factor" if user else "password")
        return render(request, "login.html", 401, csrf=csrf, next=_local(next),
                      message=refused)
    assert user is not None  # a session was opened for them
    security.log(request, user.name, "login", role=user.role)
    done = RedirectResponse(_local(next), status_code=303)
    done.set_cookie(cookie_name(request), token, httponly=True, samesite="strict",
                    secure=request.url.scheme == "https",
                    max_age=accounts.SESSION_HOURS * 3600)
    return done


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
    who = require(request)
    check_csrf(who, csrf)
    with request.app.state.ledger.store.writing() as conn:
        accounts.close_session(conn, request.cookies.get(cookie_name(request), ""))
    security.log(request, who.user.name, "logout")
    done = RedirectResponse("/login", status_code=303)
    done.delete_cookie(cookie_name(request), secure=request.url.scheme == "https",
                       httponly=True, samesite="strict")
    return done


def _local(target: str) -> str:
    """Only redirect within this site."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, as_of: str | None = None,
              on: str | None = None) -> HTMLResponse:
    """What was cut off as of a day (``as_of``; ``on`` is its older name), by default the
    ledger's latest day of data, with the counts of ``disruptions.on_day``."""
    public = require(request, "public").user.role == "public"
    live = ("accepted",) if public else ("accepted", "proposed")
    field, given = ("as_of", as_of) if as_of or not on else ("on", on)
    with request.app.state.ledger.store.reading() as conn:
        day = disruptions.as_of_day(conn, given, field, public)
        cut = disruptions.on_day(conn, day)
        orders = [o for o in obligations.find(conn, on=day)
                  if o["status"] in ("not_complied", "partial", "overdue")]
        latest = incidents.with_place_names(conn, incidents.find(conn, status="accepted",
                                                                 limit=10))
        by_type = incidents.counts(conn, "type", live)
        by_grade = incidents.counts(conn, "grade", live)
        proposed = sum(n for _, n in incidents.counts(conn, "status", ("proposed",)))
    return render(request, "dashboard.html", day=day, disruptions=cut, obligations=orders,
                  latest=latest, by_type=by_type, by_grade=by_grade, proposed=proposed)


@router.get("/incidents", response_class=HTMLResponse)
def incident_list(request: Request, type: str | None = None, status: str | None = None,
                  place: str | None = None, date_from: str | None = None,
                  date_to: str | None = None) -> HTMLResponse:
    if require(request, "public").user.role == "public":
        status = "accepted"
    with request.app.state.ledger.store.reading() as conn:
        if status == "proposed":  # the review queue: events in order, each with its words
            found = [i for i in decide.queue(conn, 200) if _matches(i, type, place)]
        else:
            found = incidents.with_place_names(conn, incidents.find(
                conn, type_=type or None, status=status or None, place=place or None,
                date_from=date_from or None, date_to=date_to or None, limit=200))
    return render(request, "incidents.html", incidents=found, types=incidents.types(),
                  queue=status == "proposed",
                  filters={"type": type, "status": status, "place": place,
                           "date_from": date_from, "date_to": date_to})


def _matches(incident: dict[str, Any], type_: str | None, place: str | None) -> bool:
    return (not type_ or incident["type"] == type_) and (
        not place or place.casefold() in (n.casefold() for n in incident["place_names"]))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: int) -> HTMLResponse:
    who = require(request, "public")
    public = who.user.role == "public"
    ledger = request.app.state.ledger
    with ledger.store.reading() as conn:
        shown = decide.detail(conn, incident_id)
        history = list(audit.entries(conn, "incident", incident_id))
        pictures = photos.visible(conn, public, incident_id=incident_id)
        told = [s for s in (stories.published(conn, ledger.secret, "web") if public
                            else stories.find(conn))  # titles only: no decrypting
                if incident_id in s["incident_ids"]]
    if public:
        shown, history = public_view(shown), []
    return render(request, "incident.html", incident=shown, history=history,
                  photos=pictures, stories=told,
                  may_review=who.user.may("analyst"), csrf=who.csrf, types=incidents.types())


@router.post("/incidents/{incident_id}/decide")
def decide_incident(request: Request, incident_id: int, action: str = Form(...),
                    version: int = Form(...), reason: str = Form(""),
                    into: str = Form(""), csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with request.app.state.ledger.store.writing() as conn:
        if action == "accept":
            decide.accept(conn, incident_id, who.user.name, version)
        elif action == "reject":
            decide.reject(conn, incident_id, reason, who.user.name, version)
        elif action == "merge" and into.strip().isdigit():
            decide.merge(conn, incident_id, int(into), who.user.name, version)
            return RedirectResponse(f"/incidents/{int(into)}", status_code=303)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@router.post("/incidents/{incident_id}/edit")
def edit_incident(request: Request, incident_id: int, version: int = Form(...),
                  type: str = Form(...), date_start: str = Form(""), date_end: str = Form(""),
                  places: str = Form(""), description: str = Form(""),
                  csrf: str = Form("")) -> RedirectResponse:
    """Correct an incident's fields (the machine's suggestion stays on record)."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    changes = {"type": type, "date_start": date_start or None, "date_end": date_end or None,
               "places": [p.strip() for p in places.split(";") if p.strip()],
               "description": description.strip()}
    with request.app.state.ledger.store.writing() as conn:
        decide.edit(conn, incident_id, changes, who.user.name, version)
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@router.get("/disruptions", response_class=HTMLResponse)
def disruption_list(request: Request, on: str | None = None,
                    as_of: str | None = None) -> HTMLResponse:
    """Disruptions (those active ``on`` a day), each counted as of ``as_of``: by default
    ``on``, else the ledger's latest day of data."""
    public = require(request, "public").user.role == "public"
    day = parse_day(on, "on")
    with request.app.state.ledger.store.reading() as conn:
        counted_to = parse_day(as_of, "as_of") or day or disruptions.as_of_day(conn,
                                                                              public=public)
        found = disruptions.find(conn, on=day, as_of=counted_to)
    return render(request, "disruptions.html", disruptions=found, day=day, as_of=counted_to)
