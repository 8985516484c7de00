"""Extraction straight from files and folders, without a ledger (`rightsledger extract`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.evidence import readers
from rightsledger.evidence.discover import discover
from rightsledger.evidence.readers.ocr import Options as OcrOptions
from rightsledger.extract.pipeline import contract, extract_text


def extract_file(path: Path, published: date | None = None,
                 language: str | None = None) -> dict[str, Any]:
    """The contract for one file, or {"path", "error"} when it cannot be read."""
    try:
        reading = readers.read(path, path.read_bytes(), OcrOptions(images=True))
    except (BadInput, OSError) as exc:
        return {"path": str(path), "error": str(exc)}
    base = published or (date.fromisoformat(reading.published) if reading.published else None)
    return contract(extract_text(reading.text, language, base), str(path))


_Job = tuple[Path, date | None, str | None, str | None]


def _job(args: _Job) -> dict[str, Any]:
    path, published, language, problem = args
    if problem:
        return {"path": str(path), "error": problem}
    return extract_file(path, published, language)


def extract_paths(paths: list[Path], published: date | None = None,
                  language: str | None = None, workers: int = 1) -> Iterator[dict[str, Any]]:
    """One result per file under ``paths``, in order, streamed (memory stays flat)."""
    jobs = _jobs(paths, published, language)
    if workers <= 1:
        yield from map(_job, jobs)
        return
    with get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_job, jobs, chunksize=8)


def _jobs(paths: list[Path], published: date | None, language: str | None) -> Iterator[_Job]:
    for found in discover(paths):
        yield found.path, published, language, found.problem
