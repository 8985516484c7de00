"""Regenerate the binary and specially encoded demo documents in demo/documents/.

    .venv/bin/python demo/build_binaries.py

Writes, from the text held below and nothing else (no network, no clock):

- ombudsman-report-health-food.pdf   two-page English report excerpt (fpdf2, DejaVu Sans)
- court-orders-summary.docx          summary of court orders with a table (python-docx)
- lachin-road-barrier-2023-01-15.jpg drawn 640x400 photo with EXIF and GPS (Pillow)
- ru-statement-cp1251.txt            Russian statement encoded in windows-1251
- fr-cij-ordonnance-2023-02-22.txt   French article encoded in UTF-16 with a BOM
- ../inquiries/reply-hrd-2023-014-scan.pdf  the Ministry of Health's reply as it arrives:
                                     a scan of demo/inquiries/reply-hrd-2023-014.txt
                                     (A4 at 200 dpi, a little crooked and speckled, no text
                                     layer: OCR reads it)

The output is deterministic: fixed dates in the PDF and DOCX metadata, fixed timestamps in
the DOCX zip, no random values. Running it twice gives byte-identical files, so the demo
ledger keeps the same source ids. All the text is written for the RightsLedger demo; the
publishers are fictional.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from PIL.TiffImagePlugin import IFDRational

OUT = Path(__file__).resolve().parent / "documents"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FIXED = dt.datetime(2023, 3, 21, 12, 0, 0, tzinfo=dt.UTC)

# --------------------------------------------------------------------------- PDF

PDF_TITLE = "The rights affected by the closure of the Lachin corridor: 100 days (excerpt)"
PDF_AUTHOR = "Office of the Human Rights Defender (demo)"
PDF_PAGES = [
    ("3. The right to health", [
        "3.1 The Office was informed by the Ministry of Health that planned surgical "
        "operations at the Republican Medical Center in Stepanakert have been suspended "
        "since the first week of the closure, as medicines and surgical supplies could "
        "not be restocked.",
        "3.2 According to the Ministry, patients who need treatment that is not available "
        "in the region can reach hospitals in Armenia only through the International "
        "Committee of the Red Cross, which accompanies each transfer along the corridor.",
        "3.3 Doctors interviewed by the Office said that people with chronic illnesses "
        "have faced gaps in their medication, which in the Office's assessment puts the "
        "right to health of the most vulnerable residents at serious risk.",
    ]),
    ("4. The right to food", [
        "4.1 Before 12 December 2022, about 400 tonnes of food, medicine and other goods "
        "entered the region from Armenia every day, according to government figures cited "
        "by the Office.",
        "4.2 The Office notes that a coupon system for rice, buckwheat, sugar, pasta and "
        "cooking oil was introduced in January 2023, with a fixed monthly allowance for "
        "each registered resident.",
        "4.3 Staff of the Office observed empty shelves in most shops in Stepanakert and "
        "long queues for bread. The Office estimates that the closure affects about "
        "120,000 people, some 30,000 of them children.",
        "Recommendation: the Office calls for free movement along the corridor to be "
        "restored without delay, as the International Court of Justice ordered on "
        "22 February 2023.",
    ]),
]


class _Report(FPDF):
    def header(self) -> None:
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{PDF_AUTHOR} | as of 21 March 2023 (day 100)",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Demo document for RightsLedger. Page {self.page_no()} of 2",
                  align="C")


def build_pdf(path: Path) -> None:
    pdf = _Report(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_title(PDF_TITLE)
    pdf.set_author(PDF_AUTHOR)
    pdf.set_subject("Rights to health and food during the closure of the Lachin corridor")
    pdf.set_creator("RightsLedger demo/build_binaries.py")
    pdf.set_creation_date(FIXED)
    for number, (heading, paragraphs) in enumerate(PDF_PAGES):
        pdf.add_page()
        if number == 0:
            pdf.set_font("DejaVu", "B", 14)
            pdf.multi_cell(0, 7, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        for para in paragraphs:
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    path.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------- DOCX

DOCX_TITLE = "Court orders on the Lachin corridor and Nagorno-Karabakh: a summary"
DOCX_AUTHOR = "Caucasus Legal Monitor (demo)"
DOCX_INTRO = (
    "This table lists the provisional and interim measures that international courts "
    "ordered between 2021 and 2023, as the courts' own press releases describe them. It is "
    "a working summary for researchers; the orders themselves give the exact wording.")
DOCX_ROWS = [
    ("7 December 2021", "International Court of Justice (Armenia v. Azerbaijan)",
     "Azerbaijan to protect from violence and bodily harm persons detained in relation to "
     "the 2020 conflict, to prevent incitement to racial hatred against persons of "
     "Armenian origin, and to prevent and punish vandalism of Armenian cultural heritage."),
    ("7 December 2021", "International Court of Justice (Azerbaijan v. Armenia)",
     "Armenia to prevent incitement to racial hatred against persons of Azerbaijani origin."),
    ("21 December 2022", "European Court of Human Rights (Rule 39)",
     "Azerbaijan to take the measures within its jurisdiction to ensure safe passage "
     "through the corridor for seriously ill persons and for people stranded on the road."),
    ("22 February 2023", "International Court of Justice (Armenia v. Azerbaijan)",
     "Azerbaijan to take all measures at its disposal to ensure unimpeded movement of "
     "persons, vehicles and cargo along the Lachin corridor in both directions."),
    ("22 February 2023", "International Court of Justice (Azerbaijan v. Armenia)",
     "None: Azerbaijan's request concerning landmines was rejected."),
    ("6 July 2023", "International Court of Justice (Armenia v. Azerbaijan)",
     "Request to modify the order declined; the measure of 22 February 2023 reaffirmed."),
    ("17 November 2023", "International Court of Justice (Armenia v. Azerbaijan)",
     "Azerbaijan to ensure that persons who left after 19 September 2023 and wish to "
     "return can do so safely, and to protect their identity and property documents."),
]
ZIP_TIME = (2023, 11, 20, 0, 0, 0)


def build_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(DOCX_TITLE, level=1)
    doc.add_paragraph(f"{DOCX_AUTHOR}, 20 November 2023")
    doc.add_paragraph(DOCX_INTRO)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Date", "Body", "Measure ordered"),
                          strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in DOCX_ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.add_paragraph("Demo document written for RightsLedger.")
    props = doc.core_properties
    props.title = DOCX_TITLE
    props.author = DOCX_AUTHOR
    props.last_modified_by = DOCX_AUTHOR
    props.subject = "Provisional measures concerning the Lachin corridor"
    props.keywords = "ICJ; ECtHR; Lachin corridor; provisional measures"
    props.revision = 1
    fixed = dt.datetime(2023, 11, 20, 9, 0, 0)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed
    buf = io.BytesIO()
    doc.save(buf)
    # python-docx stamps each zip member with the current time: rewrite with a fixed one.
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            fixed_info = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            fixed_info.external_attr = 0o644 << 16
            dst.writestr(fixed_info, src.read(info.filename))


# --------------------------------------------------------------------------- JPEG

JPG_DESCRIPTION = ("Barrier across the road on the Lachin corridor, seen from the south; "
                   "demo image drawn for RightsLedger")


def _rationals(degrees: int, minutes: int, seconds: int) -> tuple[IFDRational, ...]:
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 1))


def build_jpg(path: Path) -> None:
    w, h = 640, 400
    img = Image.new("RGB", (w, h), (176, 196, 214))  # winter sky
    d = ImageDraw.Draw(img)
    d.polygon([(0, 190), (120, 130), (260, 175), (400, 115), (540, 165), (640, 140),
               (640, 260), (0, 260)], fill=(120, 128, 110))  # hills
    d.rectangle([0, 240, w, h], fill=(150, 150, 135))  # verges
    d.polygon([(290, 240), (350, 240), (560, 400), (80, 400)], fill=(95, 95, 98))  # road
    for y0 in range(250, 400, 30):  # dashed centre line
        t0, t1 = (y0 - 240) / 160, (min(y0 + 14, 400) - 240) / 160
        d.polygon([(320 - 2 - 4 * t0, y0), (320 + 2 + 4 * t0, y0),
                   (320 + 2 + 4 * t1, y0 + 14), (320 - 2 - 4 * t1, y0 + 14)],
                  fill=(230, 230, 220))
    d.rectangle([150, 300, 160, 360], fill=(60, 60, 60))  # barrier posts
    d.rectangle([480, 300, 490, 360], fill=(60, 60, 60))
    for i, x in enumerate(range(140, 500, 30)):  # red-and-white barrier bar
        d.rectangle([x, 300, x + 30, 316], fill=(200, 30, 30) if i % 2 else (245, 245, 245))
    d.rectangle([140, 300, 500, 316], outline=(40, 40, 40))
    d.rectangle([520, 250, 600, 290], fill=(20, 90, 160))  # road sign
    d.rectangle([557, 290, 563, 340], fill=(70, 70, 70))
    d.text((530, 262), "STOP", fill=(255, 255, 255))

    exif = Image.Exif()
    exif[0x010E] = JPG_DESCRIPTION  # ImageDescription
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS 80D"  # Model
    exif[0x0132] = "2023:01:15 10:30:00"  # DateTime
    exif[0x013B] = "Caucasus Monitor field team (demo)"  # Artist
    sub = exif.get_ifd(0x8769)  # Exif IFD
    sub[0x9003] = "2023:01:15 10:30:00"  # DateTimeOriginal
    sub[0x9004] = "2023:01:15 10:30:00"  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)  # GPS IFD: 39.60 N, 46.55 E
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = "N"
    gps[0x0002] = _rationals(39, 36, 0)
    gps[0x0003] = "E"
    gps[0x0004] = _rationals(46, 33, 0)
    img.save(path, "JPEG", quality=88, exif=exif.tobytes())


# --------------------------------------------------------------------------- encoded texts

RU_CP1251 = """\
Центр гражданских прав «Кавказ-Диалог» (демо)
Заявление, 25 января 2023 года

Центр выражает серьёзную обеспокоенность положением жителей Нагорного Карабаха, которые \
уже более шести недель отрезаны от Армении. По сведениям местного омбудсмена, на которые \
ссылается Центр, перекрытие Лачинского коридора затронуло около 120 тысяч человек.

Как сообщили Центру врачи республиканской больницы в Степанакерте, плановые операции \
отложены из-за нехватки лекарств и расходных материалов. Родители, с которыми беседовали \
сотрудники Центра, рассказали, что школы Степанакерта и других населённых пунктов \
неоднократно закрывались из-за отсутствия отопления.

Центр напоминает, что 21 декабря 2022 года Европейский суд по правам человека призвал \
Азербайджан обеспечить безопасный проезд по коридору для тяжелобольных и для людей, \
оказавшихся на дороге без крова и средств к существованию.

Центр призывает власти Азербайджана немедленно восстановить свободное движение людей и \
грузов, а также не препятствовать ремонту газопровода и линии электропередачи. Центр \
обращается к международным организациям с просьбой направить в регион независимую \
миссию для оценки гуманитарной ситуации.
"""

FR_UTF16 = """\
La CIJ ordonne à l'Azerbaïdjan de garantir la circulation dans le corridor de Latchine

Le Courrier du Caucase (démo), 23 février 2023

La Cour internationale de Justice a rendu le mercredi 22 février 2023 une ordonnance en \
indication de mesures conservatoires dans l'affaire qui oppose l'Arménie à l'Azerbaïdjan \
au titre de la convention sur l'élimination de la discrimination raciale. Selon le \
communiqué de la Cour, celle-ci a dit, par treize voix contre deux, que l'Azerbaïdjan \
doit prendre toutes les mesures dont il dispose afin d'assurer la circulation sans \
entrave des personnes, des véhicules et des marchandises le long du corridor de Latchine, \
dans les deux sens.

Le même jour, la Cour a rejeté à l'unanimité la demande de mesures conservatoires \
présentée par l'Azerbaïdjan contre l'Arménie, qui portait notamment sur la pose de mines \
terrestres.

Le ministère arménien des Affaires étrangères a salué une décision qui, selon lui, prend \
acte du danger que la fermeture de la route fait courir à quelque 120 000 habitants. À \
Bakou, le ministère des Affaires étrangères a souligné que la Cour n'avait pas retenu la \
demande arménienne visant les manifestants installés sur la route, et a répété que \
celle-ci restait ouverte aux convois humanitaires.

Les ordonnances de la Cour ont force obligatoire, mais la Cour ne dispose d'aucun moyen \
propre de les faire exécuter. Plusieurs organisations de défense des droits humains ont \
appelé les deux parties à s'y conformer sans délai.
"""


def build_texts(out: Path) -> None:
    (out / "ru-statement-cp1251.txt").write_bytes(RU_CP1251.encode("cp1251"))
    # BOM + little-endian, spelled out so the bytes do not depend on the machine.
    (out / "fr-cij-ordonnance-2023-02-22.txt").write_bytes(
        "\ufeff".encode("utf-16-le") + FR_UTF16.encode("utf-16-le"))


def build_scan(text: Path, path: Path) -> None:
    """The typed reply printed on A4, scanned crooked (0.8 degrees) with dust specks."""
    dpi, size = 200, 30
    page = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), size)
    draw.multiline_text((170, 200), text.read_text("utf-8"), font=font, fill=25,
                        spacing=14)
    page = page.rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=250)
    rng = random.Random(14)
    pixels = page.load()
    assert pixels is not None
    for _ in range(6000):
        pixels[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((40, 120))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=dpi, creationDate=FIXED.utctimetuple(),
              modDate=FIXED.utctimetuple())
    path.write_bytes(out.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build_pdf(OUT / "ombudsman-report-health-food.pdf")
    build_docx(OUT / "court-orders-summary.docx")
    build_jpg(OUT / "lachin-road-barrier-2023-01-15.jpg")
    build_texts(OUT)
    inquiries = OUT.parent / "inquiries"
    build_scan(inquiries / "reply-hrd-2023-014.txt", inquiries / "reply-hrd-2023-014-scan.pdf")
    print(f"wrote {inquiries / 'reply-hrd-2023-014-scan.pdf'}")
    for name in ("ombudsman-report-health-food.pdf", "court-orders-summary.docx",
                 "lachin-road-barrier-2023-01-15.jpg", "ru-statement-cp1251.txt",
                 "fr-cij-ordonnance-2023-02-22.txt"):
        print(f"wrote {OUT / name} ({(OUT / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
