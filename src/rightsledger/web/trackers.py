"""The trackers page: statements with their demands and responses; obligations with their
compliance status on a day and the evidence for it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rightsledger.records import obligations, statements
from rightsledger.records.dates import parse_day
from rightsledger.web.auth import require
from rightsledger.web.pages import render

router = APIRouter()


@router.get("/trackers", response_class=HTMLResponse)
def trackers(request: Request, on: str | None = None) -> HTMLResponse:
    require(request, "public")
    day = parse_day(on, "on")
    with request.app.state.ledger.store.reading() as conn:
        said = [s for s in statements.find(conn) if not s.get("response_to")]
        ordered = obligations.find(conn, on=day)
    return render(request, "trackers.html", statements=said, obligations=ordered, day=day)
