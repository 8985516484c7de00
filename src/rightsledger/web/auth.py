"""Who is asking: the session cookie (pages) or a bearer token (API); CSRF on every form;
failed logins limited per address and name — the connection's own address, or the one a
proxy named in the ``trusted_proxies`` setting forwarded (security.ForwardedByProxies)."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.security import HTTPBearer

from rightsledger import accounts
from rightsledger.accounts import User
from rightsledger.privacy.redact import public
from rightsledger.web import security

COOKIE = "rl_session"
LOGIN_CSRF = "rl_login_csrf"
MAX_FAILURES = 5  # failed logins per address and name ...
WINDOW_SECONDS = 300  # ... within this many seconds, then refused until they age out
ACCOUNT_FAILURES, ACCOUNT_WINDOW = 100, 3600  # per account, from any address


@dataclass(frozen=True)
class Visitor:
    user: User
    csrf: str  # "" for API tokens, which do not use forms


class LoginLimiter:
    """Failed login attempts in memory: per (address, name), and per account from any
    address (OWASP ASVS 2.2.1: at most 100 an hour, however many addresses try)."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, key: tuple[str, str], window: float) -> int:
        recent = self._failures[key]
        while recent and recent[0] < time.monotonic() - window:
            recent.popleft()
        return len(recent)

    def blocked(self, key: tuple[str, str]) -> bool:
        return (self._recent(key, WINDOW_SECONDS) >= MAX_FAILURES
                or self._recent(("*", key[1]), ACCOUNT_WINDOW) >= ACCOUNT_FAILURES)

    def failed(self, key: tuple[str, str]) -> None:
        now = time.monotonic()
        self._failures[key].append(now)
        self._failures[("*", key[1])].append(now)


def cookie_name(request: Request) -> str:
    """The session cookie's name: with the __Host- prefix over https (ASVS 3.4.4), which
    browsers accept only from a secure origin, for the whole site, without a domain."""
    return f"__Host-{COOKIE}" if request.url.scheme == "https" else COOKIE


PUBLIC = Visitor(User(0, "public", "public"), "")
# How the API's OpenAPI description says who may call it; checking is visitor()'s job.
BEARER = HTTPBearer(auto_error=False, scheme_name="token",
                    description="an API token: `rightsledger users token LEDGER NAME` "
                                "(a signed-in browser's session cookie works too)")


def visitor(request: Request) -> Visitor | None:
    """The signed-in user of this request, if any; everyone is the public in public mode."""
    if request.app.state.public:
        return PUBLIC
    if not hasattr(request.state, "visitor"):  # a page asks twice: to check, to render
        request.state.visitor = _signed_in(request)
    return request.state.visitor  # type: ignore[no-any-return]


def _signed_in(request: Request) -> Visitor | None:
    store = request.app.state.ledger.store
    header = request.headers.get("authorization", "")
    with store.reading() as conn:
        if header.lower().startswith("bearer "):
            user = accounts.by_token(conn, header[7:].strip())
            return Visitor(user, "") if user else None
        token = request.cookies.get(cookie_name(request))
        found = accounts.session_user(conn, token) if token else None
    if found is None or token is None:
        return None
    user, csrf, stale = found
    if stale:
        with store.writing() as conn:
            accounts.touch_session(conn, token)
    return Visitor(user, csrf)


def require(request: Request, role: str = "viewer") -> Visitor:
    """The visitor, who must be signed in with at least ``role``; else 401/403."""
    who = visitor(request)
    if who is None:
        security.log(request, "anonymous", "denied", needs=role, status=401)
        raise HTTPException(401, "sign in first")
    if not who.user.may(role):
        if who.user.role == "public":
            raise HTTPException(404, "not published")
        security.log(request, who.user.name, "denied", needs=role, status=403,
                     role=who.user.role)
        raise HTTPException(403, f"this needs the {role} role")
    return who


def check_csrf(who: Visitor, submitted: str | None) -> None:
    if not who.csrf or submitted != who.csrf:
        raise HTTPException(403, "the form is out of date (CSRF check failed): reload the page")


def public_view(detail: dict[str, Any]) -> dict[str, Any]:
    """An incident for the public: accepted ones only (else NotFound: 404), redacted."""
    shown: dict[str, Any] = public("incident", detail)
    return shown
