"""A static map of a period's incidents, drawn by our code over a packaged world basemap.

The basemap (publish/data/basemap.geojson.gz: Natural Earth 1:10m countries, lakes and
first-level division lines of the whole world, simplified, public domain; made by
scripts/build_basemap.py) is drawn in an equirectangular projection scaled by the cosine of
the middle latitude, over the extent of the data: a ledger about Sudan gets Sudan and its
neighbours. Only the parts of the basemap inside the extent are drawn, clipped to it, so the
SVG stays small. Incidents are grouped by place: one circle per place, its area proportional
to the number of incidents, the busiest places named. Borders are those of the data, shown
for orientation only. Its ``<desc>`` lists every place with its count and coordinates, for
those who cannot see it. The web map (web/maps.py) draws the same basemap.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from rightsledger.publish.charts import svg
from rightsledger.publish.figures import first_point

LAND, WATER, BORDER, DIVISION, MARK = "#f1eee6", "#cfe0ea", "#9a968c", "#c9c4b8", "#c8553d"
LABELS = 12  # places named on the map, busiest first
COUNTRY_NAMES = 10  # countries named on the map at most, the most prominent first
MAX_COUNTRY_AREA = 300  # square degrees: a country up to about Sudan's size is shown whole
MIN_TALL, MAX_TALL = 0.45, 1.1  # the map's height over its width, in kilometres
Ring = list[tuple[float, float]]  # (lon, lat) pairs
Box = tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max


@dataclass(frozen=True)
class Part:
    """One polygon ring or line of the basemap, with its bounding box."""

    kind: str  # country, water, division
    points: tuple[tuple[float, float], ...]
    box: Box


@cache
def basemap_bytes() -> bytes:
    """The basemap as stored: a gzipped GeoJSON FeatureCollection."""
    return resources.files("rightsledger.publish").joinpath(
        "data/basemap.geojson.gz").read_bytes()


@cache
def basemap() -> dict[str, Any]:
    """The basemap's FeatureCollection: countries, then lakes, then division lines."""
    collection: dict[str, Any] = json.loads(gzip.decompress(basemap_bytes()))
    return collection


def countries() -> list[dict[str, Any]]:
    return [f for f in basemap()["features"] if f["properties"]["kind"] == "country"]


@cache
def _extents() -> dict[str, float]:
    """Each country's name and the area of its largest part's bounding box."""
    return {f["properties"]["name"]: max(_area(_box(line)) for line in _lines(f["geometry"]))
            for f in countries()}


@cache
def _parts() -> tuple[Part, ...]:
    """Every ring and line, in drawing order: countries (the larger first, so an enclave
    such as Lesotho lies on top of the country around it), lakes, division lines."""
    parts = [Part(f["properties"]["kind"], tuple((p[0], p[1]) for p in line), _box(line))
             for f in basemap()["features"] for line in _lines(f["geometry"])]
    order = {"country": 0, "water": 1, "division": 2}
    return tuple(sorted(parts, key=lambda p: (order[p.kind], -_area(p.box))))


def _area(box: Box) -> float:
    return (box[1] - box[0]) * (box[3] - box[2])


def _lines(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    """The outer rings of a (Multi)Polygon, the lines of a (Multi)LineString."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        yield coordinates[0]
    elif kind == "MultiPolygon":
        yield from (polygon[0] for polygon in coordinates)
    elif kind == "LineString":
        yield coordinates
    elif kind == "MultiLineString":
        yield from coordinates


def _box(points: list[list[float]]) -> Box:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), max(lons), min(lats), max(lats)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[1] and b[0] <= a[1] and a[2] <= b[3] and b[2] <= a[3]


def clip(ring: Ring, window: Box) -> Ring:
    """The polygon ``ring`` cut to the rectangle ``window`` (Sutherland-Hodgman): what lies
    outside is replaced by the stretch of the window's edge it crosses."""
    x0, x1, y0, y1 = window
    edges = ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False))
    for axis, limit, low in edges:
        if not ring:
            break
        inside = [(p[axis] >= limit) if low else (p[axis] <= limit) for p in ring]
        out: Ring = []
        for i, point in enumerate(ring):
            before = ring[i - 1]
            if inside[i] != inside[i - 1]:
                out.append(_crossing(before, point, axis, limit))
            if inside[i]:
                out.append(point)
        ring = out
    return ring


def _crossing(a: tuple[float, float], b: tuple[float, float], axis: int,
              limit: float) -> tuple[float, float]:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def shapes_in(window: Box) -> list[tuple[str, Ring]]:
    """(kind, points) of the basemap's parts that reach into ``window``, polygons clipped
    to a frame a little larger than it (so no cut edge shows), lines whole."""
    margin = 0.05 * max(window[1] - window[0], window[3] - window[2])
    frame = (window[0] - margin, window[1] + margin, window[2] - margin, window[3] + margin)
    found = []
    for part in _parts():
        if not _overlaps(part.box, frame):
            continue
        points = list(part.points) if part.kind == "division" else clip(list(part.points),
                                                                        frame)
        if len(points) > 2:
            found.append((part.kind, points))
    return found


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


def extent(points: list[tuple[float, float]]) -> Box:
    """lon_min, lon_max, lat_min, lat_max around the (lat, lon) points: their span, and the
    whole of each country they lie in unless it is much larger than that (Sudan, yes;
    Russia, no), with a margin; at least about 4 by 2.6 degrees (a town's surroundings),
    neither much taller nor much wider than a page's map, within the world."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    box: Box = (min(lons), max(lons), min(lats), max(lats))
    for lat, lon in points:
        home = country_box(lat, lon)
        if home is not None and _area(home) <= MAX_COUNTRY_AREA:
            box = (min(box[0], home[0]), max(box[1], home[1]), min(box[2], home[2]),
                   max(box[3], home[3]))
    lon_mid, lat_mid = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
    half_lat = max((box[3] - box[2]) / 2 * 1.05 + 0.4, 1.3)
    half_lon = max((box[1] - box[0]) / 2 * 1.05 + 0.5, 2.0)
    stretch = math.cos(math.radians(max(min(lat_mid, 80.0), -80.0)))  # km per degree of lon
    half_lon = max(half_lon, half_lat / MAX_TALL / stretch)
    half_lat = max(half_lat, half_lon * stretch * MIN_TALL)
    half_lat = min(half_lat, 85.0)
    lat_mid = min(max(lat_mid, -85 + half_lat), 85 - half_lat)
    return (max(lon_mid - half_lon, -180.0), min(lon_mid + half_lon, 180.0),
            lat_mid - half_lat, lat_mid + half_lat)


def country_box(lat: float, lon: float) -> Box | None:
    """The bounding box of the country part that holds the point, if one does."""
    for part in _parts():
        if part.kind == "country" and _overlaps(part.box, (lon, lon, lat, lat)) and \
                _inside(part.points, lon, lat):
            return part.box
    return None


def _inside(ring: tuple[tuple[float, float], ...], x: float, y: float) -> bool:
    """Whether (x, y) lies inside the ring (even-odd rule)."""
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


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


STYLE = {"country": {"facecolor": LAND, "edgecolor": BORDER, "linewidth": 0.5, "zorder": 1},
         "water": {"facecolor": WATER, "edgecolor": WATER, "linewidth": 0.3, "zorder": 1.1}}


def _draw_basemap(ax: Any, window: Box) -> None:
    wide = window[1] - window[0] > 40  # a continent: division lines would be a scribble
    for kind, points in shapes_in(window):
        if kind == "division":
            if not wide:
                xs, ys = zip(*points, strict=True)
                ax.plot(xs, ys, color=DIVISION, linewidth=0.4, linestyle=(0, (3, 2)),
                        zorder=1.2)
        else:
            ax.add_patch(Polygon(points, closed=True, **STYLE[kind]))


def _country_names(ax: Any, window: Box) -> None:
    """The names of the most prominent countries whose label point is in ``window``, each
    left out where it would overlap one already written."""
    x0, x1, y0, y1 = window
    inside = [f["properties"] for f in countries()
              if x0 < f["properties"]["label"][0] < x1 and y0 < f["properties"]["label"][1] < y1]
    taken: list[Box] = []
    for props in sorted(inside, key=lambda p: (p["rank"], -_extents()[p["name"]])):
        x, y = (props["label"][0] - x0) / (x1 - x0), (props["label"][1] - y0) / (y1 - y0)
        half = 0.0055 * len(props["name"])  # of the axes' width, at 7 points
        box = (x - half, x + half, y - 0.02, y + 0.04)
        if any(_overlaps(box, other) for other in taken):
            continue
        taken.append(box)
        ax.text(*props["label"], props["name"].upper(), fontsize=7, color="#8a857a",
                ha="center", zorder=2)
        if len(taken) == COUNTRY_NAMES:
            break


def _draw(counts: Counter[tuple[float, float]], names: dict[tuple[float, float], str],
          unplaced: int) -> str:
    window = extent(list(counts))
    x0, x1, y0, y1 = window
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))
    fig = Figure(figsize=(6.5, min(6.5 * (y1 - y0) * aspect / (x1 - x0), 5.5)))
    ax = fig.add_subplot()
    ax.set_facecolor(WATER)
    _draw_basemap(ax, window)
    _country_names(ax, window)
    biggest = max(counts.values())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for (lat, lon), n in ordered:
        ax.scatter([lon], [lat], s=30 + 400 * n / biggest, color=MARK, alpha=0.6,
                   edgecolors="white", linewidths=0.6, zorder=3)
    placed: list[tuple[float, float]] = []
    near_lat, near_lon = 0.045 * (y1 - y0), 0.15 * (x1 - x0)  # labels that would collide
    for (lat, lon), n in ordered[:LABELS]:
        near = sum(1 for a, b in placed if abs(a - lat) < near_lat and abs(b - lon) < near_lon)
        placed.append((lat, lon))
        ax.annotate(f"{names[(lat, lon)]} ({n})", (lon, lat), xytext=(6, 4 - 10 * near),
                    textcoords="offset points", fontsize=7, zorder=4)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(aspect)
    ax.tick_params(labelsize=6)
    return svg(fig, "map", "Map of the incidents by place", _described(ordered, names, unplaced))
