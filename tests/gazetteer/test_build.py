"""Building the gazetteer: reproducible bytes, what is kept, how curated entries merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rightsledger.gazetteer import build as gb
from rightsledger.gazetteer.places import data_file, read

SMALL = gb.BuildConfig(countries=("AM", "AZ"), full=(), min_population=15000, capitals=False)


def _city(geonameid: int, name: str, country: str, population: int,
          alternates: list[str]) -> dict[str, Any]:
    return {"geonameid": geonameid, "name": name, "countrycode": country,
            "population": population, "latitude": 40.0, "longitude": 45.0,
            "admin1code": "04", "alternatenames": alternates}


CITIES = {
    "1": _city(1, "Martuni", "AM", 12000, ["Мартуни", "Մարտունի", "Van", "martuni",
                                           "Rest", "Kznut  Mets Kznut", "Lenin"]),
    "2": _city(2, "Tiny", "AM", 300, ["Tiny"]),
    "3": _city(3, "Kazan", "RU", 1_000_000, ["Казань"]),
    "4": _city(4, "Sochi", "FR", 400_000, ["Сочи"]),
}
COUNTRIES = {"AM": {"geonameid": 100, "name": "Armenia", "population": 3_000_000,
                    "capital": "Yerevan"}}
ALIASES = {
    "places": [{"id": "gn:1", "name": "Martuni (Armenia)", "names": {"hy": ["Մարտունի"]}},
               {"id": "rl:corridor", "name": "Corridor", "kind": "corridor", "country": "AZ",
                "lat": 39.6, "lon": 46.5, "names": {"en": ["Test corridor"],
                                                     "fr": ["corridor de Test"]}}],
    "countries": {"AM": {"lat": 40.07, "lon": 45.04, "names": {"ru": ["Армения"]}}},
    "never_match": ["Rest"], "drop": {"gn:1": ["Lenin"]}, "include": ["gn:4"]}


def _build(config: gb.BuildConfig = gb.BuildConfig(countries=("AM", "RU"), full=("AM",),
                                                   min_population=2_000_000)) -> dict:
    built = gb.build(config, CITIES, COUNTRIES, ALIASES)
    return {p["id"]: p for p in built["places"]}


def test_keeps_what_the_config_asks_for() -> None:
    places = _build()
    assert "gn:2" not in places  # below 500 people
    assert "gn:3" not in places  # RU needs 2 million here
    assert "gn:4" in places  # asked for by id
    assert places["gn:100"]["kind"] == "country"


def test_names_are_cleaned() -> None:
    names = _build()["gn:1"]["names"]
    assert "Van" not in names  # too short
    assert "martuni" not in names  # lower-case romanisation
    assert "Rest" not in names and "Lenin" not in names  # never_match, drop
    assert {"Kznut", "Mets Kznut"} <= set(names)  # GeoNames' packed names split


def test_curated_entries_merge_and_override() -> None:
    places = _build()
    assert places["gn:1"]["name"] == "Martuni (Armenia)"
    assert places["gn:1"]["population"] == 12000  # kept from GeoNames
    assert places["gn:1"]["labels"] == {"hy": "Մարտունի"}
    assert places["rl:corridor"]["kind"] == "corridor"
    assert "corridor de Test" in places["rl:corridor"]["names"]
    assert "Армения" in places["gn:100"]["names"]


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    gb.write(first, SMALL)
    gb.write(second, SMALL)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text("utf-8"))
    ids = [p["id"] for p in data["places"]]
    assert ids == sorted(ids)
    assert data["source"]["countries"] == ["AM", "AZ"]
    assert {p.id for p in read(first)} >= {"gn:146970", "rl:lachin-corridor"}


def test_shipped_data_is_compact_and_complete() -> None:
    path = data_file()
    assert path.stat().st_size < 9_000_000  # the region in full, the world's larger towns
    places = {p.id: p for p in read(path)}
    for place_id, kind in [("gn:146970", "settlement"), ("rl:lachin-corridor", "corridor"),
                           ("rl:hakari-bridge", "bridge"), ("rl:nagorno-karabakh", "region"),
                           ("rl:goris-stepanakert-highway", "road"), ("gn:174982", "country")]:
        assert places[place_id].kind == kind
    assert places["gn:146970"].country == "AZ"
    assert {"Stepanakert", "Khankendi", "Xankəndi", "Степанакерт", "Ստեփանակերտ"} <= set(
        places["gn:146970"].names)


def test_the_world_tier_keeps_larger_towns_by_their_safe_names() -> None:
    """Beyond the region: towns of the size asked for, without their names that are common
    words ("Since", "Center"), that are not in Latin script, or that match as a town of
    the region does ("Martuni" stays Armenia's)."""
    cities = {**CITIES,
              "5": _city(5, "Sincé", "CO", 50_000, ["Since", "Синсе", "Martuni"]),
              "6": _city(6, "El Fasher", "SD", 260_000, ["Al Fashir", "Center"]),
              "7": _city(7, "Small", "SD", 9_000, ["Small"])}
    config = gb.BuildConfig(countries=("AM",), full=("AM",), world_min_population=15_000,
                            capitals=False)
    places = {p["id"]: p for p in gb.build(config, cities, COUNTRIES, ALIASES)["places"]}
    assert places["gn:6"]["names"] == ["Al Fashir", "El Fasher"]
    assert places["gn:5"]["names"] == []  # "Sincé" folds to a word; "Martuni" is Armenia's
    assert "Martuni" in places["gn:1"]["names"]
    assert "gn:7" not in places and "gn:3" in places  # by size, whatever the country
    off = gb.build(gb.BuildConfig(countries=("AM",), full=("AM",), capitals=False,
                                  world_min_population=0), cities,
                   COUNTRIES, ALIASES)
    assert {p["id"] for p in off["places"]}.isdisjoint({"gn:5", "gn:6"})


def test_cli_check_reports_a_stale_file(tmp_path: Path, capsys) -> None:
    stale = tmp_path / "g.json"
    stale.write_text("{}", "utf-8")
    args = ["--countries", "AM", "--full", "", "--min-population", "15000",
            "--world-min-population", "0", "--out", str(stale)]
    assert gb.main([*args, "--check"]) == 1
    assert "OUT OF DATE" in capsys.readouterr().out
