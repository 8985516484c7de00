"""JPEG and PNG: dimensions and EXIF (capture time, camera, GPS) with Pillow."""

from __future__ import annotations

import io
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "image.v1"
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769


def read(data: bytes) -> Reading:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            fmt, size, exif = img.format, img.size, img.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise BadInput(f"image cannot be decoded ({exc}): it may be truncated") from exc
    if fmt not in ("JPEG", "PNG"):
        raise BadInput(f"unsupported image format {fmt}: use JPEG or PNG")
    meta: dict[str, Any] = {"format": fmt, "width": size[0], "height": size[1]}
    meta.update(_exif(exif))
    return Reading(text=meta.pop("description", ""), media_type=f"image/{fmt.lower()}",
                   reader=NAME, meta=meta)


def _exif(exif: Image.Exif) -> dict[str, Any]:
    out: dict[str, Any] = {}
    details = exif.get_ifd(_EXIF_IFD)
    taken = details.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if taken:
        out["captured_at"] = str(taken).replace(":", "-", 2).replace(" ", "T")
    camera = " ".join(str(exif.get(t, "")).strip() for t in (ExifTags.Base.Make,
                                                               ExifTags.Base.Model)).strip()
    if camera:
        out["camera"] = camera
    description = exif.get(ExifTags.Base.ImageDescription)
    if description:
        out["description"] = str(description).strip()
    gps = _gps(exif.get_ifd(_GPS_IFD))
    if gps:
        out["gps"] = gps
    return out


def _gps(ifd: dict[int, Any]) -> dict[str, float] | None:
    try:
        lat = _degrees(ifd[ExifTags.GPS.GPSLatitude], ifd.get(ExifTags.GPS.GPSLatitudeRef))
        lon = _degrees(ifd[ExifTags.GPS.GPSLongitude], ifd.get(ExifTags.GPS.GPSLongitudeRef))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6)}


def _degrees(dms: Any, ref: Any) -> float:
    d, m, s = (float(x) for x in dms)
    value = d + m / 60 + s / 3600
    return -value if str(ref).upper() in ("S", "W") else value
