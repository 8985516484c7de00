"""Inquiries to state bodies: the questions an office puts to a ministry, an agency or a
municipality, under a legal basis and a deadline; the replies, with a status for each
question; the reminders sent; and the inquiry's status on any day.

On a day, an inquiry is "closed" once closed; else "answered" once replies received by
then gave every question a status other than not_answered (answered, partly, refused);
else "overdue" after its deadline, else "open". One sent after that day is "not_sent".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Table, select

from rightsledger import vocabularies
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.records import actors, audit, rows
from rightsledger.records.dates import parse_day

CHANNELS = ("letter", "email", "portal", "fax", "hand", "other")
ANSWERS = ("answered", "partly", "refused", "not_answered")
STATUSES = ("open", "answered", "overdue", "closed")
TAKEN = ("answered", "partly", "refused")  # the body took a position on the question
FIELDS = ("reference", "addressee", "sent", "channel", "subject", "questions", "legal_basis",
          "deadline_days", "incidents", "disruptions", "rights", "letter_num")
REPLY_FIELDS = ("received", "answers", "source_num", "note")
REMINDER_FIELDS = ("sent", "channel", "note")
CLOSE_FIELDS = ("closed", "reason")
MAX_DAYS = 3660


# -- writing --------------------------------------------------------------------------------
def check(conn: Connection, values: dict[str, Any], default_days: int) -> dict[str, Any]:
    """The inquiry's row and links, checked (fields, then what they refer to), writing
    nothing: a caller that stores the letter first asks this before."""
    row = _plain(values, default_days)
    taken = conn.execute(select(schema.inquiries.c.id).where(
        schema.inquiries.c.reference == row["reference"])).scalar()
    if taken is not None:
        raise BadInput(f"reference: '{row['reference']}' is already inquiry {taken}")
    for link in row["links"]:  # a reference to nothing is a bad field (400), not a 404
        for column, table, field in (("incident_id", schema.incidents, "incidents"),
                                     ("disruption_id", schema.disruptions, "disruptions")):
            if link[column] is not None and conn.execute(select(table.c.id).where(
                    table.c.id == link[column])).first() is None:
                raise BadInput(f"{field}: no {field[:-1]} {link[column]} in the ledger")
    if row["letter_num"] is not None:
        _source(conn, row["letter_num"], "letter_num")
    return row


def add(conn: Connection, values: dict[str, Any], actor: str, default_days: int = 30) -> int:
    """An inquiry: ``reference``, ``addressee`` (an actor's name), ``sent`` (a day),
    ``subject`` and ``questions`` (a list, each its own item) are required; ``channel``
    (default letter), ``legal_basis``, ``deadline_days`` (default ``default_days``, the
    setting inquiry_deadline_days), linked ``incidents``, ``disruptions`` and ``rights``,
    and ``letter_num``, the source number of the letter as stored."""
    checked = check(conn, values, default_days)
    questions, links = checked.pop("questions"), checked.pop("links")
    addressee = actors.resolve(conn, values["addressee"], actor, specific=True)
    row = {**checked, "addressee_id": addressee}
    inquiry_id = _create(conn, schema.inquiries, "inquiry", row, actor)
    for number, text in enumerate(questions, start=1):
        _create(conn, schema.inquiry_questions, "inquiry_question",
                {"inquiry_id": inquiry_id, "number": number, "text": text}, actor)
    for link in links:
        _create(conn, schema.inquiry_links, "inquiry_link",
                {"inquiry_id": inquiry_id, **link}, actor)
    return inquiry_id


def _create(conn: Connection, table: Table, entity: str, row: dict[str, Any],
            actor: str) -> int:
    new_id = rows.insert(conn, table, row, actor)
    audit.write(conn, actor, "create", entity, new_id, after=row)
    return new_id


def _plain(values: dict[str, Any], default_days: int) -> dict[str, Any]:
    """The fields checked without the database (so a bad one writes nothing)."""
    _refuse_unknown(values, FIELDS, "an inquiry")
    for field in ("reference", "addressee", "subject"):
        _words(values.get(field), field, f"an inquiry needs its {field}")
    sent = _required_day(values.get("sent"), "sent", "the day it was sent")
    days = _days(values.get("deadline_days"), default_days)
    return {"reference": values["reference"].strip(), "sent": sent.isoformat(),
            "channel": _choice(values.get("channel") or "letter", "channel", CHANNELS),
            "subject": values["subject"].strip(), "questions": _questions(values.get(
                "questions")), "legal_basis": (values.get("legal_basis") or "").strip(),
            "deadline_days": days, "deadline": (sent + timedelta(days=days)).isoformat(),
            "letter_num": rows.record_id(values.get("letter_num"), "letter_num"),
            "closed": None, "closed_reason": "", "links": _links(values)}


def _days(value: Any, default: int) -> int:
    days = default if value in (None, "") else value
    if isinstance(days, str) and days.strip().isdigit():
        days = int(days)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise BadInput(f"deadline_days: '{days}' is not a number of days (1 to {MAX_DAYS})")
    return days


def _questions(value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(q, str) for q in value):
        raise BadInput("questions: give the questions as a list, each in words")
    questions = [q.strip() for q in value if q.strip()]
    if not questions:
        raise BadInput("questions: an inquiry needs at least one question")
    return questions


def _links(values: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per linked incident, disruption or right."""
    out: list[dict[str, Any]] = []
    for field, column in (("incidents", "incident_id"), ("disruptions", "disruption_id")):
        for ref in _listed(values.get(field), field):
            out.append({"incident_id": None, "disruption_id": None, "right_code": None,
                        column: rows.record_id(ref, field)})
    known = known_rights()
    for right in _listed(values.get("rights"), "rights"):
        if not isinstance(right, str) or right.strip() not in known:
            raise BadInput(f"rights: '{right}' is not a right of vocabularies/rights.json "
                           "(e.g. 'ICCPR 12')")
        out.append({"incident_id": None, "disruption_id": None, "right_code": right.strip()})
    return out


def _listed(value: Any, field: str) -> list[Any]:
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        raise BadInput(f"{field}: give a list")
    return list(dict.fromkeys(value))


def known_rights() -> set[str]:
    """Every right the vocabulary names for some incident type."""
    return {r for k, rights in vocabularies.load("rights").items() if not k.startswith("_")
            for r in rights}


def check_reply(conn: Connection, inquiry_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """A reply's row and answers, checked, writing nothing (asked before the document is
    stored): ``received`` (a day, not before the inquiry was sent) and ``answers``, each
    question's number to its status (answered, partly, refused, not_answered)."""
    inquiry = rows.fetch(conn, schema.inquiries, inquiry_id, "inquiry")
    _refuse_unknown(values, REPLY_FIELDS, "a reply")
    received = _required_day(values.get("received"), "received", "the day it was received")
    _not_before(received, inquiry, "received")
    numbers = _numbers(conn, inquiry_id)
    answers = _answers(values.get("answers"), numbers)
    source_num = rows.record_id(values.get("source_num"), "source_num")
    if source_num is not None:
        _source(conn, source_num, "source_num")
    return {"inquiry_id": inquiry_id, "received": received.isoformat(),
            "source_num": source_num, "note": values.get("note") or "", "answers": answers}


def reply(conn: Connection, inquiry_id: int, values: dict[str, Any], actor: str) -> int:
    """A reply received to an inquiry (see :func:`check_reply`), with ``source_num`` the
    reply document as stored (a source of kind inquiry_reply) and a ``note``."""
    row = check_reply(conn, inquiry_id, values)
    answers = row.pop("answers")
    reply_id = _create(conn, schema.inquiry_replies, "inquiry_reply", row, actor)
    for question_id, status in answers:
        _create(conn, schema.inquiry_answers, "inquiry_answer",
                {"reply_id": reply_id, "question_id": question_id, "status": status}, actor)
    return reply_id


def _numbers(conn: Connection, inquiry_id: int) -> dict[int, int]:
    """Question number -> question id."""
    t = schema.inquiry_questions
    found = conn.execute(select(t.c.number, t.c.id).where(t.c.inquiry_id == inquiry_id))
    return {int(n): int(i) for n, i in found}


def _answers(value: Any, numbers: dict[int, int]) -> list[tuple[int, str]]:
    if not isinstance(value, dict) or not value:
        raise BadInput("answers: say which questions the reply answers and how "
                       "(question number: answered, partly, refused or not_answered)")
    out = []
    for number, status in value.items():
        key = int(number) if str(number).strip().isdigit() else None
        if key not in numbers:
            raise BadInput(f"answers: the inquiry has no question {number} (it has "
                           f"{', '.join(str(n) for n in sorted(numbers))})")
        out.append((numbers[key], _choice(status, f"answers: question {number}", ANSWERS)))
    return sorted(out)


def remind(conn: Connection, inquiry_id: int, values: dict[str, Any], actor: str) -> int:
    """A reminder sent to the addressee: ``sent`` (a day), ``channel`` and a ``note``. An
    inquiry closed is reminded no more."""
    inquiry = rows.fetch(conn, schema.inquiries, inquiry_id, "inquiry")
    _refuse_unknown(values, REMINDER_FIELDS, "a reminder")
    sent = _required_day(values.get("sent"), "sent", "the day it was sent")
    _not_before(sent, inquiry, "sent")
    if inquiry["closed"] is not None:
        raise BadInput(f"inquiry {inquiry_id} was closed on {inquiry['closed']}: it takes no "
                       "reminder")
    row = {"inquiry_id": inquiry_id, "sent": sent.isoformat(),
           "channel": _choice(values.get("channel") or inquiry["channel"], "channel",
                              CHANNELS), "note": values.get("note") or ""}
    return _create(conn, schema.inquiry_reminders, "inquiry_reminder", row, actor)


def close(conn: Connection, inquiry_id: int, values: dict[str, Any], actor: str,
          expected_version: int | None = None) -> None:
    """Close an inquiry on a day (``closed``), with the ``reason``: answered enough,
    withdrawn, taken to court..."""
    inquiry = rows.fetch(conn, schema.inquiries, inquiry_id, "inquiry")
    _refuse_unknown(values, CLOSE_FIELDS, "closing an inquiry")
    day = _required_day(values.get("closed"), "closed", "the day it was closed")
    _not_before(day, inquiry, "closed")
    if inquiry["closed"] is not None:
        raise BadInput(f"inquiry {inquiry_id} was already closed on {inquiry['closed']}")
    changes = {"closed": day.isoformat(), "closed_reason": (values.get("reason") or "").strip()}
    before = rows.update_checked(conn, schema.inquiries, inquiry_id, changes, actor,
                                 expected_version, "inquiry")
    audit.write(conn, actor, "close", "inquiry", inquiry_id,
                before={k: before[k] for k in changes}, after=changes)


def _source(conn: Connection, num: int, field: str) -> None:
    found = conn.execute(select(schema.sources.c.num).where(schema.sources.c.num == num))
    if found.first() is None:
        raise BadInput(f"{field}: no source number {num} in the ledger")


def _not_before(day: date, inquiry: dict[str, Any], field: str) -> None:
    if day.isoformat() < inquiry["sent"]:
        raise BadInput(f"{field}: {day} is before inquiry {inquiry['id']} was sent "
                       f"({inquiry['sent']})")


def _refuse_unknown(values: dict[str, Any], fields: tuple[str, ...], noun: str) -> None:
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise BadInput(f"{unknown[0]}: not a field of {noun} (fields: {', '.join(fields)})")


def _words(value: Any, field: str, message: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"{field}: {message}")


def _choice(value: Any, field: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise BadInput(f"{field}: '{value}' is not one of {', '.join(choices)}")
    return str(value)


def _required_day(value: Any, field: str, what: str) -> date:
    day = parse_day(value, field)
    if day is None:
        raise BadInput(f"{field}: give {what} (YYYY-MM-DD)")
    return day


# -- status on a day ------------------------------------------------------------------------
def status_on(inquiry: dict[str, Any], on: date) -> dict[str, Any]:
    """The status on a day of an inquiry as :func:`get` shapes it: "status" and "since",
    "answered_on" (the day its last unanswered question got a position), "in_time" (True,
    False, or None while it may still be), "late_days" when overdue, each question's latest
    "status" up to then, and the replies and reminders up to then."""
    day = on.isoformat()
    replies = [r for r in inquiry["replies"] if r["received"] <= day]
    latest, answered_on = _positions(inquiry["questions"], replies)
    questions = [{**q, "status": latest.get(q["id"], "not_answered")}
                 for q in inquiry["questions"]]
    deadline = inquiry["deadline"]
    in_time = None if answered_on is None and deadline >= day else (
        answered_on is not None and answered_on <= deadline)
    closed = inquiry["closed"] if inquiry["closed"] and inquiry["closed"] <= day else None
    status, since = _status(inquiry, day, answered_on, closed)
    late = (on - date.fromisoformat(deadline)).days if status == "overdue" else None
    return {"status": status, "since": since, "answered_on": answered_on,
            "in_time": in_time, "late_days": late, "questions": questions,
            "replies_so_far": replies,
            "reminders_so_far": [r for r in inquiry["reminders"] if r["sent"] <= day]}


def _positions(questions: list[dict[str, Any]], replies: list[dict[str, Any]]
               ) -> tuple[dict[int, str], str | None]:
    """Each question's latest status from the replies (in the order received), and the day
    every question first had a position."""
    latest: dict[int, str] = {}
    answered_on = None
    for r in sorted(replies, key=lambda r: (r["received"], r["id"])):
        latest.update({a["question_id"]: a["status"] for a in r["answers"]})
        every = all(latest.get(q["id"]) in TAKEN for q in questions)
        answered_on = (answered_on or r["received"]) if every else None
    return latest, answered_on


def _status(inquiry: dict[str, Any], day: str, answered_on: str | None,
            closed: str | None) -> tuple[str, str | None]:
    if inquiry["sent"] > day:
        return "not_sent", None
    if closed:
        return "closed", closed
    if answered_on:
        return "answered", answered_on
    if inquiry["deadline"] < day:
        after = date.fromisoformat(inquiry["deadline"]) + timedelta(days=1)
        return "overdue", after.isoformat()
    return "open", inquiry["sent"]


# -- reading --------------------------------------------------------------------------------
def check_filters(status: str | None = None, on: str | None = None) -> date | None:
    """The filters of a listing, checked: a status of STATUSES, a day (YYYY-MM-DD)."""
    if status == "":
        raise BadInput(f"status: empty: leave it out, or give one of {', '.join(STATUSES)}")
    if status is not None and status not in STATUSES:
        raise BadInput(f"status: '{status}' is not one of {', '.join(STATUSES)}")
    return parse_day(on, "on")


def find(conn: Connection, on: date | None = None, status: str | None = None,
         addressee: str | None = None, overdue: bool = False) -> list[dict[str, Any]]:
    """Inquiries sent by ``on`` (default today), newest first, with their status on that day
    (see :func:`status_on`); only those of one ``status``, of one ``addressee`` (an actor's
    name or alias), or ``overdue``."""
    check_filters(status)
    day = on or date.today()
    t = schema.inquiries
    stmt = select(t).where(t.c.sent <= day.isoformat()).order_by(t.c.sent.desc(), t.c.id.desc())
    if addressee:
        stmt = stmt.where(t.c.addressee_id == (actors.find(conn, addressee) or 0))
    parts = _parts(conn)
    found = [_shaped(rows.decode(r), actors.names(conn), parts, day)
             for r in conn.execute(stmt).mappings()]
    _name_sources(conn, found)
    wanted = "overdue" if overdue else status or None
    return [i for i in found if wanted is None or i["status"] == wanted]


def get(conn: Connection, inquiry_id: int, on: date | None = None) -> dict[str, Any]:
    """One inquiry in the shape of :func:`find` (also when sent after ``on``: "not_sent")."""
    row = rows.fetch(conn, schema.inquiries, inquiry_id, "inquiry")
    shown = _shaped(row, actors.names(conn), _parts(conn, inquiry_id), on or date.today())
    _name_sources(conn, [shown])
    return shown


def _name_sources(conn: Connection, found: list[dict[str, Any]]) -> None:
    """Each letter's and reply's source id (its sha256) beside its number: pages link it."""
    nums = {n for i in found for n in [i["letter_num"], *(r["source_num"] for r in
                                                          i["replies"])] if n}
    t = schema.sources
    ids = {int(n): str(i) for n, i in conn.execute(
        select(t.c.num, t.c.id).where(t.c.num.in_(nums)))} if nums else {}
    for i in found:
        i["letter_source"] = ids.get(i["letter_num"])
        for r in i["replies"]:
            r["source"] = ids.get(r["source_num"])


def _parts(conn: Connection, inquiry_id: int | None = None) -> dict[str, dict[int, list[Any]]]:
    """Questions, links, replies (with their answers) and reminders by inquiry id."""
    out = {name: _by_inquiry(conn, table, inquiry_id, order) for name, table, order in (
        ("questions", schema.inquiry_questions, "number"),
        ("links", schema.inquiry_links, "id"),
        ("replies", schema.inquiry_replies, "received"),
        ("reminders", schema.inquiry_reminders, "sent"))}
    a = schema.inquiry_answers
    reply_ids = [r["id"] for replies in out["replies"].values() for r in replies]
    answers: dict[int, list[dict[str, Any]]] = {}
    for a_row in conn.execute(select(a).where(a.c.reply_id.in_(reply_ids))
                              .order_by(a.c.id)).mappings():
        answers.setdefault(a_row["reply_id"], []).append(
            {"question_id": a_row["question_id"], "status": a_row["status"]})
    for replies in out["replies"].values():
        for r in replies:
            r["answers"] = answers.get(r["id"], [])
    return out


def _by_inquiry(conn: Connection, table: Table, inquiry_id: int | None,
                order: str) -> dict[int, list[dict[str, Any]]]:
    stmt = select(table).order_by(table.c[order], table.c.id)
    if inquiry_id is not None:
        stmt = stmt.where(table.c.inquiry_id == inquiry_id)
    out: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt).mappings():
        out.setdefault(r["inquiry_id"], []).append(rows.decode(r))
    return out


def _shaped(row: dict[str, Any], names: dict[int, str],
            parts: dict[str, dict[int, list[Any]]], on: date) -> dict[str, Any]:
    mine = {name: found.get(row["id"], []) for name, found in parts.items()}
    links = mine.pop("links")
    inquiry = {**row, "addressee": names.get(row["addressee_id"]), **mine,
               "incidents": [x["incident_id"] for x in links if x["incident_id"]],
               "disruptions": [x["disruption_id"] for x in links if x["disruption_id"]],
               "rights": [x["right_code"] for x in links if x["right_code"]]}
    numbers = {q["id"]: q["number"] for q in inquiry["questions"]}
    for r in inquiry["replies"]:
        r["answers"] = [{**a, "number": numbers.get(a["question_id"])} for a in r["answers"]]
    return {**inquiry, "on": on.isoformat(), **status_on(inquiry, on)}


def tally(found: list[dict[str, Any]]) -> dict[str, Any]:
    """What a report's methodology says of inquiries listed by :func:`find`: how many were
    sent, to how many bodies, how many answered by their deadline, and the overdue ones."""
    overdue = [i for i in found if i["status"] == "overdue"]
    return {"sent": len(found), "bodies": len({i["addressee_id"] for i in found}),
            "answered_in_time": sum(1 for i in found if i["in_time"] is True),
            "overdue": len(overdue),
            "overdue_addressees": sorted({str(i["addressee"]) for i in overdue})}
