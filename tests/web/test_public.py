"""The public view (`serve --public`), on both engines: no sign-in, accepted incidents only,
nothing sensitive, no internal sources, no writes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import SECRET_NAME


def test_the_public_reads_accepted_incidents_without_signing_in(
        public_client: TestClient) -> None:
    page = public_client.get("/?on=2023-03-21")
    assert page.status_code == 200 and "day 100" in page.text
    assert "waiting for review" not in page.text and "Public view" in page.text
    listed = public_client.get("/incidents").text
    assert '<a href="/incidents/1">' in listed and '<a href="/incidents/2">' not in listed
    assert [i["id"] for i in public_client.get("/api/incidents?status=proposed").json()] == [1]


def test_unpublished_and_internal_things_are_not_found(public_client: TestClient) -> None:
    for path in ("/incidents/2", "/api/incidents/2", "/sources", "/search?q=Stepanakert",
                 "/login"):
        assert public_client.get(path).status_code == 404, path
    done = public_client.post("/incidents/1/decide", data={"action": "reject", "version": 1,
                                                           "reason": "x", "csrf": ""})
    assert done.status_code == 404
    assert public_client.get("/api/incidents/1").json()["status"] == "accepted"


def test_a_published_incident_is_redacted(public_client: TestClient) -> None:
    shown = public_client.get("/api/incidents/1").json()
    text = public_client.get("/incidents/1").text + str(shown)
    assert SECRET_NAME not in text and "setup" not in text  # no names, no reviewers
    assert "created_by" not in shown and "suggested" not in shown
    assert shown["victims"][0]["pseudonym"].startswith("V-")
    assert shown["claims_side_by_side"] == "Ombudsman B: 12 killed; Army C: denies"
