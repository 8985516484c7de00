"""Readers: bytes in, Reading out. One module per format, each with a versioned name.

The format is chosen by content (magic bytes) first and the file suffix second, so a PDF
named .txt is read as a PDF and random bytes named .pdf are refused as "not a PDF".
Files with an unknown suffix are read as text when they decode as text.

Given OCR options, a PDF's pages without a text layer and images of documents are then
read by Tesseract (readers/ocr.py); the text is marked as machine-read.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers import archive

if TYPE_CHECKING:
    from rightsledger.evidence.readers.ocr import Options

Reader = Callable[[bytes], Reading]


def _lazy(module: str, function: str = "read") -> Reader:
    """A reader whose module (and its heavy library) is imported on first use only."""
    def reader(data: bytes) -> Reading:
        loaded = importlib.import_module(f"{__name__}.{module}")
        result: Reading = getattr(loaded, function)(data)
        return result
    reader.__name__ = f"{module}.{function}"
    return reader


# Underscored names: importing a submodule sets an attribute of its name on this package.
_text, _markdown = _lazy("text"), _lazy("text", "read_markdown")
_html, _pdf, _docx, _image = _lazy("html"), _lazy("pdf"), _lazy("docx"), _lazy("image")
_video, _wacz = _lazy("video"), _lazy("wacz")

BY_SUFFIX: dict[str, Reader] = {
    ".txt": _text, ".text": _text, ".md": _markdown, ".markdown": _markdown,
    ".html": _html, ".htm": _html, ".xhtml": _html,
    ".pdf": _pdf,
    ".docx": _docx,
    ".jpg": _image, ".jpeg": _image, ".png": _image,
    ".mp4": _video, ".m4v": _video, ".mov": _video, ".webm": _video, ".mkv": _video,
    ".avi": _video,
    ".wacz": _wacz,
}
SUPPORTED_SUFFIXES = tuple(sorted(BY_SUFFIX))
_MAGIC: tuple[tuple[bytes, Reader], ...] = (
    (b"%PDF-", _pdf),
    (b"\xff\xd8\xff", _image),
    (b"\x89PNG\r\n\x1a\n", _image),
)
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def _by_content(data: bytes) -> Reader | None:
    for magic, reader in _MAGIC:
        if data.startswith(magic):
            return reader
    if _is_video(data):
        return _video
    return _zipped(data)


def _zipped(data: bytes) -> Reader | None:
    """A DOCX or a WACZ, by what the zip's index lists (nothing is unpacked here)."""
    if not archive.is_zip(data):
        return None
    listed = archive.names(data) or []
    if "word/document.xml" in listed:
        return _docx
    if "datapackage.json" in listed and any(n.startswith("archive/") for n in listed):
        return _wacz
    return None


def _is_video(data: bytes) -> bool:
    """MP4/QuickTime (an 'ftyp' box first), Matroska/WebM, AVI: by their first bytes."""
    return (data[4:8] == b"ftyp" or data.startswith(b"\x1aE\xdf\xa3")
            or (data.startswith(b"RIFF") and data[8:12] == b"AVI "))


def _unsupported(suffix: str) -> BadInput:
    return BadInput(f"unsupported file type '{suffix}': supported are "
                    f"{', '.join(SUPPORTED_SUFFIXES)}")


def _as_text_or_html(suffix: str) -> Reader:
    """For an unknown suffix: HTML when it starts like HTML, else text when it decodes."""
    def reader(data: bytes) -> Reading:
        if _HTML_START.match(data[:2048]):
            return _html(data)
        try:
            return _text(data)
        except BadInput as exc:
            raise _unsupported(suffix or "(none)") from exc
    return reader


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader for a file: by its first bytes when they are telling, else by suffix."""
    suffix = path.suffix.lower()
    return _by_content(data) or BY_SUFFIX.get(suffix) or _as_text_or_html(suffix)


def read(path: Path, data: bytes, ocr: Options | None = None) -> Reading:
    """Read one file's bytes; raise BadInput with one line when they cannot be read.

    With ``ocr``, scanned PDF pages (and images, if ``ocr.images``) are read by OCR."""
    if not data:
        raise BadInput("empty file (0 bytes): check that it was copied completely")
    reading = reader_for(path, data)(data)
    if ocr is None:
        return reading
    from rightsledger.evidence.readers import ocr as ocr_step  # OpenCV and pdfium on use

    return ocr_step.apply(reading, data, ocr)


__all__ = ["SUPPORTED_SUFFIXES", "Reading", "read", "reader_for"]
