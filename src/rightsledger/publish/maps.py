"""A static map of a period's incidents, drawn by our code over a packaged basemap.

The basemap (publish/data/basemap.geojson: Natural Earth 1:10m countries, seas and lakes of
the South Caucasus, public domain; made by scripts/build_basemap.py) is drawn in an
equirectangular projection scaled by the cosine of the middle latitude. Incidents are
grouped by place: one circle per place, its area proportional to the number of incidents,
the busiest places named. Borders are those of the data, shown for orientation only. Its
``<desc>`` lists every place with its count and coordinates, for those who cannot see it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from rightsledger.publish.charts import svg
from rightsledger.publish.figures import first_point

LAND, WATER, BORDER, MARK = "#f1eee6", "#cfe0ea", "#9a968c", "#c8553d"
LABELS = 12
# where to write the names of the countries on the basemap (lat, lon)
COUNTRY_LABELS = {"Armenia": (40.95, 44.9), "Azerbaijan": (40.6, 47.9), "Georgia": (41.9, 43.8),
                  "Iran": (38.45, 46.3), "Turkey": (39.6, 42.6), "Russia": (43.4, 45.5)}


@cache
def basemap() -> list[dict[str, Any]]:
    text = resources.files("rightsledger.publish").joinpath("data/basemap.geojson").read_text(
        "utf-8")
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def incident_map(incidents: list[dict[str, Any]], places: dict[str, dict[str, Any]]
                 ) -> tuple[str | None, int]:
    """The map as SVG text (None without a located incident), and how many incidents had
    no coordinates."""
    counts: Counter[tuple[float, float]] = Counter()
    names: dict[tuple[float, float], str] = {}
    unplaced = 0
    for incident in incidents:
        point = first_point(incident, places)
        if point is None:
            unplaced += 1
            continue
        counts[point] += 1
        names.setdefault(point, (incident.get("place_names") or ["?"])[0])
    if not counts:
        return None, unplaced
    return _draw(counts, names, unplaced), unplaced


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat_mid, lon_mid = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    half_lat = max((max(lats) - min(lats)) / 2 + 0.4, 1.3)
    half_lon = max((max(lons) - min(lons)) / 2 + 0.5, 2.0)
    return lon_mid - half_lon, lon_mid + half_lon, lat_mid - half_lat, lat_mid + half_lat


def _degrees(point: tuple[float, float]) -> str:
    lat, lon = point
    return (f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.2f}° {'E' if lon >= 0 else 'W'}")


def _described(ordered: list[tuple[tuple[float, float], int]],
               names: dict[tuple[float, float], str], unplaced: int) -> str:
    """The map in words: how many incidents at how many places, each place with its count
    and coordinates, busiest first."""
    shown = sum(n for _, n in ordered)
    places = "; ".join(f"{names[point]}: {n} ({_degrees(point)})" for point, n in ordered)
    text = (f"{shown} incident{'' if shown == 1 else 's'} at {len(ordered)} "
            f"place{'' if len(ordered) == 1 else 's'}. {places}.")
    if unplaced:
        text += f" {unplaced} incident{'' if unplaced == 1 else 's'} without coordinates."
    return text


def _draw(counts: Counter[tuple[float, float]], names: dict[tuple[float, float], str],
          unplaced: int) -> str:
    x0, x1, y0, y1 = _bounds(list(counts))
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))
    fig = Figure(figsize=(6.5, min(6.5 * (y1 - y0) * aspect / (x1 - x0), 5.5)))
    ax = fig.add_subplot()
    ax.set_facecolor(WATER)
    for feature in basemap():
        kind = feature["properties"].get("kind")
        for ring in _rings(feature["geometry"]):
            ax.add_patch(Polygon(ring, closed=True, facecolor=LAND if kind == "country"
                                 else WATER, edgecolor=BORDER if kind == "country" else WATER,
                                 linewidth=0.5))
    biggest = max(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for (lat, lon), n in ordered:
        ax.scatter([lon], [lat], s=30 + 400 * n / biggest, color=MARK, alpha=0.6,
                   edgecolors="white", linewidths=0.6, zorder=3)
    placed: list[tuple[float, float]] = []
    for (lat, lon), n in ordered[:LABELS]:
        near = sum(1 for a, b in placed if abs(a - lat) < 0.12 and abs(b - lon) < 0.6)
        placed.append((lat, lon))
        ax.annotate(f"{names[(lat, lon)]} ({n})", (lon, lat), xytext=(6, 4 - 10 * near),
                    textcoords="offset points", fontsize=7, zorder=4)
    for name, (lat, lon) in COUNTRY_LABELS.items():
        if x0 < lon < x1 and y0 < lat < y1:
            ax.text(lon, lat, name.upper(), fontsize=7, color="#8a857a", ha="center",
                    zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(aspect)
    ax.tick_params(labelsize=6)
    return svg(fig, "map", "Map of the incidents by place", _described(ordered, names, unplaced))
