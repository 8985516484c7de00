"""The inquiries tracker on both engines: the page and the API filter by status, addressee
and overdue on a day; one inquiry's page shows its questions, replies and reminders; a bad
day or status is a 400 naming the field; the public view has no inquiries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rightsledger.ledger import Ledger
from rightsledger.records import inquiries
from rightsledger.web.app import create_app
from tests.web.conftest import fill, sign_in

TERRITORIAL = "Ministry of Territorial Administration"


@pytest.fixture
def tracked(ledger: Ledger) -> Iterator[TestClient]:
    """The web tests' ledger (inquiry 1 to the Ministry of Health, sent 2023-03-01, not
    answered) and a second inquiry, answered in time, reminded once."""
    token = fill(ledger)
    with ledger.store.writing() as conn:
        answered = inquiries.add(conn, {
            "reference": "OMB/2023/021", "addressee": TERRITORIAL, "sent": "2023-03-05",
            "subject": "Gas supply", "deadline_days": 20,
            "questions": ["When was the gas cut?", "Who ordered the repairs?"]}, "setup")
        inquiries.remind(conn, answered, {"sent": "2023-03-20", "note": "a call"}, "setup")
        inquiries.reply(conn, answered, {"received": "2023-03-24",
                                         "answers": {"1": "answered", "2": "refused"}}, "setup")
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path)) as client:
        client.headers["x-test-token"] = token
        yield client


def _api(client: TestClient, query: str) -> list[dict[str, object]]:
    got = client.get(f"/api/inquiries?{query}",
                     headers={"authorization": f"Bearer {client.headers['x-test-token']}"})
    assert got.status_code == 200, got.text
    found: list[dict[str, object]] = got.json()
    return found


def test_the_api_filters_by_status_addressee_and_overdue_on_a_day(tracked: TestClient) -> None:
    on_day = _api(tracked, "on=2023-04-15")
    assert [(i["reference"], i["status"]) for i in on_day] == [
        ("OMB/2023/021", "answered"), ("OMB/2023/017", "overdue")]
    assert [i["reference"] for i in _api(tracked, "on=2023-04-15&overdue=true")] == [
        "OMB/2023/017"]
    assert _api(tracked, "on=2023-03-31&overdue=true") == []  # the deadline day itself
    assert [i["reference"] for i in _api(tracked, "on=2023-04-15&status=answered")] == [
        "OMB/2023/021"]
    assert [i["reference"] for i in _api(tracked, f"on=2023-04-15&to={TERRITORIAL}")] == [
        "OMB/2023/021"]
    assert [i["reference"] for i in _api(tracked, "on=2023-03-02")] == ["OMB/2023/017"]


def test_the_tracker_page_counts_and_filters(tracked: TestClient) -> None:
    sign_in(tracked, "vic")
    page = tracked.get("/inquiries?on=2023-04-15")
    assert page.status_code == 200
    assert ("2 inquiries sent to 2 bodies, 1 answered in time, 1 overdue (Ministry of Health"
            in page.text)
    overdue = tracked.get("/inquiries?on=2023-04-15&overdue=true").text
    assert "OMB/2023/017" in overdue and "OMB/2023/021" not in overdue
    assert "by 15 days" in overdue
    by_body = tracked.get("/inquiries", params={"on": "2023-04-15", "to": TERRITORIAL}).text
    assert "OMB/2023/021" in by_body and "OMB/2023/017" not in by_body


def test_one_inquiry_page_shows_questions_replies_and_reminders(tracked: TestClient) -> None:
    sign_in(tracked, "vic")
    page = tracked.get("/inquiries/2?on=2023-04-15").text
    assert "When was the gas cut? — <span class=\"status status-answered\">answered" in page
    assert "Who ordered the repairs? — <span class=\"status status-refused\">refused" in page
    assert "received 2023-03-24" in page and "question 2 refused" in page
    assert "sent 2023-03-20 by letter: a call" in page and "answered in time" in page
    before = tracked.get("/inquiries/2?on=2023-03-10").text
    assert "No reply received by 2023-03-10." in before and "None sent by 2023-03-10." in before


@pytest.mark.parametrize(("path", "words"), [
    ("/inquiries?on=15-04-2023", "on: &#39;15-04-2023&#39; is not a date"),
    ("/inquiries?status=late", "status: &#39;late&#39; is not one of open, answered"),
    ("/inquiries/2?on=yesterday", "on: &#39;yesterday&#39; is not a date"),
    ("/api/inquiries?on=2023-02-30", "on: '2023-02-30' is not a date (write YYYY-MM-DD)"),
    ("/api/inquiries?status=late", "status: 'late' is not one of open, answered, overdue"),
    ("/api/inquiries?status=", "status: empty: leave it out, or give one of open"),
])
def test_a_bad_day_or_status_is_a_400_naming_the_field(tracked: TestClient, path: str,
                                                       words: str) -> None:
    sign_in(tracked, "vic")
    got = tracked.get(path)
    assert got.status_code == 400 and words in got.text, got.text


def test_no_such_inquiry_is_a_404(tracked: TestClient) -> None:
    sign_in(tracked, "vic")
    assert tracked.get("/inquiries/99").status_code == 404
    got = tracked.get("/api/inquiries/99")
    assert (got.status_code, got.json()) == (404, {"type": "about:blank", "title": "Not Found",
                                                   "status": 404, "detail": "no inquiry 99"})


def test_the_public_view_has_no_inquiries(public_client: TestClient) -> None:
    for path in ("/inquiries", "/inquiries/1", "/api/inquiries", "/api/inquiries/1"):
        got = public_client.get(path)
        assert got.status_code == 404 and "Dialysis" not in got.text, path
