"""Content-addressed evidence store: objects/ab/cdef… named by the SHA-256 of their bytes.

Originals are written once, atomically (temp file, fsync, rename, fsync of the folder), made
read-only, and never modified; the same bytes are stored once.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class ObjectStore:
    """The objects/ folder of a ledger, with tmp/ beside it on the same file system."""

    def __init__(self, root: Path):
        self.root = root / "objects"
        self.tmp = root / "tmp"

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:]

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, data: bytes, sha: str | None = None) -> str:
        """Store ``data`` durably under its hash (once); return the hash."""
        sha = sha or sha256_bytes(data)
        final = self.path(sha)
        if final.is_file():
            return sha
        shard_is_new = not final.parent.is_dir()
        if shard_is_new:
            final.parent.mkdir(exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="put-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp_name, 0o444)
            os.replace(tmp_name, final)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        fsync_dir(final.parent)
        if shard_is_new:
            fsync_dir(self.root)
        return sha

    def read(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def rehash(self, sha: str) -> str:
        return sha256_file(self.path(sha))

    def names(self) -> Iterator[tuple[str, Path]]:
        """Every stored object as (name, path); odd files are yielded with their own name."""
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            for p in sorted(shard.iterdir()) if shard.is_dir() else [shard]:
                yield (shard.name + p.name if shard.is_dir() else p.name), p

    def clean_tmp(self) -> int:
        """Remove temp files left by an interrupted write; return how many."""
        removed = 0
        for p in self.tmp.glob("put-*"):
            p.unlink(missing_ok=True)
            removed += 1
        return removed


def is_object_name(name: str) -> bool:
    return bool(_HEX64.match(name))


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """Write a whole file or nothing: temp file beside it, fsync, rename, fsync the folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
