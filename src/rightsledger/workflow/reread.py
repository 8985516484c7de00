"""Reading scans again with OCR: sources stored without any text (a scanned PDF or a
photographed document ingested where Tesseract or a language pack was missing, or before
OCR existed) are read from their stored original, indexed, extracted and proposed.

Only sources with no text at all are read again: a source with text may be quoted by
claims at given offsets, which a new reading would move. Each reading is a custody entry
(``ocr``) and an audited change of the source, naming who asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from rightsledger.domain import Source
from rightsledger.errors import BadInput
from rightsledger.evidence import readers
from rightsledger.evidence.fingerprint import fingerprint
from rightsledger.evidence.language import detect_language
from rightsledger.evidence.readers.ocr import Options, describe
from rightsledger.extract.ledger import extract_source
from rightsledger.ledger import Ledger
from rightsledger.records import audit
from rightsledger.review.duplicates import regroup
from rightsledger.workflow.propose import propose

NOT_DOCUMENTS = ("photo", "video")  # kinds whose images are scenes, not pages


@dataclass(frozen=True)
class Reread:
    source_id: str
    read: bool  # text was found and stored
    message: str
    characters: int = 0


@dataclass
class RereadSummary:
    results: list[Reread]
    proposed: int = 0


def scans_without_text(ledger: Ledger) -> list[Source]:
    """Every stored PDF, and image of a document, that has no text."""
    return [s for s in ledger.store.textless_sources() if _readable(s) is None]


def _readable(source: Source) -> str | None:
    """Why the source cannot be read again, or None when it can."""
    if source.text.strip():
        return ("it has text already (claims may quote it at given offsets, which a new "
                "reading would move)")
    if source.media_type == "application/pdf":
        return None
    if source.media_type.startswith("image/"):
        if source.kind in NOT_DOCUMENTS:
            return (f"it is a {source.kind} of a scene; correct its kind (to inquiry_reply, "
                    "other...) if it is a photographed document")
        return None
    return f"{source.media_type} is not a scan"


def reread(ledger: Ledger, refs: list[str] | None, actor: str | None = None,
           languages: str | None = None) -> RereadSummary:
    """Read the sources named by ``refs`` (every scan without text when None) with OCR."""
    chosen = ([ledger.store.get_source(r) for r in refs] if refs
              else scans_without_text(ledger))
    langs = languages if languages is not None else str(ledger.settings["ocr_languages"])
    if not langs:
        raise BadInput("OCR is off (the setting ocr_languages is empty in ledger.json): "
                       "set it, or pass the languages, e.g. --languages eng+rus")
    summary = RereadSummary([])
    for source in chosen:
        why_not = _readable(source)
        if why_not:
            summary.results.append(Reread(source.id, False, f"not read again: {why_not}"))
            continue
        summary.results.append(_reread_one(ledger, source, langs, actor))
    if any(r.read for r in summary.results):
        regroup(ledger.store, ledger.settings["near_duplicate_threshold"])
        summary.proposed = propose(ledger).proposed
    return summary


def _reread_one(ledger: Ledger, source: Source, languages: str,
                actor: str | None) -> Reread:
    data = ledger.objects.read(source.id)
    options = Options(languages, images=source.kind not in NOT_DOCUMENTS)
    reading = readers.read(Path(source.original_name), data, options)
    read = bool(reading.text.strip())
    meta = {**source.meta, **reading.meta}
    again = replace(source, text=reading.text, reader=reading.reader, meta=meta,
                    language=source.language or detect_language(reading.text))
    extraction = extract_source(again) if read else None
    told = describe(meta) or "OCR not run"
    with ledger.store.writing() as conn:
        num = ledger.store.num_of(conn, source.id)
        ledger.store.replace_reading(conn, num, source, again, fingerprint(again.text))
        if extraction:
            ledger.store.replace_extraction(conn, num, *extraction)
        entry = ledger.record(conn, "ocr", source.id, {
            "reader": again.reader, "characters": len(again.text),
            "status": meta.get("ocr", {}).get("status", "")}, actor)
        audit.write(conn, entry.actor, "ocr", "source", source.id,
                    before={"reader": source.reader, "characters": len(source.text)},
                    after={"reader": again.reader, "characters": len(again.text)})
    return Reread(source.id, read, told, len(again.text))
