"""rightsledger import: records in from files (exports are in cli/publish.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from rightsledger.cli.common import open_ledger, out, split_ledger
from rightsledger.ledger import actor_name
from rightsledger.workflow.importing import import_file


def import_(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] FILE",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a .csv "
                                          "or .json file of incidents."),
) -> None:
    """Import incidents: rows with an id update that incident (or create it under that id),
    rows without one create one.

    Reads our own columns, our exports (open-data incidents.csv, records.json,
    uwazi-import.csv, acled.csv), an Uwazi CSV export and an ACLED event list; the dialect
    is chosen from the columns. A bad row refuses the whole file, naming its row, column and
    reason; nothing is imported. Columns: see docs/records.md.

    Example: rightsledger import ./ledger partner-acled.csv
    """
    folder, (path, *_) = split_ledger(args, "a file to import")
    with open_ledger(folder) as ledger:
        done = import_file(ledger, Path(path), actor_name())
    out.print(f"imported {path} ({done.dialect}): {done.created} created, "
              f"{done.updated} updated")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
