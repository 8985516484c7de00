"""rightsledger init, verify: create a ledger, check that nothing was altered."""

from __future__ import annotations

from pathlib import Path

import typer

from rightsledger.cli.common import Format, err, open_ledger, out, print_json
from rightsledger.evidence.verify import verify as verify_ledger
from rightsledger.ledger import Ledger
from rightsledger.records import audit


def init(
    folder: Path = typer.Argument(..., help="New (empty or missing) folder for the ledger."),
    database: str = typer.Option(None, "--database", help="PostgreSQL URL for server mode "
                                 "(postgresql+psycopg://user@host:port/db); default SQLite."),
) -> None:
    """Create a ledger: records database, evidence store and signing key.

    Example: rightsledger init ./ledger
    """
    with Ledger.init(folder, database) as ledger:
        out.print(f"created ledger {ledger.id} in {ledger.path}")
        out.print(f"public key: {ledger.public_key_path}")


def verify(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Re-hash every object, walk the custody chain and the records' audit log, check the
    database; exit 1 on a problem.

    Example: rightsledger verify ./ledger
    """
    with open_ledger(folder) as ledger:
        report = verify_ledger(ledger)
        with ledger.store.reading() as conn:
            broken = audit.first_break(conn)
    if broken:
        report.problems.append(broken)
    if fmt is Format.json:
        print_json({**report.__dict__, "ok": report.ok})
    else:
        out.print(f"checked {report.objects_checked} objects, {report.sources_checked} sources, "
                  f"{report.entries_checked} custody entries")
        if report.unreferenced:
            out.print(f"{len(report.unreferenced)} object(s) without a record (left by an "
                      "interrupted ingest; ingesting the same files again completes them)")
        for problem in report.problems:
            err.print(f"[red]problem:[/red] {problem}", markup=True)
        out.print("ledger verified: no problems" if report.ok
                  else f"{len(report.problems)} problem(s) found")
    raise typer.Exit(0 if report.ok else 1)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(verify)
