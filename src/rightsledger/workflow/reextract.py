"""Re-extraction: sources extracted by older stage versions are extracted again.

Only machine suggestions are replaced; what people accepted lives in the records and is
never touched by re-extraction.
"""

from __future__ import annotations

from rightsledger.extract.ledger import extract_source
from rightsledger.extract.pipeline import stage_versions
from rightsledger.ledger import Ledger
from rightsledger.records import sources as source_records
from rightsledger.workflow.propose import propose


def reextract(ledger: Ledger, force: bool = False) -> tuple[int, int]:
    """Re-extract sources extracted by older stage versions (or all, with ``force``).

    Returns how many sources were checked and how many were extracted again.
    """
    current = stage_versions()
    stale = [num for num, versions in ledger.store.extraction_versions()
             if force or versions != current] + ledger.store.unextracted()
    checked = ledger.store.count_sources()
    for batch in _chunks(stale, 200):
        sources = ledger.store.sources_by_num(batch)
        results = {num: extract_source(s) for num, s in sources.items()}
        with ledger.store.writing() as conn:
            for num, result in results.items():
                ledger.store.replace_extraction(conn, num, *result)
            ledger.record(conn, "re-extract", details={"sources": len(results),
                                                       "stages": current})
    return checked, len(stale)


def reextract_source(ledger: Ledger, source_id: str, actor: str) -> int:
    """Extract one source again — after its publication date was corrected, so that its
    relative dates are resolved against the new one — and propose incidents from the
    candidates not proposed yet. Audited with the date used; returns how many incidents
    were proposed. Incidents proposed from the earlier extraction stay as they are."""
    source = ledger.store.get_source(source_id)
    result = extract_source(source)
    with ledger.store.writing() as conn:
        ledger.store.replace_extraction(conn, ledger.store.num_of(conn, source.id), *result)
        source_records.reextracted(conn, source.id, source.published, actor)
    return propose(ledger).proposed


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
