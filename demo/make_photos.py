"""Draw the demo photographs in demo/photos/ and write them as JPEGs with EXIF.

Every picture is our own artwork, drawn with simple shapes and gradients (no copied images,
no faces). The EXIF carries camera, caption, capture time and GPS position, so the app can
group near-identical copies (the two shelled-roof files) and flag a photo whose place and
date do not fit (corridor-far-away.jpg: Tbilisi, a year early). The output is deterministic.

    .venv/bin/python demo/make_photos.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageEnhance, ImageFilter
from PIL.TiffImagePlugin import IFDRational

OUT = Path(__file__).resolve().parent / "photos"
W, H = 1200, 800
Color = tuple[int, int, int]
STEPANAKERT = (39.8177, 46.7528)
ROOF_PLACE = (39.8150, 46.7600)
TBILISI = (41.7151, 44.8271)
CANON = ("Canon", "EOS 250D")
SAMSUNG = ("Samsung", "SM-A525F")
XIAOMI = ("Xiaomi", "Redmi Note 10")
ROOF_CAPTION = "House with a damaged roof and debris in the yard; drawn demo image"


def _gradient(d: ImageDraw.ImageDraw, top: int, bottom: int, c0: Color, c1: Color) -> None:
    """Fill the rows top..bottom with a vertical gradient from c0 to c1."""
    for y in range(top, bottom):
        t = (y - top) / max(bottom - top - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
        d.line([(0, y), (W, y)], fill=color)


def _figure(d: ImageDraw.ImageDraw, x: int, ground: int, s: float, coat: Color,
            rng: random.Random) -> None:
    """A standing person from circles and rectangles, feet at (x, ground), scale s."""
    leg, body, head = round(70 * s), round(95 * s), round(19 * s)
    half = round(24 * s)
    d.rectangle([x - half + 5, ground - leg, x - 3, ground], fill=(40, 40, 48))
    d.rectangle([x + 3, ground - leg, x + half - 5, ground], fill=(40, 40, 48))
    d.rounded_rectangle([x - half, ground - leg - body, x + half, ground - leg + 8],
                        radius=round(10 * s), fill=coat)
    cy = ground - leg - body - head + 2
    d.ellipse([x - head, cy - head, x + head, cy + head], fill=rng.choice(
        [(224, 186, 160), (200, 160, 130), (236, 200, 176)]))
    if rng.random() < 0.7:  # knitted hat
        d.chord([x - head - 1, cy - head - 4, x + head + 1, cy + head // 2], 180, 360,
                fill=rng.choice([(150, 30, 40), (40, 60, 110), (70, 70, 70), (30, 90, 70)]))


def bread_queue(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, 0, 560, (150, 162, 178), (214, 220, 228))  # overcast winter sky
    d.rectangle([120, 170, 1080, 560], fill=(196, 170, 140))  # shop building
    d.rectangle([100, 150, 1100, 175], fill=(236, 240, 244))  # snow on the roof edge
    d.rectangle([170, 210, 1030, 270], fill=(46, 92, 70))  # blank sign board
    for i, x in enumerate(range(170, 1030, 43)):  # striped awning
        d.polygon([(x, 280), (x + 43, 280), (x + 50, 330), (x + 7, 330)],
                  fill=(180, 50, 50) if i % 2 else (236, 232, 220))
    for box in ([200, 345, 560, 520], [790, 345, 1000, 520]):  # shop windows
        d.rectangle(box, fill=(70, 88, 104), outline=(90, 70, 50), width=8)
    d.rectangle([620, 350, 730, 560], fill=(88, 60, 40))  # door
    _gradient(d, 560, H, (226, 230, 236), (246, 248, 250))  # trodden snow
    coats = [(50, 56, 70), (96, 60, 44), (30, 36, 44), (110, 110, 104), (60, 80, 60),
             (120, 40, 50), (70, 64, 90), (44, 44, 44), (130, 100, 70)]
    for i, coat in enumerate(coats):  # the queue, from the door along the shop front
        s = rng.uniform(0.92, 1.08)
        _figure(d, 680 - i * 62 + rng.randrange(-6, 7), 604 + rng.randrange(12), s, coat, rng)
    for _ in range(260):  # falling snow
        x, y, r = rng.randrange(W), rng.randrange(H), rng.choice([1, 2, 2, 3])
        d.ellipse([x - r, y - r, x + r, y + r], fill=(248, 250, 252))
    return img


def empty_shelves(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H), (214, 208, 190))  # back wall
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 60], fill=(236, 236, 230))  # ceiling
    for x in (200, 560, 920):  # strip lights
        d.rectangle([x, 18, x + 160, 34], fill=(252, 252, 240))
    d.polygon([(0, 700), (W, 700), (W, H), (0, H)], fill=(150, 140, 124))  # floor
    for bay in range(3):
        x0 = 90 + bay * 350
        d.rectangle([x0, 110, x0 + 330, 700], fill=(176, 180, 184), outline=(120, 124, 130),
                    width=12)  # shelf unit
        for y in range(210, 701, 110):  # shelf boards with blank price strips
            d.rectangle([x0, y, x0 + 330, y + 14], fill=(228, 230, 232))
            for lx in range(x0 + 30, x0 + 300, 90):
                d.rectangle([lx, y + 3, lx + 26, y + 11], fill=(246, 214, 90))
            for _ in range(rng.choice([0, 0, 1, 2])):  # the few goods left
                gx, gw = rng.randrange(x0 + 20, x0 + 280), rng.randrange(22, 44)
                gh = rng.randrange(30, 70)
                fill = rng.choice([(170, 60, 40), (60, 100, 150), (200, 170, 80), (90, 130, 70)])
                if rng.random() < 0.5:
                    d.rectangle([gx, y - gh, gx + gw, y], fill=fill)  # box
                else:
                    d.rounded_rectangle([gx, y - gh, gx + gw, y], radius=gw // 3, fill=fill)
    return img.filter(ImageFilter.GaussianBlur(0.8))


def shelled_roof(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, 0, 480, (132, 168, 204), (206, 220, 230))  # October sky
    d.polygon([(0, 430), (260, 360), (520, 410), (820, 340), (W, 400), (W, 520), (0, 520)],
              fill=(112, 122, 92))  # hills
    _gradient(d, 500, H, (140, 128, 96), (112, 100, 76))  # dry yard
    d.rectangle([300, 380, 900, 640], fill=(206, 190, 160))  # stone house
    d.polygon([(270, 390), (600, 190), (930, 390)], fill=(168, 70, 50))  # tiled roof
    for y in range(230, 390, 24):  # tile rows
        half = (y - 190) * 330 // 200
        d.line([(600 - half, y), (600 + half, y)], fill=(140, 56, 40), width=3)
    d.polygon([(480, 240), (560, 212), (640, 226), (720, 280), (690, 350), (520, 360),
               (470, 300)], fill=(96, 44, 34))  # blackened tiles around the hole
    hole = [(520, 250), (560, 230), (610, 262), (660, 240), (700, 300), (650, 335),
            (600, 318), (540, 340), (500, 300)]
    d.polygon(hole, fill=(36, 30, 28))  # the hole in the roof
    for x in range(525, 690, 38):  # broken rafters
        d.line([(x, 250), (x + 14, 330)], fill=(110, 80, 50), width=7)
    d.line([(420, 392), (450, 420), (438, 452), (470, 488)], fill=(150, 136, 116), width=4)
    for x in (360, 740):  # windows; the right one is shattered
        d.rectangle([x, 440, x + 100, 540], fill=(56, 66, 76), outline=(236, 230, 216), width=6)
    d.polygon([(746, 446), (800, 480), (770, 500), (834, 534), (746, 534)], fill=(24, 26, 30))
    d.rectangle([560, 500, 640, 640], fill=(96, 70, 48))  # door
    for _ in range(140):  # debris: tile fragments, stones, splinters
        x, y = rng.randrange(200, 1000), rng.randrange(630, 780)
        r = rng.randrange(4, 16)
        pts = [(x + rng.randrange(-r, r + 1), y + rng.randrange(-r, r + 1)) for _ in range(4)]
        d.polygon(pts, fill=rng.choice([(168, 70, 50), (150, 60, 44), (120, 116, 110),
                                        (180, 172, 160), (92, 70, 50)]))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def checkpoint(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _gradient(d, 0, 420, (164, 184, 206), (220, 226, 232))  # cold clear sky
    d.polygon([(0, 380), (240, 300), (470, 350), (760, 270), (990, 330), (W, 300),
               (W, 470), (0, 470)], fill=(118, 126, 108))  # hills
    _gradient(d, 460, H, (160, 158, 140), (130, 128, 112))  # verges
    d.polygon([(560, 460), (640, 460), (1060, H), (140, H)], fill=(92, 92, 96))  # road
    for y0 in range(470, H, 60):  # dashed centre line
        t0, t1 = (y0 - 460) / 340, (min(y0 + 30, H) - 460) / 340
        d.polygon([(600 - 2 - 6 * t0, y0), (600 + 2 + 6 * t0, y0),
                   (600 + 2 + 6 * t1, y0 + 30), (600 - 2 - 6 * t1, y0 + 30)],
                  fill=(232, 232, 222))
    d.rectangle([860, 470, 1010, 600], fill=(120, 130, 110))  # guard booth
    d.rectangle([850, 455, 1020, 476], fill=(80, 86, 76))
    d.rectangle([885, 500, 985, 545], fill=(60, 72, 84))
    for _ in range(60):  # gravel at the roadside
        x, y = rng.randrange(W), rng.randrange(700, H)
        d.ellipse([x, y, x + 4, y + 3], fill=(110, 108, 100))
    for x in (90, 380, 690):  # concrete blocks
        d.rectangle([x, 680, x + 120, 740], fill=(190, 188, 180))
        d.rectangle([x, 680, x + 120, 690], fill=(210, 208, 200))
    for x in (250, 930):  # barrier posts
        d.rectangle([x, 560, x + 18, 660], fill=(60, 60, 60))
    for i, x in enumerate(range(236, 962, 44)):  # red-and-white barrier bar
        d.rectangle([x, 560, x + 44, 584], fill=(200, 30, 30) if i % 2 else (246, 246, 246))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Decimal degrees as EXIF degrees, minutes and seconds (to 1/100 s)."""
    degrees, rest = divmod(abs(value) * 3600, 3600)
    minutes, seconds = divmod(rest, 60)
    return IFDRational(int(degrees), 1), IFDRational(int(minutes), 1), \
        IFDRational(round(seconds * 100), 100)


def _exif(camera: tuple[str, str], caption: str, when: str,
          place: tuple[float, float]) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = camera
    exif[ExifTags.Base.ImageDescription] = caption
    exif[ExifTags.Base.Artist] = "RightsLedger demo"
    exif[ExifTags.Base.Copyright] = "CC BY 4.0, RightsLedger demo"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = when
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N" if place[0] >= 0 else "S"
    gps[ExifTags.GPS.GPSLatitude] = _dms(place[0])
    gps[ExifTags.GPS.GPSLongitudeRef] = "E" if place[1] >= 0 else "W"
    gps[ExifTags.GPS.GPSLongitude] = _dms(place[1])
    return exif


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2023)
    roof = shelled_roof(rng)
    copy = ImageEnhance.Brightness(roof.resize((900, 600), Image.Resampling.LANCZOS))
    photos = [
        ("bread-queue-stepanakert.jpg", bread_queue(rng), 85, CANON,
         "People queue for bread outside a shop; drawn demo image", "2023:01:20 10:15:00",
         STEPANAKERT),
        ("empty-shelves-stepanakert.jpg", empty_shelves(rng), 85, CANON,
         "Mostly empty shelves inside a food shop; drawn demo image", "2023:01:20 10:40:00",
         STEPANAKERT),
        ("shelled-roof-stepanakert.jpg", roof, 85, CANON, ROOF_CAPTION, "2020:10:04 09:05:00",
         ROOF_PLACE),
        ("shelled-roof-stepanakert-copy.jpg", copy.enhance(1.06), 78, SAMSUNG, ROOF_CAPTION,
         "2020:10:04 09:06:30", ROOF_PLACE),
        ("corridor-far-away.jpg", checkpoint(rng), 85, XIAOMI,
         "Road with a checkpoint barrier; drawn demo image", "2022:01:15 11:20:00", TBILISI),
    ]
    for name, img, quality, camera, caption, when, place in photos:
        path = OUT / name
        img.save(path, "JPEG", quality=quality, exif=_exif(camera, caption, when, place))
        print(f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
