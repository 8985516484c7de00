"""The timeline: incidents over time by type (one row per type, a mark per incident), and
disruptions as bars per kind, so the gaps between cuts show. Drawn as SVG by our code."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from rightsledger.records import disruptions, incidents
from rightsledger.records.dates import parse_day
from rightsledger.web.auth import require
from rightsledger.web.pages import render

router = APIRouter()
WIDTH, LEFT, ROW = 1000, 190, 26


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, date_from: str | None = None, date_to: str | None = None,
             as_of: str | None = None) -> HTMLResponse:
    """The timeline over ``date_from``..``date_to`` — by default the data's range — its
    disruptions counted as of ``as_of``: by default the chosen ``date_to`` (today at the
    latest), else the ledger's latest day of data. Nothing outside the range is drawn."""
    public = require(request, "public").user.role == "public"
    first, last = parse_day(date_from, "date_from"), parse_day(date_to, "date_to")
    given = parse_day(as_of, "as_of")
    with request.app.state.ledger.store.reading() as conn:
        found = [i for i in incidents.find(conn, date_from=date_from or None,
                                           date_to=date_to or None, limit=None)
                 if i["status"] == "accepted" and i["date_start"]]
        latest = disruptions.as_of_day(conn, public=public)
        counted_to = given or (min(last, date.today()) if last else latest)
        cuts = [d for d in disruptions.find(conn, as_of=counted_to) if d["day"] is not None]
    end = last or counted_to
    start = first or _earliest(found, cuts, end)
    end = max(end, start)
    found = [i for i in found if i["date_start"] <= end.isoformat()]
    cuts = [d for d in cuts if d["start"] <= end.isoformat() and _last(d, counted_to) >= start]
    return render(request, "timeline.html", svg=draw(found, cuts, start, end, counted_to),
                  as_of=counted_to, start=start, end=end,
                  filters={"date_from": date_from, "date_to": date_to, "as_of": as_of})


def _earliest(found: list[dict[str, Any]], cuts: list[dict[str, Any]], end: date) -> date:
    days = [i["date_start"] for i in found] + [d["start"] for d in cuts]
    return date.fromisoformat(min(days)) if days else end - timedelta(days=365)


def draw(found: list[dict[str, Any]], cuts: list[dict[str, Any]], start: date,
         end: date, as_of: date | None = None) -> Markup:
    """An SVG of incident rows by type, then disruption rows by kind, over start..end; the
    disruptions (from ``disruptions.find``) counted as of ``as_of`` (default ``end``), each
    bar clipped to the range."""
    span = max(1, (end - start).days)
    counted_to = as_of or end

    def x(day: str | date) -> float:
        d = date.fromisoformat(day) if isinstance(day, str) else day
        return LEFT + (WIDTH - LEFT - 10) * min(max((d - start).days, 0), span) / span

    rows = sorted({i["type"] for i in found}) + [f"cut: {k}" for k in
                                                  sorted({d["kind"] for d in cuts})]
    parts = [_axis(start, end, x, len(rows))]
    for n, label in enumerate(rows):
        y = 30 + n * ROW
        parts.append(f'<text x="4" y="{y + 15}" class="row">{escape(label.replace("_", " "))}'
                     "</text>")
        if label.startswith("cut: "):
            parts += [_bar(d, x, y, counted_to) for d in cuts if d["kind"] == label[5:]]
        else:
            parts += [_mark(i, x, y) for i in found if i["type"] == label]
    height = 40 + len(rows) * ROW
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
                  f'class="timeline" role="img" aria-label="timeline">{"".join(parts)}</svg>')


def _axis(start: date, end: date, x: Any, rows: int) -> str:
    """About a dozen month ticks, from the first month that begins within the range."""
    ticks, step = [], max(1, ((end - start).days // 30) // 12 + 1)
    day = _months_on(date(start.year, start.month, 1), 0 if start.day == 1 else 1)
    while day <= end:
        label = (f'<text x="{x(day):.1f}" y="16" class="tick">{day:%Y-%m}</text>'
                 if x(day) <= WIDTH - 50 else "")  # a label cut off at the edge is left out
        ticks.append(f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="22" '
                     f'y2="{30 + rows * ROW}" class="tick"/>{label}')
        day = _months_on(day, step)
    return "".join(ticks)


def _months_on(day: date, months: int) -> date:
    """The first of the month ``months`` after the month of ``day``."""
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _mark(incident: dict[str, Any], x: Any, y: int) -> str:
    title = f"#{incident['id']} {incident['type']} {incident['date_start']}"
    return (f'<a href="/incidents/{incident["id"]}"><circle cx="{x(incident["date_start"]):.1f}"'
            f' cy="{y + 10}" r="5" class="mark type-{incident["type"]}"><title>'
            f'{escape(title)}</title></circle></a>')


def _last(cut: dict[str, Any], as_of: date) -> date:
    """The last day of ``cut`` known as of ``as_of``: its end, or ``as_of`` while it goes on."""
    return as_of if cut["ongoing"] else date.fromisoformat(cut["end"])


def _bar(cut: dict[str, Any], x: Any, y: int, as_of: date) -> str:
    """A bar from the start of ``cut`` to its last day as of ``as_of``; ``x`` clips it to the
    range. Its title: the span and the count of ``disruptions.counted``."""
    shown = cut["end"] if cut["end"] and not cut["ongoing"] else "ongoing"
    title = f"{cut['kind']} {cut['area']}: {cut['start']} – {shown} ({cut['count']})"
    left, right = x(cut["start"]), x(_last(cut, as_of) + timedelta(days=1))
    width = max(2.0, right - left)
    left = min(left, WIDTH - 10 - width)
    return (f'<rect x="{left:.1f}" y="{y + 3}" width="{width:.1f}" height="14" '
            f'class="bar kind-{cut["kind"]}"><title>{escape(title)}</title></rect>')
