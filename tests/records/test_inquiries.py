"""Inquiries on both engines: an inquiry to a ministry with its questions and links, the
replies with a status per question, reminders, closing, the status on a day (open,
answered, overdue, closed), the letter and the reply stored through the one ingest, refused
input with nothing written, every write audited."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.ledger import Ledger
from rightsledger.records import actors, audit, disruptions, incidents, inquiries
from rightsledger.workflow import inquiries as inquiry_flow

INQUIRY = {"reference": "OMB/2023/017", "addressee": "Ministry of Territorial Administration",
           "sent": "2023-03-01", "channel": "letter",
           "subject": "Gas supply to the villages of the district",
           "questions": ["On which days was the gas supply interrupted?",
                         "What repairs were ordered, and by whom?",
                         "When will the supply be restored?"],
           "legal_basis": "Law on the Human Rights Defender, art. 24"}
CUT = {"kind": "gas", "area": "the district's villages", "start": "2023-01-17"}
CHILD_TABLES = (schema.inquiry_questions, schema.inquiry_links, schema.inquiry_replies,
                schema.inquiry_answers, schema.inquiry_reminders)


def _add(ledger: Ledger, values: dict[str, Any] | None = None, days: int = 30) -> int:
    with ledger.store.writing() as conn:
        return inquiries.add(conn, {**INQUIRY, **(values or {})}, "ana", days)


def _reply(ledger: Ledger, inquiry_id: int, received: str, answers: dict[str, str]) -> int:
    with ledger.store.writing() as conn:
        return inquiries.reply(conn, inquiry_id, {"received": received, "answers": answers},
                               "ben")


def _get(ledger: Ledger, inquiry_id: int, on: date) -> dict[str, Any]:
    with ledger.store.reading() as conn:
        return inquiries.get(conn, inquiry_id, on=on)


def _count(ledger: Ledger, table: Any) -> int:
    with ledger.store.reading() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_inquiry_keeps_its_questions_links_and_deadline(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        cut = disruptions.add(conn, CUT, "ana")
        shelling = incidents.create(conn, {"type": "shelling", "date_start": "2023-01-16",
                                           "places": ["Stepanakert"]}, "ana")
    made = _add(ledger, {"disruptions": [cut], "incidents": [shelling],
                         "rights": ["ICESCR 11"], "deadline_days": 15})
    shown = _get(ledger, made, date(2023, 3, 2))
    assert (shown["addressee"], shown["reference"], shown["deadline"]) == (
        "Ministry of Territorial Administration", "OMB/2023/017", "2023-03-16")
    assert [(q["number"], q["status"]) for q in shown["questions"]] == [
        (1, "not_answered"), (2, "not_answered"), (3, "not_answered")]
    assert [q["text"] for q in shown["questions"]] == INQUIRY["questions"]
    assert (shown["disruptions"], shown["incidents"], shown["rights"]) == (
        [cut], [shelling], ["ICESCR 11"])
    assert (shown["status"], shown["since"], shown["in_time"]) == ("open", "2023-03-01", None)


def test_the_deadline_comes_from_the_setting_when_not_given(ledger: Ledger) -> None:
    by_law = _add(ledger, days=10)
    assert _get(ledger, by_law, date(2023, 3, 1))["deadline"] == "2023-03-11"


def test_overdue_is_computed_as_of_a_date(ledger: Ledger) -> None:
    made = _add(ledger)  # deadline 2023-03-31
    on_deadline = _get(ledger, made, date(2023, 3, 31))
    after = _get(ledger, made, date(2023, 4, 12))
    assert (on_deadline["status"], on_deadline["late_days"]) == ("open", None)
    assert (after["status"], after["since"], after["late_days"]) == ("overdue", "2023-04-01",
                                                                     12)
    assert after["in_time"] is False
    with ledger.store.reading() as conn:
        assert [i["id"] for i in inquiries.find(conn, on=date(2023, 4, 12), overdue=True)] \
            == [made]
        assert inquiries.find(conn, on=date(2023, 3, 31), overdue=True) == []
        assert inquiries.find(conn, on=date(2023, 2, 28)) == []  # not sent yet
    assert _get(ledger, made, date(2023, 2, 28))["status"] == "not_sent"


def test_replies_answer_question_by_question(ledger: Ledger) -> None:
    made = _add(ledger)
    first = _reply(ledger, made, "2023-03-20", {"1": "answered", "2": "partly"})
    _reply(ledger, made, "2023-04-10", {"3": "refused"})
    partly = _get(ledger, made, date(2023, 3, 25))
    late = _get(ledger, made, date(2023, 4, 15))
    assert [q["status"] for q in partly["questions"]] == ["answered", "partly",
                                                          "not_answered"]
    assert (partly["status"], [r["id"] for r in partly["replies_so_far"]]) == ("open", [first])
    assert [q["status"] for q in late["questions"]] == ["answered", "partly", "refused"]
    assert (late["status"], late["since"], late["answered_on"], late["in_time"]) == (
        "answered", "2023-04-10", "2023-04-10", False)
    in_between = _get(ledger, made, date(2023, 4, 5))  # before the second reply: overdue
    assert (in_between["status"], in_between["late_days"]) == ("overdue", 5)


def test_a_reply_by_the_deadline_is_answered_in_time(ledger: Ledger) -> None:
    made = _add(ledger)
    _reply(ledger, made, "2023-03-31", {"1": "answered", "2": "answered", "3": "answered"})
    shown = _get(ledger, made, date(2023, 6, 1))
    assert (shown["status"], shown["in_time"]) == ("answered", True)
    with ledger.store.reading() as conn:
        counted = inquiries.tally(inquiries.find(conn, on=date(2023, 6, 1)))
    assert counted == {"sent": 1, "bodies": 1, "answered_in_time": 1, "overdue": 0,
                       "overdue_addressees": []}


def test_reminders_are_events_and_closing_ends_it(ledger: Ledger) -> None:
    made = _add(ledger)
    with ledger.store.writing() as conn:
        inquiries.remind(conn, made, {"sent": "2023-04-03", "channel": "email",
                                      "note": "second request"}, "ana")
        inquiries.close(conn, made, {"closed": "2023-05-02", "reason": "no answer: reported"},
                        "ana")
    before, after = _get(ledger, made, date(2023, 4, 2)), _get(ledger, made, date(2023, 5, 2))
    assert before["reminders_so_far"] == [] and before["status"] == "overdue"
    assert [(r["sent"], r["channel"]) for r in after["reminders_so_far"]] == [
        ("2023-04-03", "email")]
    assert (after["status"], after["since"], after["closed_reason"]) == (
        "closed", "2023-05-02", "no answer: reported")
    with pytest.raises(BadInput, match="closed on 2023-05-02: it takes no reminder"):
        with ledger.store.writing() as conn:
            inquiries.remind(conn, made, {"sent": "2023-05-10"}, "ana")
    with ledger.store.reading() as conn:
        assert [i["id"] for i in inquiries.find(conn, on=date(2023, 6, 1), status="closed")] \
            == [made]


def test_filters_by_addressee_and_status(ledger: Ledger) -> None:
    health = _add(ledger, {"reference": "OMB/2023/018", "addressee": "Ministry of Health"})
    territorial = _add(ledger)
    _reply(ledger, health, "2023-03-10", {"1": "answered", "2": "answered", "3": "answered"})
    with ledger.store.reading() as conn:
        to_health = inquiries.find(conn, on=date(2023, 4, 2), addressee="ministry of health")
        overdue = inquiries.find(conn, on=date(2023, 4, 2), status="overdue")
        nobody = inquiries.find(conn, on=date(2023, 4, 2), addressee="Nobody Known")
        counted = inquiries.tally(inquiries.find(conn, on=date(2023, 4, 2)))
    assert [i["id"] for i in to_health] == [health]
    assert [i["id"] for i in overdue] == [territorial] and nobody == []
    assert counted == {"sent": 2, "bodies": 2, "answered_in_time": 1, "overdue": 1,
                       "overdue_addressees": ["Ministry of Territorial Administration"]}


def test_a_body_the_office_names_is_not_taken_for_the_generic_office(ledger: Ledger) -> None:
    # extraction met "the Ministry of Health" in a text that did not say whose: the ledger
    # holds the vocabulary's generic office; the office's own addressee is a body of its own
    with ledger.store.writing() as conn:
        generic = actors.resolve(conn, "Ministry of Health", "extraction")
    health = _add(ledger, {"reference": "OMB/2023/018", "addressee": "Ministry of Health"})
    again = _add(ledger, {"reference": "OMB/2023/019", "addressee": "ministry of health"})
    with ledger.store.reading() as conn:
        shown = inquiries.get(conn, health, on=date(2023, 4, 2))
        found = inquiries.find(conn, on=date(2023, 4, 2), addressee="Ministry of Health")
        generic_name = actors.get(conn, generic)["name"]
    assert generic_name == "Ministry of Health (country not named)"
    assert shown["addressee"] == "Ministry of Health" and shown["addressee_id"] != generic
    assert sorted(i["id"] for i in found) == sorted([health, again])


def test_every_write_is_in_the_audit_log(ledger: Ledger) -> None:
    made = _add(ledger)
    reply_id = _reply(ledger, made, "2023-03-20", {"2": "refused"})
    with ledger.store.writing() as conn:
        inquiries.remind(conn, made, {"sent": "2023-04-03"}, "ana")
        inquiries.close(conn, made, {"closed": "2023-05-02"}, "cai")
        entries = [(e.actor, e.action, e.entity) for e in audit.entries(conn)
                   if e.entity.startswith("inquiry")]
        (closing,) = [e for e in audit.entries(conn, "inquiry", made) if e.action == "close"]
        (answer,) = audit.entries(conn, "inquiry_answer")
        assert audit.row_problems(conn) == []
    assert entries == [("ana", "create", "inquiry"),
                       *[("ana", "create", "inquiry_question")] * 3,
                       ("ben", "create", "inquiry_reply"), ("ben", "create", "inquiry_answer"),
                       ("ana", "create", "inquiry_reminder"), ("cai", "close", "inquiry")]
    assert (closing.before, closing.after) == ({"closed": None, "closed_reason": ""},
                                               {"closed": "2023-05-02", "closed_reason": ""})
    assert answer.after is not None and answer.after["reply_id"] == reply_id
    assert answer.after["status"] == "refused"


def test_an_edit_outside_rightsledger_is_named(ledger: Ledger) -> None:
    made = _add(ledger)
    with ledger.store.writing() as conn:
        t = schema.inquiries
        conn.execute(t.update().where(t.c.id == made).values(deadline="2023-12-31"))
        problems = audit.row_problems(conn)
        conn.execute(t.update().where(t.c.id == made).values(deadline="2023-03-31"))
    assert problems == [f"inquiry {made}: deadline differs from the audit log (edited "
                        "outside RightsLedger)"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"reference": " "}, "reference: an inquiry needs its reference"),
    ({"addressee": ""}, "addressee: an inquiry needs its addressee"),
    ({"sent": None}, "sent: give the day it was sent"),
    ({"sent": "1 March"}, "sent: '1 March' is not a date"),
    ({"channel": "pigeon"}, "channel: 'pigeon' is not one of letter, email"),
    ({"questions": []}, "questions: an inquiry needs at least one question"),
    ({"questions": "why?"}, "questions: give the questions as a list"),
    ({"deadline_days": 0}, "deadline_days: '0' is not a number of days"),
    ({"rights": ["right to gas"]}, "rights: 'right to gas' is not a right"),
    ({"incidents": [999]}, "incidents: no incident 999 in the ledger"),
    ({"disruptions": [77]}, "disruptions: no disruption 77 in the ledger"),
    ({"disruptions": ["x"]}, "disruptions: 'x' is not an id"),
    ({"letter_num": 42}, "letter_num: no source number 42"),
    ({"deadlne": 30}, "deadlne: not a field of an inquiry"),
])
def test_a_bad_inquiry_is_refused_and_nothing_written(ledger: Ledger,
                                                      changes: dict[str, Any],
                                                      message: str) -> None:
    with pytest.raises(BadInput) as caught:
        _add(ledger, changes)
    assert message in str(caught.value)
    assert all(_count(ledger, t) == 0 for t in (schema.inquiries, schema.actors,
                                                *CHILD_TABLES))
    with ledger.store.reading() as conn:
        assert list(audit.entries(conn)) == []


def test_a_second_inquiry_with_the_same_reference_is_refused(ledger: Ledger) -> None:
    made = _add(ledger)
    with pytest.raises(BadInput, match=f"reference: 'OMB/2023/017' is already inquiry {made}"):
        _add(ledger, {"addressee": "Ministry of Health"})
    assert (_count(ledger, schema.inquiries), _count(ledger, schema.actors)) == (1, 1)


@pytest.mark.parametrize(("values", "message"), [
    ({"received": "2023-02-01", "answers": {"1": "answered"}},
     "received: 2023-02-01 is before inquiry 1 was sent (2023-03-01)"),
    ({"received": "2023-03-05", "answers": {}}, "answers: say which questions"),
    ({"received": "2023-03-05", "answers": {"4": "answered"}},
     "answers: the inquiry has no question 4 (it has 1, 2, 3)"),
    ({"received": "2023-03-05", "answers": {"1": "ignored"}},
     "answers: question 1: 'ignored' is not one of answered, partly, refused, not_answered"),
    ({"answers": {"1": "answered"}}, "received: give the day it was received"),
    ({"received": "2023-03-05", "answers": {"1": "answered"}, "source_num": 7},
     "source_num: no source number 7"),
])
def test_a_bad_reply_is_refused_and_nothing_written(ledger: Ledger, values: dict[str, Any],
                                                    message: str) -> None:
    made = _add(ledger)
    with pytest.raises(BadInput) as caught:
        with ledger.store.writing() as conn:
            inquiries.reply(conn, made, values, "ben")
    assert message in str(caught.value)
    assert (_count(ledger, schema.inquiry_replies), _count(ledger, schema.inquiry_answers)) \
        == (0, 0)


def test_a_reply_to_no_inquiry_is_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="no inquiry 5"), ledger.store.writing() as conn:
        inquiries.reply(conn, 5, {"received": "2023-03-05", "answers": {"1": "answered"}}, "b")


def test_closing_twice_or_before_sending_is_refused(ledger: Ledger) -> None:
    made = _add(ledger)
    with pytest.raises(BadInput, match="closed: 2023-02-01 is before inquiry"):
        with ledger.store.writing() as conn:
            inquiries.close(conn, made, {"closed": "2023-02-01"}, "ana")
    with ledger.store.writing() as conn:
        inquiries.close(conn, made, {"closed": "2023-04-01"}, "ana")
    with pytest.raises(BadInput, match="already closed on 2023-04-01"):
        with ledger.store.writing() as conn:
            inquiries.close(conn, made, {"closed": "2023-04-02"}, "ana")


LETTER = "The Office asks the Ministry about the gas supply cut on 17 January 2023.\n"
REPLY = ("The Ministry of Territorial Administration replies that the gas supply to "
         "Stepanakert was interrupted on 17 January 2023 after damage to the pipeline.\n")


def test_the_letter_and_the_reply_are_sources_with_custody(ledger: Ledger,
                                                           tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(LETTER, "utf-8")
    (tmp_path / "reply.txt").write_text(REPLY, "utf-8")
    made = inquiry_flow.send(ledger, dict(INQUIRY), tmp_path / "letter.txt", "ana")
    inquiry_flow.reply(ledger, made, {"received": "2023-03-25", "answers": {"1": "answered"}},
                       tmp_path / "reply.txt", "ben")
    shown = _get(ledger, made, date(2023, 3, 26))
    letter = ledger.store.get_source(shown["letter_source"])
    answer = ledger.store.get_source(shown["replies"][0]["source"])
    assert (letter.kind, letter.published, letter.title) == (
        "inquiry", "2023-03-01", "OMB/2023/017: Gas supply to the villages of the district")
    assert (answer.kind, answer.publisher, answer.published) == (
        "inquiry_reply", "Ministry of Territorial Administration", "2023-03-25")
    ingested = {e.object: e.actor for e in ledger.store.custody(action="ingest")}
    assert ingested == {letter.id: "ana", answer.id: "ben"}
    kinds = {m["kind"] for m in ledger.store.mentions_of(answer.id)}
    assert "dates" in kinds  # extraction ran on the reply like on any source


def test_bad_input_with_a_letter_stores_neither_letter_nor_inquiry(ledger: Ledger,
                                                                  tmp_path: Path) -> None:
    (tmp_path / "letter.txt").write_text(LETTER, "utf-8")
    with pytest.raises(BadInput, match="questions: an inquiry needs at least one question"):
        inquiry_flow.send(ledger, {**INQUIRY, "questions": []}, tmp_path / "letter.txt", "a")
    with pytest.raises(BadInput, match="letter: .*missing.txt is not a file"):
        inquiry_flow.send(ledger, dict(INQUIRY), tmp_path / "missing.txt", "a")
    assert ledger.store.count_sources() == 0 and list(ledger.store.custody(action="ingest")) == []
    assert _count(ledger, schema.inquiries) == 0
    made = _add(ledger)
    (tmp_path / "reply.txt").write_text(REPLY, "utf-8")
    with pytest.raises(BadInput, match="answers: the inquiry has no question 9"):
        inquiry_flow.reply(ledger, made, {"received": "2023-03-25", "answers": {"9": "partly"}},
                           tmp_path / "reply.txt", "ben")
    assert ledger.store.count_sources() == 0 and _count(ledger, schema.inquiry_replies) == 0
