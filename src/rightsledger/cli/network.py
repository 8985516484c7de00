"""rightsledger contact-add, contacts, contact, engagement-add, engagements, engagement,
engagement-coverage: the network of specialists and fixers, press trips and conferences."""

from __future__ import annotations

import typer
from rich.markup import escape

from rightsledger.cli.common import (
    FORMAT,
    LEDGER,
    Format,
    ledger_and_id,
    open_ledger,
    out,
    parse_id,
    print_json,
    split_ledger,
)
from rightsledger.ledger import actor_name
from rightsledger.network import contacts as contact_records
from rightsledger.network import engagements as engagement_records


def contact_add(
    folder: str = LEDGER,
    name: str = typer.Option(..., help="The person's name (stored encrypted)."),
    kind: str = typer.Option(..., help=", ".join(contact_records.KINDS)),
    reach: str = typer.Option(None, help="How to reach them (encrypted): phone, e-mail…"),
    expertise: str = typer.Option("", help="History, economy, law, geopolitics, roads…"),
    languages: str = typer.Option("", help="Languages, comma-separated."),
    region: str = typer.Option("", help="Where they work."),
    vouched_by: str = typer.Option(None, help="Who vouches for them."),
    last_contact: str = typer.Option(None, help="The day of the last contact."),
    notes: str = typer.Option(None, help="Notes (encrypted)."),
) -> None:
    """Add a contact to the network: details are encrypted, shown only to roles given access,
    never exported.

    Example: rightsledger contact-add ./ledger --name "..." --kind fixer --reach "+374 …"
    --expertise "roads, checkpoints" --languages "hy, ru, en" --region Syunik
    """
    values = {"name": name, "kind": kind, "reach": reach, "expertise": expertise,
              "languages": languages, "region": region, "vouched_by": vouched_by,
              "last_contact": last_contact, "notes": notes}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        contact_id = contact_records.add(conn, ledger.secret, values, actor_name())
        code = contact_records.get(conn, contact_id)["code"]
    out.print(f"contact {contact_id} added as {code}")


def contact_edit(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then a contact id."),
    kind: str = typer.Option(None, help=", ".join(contact_records.KINDS)),
    reach: str = typer.Option(None, help="A new way to reach them (encrypted)."),
    name: str = typer.Option(None, help="A corrected name (encrypted)."),
    expertise: str = typer.Option(None, help="Expertise."),
    languages: str = typer.Option(None, help="Languages."),
    region: str = typer.Option(None, help="Where they work."),
    vouched_by: str = typer.Option(None, help="Who vouches for them."),
    last_contact: str = typer.Option(None, help="The day of the last contact."),
    notes: str = typer.Option(None, help="New notes (encrypted; replace the old ones)."),
    version: int = typer.Option(None, "--version", help="The version you read."),
) -> None:
    """Change a contact: only the options given change; details stay encrypted.

    Example: rightsledger contact-edit ./ledger 1 --last-contact 2023-03-01
    """
    folder, contact_id = ledger_and_id(args, "a contact")
    given = {"kind": kind, "reach": reach, "name": name, "expertise": expertise,
             "languages": languages, "region": region, "vouched_by": vouched_by,
             "last_contact": last_contact, "notes": notes}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        contact_records.edit(conn, ledger.secret, contact_id,
                             {k: v for k, v in given.items() if v is not None}, actor_name(),
                             version)
        code = contact_records.get(conn, contact_id)["code"]
    out.print(f"contact {contact_id} ({code}) changed")


def contacts(
    folder: str = LEDGER,
    kind: str = typer.Option(None, help="Only this kind."),
    text: str = typer.Option(None, help="Expertise, languages, region or voucher contain."),
    fmt: Format = FORMAT,
) -> None:
    """The network without names or details: code, kind, expertise, languages, region.

    Example: rightsledger contacts ./ledger --kind specialist --text economy
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = contact_records.list_(conn, kind, text)
    if fmt is Format.json:
        print_json(found)
        return
    for c in found:
        out.print(f"#{c['id']} {c['code']} {c['kind']}: {escape(c['expertise'] or '-')}; "
                  f"{escape(c['languages'] or '-')}; {escape(c['region'] or '-')}; "
                  f"last contact {c['last_contact'] or '-'}")
    out.print(f"{len(found)} contact(s)")


def contact(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then a contact id."),
    reveal: bool = typer.Option(False, "--reveal", help="Show the name, how to reach them "
                                                        "and notes (audited)."),
    fmt: Format = FORMAT,
) -> None:
    """One contact; with --reveal its details, and the reading is written to the audit log.

    Example: rightsledger contact ./ledger 2 --reveal
    """
    folder, contact_id = ledger_and_id(args, "a contact")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        c = (contact_records.reveal(conn, ledger.secret, contact_id, actor_name()) if reveal
             else contact_records.get(conn, contact_id))
    if fmt is Format.json:
        print_json(c)
        return
    for key in ("code", "name", "kind", "reach", "expertise", "languages", "region",
                "vouched_by", "last_contact", "notes"):
        if key in c:
            out.print(f"  {key}: {escape(str(c[key])) if c[key] else '-'}")
    if reveal:
        out.print("  (this reading is in the audit log)")


def engagement_add(
    folder: str = LEDGER,
    kind: str = typer.Option(..., help=", ".join(engagement_records.KINDS)),
    title: str = typer.Option(..., help="What it is called."),
    start: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    end: str = typer.Option(None, "--to", help="Last day."),
    place: list[str] = typer.Option(None, "--place", help="A gazetteer place (repeat)."),
    participant: list[str] = typer.Option(None, "--participant",
                                          help="A contact id, or 'Name (Outlet)' (repeat)."),
    agenda: str = typer.Option("", help="The programme."),
    material: list[str] = typer.Option(None, "--material",
                                       help="KIND:REF handed out, KIND one of "
                                            + ", ".join(engagement_records.MATERIALS)
                                            + " (repeat)."),
    coverage: list[str] = typer.Option(None, "--coverage",
                                       help="A source id of coverage that followed (repeat)."),
) -> None:
    """Record a press trip or a conference.

    Example: rightsledger engagement-add ./ledger --kind press_trip --title "The road to
    Goris" --from 2023-02-01 --to 2023-02-03 --place Goris --participant 2
    --participant "Jane Example (Daily Example)" --material photo:1
    """
    values = {"kind": kind, "title": title, "start": start, "end": end,
              "places": list(place or []), "participants": list(participant or []),
              "agenda": agenda, "materials": list(material or []),
              "coverage": list(coverage or [])}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        new_id = engagement_records.add(conn, values, actor_name())
    out.print(f"engagement {new_id} recorded")


def engagements(folder: str = LEDGER, fmt: Format = FORMAT) -> None:
    """Press trips and conferences, latest first.

    Example: rightsledger engagements ./ledger
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = engagement_records.find(conn)
    if fmt is Format.json:
        print_json(found)
        return
    for e in found:
        out.print(f"#{e['id']} {e['kind']} {e['start']}–{e['end'] or e['start']}: "
                  f"{escape(e['title'])} ({escape(', '.join(e['place_names']) or '-')}); "
                  f"{len(e['participants'])} participant(s), {len(e['coverage'])} "
                  "coverage source(s)")
    out.print(f"{len(found)} engagement(s)")


def engagement(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then an engagement id."),
    fmt: Format = FORMAT,
) -> None:
    """One press trip or conference: places, participants (contacts by code), agenda,
    materials and coverage.

    Example: rightsledger engagement ./ledger 1
    """
    folder, engagement_id = ledger_and_id(args, "an engagement")
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        e = engagement_records.get(conn, engagement_id)
        codes = contact_records.codes(conn, [p["contact_id"] for p in e["participants"]
                                             if "contact_id" in p])
    if fmt is Format.json:
        print_json(e)
        return
    out.print(f"{e['kind']} #{e['id']}: {escape(e['title'])}, {e['start']}–"
              f"{e['end'] or e['start']} at {escape(', '.join(e['place_names']) or '-')}")
    people = [codes.get(p["contact_id"], "?") if "contact_id" in p
              else f"{p['name']} ({p['outlet']})" if p["outlet"] else p["name"]
              for p in e["participants"]]
    out.print(f"  participants: {escape('; '.join(people)) or '-'}")
    out.print(f"  agenda: {escape(e['agenda'] or '-')}")
    out.print(f"  materials: {', '.join(m['kind'] + ':' + m['ref'] for m in e['materials'])}")
    for s in e["coverage_sources"]:
        out.print(f"  coverage: {s['id'][:12]} {escape(s['publisher'] or '?')}, "
                  f"{s['published'] or '?'}: {escape(s['title'] or '')}")


def engagement_coverage(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID SOURCE...",
                                     help="Ledger folder, an engagement id, source ids."),
) -> None:
    """Link articles that followed a trip or conference as its coverage.

    Example: rightsledger engagement-coverage ./ledger 1 3f2a9c81d0e4
    """
    folder, (ref, *sources) = split_ledger(args, "an engagement id and source ids")
    engagement_id = parse_id(ref, "an engagement")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        engagement_records.add_coverage(conn, engagement_id, sources, actor_name())
    out.print(f"engagement {engagement_id}: {len(sources)} coverage source(s) linked")


def register(app: typer.Typer) -> None:
    for name, command in (("contact-add", contact_add), ("contact-edit", contact_edit),
                          ("contacts", contacts),
                          ("contact", contact), ("engagement-add", engagement_add),
                          ("engagements", engagements), ("engagement", engagement),
                          ("engagement-coverage", engagement_coverage)):
        app.command(name)(command)
