"""Pages of the photo bank, consent records and human stories.

Everyone signed in browses the bank through the public copies (never the original: that is
the analysts' download on the source page); analysts also see the EXIF (time, camera, GPS),
add photos, confirm public copies and record or withdraw consent. The public view shows only
photos and stories whose consent covers the web today, and stories only with pseudonyms;
viewers read stories as the public does.
"""

from __future__ import annotations

import shutil
from datetime import date

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rightsledger.ledger import Ledger
from rightsledger.media import consent, photos, stories
from rightsledger.records import audit
from rightsledger.web.auth import check_csrf, require
from rightsledger.web.pages import render
from rightsledger.web.upload import receive, safe_relative

router = APIRouter()


def _ledger(request: Request) -> Ledger:
    ledger: Ledger = request.app.state.ledger
    return ledger


@router.get("/photos", response_class=HTMLResponse)
def photo_bank(request: Request, incident: int | None = None, place: str | None = None,
               photographer: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> HTMLResponse:
    who = require(request, "public")
    public = who.user.role == "public"
    with _ledger(request).store.reading() as conn:
        found = photos.visible(conn, public, incident_id=incident, place=place or None,
                               photographer=photographer or None,
                               date_from=date_from or None, date_to=date_to or None)
        groups = [] if public else photos.near_identical(conn)
        names = photos.photographers(conn) if not public else []
    return render(request, "photos.html", photos=found, groups=groups, photographers=names,
                  may_edit=who.user.may("analyst"), csrf=who.csrf, public=public,
                  filters={"incident": incident, "place": place, "photographer": photographer,
                           "date_from": date_from, "date_to": date_to})


@router.post("/photos")
def add_photo(request: Request, file: UploadFile, csrf: str = Form(""),
              incident: str = Form(""), place: str = Form(""), photographer: str = Form(""),
              credit: str = Form(""), licence: str = Form(""), caption: str = Form(""),
              blur_faces: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    folder = ledger.staging("photo")
    try:
        target = folder / safe_relative(file.filename or "photo.jpg").name
        receive(file, target, int(ledger.settings["max_file_size_mb"]) * 2**20)
        values = {"incident_id": incident.strip() or None, "place": place.strip() or None,
                  "photographer": photographer, "credit": credit, "licence": licence,
                  "caption": caption}
        photo_id = photos.add(ledger, target, values, who.user.name, bool(blur_faces))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return RedirectResponse(f"/photos/{photo_id}", status_code=303)


def _visible(request: Request, photo_id: int) -> tuple[dict, bool]:
    """A photo the visitor may see (the public: only published ones, else 404)."""
    who = require(request, "public")
    with _ledger(request).store.reading() as conn:
        shown = photos.get(conn, photo_id)
        history = list(audit.entries(conn, "photo", photo_id))
    if who.user.role == "public" and (shown["web"] != "allowed"):
        raise HTTPException(404, "not published")
    shown["history"] = history
    return shown, who.user.role == "public"


@router.get("/photos/{photo_id}", response_class=HTMLResponse)
def photo_page(request: Request, photo_id: int) -> HTMLResponse:
    shown, public = _visible(request, photo_id)
    who = require(request, "public")
    analyst = who.user.may("analyst")
    if not analyst:  # viewers and the public: no EXIF position, no consent details
        shown = {**shown, "lat": None, "lon": None, "camera": None, "consents": [],
                 "history": [], "flags": []}
    return render(request, "photo.html", photo=shown, public=public, analyst=analyst,
                  csrf=who.csrf, uses=consent.USES, today=date.today())


@router.get("/photos/{photo_id}/copy.jpg")
def photo_copy(request: Request, photo_id: int) -> Response:
    """The public copy (no EXIF, no GPS); the original is never served here."""
    _visible(request, photo_id)
    return Response(photos.public_copy(_ledger(request), photo_id), media_type="image/jpeg",
                    headers={"X-Content-Type-Options": "nosniff",
                             "Cache-Control": "private, max-age=60"})


@router.post("/photos/{photo_id}/edit")
def edit_photo(request: Request, photo_id: int, version: int = Form(...),
               incident: str = Form(""), place: str = Form(""), photographer: str = Form(""),
               credit: str = Form(""), licence: str = Form(""), caption: str = Form(""),
               csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    values = {"incident_id": incident.strip() or None, "place": place.strip() or None,
              "photographer": photographer, "credit": credit, "licence": licence,
              "caption": caption}
    with _ledger(request).store.writing() as conn:
        photos.edit(conn, photo_id, values, who.user.name, version)
    return RedirectResponse(f"/photos/{photo_id}", status_code=303)


@router.post("/photos/{photo_id}/confirm")
def confirm_photo(request: Request, photo_id: int, version: int = Form(...),
                  csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with _ledger(request).store.writing() as conn:
        photos.confirm(conn, photo_id, who.user.name, version)
    return RedirectResponse(f"/photos/{photo_id}", status_code=303)


@router.post("/consents")
def add_consent(request: Request, item_kind: str = Form(...), item_id: int = Form(...),
                person: str = Form(""), given_by: str = Form(""), through: str = Form(""),
                scopes: list[str] = Form([]), given_on: str = Form(""),
                expires_on: str = Form(""), csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    with ledger.store.writing() as conn:
        consent.add(conn, ledger.secret, {
            "item_kind": item_kind, "item_id": item_id, "person": person,
            "given_by": given_by or None, "through": through, "scopes": scopes,
            "given_on": given_on or None, "expires_on": expires_on or None}, who.user.name)
    return RedirectResponse(_item_page(item_kind, item_id), status_code=303)


@router.post("/consents/{consent_id}/withdraw")
def withdraw_consent(request: Request, consent_id: int, reason: str = Form(""),
                     csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    with _ledger(request).store.writing() as conn:
        row = consent.withdraw(conn, consent_id, None, reason, who.user.name)
    return RedirectResponse(_item_page(row["item_kind"], row["item_id"]), status_code=303)


def _item_page(kind: str, item_id: int) -> str:
    return f"/{'photos' if kind == 'photo' else 'stories'}/{int(item_id)}"


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request) -> HTMLResponse:
    who = require(request, "public")
    ledger = _ledger(request)
    with ledger.store.reading() as conn:
        found = stories.visible(conn, ledger.secret, who.user.role == "public")
    return render(request, "stories.html", stories=found, may_edit=who.user.may("analyst"),
                  csrf=who.csrf)


@router.post("/stories")
def add_story(request: Request, title: str = Form(""), body: str = Form(""),
              incident_ids: str = Form(""), victim_ids: str = Form(""),
              csrf: str = Form("")) -> RedirectResponse:
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = _ledger(request)
    values = {"title": title, "body": body, "incident_ids": _ids(incident_ids),
              "victim_ids": _ids(victim_ids)}
    with ledger.store.writing() as conn:
        story_id = stories.add(conn, ledger.secret, values, who.user.name)
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int) -> HTMLResponse:
    who = require(request, "public")
    ledger = _ledger(request)
    with ledger.store.reading() as conn:
        full = stories.get(conn, ledger.secret, story_id)
        shown = stories.public_of(conn, full)
    if who.user.role == "public" and full["web"] != "allowed":
        raise HTTPException(404, "not published")
    analyst = who.user.may("analyst")
    return render(request, "story.html", story=shown, full=full if analyst else None,
                  analyst=analyst, csrf=who.csrf, uses=consent.USES, today=date.today())
