"""Issue 18, a complete API, on both engines: every answer of the JSON API has a typed schema
in the OpenAPI document, its errors are RFC 9457 problem details, its lists page with a
cursor, and viewers see what docs/web.md says they see."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from rightsledger import accounts
from rightsledger.records import incidents

LISTS = ("/api/incidents", "/api/disruptions", "/api/obligations", "/api/statements",
         "/api/photos", "/api/stories")


def _bearer(client: TestClient, name: str = "ana") -> dict[str, str]:
    if name == "ana":
        return {"Authorization": f"Bearer {client.headers['x-test-token']}"}
    with client.app.state.ledger.store.writing() as conn:  # type: ignore[attr-defined]
        return {"Authorization": f"Bearer {accounts.new_token(conn, name, 'setup')}"}


def _resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_answer_of_the_api_names_its_fields(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operations = [(path, op) for path, ops in document["paths"].items()
                  if path.startswith("/api/") for op in ops.values()]
    assert len(operations) == 12
    for path, op in operations:
        body = _resolved(document, op["responses"]["200"]["content"]["application/json"]
                         ["schema"])
        record = _resolved(document, body["items"]) if body.get("type") == "array" else body
        assert record["properties"] and record["additionalProperties"] is False, path
        for status, answer in op["responses"].items():
            if int(status) >= 400:
                assert list(answer["content"]) == ["application/problem+json"], (path, status)
                assert answer["content"]["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"}
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}


def test_errors_are_problem_details_naming_the_field(client: TestClient) -> None:
    got = client.get("/api/incidents?date_from=not-a-date", headers=_bearer(client))
    assert got.status_code == 400 and got.headers["content-type"] == "application/problem+json"
    assert got.json() == {"type": "about:blank", "title": "Bad Request", "status": 400,
                          "detail": "date_from: 'not-a-date' is not a date (write YYYY-MM-DD)"}
    missing = client.get("/api/incidents/999", headers=_bearer(client)).json()
    assert (missing["status"], missing["title"]) == (404, "Not Found")
    malformed = client.get("/api/incidents?limit=many", headers=_bearer(client)).json()
    assert malformed["status"] == 422 and malformed["detail"].startswith("limit: ")


def test_the_public_view_leaves_out_what_it_hides_rather_than_blanking_it(
        public_client: TestClient) -> None:
    shown = public_client.get("/api/incidents/1").json()
    assert not {"created_by", "updated_by", "decided_by", "suggested"} & set(shown)
    assert "version" in shown and "created_at" in shown


def _more_disruptions(client: TestClient, count: int) -> None:
    from rightsledger.records import disruptions
    with client.app.state.ledger.store.writing() as conn:  # type: ignore[attr-defined]
        for n in range(count):
            disruptions.add(conn, {"kind": "gas", "area": f"Area {n}",
                                   "start": f"2023-01-{n + 1:02d}"}, "setup")


def test_every_list_pages_with_a_cursor_in_its_link(client: TestClient) -> None:
    _more_disruptions(client, 4)  # five in all
    auth = _bearer(client)
    whole = client.get("/api/disruptions", headers=auth).json()
    seen, path = [], "/api/disruptions?limit=2"
    while path:
        got = client.get(path, headers=auth)
        assert got.status_code == 200 and len(got.json()) <= 2
        seen += got.json()
        link = got.headers.get("link")
        path = link.split(">", 1)[0].lstrip("<") if link else ""
        assert not link or link.endswith('>; rel="next"')
    assert [d["id"] for d in seen] == [d["id"] for d in whole] and len(whole) == 5
    for route in LISTS:
        assert client.get(f"{route}?limit=1001", headers=auth).json()["detail"] == (
            "limit: 1001 is not 1 to 1,000")
        refused = client.get(f"{route}?cursor=eyJhZnRlciI6IDk5OX0", headers=auth)  # after 999
        assert refused.status_code == 400 and refused.json()["detail"].startswith("cursor: ")
        assert "link" not in client.get(route, headers=auth).headers


def test_a_cursor_keeps_the_filters_of_its_page(client: TestClient) -> None:
    _more_disruptions(client, 3)
    auth = _bearer(client)
    first = client.get("/api/disruptions?kind=gas&limit=2", headers=auth)
    following = first.headers["link"].split(">", 1)[0].lstrip("<")
    assert "kind=gas" in following and "limit=2" in following
    rest = client.get(following, headers=auth).json()
    assert [d["kind"] for d in rest] == ["gas"]


def test_viewers_see_every_status_as_the_pages_show_them(client: TestClient) -> None:
    """docs/web.md: signed in, a viewer reads what an analyst reads (the review queue is a
    page of theirs too); only the public view is accepted incidents only."""
    with client.app.state.ledger.store.writing() as conn:  # type: ignore[attr-defined]
        rejected = incidents.create(conn, {"type": "shelling", "date_start": "2021-01-01"},
                                    "setup", status="rejected")
    viewer = _bearer(client, "vic")
    statuses = {i["status"] for i in client.get("/api/incidents", headers=viewer).json()}
    assert statuses == {"accepted", "proposed", "rejected"}
    assert client.get(f"/api/incidents/{rejected}", headers=viewer).json()["status"] == (
        "rejected")
    queue = client.get("/api/incidents?status=proposed", headers=viewer).json()
    assert [i["status"] for i in queue] == ["proposed"]


def test_the_public_view_answers_accepted_incidents_only(public_client: TestClient) -> None:
    assert {i["status"] for i in public_client.get("/api/incidents").json()} == {"accepted"}
    for status in ("proposed", "rejected", "merged"):  # asked for, still accepted ones only
        asked = public_client.get(f"/api/incidents?status={status}").json()
        assert [i["status"] for i in asked] == ["accepted"]
    assert public_client.get("/api/incidents/2").status_code == 404  # the proposed one
