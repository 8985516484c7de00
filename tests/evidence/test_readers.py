"""Readers: every supported format read from files built here, and bad inputs refused."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational
from pypdf import PdfReader, PdfWriter

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence import readers
from rightsledger.evidence.readers import archive

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

GAS_EN = ("On 17 January 2023 the gas supply to Stepanakert was cut for the second time "
          "this month. Schools closed because classrooms could not be heated.")
GAS_RU = ("Семнадцатого января 2023 года подача газа в Степанакерт снова прекратилась. "
          "Школы закрылись, потому что классы нечем было отапливать.")
ROAD_FR = ("Le corridor de Latchine est resté fermé à la circulation civile pendant des "
           "semaines. À Stepanakert, les files d'attente devant les boulangeries s'allongeaient ; "
           "l'hôpital manquait de médicaments et de carburant.")
ROAD_HY = "Լաչինի միջանցքը փակ էր քաղաքացիական տրանսպորտի համար։"


def read_file(tmp_path: Path, name: str, data: bytes) -> Reading:
    """Write the bytes under that name and read them back the way ingest does."""
    path = tmp_path / name
    path.write_bytes(data)
    return readers.read(path, path.read_bytes())


def refused(tmp_path: Path, name: str, data: bytes) -> str:
    """The one-line message of the BadInput raised for these bytes."""
    with pytest.raises(BadInput) as info:
        read_file(tmp_path, name, data)
    message = str(info.value)
    assert "\n" not in message and str(tmp_path) not in message
    return message


def junk(size: int, seed: int = 7) -> bytes:
    """Deterministic binary junk full of NUL and control bytes."""
    return bytes((i * 73 + seed * 31 + (i >> 3)) % 256 for i in range(size))


# --- text ------------------------------------------------------------------------------------

def test_utf8_text(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "gas.txt", GAS_EN.encode())
    assert (reading.text, reading.media_type, reading.reader) == (GAS_EN, "text/plain", "text.v1")
    assert reading.meta["encoding"] == "utf-8" and reading.title is None
    assert reading.language is None  # readers never identify the language


def test_markdown_keeps_markup_and_takes_first_heading_as_title(tmp_path: Path) -> None:
    source = f"Filed by the field team\n\n# Gas cut in Stepanakert\n\n**{GAS_EN}**\n\n# Later\n"
    reading = read_file(tmp_path, "gas.md", source.encode())
    assert reading.media_type == "text/markdown" and reading.text == source
    assert reading.title == "Gas cut in Stepanakert"


@pytest.mark.parametrize(("text", "encoding"), [(GAS_RU, "cp1251"), (ROAD_FR, "cp1252"),
                                                (ROAD_FR, "latin-1")])
def test_legacy_code_pages_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    reading = read_file(tmp_path, "note.txt", text.encode(encoding))
    assert reading.text == text
    assert reading.meta["encoding"] in {"cp1251"} if encoding == "cp1251" else {"cp1252"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom",
                                      "utf-32"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    text = f"{GAS_RU}\n{ROAD_HY}\n"
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        data = "\ufeff".encode(codec) + text.encode(codec)
    else:
        data = text.encode(encoding)
    assert read_file(tmp_path, "bom.txt", data).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [GAS_EN, GAS_RU, ROAD_HY + " " + GAS_EN])
def test_utf16_without_bom(tmp_path: Path, codec: str, text: str) -> None:
    reading = read_file(tmp_path, "no-bom.txt", text.encode(codec))
    assert (reading.text, reading.meta["encoding"]) == (text, codec)


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "crlf.txt", b"first line\r\nsecond line\r\n")
    assert reading.text == "first line\nsecond line\n"


def test_unknown_suffix_read_as_text_when_it_is_text(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "witness.log", GAS_RU.encode("cp1251"))
    assert (reading.text, reading.reader) == (GAS_RU, "text.v1")
    assert read_file(tmp_path, "README", GAS_EN.encode()).text == GAS_EN


def test_binary_junk_named_txt_is_refused(tmp_path: Path) -> None:
    message = refused(tmp_path, "junk.txt", junk(4096))
    assert message.startswith("unknown text encoding or binary data: ")


def test_control_characters_in_utf8_are_refused(tmp_path: Path) -> None:
    data = b"\x01\x02\x03\x04\x05\x06" * 50 + GAS_EN.encode()
    assert refused(tmp_path, "odd.txt", data).startswith("unknown text encoding or binary data")


# --- dispatch ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.jpg",
                                  "empty.html", "empty"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    assert refused(tmp_path, name, b"").startswith("empty file")


def test_unsupported_types_name_the_supported_ones(tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.txt", GAS_EN)
    message = refused(tmp_path, "bundle.zip", archive.getvalue())
    assert message.startswith("unsupported file type '.zip': supported are ")
    assert ".pdf" in message and ".docx" in message
    assert refused(tmp_path, "setup.EXE", b"MZ\x90\x00" + junk(2000)).startswith(
        "unsupported file type '.exe'")
    assert set(readers.SUPPORTED_SUFFIXES) >= {".txt", ".md", ".html", ".pdf", ".docx", ".jpg",
                                                ".jpeg", ".png"}


# --- html --------------------------------------------------------------------------------------

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gas cut again in Stepanakert | Caucasus Wire</title>
<meta name="author" content="Anna Petrosyan">
<meta property="article:published_time" content="2023-01-18T09:30:00+04:00">
</head><body>
<header><a href="/">Caucasus Wire</a> <a href="/subscribe">Subscribe today</a></header>
<nav><ul><li><a href="/world">World news</a></li><li><a href="/sport">Sport results</a></li>
<li><a href="/weather">Weather forecast</a></li></ul></nav>
<aside class="advert">Cheap flights to Yerevan: book now!</aside>
<article><h1>Gas cut again in Stepanakert</h1>
<p>The gas supply to Stepanakert was cut on 17 January 2023, the second interruption this
month. Local officials said the pipeline crossing the Lachin corridor had been damaged.</p>
<p>Residents said schools had closed because classrooms could not be heated. The city
hospital switched to diesel generators to keep the intensive care unit running.</p>
<p>Repair crews were not allowed to reach the damaged section, according to the regional
administration, which called the cut deliberate.</p>
</article>
<section id="comments" class="comments"><h3>Reader comments</h3>
<div class="comment"><p>Reader42: please share this everywhere, it matters.</p></div></section>
<footer><p>Copyright 2023 Caucasus Wire. Privacy policy. Contact us.</p></footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "article.html", ARTICLE.encode())
    assert (reading.media_type, reading.reader) == ("text/html", "html.v1")
    assert "pipeline crossing the Lachin corridor" in reading.text
    assert "intensive care unit" in reading.text
    for boilerplate in ("World news", "Sport results", "Cheap flights", "Reader42",
                        "Copyright", "Subscribe"):
        assert boilerplate not in reading.text
    assert reading.title == "Gas cut again in Stepanakert"
    assert (reading.author, reading.published) == ("Anna Petrosyan", "2023-01-18")


def test_html_meta_charset_is_respected(tmp_path: Path) -> None:
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=windows-1251"><title>Газ</title></head><body><article><p>{GAS_RU}</p>'
            f"<p>{GAS_RU}</p></article></body></html>")
    reading = read_file(tmp_path, "ru.htm", page.encode("cp1251"))
    assert GAS_RU in reading.text and reading.meta["encoding"] == "windows-1251"


def test_xhtml_labelled_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><meta http-equiv='
            '"Content-Type" content="text/html; charset=iso-8859-1"/></head><body><article>'
            f"<p>\u201cLatchine\u201d : {ROAD_FR}</p></article></body></html>")
    reading = read_file(tmp_path, "page", page.encode("cp1252"))
    assert reading.reader == "html.v1" and reading.meta["encoding"] == "cp1252"
    assert f"\u201cLatchine\u201d : {ROAD_FR}" in reading.text


def test_html_dates_in_prose_are_not_taken_as_published(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{GAS_EN}</p><p>{GAS_EN}</p></article></body></html>"
    reading = read_file(tmp_path, "nodate.html", page.encode())
    assert "second time this month" in reading.text and reading.published is None


def test_html_with_only_navigation_is_refused(tmp_path: Path) -> None:
    page = ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/news'>News</a> <a href='/about'>About us</a></nav>"
            "<footer>Copyright 2023</footer><script>var x = 1;</script></body></html>")
    assert refused(tmp_path, "menu.html", page.encode()).startswith("HTML has no readable text")


def test_html_without_suffix_is_sniffed(tmp_path: Path) -> None:
    assert read_file(tmp_path, "saved-page", ARTICLE.encode()).reader == "html.v1"


# --- pdf ---------------------------------------------------------------------------------------

PDF_PAGES = [GAS_RU, f"{ROAD_HY}\n{GAS_EN}", ROAD_FR]


def make_pdf(pages: list[str]) -> bytes:
    """A PDF with one text page per string, in DejaVu Sans (Cyrillic and Armenian glyphs)."""
    assert FONT.exists(), f"{FONT} is missing: install fonts-dejavu-core"
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_title("Gas and road report")
    pdf.set_author("Field team")
    pdf.set_creation_date(datetime(2023, 1, 20, 10, 0, tzinfo=UTC))
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf(PDF_PAGES)


def encrypted(data: bytes, user: str, owner: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_pdf_pages_offsets_and_info(tmp_path: Path, pdf_bytes: bytes) -> None:
    reading = read_file(tmp_path, "report.pdf", pdf_bytes)
    assert (reading.media_type, reading.reader) == ("application/pdf", "pdf.v1")
    assert reading.meta["pages"] == 3 and "warning" not in reading.meta
    offsets = reading.meta["page_offsets"]
    assert offsets[0] == 0 and len(offsets) == 3
    bounds = [*offsets, len(reading.text) + 2]
    for i, expected in enumerate(PDF_PAGES):
        page = reading.text[bounds[i]:bounds[i + 1] - 2]
        assert _squash(page) == _squash(expected)
    assert (reading.title, reading.author, reading.published) == (
        "Gas and road report", "Field team", "2023-01-20")


def test_pdf_found_by_content_whatever_its_name(tmp_path: Path, pdf_bytes: bytes) -> None:
    assert read_file(tmp_path, "report.txt", pdf_bytes).reader == "pdf.v1"


def test_pdf_without_text_layer_is_kept_with_a_warning(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 50, style="F")
    reading = read_file(tmp_path, "scan.pdf", bytes(pdf.output()))
    assert reading.text.strip() == "" and reading.meta["pages"] == 1
    assert reading.meta["warning"] == "no text layer (scanned image?)"


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    assert refused(tmp_path, "fake.pdf", junk(3000)).startswith("not a PDF (no %PDF header)")


def test_truncated_pdf(tmp_path: Path, pdf_bytes: bytes) -> None:
    message = refused(tmp_path, "half.pdf", pdf_bytes[: len(pdf_bytes) // 2])
    assert message.startswith("corrupt or truncated PDF: ")


def test_encrypted_pdf(tmp_path: Path, pdf_bytes: bytes) -> None:
    message = refused(tmp_path, "locked.pdf", encrypted(pdf_bytes, "s3cret"))
    assert message == "PDF is encrypted: remove the password and ingest again"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path, pdf_bytes: bytes) -> None:
    reading = read_file(tmp_path, "restricted.pdf", encrypted(pdf_bytes, "", "owner"))
    assert GAS_EN.split(".")[0] in _squash(reading.text)


# --- docx --------------------------------------------------------------------------------------

def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Shortages in Stepanakert", level=1)
    document.add_paragraph(GAS_EN)
    table = document.add_table(rows=3, cols=3)
    rows = [("Date", "Item", "Status"), ("2023-01-17", "gas", "cut"),
            ("2023-01-18", "bread", "rationed")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(GAS_RU)
    props = document.core_properties
    props.title, props.author = "Shortages report", "Monitoring group"
    props.created = datetime(2023, 1, 21, 8, 0, tzinfo=UTC)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_table_in_order(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "shortages.docx", make_docx())
    assert (reading.media_type, reading.reader) == (DOCX_MEDIA, "docx.v1")
    text = reading.text
    assert "Date | Item | Status\n2023-01-18" not in text
    assert "Date | Item | Status\n2023-01-17 | gas | cut\n2023-01-18 | bread | rationed" in text
    order = [text.index(s) for s in ("Shortages in Stepanakert", GAS_EN, "Date | Item", GAS_RU)]
    assert order == sorted(order)
    assert (reading.title, reading.author, reading.published) == (
        "Shortages report", "Monitoring group", "2023-01-21")


def test_docx_merged_cells_counted_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Lachin corridor closures"
    for cell, value in zip(table.rows[1].cells, ("12 Dec", "closed", "no traffic"), strict=True):
        cell.text = value
    out = io.BytesIO()
    document.save(out)
    reading = read_file(tmp_path, "merged.docx", out.getvalue())
    assert reading.text == "Lachin corridor closures\n12 Dec | closed | no traffic"


def test_docx_named_otherwise_is_found_by_content(tmp_path: Path) -> None:
    assert read_file(tmp_path, "shortages.bin", make_docx()).reader == "docx.v1"


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    assert refused(tmp_path, "fake.docx", junk(3000)).startswith("not a DOCX file")


def test_zip_without_document_named_docx(tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.txt", GAS_EN)
    assert refused(tmp_path, "fake.docx", archive.getvalue()).startswith("corrupt DOCX")


# --- images ------------------------------------------------------------------------------------

def make_jpeg(lat_ref: str = "N", lon_ref: str = "E") -> bytes:
    """A small JPEG with camera, capture time, description and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 80D"
    exif[ExifTags.Base.ImageDescription] = "Queue for bread in Stepanakert"
    exif[ExifTags.Base.DateTime] = "2024:05:01 00:00:00"  # edited later: not the capture time
    exif.get_ifd(0x8769)[ExifTags.Base.DateTimeOriginal] = "2023:01:17 14:05:09"
    gps = exif.get_ifd(0x8825)
    gps[ExifTags.GPS.GPSLatitudeRef] = lat_ref
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(39), IFDRational(48), IFDRational(54))
    gps[ExifTags.GPS.GPSLongitudeRef] = lon_ref
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(46), IFDRational(45), IFDRational(3000, 100))
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (150, 40, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_jpeg_exif_and_gps(tmp_path: Path) -> None:
    reading = read_file(tmp_path, "queue.jpg", make_jpeg())
    assert (reading.media_type, reading.reader) == ("image/jpeg", "image.v1")
    assert reading.text == "Queue for bread in Stepanakert" and reading.published is None
    meta = reading.meta
    assert (meta["width"], meta["height"], meta["format"]) == (64, 48, "JPEG")
    assert meta["captured_at"] == "2023-01-17T14:05:09"
    assert meta["camera"] == "Canon EOS 80D"
    assert meta["gps"] == {"lat": pytest.approx(39.815), "lon": pytest.approx(46.758333)}


def test_gps_south_and_west_are_negative(tmp_path: Path) -> None:
    gps = read_file(tmp_path, "sw.jpeg", make_jpeg("S", "W")).meta["gps"]
    assert gps == {"lat": pytest.approx(-39.815), "lon": pytest.approx(-46.758333)}


def test_png_without_exif(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 20), (0, 90, 0)).save(out, "PNG")
    reading = read_file(tmp_path, "map.png", out.getvalue())
    assert (reading.text, reading.media_type) == ("", "image/png")
    assert reading.meta == {"format": "PNG", "width": 10, "height": 20}


def test_random_bytes_named_jpg(tmp_path: Path) -> None:
    assert refused(tmp_path, "fake.jpg", junk(3000)).startswith("image cannot be decoded")


def test_truncated_jpeg(tmp_path: Path) -> None:
    data = make_jpeg()
    assert refused(tmp_path, "cut.jpg", data[: len(data) // 2]).startswith(
        "image cannot be decoded")


def test_other_image_formats_are_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "GIF")
    assert "convert it to JPEG or PNG" in refused(tmp_path, "anim.png", out.getvalue())


# --- any bytes ---------------------------------------------------------------------------------

_PREFIXES = [b"", b"%PDF-1.7\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04",
             b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=600),
       suffix=st.sampled_from([*readers.SUPPORTED_SUFFIXES, ".bin", ""]))
def test_any_bytes_give_a_reading_or_bad_input(prefix: bytes, body: bytes, suffix: str) -> None:
    data = prefix + body
    try:
        reading = readers.read(Path(f"f{suffix}"), data)
    except BadInput as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(reading.text, str) and reading.reader.endswith(".v1")


def test_an_mp4_gives_its_time_duration_and_position() -> None:
    from tests.media import images

    reading = readers.read(Path("clip.bin"), images.video((39.8177, 46.7528),
                                                          "2022-12-13T08:00:00", 90))
    assert reading.media_type == "video/mp4" and reading.reader == "video.v1"
    assert reading.meta == {"format": "MP4", "duration_s": 90.0,
                            "captured_at": "2022-12-13T08:00:00",
                            "gps": {"lat": 39.8177, "lon": 46.7528}}


def test_a_truncated_video_and_a_heic_photo_are_refused_in_one_line() -> None:
    from tests.media import images

    whole = images.video()
    cut = whole[:60]  # cut inside the moov box, as a copy made while still recording
    with pytest.raises(BadInput, match="truncated"):
        readers.read(Path("clip.mp4"), cut)
    heic = whole[:8] + b"heic" + whole[12:]
    with pytest.raises(BadInput, match="HEIC still image: convert it to JPEG"):
        readers.read(Path("photo.heic"), heic)
    webm = readers.read(Path("clip.webm"), b"\x1aE\xdf\xa3" + b"\0" * 64)
    assert webm.media_type == "video/webm"


# --- archives: one capped reader for every zip (promise 11, docs/security.md) ---------------

def _rezip(data: bytes, method: int) -> bytes:
    """The same members written again by Python's zipfile with another compression method."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
    return out.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_promise_11_docx_of_every_compression_method_is_read(tmp_path: Path,
                                                             method: int) -> None:
    reading = read_file(tmp_path, "shortages.docx", _rezip(make_docx(), method))
    assert reading.title == "Shortages report" and GAS_EN in reading.text


def test_promise_11_a_docx_with_a_photo_is_read_and_the_photo_checked(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(GAS_EN)
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(photo, "PNG")
    document.add_picture(io.BytesIO(photo.getvalue()))
    out = io.BytesIO()
    document.save(out)
    assert read_file(tmp_path, "with-photo.docx", out.getvalue()).text == GAS_EN
    damaged = bytearray(_rezip(out.getvalue(), zipfile.ZIP_STORED))
    at = damaged.index(photo.getvalue()[16:40])  # inside the PNG's header
    damaged[at] ^= 0xFF
    assert "CRC-32" in refused(tmp_path, "damaged.docx", bytes(damaged))


def _zip(members: dict[str, bytes]) -> archive.Archive:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return archive.Archive(out.getvalue(), "test zip")


def test_promise_11_the_archive_ceilings_hold_whatever_the_index_says() -> None:
    runs = random.Random(15).randbytes(4 * 2**20)  # does not compress
    zipped = _zip({"a.bin": runs, "b.bin": runs})
    assert archive.read_members(zipped) == {"a.bin": runs, "b.bin": runs}
    one = archive.Limits(member=3 * 2**20)
    with pytest.raises(BadInput, match=r"test zip refused: its part a.bin unpacks to more "
                                       r"than 3 MB \(a zip bomb\?\)"):
        archive.read_members(archive.Archive(zipped.data, "test zip", limits=one))
    both = archive.Limits(total=6 * 2**20)
    with pytest.raises(BadInput, match="its parts unpack to more than 6 MB"):
        archive.read_members(archive.Archive(zipped.data, "test zip", limits=both))
    few = archive.Limits(members=1)
    with pytest.raises(BadInput, match="its index lists 2 parts, over 1"):
        archive.entries(archive.Archive(zipped.data, "test zip", limits=few))


def test_promise_11_an_index_that_lies_is_caught_at_its_word() -> None:
    zipped = _zip({"word/document.xml": b" " * 2**20})
    lying = bytearray(zipped.data)
    size = struct.pack("<L", 2**20)
    for at in [i for i in range(len(lying) - 3) if lying[i:i + 4] == size]:
        lying[at:at + 4] = struct.pack("<L", 100)  # local header and central directory
    with pytest.raises(BadInput, match="more than the 100 bytes its index declares"):
        archive.read_members(archive.Archive(bytes(lying), "test zip"))
    assert archive.names(bytes(lying)) == ["word/document.xml"]  # the index alone: no harm
    assert archive.names(b"PK\x03\x04 not a zip") is None


def test_promise_11_encrypted_and_unknown_methods_are_refused() -> None:
    zipped = bytearray(_zip({"a.txt": b"hello"}).data)
    flags = 6  # the general purpose flags, in the local header
    central = zipped.index(b"PK\x01\x02")
    encrypted = bytearray(zipped)
    encrypted[central + 8] |= 1
    with pytest.raises(BadInput, match="encrypted parts"):
        archive.read_members(archive.Archive(bytes(encrypted), "test zip"))
    deflate64 = bytearray(zipped)
    deflate64[central + 10] = 9
    deflate64[flags + 2] = 9
    with pytest.raises(BadInput, match="compression method 9"):
        archive.read_members(archive.Archive(bytes(deflate64), "test zip"))


def test_promise_11_a_jpeg_is_decoded_at_a_reduced_scale_and_a_flood_refused(
        tmp_path: Path) -> None:
    big = io.BytesIO()
    Image.new("RGB", (9000, 8000), "gray").save(big, "JPEG", quality=30)
    reading = read_file(tmp_path, "wide.jpg", big.getvalue())  # 288 MB at full scale
    assert (reading.meta["width"], reading.meta["height"]) == (9000, 8000)
    flood = io.BytesIO()
    Image.new("RGB", (9000, 8000)).save(flood, "PNG")  # under Pillow's own limit
    assert refused(tmp_path, "flood.png", flood.getvalue()).startswith(
        "image refused: 9,000 x 8,000 pixels would take 275 MB to decode")
