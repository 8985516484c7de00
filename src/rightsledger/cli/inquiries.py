"""rightsledger inquiries, inquiry add|reply|remind|close|show: inquiries to state bodies,
the replies with a status per question, reminders, and the status on a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from rightsledger.cli.common import (
    FORMAT,
    LEDGER,
    Format,
    ledger_and_id,
    open_ledger,
    out,
    print_json,
)
from rightsledger.errors import BadInput
from rightsledger.ledger import actor_name
from rightsledger.records import inquiries as inquiry_records
from rightsledger.workflow import inquiries as inquiry_flow

inquiry_app = typer.Typer(help="One inquiry to a state body: add, reply, remind, close, "
                               "show.\n\nExample: rightsledger inquiry add ./ledger "
                               "--reference HRD/2023/114 --to \"Ministry of Health\" "
                               "--sent 2023-03-01 --subject \"Hospital supplies\" "
                               "--question \"How many ...?\"",
                          no_args_is_help=True)
ID_ARGS = typer.Argument(..., metavar="[LEDGER] ID", help="Ledger folder, then an inquiry id.")


def inquiries(
    folder: str = LEDGER,
    on: str = typer.Option(None, help="Status as of this day, YYYY-MM-DD (default: today)."),
    overdue: bool = typer.Option(False, "--overdue", help="Only those overdue that day."),
    status: str = typer.Option(None, help=", ".join(inquiry_records.STATUSES)),
    to: str = typer.Option(None, help="Only those to this addressee (an actor's name)."),
    fmt: Format = FORMAT,
) -> None:
    """List inquiries sent by a day with their status that day: open, answered, overdue
    (past the deadline without an answer to every question) or closed.

    Example: rightsledger inquiries ./ledger --overdue --on 2023-04-15
    """
    day = inquiry_records.check_filters(status, on) or date.today()
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = inquiry_records.find(conn, on=day, status=status, addressee=to,
                                     overdue=overdue)
    if fmt is Format.json:
        print_json(found)
        return
    for i in found:
        out.print(_line(i), markup=True)
    counted = inquiry_records.tally(found)
    out.print(f"{counted['sent']} inquiry(ies) to {counted['bodies']} body(ies) on {day}: "
              f"{counted['answered_in_time']} answered in time, {counted['overdue']} overdue")


def _line(i: dict[str, Any]) -> str:
    late = f" by {i['late_days']} day(s)" if i["late_days"] else ""
    return (f"#{i['id']} {escape(i['reference'])} {i['sent']} → {escape(str(i['addressee']))}:"
            f" {escape(i['subject'])} — [bold]{i['status']}[/bold]{late} (deadline "
            f"{i['deadline']}, {len(i['reminders_so_far'])} reminder(s))")


@inquiry_app.command("add")
def inquiry_add(
    folder: str = LEDGER,
    reference: str = typer.Option(..., help="The office's reference number."),
    to: str = typer.Option(..., "--to", help="The addressee: a ministry, agency, "
                           "municipality (an actor's name)."),
    sent: str = typer.Option(..., help="The day it was sent, YYYY-MM-DD."),
    subject: str = typer.Option(..., help="What it is about, in a few words."),
    question: list[str] = typer.Option(..., "--question", help="A question (repeat)."),
    channel: str = typer.Option("letter", help=", ".join(inquiry_records.CHANNELS)),
    legal_basis: str = typer.Option("", help="The law it is sent under."),
    deadline_days: int = typer.Option(None, help="Days to answer; default: the setting "
                                      "inquiry_deadline_days."),
    incident: list[int] = typer.Option(None, "--incident", help="A linked incident (repeat)."),
    disruption: list[int] = typer.Option(None, "--disruption",
                                         help="A linked disruption (repeat)."),
    right: list[str] = typer.Option(None, "--right", help="A right concerned, e.g. "
                                    "'ICCPR 12' (repeat)."),
    letter: Path = typer.Option(None, help="The letter as sent: stored as a source of kind "
                                "inquiry, custody-logged."),
) -> None:
    """Record an inquiry sent to a state body, each question its own item.

    Example: rightsledger inquiry add ./ledger --reference HRD/2023/114
    --to "Ministry of Health" --sent 2023-03-01 --subject "Hospital supplies"
    --question "How many dialysis patients were transferred?" --letter letter-114.pdf
    """
    values = {"reference": reference, "addressee": to, "sent": sent, "subject": subject,
              "questions": list(question), "channel": channel, "legal_basis": legal_basis,
              "deadline_days": deadline_days, "incidents": list(incident or []),
              "disruptions": list(disruption or []), "rights": list(right or [])}
    with open_ledger(folder) as ledger:
        new_id = inquiry_flow.send(ledger, values, letter, actor_name())
        with ledger.store.reading() as conn:
            made = inquiry_records.get(conn, new_id)
    out.print(f"inquiry {new_id} recorded: {len(made['questions'])} question(s) to "
              f"{made['addressee']}, deadline {made['deadline']}", markup=False)


@inquiry_app.command("reply")
def inquiry_reply(
    args: list[str] = ID_ARGS,
    received: str = typer.Option(..., help="The day the reply was received, YYYY-MM-DD."),
    answer: list[str] = typer.Option(..., "--answer", help="QUESTION=STATUS, the status one "
                                     "of " + ", ".join(inquiry_records.ANSWERS) + " (repeat)."),
    document: Path = typer.Option(None, help="The reply itself: ingested as a source of kind "
                                  "inquiry_reply and extracted like any source."),
    note: str = typer.Option("", help="A note on the reply."),
) -> None:
    """Record a reply to an inquiry with a status for each question it answers.

    Example: rightsledger inquiry reply ./ledger 1 --received 2023-03-20
    --answer 1=answered --answer 2=refused --document reply-114.pdf
    """
    folder, inquiry_id = ledger_and_id(args, "an inquiry")
    values = {"received": received, "answers": _answers(answer), "note": note}
    with open_ledger(folder) as ledger:
        reply_id = inquiry_flow.reply(ledger, inquiry_id, values, document, actor_name())
        with ledger.store.reading() as conn:
            now = inquiry_records.get(conn, inquiry_id)
    out.print(f"reply {reply_id} recorded on inquiry {inquiry_id}: now {now['status']}")


def _answers(given: list[str]) -> dict[str, str]:
    """``["1=answered", "2=refused"]`` as {"1": "answered", "2": "refused"}."""
    out: dict[str, str] = {}
    for item in given:
        number, sep, status = item.partition("=")
        if not sep or not number.strip():
            raise BadInput(f"--answer: '{item}' is not QUESTION=STATUS (e.g. 1=answered)")
        out[number.strip()] = status.strip()
    return out


@inquiry_app.command("remind")
def inquiry_remind(
    args: list[str] = ID_ARGS,
    sent: str = typer.Option(..., help="The day the reminder was sent, YYYY-MM-DD."),
    channel: str = typer.Option(None, help="How; default: the inquiry's own channel."),
    note: str = typer.Option("", help="What it said."),
) -> None:
    """Record a reminder sent to the addressee of an inquiry.

    Example: rightsledger inquiry remind ./ledger 1 --sent 2023-04-05 --channel email
    """
    folder, inquiry_id = ledger_and_id(args, "an inquiry")
    values = {"sent": sent, "channel": channel, "note": note}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        reminder_id = inquiry_records.remind(conn, inquiry_id, values, actor_name())
    out.print(f"reminder {reminder_id} recorded on inquiry {inquiry_id}")


@inquiry_app.command("close")
def inquiry_close(
    args: list[str] = ID_ARGS,
    on: str = typer.Option(..., "--date", help="The day it is closed, YYYY-MM-DD."),
    reason: str = typer.Option("", help="Why: answered enough, withdrawn, taken to court…"),
    version: int = typer.Option(None, "--version", help="The version you read."),
) -> None:
    """Close an inquiry: from that day on it is closed, answered or not.

    Example: rightsledger inquiry close ./ledger 1 --date 2023-05-01 --reason "answered"
    """
    folder, inquiry_id = ledger_and_id(args, "an inquiry")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        inquiry_records.close(conn, inquiry_id, {"closed": on, "reason": reason},
                              actor_name(), version)
    out.print(f"inquiry {inquiry_id} closed on {on}")


@inquiry_app.command("show")
def inquiry_show(
    args: list[str] = ID_ARGS,
    on: str = typer.Option(None, help="Status as of this day (default: today)."),
    fmt: Format = FORMAT,
) -> None:
    """Show one inquiry: its questions with their status, replies and reminders.

    Example: rightsledger inquiry show ./ledger 1 --on 2023-04-15
    """
    folder, inquiry_id = ledger_and_id(args, "an inquiry")
    day = inquiry_records.check_filters(on=on)
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = inquiry_records.get(conn, inquiry_id, on=day)
    if fmt is Format.json:
        print_json(found)
        return
    out.print(_line(found), markup=True)
    for q in found["questions"]:
        out.print(f"  {q['number']}. {escape(q['text'])} — {q['status']}")
    for r in found["replies_so_far"]:
        source = f", source #{r['source_num']}" if r["source_num"] else ""
        out.print(f"  reply #{r['id']} received {r['received']}{source}")
    for r in found["reminders_so_far"]:
        out.print(f"  reminder sent {r['sent']} ({r['channel']})")


def register(app: typer.Typer) -> None:
    app.command()(inquiries)
    app.add_typer(inquiry_app, name="inquiry")
