"""OCR: the text of scanned pages and photographed documents, read by Tesseract.

A reader step, run after a format's reader: a PDF page without a text layer is rendered
(pypdfium2, 300 dpi) and read; an image is read when it is ingested as a document (any kind
but photo or video). Each page is straightened first (its skew measured from the rows of
ink, up to 5 degrees either way), small print is doubled in size, and the page is read with
every configured language at once, then again with the one language the first reading is
written in when that is more confident.

The text is marked as machine-read: the Reading's reader gains "+ocr.v1" and its meta an
"ocr" entry with the engine, the languages and, per page, where the page starts in the
text, Tesseract's mean word confidence (0-100) and the words read. Offsets into that text
work like any other text's. A page read with too little confidence (a scene, a blank page)
adds no text, and says so; when Tesseract is not installed nothing is read and the meta
says why (the original is stored all the same and can be read again later).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from typing import Any

from PIL import Image, ImageFilter, ImageOps

from rightsledger.domain import Reading

NAME = "ocr.v1"
DEFAULT_LANGUAGES = "eng+fra+aze+rus+hye"
# lingua's ISO 639-1 codes -> Tesseract's traineddata names
TESSERACT_LANGUAGE = {"en": "eng", "fr": "fra", "az": "aze", "ru": "rus", "hy": "hye",
                      "uk": "ukr", "ar": "ara", "tr": "tur", "de": "deu", "es": "spa"}
DPI = 300
MAX_PIXELS = 40_000_000  # a page is scaled down to this many pixels before reading
MIN_PIXELS = 40_000  # smaller images (icons, thumbnails) hold no legible page
# below this mean word confidence a page's text is not kept: the pages of letters the tests
# and benchmark make read at 72-97 (small print blurred and compressed hard at the bottom),
# noise and scenes at 38-54
MIN_CONFIDENCE = 60.0
MIN_WORDS = 3
PAGE_TIMEOUT_S = 180
MAX_SKEW = 5.0
SMALL_LETTERS = 16  # pixels: a page whose letters are smaller is read at twice its size
TINY_MARKS = 8  # ...unless they are smaller than this: specks and grain, not letters
PAGE_SEPARATOR = "\n\n"
_CSV_FIELD_LIMIT = 2**24
# One thread per Tesseract: its OpenMP threads fight each other (and the ingest's other
# workers) on a small machine; one thread read a page 3.5 times faster on two cores.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class Options:
    """What to read: the languages (Tesseract's names joined by '+') and whether images
    are documents to read (False for photographs of a scene)."""

    languages: str = DEFAULT_LANGUAGES
    images: bool = False


@dataclass
class Page:
    """One page as read: its text, mean word confidence, words and skew corrected."""

    text: str
    confidence: float
    words: int
    skew: float = 0.0
    languages: str = ""
    kept: bool = True
    note: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


class OcrUnavailable(Exception):
    """Tesseract (or every language asked for) is missing on this machine."""


@functools.cache
def installed_languages() -> frozenset[str]:
    """The languages this machine's Tesseract reads; empty when it is not installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return frozenset()
    try:
        done = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = done.stdout.splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip() and line != "osd")


@functools.cache
def engine() -> str:
    """'tesseract 5.3.0', or '' when it is not installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return ""
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    first = (done.stdout or done.stderr).splitlines()
    return first[0].strip() if first else "tesseract"


def usable(languages: str) -> str:
    """The asked languages this machine has, joined by '+'; raise OcrUnavailable if none."""
    have = installed_languages()
    if not have:
        raise OcrUnavailable("Tesseract is not installed (Debian: apt-get install "
                             "tesseract-ocr tesseract-ocr-eng; `make setup` does it)")
    asked = [lang for lang in languages.split("+") if lang]
    found = [lang for lang in asked if lang in have]
    if not found:
        raise OcrUnavailable(f"none of the OCR languages {'+'.join(asked)} is installed "
                             f"(this machine has {', '.join(sorted(have))}); install "
                             f"tesseract-ocr-{asked[0] if asked else 'eng'}")
    return "+".join(found)


# -- one page -------------------------------------------------------------------------

def prepare(img: Image.Image) -> Image.Image:
    """Upright (EXIF orientation), grey, at most MAX_PIXELS, specks of scanner dust gone
    (a 3x3 median: a speck is read as a comma or a dot)."""
    img = ImageOps.exif_transpose(img) or img
    grey = img.convert("L").filter(ImageFilter.MedianFilter(3))
    pixels = grey.width * grey.height
    if pixels > MAX_PIXELS:
        scale = (MAX_PIXELS / pixels) ** 0.5
        grey = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))),
                           Image.Resampling.LANCZOS)
    return grey


def skew_of(grey: Image.Image) -> float:
    """The angle (degrees) that makes the page's lines of text level.

    Rows of ink alternate with rows of paper when the lines are level: the angle whose
    rotated projection has the sharpest row-to-row changes wins, searched on a copy at most
    1000 pixels wide, first every half degree, then every tenth around the best."""
    import cv2
    import numpy as np

    small = grey.copy()
    small.thumbnail((1000, 1000))
    ink = (np.asarray(small) < 128).astype(np.uint8) * 255
    if not ink.any():
        return 0.0
    height, width = ink.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        turn = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, turn, (width, height), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=sharpness)
    return round(float(fine), 1)


def letter_height(grey: Image.Image) -> float:
    """The median height in pixels of the page's marks of ink (letters, mostly)."""
    import cv2
    import numpy as np

    _, ink = cv2.threshold(np.asarray(grey), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = (heights >= 4) & (heights <= 200) & (widths <= 300)
    return float(np.median(heights[letters])) if letters.any() else 0.0


def enlarged(grey: Image.Image) -> tuple[Image.Image, int]:
    """Small print (letters under SMALL_LETTERS pixels: 8 pt at 200 dpi, 10 pt at 150)
    doubled in size, which Tesseract reads far better (Armenian at 14 px: 60% of the
    characters right, 98% once doubled); never past MAX_PIXELS."""
    height = letter_height(grey)
    if not TINY_MARKS <= height < SMALL_LETTERS or grey.width * grey.height * 4 > MAX_PIXELS:
        return grey, 1
    return grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.LANCZOS), 2


def straighten(grey: Image.Image) -> tuple[Image.Image, float]:
    angle = skew_of(grey)
    if abs(angle) < 0.2:
        return grey, 0.0
    return grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=255), angle


def tesseract(grey: Image.Image, languages: str) -> Page:
    """One reading of a page by Tesseract (TSV output: words with confidences)."""
    png = io.BytesIO()
    grey.save(png, "PNG")
    try:
        done = subprocess.run(
            ["tesseract", "-", "-", "-l", languages, "--psm", "3", "--dpi", str(DPI), "tsv"],
            input=png.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT_S, check=False,
            env=_ENV)
    except subprocess.TimeoutExpired:
        return Page("", 0.0, 0, languages=languages, kept=False,
                    note=f"not read: Tesseract took more than {PAGE_TIMEOUT_S} s")
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract cannot run: {exc}") from exc
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"])[-1]
        return Page("", 0.0, 0, languages=languages, kept=False,
                    note=f"not read: Tesseract said {last[:160]}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"), languages)


def parse_tsv(tsv: str, languages: str = "") -> Page:
    """Words back into lines, lines into paragraphs (one line each, a blank line between);
    the mean confidence weighs each word by its length (a misread 'a' counts less than a
    misread name)."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    paragraphs: dict[tuple[str, str], dict[str, list[str]]] = {}
    weight = total = 0.0
    words = 0
    for row in rows:
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        try:
            confidence = float(row.get("conf") or -1)
        except ValueError:
            continue
        if confidence < 0:
            continue
        key = (row["block_num"], row["par_num"])
        paragraphs.setdefault(key, {}).setdefault(row["line_num"], []).append(word)
        words += 1
        weight += len(word)
        total += confidence * len(word)
    text = "\n\n".join(_flowed([" ".join(line) for line in lines.values()])
                       for lines in paragraphs.values())
    return Page(text, round(total / weight, 1) if weight else 0.0, words, languages=languages)


def _flowed(lines: list[str]) -> str:
    """A paragraph's printed lines as one line of text, as a web page or a typed document
    gives it: later stages read sentences, which run across the printed lines. A line
    ending in a hyphen is joined without a space ("Nagorno-" "Karabakh")."""
    out = ""
    for line in lines:
        out += line if not out or out.endswith("-") else " " + line
    return out


def read_page(img: Image.Image, languages: str) -> Page:
    """A page read, straightened, with all languages, then again in the one it is in."""
    grey, angle = straighten(prepare(img))
    grey, scale = enlarged(grey)
    page = tesseract(grey, languages)
    if "+" in languages and page.text:
        own = _language_of(page.text)
        if own and own in languages.split("+") and own != languages:
            again = tesseract(grey, own)
            if again.confidence > page.confidence:
                page = again
    page.skew, page.meta["scale"] = angle, scale
    if page.kept and (page.confidence < MIN_CONFIDENCE or page.words < MIN_WORDS):
        page.kept = False
        page.note = (f"no legible text (mean confidence {page.confidence:.0f}, "
                     f"{page.words} words)")
    return page


def _language_of(text: str) -> str | None:
    from rightsledger.evidence.language import detect_language

    code = detect_language(text)
    return TESSERACT_LANGUAGE.get(code or "")


# -- the step -------------------------------------------------------------------------

def apply(reading: Reading, data: bytes, options: Options) -> Reading:
    """The reading with the text of its scanned pages, when it has any to read."""
    if reading.media_type == "application/pdf":
        blank = _blank_pages(reading)
        if not blank:
            return reading
        return _step(reading, options, lambda langs: _read_pdf(data, reading, blank, langs))
    if reading.media_type.startswith("image/") and options.images:
        width, height = reading.meta.get("width", 0), reading.meta.get("height", 0)
        if width * height < MIN_PIXELS:
            return _marked(reading, {"status": f"not read: {width}x{height} pixels is too "
                                               "small to hold a page"})
        return _step(reading, options, lambda langs: _read_image(data, reading, langs))
    return reading


def _step(reading: Reading, options: Options, run: Any) -> Reading:
    try:
        read: Reading = run(usable(options.languages))
    except OcrUnavailable as exc:
        return _marked(reading, {"status": f"not read: {exc}"})
    return read


def _marked(reading: Reading, ocr: dict[str, Any]) -> Reading:
    return replace(reading, meta={**reading.meta, "ocr": ocr})


def _summary(pages: list[tuple[int, int, Page]], languages: str) -> dict[str, Any]:
    kept = [p for _, _, p in pages if p.kept]
    mean = (sum(p.confidence * p.words for p in kept) / sum(p.words for p in kept)
            if kept and sum(p.words for p in kept) else 0.0)
    return {
        "engine": engine(), "step": NAME, "languages": languages,
        "status": "read" if kept else "no legible text",
        "confidence": round(mean, 1),
        "pages": [{"page": number, "start": start, "confidence": p.confidence,
                   "words": p.words, "skew": p.skew, "languages": p.languages,
                   **({"enlarged": p.meta["scale"]} if p.meta.get("scale", 1) > 1 else {}),
                   **({"note": p.note} if p.note else {})}
                  for number, start, p in pages],
    }


def _read_image(data: bytes, reading: Reading, languages: str) -> Reading:
    with Image.open(io.BytesIO(data)) as img:
        page = read_page(img, languages)
    before = reading.text.strip()
    start = len(before) + len(PAGE_SEPARATOR) if before else 0
    text = (before + PAGE_SEPARATOR + page.text if before else page.text) if page.kept \
        else reading.text
    ocr = _summary([(1, start if page.kept else -1, page)], languages)
    reader = f"{reading.reader}+{NAME}" if page.kept else reading.reader
    return replace(reading, text=text, reader=reader, meta={**reading.meta, "ocr": ocr})


def _blank_pages(reading: Reading) -> list[int]:
    """The PDF's pages (0-based) whose text layer is empty."""
    from rightsledger.evidence.readers.pdf import page_texts

    return [n for n, text in enumerate(page_texts(reading)) if not text.strip()]


def _render(data: bytes, numbers: list[int]) -> Any:
    """Each asked page rendered at DPI (fewer pixels when the page is huge)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise OcrUnavailable(f"the PDF's pages cannot be rendered ({exc})") from exc
    try:
        for number in numbers:
            page = pdf[number]
            width, height = page.get_size()  # points
            scale = DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            yield number, bitmap.to_pil()
            page.close()
    finally:
        pdf.close()


def _read_pdf(data: bytes, reading: Reading, blank: list[int], languages: str) -> Reading:
    from rightsledger.evidence.readers.pdf import join_pages, page_texts

    read = dict(_read_pages(data, blank, languages))
    texts = [read[n].text if n in read and read[n].kept else old
             for n, old in enumerate(page_texts(reading))]
    text, new_offsets = join_pages(texts)
    pages = [(n + 1, new_offsets[n] if page.kept else -1, page)
             for n, page in sorted(read.items())]
    meta = {**reading.meta, "page_offsets": new_offsets,
            "ocr": _summary(pages, languages)}
    if any(p.kept for _, _, p in pages):
        if meta.get("warning", "").startswith("no text layer"):
            meta.pop("warning")
        return replace(reading, text=text, reader=f"{reading.reader}+{NAME}", meta=meta)
    return replace(reading, meta=meta)


def _read_pages(data: bytes, numbers: list[int], languages: str) -> Any:
    for number, img in _render(data, numbers):
        yield number, read_page(img, languages)


# -- telling people -------------------------------------------------------------------

def describe(meta: dict[str, Any]) -> str | None:
    """One line on how a source's text was machine-read, for the CLI and the web page."""
    ocr = meta.get("ocr")
    if not isinstance(ocr, dict):
        return None
    if not ocr.get("pages"):
        return f"OCR {ocr.get('status', 'not run')}"
    pages = ocr["pages"]
    read = [p for p in pages if p.get("start", -1) >= 0]
    lines = "; ".join(
        f"page {p['page']}: " + (f"confidence {p['confidence']:.0f}, {p['words']} words"
                                 if p.get("start", -1) >= 0 else p.get("note", "not read"))
        for p in pages[:12])
    more = f"; and {len(pages) - 12} more pages" if len(pages) > 12 else ""
    if not read:
        return f"OCR found no legible text ({ocr.get('engine', '')}): {lines}{more}"
    return (f"read by OCR ({ocr.get('engine', '')}, {ocr.get('languages', '')}): "
            f"{len(read)} of {len(pages)} scanned pages, mean confidence "
            f"{ocr.get('confidence', 0):.0f} of 100 ({lines}{more}); check names and "
            "figures against the original")
