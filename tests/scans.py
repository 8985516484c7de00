"""Scans the test suite and the OCR benchmark make themselves: a letter's text rendered to a
page with Pillow (DejaVu Serif, 300 dpi sizes), turned a little, speckled like a
photocopy, and the measure they are scored by (character accuracy).

The letters are written for RightsLedger's tests, one per language the project's set-up
installs Tesseract packs for; their facts are made up.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LETTERS = {
    "eng": ("Reply No. 14/2207 of the Ministry of Health\n\n"
            "On 14 March 2023 two civilians were wounded by shelling\n"
            "in the village of Sos and taken to the hospital in Martuni.\n"
            "The ministry answers questions 1 and 3 of the inquiry."),
    "fra": ("Réponse n° 88 du ministère de la Santé\n\n"
            "Le 14 mars 2023, deux civils ont été blessés par des tirs\n"
            "dans le village de Sos et conduits à l'hôpital de Martouni.\n"
            "Le ministère répond aux questions 1 et 3 de la demande."),
    "aze": ("Səhiyyə Nazirliyinin 14/2207 nömrəli cavabı\n\n"
            "2023-cü il martın 14-də kənddə atəş nəticəsində\n"
            "iki mülki şəxs yaralanıb və xəstəxanaya aparılıb.\n"
            "Nazirlik sorğunun birinci və üçüncü suallarına cavab verir."),
    "rus": ("Ответ Министерства здравоохранения № 14/2207\n\n"
            "14 марта 2023 года в результате обстрела села Сос\n"
            "были ранены двое мирных жителей, их доставили в больницу.\n"
            "Министерство отвечает на первый и третий вопросы запроса."),
    "hye": ("Առողջապահության նախարարության պատասխանը\n\n"
            "2023 թվականի մարտի 14-ին Սոս գյուղի հրետակոծության\n"
            "հետևանքով վիրավորվել է երկու խաղաղ բնակիչ։\n"
            "Նախարարությունը պատասխանում է հարցման առաջին հարցին։"),
}


def page(text: str, *, angle: float = 1.2, specks: int = 3000, seed: int = 1,
         size: int = 40, width: int = 1700) -> Image.Image:
    """The text on a white page, turned ``angle`` degrees, with ``specks`` of dust."""
    font = ImageFont.truetype(FONT, size)
    lines = text.count("\n") + 1
    img = Image.new("L", (width, 160 + lines * int(size * 1.6)), 255)
    ImageDraw.Draw(img).multiline_text((80, 80), text, font=font, fill=20,
                                       spacing=int(size * 0.6))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    rng = random.Random(seed)
    pixels = img.load()
    assert pixels is not None
    for _ in range(specks):
        pixels[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 90))
    return img


def scene(seed: int, size: tuple[int, int] = (900, 600)) -> Image.Image:
    """A photograph of no document: grain, and blocks of colour like walls and sky."""
    rng = random.Random(seed)
    img = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGB")
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)),
                       fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256), 150))
    return img


def png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def jpeg(img: Image.Image, quality: int = 80) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def scanned_pdf(images: list[Image.Image], dpi: int = 300) -> bytes:
    """A PDF of page images and nothing else (no text layer), as a scanner writes it."""
    out = io.BytesIO()
    first, *rest = [i.convert("RGB") for i in images]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return out.getvalue()


def accuracy(read: str, truth: str) -> float:
    """1 - (edit distance / length of the truth), on whitespace-folded text."""
    a, b = " ".join(read.split()), " ".join(truth.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return max(0.0, 1 - previous[-1] / max(1, len(b)))
