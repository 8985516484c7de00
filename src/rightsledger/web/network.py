"""Pages of the network: contacts and engagements (press trips, conferences).

Signed-in users see contacts by code, kind, expertise, languages and region. A contact's
name, how to reach them and the notes appear only after a deliberate "show" (a POST, so it
cannot be triggered by a link or a prefetch), only to roles at or above the ledger's
``contact_details_role``, and each showing is written to the audit log. The public view has
no network pages at all.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from rightsledger.ledger import Ledger
from rightsledger.network import contacts, engagements
from rightsledger.records import audit
from rightsledger.web.auth import Visitor, check_csrf, require
from rightsledger.web.pages import render

router = APIRouter()


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


def _may_see(request: Request, who: Visitor) -> bool:
    return contacts.may_see_details(who.user.role, _ledger(request).settings)


@router.get("/contacts", response_class=HTMLResponse)
def contact_list(request: Request, kind: str | None = None,
                 text: str | None = None) -> HTMLResponse:
    who = require(request, "viewer")
    with _ledger(request).store.reading() as conn:
        found = contacts.list_(conn, kind or None, text or None)
    return render(request, "contacts.html", contacts=found, kinds=contacts.KINDS,
                  filters={"kind": kind, "text": text}, may_edit=who.user.may("analyst"),
                  csrf=who.csrf)


@router.post("/contacts")
def add_contact(request: Request, name: str = Form(""), kind: str = Form("other"),
                reach: str = Form(""), expertise: str = Form(""), languages: str = Form(""),
                region: str = Form(""), vouched_by: str = Form(""),
                last_contact: str = Form(""), notes: str = Form(""),
                csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    values = {"name": name, "kind": kind, "reach": reach, "expertise": expertise,
              "languages": languages, "region": region, "vouched_by": vouched_by,
              "last_contact": last_contact or None, "notes": notes}
    with ledger.store.writing() as conn:
        contact_id = contacts.add(conn, ledger.secret, values, who.user.name)
    return RedirectResponse(f"/contacts/{contact_id}", status_code=303)


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def contact_page(request: Request, contact_id: int) -> HTMLResponse:
    who = require(request, "viewer")
    with _ledger(request).store.reading() as conn:
        shown = contacts.get(conn, contact_id)
        views = [e for e in audit.entries(conn, "contact", contact_id)
                 if e.action == "reveal"] if _may_see(request, who) else []
    return render(request, "contact.html", contact=shown, details=None, views=views,
                  may_see=_may_see(request, who), csrf=who.csrf)


@router.post("/contacts/{contact_id}/reveal", response_class=HTMLResponse)
def reveal_contact(request: Request, contact_id: int, csrf: str = Form("")) -> HTMLResponse:
    who = require(request, "viewer")
    check_csrf(who, csrf)
    if not _may_see(request, who):
        raise HTTPException(403, "contact details are shown only to the roles given access "
                                 "(setting contact_details_role)")
    ledger = _ledger(request)
    with ledger.store.writing() as conn:
        details = contacts.reveal(conn, ledger.secret, contact_id, who.user.name)
        views = [e for e in audit.entries(conn, "contact", contact_id) if e.action == "reveal"]
    page = render(request, "contact.html", contact=details, details=details, views=views,
                  may_see=True, csrf=who.csrf)
    page.headers["Cache-Control"] = "no-store"
    return page


@router.get("/engagements", response_class=HTMLResponse)
def engagement_list(request: Request) -> HTMLResponse:
    who = require(request, "viewer")
    with _ledger(request).store.reading() as conn:
        found = engagements.find(conn)
    return render(request, "engagements.html", engagements=found, kinds=engagements.KINDS,
                  may_edit=who.user.may("analyst"), csrf=who.csrf)


@router.post("/engagements")
def add_engagement(request: Request, kind: str = Form(""), title: str = Form(""),
                   start: str = Form(""), end: str = Form(""), places: str = Form(""),
                   participants: str = Form(""), agenda: str = Form(""),
                   materials: str = Form(""), coverage: str = Form(""),
                   csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    values = {"kind": kind, "title": title, "start": start or None, "end": end or None,
              "places": _list(places), "participants": _list(participants),
              "agenda": agenda, "materials": _list(materials), "coverage": _list(coverage)}
    with _ledger(request).store.writing() as conn:
        new_id = engagements.add(conn, values, who.user.name)
    return RedirectResponse(f"/engagements/{new_id}", status_code=303)


def _list(text: str) -> list[str]:
    """One item per line (or separated by ';')."""
    return [p.strip() for p in text.replace(";", "\n").splitlines() if p.strip()]


@router.get("/engagements/{engagement_id}", response_class=HTMLResponse)
def engagement_page(request: Request, engagement_id: int) -> HTMLResponse:
    who = require(request, "viewer")
    with _ledger(request).store.reading() as conn:
        shown = engagements.get(conn, engagement_id)
        codes = contacts.codes(conn, [p["contact_id"] for p in shown["participants"]
                                      if "contact_id" in p])
    return render(request, "engagement.html", engagement=shown, codes=codes,
                  may_edit=who.user.may("analyst"), csrf=who.csrf)


@router.post("/engagements/{engagement_id}/coverage")
def add_coverage(request: Request, engagement_id: int, sources: str = Form(""),
                 csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with _ledger(request).store.writing() as conn:
        engagements.add_coverage(conn, engagement_id, _list(sources), who.user.name)
    return RedirectResponse(f"/engagements/{engagement_id}", status_code=303)
