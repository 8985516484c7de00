"""Photos made by the tests: drawn with Pillow, with the EXIF a phone would write."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from PIL import ExifTags, Image, ImageDraw

STEPANAKERT = (39.8177, 46.7528)
TBILISI = (41.7151, 44.8271)  # about 240 km north of Stepanakert


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 2))


def photo(where: tuple[float, float] | None = STEPANAKERT, when: str = "2023:01:20 10:15:00",
          size: tuple[int, int] = (800, 600), shade: int = 0,
          base: Image.Image | None = None) -> bytes:
    """A drawn scene (a house and a road) as JPEG with camera, time and GPS in its EXIF."""
    img = base.resize(size) if base is not None else _scene(size, shade)
    exif = img.getexif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "T-100"
    exif[ExifTags.Base.ImageDescription] = "A drawn test scene"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = when
    if where:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", _dms(where[0])
        gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", _dms(where[1])
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _scene(size: tuple[int, int], shade: int) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, (120 + shade, 160 + shade, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h * 2 // 3, w, h), fill=(90, 90, 90))
    draw.rectangle((w // 5, h // 3, w // 2, h * 2 // 3), fill=(200, 180, 140))
    draw.polygon([(w // 5 - 20, h // 3), (w * 7 // 20, h // 6), (w // 2 + 20, h // 3)],
                 fill=(140, 60, 50))
    draw.rectangle((w * 3 // 5, h // 2, w * 4 // 5, h * 2 // 3), fill=(60, 120, 60))
    return img


def portrait() -> Image.Image:
    """A real portrait photograph with one face: the sample image matplotlib ships."""
    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    return Image.open(path).convert("RGB")


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def _box(kind: bytes, payload: bytes) -> bytes:
    import struct

    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def video(where: tuple[float, float] | None = STEPANAKERT,
          created: str = "2023-01-20T10:15:00", seconds: int = 12) -> bytes:
    """A minimal MP4 as a phone writes its header: ftyp, moov with mvhd (creation time,
    duration) and udta/©xyz (ISO 6709 position), then a small mdat."""
    import struct
    from datetime import UTC, datetime

    since_1904 = int((datetime.fromisoformat(created).replace(tzinfo=UTC)
                      - datetime(1904, 1, 1, tzinfo=UTC)).total_seconds())
    mvhd = struct.pack(">B3sIIII", 0, b"\0\0\0", since_1904, since_1904, 600, seconds * 600)
    mvhd += b"\0" * 80
    moov = _box(b"mvhd", mvhd)
    if where:
        text = f"{where[0]:+08.4f}{where[1]:+09.4f}/".encode()
        moov += _box(b"udta", _box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15c7) + text))
    return (_box(b"ftyp", b"isom\0\0\x02\0isomiso2mp41") + _box(b"moov", moov)
            + _box(b"mdat", b"\0" * 4096))
