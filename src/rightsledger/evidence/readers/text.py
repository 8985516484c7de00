"""Plain text and Markdown in any encoding: BOM, UTF-8, UTF-16, else detected."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "text.v1"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# When charset_normalizer finds several equally good single-byte encodings, take the common one.
_PREFERRED = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1254", "cp1256", "iso8859_15")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_NOT_TEXT = "unknown text encoding or binary data: {}"


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; BadInput when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise BadInput(_NOT_TEXT.format(f"{encoding} BOM but invalid bytes")) from exc
    return _utf8(data) or _utf16_without_bom(data) or _detected(data)


def _utf8(data: bytes) -> tuple[str, str] | None:
    """Strict UTF-8, unless it fails or gives control characters (NULs of UTF-16 text)."""
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except (UnicodeDecodeError, BadInput):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM has NUL bytes at one parity (spaces, ASCII) and none at the other."""
    half = len(data) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= max(2, half // 20) and even <= odd // 50:
        encoding = "utf-16-le"
    elif even >= max(2, half // 20) and odd <= even // 50:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, BadInput):
        return None


def _detected(data: bytes) -> tuple[str, str]:
    """charset_normalizer's best guess, preferring common code pages among equal guesses."""
    if data.count(0) > len(data) // 100:
        raise BadInput(_NOT_TEXT.format("NUL bytes found; save it as UTF-8 text and retry"))
    matches = list(from_bytes(data))
    if not matches:
        raise BadInput(_NOT_TEXT.format("no encoding fits; save it as UTF-8 and retry"))
    best = matches[0]
    ties = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    encoding = next((e for e in _PREFERRED if e in ties), best.encoding)
    return _checked(data.decode(encoding), encoding)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Refuse text with many control characters (binary data that happened to decode)."""
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise BadInput(_NOT_TEXT.format("control characters found; check the file type"))
    return text, encoding


def _reading(data: bytes, media_type: str) -> Reading:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput("the file holds only white space: nothing to read")
    return Reading(text=text, media_type=media_type, reader=NAME, meta={"encoding": encoding})


def read(data: bytes) -> Reading:
    """Read plain text."""
    return _reading(data, "text/plain")


def read_markdown(data: bytes) -> Reading:
    """Read Markdown as it is; its title is the first '# ' heading."""
    reading = _reading(data, "text/markdown")
    heading = _HEADING.search(reading.text)
    reading.title = heading.group(1).strip() if heading else None
    return reading
