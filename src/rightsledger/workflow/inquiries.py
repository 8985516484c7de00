"""Inquiries with their documents: the letter sent and the reply received are stored as
sources through the one ingest (custody-logged, extracted like any source), then linked to
the inquiry's records (records.inquiries).

Order, so that bad input writes nothing: the inquiry or the reply is checked first (its
fields and what they refer to), then the document is ingested, then the record written. A
document that cannot be ingested stops it there, naming the file; a document already in
the ledger is linked as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import inquiries
from rightsledger.workflow.ingest import FAILED, FileResult, ingest

LETTER_KIND, REPLY_KIND = "inquiry", "inquiry_reply"


def send(ledger: Ledger, values: dict[str, Any], letter: Path | None, actor: str) -> int:
    """Record an inquiry (records.inquiries.add); ``letter``, a file, is stored first as a
    source of kind inquiry and linked as the inquiry's letter."""
    days = int(ledger.settings["inquiry_deadline_days"])
    with ledger.store.reading() as conn:
        checked = inquiries.check(conn, values, days)
    if letter is not None:
        meta = {"kind": LETTER_KIND, "published": checked["sent"],
                "title": f"{checked['reference']}: {checked['subject']}"}
        values = {**values, "letter_num": _stored(ledger, letter, meta, "letter", actor,
                                                  propose=False)}
    with ledger.store.writing() as conn:
        return inquiries.add(conn, values, actor, days)


def reply(ledger: Ledger, inquiry_id: int, values: dict[str, Any], document: Path | None,
          actor: str) -> int:
    """Record a reply (records.inquiries.reply); ``document``, a file, is ingested first as
    a source of kind inquiry_reply from the addressee, extracted and proposed from like any
    source, and linked as the reply's source."""
    with ledger.store.reading() as conn:
        checked = inquiries.check_reply(conn, inquiry_id, values)
        addressee = inquiries.get(conn, inquiry_id)["addressee"]
    if document is not None:
        meta = {"kind": REPLY_KIND, "published": checked["received"], "publisher": addressee}
        values = {**values, "source_num": _stored(ledger, document, meta, "document", actor,
                                                  propose=True)}
    with ledger.store.writing() as conn:
        return inquiries.reply(conn, inquiry_id, values, actor)


def _stored(ledger: Ledger, path: Path, meta: dict[str, str], field: str, actor: str,
            propose: bool) -> int:
    """The source number of one file, ingested now or found already in the ledger."""
    if not path.is_file():
        raise BadInput(f"{field}: {path} is not a file")
    results: list[FileResult] = []
    ingest(ledger, [path], meta, on_result=results.append, propose=propose, actor=actor)
    (result,) = results
    if result.status == FAILED or result.source_id is None:
        raise BadInput(f"{field}: {path}: {result.message}")
    with ledger.store.reading() as conn:
        return ledger.store.num_of(conn, result.source_id)
