"""Sources and search pages: the list with filters, one source with its extracted mentions
highlighted, the incidents found in it, its near-duplicates and custody history, the
original for analysts; full-text search with facets and highlighted snippets.

Analysts correct a source's title, publication date and kind on its page (checked and
audited by records.sources, refused with 409 when someone corrected it since the page was
read). A corrected publication date leaves the dates extraction resolved against the old
one ("yesterday"): the page says so and offers to extract the source again."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from rightsledger import vocabularies
from rightsledger.evidence.readers import ocr
from rightsledger.extract.ledger import notes_of
from rightsledger.records import incidents
from rightsledger.records import sources as source_records
from rightsledger.search import SearchFilters, search
from rightsledger.web import schemas
from rightsledger.web.api import PublicViewRoute, failures, shows
from rightsledger.web.auth import check_csrf, require
from rightsledger.web.pages import render
from rightsledger.workflow.reextract import reextract_source as extract_again

router = APIRouter()
api = APIRouter(route_class=PublicViewRoute)
HIGHLIGHTED = ("places", "dates", "organizations", "numbers")


@router.get("/sources", response_class=HTMLResponse)
def source_list(request: Request, kind: str | None = None,
                lang: str | None = None) -> HTMLResponse:
    require(request)
    store = request.app.state.ledger.store
    found = store.list_sources(kind=kind or None, language=lang or None, limit=200)
    return render(request, "sources.html", sources=found, kinds=vocabularies.source_kinds(),
                  filters={"kind": kind, "lang": lang})


@router.get("/sources/{ref}", response_class=HTMLResponse)
def source_page(request: Request, ref: str) -> HTMLResponse:
    who = require(request)
    store = request.app.state.ledger.store
    source = store.get_source(ref)
    copies = store.duplicate_groups().get(source.dup_group or "", []) if source.dup_group \
        else []
    with store.reading() as conn:
        found = incidents.with_place_names(conn, incidents.reported_by(conn, [source.id]))
        version = source_records.version(conn, source.id)
        stale, dated = source_records.stale_dates(conn, source.id, source.published)
        history = source_records.history(conn, source.id)
    return render(request, "source.html", source=source,
                  text=highlight(source.text, store.mentions_of(source.id)),
                  copies=[c for c in copies if c.id != source.id], incidents=found,
                  custody=list(store.custody(source.id)), may_download=who.user.may("analyst"),
                  may_edit=who.user.may("analyst"), csrf=who.csrf, version=version,
                  kinds=source_records.kind_names(), stale=stale, dated=dated,
                  history=history, notes=notes_of(request.app.state.ledger, source.id),
                  machine_read=ocr.describe(source.meta),
                  capture=source.meta.get("capture") if source.reader == "wacz.v1" else None)


@api.get("/sources/{ref}", responses=failures(401, 404, 422), openapi_extra=shows("source"),
         response_model=schemas.Source)
def api_source(request: Request, ref: str = PathParam(min_length=6, max_length=64,
                                                      pattern="^[0-9a-fA-F]+$")
               ) -> dict[str, Any]:
    """One source by its id (or its first 6 characters or more): metadata, how OCR read
    it, and its text. Viewers and up (the public view: 404, a text may name victims)."""
    require(request, "viewer")
    source = request.app.state.ledger.store.get_source(ref)
    fields = ("id", "kind", "title", "publisher", "author", "published", "language", "url",
              "original_name", "media_type", "size", "reader", "captured_at", "ingested_at",
              "text")
    return {**{f: getattr(source, f) for f in fields},
            "machine_read": ocr.describe(source.meta), "ocr": source.meta.get("ocr"),
            "capture": source.meta.get("capture") if source.reader == "wacz.v1" else None}


@router.post("/sources/{ref}/edit")
def edit_source(request: Request, ref: str, version: int = Form(...), title: str = Form(""),
                published: str = Form(""), kind: str = Form(...),
                csrf: str = Form("")) -> RedirectResponse:
    """Correct a source's title, publication date and kind (analysts; audited)."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    store = request.app.state.ledger.store
    source = store.get_source(ref)
    with store.writing() as conn:
        source_records.edit(conn, source.id, {"title": title, "published": published,
                                              "kind": kind}, who.user.name, version)
    return RedirectResponse(f"/sources/{source.id}", status_code=303)


@router.post("/sources/{ref}/reextract")
def reextract_source(request: Request, ref: str, csrf: str = Form("")) -> RedirectResponse:
    """Extract the source again against its publication date, and propose what is new."""
    who = require(request, "analyst")
    check_csrf(who, csrf)
    ledger = request.app.state.ledger
    source = ledger.store.get_source(ref)
    extract_again(ledger, source.id, who.user.name)
    return RedirectResponse(f"/sources/{source.id}", status_code=303)


@router.get("/sources/{ref}/original")
def original(request: Request, ref: str) -> Response:
    """The original file, byte for byte (analysts only); the download is audited."""
    who = require(request, "analyst")
    ledger = request.app.state.ledger
    source = ledger.store.get_source(ref)
    with ledger.store.writing() as conn:
        ledger.record(conn, "download", source.id, {"via": "web"}, who.user.name)
    return Response(ledger.objects.read(source.id), media_type=source.media_type,
                    headers={"Content-Disposition":
                             f'attachment; filename="{_safe_name(source.original_name)}"',
                             # never rendered by the browser: an HTML or SVG original may
                             # carry script
                             "X-Content-Type-Options": "nosniff",
                             "Content-Security-Policy": "sandbox"})


def _safe_name(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in "._-") or "original"


def highlight(text: str, mentions: list[dict[str, Any]]) -> Markup:
    """The text, escaped, with each place, date, organisation and number marked; where
    mentions overlap, the first (then the longest) wins."""
    parts, at = [], 0
    ordered = sorted((m for m in mentions if m["kind"] in HIGHLIGHTED),
                     key=lambda m: (m["span_start"], -m["span_end"]))
    for m in ordered:
        if m["span_start"] < at:
            continue
        label = escape(str(m["label"] or m["data"].get("name") or m["data"].get("value")))
        parts += [escape(text[at:m["span_start"]]),
                  f'<mark class="m-{m["kind"]}" title="{m["kind"][:-1]}: {label}">'
                  f'{escape(text[m["span_start"]:m["span_end"]])}</mark>']
        at = m["span_end"]
    parts.append(escape(text[at:]))
    return Markup("".join(parts))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", kind: str | None = None,
                lang: str | None = None, date_from: str | None = None,
                date_to: str | None = None, itype: str | None = None,
                grade: str | None = None, place: str | None = None) -> HTMLResponse:
    require(request)
    ledger = request.app.state.ledger
    filters = SearchFilters.checked(language=lang, kind=kind, date_from=date_from,
                                    date_to=date_to)
    result = search(ledger.store, q, filters, limit=30,
                    cap=ledger.settings["search_candidate_cap"], count=True) if q.strip() \
        else None
    found = _incidents(ledger, [h.source.id for h in result.hits] if result else [])
    facets = {"itype": Counter(i["type"] for i in found), "grade": Counter(
        i["grade"] for i in found), "place": Counter(p for i in found for p in i["place_names"])}
    chosen = {"itype": itype, "grade": grade, "place": place}
    shown = [i for i in found if (not itype or i["type"] == itype)
             and (not grade or i["grade"] == grade) and (not place or place in i["place_names"])]
    return render(request, "search.html", q=q, result=result, kinds=vocabularies.source_kinds(),
                  filters={"kind": kind, "lang": lang, "date_from": date_from,
                           "date_to": date_to}, incidents=shown, facets=facets, chosen=chosen,
                  query=request.url.query,
                  snippets=[Markup(h.snippet) for h in result.hits] if result else [])


def _incidents(ledger: Any, source_ids: list[str]) -> list[dict[str, Any]]:
    """The incidents the matching sources report, with place names, for the facets."""
    if not source_ids:
        return []
    with ledger.store.reading() as conn:
        return incidents.with_place_names(conn, incidents.reported_by(conn, source_ids))
