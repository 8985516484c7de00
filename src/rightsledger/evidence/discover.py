"""Find the files to ingest under the paths a user gave, with their manifest metadata.

Folders are walked recursively in name order; hidden files, manifests and sidecars are not
documents. Broken symbolic links, link loops and special files are reported, not followed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rightsledger.errors import BadInput
from rightsledger.evidence.metadata import MANIFEST, is_sidecar, read_manifest


@dataclass
class Found:
    path: Path
    manifest: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # set when the path cannot be ingested at all


def discover(paths: list[Path], manifest: Path | None = None) -> Iterator[Found]:
    entries: dict[Path, dict[str, str]] = {}
    if manifest is not None:
        entries.update(read_manifest(manifest))
    for p in paths:
        if p.is_dir():
            yield from _walk(p, entries)
        else:
            yield _classify(p, entries)


def _walk(root: Path, entries: dict[Path, dict[str, str]]) -> Iterator[Found]:
    visited: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            yield Found(Path(dirpath), problem="symbolic link loop: folder already visited")
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        if MANIFEST in filenames:
            try:
                entries.update(read_manifest(here / MANIFEST))
            except BadInput as exc:
                yield Found(here / MANIFEST, problem=str(exc))
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or name == MANIFEST or is_sidecar(path):
                continue
            yield _classify(path, entries)


def _classify(path: Path, entries: dict[Path, dict[str, str]]) -> Found:
    if path.is_symlink() and not path.exists():
        return Found(path, problem="broken symbolic link: its target is missing or it loops")
    if not path.exists():
        return Found(path, problem="no such file or folder")
    if not path.is_file():
        return Found(path, problem="not a regular file (device, pipe or socket)")
    return Found(path, entries.get(path.resolve(), {}))
