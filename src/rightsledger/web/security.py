"""The security log of the web application (promise 13 of docs/security.md): every login
decision, sign-out and denied access goes to the records' audit log — hash-chained, times in
UTC — as entity "security" with the request's id, never with a password or a session token.
Views of sensitive data (a contact's details, a victim's name) are audited where they are
read, and downloads of originals and publications in the custody log.

Every response carries its request id in ``X-Request-ID``, so a person can match what they
saw with the log.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response

from rightsledger.records import audit

HEADER = "X-Request-ID"


def request_id(request: Request) -> str:
    if not hasattr(request.state, "request_id"):
        request.state.request_id = uuid.uuid4().hex[:16]
    return str(request.state.request_id)


def log(request: Request, actor: str, action: str, **details: Any) -> None:
    """One security event, in its own write transaction."""
    after = {"request": request_id(request), "method": request.method,
             "path": request.url.path, **details}
    with request.app.state.ledger.store.writing() as conn:
        audit.write(conn, actor, action, "security", request_id(request), after=after)


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def tag(request: Request,
                  call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers[HEADER] = request_id(request)
        return response
