"""rightsledger review, accept, reject, merge, edit, grade: people decide on incidents."""

from __future__ import annotations

import typer

from rightsledger.cli.common import (
    Format,
    ledger_and_id,
    open_ledger,
    out,
    parse_id,
    print_json,
)
from rightsledger.cli.show_records import print_incident
from rightsledger.ledger import Ledger, actor_name
from rightsledger.review import decide
from rightsledger.workflow.propose import propose

_ID = "Ledger folder (or RIGHTSLEDGER_HOME), then an incident id."
_VERSION = typer.Option(None, "--version", help="The version you read (from `incident`): "
                                                "the save is refused if it changed since.")


# Help text is rich markup (typer renders it): a bracket that is not a tag is escaped, \[.
def review(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    limit: int = typer.Option(20, help="At most this many incidents in this session."),
    fmt: Format = typer.Option(Format.text, "--format",
                               help="text (interactive) or json (list the queue)"),
) -> None:
    r"""Go through proposed incidents: \[a]ccept, \[e]dit, \[r]eject, \[m]erge, \[s]kip, \[q]uit.

    New candidates from extraction are proposed first. Every decision is saved at once, with
    your name (RIGHTSLEDGER_ACTOR or your login) in the audit log.

    Example: rightsledger review ./ledger
    """
    with open_ledger(folder) as ledger:
        propose(ledger)
        with ledger.store.reading() as conn:
            waiting = decide.queue(conn, limit)
        if fmt is Format.json:
            print_json(waiting)
            return
        if not waiting:
            out.print("nothing to review: every proposed incident has been decided")
        for item in waiting:
            print_incident(item)
            if not _decide_one(ledger, item):
                break


def _decide_one(ledger: Ledger, item: dict) -> bool:
    """Ask for one decision; False when the reviewer quits."""
    choice = typer.prompt("[a]ccept [e]dit [r]eject [m]erge [s]kip [q]uit", default="s")[:1]
    who, version = actor_name(), item["version"]
    with ledger.store.writing() as conn:
        if choice == "a":
            decide.accept(conn, item["id"], who, version)
        elif choice == "r":
            decide.reject(conn, item["id"], typer.prompt("reason"), who, version)
        elif choice == "m":
            into = parse_id(typer.prompt("merge into", default=str(item.get("match_id") or "")),
                            "an incident")
            decide.merge(conn, item["id"], into, who, version)
        elif choice == "e":
            decide.edit(conn, item["id"], _ask_changes(item), who, version)
            decide.accept(conn, item["id"], who)
    out.print("")
    return choice != "q"


def _ask_changes(item: dict) -> dict:
    changes = {"type": typer.prompt("type", default=item["type"]),
               "date_start": typer.prompt("date start", default=item["date_start"] or ""),
               "date_end": typer.prompt("date end", default=item["date_end"] or ""),
               "description": typer.prompt("description", default=item["description"])}
    places = typer.prompt("places (; between)", default="; ".join(item["places"]))
    changes["places"] = [p.strip() for p in places.split(";") if p.strip()]
    return changes


def accept(args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
           version: int = _VERSION) -> None:
    """Accept a proposed incident as it stands.

    Example: rightsledger accept ./ledger 12 --version 1
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        decide.accept(conn, incident_id, actor_name(), version)
    out.print(f"incident #{incident_id} accepted")


def reject(args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
           reason: str = typer.Option(..., help="Why it is rejected (kept and shown)."),
           version: int = _VERSION) -> None:
    """Reject an incident, with the reason.

    Example: rightsledger reject ./ledger 12 --reason "a demand, not a report"
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        decide.reject(conn, incident_id, reason, actor_name(), version)
    out.print(f"incident #{incident_id} rejected")


def merge(args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
          into: int = typer.Option(..., help="The incident that takes its sources and claims."),
          version: int = _VERSION) -> None:
    """Merge an incident into another (five articles about one shelling: one incident).

    Example: rightsledger merge ./ledger 14 --into 12
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        decide.merge(conn, incident_id, into, actor_name(), version)
    out.print(f"incident #{incident_id} merged into #{into}")


def edit(args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
         type_: str = typer.Option(None, "--type", help="Incident type code."),
         start: str = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
         end: str = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
         precision: str = typer.Option(None, help="day, month, year or range."),
         place: list[str] = typer.Option(None, "--place", help="A place (repeat for more)."),
         description: str = typer.Option(None, help="What happened, in your words."),
         right: list[str] = typer.Option(None, "--right", help="A right affected (repeat)."),
         version: int = _VERSION,
         fmt: Format = typer.Option(Format.text, "--format", help="text or json")) -> None:
    """Correct an incident's fields; the machine's suggestion stays on record.

    Example: rightsledger edit ./ledger 12 --from 2020-10-03 --to 2020-10-03 --place Shushi
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    changes = {k: v for k, v in {"type": type_, "date_start": start, "date_end": end,
                                 "date_precision": precision, "places": place or None,
                                 "description": description, "rights": right or None}.items()
               if v is not None}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        row = decide.edit(conn, incident_id, changes, actor_name(), version)
    if fmt is Format.json:
        print_json(row)
    else:
        out.print(f"incident #{incident_id} saved (version {row['version']})")


def grade(args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
          set_to: str = typer.Option(None, "--set", help="confirmed, fair, weak, contested or "
                                                         "discounted; omit to clear"),
          reason: str = typer.Option("", help="Why the computed grade is overridden."),
          version: int = _VERSION) -> None:
    """Override an incident's computed grade, with a reason (or clear the override).

    Example: rightsledger grade ./ledger 12 --set discounted --reason "video shown to be older"
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        decide.override_grade(conn, incident_id, set_to, reason, actor_name(), version)
        shown = decide.regrade(conn, incident_id, actor_name())
    out.print(f"incident #{incident_id}: {shown.grade} — {'; '.join(shown.reasons)}")


def register(app: typer.Typer) -> None:
    for command in (review, accept, reject, merge, edit, grade):
        app.command()(command)
