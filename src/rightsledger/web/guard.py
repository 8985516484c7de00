"""The public view's last guard: every text response (pages, the API, error pages) passes
through privacy.guard, so that a victim's real name that reached any text — a source's
quote, a claim, a description, an echoed URL — goes out as the pseudonym. The guard is
built again whenever a victim is added or changed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from rightsledger.privacy.guard import NameGuard, fingerprint

SKIPPED = ("/static/", "/vendor/")


def _current(app: FastAPI) -> NameGuard:
    ledger = app.state.ledger
    with ledger.store.reading() as conn:
        now = fingerprint(conn)
        cached = getattr(app.state, "name_guard", None)
        if cached is None or cached[0] != now:
            app.state.name_guard = (now, NameGuard.of_ledger(conn, ledger.secret))
    guard: NameGuard = app.state.name_guard[1]
    return guard


def install(app: FastAPI) -> None:
    """Guard the responses of a public app."""

    @app.middleware("http")
    async def guard_names(request: Request,
                          call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        kind = response.headers.get("content-type", "")
        if request.url.path.startswith(SKIPPED) or not (
                kind.startswith("text/") or "json" in kind):
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        guard = await run_in_threadpool(_current, app)
        cleaned = guard.clean(body.decode("utf-8", errors="replace")).encode("utf-8")
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(cleaned, status_code=response.status_code, headers=headers)
