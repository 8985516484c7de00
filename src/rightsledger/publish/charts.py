"""Charts of a report, drawn with matplotlib as SVG text to inline in the HTML.

The same data gives the same bytes: no date in the SVG metadata, a fixed hash salt for the
element ids, and fonts drawn as paths (DejaVu Sans, bundled with matplotlib).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

rcParams["svg.hashsalt"] = "rightsledger"
rcParams["svg.fonttype"] = "path"
rcParams["font.family"] = "DejaVu Sans"
rcParams["font.size"] = 8

COLOURS = ["#2b5c8a", "#c8553d", "#588b8b", "#f28f3b", "#7d5ba6", "#93a8ac", "#4f6d7a",
           "#b56576", "#6d9f71", "#e0a458", "#8c8c8c", "#3d405b"]
DISRUPTION_COLOURS = {"gas": "#f28f3b", "electricity": "#e0a458", "internet": "#7d5ba6",
                      "mobile": "#b56576", "road": "#c8553d", "corridor": "#c8553d",
                      "water": "#2b5c8a", "food": "#6d9f71", "medicine": "#588b8b"}


def svg(fig: Figure, name: str) -> str:
    """The figure as inline SVG (no XML declaration, no doctype), its element ids prefixed
    with ``name`` so that several charts can share one page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    return re.sub(r'(href="#|url\(#)([^")]+)', rf"\1{name}-\2", text)


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
    return svg(fig, "per-week")


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
    return svg(fig, "casualties")


def disruption_timeline(disruptions: list[dict[str, Any]], start: str | None, end: str
                        ) -> str | None:
    """One bar per disruption from its start (or the period's) to its end (or the period's
    end), labelled with its day count."""
    if not disruptions:
        return None
    first = min([d["start"] for d in disruptions] + ([start] if start else []))
    x0 = date.fromisoformat(first)
    stop = date.fromisoformat(end)
    fig = Figure(figsize=(7, 0.42 * len(disruptions) + 0.9))
    ax = fig.add_subplot()
    for n, d in enumerate(reversed(disruptions)):
        a = date.fromisoformat(d["start"])
        b = min(date.fromisoformat(d["end"]), stop) if d.get("end") else stop
        ax.barh(n, (b - a).days + 1, left=(a - x0).days, height=0.55,
                color=DISRUPTION_COLOURS.get(d["kind"], "#93a8ac"))
        label = f"  {(b - a).days + 1} days" + (" (ongoing)" if d.get("ongoing") else "")
        ax.text((b - x0).days + 1, n, label, va="center", fontsize=7)
    ax.set_yticks(range(len(disruptions)), [f"{d['kind']}: {d['area']}"[:40]
                                            for d in reversed(disruptions)])
    span = (stop - x0).days + 1
    ticks = list(range(0, span + 1, 7 * max(1, -(-span // 42))))  # at most ~6 ticks
    ax.set_xticks(ticks, [(x0 + timedelta(days=t)).strftime("%d %b %y") for t in ticks])
    ax.set_xlim(0, span * 1.18)
    ax.spines[["top", "right"]].set_visible(False)
    return svg(fig, "disruptions")
