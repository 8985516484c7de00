"""Promise 16 of docs/security.md, on both engines: every response of every route — pages,
the API, static and vendored files, redirects, errors, a server error; signed in, anonymous
and the public view — carries a strict
Content-Security-Policy (this site's own origin only), no framing, no referrer, a
Permissions-Policy, nosniff, and HSTS over https. Routes are enumerated from the app, so a
new one is read without anyone listing it; no page it renders holds an inline script or
style, which the policy would block."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from rightsledger.errors import LedgerError
from rightsledger.web.app import create_app
from rightsledger.web.security import content_policy
from tests.web.conftest import sign_in
from tests.web.routes import served
from tests.web.test_proxies import _set

EXPECTED = {"x-frame-options": "DENY", "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer"}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


def every_url(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, url) of every route, ids filled with 1, and one file of every mount."""
    for path, route in served(app):
        if isinstance(route, Mount):
            folder = Path(route.app.directory)  # type: ignore[attr-defined]
            first = min(p for p in folder.rglob("*") if p.is_file())
            yield "GET", f"{path}/{first.relative_to(folder).as_posix()}"
            continue
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD":
                yield method, re.sub(r"\{[a-z_]+\}", "1", path)


def _check(response_headers: object, url: str) -> None:
    headers = {k.lower(): v for k, v in dict(response_headers).items()}  # type: ignore[call-overload]
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (url, name)
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy, url
    assert "camera=()" in headers["permissions-policy"], url
    assert "strict-transport-security" not in headers, url  # plain http here


def test_promise_16_every_route_carries_the_security_headers(client: TestClient) -> None:
    sign_in(client, "admin")
    read = 0
    for method, url in sorted(every_url(client.app)):  # type: ignore[arg-type]  # GETs first
        got = client.request(method, url, follow_redirects=False)
        _check(got.headers, url)
        read += 1
        if method == "GET" and got.headers.get("content-type", "").startswith("text/html") \
                and not url.startswith(("/vendor/", "/static/")):
            assert not INLINE.findall(got.text), (url, INLINE.findall(got.text))
    assert read > 50
    for url in ("/no/such/page", "/api/no-such-route", "/incidents/99999"):
        _check(client.get(url, follow_redirects=False).headers, url)


def test_promise_16_the_public_view_carries_them(public_client: TestClient) -> None:
    for method, url in every_url(public_client.app):  # type: ignore[arg-type]
        _check(public_client.request(method, url, follow_redirects=False).headers, url)


def test_promise_16_anonymous_visitors_get_them(client: TestClient) -> None:
    for method, url in every_url(client.app):  # type: ignore[arg-type]
        _check(client.request(method, url, follow_redirects=False).headers, url)


def test_promise_16_a_server_error_carries_them(client: TestClient) -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    app: FastAPI = client.app  # type: ignore[assignment]
    app.add_api_route("/api/broken", broken)
    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as fresh:
        for url in ("/api/broken", "/broken"):
            got = fresh.get(url)
            assert got.status_code == 500
            _check(got.headers, url)


def test_promise_16_hsts_over_https(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    with TestClient(app, base_url="https://testserver") as secure:
        for url in ("/login", "/api/incidents", "/static/style.css"):
            assert secure.get(url).headers["strict-transport-security"] == "max-age=31536000"


def test_promise_16_the_policy_names_no_other_origin() -> None:
    policy = content_policy()
    sources = {s for directive in policy.split("; ") for s in directive.split()[1:]}
    assert sources == {"'self'", "'none'", "data:"}


def test_a_ledger_that_still_names_a_tile_server_is_told_the_setting_was_removed(
        served_ledger: Path) -> None:
    """The map draws its own basemap (issue 18, points 3 and 5): a tile server's origin
    would be a third party every visitor's browser tells where they look."""
    _set(served_ledger, map_tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    with pytest.raises(LedgerError, match="setting 'map_tile_url' was removed: the web map "
                       "draws its own world basemap"), TestClient(create_app(served_ledger)):
        pass
