"""Verify a ledger: the database's own checks, every object re-hashed, the custody chain.

Problems name the object or entry concerned. An object with no record is not a problem: an
interrupted ingest leaves one behind, and ingesting the same file again completes it.
Derivatives (a photo's public copy) are objects named by a ``derive`` custody entry, which
also names their parent, and the data snapshots publications were built from by a
``snapshot`` entry; such an object that is gone is a problem.

What the ledger alone cannot show: its custody log's last entries removed (the rest still
chains), or its tail rewritten with its own key. Only a head kept outside it shows that
(``verify --against``), so a warning says when entries have gone unanchored too long.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rightsledger import anchor, uploads
from rightsledger.evidence.objects import is_object_name
from rightsledger.ledger import Ledger
from rightsledger.records import audit


@dataclass
class VerifyReport:
    objects_checked: int = 0
    sources_checked: int = 0
    entries_checked: int = 0
    unreferenced: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # not problems: the exit code is 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ledger: Ledger) -> VerifyReport:
    report = VerifyReport()
    report.problems += ledger.store.integrity_problems()
    intact, altered = _check_objects(ledger, report)
    recorded = _check_sources(ledger, intact | altered, report)
    derived = _check_custody(ledger, recorded, report)
    for sha in sorted(derived - intact - altered):
        report.problems.append(f"object {sha}: missing (derivative logged in custody, file gone)")
    report.unreferenced = sorted(intact - recorded - derived)
    with ledger.store.reading() as conn:
        report.problems += audit.row_problems(conn)
        report.problems += uploads.stale_staging(conn, ledger.path / "tmp")  # web uploads
    stale = anchor.unanchored(ledger, float(ledger.settings["head_warn_days"]))
    report.warnings += [stale] if stale else []  # what no check inside the ledger can see
    return report


def _check_objects(ledger: Ledger, report: VerifyReport) -> tuple[set[str], set[str]]:
    """Re-hash every stored object; return the names that match their content, and the rest."""
    intact, altered = set(), set()
    sealed: dict[str, str] | None = None
    for file_name, path in ledger.objects.names():
        report.objects_checked += 1
        if not is_object_name(file_name) or not path.is_file():
            report.problems.append(f"object store: stray entry {path.name!r} in {path.parent}")
            continue
        name, actual = ledger.objects.examine(file_name, path)
        if not actual and ledger.objects.seal:  # name it, if the records know it
            sealed = _sealed_names(ledger) if sealed is None else sealed
            name = sealed.get(file_name, file_name)
        if actual == name:
            intact.add(name)
        else:
            altered.add(name)
            report.problems.append(f"object {name}: altered " + (
                f"(its content now hashes to {actual[:12]}…)" if actual else
                "(it no longer decrypts, or another object's file was put in its place)"))
    return intact, altered


def _sealed_names(ledger: Ledger) -> dict[str, str]:
    """The sealed file name of every object the records or the custody log name."""
    assert ledger.objects.seal is not None
    known = {sha for sha, _size in ledger.store.source_ids()}
    known |= {e.object for e in ledger.store.custody() if e.action in ("derive", "snapshot")}
    return {ledger.objects.seal.file_name(sha): sha for sha in known}


def _check_sources(ledger: Ledger, present: set[str], report: VerifyReport) -> set[str]:
    recorded = set()
    for sha, _size in ledger.store.source_ids():
        report.sources_checked += 1
        recorded.add(sha)
        if sha not in present:
            report.problems.append(f"object {sha}: missing (source recorded, file gone)")
    return recorded


def _check_custody(ledger: Ledger, recorded: set[str], report: VerifyReport) -> set[str]:
    """Check the chain and that ingests match sources; return the derivatives' names."""
    checked, problem = ledger.chain_break()
    report.entries_checked = checked
    if problem:
        report.problems.append(problem)
    logged, derived = set(), set()
    for e in ledger.store.custody():
        if e.action == "ingest":
            logged.add(e.object)
        elif e.action in ("derive", "snapshot"):
            derived.add(e.object)
    for sha in sorted(recorded - logged):
        report.problems.append(f"source {sha}: no ingest entry in the custody log")
    for sha in sorted(logged - recorded):
        report.problems.append(f"custody log: ingest of {sha} has no source record")
    return derived
