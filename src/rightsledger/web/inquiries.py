"""Inquiries to state bodies: the tracker page (filters: status, addressee, overdue on a
day), one inquiry's page, and their JSON API. For signed-in users only: the public view has
no inquiries (they are answered 404 "not published").

Analysts also write them from these pages: a new inquiry with its questions and the letter
as sent, a reply received (the reply's document ingested as a source of kind
inquiry_reply), a reminder, closing. Each form goes through the same checks as the CLI
(workflow.inquiries, records.inquiries): a bad field is a 400 naming it, nothing written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path as FilePath
from typing import Any, TypeVar

from fastapi import APIRouter, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import inquiries
from rightsledger.web import schemas
from rightsledger.web.api import DAY, MAX_ID, PublicViewRoute, failures, shows
from rightsledger.web.auth import check_csrf, require
from rightsledger.web.pages import render
from rightsledger.web.upload import receive, safe_relative
from rightsledger.workflow import inquiries as inquiry_flow

router = APIRouter()
api = APIRouter(route_class=PublicViewRoute)
STATUS = Query(None, json_schema_extra={"enum": list(inquiries.STATUSES)})
TO = Query(None, description="an addressee: an actor's name or alias")
OVERDUE = Query(False, description="only those overdue on the day")
ID = Path(ge=1, le=MAX_ID)
T = TypeVar("T")


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
    who = require(request, "viewer")
    day, found = _listed(request, on, status or None, to, overdue)  # a form's blank: any
    return render(request, "inquiries.html", inquiries=found, day=day,
                  tally=inquiries.tally(found), statuses=inquiries.STATUSES,
                  filters={"on": on or "", "status": status or "", "to": to or "",
                           "overdue": overdue}, may_edit=who.user.may("analyst"),
                  csrf=who.csrf, channels=inquiries.CHANNELS,
                  default_days=_ledger(request).settings["inquiry_deadline_days"])


@router.get("/inquiries/{inquiry_id}", response_class=HTMLResponse)
def inquiry_page(request: Request, inquiry_id: int = ID,
                 on: str | None = None) -> HTMLResponse:
    who = require(request, "viewer")
    day = inquiries.check_filters(on=on)
    with request.app.state.ledger.store.reading() as conn:
        shown = inquiries.get(conn, inquiry_id, on=day)
    return render(request, "inquiry.html", inquiry=shown, may_edit=who.user.may("analyst"),
                  csrf=who.csrf, channels=inquiries.CHANNELS, answers=inquiries.ANSWERS,
                  today=date.today().isoformat())


@router.post("/inquiries")
def send_inquiry(request: Request, csrf: str = Form(""), reference: str = Form(""),
                 to: str = Form(""), sent: str = Form(""), channel: str = Form(""),
                 subject: str = Form(""), questions: str = Form(""),
                 legal_basis: str = Form(""), deadline_days: str = Form(""),
                 incidents: str = Form(""), disruptions: str = Form(""),
                 rights: str = Form(""), letter: UploadFile | None = None) -> RedirectResponse:
    """A new inquiry from the tracker's form: one question per line; incidents, disruptions
    and rights separated by commas; the letter, a file, stored as a source first."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    values = {"reference": reference, "addressee": to, "sent": sent, "channel": channel,
              "subject": subject, "questions": questions.splitlines(),
              "legal_basis": legal_basis, "deadline_days": deadline_days,
              "incidents": _commas(incidents), "disruptions": _commas(disruptions),
              "rights": _commas(rights)}
    new_id = _with_file(request, letter, "letter", lambda path: inquiry_flow.send(
        _ledger(request), values, path, who.user.name))
    return RedirectResponse(f"/inquiries/{new_id}", status_code=303)


@router.post("/inquiries/{inquiry_id}/reply")
def reply_received(request: Request, inquiry_id: int = ID, csrf: str = Form(""),
                   received: str = Form(""), answers: list[str] = Form([]),
                   note: str = Form(""), document: UploadFile | None = None
                   ) -> RedirectResponse:
    """A reply: the day received, "N=status" for each question it answers (a select per
    question; its blank: not in this reply), the reply's document ingested and extracted."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    given = dict(a.split("=", 1) for a in answers if "=" in a)
    if any(a and "=" not in a for a in answers):
        raise BadInput("answers: give each as question number=status (e.g. 1=answered)")
    values = {"received": received, "answers": given, "note": note}
    _with_file(request, document, "document", lambda path: inquiry_flow.reply(
        _ledger(request), inquiry_id, values, path, who.user.name))
    return RedirectResponse(f"/inquiries/{inquiry_id}", status_code=303)


@router.post("/inquiries/{inquiry_id}/remind")
def reminder_sent(request: Request, inquiry_id: int = ID, csrf: str = Form(""),
                  sent: str = Form(""), channel: str = Form(""),
                  note: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with _ledger(request).store.writing() as conn:
        inquiries.remind(conn, inquiry_id, {"sent": sent, "channel": channel, "note": note},
                         who.user.name)
    return RedirectResponse(f"/inquiries/{inquiry_id}", status_code=303)


@router.post("/inquiries/{inquiry_id}/close")
def close_inquiry(request: Request, inquiry_id: int = ID, csrf: str = Form(""),
                  closed: str = Form(""), reason: str = Form(""),
                  version: int | None = Form(None)) -> RedirectResponse:
    """Close an inquiry; ``version``, the one the form showed, refuses a stale form (409)."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with _ledger(request).store.writing() as conn:
        inquiries.close(conn, inquiry_id, {"closed": closed, "reason": reason},
                        who.user.name, expected_version=version)
    return RedirectResponse(f"/inquiries/{inquiry_id}", status_code=303)


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _commas(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _with_file(request: Request, upload: UploadFile | None, field: str,
               write: Callable[[FilePath | None], T]) -> T:
    """``write`` given the uploaded file staged on disk (None when the form sent none); the
    staging folder is removed afterwards, whatever happens."""
    if upload is None or not upload.filename:
        return write(None)
    ledger = _ledger(request)
    folder = ledger.staging(f"inquiry-{field}")
    try:
        target = folder / safe_relative(upload.filename).name
        receive(upload, target, int(ledger.settings["max_file_size_mb"]) * 2**20)
        return write(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
def api_inquiry(request: Request, inquiry_id: int = ID,
                on: str | None = DAY) -> dict[str, Any]:
    """One inquiry with its status on ``on`` (default today)."""
    require(request, "viewer")
    day = inquiries.check_filters(on=on)
    with request.app.state.ledger.store.reading() as conn:
        return inquiries.get(conn, inquiry_id, on=day)
