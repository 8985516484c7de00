"""rightsledger capture and replay: web pages captured as evidence, and opened offline."""

from __future__ import annotations

from pathlib import Path

import typer

from rightsledger.cli.common import Format, err, open_ledger, out, print_json_line, split_ledger
from rightsledger.errors import BadInput
from rightsledger.evidence import replay as replaying


def capture(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] URL...",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then the "
                                          "addresses to capture."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Capture web pages as evidence: each URL loaded by headless Chromium and stored as one
    source (a WACZ: the WARC of every response, a full-page screenshot, a PDF, the text,
    the headers, the time and the URL as seen), hashed and custody-logged. Capturing a URL
    again makes a new version linked to the one before. Nothing else is ever fetched.

    Example: rightsledger capture ./ledger https://example.org/statement
    """
    from rightsledger.workflow.capture import capture as run

    folder, urls = split_ledger(args, "a URL")
    with open_ledger(folder) as ledger:
        done = run(ledger, urls)
    for c in done:
        if fmt is Format.json:
            print_json_line({"url": c.url, "source_id": c.source_id, "version": c.version,
                             "previous": c.previous, "partial": c.partial, "lines": c.lines,
                             "message": c.message})
            continue
        if c.source_id is None:
            err.print(f"{c.url}: {c.message or 'already in the ledger'}", markup=False)
            continue
        after = f", after {c.previous[:12]}" if c.previous else ""
        out.print(f"captured {c.url} as {c.source_id[:12]} (version {c.version}{after})",
                  markup=False)
        for line in c.lines:
            if line in c.missing:
                err.print(f"  partial: {line}", markup=False)
            else:
                out.print(f"  {line}", markup=False)


def replay(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] SOURCE_ID",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then a "
                                          "captured source's id (6 characters or more)."),
    out_dir: Path = typer.Option(None, "--out", help="Write the page, its screenshot, PDF, "
                                 "text and facts to this folder instead of serving them."),
    port: int = typer.Option(8800, "--port", min=1, max=65535,
                             help="Port on 127.0.0.1 to serve the archived copy on."),
) -> None:
    """Open a captured page offline: served on 127.0.0.1 from the archive only (no script
    runs, nothing is fetched from anywhere), or written out as files with --out.

    Example: rightsledger replay ./ledger 3f2a9c81 --out ./statement-copy
    Example: rightsledger replay ./ledger 3f2a9c81 --port 8800
    """
    folder, (ref, *_) = split_ledger(args, "a source id")
    with open_ledger(folder) as ledger:
        source = ledger.store.get_source(ref)
        if source.reader != "wacz.v1":
            raise BadInput(f"source {source.id[:12]} is a {source.kind}, not a web capture: "
                           "open it with `rightsledger show`")
        with ledger.store.writing() as conn:
            ledger.record(conn, "replay", source.id, {"to": str(out_dir) if out_dir
                                                       else f"127.0.0.1:{port}"})
        archived = replaying.load(ledger.objects.read(source.id))
    if out_dir is not None:
        for path in replaying.write_out(archived, out_dir):
            out.print(str(path), markup=False)
        return
    httpd = replaying.server(archived, port)
    out.print(f"the copy of {archived.url} archived {archived.facts.get('fetched_at', '')} "
              f"is at http://127.0.0.1:{port}/ (Ctrl-C stops)", markup=False)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def register(app: typer.Typer) -> None:
    app.command()(capture)
    app.command()(replay)
