"""rightsledger report, export, verify-export, keys: publications and how to check them."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rightsledger.cli.common import FORMAT, LEDGER, Format, err, open_ledger, out, print_json
from rightsledger.errors import BadInput
from rightsledger.evidence import keys as ledger_keys
from rightsledger.ledger import actor_name
from rightsledger.publish import export as exporting
from rightsledger.publish import manifest, report, sshsig
from rightsledger.publish.datapackage import DEFAULT_LICENCE, LICENCES
from rightsledger.publish.publication import Published
from rightsledger.publish.snapshot import Period

OUT = typer.Option(..., "--out", help="Folder to write (new, empty, or an earlier "
                                      "publication, which is replaced).")
FROM = typer.Option(None, "--from", help="First day of the period (YYYY-MM-DD).")
TO = typer.Option(None, "--to", help="Last day of the period (YYYY-MM-DD).")
PUBLIC = typer.Option(False, "--public", help="Apply the public view's redaction (no "
                                              "interview notes, no staff names).")


def _done(published: Published) -> None:
    assert published.folder is not None
    err.print(f"wrote {published.folder}: {', '.join(published.files)}")
    err.print(f"snapshot {published.snapshot_sha}; manifest sha256 {published.manifest_sha}")


def report_(
    folder: str = LEDGER,
    title: str = typer.Option(..., "--title", help="The report's title."),
    start: str = FROM, end: str = TO,
    fmt: str = typer.Option("pdf", "--format", help="html, pdf (HTML and PDF), press-release, "
                                                    "or all"),
    out_dir: Path = OUT, public: bool = PUBLIC,
    series: str = typer.Option(None, "--series", help="Reports of one series are compared "
                                                      "with each other (default: the title)."),
    lang: str = typer.Option("en", "--lang", help="Language of the report's own words."),
) -> None:
    """Build the periodic report of a period: a section per right violated with counts as
    ranges, key incidents with their grade and every fact footnoted to its sources; human
    stories (pseudonyms) and photos whose consent allows reports; charts, a map, statements
    and obligations, and a methodology annex with what changed since the previous report of
    the series. The folder gets a signed manifest; the report names its data snapshot, and
    the same snapshot gives the same HTML.

    Example: rightsledger report ./ledger --from 2022-12-12 --to 2023-03-21 --title "100 days
    of blockade" --format pdf --public --out report/
    """
    options = report.ReportOptions(title=title, period=Period.of(start, end), public=public,
                                   series=series, fmt=fmt, lang=lang)
    with open_ledger(folder) as ledger:
        _done(report.build(ledger, out_dir, options, actor_name()))


def export_(
    folder: str = LEDGER,
    fmt: str = typer.Option("json", "--format", help=", ".join(exporting.FORMATS)),
    out_dir: Path = OUT, public: bool = PUBLIC, start: str = FROM, end: str = TO,
    proposed: bool = typer.Option(False, "--include-proposed",
                                  help="Also incidents not yet decided by a person."),
    licence: str = typer.Option(DEFAULT_LICENCE, "--licence",
                                help="The data's licence, written in the csv format's "
                                     f"datapackage.json: {', '.join(LICENCES)}."),
) -> None:
    """Export the records as open data into a folder with a signed manifest: accepted
    incidents (claims side by side, sources, grades; victims as pseudonyms), places,
    disruptions, statements, obligations, and the photos (public copies) and stories
    (pseudonyms) whose consent covers the press today; never contacts. Formats: json, csv,
    geojson, acled (ACLED codebook columns), huridocs (Uwazi CSV import); csv comes as a
    Frictionless Data Package (datapackage.json: a Table Schema per file, the licence, the
    sources). Recorded in the custody log.

    Example: rightsledger export ./ledger --format csv --public --licence CC0-1.0 --out data/
    """
    if proposed and public:
        raise BadInput("--public shows accepted incidents only: leave out --include-proposed")
    options = exporting.Options(public=public, period=Period.of(start, end),
                                statuses=("accepted", "proposed") if proposed
                                else ("accepted",), licence=licence)
    with open_ledger(folder) as ledger:
        _done(exporting.export(ledger, fmt, out_dir, actor_name(), options))


def verify_export(
    target: Path = typer.Argument(..., help="The folder an export or report wrote."),
    key: Path = typer.Option(..., "--key", help="The ledger's public key (from "
                                                "`rightsledger keys`)."),
) -> None:
    """Check a published folder against its signed manifest with the ledger's public key:
    every file altered, missing or added is named. Exit status 1 when anything is wrong.

    Example: rightsledger verify-export report/ --key ledger.pub
    """
    public = ledger_keys.load_public(key)
    found, problems = manifest.check(target, public)
    for problem in problems:
        out.print(f"FAIL {problem}")
    if problems:
        err.print(f"{target}: {len(problems)} problem(s); do not trust these files")
        raise typer.Exit(1)
    signer = ledger_keys.fingerprint(public)
    out.print(f"ok: {len(found['files'])} file(s) as signed by key {signer}"
              f" ({found['kind']} of ledger {found['ledger_id']}, {found['created_at']}, "
              f"snapshot {found['snapshot'][:16]}…)")


def keys_(
    folder: str = LEDGER,
    out_path: Path = typer.Option(None, "--out", help="Also write the public key to this "
                                                      "file."),
    signers: Path = typer.Option(None, "--allowed-signers", help="Also write the key as an "
                                 "OpenSSH allowed signers file, for `ssh-keygen -Y verify`."),
    fmt: Format = FORMAT,
) -> None:
    """Print the ledger's public key (PEM) and its fingerprint: give them to whoever should
    check your publications, with verify-export or, without RightsLedger, with openssl,
    Python or ssh-keygen (docs/publishing.md). The private key never leaves the ledger.

    With --format json: {"public_key": PEM, "fingerprint": ...} on standard output.

    Example: rightsledger keys ./ledger --out ledger.pub --allowed-signers allowed_signers
    """
    with open_ledger(folder) as ledger:
        pem = ledger.public_key_path.read_bytes()
        public = ledger_keys.load_public(ledger.public_key_path)
    if out_path is not None:
        out_path.write_bytes(pem)
        err.print(f"wrote {out_path}")
    if signers is not None:
        signers.write_text(sshsig.allowed_signer(public), "ascii")
        err.print(f"wrote {signers}")
    if fmt is Format.json:
        print_json({"public_key": pem.decode("ascii"),
                    "fingerprint": ledger_keys.fingerprint(public)})
        return
    sys.stdout.write(pem.decode("ascii"))
    err.print(f"fingerprint: {ledger_keys.fingerprint(public)}")


def register(app: typer.Typer) -> None:
    app.command("report")(report_)
    app.command("export")(export_)
    app.command("verify-export")(verify_export)
    app.command("keys")(keys_)
