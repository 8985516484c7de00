"""rightsledger photo-add, photos, photo, photo-confirm, photo-copy, consent, consents,
consent-withdraw, story-add, stories, story: the photo bank, consent and human stories."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from rightsledger.cli.common import (
    FORMAT,
    LEDGER,
    Format,
    err,
    ledger_and_id,
    open_ledger,
    out,
    print_json,
    split_ledger,
)
from rightsledger.errors import BadInput
from rightsledger.ground import write_atomic
from rightsledger.ledger import actor_name
from rightsledger.media import consent as consent_records
from rightsledger.media import photos as photo_records
from rightsledger.media import stories as story_records

_PHOTO = "Ledger folder (or RIGHTSLEDGER_HOME), then a photo id."
_STORY = "Ledger folder (or RIGHTSLEDGER_HOME), then a story id."


def photo_add(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] FILE...",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then photos "
                                          "(JPEG, PNG) or videos (MP4, MOV, WebM, AVI)."),
    incident: int = typer.Option(None, help="The incident they show."),
    place: str = typer.Option(None, help="Where they were taken (gazetteer name or id)."),
    photographer: str = typer.Option(None, help="Who took them."),
    credit: str = typer.Option(None, help="The credit line to print with them."),
    licence: str = typer.Option(None, help="Their licence (CC-BY-4.0, all rights reserved…)."),
    caption: str = typer.Option(None, help="A caption (default: the EXIF description)."),
    blur_faces: bool = typer.Option(False, "--blur-faces",
                                    help="Blur the faces the detector finds in the public "
                                         "copies (a person still confirms each one)."),
) -> None:
    """Put photos in the photo bank: each original is stored untouched as evidence, a public
    copy without EXIF or GPS is made; EXIF time and place are checked against the incident.
    A video is kept as evidence and checked the same way, but never gets a public copy. A
    file that cannot be added is named with its reason (exit status 2); the others are added.

    Example: rightsledger photo-add ./ledger queue.jpg shelves.jpg --incident 3
    --photographer "A. B." --credit "RightsLedger demo" --licence CC-BY-4.0 --blur-faces
    """
    folder, files = split_ledger(args, "a photo file")
    values = {"incident_id": incident, "place": place, "photographer": photographer,
              "credit": credit, "licence": licence, "caption": caption}
    with open_ledger(folder) as ledger:
        done = photo_records.add_many(ledger, [Path(f) for f in files], values, actor_name(),
                                      blur_faces)
        with ledger.store.reading() as conn:
            shown = {d.photo_id: photo_records.get(conn, d.photo_id) for d in done
                     if d.photo_id is not None}
    for d in done:
        if d.photo_id is None:
            err.print(f"refused: {escape(d.path.name)}: {escape(d.message)}")
            continue
        p = shown[d.photo_id]
        faces = ("" if p["faces_found"] is None
                 else f"; {p['faces_found']} face(s) blurred in the public copy")
        kind = "video" if p["public_sha"] is None else "photo"
        out.print(f"{kind} {d.photo_id} added from {escape(d.path.name)} "
                  f"(original {p['source_id'][:12]}){faces}")
        for flag in p["flags"]:
            out.print(f"  [yellow]check:[/yellow] {escape(flag)}", markup=True)
    if shown:
        out.print("look at each public copy (photo-copy ID --out FILE), then confirm it "
                  "(photo-confirm ID)")
    if len(shown) < len(done):
        raise typer.Exit(2)


def photos(
    folder: str = LEDGER,
    incident: int = typer.Option(None, help="Only photos of this incident."),
    place: str = typer.Option(None, help="Only photos taken at this place."),
    photographer: str = typer.Option(None, help="Only this photographer's."),
    date_from: str = typer.Option(None, "--from", help="Taken on this day or later."),
    date_to: str = typer.Option(None, "--to", help="Taken on this day or earlier."),
    groups: bool = typer.Option(False, "--groups", help="List near-identical photos."),
    fmt: Format = FORMAT,
) -> None:
    """Browse the photo bank by incident, place, date and photographer.

    Example: rightsledger photos ./ledger --place Stepanakert --from 2023-01-01 --groups
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = photo_records.find(conn, incident_id=incident, place=place,
                                   photographer=photographer, date_from=date_from,
                                   date_to=date_to)
        similar = photo_records.near_identical(conn) if groups else []
    if fmt is Format.json:
        print_json({"photos": [_plain(p) for p in found], "near_identical": similar})
        return
    for p in found:
        flags = f" [yellow]{len(p['flags'])} check(s)[/yellow]" if p["flags"] else ""
        out.print(f"#{p['id']} {p['captured_at'] or 'time unknown'} "
                  f"{escape(p['place_name'] or '-')} by {escape(p['photographer'] or '?')}"
                  f"{' incident #' + str(p['incident_id']) if p['incident_id'] else ''}"
                  f" — web: {p['web']}{flags}", markup=True)
    out.print(f"{len(found)} photo(s)")
    for group in similar:
        out.print("near-identical: " + ", ".join(f"#{i}" for i in group))


def _plain(photo: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in photo.items() if k not in ("incident", "consents")}


def photo(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_PHOTO),
    fmt: Format = FORMAT,
) -> None:
    """One photo: EXIF (time, camera, GPS), checks against its incident, credits, consent
    records and whether it may be published.

    Example: rightsledger photo ./ledger 2
    """
    folder, photo_id = ledger_and_id(args, "a photo")
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        p = photo_records.get(conn, photo_id)
    if fmt is Format.json:
        print_json(_plain(p))
        return
    out.print(f"photo #{p['id']}: {escape(p['caption'] or '(no caption)')}")
    for label, value in (("original", p["source_id"]), ("public copy", p["public_sha"]),
                         ("taken", p["captured_at"]), ("camera", p["camera"]),
                         ("GPS", f"{p['lat']}, {p['lon']}" if p["lat"] is not None else None),
                         ("place", p["place_name"]), ("incident", p["incident_id"]),
                         ("photographer", p["photographer"]), ("credit", p["credit"]),
                         ("licence", p["licence"]),
                         ("faces", None if p["faces_found"] is None
                          else f"{p['faces_found']} found and blurred"),
                         ("confirmed", p["confirmed_at"] and
                          f"{p['confirmed_at']} by {p['confirmed_by']}"),
                         ("web", p["web"]), ("reports", p["reports"])):
        out.print(f"  {label}: {escape(str(value)) if value is not None else '-'}")
    for flag in p["flags"]:
        out.print(f"  [yellow]check:[/yellow] {escape(flag)}", markup=True)
    _print_consents(p["consents"])


def _print_consents(consents: list[dict[str, Any]], by_item: bool = False) -> None:
    for c in consents:
        state = (f"withdrawn {c['withdrawn_on']}" if c["withdrawn_on"]
                 else f"until {c['expires_on']}" if c["expires_on"] else "no expiry")
        of = f" ({c['item_kind']} {c['item_id']})" if by_item else ""
        out.print(f"  consent {c['id']}{of}: {', '.join(c['scopes'])} from {c['given_on']}, "
                  f"{state}{' through ' + escape(c['through']) if c['through'] else ''}")


def photo_edit(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_PHOTO),
    incident: int = typer.Option(None, help="The incident it shows."),
    place: str = typer.Option(None, help="Where it was taken (gazetteer name or id)."),
    photographer: str = typer.Option(None, help="Who took it."),
    credit: str = typer.Option(None, help="The credit line."),
    licence: str = typer.Option(None, help="Its licence."),
    caption: str = typer.Option(None, help="The caption."),
    version: int = typer.Option(None, "--version", help="The version you read."),
) -> None:
    """Change what the bank says of a photo; only the options given change. The checks
    against the incident are made again.

    Example: rightsledger photo-edit ./ledger 2 --incident 14 --credit "RightsLedger demo"
    """
    folder, photo_id = ledger_and_id(args, "a photo")
    given = {"incident_id": incident, "place": place, "photographer": photographer,
             "credit": credit, "licence": licence, "caption": caption}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        photo_records.edit(conn, photo_id, {k: v for k, v in given.items() if v is not None},
                           actor_name(), version)
        shown = photo_records.get(conn, photo_id)
    out.print(f"photo {photo_id} changed")
    for flag in shown["flags"]:
        out.print(f"  [yellow]check:[/yellow] {escape(flag)}", markup=True)


def photo_confirm(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_PHOTO),
) -> None:
    """Confirm that you looked at a photo's public copy (faces blurred, nothing identifying
    left): only then may consent let it out.

    Example: rightsledger photo-confirm ./ledger 2
    """
    folder, photo_id = ledger_and_id(args, "a photo")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        photo_records.confirm(conn, photo_id, actor_name())
    out.print(f"photo {photo_id}: public copy confirmed")


def photo_copy(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_PHOTO),
    to: Path = typer.Option(..., "--out", help="Where to write the JPEG."),
) -> None:
    """Write a photo's public copy (no EXIF, no GPS) to a file, to look at it.

    Example: rightsledger photo-copy ./ledger 2 --out /tmp/photo-2.jpg
    """
    folder, photo_id = ledger_and_id(args, "a photo")
    with open_ledger(folder) as ledger:
        write_atomic(to, photo_records.public_copy(ledger, photo_id))
    out.print(f"public copy of photo {photo_id} written to {to}")


def consent(
    folder: str = LEDGER,
    photo_id: int = typer.Option(None, "--photo", help="The photo it is for."),
    story_id: int = typer.Option(None, "--story", help="The story it is for."),
    person: str = typer.Option(..., help="Who is depicted or quoted (stored encrypted)."),
    scopes: str = typer.Option(..., help="Uses allowed, comma-separated: "
                                         + ", ".join(consent_records.USES)),
    given_by: str = typer.Option(None, help="Who gave it, if not the person (a guardian)."),
    through: str = typer.Option(None, help="Through whom (a contact's code, a colleague)."),
    given_on: str = typer.Option(None, help="The day it was given (default today)."),
    expires_on: str = typer.Option(None, help="The last day it holds."),
    victim: int = typer.Option(None, help="The person's victim id, when recorded."),
) -> None:
    """Record the consent of one person depicted in a photo or quoted in a story.

    Example: rightsledger consent ./ledger --photo 2 --person "..." --scopes reports,press,web
    --through C-7KQ3M2XD --expires-on 2025-12-31
    """
    if (photo_id is None) == (story_id is None):
        raise BadInput("give either --photo or --story")
    values = {"item_kind": "photo" if photo_id else "story", "item_id": photo_id or story_id,
              "person": person, "scopes": scopes, "given_by": given_by, "through": through,
              "given_on": given_on, "expires_on": expires_on, "victim_id": victim}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        consent_id = consent_records.add(conn, ledger.secret, values, actor_name())
    out.print(f"consent {consent_id} recorded for {values['item_kind']} {values['item_id']}")


def consents(
    folder: str = LEDGER,
    photo_id: int = typer.Option(None, "--photo", help="Only this photo's consents."),
    story_id: int = typer.Option(None, "--story", help="Only this story's consents."),
    fmt: Format = FORMAT,
) -> None:
    """The consent records of a photo or a story, or every one (names stay encrypted and
    are left out).

    Example: rightsledger consents ./ledger --photo 2
    """
    if photo_id is not None and story_id is not None:
        raise BadInput("give --photo or --story, not both")
    kind, item = ("photo", photo_id) if photo_id is not None else ("story", story_id)
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = (consent_records.every(conn) if item is None
                 else consent_records.of_item(conn, kind, item))
    shown = [{k: v for k, v in c.items() if k not in consent_records.SENSITIVE}
             for c in found]
    if fmt is Format.json:
        print_json(shown)
        return
    _print_consents(shown, by_item=item is None)
    of = "" if item is None else f" for {kind} {item}"
    out.print(f"{len(found)} consent record(s){of}")


def consent_withdraw(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID",
                                     help="Ledger folder, then a consent id."),
    reason: str = typer.Option(..., help="Why (the person asked, the guardian asked…)."),
    on: str = typer.Option(None, help="From which day (default today)."),
) -> None:
    """Withdraw a consent: the photo or story leaves every public output built from then on
    (reports, exports, the public web); the removal is audited.

    Example: rightsledger consent-withdraw ./ledger 4 --reason "she asked us by phone"
    """
    folder, consent_id = ledger_and_id(args, "a consent")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        row = consent_records.withdraw(conn, consent_id, on, reason, actor_name())
    out.print(f"consent {consent_id} withdrawn from {row['withdrawn_on']}: "
              f"{row['item_kind']} {row['item_id']} is out of public outputs")


def story_add(
    folder: str = LEDGER,
    title: str = typer.Option(..., help="The story's title."),
    text_file: Path = typer.Option(None, "--file", help="A UTF-8 text file with the story "
                                                        "('-' reads standard input)."),
    text: str = typer.Option(None, help="The story's text, when short."),
    incident: list[int] = typer.Option(None, "--incident", help="A linked incident (repeat)."),
    victim: list[int] = typer.Option(None, "--victim", help="A linked victim id (repeat)."),
    right: list[str] = typer.Option(None, "--right", help="A right affected (repeat), as in "
                                                          "vocabularies/rights.json."),
) -> None:
    """Record a human story; prints what in it may still identify a linked victim.

    Example: rightsledger story-add ./ledger --title "Bread at dawn" --file story.txt
    --incident 3 --victim 1 --right "ICESCR 11"
    """
    body = _story_text(text_file, text)
    values = {"title": title, "body": body, "incident_ids": list(incident or []),
              "victim_ids": list(victim or []), "rights": list(right or [])}
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        story_id = story_records.add(conn, ledger.secret, values, actor_name())
        warnings = story_records.get(conn, ledger.secret, story_id)["warnings"]
    out.print(f"story {story_id} recorded")
    _print_warnings(warnings)


def _story_text(path: Path | None, text: str | None) -> str:
    if path is not None and text is not None or path is None and text is None:
        raise BadInput("give the story's text with --file or with --text")
    if path is None:
        return str(text)
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot be read as UTF-8 text ({exc})") from exc


def _print_warnings(warnings: list[str]) -> None:
    for w in warnings:
        out.print(f"  [yellow]warning:[/yellow] the text holds {escape(w)}", markup=True)
    if warnings:
        out.print("  public outputs replace these with pseudonyms; better to rewrite them")


def stories(folder: str = LEDGER, fmt: Format = FORMAT) -> None:
    """List the human stories (titles and links; the texts stay encrypted).

    Example: rightsledger stories ./ledger --format json
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = story_records.find(conn)
    if fmt is Format.json:
        print_json(found)
        return
    for s in found:
        out.print(f"story {s['id']}: {escape(s['title'])} — incidents "
                  f"{', '.join(map(str, s['incident_ids'])) or '-'}, "
                  f"{len(s['victim_ids'])} victim(s), by {s['created_by']}")
    out.print(f"{len(found)} story(ies)")


def story(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] ID", help=_STORY),
    public: bool = typer.Option(False, "--public", help="As public outputs show it."),
    check: bool = typer.Option(False, "--check", help="Exit with status 1 when the text "
                                                      "holds a linked victim's details."),
    fmt: Format = FORMAT,
) -> None:
    """One story: its text, links, consent and what the real-name check finds.

    Example: rightsledger story ./ledger 1 --public
    """
    folder, story_id = ledger_and_id(args, "a story")
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        s = (story_records.public(conn, ledger.secret, story_id) if public
             else story_records.get(conn, ledger.secret, story_id))
    if fmt is Format.json:
        print_json(s)
    elif public:
        out.print(f"{escape(s['title'])}\n\n{escape(s['text'])}\n\nvictims: "
                  f"{', '.join(s['victims']) or '-'}; incidents: "
                  f"{', '.join(map(str, s['incident_ids'])) or '-'}")
    else:
        out.print(f"story {s['id']}: {escape(s['title'])} (by {s['created_by']}, version "
                  f"{s['version']})\n\n{escape(s['body'])}\n")
        out.print(f"incidents: {', '.join(map(str, s['incident_ids'])) or '-'}; victims: "
                  f"{', '.join(map(str, s['victim_ids'])) or '-'}; rights: "
                  f"{', '.join(s['rights']) or '-'}; web: {s['web']}; reports: {s['reports']}")
        _print_consents(s["consents"])
        _print_warnings(s["warnings"])
    if check and not public and s["warnings"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    for name, command in (("photo-add", photo_add), ("photos", photos), ("photo", photo),
                          ("photo-edit", photo_edit), ("photo-confirm", photo_confirm),
                          ("photo-copy", photo_copy),
                          ("consent", consent), ("consents", consents),
                          ("consent-withdraw", consent_withdraw), ("story-add", story_add),
                          ("stories", stories), ("story", story)):
        app.command(name)(command)
