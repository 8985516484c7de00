"""Administration: the users of this ledger and their roles (admins only)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from rightsledger import accounts
from rightsledger.web.auth import check_csrf, require
from rightsledger.web.pages import render

router = APIRouter()


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request) -> HTMLResponse:
    who = require(request, "admin")
    return _page(request, who.csrf)


@router.post("/admin/users", response_class=HTMLResponse)
def add_user(request: Request, name: str = Form(...), role: str = Form(...),
             csrf: str = Form("")) -> HTMLResponse:
    """Add a user; the generated password is shown once, on this page only."""
    who = require(request, "admin")
    check_csrf(who, csrf)
    ledger = request.app.state.ledger
    with ledger.store.writing() as conn:
        password = accounts.add_user(conn, name.strip(), role, None, who.user.name)
        factor = accounts.enrol_totp(conn, ledger.secret, name.strip(), who.user.name) \
            if role == "admin" else ""
    return _page(request, who.csrf, created=(name.strip(), password, factor))


def _page(request: Request, csrf: str,
          created: tuple[str, str, str] | None = None) -> HTMLResponse:
    with request.app.state.ledger.store.reading() as conn:
        found = accounts.list_users(conn)
    return render(request, "users.html", users=found, csrf=csrf, created=created,
                  roles=accounts.ROLES[:3])
