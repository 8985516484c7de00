"""rightsledger ingest: add files and folders to the ledger."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rightsledger.cli.common import Format, err, open_ledger, out, print_json_line, split_ledger
from rightsledger.evidence.discover import Found, discover
from rightsledger.evidence.metadata import clean
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import FAILED, FileResult, IngestSummary, ingest_found
from rightsledger.workflow.reread import reread


def ingest(
    args: list[str] = typer.Argument(..., metavar="[LEDGER] PATH...",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then files "
                                          "and folders to ingest."),
    kind: str = typer.Option(None, help="Source kind for every file: article, press_release, "
                             "statement, report, inquiry_reply, interview, photo, ..."),
    publisher: str = typer.Option(None, help="Publisher for every file."),
    author: str = typer.Option(None, help="Author for every file."),
    published: str = typer.Option(None, help="Publication date YYYY-MM-DD for every file."),
    language: str = typer.Option(None, help="Language code; default: identified per file."),
    manifest: Path = typer.Option(None, help="CSV manifest (file,kind,publisher,published,"
                                  "title,url,...); manifest.csv in a folder is read anyway."),
    batch_size: int = typer.Option(64, "--batch-size", min=1,
                                   help="Files recorded per transaction."),
    extract: bool = typer.Option(True, "--extract/--no-extract",
                                 help="Run extraction (dates, places, incidents...) while "
                                      "ingesting; with --no-extract, `rightsledger reextract` "
                                      "does it later."),
    follow_links: bool = typer.Option(False, "--follow-links",
                                      help="Follow symbolic links found inside the folders "
                                           "(each one is named); by default each is "
                                           "reported and skipped. A path given here is "
                                           "followed even when it is a link."),
    fmt: Format = typer.Option(Format.text, "--format",
                               help="text, or json: one JSON line per file once it is stored, "
                                    "then a summary line"),
) -> None:
    """Ingest files and folders (recursively): store originals, extract text, log custody.

    Each file gets one line if it fails; the summary counts new, already-known and failed
    files, the incident candidates found in the new ones (as `candidates` lists them) and
    the incidents proposed from them; the exit code is 1 when any file failed. Running it
    again is safe. A symbolic link inside a folder is reported and skipped unless
    --follow-links is given.

    Example: rightsledger ingest ./ledger incoming/ --kind article --publisher "OC Media"
    """
    ledger_path, paths = split_ledger(args, "files or folders to ingest")
    defaults = clean({"kind": kind, "publisher": publisher, "author": author,
                      "published": published, "language": language}, "options")
    started = time.monotonic()
    with open_ledger(ledger_path) as ledger:
        found = list(discover([Path(p) for p in paths], manifest, follow_links=follow_links))
        for item in found:
            if item.link:
                err.print(f"following symbolic link: {item.path} -> {item.link}", markup=False)
        summary = _run(ledger, found, defaults, fmt, batch_size, extract)
    for note in summary.not_proposed:
        err.print(f"not proposed: {note}", markup=False)
    elapsed = time.monotonic() - started
    line = {"added": summary.added, "seen": summary.seen, "failed": summary.failed,
            "bytes_added": summary.bytes_added, "candidates": summary.candidates,
            "proposed": summary.proposed, "joined": summary.joined,
            "seconds": round(elapsed, 3)}
    if fmt is Format.json:
        print_json_line({"summary": line})
    else:
        out.print(f"ingested {summary.added} new, {summary.seen} already in the ledger, "
                  f"{summary.failed} failed ({summary.bytes_added / 1e6:.1f} MB in "
                  f"{elapsed:.1f} s)" + _proposal_words(summary))
    raise typer.Exit(1 if summary.failed else 0)


def _proposal_words(summary: IngestSummary) -> str:
    """What extraction found and what review got: a candidate (`rightsledger candidates`)
    becomes a new incident, or joins one proposed before (a republished copy, the toll of
    an attack told in the next sentence)."""
    if not summary.candidates and not summary.proposed:
        return ""
    joined = f", {summary.joined} joined incidents already proposed" if summary.joined else ""
    return (f"; {summary.candidates} incident candidates found (`rightsledger candidates`): "
            f"{summary.proposed} incidents proposed for review (`rightsledger review`)"
            f"{joined}")


def _run(ledger: Ledger, found: list[Found], defaults: dict[str, str], fmt: Format,
         batch_size: int, extract: bool) -> IngestSummary:
    if fmt is Format.json:
        return ingest_found(ledger, found, defaults, on_result=print_json_line,
                            batch_size=batch_size, extract=extract, propose=True)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=len(found) < 20) as bar:
        task = bar.add_task("ingest", total=len(found))

        def on_result(result: FileResult) -> None:
            bar.advance(task)
            if result.status == FAILED:
                err.print(f"[red]failed:[/red] {result.path}: {result.message}", markup=True)

        return ingest_found(ledger, found, defaults, on_result=on_result,
                            batch_size=batch_size, extract=extract, propose=True)


def ocr(
    args: list[str] = typer.Argument(None, metavar="[LEDGER] [SOURCE_ID...]",
                                     help="Ledger folder (or RIGHTSLEDGER_HOME), then the "
                                          "sources to read; none: every scan without text."),
    languages: str = typer.Option(None, "--languages",
                                  help="Tesseract languages joined by '+' (eng+rus); "
                                       "default: the setting ocr_languages."),
    fmt: Format = typer.Option(Format.text, "--format", help="text or json"),
) -> None:
    """Read scans again with OCR: sources stored without text (a scanned PDF or a
    photographed document ingested where Tesseract was missing) are read from their
    original, indexed, extracted and proposed. Sources with text are left as they are.

    Example: rightsledger ocr ./ledger
    Example: rightsledger ocr ./ledger 3f2a9c81d0e4 --languages hye
    """
    folder, refs = split_ledger(args or [], None)
    with open_ledger(folder) as ledger:
        summary = reread(ledger, refs or None, languages=languages)
    if fmt is Format.json:
        print_json_line({"results": [vars(r) for r in summary.results],
                         "proposed": summary.proposed})
    else:
        for r in summary.results:
            (out if r.read else err).print(f"{r.source_id[:12]}  {r.message}", markup=False)
        read = sum(r.read for r in summary.results)
        out.print(f"{read} of {len(summary.results)} sources read by OCR; "
                  f"{summary.proposed} incidents proposed for review", markup=False)
    if refs and not all(r.read for r in summary.results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(ocr)
