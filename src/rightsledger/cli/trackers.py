"""rightsledger disruption(s), statement(s), obligation(s), observe: what was cut off, who
demanded what, what was ordered and whether it was done."""

from __future__ import annotations

from datetime import date

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
from rightsledger.ledger import actor_name
from rightsledger.records import disruptions as disruption_records
from rightsledger.records import obligations as obligation_records
from rightsledger.records import statements as statement_records
from rightsledger.records.dates import parse_day


def disruption(
    folder: str = LEDGER,
    kind: str = typer.Option(..., help=", ".join(disruption_records.KINDS)),
    area: str = typer.Option(..., help="Where, in words ('Nagorno-Karabakh')."),
    start: str = typer.Option(..., help="First day, YYYY-MM-DD."),
    end: str = typer.Option(None, help="Last day; omit while it goes on."),
    place: str = typer.Option(None, help="A gazetteer place (name or id)."),
    population: int = typer.Option(None, help="People affected."),
    cause: str = typer.Option(None, help="The cause, as reported."),
    attributed_to: str = typer.Option(None, help="Who it is attributed to (an actor)."),
    source: list[str] = typer.Option(None, "--source", help="A source id (repeat)."),
) -> None:
    """Record a disruption: gas, electricity, internet, mobile, water, road, food, medicine.

    Example: rightsledger disruption ./ledger --kind road --area "Lachin corridor"
    --place "Lachin corridor" --start 2022-12-12 --population 120000
    """
    values = {"kind": kind, "area": area, "start": start, "end": end, "place": place,
              "population": population, "cause": cause, "attributed_to": attributed_to,
              "sources": list(source or [])}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        new_id = disruption_records.add(conn, values, actor_name())
    out.print(f"disruption {new_id} recorded")


def disruption_end(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then a disruption id."),
    end: str = typer.Option(..., help="The last day it lasted, YYYY-MM-DD."),
    version: int = typer.Option(None, "--version", help="The version you read."),
) -> None:
    """Close an ongoing disruption on its last day.

    Example: rightsledger disruption-end ./ledger 3 --end 2023-01-20
    """
    folder, disruption_id = ledger_and_id(args, "a disruption")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        disruption_records.end(conn, disruption_id, end, actor_name(), version)
    out.print(f"disruption {disruption_id} ended on {end}")


def disruptions(
    folder: str = LEDGER,
    on: str = typer.Option(None, help="Only what was cut off that day, with its day count."),
    kind: str = typer.Option(None, help="Only this kind."),
    fmt: Format = FORMAT,
) -> None:
    """List disruptions; with --on, what was cut off that day and for how many days.

    Example: rightsledger disruptions ./ledger --on 2023-03-21
    """
    day = parse_day(on, "--on")
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = disruption_records.find(conn, kind=kind, on=day)
    if fmt is Format.json:
        print_json(found)
        return
    for d in found:
        span = f"{d['start']} – {d['end'] or 'ongoing'}"
        count = f": day {d['day']}" if day else ""
        people = f", {d['population']:,} people" if d.get("population") else ""
        out.print(f"#{d['id']} {d['kind']:<11} {escape(d['area'])}{count} ({span}{people})")
    out.print(f"{len(found)} disruption(s)" + (f" on {day}" if day else ""))


def statement(
    folder: str = LEDGER,
    by: str = typer.Option(..., help="Author (an actor's name)."),
    on: str = typer.Option(None, "--date", help="Date, YYYY-MM-DD."),
    to: str = typer.Option(None, help="Addressee (an actor's name)."),
    text: str = typer.Option("", help="What was said, in a few words."),
    demand: list[str] = typer.Option(None, "--demand", help="A demand (repeat)."),
    responds_to: int = typer.Option(None, help="The statement this one answers."),
) -> None:
    """Record a statement with its demands, or a response to one.

    Example: rightsledger statement ./ledger --by "Amnesty International" --date 2023-02-09
    --to "Government of Azerbaijan" --demand "reopen the Lachin corridor"
    """
    values = {"by": by, "date": on, "to": to, "text": text, "demands": list(demand or []),
              "response_to": responds_to}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        new_id = statement_records.add(conn, values, actor_name())
    out.print(f"statement {new_id} recorded")


def statements(folder: str = LEDGER, fmt: Format = FORMAT) -> None:
    """List statements with their demands and the responses they got.

    Example: rightsledger statements ./ledger
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = statement_records.find(conn)
    if fmt is Format.json:
        print_json(found)
        return
    for s in found:
        out.print(f"#{s['id']} {s['date'] or '?'} {escape(s['by'])}"
                  f"{' to ' + escape(s['to']) if s.get('to') else ''}: {escape(s['text'])}")
        for d in s["demands"]:
            out.print(f"  demands: {escape(d)}")
        for r in s["responses"]:
            out.print(f"  response #{r['id']} {r['date'] or '?'} {escape(r['by'])}: "
                      f"{escape(r['text'])}")


def obligation(
    folder: str = LEDGER,
    kind: str = typer.Option(..., help=", ".join(obligation_records.KINDS)),
    issuer: str = typer.Option(..., help="Who issued it (court, assembly, parties)."),
    addressee: str = typer.Option(..., help="Who must act."),
    title: str = typer.Option(..., help="A short title."),
    on: str = typer.Option(..., "--date", help="Date issued, YYYY-MM-DD."),
    deadline: str = typer.Option(None, help="Deadline, YYYY-MM-DD."),
    text: str = typer.Option("", help="What is ordered or agreed."),
) -> None:
    """Record an obligation: a court order, a resolution or an agreement.

    Example: rightsledger obligation ./ledger --kind court_order
    --issuer "International Court of Justice" --addressee "Republic of Azerbaijan"
    --title "Provisional measures" --date 2023-02-22
    """
    values = {"kind": kind, "issuer": issuer, "addressee": addressee, "title": title,
              "date": on, "deadline": deadline, "text": text}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        new_id = obligation_records.add(conn, values, actor_name())
    out.print(f"obligation {new_id} recorded")


def observe(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then an obligation id."),
    on: str = typer.Option(..., "--date", help="Day observed, YYYY-MM-DD."),
    finding: str = typer.Option(..., help=", ".join(obligation_records.FINDINGS)),
    incident: int = typer.Option(None, help="An incident showing it."),
    disruption_id: int = typer.Option(None, "--disruption", help="A disruption showing it."),
    note: str = typer.Option("", help="What was observed."),
) -> None:
    """Record an observation of (non-)compliance with an obligation, with its evidence.

    Example: rightsledger observe ./ledger 1 --date 2023-03-01 --finding not_complied
    --disruption 1 --note "corridor still closed"
    """
    folder, obligation_id = ledger_and_id(args, "an obligation")
    values = {"date": on, "finding": finding, "incident_id": incident,
              "disruption_id": disruption_id, "note": note}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        new_id = obligation_records.observe(conn, obligation_id, values, actor_name())
    out.print(f"observation {new_id} recorded on obligation {obligation_id}")


def obligations(
    folder: str = LEDGER,
    on: str = typer.Option(None, help="Status as of this day (default: today)."),
    fmt: Format = FORMAT,
) -> None:
    """List obligations with their compliance status and the evidence for it.

    Example: rightsledger obligations ./ledger --on 2023-03-21
    """
    day = parse_day(on, "--on") or date.today()
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = obligation_records.find(conn, on=day)
    if fmt is Format.json:
        print_json(found)
        return
    for o in found:
        out.print(f"#{o['id']} {o['date']} {escape(o['issuer'])} → {escape(o['addressee'])}: "
                  f"{escape(o['title'])} — [bold]{o['status']}[/bold]"
                  f"{' since ' + o['since'] if o.get('since') else ''}", markup=True)
        for e in o["evidence"]:
            links = ", ".join(f"{k.split('_')[0]} #{e[k]}" for k in ("incident_id",
                                                                    "disruption_id") if e.get(k))
            out.print(f"  {e['date']} {e['finding']}: {escape(e['note'])} {links}")


def register(app: typer.Typer) -> None:
    for command in (disruption, disruption_end, disruptions, statement, statements,
                    obligation, observe, obligations):
        app.command()(command)
