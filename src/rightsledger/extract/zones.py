"""Document zoning, the stage before all others: what in a text is the article, and what is
its headline, byline, date line, dateline, captions and page furniture.

    find_zones(Doc("Gas cut again\\n\\nBy A. Writer | Monday, 16 January 2023\\n\\n"
                   "GORIS, January 16, 2023 – The pipeline was damaged ..."))
    -> [{"kind": "headline", ...}, {"kind": "byline", ..., "value": "2023-01-16"},
        {"kind": "dateline", ..., "place": "Goris", "value": "2023-01-16"}]

Every zone keeps its offsets. The pipeline blanks every zone but the article body before
the later stages run (``masked``), so a headline's words, a dateline's city ("PARIS,
January 30 –" is where the article was written, not where anything happened), a reader's
comment or a "You may also like" list never become places, numbers or incidents. The
headline is the source's title and a date read from the byline, date line or dateline its
publication date, when nothing better is known (``--published`` or the manifest win).

The words that mark furniture are data (``vocabularies/zones.json``), per language.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.vocabularies import load

_ENDS_SENTENCE = tuple(".!?։…\"»”")
_HEAD_MAX_WORDS = 30  # a headline, a byline or a date line is a short line
_BODY_MIN_WORDS = 12  # a line this long that ends like a sentence is the article's body
_TAIL_MIN_BODY = 100  # the page's tail starts only after this many characters of body
_SHORT = 200  # a furniture line is never longer than this


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines(text: str) -> list[Line]:
    """The text's non-blank lines, stripped, with their offsets."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


@cache
def _patterns(group: str, language: str | None) -> re.Pattern[str]:
    """One vocabulary group as a whole-line pattern: the language's, English's too (pages in
    any language borrow English furniture), every language's when it is unknown."""
    table: dict[str, list[str]] = load("zones")[group]
    langs = list(table) if language not in table else [language, "en"]
    alternatives = [p for lang in dict.fromkeys(langs) for p in table.get(lang, [])]
    return re.compile(r"(?:" + "|".join(alternatives) + r")\s*[:.]?", re.IGNORECASE)


def _is_body(line: Line) -> bool:
    return line.words >= _HEAD_MAX_WORDS or (
        line.words >= _BODY_MIN_WORDS and line.text.endswith(_ENDS_SENTENCE))


def find_zones(doc: Doc) -> list[dict[str, Any]]:
    """The document's zones in text order (the article body is what no zone covers)."""
    all_lines = lines(doc.text)
    body_at = next((i for i, line in enumerate(all_lines) if _is_body(line)), None)
    if body_at is None:
        return []  # a note, a list, a caption on its own: nothing to tell apart
    zones = _head(doc, all_lines[:body_at])
    for i in range(body_at, len(all_lines)):
        # the first paragraph's dateline; a later paragraph's, when dated ("Paris, January
        # 16, 2023 – …" heading a press release inside a report)
        dateline = _dateline(doc, all_lines[i], dated_only=i > body_at)
        if dateline:
            zones.append(dateline)
    zones += _furniture(doc, all_lines, body_at)
    return sorted(zones, key=lambda z: z["start"])


# -- the head: headline, subheadlines, byline, date line, captions ----------------------------

def _head(doc: Doc, head: list[Line]) -> list[dict[str, Any]]:
    zones: list[dict[str, Any]] = []
    for line in head:
        if line.words > _HEAD_MAX_WORDS:
            continue
        kind = _head_kind(doc, line, titled=any(z["kind"] == "headline" for z in zones))
        if kind is None:
            continue
        zone = _zone(kind, line)
        if kind == "date" and _LINE_DATELINE.fullmatch(line.text):
            zone["place"] = _place_name(re.split(r",|\s[-–—]", line.text)[0].strip())
        day = _day_in(line.text, doc.language)
        if day and kind in ("byline", "date"):
            zone["value"] = day
        zones.append(zone)
    return zones


def _head_kind(doc: Doc, line: Line, titled: bool) -> str | None:
    if _patterns("furniture_line", doc.language).fullmatch(line.text):
        return "furniture"
    if _patterns("byline", doc.language).fullmatch(line.text.split("|")[0].strip()):
        return "byline"
    if _mostly_date(line.text, doc.language) or _LINE_DATELINE.fullmatch(line.text):
        return "date"
    if line.text.endswith((".", "։")) and line.words > 3:
        return None  # a short sentence of the article, not a title
    return "subheadline" if titled else "headline"


# "Baku, September 30, AZERTAC", "Minsk - May 12, 2020": the place and day of writing alone
_LINE_DATELINE = re.compile(
    r"[A-ZÀ-ÞА-ЯЁԱ-Ֆ][\w'’ .-]{1,30}(?:,|\s[-–—])\s*(?:\d{1,2}\s+)?[A-Za-zА-Яа-яё]{3,}\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?(?:,\s*[A-Z][\w-]{1,20})?")


def _mostly_date(text: str, language: str | None) -> bool:
    """A line that is a date and little else ("Wednesday, 03 August 2022", "09 AUGUST 2023,
    Press Releases")."""
    found = _dates_in(text, language)
    covered = sum(d["end"] - d["start"] for d in found if d["precision"] == "day")
    return bool(found) and covered >= 0.4 * len(text)


def _day_in(text: str, language: str | None) -> str | None:
    for found in _dates_in(text, language):
        if found["precision"] == "day" and not found.get("relative"):
            return str(found["value"])
    return None


@lru_cache(maxsize=256)  # a line is asked about twice: is it a date line, which day
def _dates_in(text: str, language: str | None) -> tuple[dict[str, Any], ...]:
    from rightsledger.extract.dates import find_dates

    return tuple(find_dates(Doc(text, language=language)))


# -- the dateline: the place (and date) of writing ---------------------------------------------

_AGENCY = r"\((?:[A-Z][\w.&' -]{0,30})\)|/[A-Z]{2,8}/\.?"
_DATELINE = re.compile(
    r"(?P<place>[A-ZÀ-ÞА-ЯЁԱ-Ֆ][A-ZÀ-ÞА-ЯЁԱ-Ֆ'’.\- ]{1,30}[A-ZÀ-ÞА-ЯЁԱ-Ֆ]"  # BAKU, NEW YORK
    r"|[A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё'’\-]+(?: [A-ZÀ-ÞА-ЯЁ][a-zà-ÿа-яё'’\-]+){0,2})"  # Gaza City
    r"(?P<rest>(?:\s*,\s*[^\n–—:()]{1,45}?)?\s*(?:" + _AGENCY + r")?)"
    r"\s*(?:[–—]|-{1,2}|:|(?<=/)|(?<=\.))\s+")


def _dateline(doc: Doc, first_body: Line, dated_only: bool = False) -> dict[str, Any] | None:
    """"PARIS, January 30, 2023 –", "BAKU, December 14 /TASS/.", "KYIV (Reuters) -" at the
    start of the article's first paragraph."""
    m = _DATELINE.match(doc.text, first_body.start, first_body.end)
    if m is None:
        return None
    place, rest = m.group("place"), m.group("rest")
    day = _day_in(rest, doc.language) if rest else None
    agency = re.search(_AGENCY, rest or "")
    if not (place.isupper() or day or agency) or (dated_only and not day):
        return None  # "Armenia – which…" is a sentence; a dateline is in capitals or dated
    if place.isupper() and len(place) < 3:
        return None
    zone: dict[str, Any] = {"kind": "dateline", "start": m.start(), "end": m.end(),
                            "text": m.group().rstrip(), "place": _place_name(place)}
    zone["end"] = zone["start"] + len(zone["text"])
    if day:
        zone["value"] = day
    return zone


def _place_name(written: str) -> str:
    """The gazetteer's name of the dateline's city, else the words as written."""
    from rightsledger.gazetteer.lookup import find

    found = list(find(written.title() if written.isupper() else written, None))
    return found[0].place.name if found else written.title() if written.isupper() else written


# -- furniture: the page's tail, and furniture lines anywhere ----------------------------------

def _furniture(doc: Doc, all_lines: list[Line], body_at: int) -> list[dict[str, Any]]:
    ends_body = _patterns("ends_body", doc.language)
    furniture_line = _patterns("furniture_line", doc.language)
    repeated = Counter(line.text for line in all_lines if line.words <= 4)
    zones, body_chars = [], 0
    for i in range(body_at, len(all_lines)):
        line = all_lines[i]
        short = len(line.text) <= _SHORT
        if short and body_chars >= _TAIL_MIN_BODY and (
                ends_body.fullmatch(line.text) or _author_box(line, repeated, i, all_lines)):
            tail = all_lines[-1]
            zones.append({"kind": "furniture", "start": line.start, "end": tail.end,
                          "text": line.text})
            break
        if short and furniture_line.fullmatch(line.text):
            zones.append(_zone("furniture", line))
        else:
            body_chars += len(line.text)
    return zones


def _author_box(line: Line, repeated: Counter[str], i: int, all_lines: list[Line]) -> bool:
    """A name on a line of its own, twice in a row, after the article: an author's box."""
    return (repeated[line.text] >= 2 and not line.text.endswith(_ENDS_SENTENCE)
            and i + 1 < len(all_lines) and all_lines[i + 1].text == line.text)


def _zone(kind: str, line: Line) -> dict[str, Any]:
    return {"kind": kind, "start": line.start, "end": line.end, "text": line.text}


# -- what the later stages see -----------------------------------------------------------------

def masked(text: str, zones: list[dict[str, Any]]) -> str:
    """The text with every zone blanked (line breaks kept, so offsets and paragraphs stay)."""
    if not zones:
        return text
    chars = list(text)
    for zone in zones:
        for i in range(zone["start"], zone["end"]):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def metadata(zones: list[dict[str, Any]]) -> dict[str, Any]:
    """What the zones say of the document: title, publication day, place of writing."""
    out: dict[str, Any] = {}
    for zone in zones:
        if zone["kind"] == "headline" and "title" not in out:
            out["title"] = zone["text"]
        if zone.get("value") and "published" not in out:
            out["published"] = zone["value"]
        if zone.get("place") and "written_at" not in out:
            out["written_at"] = zone["place"]
    return out


def text_metadata(text: str, language: str | None) -> dict[str, Any]:
    """The title, publication day and place of writing a text gives of itself."""
    return metadata(find_zones(Doc(text, language=language)))


STAGE = Stage("zones.v1", needs=(), adds="zones", run=find_zones)
