"""Content-addressed evidence store: objects/ab/cdef… named by the SHA-256 of their bytes.

Originals are written once, atomically (temp file, fsync, rename, fsync of the folder), made
read-only, and never modified; the same bytes are stored once.

In an encrypted ledger (promise 6 of docs/security.md) each object is sealed: its own random
AES-256-GCM key, wrapped with a key of the ledger, encrypts its name and its bytes, and the
file is named by a keyed hash (HMAC-SHA256) of its name, so a copy of the folder tells
neither what the objects say nor whether a known document is among them.

    sealed file:  MAGIC | nonce (12) | wrapped object key (48) | nonce (12) | ciphertext
                  ciphertext = AES-GCM(object key, SHA-256 (32 bytes) + the object's bytes)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rightsledger.errors import LedgerError
from rightsledger.ground import fsync_dir

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


MAGIC = b"RLSEAL1\n"
_HEADER = len(MAGIC) + 12 + 48 + 12


@dataclass(frozen=True)
class Seal:
    """The two object keys of an encrypted ledger (derived from its master key)."""

    wrap_key: bytes
    name_key: bytes

    def file_name(self, sha: str) -> str:
        return hmac.new(self.name_key, bytes.fromhex(sha), hashlib.sha256).hexdigest()

    def seal(self, sha: str, data: bytes) -> bytes:
        own, wrap_nonce, nonce = (secrets.token_bytes(32), secrets.token_bytes(12),
                                  secrets.token_bytes(12))
        wrapped = AESGCM(self.wrap_key).encrypt(wrap_nonce, own, MAGIC)
        body = AESGCM(own).encrypt(nonce, bytes.fromhex(sha) + data, MAGIC)
        return MAGIC + wrap_nonce + wrapped + nonce + body

    def open(self, blob: bytes) -> tuple[str, bytes]:
        """The object's name and bytes; ValueError when the file is not what was sealed."""
        if len(blob) < _HEADER + 32 + 16 or not blob.startswith(MAGIC):
            raise ValueError("not a sealed object")
        at = len(MAGIC)
        try:
            own = AESGCM(self.wrap_key).decrypt(blob[at:at + 12], blob[at + 12:at + 60], MAGIC)
            plain = AESGCM(own).decrypt(blob[at + 60:at + 72], blob[_HEADER:], MAGIC)
        except InvalidTag:
            raise ValueError("it does not decrypt") from None
        return plain[:32].hex(), plain[32:]


class ObjectStore:
    """The objects/ folder of a ledger, with tmp/ beside it on the same file system;
    ``seal`` encrypts every object (encrypted ledgers)."""

    def __init__(self, root: Path, seal: Seal | None = None):
        self.root = root / "objects"
        self.tmp = root / "tmp"
        self.seal = seal

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        name = self.seal.file_name(sha) if self.seal else sha
        return self.root / name[:2] / name[2:]

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
                f.write(self.seal.seal(sha, data) if self.seal else data)
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
        data = self.path(sha).read_bytes()
        if not self.seal:
            return data
        try:
            name, plain = self.seal.open(data)
        except ValueError as exc:
            raise LedgerError(f"object {sha}: altered ({exc}); run `rightsledger verify`") \
                from None
        if name != sha:
            raise LedgerError(f"object {sha}: another object's file is in its place; run "
                              "`rightsledger verify`")
        return plain

    def examine(self, file_name: str, path: Path) -> tuple[str, str]:
        """What a stored file claims to be and the SHA-256 of what it holds (for verify). A
        sealed file that does not decrypt, or sits under another object's name, holds
        "" (no hash)."""
        if not self.seal:
            return file_name, sha256_file(path)
        try:
            name, plain = self.seal.open(path.read_bytes())
        except ValueError:
            return file_name, ""
        if self.seal.file_name(name) != file_name:
            return file_name, ""
        return name, sha256_bytes(plain)

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
