"""Videos (MP4, QuickTime, WebM/Matroska, AVI): kept as evidence with what their container
says — format, duration, creation time and the ISO 6709 position phones write.

Only the container's boxes are walked (no decoding, no ffmpeg): MP4 and QuickTime keep the
duration and creation time in ``moov/mvhd`` and the position as an ISO 6709 string in
``moov/udta/©xyz`` or in Apple's ``com.apple.quicktime.location.ISO6709`` key. WebM and AVI
are recognised and stored; their metadata is not read in this version.
"""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta
from typing import Any

from rightsledger.domain import Reading
from rightsledger.errors import BadInput

NAME = "video.v1"
_EPOCH_1904 = datetime(1904, 1, 1, tzinfo=UTC)
_ISO6709 = re.compile(rb"([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)(?:[+-]\d+(?:\.\d+)?)?/")
_STILL_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif")
_CONTAINERS = {b"moov", b"udta", b"meta", b"trak", b"mdia"}


def read(data: bytes) -> Reading:
    if data[4:8] == b"ftyp":
        meta = _mp4(data)
        media_type = "video/quicktime" if data[8:12] == b"qt  " else "video/mp4"
    elif data.startswith(b"\x1aE\xdf\xa3"):
        meta, media_type = {"format": "Matroska/WebM"}, "video/webm"
    elif data.startswith(b"RIFF") and data[8:12] == b"AVI ":
        meta, media_type = {"format": "AVI"}, "video/x-msvideo"
    else:
        raise BadInput("not a video this version reads (MP4, QuickTime, WebM, AVI)")
    return Reading(text="", media_type=media_type, reader=NAME, published=None, meta=meta)


def _mp4(data: bytes) -> dict[str, Any]:
    brand = data[8:12]
    if brand in _STILL_BRANDS:
        raise BadInput(f"a {brand.decode('ascii', 'replace').upper()} still image: convert "
                       "it to JPEG to add it")
    boxes = dict(_boxes(data, 0, len(data)))
    if b"moov" not in boxes:
        raise BadInput("the video has no 'moov' box: it may be truncated (copied while "
                       "still recording?) — copy it again from the original device")
    start, end = boxes[b"moov"]
    meta: dict[str, Any] = {"format": "QuickTime" if brand == b"qt  " else "MP4"}
    inner = dict(_boxes(data, start, end))
    if b"mvhd" in inner:
        meta.update(_mvhd(data[inner[b"mvhd"][0]:inner[b"mvhd"][1]]))
    found = _ISO6709.search(data[start:end])
    if found:
        lat, lon = float(found.group(1)), float(found.group(2))
        if abs(lat) <= 90 and abs(lon) <= 180:
            meta["gps"] = {"lat": round(lat, 6), "lon": round(lon, 6)}
    return meta


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, tuple[int, int]]]:
    """(type, (payload start, payload end)) of the boxes between ``start`` and ``end``;
    BadInput when a box runs past the end (a truncated file)."""
    out = []
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        header = 8
        if size == 1:
            if at + 16 > end:
                raise BadInput("the video is truncated (a box header is cut off)")
            size, header = struct.unpack(">Q", data[at + 8:at + 16])[0], 16
        elif size == 0:
            size = end - at
        if size < header or at + size > end:
            raise BadInput(f"the video is truncated or damaged (box '{kind.decode('latin-1')}'"
                           f" runs past the end): copy it again from the original device")
        out.append((kind, (at + header, at + size)))
        at += size
    return out


def _mvhd(box: bytes) -> dict[str, Any]:
    """Duration and creation time from a movie header (version 0 or 1)."""
    try:
        if box[0] == 1:
            created, _, scale, duration = struct.unpack(">QQIQ", box[4:32])
        else:
            created, _, scale, duration = struct.unpack(">IIII", box[4:20])
    except (struct.error, IndexError):
        return {}
    out: dict[str, Any] = {}
    if scale:
        out["duration_s"] = round(duration / scale, 3)
    if created:
        when = _EPOCH_1904 + timedelta(seconds=created)
        out["captured_at"] = when.strftime("%Y-%m-%dT%H:%M:%S")
    return out
