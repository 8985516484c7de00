"""Find the files to ingest under the paths a user gave, with their manifest metadata.

Folders are walked recursively in name order; hidden files, manifests and sidecars are not
documents. Broken symbolic links, link loops and special files are reported, not followed.

A symbolic link found inside a folder is not followed (a link to /etc/hostname or to another
folder would otherwise become write-once evidence): it is reported in one line, and
``follow_links=True`` (``ingest --follow-links``) follows it, naming its target in
``Found.link``. A path the user names is followed even when it is a link: naming it is
consent.
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
    link: str | None = None  # where the file really is, when a link in a folder led to it


def discover(paths: list[Path], manifest: Path | None = None, *,
             follow_links: bool = False) -> Iterator[Found]:
    entries: dict[Path, dict[str, str]] = {}
    if manifest is not None:
        entries.update(read_manifest(manifest))
    for p in paths:
        if p.is_dir():
            yield from _walk(p, entries, follow_links)
        else:
            yield _classify(p, entries)


def _walk(root: Path, entries: dict[Path, dict[str, str]],
          follow_links: bool) -> Iterator[Found]:
    visited: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_links):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            yield Found(Path(dirpath), problem="symbolic link loop: folder already visited")
            continue
        visited.add(real)
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if not follow_links:
            yield from (_skipped(here / d) for d in dirnames if (here / d).is_symlink())
            dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        if MANIFEST in filenames:
            try:
                entries.update(read_manifest(here / MANIFEST))
            except BadInput as exc:
                yield Found(here / MANIFEST, problem=str(exc))
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or name == MANIFEST or is_sidecar(path):
                continue
            if path.is_symlink() and path.exists() and not follow_links:
                yield _skipped(path)
                continue
            yield _classify(path, entries, _through_link(root, path) if follow_links else None)


def _through_link(root: Path, path: Path) -> str | None:
    """Where the file really is, when a link (to it or to a folder above it) leads there."""
    real = os.path.realpath(path)
    where = os.path.join(os.path.realpath(root), os.path.relpath(path, root))
    return real if real != where else None


def _skipped(path: Path) -> Found:
    return Found(path, problem=f"symbolic link to {os.readlink(path)}, not followed: pass "
                               "--follow-links to ingest it")


def _classify(path: Path, entries: dict[Path, dict[str, str]],
              link: str | None = None) -> Found:
    if path.is_symlink() and not path.exists():
        return Found(path, problem="broken symbolic link: its target is missing or it loops")
    if not path.exists():
        return Found(path, problem="no such file or folder")
    if not path.is_file():
        return Found(path, problem="not a regular file (device, pipe or socket)")
    return Found(path, entries.get(path.resolve(), {}), link=link)
