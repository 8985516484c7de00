"""The ledger's Ed25519 signing key, created at init: keys/ledger.key and keys/ledger.pub."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsledger.errors import LedgerError

PRIVATE = "ledger.key"
PUBLIC = "ledger.pub"


def create(keys_dir: Path) -> Ed25519PrivateKey:
    """Make a new key pair; the private key file is readable by its owner only."""
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(keys_dir / PRIVATE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
        os.fsync(f.fileno())
    write_public(keys_dir, key)
    return key


def from_seed(seed: bytes) -> Ed25519PrivateKey:
    """The key whose 32-byte seed is ``seed`` (an encrypted ledger derives it)."""
    return Ed25519PrivateKey.from_private_bytes(seed)


def write_public(keys_dir: Path, key: Ed25519PrivateKey) -> None:
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (keys_dir / PUBLIC).write_bytes(public_pem(key.public_key()))


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private(keys_dir: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key((keys_dir / PRIVATE).read_bytes(), None)
    except (OSError, ValueError) as exc:
        raise LedgerError(f"cannot load the signing key {keys_dir / PRIVATE}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise LedgerError(f"{keys_dir / PRIVATE} is not an Ed25519 key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise LedgerError(f"cannot load public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise LedgerError(f"{path} is not an Ed25519 public key")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of the SHA-256 of its raw bytes,
    in groups of four ("3f9a 12c0 …"), to read out over the phone."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return key.sign(message).hex()


def is_valid(key: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    try:
        key.verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
