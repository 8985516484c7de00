"""rightsledger serve, users: the web application and its accounts."""

from __future__ import annotations

import sys

import typer

from rightsledger import accounts
from rightsledger.cli.common import Format, open_ledger, out, print_json, split_ledger
from rightsledger.ledger import actor_name

users_app = typer.Typer(help="Accounts of the web application: add, list, token.\n\n"
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

    with open_ledger(folder) as ledger:  # fail here, in one line, if it is not a ledger
        path = ledger.path
    view = "the public view of " if public else ""
    out.print(f"serving {view}{path} on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(path, public=public), host=host, port=port, log_level="warning")


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
    out.print(f"user {name} ({role}) added" + ("" if given else f"; password: {password}"))


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
