"""rightsledger serve, users: the web application and its accounts."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import typer

from rightsledger import accounts
from rightsledger.cli.common import Format, open_ledger, out, print_json, split_ledger
from rightsledger.errors import NotFound
from rightsledger.ledger import MEMORY, Ledger, actor_name, read_config
from rightsledger.privacy import vault
from rightsledger.records import audit

users_app = typer.Typer(help="Accounts of the web application: add, list, token, totp, "
                             "code.\n\n"
                             "Example: rightsledger users add ./ledger ana --role analyst",
                        no_args_is_help=True)


def serve(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (keep 127.0.0.1 unless "
                                               "a reverse proxy with https is in front)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    public: bool = typer.Option(False, "--public", help="The public view: no sign-in, "
                                "accepted incidents only, redacted (no victims' names, no "
                                "contacts, no interview notes, no reviewers' names)."),
) -> None:
    """Serve the web application: dashboard, incidents, review, disruptions, JSON API.

    Example: rightsledger serve ./ledger --port 8000
    """
    import uvicorn

    from rightsledger.web.app import create_app
    from rightsledger.web.security import trusted_proxies

    # fail here, in one line, if it is not a ledger or the passphrase is wrong
    given = vault.ask() if folder and read_config(Path(folder)).get("encrypted") else None
    with Ledger.open(folder, given) as ledger:
        path = ledger.path
        trusted_proxies(ledger.settings["trusted_proxies"])  # a wrong one: one line, here
        if ledger.encrypted and MEMORY.is_dir():  # uploads spooled in memory, not on disk
            tempfile.tempdir = str(MEMORY)
    view = "the public view of " if public else ""
    out.print(f"serving {view}{path} on http://{host}:{port}/ (Ctrl-C to stop)")
    # the app believes forwarded headers from the trusted_proxies setting alone; uvicorn's
    # own would believe any client on 127.0.0.1 (its default forwarded_allow_ips)
    uvicorn.run(create_app(path, public=public, passphrase=given), host=host, port=port,
                log_level="warning", proxy_headers=False)


@users_app.command("add")
def users_add(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a name."),
    role: str = typer.Option("viewer", help="admin, analyst or viewer"),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from standard input "
                                             "(else one is generated and printed once)."),
) -> None:
    """Add a user of the web application.

    Example: rightsledger users add ./ledger ana --role analyst
    """
    folder, (name, *_) = split_ledger(args, "a user name")
    given = sys.stdin.readline().strip() if password_stdin else None
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        password = accounts.add_user(conn, name, role, given, actor_name())
        factor = accounts.enrol_totp(conn, ledger.secret, name, actor_name()) \
            if role == "admin" else None
    out.print(f"user {name} ({role}) added" + ("" if given else f"; password: {password}"))
    if factor:
        _print_factor(name, factor, folder)


def _print_factor(name: str, factor: str, folder: str | None) -> None:
    out.print(f"second factor (admins sign in with a code): add this secret to an "
              f"authenticator app: {factor}\n  otpauth://totp/RightsLedger:{name}?"
              f"secret={factor}&issuer=RightsLedger\n  no app at hand? "
              f"`rightsledger users code {folder or 'LEDGER'} {name}` prints the current code "
              "(to whoever holds the ledger folder)")


@users_app.command("totp")
def users_totp(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a name."),
) -> None:
    """Give a user a new second factor (TOTP): its secret is printed once, for an
    authenticator app; the old one stops working. Admins must have one.

    Example: rightsledger users totp ./ledger admin
    """
    folder, (name, *_) = split_ledger(args, "a user name")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        factor = accounts.enrol_totp(conn, ledger.secret, name, actor_name())
    _print_factor(name, factor, folder)


@users_app.command("code")
def users_code(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a name."),
) -> None:
    """Print a user's current sign-in code (TOTP), for whoever holds the ledger folder and
    has no authenticator app at hand (the demo). Reading it is audited.

    Example: rightsledger users code ./ledger admin
    """
    folder, (name, *_) = split_ledger(args, "a user name")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        factor = accounts.totp_secret_of(conn, ledger.secret, name)
        if factor is None:
            raise NotFound(f"user '{name}' has no second factor: `rightsledger users totp`")
        audit.write(conn, actor_name(), "reveal", "user", name, after={"fields": ["totp"]})
    out.print(accounts.totp_at(factor, time.time()))


@users_app.command("list")
def users_list(
    folder: str = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """List the users and their roles.

    Example: rightsledger users list ./ledger
    """
    with open_ledger(folder) as ledger, ledger.store.reading() as conn:
        found = accounts.list_users(conn)
    if fmt is Format.json:
        print_json(found)
        return
    for u in found:
        out.print(f"{u['name']:<20} {u['role']:<8} {'disabled' if u['disabled'] else ''}")


@users_app.command("token")
def users_token(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] NAME",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a name."),
) -> None:
    """Make a new API token for a user (the old one stops working); shown once.

    Example: rightsledger users token ./ledger ana
    """
    folder, (name, *_) = split_ledger(args, "a user name")
    with open_ledger(folder) as ledger, ledger.store.writing() as conn:
        token = accounts.new_token(conn, name, actor_name())
    out.print(token)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(users_app, name="users")
