"""The app factory: one open ledger per process, pages and API mounted on it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import date
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from xstatic.pkg import leaflet, leaflet_markercluster

from rightsledger.errors import BadInput, Conflict, NotFound
from rightsledger.ledger import Ledger
from rightsledger.media import consent
from rightsledger.web import (
    admin,
    api,
    capture,
    docs,
    guard,
    inquiries,
    maps,
    media,
    network,
    pages,
    reports,
    security,
    sources,
    timeline,
    trackers,
    upload,
)
from rightsledger.web.auth import BEARER, LoginLimiter

HERE = Path(__file__).resolve().parent
log = logging.getLogger("rightsledger.web")


def create_app(ledger_path: Path | str, public: bool = False,
               passphrase: str | None = None) -> FastAPI:
    """The web application over the ledger at ``ledger_path`` (an encrypted one opened with
    ``passphrase``). With ``public``, nobody signs in and everyone sees the public view:
    accepted incidents only, redacted."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ledger = Ledger.open(ledger_path, passphrase)
        with app.state.ledger.store.writing() as conn:  # consents lapsed while it was down
            consent.sweep(conn, date.today(), "rightsledger-serve")
        upload.install(app, app.state.ledger)  # resumes the uploads a kill cut short
        reports.install(app, app.state.ledger)  # names cut the builds a kill cut short
        yield
        reports.uninstall(app)
        upload.uninstall(app)
        app.state.ledger.close()

    app = FastAPI(title="RightsLedger", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="JSON API of a RightsLedger ledger: what the pages show.")
    app.state.limiter = LoginLimiter()
    app.state.public = public
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for name, package in (("leaflet", leaflet), ("markercluster", leaflet_markercluster)):
        app.mount(f"/vendor/{name}", StaticFiles(directory=package.BASE_DIR), name=name)
    docs.install(app)  # /docs, Swagger UI from our own origin
    app.include_router(pages.router)
    app.include_router(sources.router)
    app.include_router(trackers.router)
    app.include_router(inquiries.router)
    app.include_router(maps.router)
    app.include_router(timeline.router)
    app.include_router(upload.router)
    app.include_router(capture.router)
    app.include_router(reports.router)
    app.include_router(media.router)
    app.include_router(network.router)
    app.include_router(admin.router)
    signed_in = [] if public else [Security(BEARER)]  # the public view asks nobody
    for json_api in (maps.api, api.router, inquiries.api, sources.api):
        app.include_router(json_api, prefix="/api", dependencies=signed_in)
    if public:
        guard.install(app)
    security.install(app)
    api.problems_documented(app)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    for error, status in ((NotFound, 404), (BadInput, 400), (Conflict, 409)):
        app.add_exception_handler(error, _user_error(status))  # type: ignore[arg-type]
    for too_big in (OverflowError, DataError):  # an id past the database's integers
        app.add_exception_handler(too_big, _out_of_range)
    return app


def problem(status: int, detail: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """An error of the JSON API as RFC 9457 problem details: no type of our own (about:blank),
    the status's phrase as its title, and one line saying what was wrong as its detail."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail}
    return JSONResponse(body, status_code=status, headers=headers, media_type=api.PROBLEM)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if request.url.path.startswith("/api/"):  # its headers too: Allow of a 405, say
        return problem(exc.status_code, str(exc.detail), exc.headers)
    if exc.status_code == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    page = pages.error_page(request, exc.status_code, str(exc.detail))
    page.headers.update(exc.headers or {})
    return page


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    """A malformed form field or query parameter: say which, in one line (422)."""
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
                         for e in exc.errors())
    if request.url.path.startswith("/api/"):
        return problem(422, problems)
    return pages.error_page(request, 422, problems)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug: the user gets a plain page (no stack trace); the log gets the details."""
    log.exception("error serving %s", request.url.path)
    message = "something went wrong on the server; it has been logged"
    if request.url.path.startswith("/api/"):  # hardened here: no middleware sees a 500
        return security.harden(request, problem(500, message))
    return security.harden(request, HTMLResponse(f"<h1>Server error</h1><p>{message}</p>",
                                                 status_code=500))


async def _out_of_range(request: Request, exc: Exception) -> Response:
    """SQLite cannot bind an integer past 2**63 and PostgreSQL refuses one past its column:
    the request's number is out of range (400), not a server error."""
    message = "a number is out of range: ids and counts are below 2**31"
    if request.url.path.startswith("/api/"):
        return problem(400, message)
    return pages.error_page(request, 400, message)


def _user_error(status: int):  # type: ignore[no-untyped-def]
    async def handle(request: Request, exc: Exception) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/api/"):
            return problem(status, str(exc))
        return pages.error_page(request, status, str(exc))
    return handle
