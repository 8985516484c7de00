"""rightsledger extract: dates, places, organisations, numbers, incidents and statements
found in files, printed as JSON (the extraction contract), without a ledger."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from rightsledger.cli.common import Format, open_ledger, out, print_json
from rightsledger.errors import BadInput, RightsLedgerError
from rightsledger.extract.files import extract_file, extract_paths
from rightsledger.workflow.reextract import reextract as reextract_ledger


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def extract(
    path: Path = typer.Argument(..., help="A file, or a folder (read recursively)."),
    published: str = typer.Option(None, help="Publication date YYYY-MM-DD: the base for "
                                  "relative dates (default: the document's own, if any)."),
    lang: str = typer.Option(None, "--lang", help="Language code (default: identified)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format",
                                      help="json (one file) or jsonl (one line per file)."),
    workers: int = typer.Option(1, min=1, help="Processes for a folder."),
) -> None:
    """Extract mentions and incident candidates from files, as JSON with character offsets.

    Exit code 1 when a file could not be read (its line has "error"); 2, with one line,
    when the path does not exist.

    Example: rightsledger extract report.pdf --published 2023-03-21 --format json

    Example: rightsledger extract incoming/ --format jsonl --workers 2
    """
    base = _date(published)
    if not path.exists():
        raise BadInput(f"{path}: no such file or folder")
    failed = False
    if path.is_dir() or fmt is ExtractFormat.jsonl:
        for result in extract_paths([path], base, lang, workers):
            failed |= "error" in result
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    else:
        result = extract_file(path, base, lang)
        failed = "error" in result
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(1 if failed else 0)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise RightsLedgerError(f"--published '{value}' is not a date YYYY-MM-DD") from exc


def candidates(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    incident_type: str = typer.Option(None, "--type", help="Only this incident type code "
                                      "(shelling, blockade, infrastructure_disruption, ...)."),
    place: str = typer.Option(None, help="Only incidents at this place (name or place id)."),
    source_ref: str = typer.Option(None, "--source", help="Only candidates of this source "
                                   "(its id or first characters)."),
    limit: int = typer.Option(100, help="At most this many candidates."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Incident candidates extraction found, newest sources first, with their quote: each
    was proposed for review as an incident, or joined one (`rightsledger incidents`).

    Example: rightsledger candidates ./ledger --type shelling --place Stepanakert
    """
    with open_ledger(folder) as ledger:
        only = ledger.store.get_source(source_ref).id if source_ref else None
        rows = ledger.store.mentions("incidents", incident_type)
    wanted = [(s, c) for s, c in rows if _at(c, place) and only in (None, s.id)][:limit]
    if fmt is Format.json:
        print_json([{"source_id": s.id, "source_title": s.title, **c} for s, c in wanted])
        return
    for source, c in wanted:
        facts = " · ".join(str(x) for x in (c["date"], c["place"], c["attributed_to"]) if x)
        figures = ", ".join(f"{k} {c[k]}" for k in ("killed", "injured", "affected") if c[k])
        out.print(f"[bold]{c['type']}[/bold]  {escape(facts)}"
                  f"{'  (' + figures + ')' if figures else ''}", markup=True)
        out.print(f"  [dim]{source.short_id} {escape(source.title or source.original_name)}"
                  f"[/dim]", markup=True)
        out.print(f"  “{escape(c['quote'])}”\n")
    out.print(f"{len(wanted)} candidate(s)")


def _at(candidate: dict, place: str | None) -> bool:
    if not place:
        return True
    wanted = place.casefold()
    return wanted in (str(candidate.get("place") or "").casefold(),
                      str(candidate.get("place_id") or "").casefold())


def reextract(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    force: bool = typer.Option(False, "--force", help="Re-extract every source."),
) -> None:
    """Extract again the sources that older stage versions extracted (machine suggestions
    only: what people accepted is never touched).

    Example: rightsledger reextract ./ledger
    """
    with open_ledger(folder) as ledger:
        checked, redone = reextract_ledger(ledger, force)
    out.print(f"{redone} of {checked} sources extracted again")


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(candidates)
    app.command()(reextract)
