"""A place of the gazetteer, and the data file it is read from (once per process)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Place:
    id: str  # "gn:<geonameid>" for GeoNames places, "rl:<slug>" for ours
    name: str  # the common English name: a label, not a verdict
    kind: str  # settlement, road, corridor, bridge, checkpoint, region, country
    country: str  # ISO-2, following international recognition
    lat: float | None
    lon: float | None
    population: int = 0
    admin1: str | None = None
    parent: str | None = None
    names: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Place:
        return cls(id=row["id"], name=row["name"], kind=row["kind"], country=row["country"],
                   lat=row.get("lat"), lon=row.get("lon"),
                   population=row.get("population") or 0, admin1=row.get("admin1"),
                   parent=row.get("parent"), names=tuple(row.get("names", ())))


def data_file() -> Path:
    """The shipped data: gazetteer.json, or gazetteer.json.gz when it grew past 2 MB."""
    plain = DATA / "gazetteer.json"
    return plain if plain.exists() else DATA / "gazetteer.json.gz"


def read(path: Path) -> list[Place]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return [Place.from_json(row) for row in json.loads(raw)["places"]]


@cache
def shipped() -> tuple[Place, ...]:
    return tuple(read(data_file()))


@cache
def by_id() -> dict[str, Place]:
    return {p.id: p for p in shipped()}


def regions(place: Place, index: dict[str, Place]) -> frozenset[str]:
    """What a place lies in: its parents (by id) and their admin areas ("AM:04")."""
    found: set[str] = set()
    seen: set[str] = set()
    current: Place | None = place
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.admin1 and current.kind != "country":
            found.add(f"{current.country}:{current.admin1}")
        if current.parent:
            found.add(current.parent)
        current = index.get(current.parent) if current.parent else None
    return frozenset(found)
