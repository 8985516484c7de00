"""The ledger's secret: 32 random bytes in keys/secret.key (owner-only), the root of field
encryption and pseudonyms.

Each use gets its own subkey, derived with HKDF-SHA256 under a distinct label, so a key for
one purpose reveals nothing about another. The secret is written whole or not at all and is
never replaced: losing or replacing it makes every encrypted field unreadable.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rightsledger.errors import LedgerError
from rightsledger.ground import fsync_dir

NAME = "secret.key"
SIZE = 32
FIELD_KEY = b"rightsledger/v1/field-encryption"
PSEUDONYM_KEY = b"rightsledger/v1/pseudonym"
IDENTITY_KEY = b"rightsledger/v1/identity-hash"


def create(keys_dir: Path) -> bytes:
    """Make a new secret in ``keys_dir``; fail if the ledger already has one."""
    try:
        return _write_new(keys_dir)
    except FileExistsError:
        raise LedgerError(f"{keys_dir / NAME} already exists: a ledger's secret is never "
                          "replaced (it would make every encrypted field unreadable)") from None


def load(keys_dir: Path) -> bytes:
    """Read the secret; a missing or damaged file is a one-line LedgerError."""
    path = keys_dir / NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LedgerError(f"the ledger's secret {path} is missing: restore it from a backup "
                          "(encrypted fields cannot be read without it)") from None
    except OSError as exc:
        raise LedgerError(f"cannot read the ledger's secret {path}: {exc.strerror}") from None
    if len(data) != SIZE:
        raise LedgerError(f"the ledger's secret {path} holds {len(data)} bytes, not {SIZE}: "
                          "it is damaged; restore it from a backup")
    return data


def load_or_create(keys_dir: Path) -> bytes:
    """The secret, made now for a ledger older than it. When two processes race, the hard
    link lets only one file in: the loser reads the winner's secret."""
    if not (keys_dir / NAME).exists():
        try:
            return _write_new(keys_dir)
        except FileExistsError:
            pass
    return load(keys_dir)


def subkey(secret: bytes, label: bytes) -> bytes:
    """The 32-byte key for one purpose (``FIELD_KEY``, ``PSEUDONYM_KEY``, ``IDENTITY_KEY``)."""
    if len(secret) != SIZE:
        raise ValueError(f"the ledger's secret has {SIZE} bytes, not {len(secret)}")
    return HKDF(algorithm=hashes.SHA256(), length=SIZE, salt=None, info=label).derive(secret)


def _write_new(keys_dir: Path) -> bytes:
    """Write fresh random bytes to a temp file, then hard-link it to the final name, which
    fails with FileExistsError rather than replace a secret; fsync the folder."""
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = secrets.token_bytes(SIZE)
    tmp = _write_temp(keys_dir, data)
    try:
        os.link(tmp, keys_dir / NAME)
    finally:
        tmp.unlink()
    fsync_dir(keys_dir)
    return data


def _write_temp(keys_dir: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(dir=keys_dir, prefix=f".{NAME}.")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)
