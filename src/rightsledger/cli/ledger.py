"""rightsledger init, verify, head: create a ledger, check that nothing was altered, anchor
its custody chain outside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from rightsledger import anchor
from rightsledger import backup as backups
from rightsledger.cli.common import Format, err, open_ledger, out, print_json
from rightsledger.evidence.objects import write_atomic
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
    against: list[Path] = typer.Option(None, "--against", help="A chain head written "
                                       "earlier (`rightsledger head`), or a published folder "
                                       "or its manifest.json: the log must still hold it "
                                       "(repeat for several)."),
) -> None:
    """Re-hash every object, walk the custody chain and the records' audit log, check the
    database; with --against, check the chain against heads kept outside the ledger; exit 1
    on a problem.

    Example: rightsledger verify ./ledger --against head-2023-03-21.json
    """
    with open_ledger(folder) as ledger:
        report = verify_ledger(ledger)
        with ledger.store.reading() as conn:
            broken = audit.first_break(conn)
        for path in against or []:
            report.problems += anchor.problems(ledger, anchor.read(path, ledger))
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


def head(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    out_path: Path = typer.Option(None, "--out", help="File to write (default: standard "
                                                      "output)."),
) -> None:
    """Write the custody chain's head (sequence and hash), signed: keep it outside the ledger
    (send it to a partner, print it, publish it). `verify --against` it later proves the log
    was not rewritten since, even by someone holding the database and the key. Every
    published folder's manifest carries the head too.

    Example: rightsledger head ./ledger --out head-2023-03-21.json
    """
    with open_ledger(folder) as ledger:
        signed = anchor.head_of(ledger)
    text = json.dumps(signed, ensure_ascii=False, indent=2) + "\n"
    if out_path is None:
        sys.stdout.write(text)
    else:
        write_atomic(out_path, text.encode("utf-8"))
        err.print(f"wrote {out_path}: custody entry {signed['head']['seq']}, "
                  f"{signed['head']['hash'][:16]}…")


def backup(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    out_dir: Path = typer.Option(..., "--out", help="New folder for the backup."),
) -> None:
    """Back up the ledger while it is in use: the database (SQLite's backup API, or pg_dump),
    then the evidence objects, the keys and the settings. Keep the backup as safe as the
    ledger: it holds the keys. Recorded in the custody log.

    Example: rightsledger backup ./ledger --out /media/usb/ledger-2023-03-21
    """
    with open_ledger(folder) as ledger:
        done = backups.backup(ledger, out_dir)
    out.print(f"backed up to {done.folder}"
              + (f": {done.sources} sources, {done.entries} custody entries"
                 if done.sources is not None else ""))


def restore(
    source: Path = typer.Argument(..., help="A folder `rightsledger backup` wrote."),
    target: Path = typer.Argument(..., help="New (empty or missing) folder for the ledger."),
    database: str = typer.Option(None, "--database", help="For a PostgreSQL backup: the URL "
                                                          "of an empty database."),
) -> None:
    """Restore a backup into an empty folder, then verify it; exit 1 if verify finds a
    problem.

    Example: rightsledger restore /media/usb/ledger-2023-03-21 ./ledger-restored
    """
    restored = backups.restore(source, target, database)
    with open_ledger(str(restored)) as ledger:
        report = verify_ledger(ledger)
    for problem in report.problems:
        err.print(f"[red]problem:[/red] {problem}", markup=True)
    out.print(f"restored into {restored}: {report.sources_checked} sources, "
              f"{report.entries_checked} custody entries, "
              + ("verified: no problems" if report.ok else f"{len(report.problems)} problem(s)"))
    raise typer.Exit(0 if report.ok else 1)


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
    app.command()(head)
    app.command()(init)
    app.command()(verify)
