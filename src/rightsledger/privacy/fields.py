"""Field encryption: AES-256-GCM under a subkey of the ledger's secret.

A token is ``"v1."`` + urlsafe base64 (no padding) of a random 12-byte nonce followed by the
ciphertext and its tag. The field's name (``"victims.real_name"``) is the associated data, so
a token copied into another field does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rightsledger.errors import LedgerError
from rightsledger.privacy.secret import FIELD_KEY, subkey

PREFIX = "v1."
_NONCE = 12
_TAG = 16
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+$")


class FieldCipher:
    """Encrypts and decrypts the sensitive fields of one ledger."""

    def __init__(self, secret: bytes):
        self._aead = AESGCM(subkey(secret, FIELD_KEY))

    def encrypt(self, plaintext: str, context: str) -> str:
        """A fresh token for ``plaintext`` in the field ``context`` (new nonce every call)."""
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")

    def decrypt(self, token: str, context: str) -> str:
        """The plaintext of ``token``; LedgerError if it was altered, belongs to another
        field, or was made with another ledger's secret."""
        blob = _unwrap(token, context)
        try:
            plain = self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], context.encode("utf-8"))
        except InvalidTag:
            raise LedgerError(f"cannot decrypt {context}: the value was altered, belongs to "
                              "another field, or was encrypted with another ledger's secret"
                              ) from None
        return plain.decode("utf-8")

    def encrypt_optional(self, plaintext: str | None, context: str) -> str | None:
        return None if plaintext is None else self.encrypt(plaintext, context)

    def decrypt_optional(self, token: str | None, context: str) -> str | None:
        return None if token is None else self.decrypt(token, context)


def _unwrap(token: str, context: str) -> bytes:
    """The nonce + ciphertext bytes of a token, or LedgerError if it is not one."""
    body = token[len(PREFIX):] if token.startswith(PREFIX) else ""
    if not _BASE64URL.match(body):
        raise LedgerError(f"{context} does not hold an encrypted value (expected '{PREFIX}…')")
    try:
        blob = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        blob = b""
    if len(blob) < _NONCE + _TAG:
        raise LedgerError(f"{context} holds a truncated or damaged encrypted value")
    return blob
