"""The periodic report: one section per right violated, key incidents with their grade, every
fact footnoted to its sources; stories and consented photos; charts and a map; statements
and obligations; a methodology annex with what changed since the previous report.

Built from one snapshot (publish.snapshot) and nothing else, so the same snapshot gives
byte-identical HTML: the build time is in the signed manifest, never in the report. The
snapshot names the previous report of the series it is compared with, so that is fixed too.

    report.html          the report (charts and map inline as SVG)
    report.pdf           the same, printed by WeasyPrint (DejaVu fonts: Armenian, Cyrillic)
    press-release.md     a press-release draft from the same data
    photos/SHA.jpg       the public copies of the photos it shows (no EXIF, no GPS)
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from rightsledger import vocabularies
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.publish import charts, maps, publication, snapshot, spans
from rightsledger.publish.export import Options, take_snapshot
from rightsledger.publish.figures import claimed_range, shown, total
from rightsledger.publish.publication import Published
from rightsledger.records.claims import describe

FORMATS = ("html", "pdf", "press-release", "all")
LANGUAGES = ("en",)
KEY_INCIDENTS = 8  # per section; the export has them all
LONG_INCIDENT = 4  # claims; a longer incident may break across pages between its claims
GRADE_ORDER = ("confirmed", "fair", "contested", "weak", "discounted")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47, as sources carry it
LATIN_END = 0x24F  # the last letter of Latin Extended-B
USE_PUBLIC, USE_INTERNAL = "reports", "internal"


@dataclass(frozen=True)
class ReportOptions:
    title: str
    period: snapshot.Period = snapshot.Period()
    public: bool = False
    series: str | None = None
    fmt: str = "pdf"
    lang: str = "en"

    @property
    def series_name(self) -> str:
        return self.series or self.title


@dataclass
class Notes:
    """Footnotes, numbered in the order sources are first cited; each source's language, for
    the words taken from it."""
    sources: dict[str, dict[str, Any]]
    lang: str = "en"
    order: list[str] = field(default_factory=list)

    def cite(self, source_ids: list[str]) -> list[int]:
        numbers = []
        for sha in source_ids:
            if sha not in self.sources:
                continue
            if sha not in self.order:
                self.order.append(sha)
            numbers.append(self.order.index(sha) + 1)
        return sorted(set(numbers))

    def listed(self) -> list[dict[str, Any]]:
        return [{"n": n, "id": sha, **self.sources[sha],
                 "title_lang": self.language(sha),
                 "publisher_lang": self.language(sha, self.sources[sha].get("publisher"))}
                for n, sha in enumerate(self.order, start=1)]

    def language(self, sha: str | None, name: str | None = None) -> str | None:
        """The language to mark words from source ``sha`` with, when it is not the report's:
        its quotes and title always; a ``name`` (a publisher, a claimant) only when it is
        written in another script than Latin, since a Latin name is read the same either
        way."""
        found = (self.sources.get(sha) or {}).get("language") if sha else None
        if not found or found == self.lang or not LANGUAGE_TAG.fullmatch(found):
            return None
        if name is not None and not any(c.isalpha() and ord(c) > LATIN_END for c in name):
            return None
        return str(found)

    def parts(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` cut into pieces with their language: each publisher's name in it that
        :meth:`language` marks is a piece of its own with that language, the rest None (a
        grade's reasons name the sources, in their script)."""
        names = {}
        for sha, source in self.sources.items():
            if (name := source.get("publisher")) and (lang := self.language(sha, name)):
                names[name] = lang
        if not names or not text:
            return [(text, None)]
        found = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        pieces: list[tuple[str, str | None]] = []
        last = 0
        for match in found.finditer(text):
            pieces += [(text[last:match.start()], None), (match[0], names[match[0]])]
            last = match.end()
        return [*pieces, (text[last:], None)]


# -- building -------------------------------------------------------------------------------
def build(ledger: Ledger, out: Path, options: ReportOptions, actor: str) -> Published:
    """Write the report folder ``out``: signed, recorded in custody, snapshot kept."""
    _check(options)
    publication.target(out)
    snap = take_snapshot(ledger, actor, Options(public=options.public, period=options.period),
                         USE_PUBLIC if options.public else USE_INTERNAL,
                         on=date.today())
    snap["report"] = {"title": options.title, "series": options.series_name,
                      "lang": options.lang,
                      "previous": previous_of(ledger, options.series_name, snap)}

    def render(folder: Path) -> dict[str, Any]:
        write(ledger, snap, folder, options.fmt)
        return {"format": options.fmt, "title": options.title,
                "series": options.series_name, "incidents": len(snap["incidents"])}

    return publication.publish(ledger, out, "report", snap, render, actor)


def _check(options: ReportOptions) -> None:
    if options.fmt not in FORMATS:
        raise BadInput(f"unknown report format '{options.fmt}': choose one of "
                       f"{', '.join(FORMATS)}")
    if options.lang not in LANGUAGES:
        raise BadInput(f"--lang {options.lang}: this version writes reports in "
                       f"{', '.join(LANGUAGES)} (quotes stay in their own language)")
    if not options.title.strip():
        raise BadInput("--title: a report needs a title")


def previous_of(ledger: Ledger, series: str, snap: dict[str, Any]) -> dict[str, Any] | None:
    """The latest earlier report of ``series``: the one whose period ends before this one's."""
    ends = (snap["period"]["to"] or snap["as_of"])
    found = None
    for entry in ledger.store.custody(action="report"):
        details = entry.details
        if details.get("series") != series or details.get("public") != snap["public"]:
            continue
        their_end = (details.get("period") or {}).get("to") or entry.at[:10]
        if their_end < ends:
            found = {"snapshot": details["snapshot"], "period": details.get("period"),
                     "built_at": entry.at}
    return found


def write(ledger: Ledger, snap: dict[str, Any], folder: Path, fmt: str) -> None:
    """The report's files in ``folder``."""
    previous = _load_previous(ledger, snap)
    model = model_of(snap, previous)
    for p in model["photos"]:
        (folder / "photos").mkdir(exist_ok=True)
        (folder / "photos" / f"{p['public_sha']}.jpg").write_bytes(
            ledger.objects.read(p["public_sha"]))
    if fmt in ("html", "pdf", "all"):
        html = render_html(model)
        (folder / "report.html").write_text(html, "utf-8")
        if fmt in ("pdf", "all"):
            (folder / "report.pdf").write_bytes(pdf_of(html, folder))
    if fmt in ("press-release", "all"):
        (folder / "press-release.md").write_text(render_press_release(model), "utf-8")


def _load_previous(ledger: Ledger, snap: dict[str, Any]) -> dict[str, Any] | None:
    ref = snap.get("report", {}).get("previous")
    if not ref or not ledger.objects.has(ref["snapshot"]):
        return None
    loaded: dict[str, Any] = json.loads(ledger.objects.read(ref["snapshot"]))
    return loaded


# -- the model the templates show ---------------------------------------------------------------
def model_of(snap: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    incidents = snap["incidents"]
    meta = snap.get("report") or {"title": "Records", "series": "", "lang": "en",
                                  "previous": None}
    notes = Notes(snap["sources"], meta["lang"])
    end = spans.counted_to(snap["period"]["to"], snap["as_of"])
    sections = _sections(incidents, notes, snap["disruptions"], end)
    return {
        "title": meta["title"], "series": meta["series"], "lang": meta["lang"],
        "period": snap["period"], "as_of": snap["as_of"], "end": end,
        "public": snap["public"], "ledger_id": snap["ledger_id"],
        "snapshot_sha": snapshot.digest(snap),
        "summary": _summary(incidents), "sections": sections,
        "empty_rights": [r["name"] for k, r in _rights().items()
                         if k not in {s["key"] for s in sections}],
        "disruptions": [_disruption_shown(d, end, notes) for d in snap["disruptions"]],
        "obligations": [{**o, "refs": notes.cite([o["source_id"]] if o.get("source_id")
                                                 else [])} for o in snap["obligations"]],
        "statements": [{**s, "refs": notes.cite([s["source_id"]] if s.get("source_id")
                                                else [])} for s in snap["statements"]],
        "stories": snap["stories"],
        "photos": [{**p, "alt": _alt(p)} for p in snap["photos"] if p["public_sha"]],
        "charts": _charts(snap, sections, end),
        "methods": _methods(snap),
        "changes": changes(previous, snap, meta.get("previous")),
        "notes": notes,
    }


def _rights() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in vocabularies.load("report_rights").items() if not k.startswith("_")}


def _rank(incident: dict[str, Any]) -> tuple[Any, ...]:
    grade = incident.get("grade")
    killed = claimed_range(incident, "killed") or (0, 0)
    injured = claimed_range(incident, "injured") or (0, 0)
    return (GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER),
            -killed[1], -injured[1], incident.get("date_start") or "", incident["id"])


def principal(incident: dict[str, Any], rights: dict[str, dict[str, Any]]) -> str | None:
    """The section an incident is printed in, in full: the section of the first of its own
    rights that a section covers, in the order the incident lists them (an analyst's order,
    or its type's in vocabularies/rights.json, which lists the gravest first). Every other
    section it touches lists it by reference."""
    for code in incident.get("rights") or []:
        for key, right in rights.items():
            if code in right["codes"]:
                return key
    return None


def _sections(incidents: list[dict[str, Any]], notes: Notes,
              disruptions: list[dict[str, Any]], end: str) -> list[dict[str, Any]]:
    rights = _rights()
    home = {i["id"]: principal(i, rights) for i in incidents}
    printed: dict[int, str] = {}  # incident id -> the key of the section it is printed in
    chosen: dict[str, list[dict[str, Any]]] = {}
    for key in rights:
        own = sorted((i for i in incidents if home[i["id"]] == key), key=_rank)
        chosen[key] = own[:KEY_INCIDENTS]
        printed.update({i["id"]: key for i in chosen[key]})
    out = []
    for key, right in rights.items():
        codes = set(right["codes"])
        inside = [i for i in incidents if codes & set(i.get("rights") or [])]
        if not inside:
            continue
        elsewhere = [i for i in sorted(inside, key=_rank) if printed.get(i["id"], key) != key]
        out.append({"key": key, "name": right["name"], "codes": right["codes"],
                    "count": len(inside),
                    "by_type": Counter(i["type"] for i in inside).most_common(),
                    "by_grade": Counter(i.get("grade") or "ungraded" for i in inside)
                    .most_common(),
                    "killed": shown(total(inside, "killed")),
                    "injured": shown(total(inside, "injured")),
                    "killed_range": total(inside, "killed"),
                    "injured_range": total(inside, "injured"),
                    "incidents": [_key_incident(i, notes, disruptions, end)
                                  for i in chosen[key]],
                    "see_also": [{**i, "when": _when(i, disruptions, end),
                                  "printed_in": rights[printed[i["id"]]]["name"]}
                                 for i in elsewhere],
                    "more": len(inside) - len(chosen[key]) - len(elsewhere)})
    return out


def _key_incident(incident: dict[str, Any], notes: Notes, disruptions: list[dict[str, Any]],
                  end: str) -> dict[str, Any]:
    cut = spans.disruption_of(incident, disruptions)
    return {**incident, "when": _when(incident, disruptions, end),
            "description": incident.get("description") or (_cut_text(cut) if cut else ""),
            "disruption_id": cut["id"] if cut else None,
            "killed": shown(claimed_range(incident, "killed")),
            "injured": shown(claimed_range(incident, "injured")),
            "claims_shown": [_claim_shown(c, notes) for c in incident["claims"]],
            "refs": notes.cite([s["id"] for s in incident["sources"]])}


def _cut_text(cut: dict[str, Any]) -> str:
    """A disruption in words, for the incident that records it and has no description."""
    parts = [f"{cut['kind'].replace('_', ' ').capitalize()} cut off: {cut['area']}"]
    if cut.get("population"):
        parts.append(f"{cut['population']:,} people affected")
    if cut.get("cause"):
        parts.append(f"cause given: {cut['cause']}")
    if cut.get("attributed_to"):
        parts.append(f"attributed to {cut['attributed_to']}")
    return "; ".join(parts) + "."


def _disruption_shown(d: dict[str, Any], end: str, notes: Notes) -> dict[str, Any]:
    counted = spans.span(d, end)
    return {**d, "days": counted.days, "ongoing": counted.ongoing, "last": counted.last,
            "span": counted.text, "refs": notes.cite(d.get("sources", []))}


def _claim_shown(claim: dict[str, Any], notes: Notes) -> dict[str, Any]:
    named = claim.get("by") if claim.get("by") not in placeholders() else None
    by = named or claim.get("publisher") or "unattributed"
    sha = claim.get("source_id")
    return {"by": by, "says": describe(claim), "quote": claim.get("quote") or "",
            "lang": notes.language(sha), "by_lang": notes.language(sha, by),
            "refs": notes.cite([sha] if sha else [])}


@cache
def placeholders() -> frozenset[str]:
    """Actor names that stand for no one in particular: the vocabulary's generic offices
    ("Ministry of Defence (country not named)"), which extraction gives a claim when the
    text names an office without saying whose (their ``resolves_to`` lists the candidates).
    A claim by one is shown as its source's, by the source's publisher, whose quote says
    whom it reports."""
    return frozenset(a["name"] for a in vocabularies.actors()["actors"]
                     if "resolves_to" in a)


def _alt(photo: dict[str, Any]) -> str:
    """A photo's text alternative: its caption, or what is known of it."""
    if photo.get("caption"):
        return str(photo["caption"])
    where = f" taken in {photo['place_name']}" if photo.get("place_name") else ""
    return f"A photograph{where}, without a caption"


def _when(incident: dict[str, Any], disruptions: list[dict[str, Any]], to: str) -> str:
    """An incident's dates; those of the disruption it records, counted to the report's last
    day ``to``, when it records one (the disruption is the one source of its length)."""
    cut = spans.disruption_of(incident, disruptions)
    if cut is not None:
        return spans.span(cut, to).text
    start, end = incident.get("date_start"), incident.get("date_end")
    if not start:
        return "date unknown"
    if not end:
        return f"since {start} (ongoing)"
    return start if start == end else f"{start} – {end}"


def _summary(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(incidents),
            "by_type": Counter(i["type"] for i in incidents).most_common(),
            "by_grade": Counter(i.get("grade") or "ungraded" for i in incidents).most_common(),
            "killed": shown(total(incidents, "killed")),
            "injured": shown(total(incidents, "injured"))}


def _charts(snap: dict[str, Any], sections: list[dict[str, Any]], end: str) -> dict[str, Any]:
    drawn, unplaced = maps.incident_map(snap["incidents"], snap["places"])
    return {"per_week": charts.per_week(snap["incidents"], snap["period"]["from"], end),
            "casualties": charts.casualty_ranges([(s["name"][:38], s["killed_range"],
                                                   s["injured_range"]) for s in sections]),
            "disruptions": charts.disruption_timeline(snap["disruptions"],
                                                      snap["period"]["from"], end),
            "map": drawn, "unplaced": unplaced}


def _methods(snap: dict[str, Any]) -> dict[str, Any]:
    cited = snap["sources"].values()
    return {"sources": len(snap["sources"]),
            "by_kind": Counter(s["kind"] for s in cited).most_common(),
            "by_language": Counter(s["language"] or "unknown" for s in cited).most_common(),
            "grades": GRADE_TEXT,
            "inquiries": snap.get("inquiries")}  # none in a snapshot made before 0011


GRADE_TEXT = [
    ("confirmed", "the party said to be responsible acknowledges it, or a court found it"),
    ("fair", "two or more independent sources report it"),
    ("contested", "someone denies it, and nobody responsible acknowledged it"),
    ("weak", "one source reports it (republications of one text count once)"),
    ("discounted", "every claim that it happened is rebutted"),
]


def changes(previous: dict[str, Any] | None, snap: dict[str, Any],
            ref: dict[str, Any] | None) -> dict[str, Any]:
    """What changed since the previous report of the series: incidents added and dropped,
    grades and casualty ranges that moved, and the totals then and now."""
    if previous is None:
        return {"first": True}
    before = {i["id"]: i for i in previous["incidents"]}
    now = {i["id"]: i for i in snap["incidents"]}
    regraded = [(i, before[i].get("grade"), now[i].get("grade")) for i in sorted(now)
                if i in before and before[i].get("grade") != now[i].get("grade")]
    refigured = [(i, shown(claimed_range(before[i], "killed")),
                  shown(claimed_range(now[i], "killed"))) for i in sorted(now)
                 if i in before and claimed_range(before[i], "killed")
                 != claimed_range(now[i], "killed")]
    return {"first": False, "previous": ref, "added": sorted(set(now) - set(before)),
            "dropped": sorted(set(before) - set(now)), "regraded": regraded,
            "refigured": refigured, "count_before": len(before), "count_now": len(now),
            "killed_before": shown(total(before.values(), "killed")),
            "killed_now": shown(total(now.values(), "killed"))}


# -- rendering ----------------------------------------------------------------------------------
_ENV = Environment(loader=PackageLoader("rightsledger.publish", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                   keep_trailing_newline=True)
_ENV.filters["label"] = lambda v: str(v).replace("_", " ")


def render_html(model: dict[str, Any]) -> str:
    return _ENV.get_template("report.html").render(**model, LONG_INCIDENT=LONG_INCIDENT)


def render_press_release(model: dict[str, Any]) -> str:
    text_env = _ENV.overlay(autoescape=False)
    return text_env.get_template("press-release.md").render(**model)


BASE = "https://report.invalid/"  # a fixed base: the same HTML gives the same PDF anywhere


def pdf_of(html: str, folder: Path) -> bytes:
    """The HTML printed to PDF/UA-1: tagged (a structure tree from the HTML's elements, the
    title and language in the catalog and in XMP metadata), see :func:`_tagged_languages`.
    Images resolve inside ``folder`` only (nothing is fetched from anywhere else), under a
    fixed base URL, since WeasyPrint names images by their URL. The fonts' subsets would
    carry the time they were made (fontTools reads SOURCE_DATE_EPOCH): fixed too, under a
    lock, as the environment is the process's. WeasyPrint is imported here, where it is
    needed (it takes a second to load). Importing it sets Pillow's process-wide
    LOAD_TRUNCATED_IMAGES, which would let the photo bank accept cut-off JPEGs afterwards: it
    is put back."""
    from PIL import ImageFile

    truncated_ok = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok

    class InFolder(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            name = url.removeprefix(BASE)
            path = (folder / name).resolve()
            if not url.startswith(BASE) or not path.is_relative_to(folder.resolve()):
                raise ValueError(f"not part of the report: {url}")
            return URLFetcherResponse(url, body=path.read_bytes(),
                                      headers={"Content-Type": "image/jpeg"})

    with _PRINTING, _tagged_languages():
        before = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = "0"
        try:
            data: bytes = HTML(string=html, base_url=BASE, url_fetcher=InFolder()).write_pdf(
                pdf_variant=PDF_VARIANT)
        finally:
            if before is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before
    return data


PDF_VARIANT = "pdf/ua-1"
_PRINTING = threading.Lock()
SVG = "{http://www.w3.org/2000/svg}"


@contextmanager
def _tagged_languages() -> Iterator[None]:
    """While a PDF is written, two things WeasyPrint 70's tagging leaves out: a structure
    element made for an HTML element with its own ``lang`` gets ``/Lang`` (PDF/UA-1 7.2: a
    change of language is declared, so that a quote in Russian is not read in an English
    voice), and a chart's ``/Alt`` is its SVG ``<title>`` followed by its ``<desc>`` (the
    data in words), not the title alone. WeasyPrint builds the tree in
    ``weasyprint.pdf.tags._build_box_tree``, recursively by its module-level name; it is
    wrapped for the duration and put back."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def with_languages(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        for element in build(box, parent, *rest):
            source = getattr(box, "_box", box).element  # an absolute box's placeholder
            own = (source is not None and not isinstance(box, boxes.PageBox)
                   and getattr(box, "element_tag", None) not in ("html", "body"))
            if own and source.get("lang"):
                element["Lang"] = pydyf.String(source.get("lang"))
            if own and source.tag == f"{SVG}svg" and element.get("S") == "/Figure":
                words = [(source.findtext(f"{SVG}{t}") or "").strip() for t in ("title", "desc")]
                element["Alt"] = pydyf.String(". ".join(w for w in words if w))
            yield element

    tags._build_box_tree = with_languages
    try:
        yield
    finally:
        tags._build_box_tree = build
