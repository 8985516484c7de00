"""JPEG and PNG: dimensions and EXIF (capture time, camera, GPS) with Pillow."""

from __future__ import annotations

import io
import math
import re
import struct
import warnings
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "image.v1"
FORMATS = ("JPEG", "PNG")
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_EXIF_TIME = re.compile(r"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, IndexError,
           KeyError, struct.error)
# A pixel flood: a PNG of a few hundred KB can declare 12,000 x 12,000 pixels, 576 MB once
# decoded. Pillow only warns below twice its MAX_IMAGE_PIXELS (178 million pixels), so the
# bytes the pixels would take are checked here first. A JPEG is decoded at 1/8 scale (DCT
# scaling reads every byte of it all the same, so a truncated one is still caught).
MAX_DECODED = 256 * 2**20
_ONE_BYTE, _TWO_BYTES = ("1", "L", "P"), ("I;16", "I;16L", "I;16B", "I;16N")
# guard() is stricter than Pillow's warning (89 million pixels), which would only add lines
# of its own to the one line a refused image gets.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def guard(img: Image.Image) -> None:
    """Refuse an opened, not yet decoded image whose pixels would pass MAX_DECODED."""
    width, height = img.size
    per_pixel = 1 if img.mode in _ONE_BYTE else 2 if img.mode in _TWO_BYTES else 4
    if width * height * per_pixel > MAX_DECODED:
        raise flood(f"{width:,} x {height:,} pixels would take "
                    f"{width * height * per_pixel / 2**20:,.0f} MB to decode")


def flood(why: object) -> BadInput:
    return BadInput(f"image refused: {why} (a decompression bomb?); scale it down and "
                    "ingest it again")


def _open(data: bytes) -> tuple[str, tuple[int, int], Image.Exif]:
    """Verify the image, then decode it fully (a JPEG at 1/8 scale) and take its EXIF."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            size = img.size
            if img.format == "JPEG":
                img.draft(img.mode, (size[0] // 8, size[1] // 8))
            guard(img)
            img.load()
            return str(img.format), size, img.getexif()
    except Image.DecompressionBombError as exc:
        raise flood(str(exc).split(",")[0]) from exc
    except _ERRORS as exc:
        raise BadInput(f"image cannot be decoded ({exc}): it may be truncated or corrupt; "
                       "copy it again from the original device") from exc


def read(data: bytes) -> Reading:
    """Read an image's size and EXIF; its text is the EXIF description, if any."""
    fmt, (width, height), exif = _open(data)
    if fmt not in FORMATS:
        raise BadInput(f"unsupported image format {fmt}: convert it to JPEG or PNG")
    meta: dict[str, Any] = {"format": fmt, "width": width, "height": height}
    try:
        meta.update(_exif(exif))
    except _ERRORS:
        meta["warning"] = "unreadable EXIF data"
    return Reading(text=meta.pop("description", ""), media_type=f"image/{fmt.lower()}",
                   reader=NAME, published=None, meta=meta)


def _exif(exif: Image.Exif) -> dict[str, Any]:
    """Capture time, camera, description and GPS position, where present."""
    details = exif.get_ifd(_EXIF_IFD)
    found = {
        "captured_at": _iso_time(details.get(ExifTags.Base.DateTimeOriginal)
                                 or details.get(ExifTags.Base.DateTimeDigitized)),
        "camera": " ".join(_clean(exif.get(t)) for t in (ExifTags.Base.Make,
                                                         ExifTags.Base.Model)).strip(),
        "description": _clean(exif.get(ExifTags.Base.ImageDescription)),
        "gps": _gps(exif.get_ifd(_GPS_IFD)),
    }
    return {key: value for key, value in found.items() if value}


def _clean(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return str(value or "").replace("\x00", "").strip()


def _iso_time(value: Any) -> str | None:
    """EXIF 'YYYY:MM:DD HH:MM:SS' as ISO 'YYYY-MM-DDTHH:MM:SS'."""
    m = _EXIF_TIME.match(_clean(value))
    return "{}-{}-{}T{}:{}:{}".format(*m.groups()) if m and m.group(1) != "0000" else None


def _gps(ifd: dict[int, Any]) -> dict[str, float] | None:
    """Decimal latitude and longitude from the GPS IFD's rationals and N/S/E/W refs."""
    try:
        lat = _degrees(ifd[ExifTags.GPS.GPSLatitude], ifd.get(ExifTags.GPS.GPSLatitudeRef))
        lon = _degrees(ifd[ExifTags.GPS.GPSLongitude], ifd.get(ExifTags.GPS.GPSLongitudeRef))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def _degrees(dms: Any, ref: Any) -> float:
    d, m, s = (float(x) for x in dms)
    value = d + m / 60 + s / 3600
    return -value if _clean(ref).upper() in ("S", "W") else value
