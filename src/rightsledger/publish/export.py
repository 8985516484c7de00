"""Exports of the records: a folder of open-data files (publish.formats) with a signed
manifest, built from one data snapshot (publish.snapshot) and recorded in custody.

What an export holds: accepted incidents with their claims side by side, sources and
grades, victims as pseudonyms, places, disruptions, statements and obligations, and the
photos (public copies: no EXIF, no GPS) and human stories (pseudonyms) whose consent
records cover the press on the day of the export. Victims' real names, contacts and
addresses are never read; contacts and engagements are never exported. ``public`` applies
the public web view's redaction as well. Consents that lapsed since the last public output
are written to the audit log first. A CSV export is a Frictionless Data Package: its
datapackage.json (publish.datapackage) carries the licence chosen at export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.media import consent
from rightsledger.publish import datapackage, formats, publication, snapshot
from rightsledger.publish.publication import Published

FORMATS = tuple(formats.WRITERS)
USE = "press"  # the consent scope an export needs


@dataclass(frozen=True)
class Options:
    public: bool = False
    period: snapshot.Period = snapshot.Period()
    statuses: tuple[str, ...] = ("accepted",)
    licence: str = datapackage.DEFAULT_LICENCE


def take_snapshot(ledger: Ledger, actor: str, options: Options, use: str,
                  on: date | None = None) -> dict[str, Any]:
    """Lapsed consents audited, then the snapshot of the records as of ``on`` (today)."""
    day = on or date.today()
    with ledger.store.writing() as conn:
        consent.sweep(conn, day, actor)
    with ledger.store.reading() as conn:
        return snapshot.build(conn, ledger_id=ledger.id, secret=ledger.secret, use=use, on=day,
                              period=options.period, public=options.public,
                              statuses=options.statuses)


def export(ledger: Ledger, fmt: str, out: Path, actor: str,
           options: Options = Options()) -> Published:
    """Write the export folder ``out`` in format ``fmt``, signed and recorded in custody."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format '{fmt}': choose one of {', '.join(FORMATS)}")
    licence = datapackage.licence(options.licence)
    publication.target(out)
    snap = take_snapshot(ledger, actor, options, USE)

    def render(folder: Path) -> dict[str, Any]:
        formats.WRITERS[fmt](snap, folder)
        if fmt == "csv":
            datapackage.write(folder, snap, snapshot.digest(snap), licence)
        return {"format": fmt, "incidents": len(snap["incidents"]),
                "photos": len(snap["photos"]), "stories": len(snap["stories"]),
                "licence": licence}

    return publication.publish(ledger, out, "export", snap, render, actor)
