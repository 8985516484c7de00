"""SSH signatures (OpenSSH's PROTOCOL.sshsig) made with the ledger's Ed25519 key, so that a
published folder can also be checked with ``ssh-keygen -Y verify``, which every machine
with an OpenSSH client has (macOS and Windows included).

A signature is the armored blob ``ssh-keygen -Y sign -n rightsledger`` writes: SHA-512 of
the message, signed with the namespace ``rightsledger``, so that it cannot pass for a
signature of a git commit or of another file kind. The key goes to ``ssh-keygen`` as one
line of an *allowed signers* file (:func:`allowed_signer`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

NAMESPACE = "rightsledger"
PRINCIPAL = "ledger"  # the identity the allowed signers line names (ssh-keygen -I)
_MAGIC, _VERSION, _HASH, _TYPE = b"SSHSIG", 1, "sha512", b"ssh-ed25519"
_BEGIN, _END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"


def _string(data: bytes | str) -> bytes:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return struct.pack(">I", len(raw)) + raw


def _key_blob(public: Ed25519PublicKey) -> bytes:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _string(_TYPE) + _string(raw)


def _signed_data(message: bytes, namespace: str) -> bytes:
    return (_MAGIC + _string(namespace) + _string(b"") + _string(_HASH)
            + _string(hashlib.sha512(message).digest()))


def _blob(public: Ed25519PublicKey, namespace: str, signature: bytes) -> bytes:
    return (_MAGIC + struct.pack(">I", _VERSION) + _string(_key_blob(public))
            + _string(namespace) + _string(b"") + _string(_HASH)
            + _string(_string(_TYPE) + _string(signature)))


def sign(key: Ed25519PrivateKey, message: bytes, namespace: str = NAMESPACE) -> bytes:
    """The armored SSH signature of ``message``, as ``ssh-keygen -Y sign`` writes it."""
    return _armor(_blob(key.public_key(), namespace,
                        key.sign(_signed_data(message, namespace))))


def is_valid(public: Ed25519PublicKey, message: bytes, armored: bytes,
             namespace: str = NAMESPACE) -> bool:
    """Whether ``armored`` is a signature of ``message`` by ``public`` in ``namespace``,
    written exactly as :func:`sign` writes it (so that any changed byte is reported)."""
    try:
        blob = base64.b64decode("".join(armored.decode("ascii").splitlines()[1:-1]),
                                validate=True)
    except (UnicodeDecodeError, binascii.Error, ValueError):
        return False
    signature = blob[-64:]
    if _armor(_blob(public, namespace, signature)) != armored:
        return False
    try:
        public.verify(signature, _signed_data(message, namespace))
    except InvalidSignature:
        return False
    return True


def _armor(blob: bytes) -> bytes:
    text = base64.b64encode(blob).decode("ascii")
    lines = [_BEGIN, *(text[i:i + 70] for i in range(0, len(text), 70)), _END]
    return ("\n".join(lines) + "\n").encode("ascii")


def allowed_signer(public: Ed25519PublicKey, principal: str = PRINCIPAL) -> str:
    """One line of an OpenSSH allowed signers file for ``public``, limited to our
    namespace: ``ledger namespaces="rightsledger" ssh-ed25519 AAAA…``."""
    openssh = public.public_bytes(serialization.Encoding.OpenSSH,
                                  serialization.PublicFormat.OpenSSH).decode("ascii")
    return f'{principal} namespaces="{NAMESPACE}" {openssh}\n'
