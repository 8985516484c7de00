"""rightsledger incidents, incident, claim, act, victim: look at and add to records."""

from __future__ import annotations

import typer

from rightsledger.cli.common import (
    Format,
    ledger_and_id,
    open_ledger,
    out,
    print_json,
    split_ledger,
)
from rightsledger.cli.show_records import incident_line, print_incident
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger, actor_name
from rightsledger.records import actors, acts, claims, incidents, places, victims
from rightsledger.review.decide import detail, regrade
from rightsledger.search.text import fold

_ID = "Ledger folder (or RIGHTSLEDGER_HOME), then an incident id."


CLI_FIELDS = {"type_": "--type", "date_from": "--from", "date_to": "--to", "status": "--status",
              "limit": "--limit", "place": "--place"}


def incidents_(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    type_: str = typer.Option(None, "--type", help="Only this incident type code."),
    date_from: str = typer.Option(None, "--from", help="Overlapping this day or later."),
    date_to: str = typer.Option(None, "--to", help="Overlapping this day or earlier."),
    place: str = typer.Option(None, help="Only at this place (name or gazetteer id)."),
    status: str = typer.Option(None, help="proposed, accepted, rejected or merged."),
    limit: int = typer.Option(100, help="At most this many, newest first."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """List incidents by type, date range, place and status.

    Example: rightsledger incidents ./ledger --type shelling --from 2020-09-27 --to 2020-11-10
    --place Stepanakert
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = incidents.with_place_names(conn, incidents.find(
            conn, type_=type_, date_from=date_from, date_to=date_to, place=place,
            status=status, limit=limit, fields=CLI_FIELDS, most=100_000))
    if fmt is Format.json:
        print_json(found)
        return
    for row in found:
        out.print(incident_line(row), markup=True)
    out.print(f"{len(found)} incident(s)")


def incident(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """One incident: claims side by side, sources with quotes, victims, grade and why.

    Example: rightsledger incident ./ledger 12
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        shown = detail(conn, incident_id)
    if fmt is Format.json:
        print_json(shown)
    else:
        print_incident(shown)
        out.print(f"  version {shown['version']}, created by {shown['created_by']}"
                  + (f", decided by {shown['decided_by']}" if shown["decided_by"] else ""))


def claim(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
    by: str = typer.Option(None, help="Who makes the claim (an actor's name)."),
    source: str = typer.Option(None, help="The source it is made in (id or 6+ characters)."),
    killed: str = typer.Option(None, help="Killed: N, or MIN-MAX, or MIN-BEST-MAX."),
    injured: str = typer.Option(None, help="Injured: N, or MIN-MAX, or MIN-BEST-MAX."),
    denies: bool = typer.Option(False, "--denies", help="The actor denies it happened."),
    rebuts: int = typer.Option(None, help="The id of the claim this one disputes."),
    text: str = typer.Option("", help="What is claimed, in a few words."),
    quote: str = typer.Option("", help="The exact words of the source."),
) -> None:
    """Record a claim about an incident: a figure or fact asserted, or denied.

    Example: rightsledger claim ./ledger 12 --by "Human Rights Defender of Armenia"
    --killed 12 --injured 30 --source 3f2a9c81d0e4
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger:
        num = _source_num(ledger, source)
        with ledger.store.writing() as conn:
            if num is not None:
                incidents.link_source(conn, incident_id, num, quote)
            claim_id = claims.add(conn, {
                "incident_id": incident_id, "source_num": num, "by": by, "text": text,
                "quote": quote, "stance": "denies" if denies else "asserts", "rebuts": rebuts,
                "killed": _figure(killed), "injured": _figure(injured)}, actor_name())
            shown = regrade(conn, incident_id, actor_name())
    out.print(f"claim {claim_id} recorded; incident #{incident_id} is now {shown.grade}")


def _source_num(ledger: Ledger, ref: str | None) -> int | None:
    if not ref:
        return None
    sha = ledger.store.get_source(ref).id
    with ledger.store.reading() as conn:
        return int(ledger.store.num_of(conn, sha))


def _figure(value: str | None) -> int | tuple[int | None, int | None, int | None] | None:
    """'12' → 12; '10-15' → (10, None, 15); '10-12-15' → (10, 12, 15)."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
    except ValueError:
        raise BadInput(f"'{value}' is not a figure: write N, MIN-MAX or MIN-BEST-MAX") from None
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return parts[0], None, parts[1]
    return parts[0], parts[1], parts[2]


def act(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
    by: str = typer.Option(None, help="Who did it (an actor's name)."),
    what: str = typer.Option(..., "--act", help="What was done ('shelled', 'detained')."),
    target: str = typer.Option(None, help="To whom or what."),
) -> None:
    """Record who did what to whom inside an incident.

    Example: rightsledger act ./ledger 12 --by "Armed Forces of Azerbaijan" --act shelled
    --target "residential district"
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        act_id = acts.add(conn, incident_id, {"by": by, "act": what, "target": target},
                          actor_name())
        regrade(conn, incident_id, actor_name())
    out.print(f"act {act_id} recorded on incident #{incident_id}")


def victim(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_ID),
    name: str = typer.Option(None, help="Real name: encrypted, never shown or exported."),
    contact: str = typer.Option(None, help="Contact details: encrypted."),
    address: str = typer.Option(None, help="Exact address: encrypted."),
    harm: str = typer.Option("other", help=", ".join(victims.HARMS)),
    kind: str = typer.Option("individual", help="individual or group"),
    group_size: int = typer.Option(None, help="For a group: how many people."),
    age_group: str = typer.Option("unknown", help=", ".join(victims.AGE_GROUPS)),
    sex: str = typer.Option("unknown", help=", ".join(victims.SEXES)),
    status: str = typer.Option("unknown", help=", ".join(victims.STATUSES)),
) -> None:
    """Record a victim of an incident; prints the pseudonym used everywhere else.

    Example: rightsledger victim ./ledger 12 --name "..." --harm injured --age-group child
    --status civilian
    """
    folder, incident_id = ledger_and_id(args, "an incident")
    values = {"real_name": name, "contact": contact, "address": address, "harm": harm,
              "kind": kind, "group_size": group_size, "age_group": age_group, "sex": sex,
              "status": status, "incident_id": incident_id}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        victim_id = victims.add(conn, ledger.secret, values, actor_name())
        pseudonym = victims.of_incident(conn, incident_id)
    shown = next(v["pseudonym"] for v in pseudonym if v["id"] == victim_id)
    out.print(f"victim {shown} recorded on incident #{incident_id}")


def actor(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then the "
                                          "actor's name."),
    alias: list[str] = typer.Option(None, "--alias", help="Another name (repeat)."),
    kind: str = typer.Option(None, help="state_body, armed_force, international_org, court, "
                                        "ngo, ombudsman, media or person"),
) -> None:
    """Record an actor or add aliases to one: every name then finds the same actor.

    Example: rightsledger actor ./ledger "Human Rights Defender of Artsakh"
    --alias "Artsakh Ombudsman" --alias "Արցախի ՄԻՊ" --kind ombudsman
    """
    folder, (name, *_) = split_ledger(args, "an actor's name")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        actor_id = actors.describe(conn, name, list(alias or []), kind, actor_name())
        row = actors.get(conn, actor_id) or {}
    out.print(f"actor {actor_id}: {row.get('name')} ({row.get('kind') or 'kind unknown'}); "
              f"aliases: {', '.join(row.get('aliases') or []) or '-'}")


def place(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then the "
                                          "place's name."),
    kind: str = typer.Option("settlement", help="settlement, road, corridor, bridge, "
                                                "checkpoint or region"),
    lat: float = typer.Option(None, help="Latitude (WGS 84)."),
    lon: float = typer.Option(None, help="Longitude (WGS 84)."),
    country: str = typer.Option(None, help="ISO 3166 two-letter code."),
    alias: list[str] = typer.Option(None, "--alias", help="Another name (repeat)."),
) -> None:
    """Add a place the gazetteer lacks (a checkpoint, a hamlet); records can then use it.

    Example: rightsledger place ./ledger "Hakari bridge checkpoint" --kind checkpoint
    --lat 39.53 --lon 46.55 --alias "Hakari checkpoint"
    """
    folder, (name, *_) = split_ledger(args, "a place's name")
    slug = "-".join(fold(name).split())
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        place_id = places.add(conn, slug, name, kind, lat, lon, country, list(alias or []),
                              actor=actor_name())
    out.print(f"place {place_id} added")


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_)
    for command in (incident, claim, act, victim, actor, place):
        app.command()(command)
