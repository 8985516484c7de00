"""The web application over HTTP on both engines: sign-in, CSRF, rate limit, roles, pages
with day counters and claims side by side, review actions with version checks, the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORDS, REPORT, SECRET_NAME, csrf_of, sign_in


def test_pages_need_a_sign_in_and_the_api_says_401(client: TestClient) -> None:
    page = client.get("/incidents", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/incidents"
    refused = client.get("/api/incidents")
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json() == {"type": "about:blank", "title": "Unauthorized", "status": 401,
                              "detail": "sign in first"}


def test_sign_in_sets_a_safe_cookie_and_the_dashboard_counts_days(client: TestClient) -> None:
    sign_in(client, "vic")
    cookie = [h for h in client.cookies.jar if h.name == "rl_session"][0]
    assert cookie.has_nonstandard_attr("HttpOnly")
    page = client.get("/?on=2023-03-21").text
    assert "Lachin corridor" in page and "day 100" in page
    assert "Provisional measures" in page and "not complied" in page


def test_a_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    bad = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"],
                                      "csrf": "forged"}, follow_redirects=False)
    assert bad.status_code == 403 and "rl_session" not in bad.cookies
    sign_in(client, "ana")
    refused = client.post("/incidents/2/decide", data={"action": "accept", "version": 1,
                                                       "csrf": "forged"})
    assert refused.status_code == 403 and "CSRF" in refused.text


def test_failed_sign_ins_are_limited(client: TestClient) -> None:
    csrf = csrf_of(client, "/login")
    codes = [client.post("/login", data={"name": "ana", "password": "wrong", "csrf": csrf})
             .status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    right = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"],
                                        "csrf": csrf}, follow_redirects=False)
    assert right.status_code == 429  # even the right password waits


def test_an_incident_page_shows_claims_and_pseudonyms_never_names(client: TestClient) -> None:
    sign_in(client, "vic")
    page = client.get("/incidents/1").text
    assert "Ombudsman B: 12 killed; Army C: denies" in page
    assert "contested" in page and "V-" in page and SECRET_NAME not in page
    assert "Decide" not in page  # a viewer does not review
    assert SECRET_NAME not in client.get("/api/incidents/1").text


def test_a_viewer_cannot_decide_and_an_analyst_can_once(client: TestClient) -> None:
    sign_in(client, "vic")
    csrf = csrf_of(client, "/incidents/2")
    denied = client.post("/incidents/2/decide", data={"action": "accept", "version": 1,
                                                      "csrf": csrf})
    assert denied.status_code == 403
    client.cookies.clear()
    sign_in(client, "ana")
    csrf = csrf_of(client, "/incidents/2")
    done = client.post("/incidents/2/decide", data={"action": "accept", "version": 1,
                                                    "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    stale = client.post("/incidents/2/decide", data={"action": "reject", "version": 1,
                                                     "reason": "x", "csrf": csrf})
    assert stale.status_code == 409 and "reload it" in stale.text
    assert client.get("/api/incidents/2").json()["status"] == "accepted"


def test_the_api_takes_a_bearer_token(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {client.headers['x-test-token']}"}
    found = client.get("/api/disruptions?on=2023-03-21", headers=headers).json()
    assert [(d["area"], d["day"]) for d in found] == [("Lachin corridor", 100)]
    assert client.get("/api/disruptions", headers={"Authorization": "Bearer nope"}
                      ).status_code == 401
    assert "/api/incidents" in client.get("/openapi.json").json()["paths"]


def _source_id(client: TestClient) -> str:
    """The report's source (the photos are sources too)."""
    return client.get("/sources?kind=report").text.split('href="/sources/')[1].split('"')[0]


def test_a_source_page_marks_what_extraction_found(client: TestClient) -> None:
    sign_in(client, "vic")
    page = client.get(f"/sources/{_source_id(client)}").text
    assert 'class="m-places" title="place: gn:146970">Stepanakert</mark>' in page
    assert 'class="m-dates"' in page and ">3 October 2020</mark>" in page
    assert "download the original" not in page and "ingest" in page  # custody shown
    assert client.get(f"/sources/{_source_id(client)}/original").status_code == 403


def test_an_analyst_downloads_the_original_and_it_is_recorded(client: TestClient) -> None:
    sign_in(client, "ana")
    source_id = _source_id(client)
    got = client.get(f"/sources/{source_id}/original")
    assert got.status_code == 200 and got.content.decode() == REPORT
    assert "<td>download</td>" in client.get(f"/sources/{source_id}").text  # in custody


def test_search_with_highlighted_snippets_and_trackers(client: TestClient) -> None:
    sign_in(client, "vic")
    found = client.get("/search?q=Stepanakert&kind=report").text
    assert "1 source(s) match." in found and "<mark>Stepanakert</mark>" in found
    assert "0 source(s) match." in client.get("/search?q=Stepanakert&kind=article").text
    trackers = client.get("/trackers?on=2023-03-21").text
    assert "not complied" in trackers and "reopen the corridor" in trackers


def test_the_timeline_draws_cuts_as_bars_with_their_days(client: TestClient) -> None:
    sign_in(client, "vic")
    svg = client.get("/timeline?date_from=2020-09-01&date_to=2023-03-21").text
    assert "road Lachin corridor: 2022-12-12 – ongoing (day 100 as of 2023-03-21)" in svg
    assert '<a href="/incidents/1"><circle' in svg and "#1 shelling 2020-10-03" in svg
    assert "#2 blockade" not in svg  # proposed, not accepted


def test_an_analyst_edits_an_incident_and_a_stale_edit_is_refused(client: TestClient) -> None:
    sign_in(client, "ana")
    csrf = csrf_of(client, "/incidents/2")
    form = {"version": 1, "type": "blockade", "date_start": "2022-12-12", "date_end": "",
            "places": "Lachin corridor; Stepanakert", "description": "Road closed",
            "csrf": csrf}
    assert client.post("/incidents/2/edit", data=form, follow_redirects=False
                       ).status_code == 303
    shown = client.get("/api/incidents/2").json()
    assert sorted(shown["place_names"]) == ["Lachin corridor", "Stepanakert"]
    assert (shown["description"], shown["updated_by"]) == ("Road closed", "ana")
    again = client.post("/incidents/2/edit", data={**form, "description": "other"})
    assert again.status_code == 409


def test_an_admin_adds_a_user_who_can_then_sign_in(client: TestClient) -> None:
    sign_in(client, "admin")
    csrf = csrf_of(client, "/admin/users")
    page = client.post("/admin/users", data={"name": "nina", "role": "analyst", "csrf": csrf})
    password = page.text.split("<code>")[1].split("</code>")[0]
    assert "User <strong>nina</strong> added" in page.text and len(password) >= 12
    client.cookies.clear()
    login = client.get("/login")
    token = login.text.split('name="csrf" value="')[1].split('"')[0]
    done = client.post("/login", data={"name": "nina", "password": password, "csrf": token},
                       follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/admin/users").status_code == 403  # an analyst, not an admin


def test_search_shows_the_incidents_its_sources_report_with_facets(client: TestClient) -> None:
    from rightsledger.workflow.propose import propose

    assert propose(client.app.state.ledger).proposed == 1  # type: ignore[attr-defined]
    sign_in(client, "vic")
    page = client.get("/search?q=Stepanakert").text
    assert "Incidents these sources report (1)" in page
    assert "shelling (1)" in page and "Stepanakert (1)" in page
    assert "Incidents these sources report (0)" in client.get(
        "/search?q=Stepanakert&itype=blockade").text
