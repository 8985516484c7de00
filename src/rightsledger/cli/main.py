"""rightsledger: the command-line entry point."""

from __future__ import annotations

import sys

import typer

from rightsledger.cli import (
    capture,
    exchange,
    extract,
    ingest,
    inquiries,
    inspect,
    ledger,
    media,
    network,
    publish,
    records,
    review,
    trackers,
    web,
)
from rightsledger.cli.common import err
from rightsledger.errors import RightsLedgerError

app = typer.Typer(
    name="rightsledger",
    help="RightsLedger: a tamper-evident, searchable evidence ledger for human rights "
         "documentation.\n\nExample: rightsledger init ./ledger && "
         "rightsledger ingest ./ledger demo/documents",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ledger.register(app)
ingest.register(app)
capture.register(app)
inspect.register(app)
extract.register(app)
review.register(app)
records.register(app)
trackers.register(app)
inquiries.register(app)
exchange.register(app)
media.register(app)
network.register(app)
publish.register(app)
web.register(app)


def main() -> None:
    try:
        app()
    except RightsLedgerError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted: what was acknowledged is stored; run the same command again")
        sys.exit(130)


if __name__ == "__main__":
    main()
