"""The authorization matrix: every route × every role, on both engines. A viewer cannot
write; the public sees only what is published and never a victim's real name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rightsledger.accounts import ROLES
from tests.web.conftest import FIXER_NAME, SECRET_NAME, csrf_of, sign_in

# method, path pattern, a concrete path, the weakest role allowed ("public": also the
# public view; "anonymous": anyone)
ROUTES = [
    ("GET", "/login", "/login", "anonymous"),
    ("POST", "/login", None, "anonymous"),
    ("POST", "/logout", None, "viewer"),
    ("GET", "/", "/", "public"),
    ("GET", "/incidents", "/incidents", "public"),
    ("GET", "/incidents/{incident_id}", "/incidents/1", "public"),
    ("POST", "/incidents/{incident_id}/decide", None, "analyst"),
    ("POST", "/incidents/{incident_id}/edit", None, "analyst"),
    ("GET", "/admin/users", "/admin/users", "admin"),
    ("POST", "/admin/users", None, "admin"),
    ("GET", "/disruptions", "/disruptions?on=2023-03-21", "public"),
    ("GET", "/trackers", "/trackers", "public"),
    ("GET", "/map", "/map", "public"),
    ("GET", "/timeline", "/timeline", "public"),
    ("GET", "/sources", "/sources", "viewer"),
    ("GET", "/sources/{ref}", "/sources/{source}", "viewer"),
    ("GET", "/sources/{ref}/original", "/sources/{source}/original", "analyst"),
    ("POST", "/sources/{ref}/edit", None, "analyst"),
    ("POST", "/sources/{ref}/reextract", None, "analyst"),
    ("GET", "/sources/{ref}/capture/{part}", "/sources/none/capture/screenshot.png",
     "viewer"),
    ("POST", "/capture", None, "analyst"),
    ("GET", "/reports", "/reports", "analyst"),
    ("POST", "/reports", None, "analyst"),
    ("GET", "/reports/{job_id}", "/reports/none", "analyst"),
    ("GET", "/reports/{job_id}/zip", "/reports/none/zip", "analyst"),
    ("GET", "/search", "/search?q=Stepanakert", "viewer"),
    ("GET", "/upload", "/upload", "analyst"),
    ("POST", "/upload", None, "analyst"),
    ("GET", "/upload/{job_id}", "/upload/none", "analyst"),
    ("GET", "/photos", "/photos", "public"),
    ("POST", "/photos", None, "analyst"),
    ("GET", "/photos/{photo_id}", "/photos/1", "public"),
    ("GET", "/photos/{photo_id}/copy.jpg", "/photos/1/copy.jpg", "public"),
    ("POST", "/photos/{photo_id}/confirm", None, "analyst"),
    ("POST", "/photos/{photo_id}/edit", None, "analyst"),
    ("POST", "/consents", None, "analyst"),
    ("POST", "/consents/{consent_id}/withdraw", None, "analyst"),
    ("GET", "/stories", "/stories", "public"),
    ("POST", "/stories", None, "analyst"),
    ("GET", "/stories/{story_id}", "/stories/1", "public"),
    ("GET", "/contacts", "/contacts", "viewer"),
    ("POST", "/contacts", None, "analyst"),
    ("GET", "/contacts/{contact_id}", "/contacts/1", "viewer"),
    ("POST", "/contacts/{contact_id}/reveal", None, "viewer"),
    ("GET", "/inquiries", "/inquiries?on=2023-04-15&overdue=true", "viewer"),
    ("GET", "/inquiries/{inquiry_id}", "/inquiries/1", "viewer"),
    ("POST", "/inquiries", None, "analyst"),
    ("POST", "/inquiries/{inquiry_id}/reply", None, "analyst"),
    ("POST", "/inquiries/{inquiry_id}/remind", None, "analyst"),
    ("POST", "/inquiries/{inquiry_id}/close", None, "analyst"),
    ("GET", "/engagements", "/engagements", "viewer"),
    ("POST", "/engagements", None, "analyst"),
    ("GET", "/engagements/{engagement_id}", "/engagements/1", "viewer"),
    ("POST", "/engagements/{engagement_id}/coverage", None, "analyst"),
    ("GET", "/api/incidents", "/api/incidents", "public"),
    ("GET", "/api/incidents/{incident_id}", "/api/incidents/1", "public"),
    ("GET", "/api/disruptions", "/api/disruptions", "public"),
    ("GET", "/api/obligations", "/api/obligations", "public"),
    ("GET", "/api/statements", "/api/statements", "public"),
    ("GET", "/api/map", "/api/map", "public"),
    ("GET", "/api/photos", "/api/photos", "public"),
    ("GET", "/api/stories", "/api/stories", "public"),
    ("GET", "/api/basemap", "/api/basemap", "public"),
    ("GET", "/api/inquiries", "/api/inquiries?on=2023-04-15", "viewer"),
    ("GET", "/api/inquiries/{inquiry_id}", "/api/inquiries/1", "viewer"),
    ("GET", "/api/sources/{ref}", "/api/sources/{source}", "viewer"),
]
SIGNED_IN = ("viewer", "analyst", "admin")
USER = {"viewer": "vic", "analyst": "ana", "admin": "admin"}


def test_the_matrix_names_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    routes = {(method.upper(), path) for path, methods in paths.items() for method in methods}
    assert routes == {(m, p) for m, p, _, _ in ROUTES}


def _path(client: TestClient, template: str) -> str:
    if "{source}" in template:
        ledger = client.app.state.ledger  # type: ignore[attr-defined]
        template = template.replace("{source}", ledger.store.list_sources(limit=1)[0].id)
    return template


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_page_and_api_route_for_every_signed_in_role(client: TestClient,
                                                           role: str) -> None:
    sign_in(client, USER[role])
    for method, _, path, weakest in ROUTES:
        if method != "GET" or weakest == "anonymous":
            continue
        allowed = ROLES.index(role) <= ROLES.index(weakest)
        got = client.get(_path(client, path), follow_redirects=False)
        expected = (404 if "/none" in path else 200) if allowed else 403
        assert got.status_code == expected, (role, path, got.status_code)
        assert SECRET_NAME not in got.text and FIXER_NAME not in got.text, (role, path)


def test_anonymous_visitors_are_sent_to_sign_in(client: TestClient) -> None:
    for method, _, path, weakest in ROUTES:
        if method != "GET" or weakest == "anonymous":
            continue
        got = client.get(_path(client, path), follow_redirects=False)
        expected = 401 if path.startswith("/api/") else 303
        assert got.status_code == expected, (path, got.status_code)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_analysts_and_admins_write(client: TestClient, role: str) -> None:
    sign_in(client, USER[role])
    csrf = csrf_of(client, "/")
    version = client.get("/api/incidents/2").json()["version"]
    decided = client.post("/incidents/2/decide", data={"action": "accept", "version": version,
                                                       "csrf": csrf}, follow_redirects=False)
    uploaded = client.post("/upload", data={"csrf": csrf}, follow_redirects=False,
                           files=[("files", ("a.txt", b"Gas was cut on 17 January 2023.",
                                             "text/plain"))])
    writes = role != "viewer"
    assert decided.status_code == (303 if writes else 403)
    assert uploaded.status_code == (303 if writes else 403)
    assert client.get("/api/incidents/2").json()["status"] == ("accepted" if writes
                                                               else "proposed")


def test_the_public_view_answers_every_route(public_client: TestClient) -> None:
    for method, _, path, weakest in ROUTES:
        if method != "GET":
            continue
        got = public_client.get(path.replace("{source}", "0" * 64), follow_redirects=False)
        if weakest == "public":
            assert got.status_code == 200, path
        else:
            assert got.status_code == 404, (path, got.status_code)
        assert SECRET_NAME not in got.text and FIXER_NAME not in got.text, path
