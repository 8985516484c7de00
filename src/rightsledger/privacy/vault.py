"""The vault of an encrypted ledger: one random master key, wrapped with a key derived from
the passphrase, in keys/vault.json (promise 6 of docs/security.md).

The passphrase is stretched with Argon2id (64 MiB, 3 passes: a guess costs a fraction of a
second and 64 MiB, on the attacker's hardware too) into a key that opens the master key
(AES-256-GCM). Every other key of the ledger is derived from the master key with HKDF under
its own label: the database's SQLCipher key, the key that wraps each object's own key, the
key that names objects, the signing key and the field secret. Nothing else of the keys is
stored, so once vault.json is destroyed (`rightsledger panic`) the ledger's folder, and any
copy taken of it afterwards, is unreadable, passphrase or not. Copies taken before (backups)
keep their own vault and still open with the passphrase: that is how an office recovers.

    keys/vault.json   {"format": 1, "kdf": "argon2id", "salt", "time_cost", "memory_kib",
                       "parallelism", "nonce", "wrapped"}    (hex; owner-only)
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rightsledger.errors import BadInput, LedgerError
from rightsledger.evidence import keys
from rightsledger.ground import fsync_dir, write_atomic
from rightsledger.privacy import secret as privacy_secret

NAME = "vault.json"
ENV = "RIGHTSLEDGER_PASSPHRASE"
MIN_PASSPHRASE, MAX_PASSPHRASE = 12, 1024
KDF = {"time_cost": 3, "memory_kib": 64 * 1024, "parallelism": 2}
_AAD = b"rightsledger/v1/vault"

DATABASE_KEY = b"rightsledger/v1/database"
OBJECT_WRAP_KEY = b"rightsledger/v1/object-keys"
OBJECT_NAME_KEY = b"rightsledger/v1/object-names"
SIGNING_KEY = b"rightsledger/v1/signing-key"
SECRET_KEY = b"rightsledger/v1/ledger-secret"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"passphrase: use at least {MIN_PASSPHRASE} characters (a phrase of "
                       "several words is easiest to remember and hardest to guess)")
    if len(passphrase) > MAX_PASSPHRASE:
        raise BadInput(f"passphrase: use at most {MAX_PASSPHRASE} characters")


def create(keys_dir: Path, passphrase: str) -> bytes:
    """Make the master key and write it wrapped under ``passphrase``; return it."""
    check_passphrase(passphrase)
    master = secrets.token_bytes(32)
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    write(keys_dir, master, passphrase)
    return master


def write(keys_dir: Path, master: bytes, passphrase: str) -> None:
    """Wrap ``master`` under ``passphrase`` with a new salt, replacing vault.json whole."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_stretch(passphrase, salt, KDF)).encrypt(nonce, master, _AAD)
    body = {"format": 1, "kdf": "argon2id", "salt": salt.hex(), **KDF, "nonce": nonce.hex(),
            "wrapped": wrapped.hex()}
    write_atomic(keys_dir / NAME, (json.dumps(body, indent=2) + "\n").encode())
    os.chmod(keys_dir / NAME, 0o600)


def unlock(keys_dir: Path, passphrase: str) -> bytes:
    """The master key; a wrong passphrase or a destroyed vault is a one-line LedgerError."""
    path = keys_dir / NAME
    if not path.is_file():
        raise LedgerError(f"this ledger is encrypted and its keys are gone ({path} is "
                          "missing; destroyed by `rightsledger panic`?): it cannot be "
                          "decrypted; restore a backup to recover it")
    try:
        body = json.loads(path.read_text("utf-8"))
        params = {k: int(body[k]) for k in KDF}
        key = _stretch(passphrase, bytes.fromhex(body["salt"]), params)
        return AESGCM(key).decrypt(bytes.fromhex(body["nonce"]),
                                   bytes.fromhex(body["wrapped"]), _AAD)
    except InvalidTag:
        raise LedgerError("wrong passphrase for this ledger") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LedgerError(f"{path} is damaged ({exc}): restore it from a backup") from None


def ask(confirm: bool = False, env: bool = True) -> str:
    """The passphrase: RIGHTSLEDGER_PASSPHRASE (unless not ``env``), else asked on the
    terminal (twice when ``confirm``); with neither, a one-line error."""
    given = os.environ.get(ENV) if env else None
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise LedgerError(f"a passphrase is needed (the ledger is encrypted): type it in a "
                          f"terminal, or set {ENV}")
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise BadInput("the two passphrases differ: nothing was created")
    return first


def _stretch(passphrase: str, salt: bytes, params: dict[str, Any]) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params["time_cost"],
                           memory_cost=params["memory_kib"],
                           parallelism=params["parallelism"], hash_len=32, type=Type.ID)


def panic(keys_dir: Path) -> list[str]:
    """Destroy the keys in ``keys_dir`` at once: an encrypted ledger's vault (after which the
    folder, and any copy taken from now on, never decrypts; earlier backups keep their own
    vault), or a plain ledger's signing key and field secret (its encrypted fields become
    unreadable; its documents and records do not). Return the names destroyed."""
    destroyed = [name for name in (NAME, privacy_secret.NAME, keys.PRIVATE)
                 if _shred(keys_dir / name)]
    if destroyed:
        fsync_dir(keys_dir)
    return destroyed


def _shred(path: Path) -> bool:
    """Overwrite the file with random bytes, flush, delete it; True if there was one. (On
    flash storage the old blocks may survive the overwrite: the keys are only useful with
    the passphrase, or, for a plain ledger, with the ledger.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    os.chmod(path, 0o600)
    with open(path, "r+b") as f:
        f.write(secrets.token_bytes(max(size, 4096)))
        f.flush()
        os.fsync(f.fileno())
    path.unlink()
    return True
