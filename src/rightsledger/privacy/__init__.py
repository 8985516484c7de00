"""Protection of victims' sensitive fields: the ledger's secret, field encryption,
pseudonyms and what each audience may see. See docs/privacy.md."""

from rightsledger.privacy import secret
from rightsledger.privacy.fields import FieldCipher
from rightsledger.privacy.pseudonyms import identity_hash, normalize_identity, pseudonym
from rightsledger.privacy.redact import PUBLIC_ONLY_HIDDEN, SENSITIVE, Audience, redact

__all__ = [
    "PUBLIC_ONLY_HIDDEN",
    "SENSITIVE",
    "Audience",
    "FieldCipher",
    "identity_hash",
    "normalize_identity",
    "pseudonym",
    "redact",
    "secret",
]
