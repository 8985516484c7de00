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
