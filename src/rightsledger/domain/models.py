"""The nouns of the ledger as plain dataclasses. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reading:
    """What a reader got out of one file: its text and whatever metadata the format carries.

    ``meta`` holds format-specific facts (pages, EXIF, encoding...) as JSON-ready values.
    """

    text: str
    media_type: str
    reader: str  # versioned reader name, e.g. "pdf.v1"
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD when the document says so
    language: str | None = None  # ISO 639-1, filled by language identification
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Source:
    """A stored document: one evidence object plus what we know about it."""

    id: str  # sha256 hex of the original bytes
    size: int
    media_type: str
    original_name: str
    kind: str
    reader: str
    ingested_at: str
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    captured_at: str | None = None
    captured_by: str | None = None
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    dup_group: str | None = None

    @property
    def short_id(self) -> str:
        return self.id[:12]


@dataclass(frozen=True)
class CustodyEntry:
    """One link of the append-only, hash-chained custody log."""

    seq: int
    at: str  # UTC, ISO 8601 with 'Z'
    actor: str
    action: str
    object: str  # sha256 of the object concerned, or "" for ledger-wide actions
    details: dict[str, Any]
    prev_hash: str
    entry_hash: str
    signature: str
