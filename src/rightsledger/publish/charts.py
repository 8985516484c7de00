"""Charts of a report, drawn with matplotlib as SVG text to inline in the HTML.

The same data gives the same bytes: no date in the SVG metadata and a fixed hash salt for
the element ids. Labels stay text (``<text>`` in DejaVu Sans, which the report's fonts
provide), so a screen reader or a search finds them; each chart carries a ``<title>`` and a
``<desc>`` that says in words what it shows, and is announced as one image labelled by them.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date, timedelta
from html import escape
from typing import Any

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from rightsledger.publish import spans

rcParams["svg.hashsalt"] = "rightsledger"
rcParams["svg.fonttype"] = "none"
rcParams["font.family"] = "DejaVu Sans"
rcParams["font.size"] = 8

COLOURS = ["#2b5c8a", "#c8553d", "#588b8b", "#f28f3b", "#7d5ba6", "#93a8ac", "#4f6d7a",
           "#b56576", "#6d9f71", "#e0a458", "#8c8c8c", "#3d405b"]
DISRUPTION_COLOURS = {"gas": "#f28f3b", "electricity": "#e0a458", "internet": "#7d5ba6",
                      "mobile": "#b56576", "road": "#c8553d", "corridor": "#c8553d",
                      "water": "#2b5c8a", "food": "#6d9f71", "medicine": "#588b8b"}


def svg(fig: Figure, name: str, title: str, desc: str) -> str:
    """The figure as inline SVG (no XML declaration, no doctype), its element ids prefixed
    with ``name`` so that several charts can share one page; an image to assistive
    technology, named by ``title`` and described by ``desc``."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'(href="#|url\(#)([^")]+)', rf"\1{name}-\2", text)
    head = text.index(">")
    return (f'{text[:head]} role="img" aria-labelledby="{name}-title {name}-desc">\n'
            f' <title id="{name}-title">{escape(title)}</title>\n'
            f' <desc id="{name}-desc">{escape(desc)}</desc>{text[head + 1:]}')


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _counted(counts: list[tuple[str, int]]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counts)


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def per_week(incidents: list[dict[str, Any]], start: str | None, end: str) -> str | None:
    """Stacked bars: incidents per week (by the week they began), one colour per type, over
    the whole period."""
    dated = [i for i in incidents if i.get("date_start")]
    if not dated:
        return None
    weeks = sorted({_monday(i["date_start"]) for i in dated})
    first = min(weeks[0], _monday(start)) if start else weeks[0]
    last = max(weeks[-1], _monday(end))
    axis = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    counts = Counter((_monday(i["date_start"]), i["type"]) for i in dated)
    types = sorted({i["type"] for i in dated})
    fig = Figure(figsize=(7, 2.6))
    ax = fig.add_subplot()
    bottom = [0] * len(axis)
    for n, kind in enumerate(types):
        values = [counts.get((w, kind), 0) for w in axis]
        ax.bar(range(len(axis)), values, bottom=bottom, color=COLOURS[n % len(COLOURS)],
               label=kind.replace("_", " "), width=0.8)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, -(-len(axis) // 7))  # at most 7 labels
    ax.set_xticks(range(0, len(axis), step),
                  [axis[i].strftime("%d %b %y") for i in range(0, len(axis), step)])
    ax.set_ylabel("incidents (week beginning)")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, frameon=False, ncols=min(4, len(types)), loc="upper left",
              bbox_to_anchor=(0, -0.15))
    busy = [f"week of {_day(w)}: " + _counted([(k.replace("_", " "), counts[(w, k)])
                                                 for k in types if counts.get((w, k))])
            for w in axis if any(counts.get((w, k)) for k in types)]
    by_type = Counter(i["type"].replace("_", " ") for i in dated).most_common()
    desc = (f"{len(dated)} dated incident{'' if len(dated) == 1 else 's'} over {len(axis)} "
            f"week{'' if len(axis) == 1 else 's'}, from the week of {_day(axis[0])} to the "
            f"week of {_day(axis[-1])}. By type: {_counted(by_type)}. "
            f"Weeks with incidents: {'; '.join(busy)}.")
    return svg(fig, "per-week", "Incidents per week, by type", desc)


def casualty_ranges(rows: list[tuple[str, tuple[int, int] | None, tuple[int, int] | None]]
                    ) -> str | None:
    """Horizontal bars from the low to the high figure, killed and injured, per row."""
    rows = [r for r in rows if r[1] or r[2]]
    if not rows:
        return None
    fig = Figure(figsize=(7, 0.45 * len(rows) + 0.8))
    ax = fig.add_subplot()
    labelled: set[str] = set()
    for n, (_label, killed, injured) in enumerate(reversed(rows)):
        for offset, value, colour, name in ((0.18, killed, "#c8553d", "killed"),
                                            (-0.18, injured, "#f28f3b", "injured")):
            if value:
                low, high = value
                ax.barh(n + offset, max(high - low, 0.4), left=low, height=0.3, color=colour,
                        label=name if name not in labelled else None)
                labelled.add(name)
                ax.text(high, n + offset, f"  {low}–{high}" if high != low else f"  {low}",
                        va="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [r[0] for r in reversed(rows)])
    ax.set_xlabel("people, from the lowest to the highest figure any source gives")
    ax.set_xlim(left=0)
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, fontsize=7, frameon=False, ncols=2, loc="lower left",
                  bbox_to_anchor=(0, 1))
    desc = "; ".join(f"{label}: killed {_span(killed)}, injured {_span(injured)}"
                     for label, killed, injured in rows)
    return svg(fig, "casualties", "Casualties per right, from the lowest to the highest "
               "figure the sources give", desc + ".")


def _span(value: tuple[int, int] | None) -> str:
    if not value:
        return "not reported"
    low, high = value
    return str(low) if low == high else f"{low} to {high}"


def disruption_timeline(disruptions: list[dict[str, Any]], start: str | None, end: str
                        ) -> str | None:
    """One bar per disruption from its start (or the period's) to its end (or the period's
    end), labelled with its length, or its day number while it is ongoing on ``end``
    (spans.span, as the rest of the report counts it)."""
    if not disruptions:
        return None
    first = min([d["start"] for d in disruptions] + ([start] if start else []))
    x0 = date.fromisoformat(first)
    stop = date.fromisoformat(end)
    fig = Figure(figsize=(7, 0.42 * len(disruptions) + 0.9))
    ax = fig.add_subplot()
    for n, d in enumerate(reversed(disruptions)):
        counted = spans.span(d, end)
        a = date.fromisoformat(d["start"])
        ax.barh(n, counted.days, left=(a - x0).days, height=0.55,
                color=DISRUPTION_COLOURS.get(d["kind"], "#93a8ac"))
        label = f"  day {counted.days} (ongoing)" if counted.ongoing else \
            f"  {counted.days} day{'' if counted.days == 1 else 's'}"
        ax.text((a - x0).days + counted.days, n, label, va="center", fontsize=7)
    ax.set_yticks(range(len(disruptions)), [f"{d['kind']}: {d['area']}"[:40]
                                            for d in reversed(disruptions)])
    span = (stop - x0).days + 1
    ticks = list(range(0, span + 1, 7 * max(1, -(-span // 42))))  # at most ~6 ticks
    ax.set_xticks(ticks, [(x0 + timedelta(days=t)).strftime("%d %b %y") for t in ticks])
    ax.set_xlim(0, span * 1.18)
    ax.spines[["top", "right"]].set_visible(False)
    desc = "; ".join(_disruption_text(d, end) for d in disruptions)
    return svg(fig, "disruptions", f"Disruptions and their length in days up to {_day(stop)}",
               desc + ".")


def _disruption_text(d: dict[str, Any], end: str) -> str:
    counted = spans.span(d, end)
    a, b = date.fromisoformat(counted.start), date.fromisoformat(counted.last)
    if counted.ongoing:
        return (f"{d['kind'].replace('_', ' ')} ({d['area']}) since {_day(a)}: day "
                f"{counted.days} on {_day(b)} (ongoing)")
    return (f"{d['kind'].replace('_', ' ')} ({d['area']}) from {_day(a)} to {_day(b)}: "
            f"{counted.days} days")
