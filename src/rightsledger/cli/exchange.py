"""rightsledger import, export: records in and out as files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rightsledger.cli.common import err, open_ledger, out, split_ledger
from rightsledger.ledger import actor_name
from rightsledger.publish.export import FORMATS, export
from rightsledger.records.importing import import_file


def import_(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] FILE",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a .csv "
                                          "or .json file of incidents."),
) -> None:
    """Import incidents: rows with an id update that incident, rows without one create one.

    A bad row refuses the whole file, naming its row, column and reason; nothing is
    imported. Columns: see docs/records.md.

    Example: rightsledger import ./ledger incidents.csv
    """
    folder, (path, *_) = split_ledger(args, "a file to import")
    with open_ledger(folder) as ledger:
        done = import_file(ledger, Path(path), actor_name())
    out.print(f"imported {path}: {done.created} created, {done.updated} updated")


def export_(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    fmt: str = typer.Option("json", "--format", help=" or ".join(FORMATS)),
    out_path: Path = typer.Option(None, "--out", help="File to write (default: standard "
                                                      "output)."),
    proposed: bool = typer.Option(False, "--include-proposed",
                                  help="Also incidents not yet decided by a person."),
) -> None:
    """Export accepted incidents (with claims, sources, grades; victims as pseudonyms),
    disruptions, statements, obligations, and the photos (public copies) and stories
    (pseudonyms) whose consent covers the press today; never contacts. Recorded in the
    custody log with its SHA-256.

    Example: rightsledger export ./ledger --format json --out records.json
    """
    statuses = ("accepted", "proposed") if proposed else ("accepted",)
    with open_ledger(folder) as ledger:
        body, digest = export(ledger, fmt, out_path, actor_name(), statuses)
    if out_path is None:
        sys.stdout.buffer.write(body)
    else:
        err.print(f"wrote {out_path} (sha256 {digest})")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("export")(export_)
