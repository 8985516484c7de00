"""rightsledger init, verify, head: create a ledger, check that nothing was altered, anchor
its custody chain outside it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer
from rich.markup import escape

from rightsledger import anchor
from rightsledger import backup as backups
from rightsledger.cli.common import Format, err, open_ledger, out, print_json
from rightsledger.errors import BadInput
from rightsledger.ground import write_atomic
from rightsledger.ledger import Ledger, read_config
from rightsledger.privacy import vault
from rightsledger.records import audit
from rightsledger.workflow.verify import verify as verify_ledger


def init(
    folder: Path = typer.Argument(..., help="New (empty or missing) folder for the ledger."),
    database: str = typer.Option(None, "--database", help="PostgreSQL URL for server mode "
                                 "(postgresql+psycopg://user@host:port/db); default SQLite."),
    encrypt: bool = typer.Option(False, "--encrypt", help="Encrypt everything at rest under a "
                                 "passphrase (asked twice, or RIGHTSLEDGER_PASSPHRASE): the "
                                 "documents, the database and the keys."),
) -> None:
    """Create a ledger: records database, evidence store and signing key. With --encrypt,
    the ledger's folder is unreadable without the passphrase (docs/security.md, promise 6);
    every command then asks for it, or reads RIGHTSLEDGER_PASSPHRASE.

    Example: rightsledger init ./ledger --encrypt
    """
    passphrase = vault.ask(confirm=True) if encrypt else None
    with Ledger.init(folder, database, passphrase) as ledger:
        out.print(f"created {'an encrypted' if encrypt else 'a'} ledger {ledger.id} in "
                  f"{ledger.path}")
        out.print(f"public key: {ledger.public_key_path}")
        if encrypt and database:
            err.print("note: the PostgreSQL database itself is not encrypted by RightsLedger "
                      "(victims' names and contacts are): keep its data on an encrypted disk")


def passphrase(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
) -> None:
    """Change an encrypted ledger's passphrase: asked for the current one (or
    RIGHTSLEDGER_PASSPHRASE), then the new one twice (or RIGHTSLEDGER_NEW_PASSPHRASE).
    Nothing is re-encrypted: the master key is wrapped anew. Backups keep the old one.

    Example: rightsledger passphrase ./ledger
    """
    with open_ledger(folder) as ledger:
        if ledger.master is None:
            raise BadInput(f"{ledger.path} is not encrypted: only a ledger made with "
                           "`init --encrypt` has a passphrase")
        new = os.environ.get("RIGHTSLEDGER_NEW_PASSPHRASE")
        if new is None:
            err.print("the new passphrase:")
            new = vault.ask(confirm=True, env=False)
        vault.check_passphrase(new)
        vault.write(ledger.path / "keys", ledger.master, new)
        with ledger.store.writing() as conn:
            ledger.record(conn, "passphrase", details={})
    out.print(f"the passphrase of {ledger.path} is changed")


def panic(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    yes: bool = typer.Option(False, "--yes", help="Really destroy the keys: there is no "
                             "undo; only a backup opens with the passphrase afterwards."),
) -> None:
    """Destroy the ledger's keys at once, for a raid or a seizure: an encrypted ledger's
    folder then never decrypts again, passphrase or not. Needs no passphrase and takes well
    under a second. Recover from a backup kept elsewhere (`rightsledger restore`).

    Example: rightsledger panic ./ledger --yes
    """
    path = Path(folder).resolve() if folder else Path("")
    encrypted = bool(read_config(path).get("encrypted"))
    if not yes:
        raise BadInput("panic destroys the ledger's keys with no undo: add --yes")
    destroyed = vault.panic(path / "keys")
    out.print(f"destroyed {', '.join(destroyed) or 'nothing (no keys were left)'} in "
              f"{path / 'keys'}")
    if not encrypted:
        err.print("warning: this ledger was not encrypted: its documents and records stay "
                  "readable; only victims' names, contacts and stories no longer decrypt")


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
    on a problem. Without a kept head, the log's last entries could have been removed
    unseen: a warning (exit code unchanged) says when entries were written since the last
    head kept (`head --out`, a publication) and it is older than head_warn_days.

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
        for warning in report.warnings:
            err.print(f"[yellow]warning:[/yellow] {escape(warning)}", markup=True)
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
    published folder's manifest carries the head too. The custody log notes each head
    written (a `head` entry), so that `verify` can warn when none was kept for a while.

    Example: rightsledger head ./ledger --out head-2023-03-21.json
    """
    def deliver(signed: dict) -> None:
        text = json.dumps(signed, ensure_ascii=False, indent=2) + "\n"
        if out_path is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                write_atomic(out_path, text.encode("utf-8"))
            except OSError as exc:
                raise BadInput(f"cannot write {out_path}: {exc.strerror or exc}: no head "
                               "was kept") from None

    with open_ledger(folder) as ledger:
        signed = anchor.keep(ledger, str(out_path) if out_path else "stdout", deliver)
    if out_path is not None:
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
    app.command()(panic)
    app.command()(passphrase)
    app.command()(restore)
    app.command()(head)
    app.command()(init)
    app.command()(verify)
