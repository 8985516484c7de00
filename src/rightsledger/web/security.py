"""The security log of the web application (promise 13 of docs/security.md): every login
decision, sign-out and denied access goes to the records' audit log — hash-chained, times in
UTC — as entity "security" with the request's id, never with a password or a session token.
Views of sensitive data (a contact's details, a victim's name) are audited where they are
read, and downloads of originals and publications in the custody log.

Every response carries its request id in ``X-Request-ID``, so a person can match what they
saw with the log, and the headers that keep a browser strict with our pages (promise 16):
a Content-Security-Policy that allows this site's own scripts, styles and images only (the
map draws its own basemap: no tile server), no framing, no referrer, no camera or
microphone or location, no MIME sniffing, and HSTS over https.

The client's address, which sign-in limits count (promise 8), is the connection's own
unless it comes from a proxy named in the ``trusted_proxies`` setting.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from rightsledger.errors import LedgerError
from rightsledger.records import audit

HEADER = "X-Request-ID"
HARDENING = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                          "magnetometer=(), microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000"  # a year; not includeSubDomains: the office's other hosts are theirs


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


CONTENT_POLICY = "; ".join((
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "font-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
    "base-uri 'none'"))


def content_policy() -> str:
    """The Content-Security-Policy: nothing from anywhere but this site, no inline script or
    style, no framing, forms to us only."""
    return CONTENT_POLICY


def harden(request: Request, response: Response) -> Response:
    """Set the request id and the browser's security headers on ``response``."""
    response.headers[HEADER] = request_id(request)
    policy = content_policy()
    own = response.headers.get("Content-Security-Policy")  # an original's download: sandbox
    response.headers["Content-Security-Policy"] = f"{own}; {policy}" if own else policy
    response.headers.update(HARDENING)
    if request.url.scheme == "https":
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def trusted_proxies(setting: Any) -> list[str]:
    """The addresses and networks of the ``trusted_proxies`` setting (a comma-separated text
    or a list); a LedgerError naming the first that is neither."""
    named = setting.split(",") if isinstance(setting, str) else list(setting or [])
    found = [str(n).strip() for n in named if str(n).strip()]
    for entry in found:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise LedgerError(f"setting trusted_proxies: '{entry}' is not an address or a "
                              "network (10.0.0.2, 10.0.0.0/24)") from None
    return found


class ForwardedByProxies:
    """X-Forwarded-For and X-Forwarded-Proto believed from the proxies the ledger's
    ``trusted_proxies`` names, and from nobody else (uvicorn itself runs without its own
    proxy headers): a client that sends them itself is still known by its own address."""

    def __init__(self, app: ASGIApp, owner: FastAPI) -> None:
        self.app, self.owner = app, owner
        self.inner: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if self.inner is None:  # the ledger, and so its settings, opens with the app
            named = trusted_proxies(self.owner.state.ledger.settings["trusted_proxies"])
            inner: Any = self.app  # starlette's and uvicorn's ASGI types differ in name only
            self.inner = ProxyHeadersMiddleware(inner, named) if named else inner
        await self.inner(scope, receive, send)


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def tag(request: Request,
                  call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        return harden(request, await call_next(request))

    app.add_middleware(ForwardedByProxies, owner=app)  # outermost: before the address is read
