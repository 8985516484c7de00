"""Capturing a link from the web UI (analysts): the upload page's "Capture a link" form;
the capture's screenshot and PDF for the source page to show."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from rightsledger.errors import BadInput, NotFound
from rightsledger.evidence import replay
from rightsledger.web.auth import check_csrf, require
from rightsledger.workflow.capture import capture_one

router = APIRouter()
PARTS = {"screenshot.png": ("screenshot", "image/png"), "page.pdf": ("pdf", "application/pdf")}


@router.post("/capture")
def capture_link(request: Request, url: str = Form(...),
                 csrf: str = Form("")) -> RedirectResponse:
    """Capture one page (in this request: up to the setting capture_timeout_s) and show
    its source page; a URL that cannot be reached is a 400 naming it."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    try:
        done = capture_one(request.app.state.ledger, url, who.user.name)
    except BadInput as exc:  # the one field there is: say so
        raise BadInput(str(exc) if str(exc).startswith("url: ") else f"url: {exc}") from exc
    if done.source_id is None:
        raise BadInput(f"url: {done.message or 'the capture was not stored'}")
    return RedirectResponse(f"/sources/{done.source_id}", status_code=303)


@router.get("/sources/{ref}/capture/{part}")
def capture_part(request: Request, ref: str, part: str) -> Response:
    """A captured page's screenshot or PDF, from the stored WACZ (viewers and up)."""
    require(request)
    if part not in PARTS:
        raise NotFound(f"no part '{part}' of a capture: {', '.join(PARTS)}")
    ledger = request.app.state.ledger
    source = ledger.store.get_source(ref)
    if source.reader != "wacz.v1":
        raise NotFound(f"source {source.id[:12]} is not a web capture")
    archived = replay.load(ledger.objects.read(source.id))
    attribute, mime = PARTS[part]
    body = getattr(archived, attribute)
    if not body:
        raise NotFound(f"this capture has no {part}")
    return Response(body, media_type=mime, headers={"X-Content-Type-Options": "nosniff",
                                                    "Content-Security-Policy": "sandbox"})
