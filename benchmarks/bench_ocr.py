"""OCR: character accuracy and time per page of scanned letters in the five languages the
set-up installs (English, French, Azerbaijani, Russian, Armenian).

The scans are made by tests/scans.py (the test suite's own): a letter rendered with
Pillow, turned 0.6-2.2 degrees either way and speckled: a clean scan, a crooked photocopy
(blurred, JPEG), small print (8 pt at 200 dpi, blurred and compressed hard). Each page is
read the way ingest reads it (straightened, small print enlarged, all languages, then again
in its own language when that is more confident); the references, measured in the same
run, are one reading of the page as printed with all languages (what enlarging and the
second reading add, in accuracy and in time) and reading the same letter from a
PDF's text layer (what a scan costs over a born-digital page).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from fpdf import FPDF
from measure import Profiler, Row, note
from PIL import Image, ImageFilter

from rightsledger.evidence import readers
from rightsledger.evidence.readers import ocr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests import scans  # noqa: E402  (the test suite's scans: one recipe for both)

NAME = "ocr"
GOAL_ACCURACY = 0.95  # characters right, per language, on these scans
DEMO_SCAN = ROOT / "demo" / "inquiries" / "reply-hrd-2023-014-scan.pdf"


# (letter size in pixels, angle, blur radius, JPEG quality): a clean office scan at 300 dpi,
# a crooked photocopy, and small print (8 pt at 200 dpi) blurred and compressed hard
KINDS = ((40, 1.2, 0.0, 0), (30, -2.2, 0.5, 60), (18, 0.6, 0.6, 35))


def _pages(quick: bool) -> list[tuple[str, int, Image.Image]]:
    kinds = KINDS[::2] if quick else KINDS
    out = []
    for lang, truth in scans.LETTERS.items():
        for seed, (size, angle, blur, quality) in enumerate(kinds, 1):
            img = scans.page(truth, size=size, width=size * 43, angle=angle, seed=seed)
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(blur))
            if quality:
                img = Image.open(io.BytesIO(scans.jpeg(img, quality)))
            out.append((lang, seed, img))
    return out


def _text_layer_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("serif", fname=scans.FONT)
    pdf.set_font("serif", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def run(quick: bool, profiler: Profiler) -> list[Row]:
    missing = {"eng", "fra", "aze", "rus", "hye"} - ocr.installed_languages()
    if missing:
        return [Row(NAME, "OCR", "not measured",
                    f"Tesseract packs missing: {', '.join(sorted(missing))} "
                    "(bash scripts/system-deps.sh)")]
    rows: list[Row] = []
    per_language: dict[str, list[tuple[float, float, float, float]]] = {}
    pages = _pages(quick)
    note(f"ocr: reading {len(pages)} scanned letters ({ocr.engine()})")
    for lang, _, img in pages:
        truth = scans.LETTERS[lang]
        started = time.perf_counter()
        page = profiler.run("ocr.read_page", ocr.read_page, img, ocr.DEFAULT_LANGUAGES)
        full = time.perf_counter() - started
        started = time.perf_counter()
        printed = ocr.tesseract(ocr.straighten(ocr.prepare(img))[0], ocr.DEFAULT_LANGUAGES)
        single = time.perf_counter() - started
        per_language.setdefault(lang, []).append(
            (scans.accuracy(page.text, truth), full, scans.accuracy(printed.text, truth), single))
    for lang, found in per_language.items():
        accuracy = sum(f[0] for f in found) / len(found)
        once = sum(f[2] for f in found) / len(found)
        seconds = sum(f[1] for f in found) / len(found)
        rows.append(Row(NAME, f"{lang}: character accuracy, {len(found)} scan(s)",
                        f"{accuracy:.3f} ({seconds:.2f} s/page)",
                        f"one reading as printed, all languages {once:.3f}",
                        accuracy / once if once else None, f">= {GOAL_ACCURACY}",
                        accuracy >= GOAL_ACCURACY))
    every = [f for found in per_language.values() for f in found]
    seconds = sum(f[1] for f in every) / len(every)
    single = sum(f[3] for f in every) / len(every)
    born_digital = _text_layer_pdf(scans.LETTERS["eng"])
    started = time.perf_counter()
    for _ in range(20):
        readers.read(Path("typed.pdf"), born_digital, ocr.Options())
    typed = (time.perf_counter() - started) / 20
    rows.append(Row(NAME, "time per scanned letter (half a page)", f"{seconds:.2f} s",
                    f"one reading as printed {single:.2f} s", seconds / single))
    rows.append(Row(NAME, "  the same letter from a PDF text layer (info)", f"{typed:.3f} s",
                    "a scan costs this many times more", seconds / typed))
    scan = DEMO_SCAN.read_bytes()
    started = time.perf_counter()
    reading = readers.read(DEMO_SCAN, scan, ocr.Options())
    a4 = time.perf_counter() - started
    truth = (DEMO_SCAN.parent / "reply-hrd-2023-014.txt").read_text("utf-8")
    rows.append(Row(NAME, "A4 page at 200 dpi, the demo's scanned reply",
                    f"{a4:.2f} s, accuracy {scans.accuracy(reading.text, truth):.3f}",
                    f"half-page letter {seconds:.2f} s", a4 / seconds))
    return rows
