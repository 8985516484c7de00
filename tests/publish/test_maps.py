"""The report's static map over the packaged world basemap (issue 18, point 3): a ledger
about Sudan or Gaza gets its geography, the extent follows the data, and only what is in
view is drawn."""

from __future__ import annotations

import math
import re
from typing import Any

from rightsledger.publish import maps

SUDAN = {"Khartoum": (15.55, 32.53), "El Fasher": (13.63, 25.35), "Nyala": (12.05, 24.88)}
GAZA = {"Gaza City": (31.50, 34.47), "Rafah": (31.28, 34.25)}


def _drawn(named: dict[str, tuple[float, float]]) -> str:
    places = {name: {"lat": lat, "lon": lon} for name, (lat, lon) in named.items()}
    found = [{"places": [name], "place_names": [name]} for name in named]
    text, unplaced = maps.incident_map(found, places)
    assert text is not None and unplaced == 0
    return text


def _fills(svg: str, colour: str) -> int:
    """How many paths of the SVG are filled with ``colour``."""
    return len(re.findall(rf"<path [^>]*style=\"[^\"]*fill: ?{colour}", svg))


def _names(svg: str) -> set[str]:
    return {t.strip() for t in re.findall(r"<text[^>]*>([^<]+)</text>", svg)}


def test_the_basemap_covers_the_world_and_stays_small() -> None:
    names = {f["properties"]["name"] for f in maps.countries()}
    assert {"Sudan", "S. Sudan", "Ukraine", "Palestine", "Israel", "Armenia",
            "Azerbaijan", "Brazil", "New Zealand"} <= names
    kinds = {f["properties"]["kind"] for f in maps.basemap()["features"]}
    assert kinds == {"country", "water", "division"}
    assert len(maps.basemap_bytes()) < 3_000_000  # what the package and the web page carry


def test_a_ledger_about_sudan_gets_sudan_and_its_neighbours() -> None:
    x0, x1, y0, y1 = maps.extent(list(SUDAN.values()))
    assert x0 < 21.8 and x1 > 38.6 and y0 < 8.7 and y1 > 22.2  # all of Sudan is in view
    svg = _drawn(SUDAN)
    # Sudan and, around it, Egypt, Libya, Chad, the Central African Republic, South Sudan,
    # Ethiopia, Eritrea and Saudi Arabia across the Red Sea: outlines filled as land
    assert _fills(svg, maps.LAND) >= 8
    assert {"SUDAN", "ERITREA"} <= _names(svg)
    assert "Khartoum (1)" in _names(svg)


def test_gaza_is_drawn_with_its_coast_and_neighbours() -> None:
    svg = _drawn(GAZA)
    assert _fills(svg, maps.LAND) >= 3 and _fills(svg, maps.WATER) >= 1
    assert {"PALESTINE", "ISRAEL"} <= _names(svg)


def test_only_what_is_in_view_is_drawn() -> None:
    """A map of two towns of the Caucasus does not carry the world: its SVG stays small,
    and no drawn point lies far outside the axes (polygons are clipped to the view)."""
    svg = _drawn({"Stepanakert": (39.82, 46.75), "Yerevan": (40.18, 44.51)})
    assert len(svg) < 250_000
    assert "RUSSIA" not in _names(svg)  # its label point is in Siberia, far from here


def test_clipping_keeps_the_part_of_a_ring_inside_the_window() -> None:
    square: list[Any] = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    clipped = maps.clip(square, (5.0, 20.0, -5.0, 5.0))
    assert sorted(clipped) == [(5.0, 0.0), (5.0, 5.0), (10.0, 0.0), (10.0, 5.0)]
    assert maps.clip(square, (20.0, 30.0, 20.0, 30.0)) == []


def test_the_extent_of_places_far_apart_is_neither_a_sliver_nor_off_the_world() -> None:
    x0, x1, y0, y1 = maps.extent([(50.45, 30.52), (15.55, 32.53)])  # Kyiv and Khartoum
    assert y0 < 15.55 and y1 > 50.45
    across = (x1 - x0) * math.cos(math.radians((y0 + y1) / 2))  # in degrees of latitude
    assert y1 - y0 <= maps.MAX_TALL * across + 1e-9  # widened: not a tall strip
    x0, x1, y0, y1 = maps.extent([(-40.0, -170.0), (70.0, 170.0)])
    assert x0 >= -180 and x1 <= 180 and y0 >= -85 and y1 <= 85
