"""Readers: bytes in, Reading out. One module per format, each with a versioned name.

The format is chosen by content (magic bytes) first and the file suffix second, so a PDF
named .txt is read as a PDF and random bytes named .pdf are refused as "not a PDF".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers import docx, html, image, pdf, text

Reader = Callable[[bytes], Reading]

BY_SUFFIX: dict[str, Reader] = {
    ".txt": text.read, ".text": text.read, ".md": text.read, ".markdown": text.read,
    ".html": html.read, ".htm": html.read, ".xhtml": html.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".jpg": image.read, ".jpeg": image.read, ".png": image.read,
}
SUPPORTED_SUFFIXES = tuple(sorted(BY_SUFFIX))
_MAGIC: tuple[tuple[bytes, Reader], ...] = (
    (b"%PDF-", pdf.read),
    (b"\xff\xd8\xff", image.read),
    (b"\x89PNG\r\n\x1a\n", image.read),
)


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader for a file: by its first bytes when they are telling, else by suffix."""
    for magic, reader in _MAGIC:
        if data.startswith(magic):
            return reader
    suffix = path.suffix.lower()
    if suffix in BY_SUFFIX:
        return BY_SUFFIX[suffix]
    if not suffix:
        return text.read
    raise BadInput(f"unsupported file type '{suffix}': supported are "
                   f"{', '.join(SUPPORTED_SUFFIXES)}")


def read(path: Path, data: bytes) -> Reading:
    """Read one file's bytes; raise BadInput with one line when they cannot be read."""
    if not data:
        raise BadInput("empty file (0 bytes): nothing to store")
    return reader_for(path, data)(data)


__all__ = ["SUPPORTED_SUFFIXES", "Reading", "read", "reader_for"]
