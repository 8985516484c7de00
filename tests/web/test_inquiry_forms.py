"""Inquiries written from the web on both engines: an analyst records a new inquiry with
its letter (stored as a source), a reply with its document (ingested, of kind
inquiry_reply), a reminder and the closing, each audited under the analyst's name; a bad
field is a 400 naming it with nothing written; a viewer may read but not write; a stale
closing form is a 409."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.ledger import Ledger
from rightsledger.records import audit
from rightsledger.web.app import create_app
from tests.web.conftest import csrf_of, fill, sign_in

LETTER = ("To the Minister of Energy. Under article 24 of the Law on the Human Rights "
          "Defender, the office asks for the schedule of power cuts in Stepanakert.\n")
REPLY = ("From the Ministry of Energy, 20 March 2023. The line near Shushi was damaged on "
         "9 January 2023; repair teams were refused access on 12 January 2023.\n")
NEW = {"reference": "HRD/2023/050", "to": "Ministry of Energy", "sent": "2023-03-02",
       "channel": "email", "subject": "Power cuts", "deadline_days": "15",
       "questions": "What is the schedule of cuts?\n\nWhich hospitals have no power?\n",
       "legal_basis": "Law on the Human Rights Defender, art. 24", "rights": "ICESCR 11"}


@pytest.fixture
def client(ledger: Ledger) -> Iterator[TestClient]:
    fill(ledger)
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path)) as served:
        yield served


def _count(client: TestClient, table: str) -> int:
    ledger: Ledger = client.app.state.ledger  # type: ignore[attr-defined]
    with ledger.store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(
            getattr(schema, table))).scalar_one())


def _post(client: TestClient, path: str, form: str, data: dict[str, str | list[str]],
          files: dict[str, tuple[str, bytes, str]] | None = None) -> int:
    sent = client.post(path, data={**data, "csrf": csrf_of(client, form)}, files=files,
                       follow_redirects=False)
    assert sent.status_code == 303, sent.text
    return int(sent.headers["location"].rsplit("/", 1)[1])


def test_an_analyst_writes_an_inquiry_its_reply_a_reminder_and_closes_it(
        client: TestClient) -> None:
    sign_in(client, "ana")
    sources = _count(client, "sources")
    new_id = _post(client, "/inquiries", "/inquiries", NEW,
                   {"letter": ("letter-050.txt", LETTER.encode(), "text/plain")})
    page = client.get(f"/inquiries/{new_id}?on=2023-03-10").text
    assert "Inquiry HRD/2023/050 <small>to Ministry of Energy</small>" in page
    assert "What is the schedule of cuts?" in page and "Which hospitals have no power?" in page
    assert "deadline 2023-03-17 (15 days)" in page and "The letter:" in page
    assert _count(client, "sources") == sources + 1

    _post(client, f"/inquiries/{new_id}/remind", f"/inquiries/{new_id}",
          {"sent": "2023-03-15", "channel": "", "note": "by telephone"})
    _post(client, f"/inquiries/{new_id}/reply", f"/inquiries/{new_id}",
          {"received": "2023-03-16", "answers": ["1=answered", "", ], "note": ""},
          {"document": ("reply-050.txt", REPLY.encode(), "text/plain")})
    page = client.get(f"/inquiries/{new_id}?on=2023-03-20").text
    assert "What is the schedule of cuts? — <span class=\"status status-answered\">" in page
    assert "Which hospitals have no power? — <span class=\"status status-not_answered\">" \
        in page or "Which hospitals have no power? — <span class=\"status status-open\">" \
        in page
    assert "sent 2023-03-15 by email: by telephone" in page
    assert _count(client, "sources") == sources + 2  # the reply's document, ingested
    ledger: Ledger = client.app.state.ledger  # type: ignore[attr-defined]
    with ledger.store.reading() as conn:
        kinds = {r.kind for r in conn.execute(select(schema.sources.c.kind))}
        version = conn.execute(select(schema.inquiries.c.version).where(
            schema.inquiries.c.id == new_id)).scalar_one()
    assert {"inquiry", "inquiry_reply"} <= kinds

    _post(client, f"/inquiries/{new_id}/close", f"/inquiries/{new_id}",
          {"closed": "2023-03-25", "reason": "answered enough", "version": str(version)})
    page = client.get(f"/inquiries/{new_id}?on=2023-04-01").text
    assert "Closed 2023-03-25: answered enough" in page and 'id="reply"' not in page
    with ledger.store.reading() as conn:
        mine = [(e.action, e.entity) for e in audit.entries(conn) if e.actor == "ana"
                and e.entity.startswith("inquiry")]
    assert ("create", "inquiry") in mine and ("close", "inquiry") in mine
    assert ("create", "inquiry_reminder") in mine and ("create", "inquiry_reply") in mine


@pytest.mark.parametrize(("change", "words"), [
    ({"sent": "2023-02-30"}, "sent: &#39;2023-02-30&#39; is not a date"),
    ({"to": " "}, "addressee: an inquiry needs its addressee"),
    ({"questions": "\n \n"}, "questions: an inquiry needs at least one question"),
    ({"channel": "pigeon"}, "channel: &#39;pigeon&#39; is not one of letter"),
    ({"rights": "ICCPR 99"}, "rights: &#39;ICCPR 99&#39; is not a right"),
    ({"deadline_days": "soon"}, "deadline_days: &#39;soon&#39; is not a number of days"),
    ({"incidents": "999"}, "incidents: no incident 999 in the ledger"),
    ({"disruptions": "7, x"}, "disruptions: "),
])
def test_a_bad_field_is_a_400_naming_it_and_nothing_is_written(
        client: TestClient, change: dict[str, str], words: str) -> None:
    sign_in(client, "ana")
    before = (_count(client, "inquiries"), _count(client, "sources"), _count(client, "audit"))
    got = client.post("/inquiries", data={**NEW, **change, "csrf": csrf_of(client, "/inquiries")},
                      files={"letter": ("letter.txt", LETTER.encode(), "text/plain")},
                      follow_redirects=False)
    assert got.status_code == 400 and words in got.text, got.text
    after = (_count(client, "inquiries"), _count(client, "sources"), _count(client, "audit"))
    assert after == before


def test_a_bad_reply_or_reminder_is_a_400_and_a_stale_close_a_409(client: TestClient) -> None:
    sign_in(client, "ana")
    token = csrf_of(client, "/inquiries/1")
    for path, data, words in (
            ("/inquiries/1/reply", {"received": "2023-03-10", "answers": ["7=answered"]},
             "answers: the inquiry has no question 7"),
            ("/inquiries/1/reply", {"received": "2023-03-10", "answers": ["1=maybe"]},
             "answers: question 1: &#39;maybe&#39; is not one of"),
            ("/inquiries/1/reply", {"received": "2023-03-10", "answers": [""]},
             "answers: say which questions the reply answers"),
            ("/inquiries/1/remind", {"sent": "2022-01-01"}, "sent: 2022-01-01 is before")):
        replies = (_count(client, "inquiry_replies"), _count(client, "inquiry_reminders"))
        got = client.post(path, data={**data, "csrf": token}, follow_redirects=False)
        assert got.status_code == 400 and words in got.text, (path, got.text)
        assert (_count(client, "inquiry_replies"), _count(client, "inquiry_reminders")) == replies
    stale = client.post("/inquiries/1/close", data={"closed": "2023-04-01", "version": "0",
                                                    "csrf": token}, follow_redirects=False)
    assert stale.status_code == 409, stale.text


def test_a_viewer_reads_but_may_not_write(client: TestClient) -> None:
    sign_in(client, "vic")
    page = client.get("/inquiries")
    assert page.status_code == 200 and 'id="new-inquiry"' not in page.text
    assert 'id="reply"' not in client.get("/inquiries/1").text
    token = page.text.split('name="csrf" value="')[1].split('"')[0] \
        if 'name="csrf"' in page.text else ""
    got = client.post("/inquiries", data={**NEW, "csrf": token}, follow_redirects=False)
    assert got.status_code == 403
    assert _count(client, "inquiries") == 1
