"""Controlled vocabularies, kept as data files beside this module."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from rightsledger.errors import BadInput


@cache
def load(name: str) -> dict[str, Any]:
    """A vocabulary file as parsed JSON (for most, {code: label})."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


@cache
def actors() -> dict[str, Any]:
    """Every actor the extraction knows: actors.json, then each ``actors-*.json`` beside it
    (another conflict or the wider world is another file), in the shape of actors.json.

    A file's ``state_templates`` give each country of countries.json its government,
    armed forces, ministries and police, from the country's English adjectives ("Lebanese
    health ministry", "Sudan's army"); an actor of the file with the id of one already known
    adds its names to it; ``generic`` offices ("the health ministry") resolve to the
    country's own office named last before them."""
    data = load("actors")
    merged = {**data, "actors": [dict(a) for a in data["actors"]]}
    by_id = {a["id"]: a for a in merged["actors"]}
    for path in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if path.name.startswith("actors-") and path.name.endswith(".json"):
            _add_actors(json.loads(path.read_text("utf-8")), merged["actors"], by_id)
    return merged


def _add_actors(extra: dict[str, Any], actors: list[dict[str, Any]],
                by_id: dict[str, dict[str, Any]]) -> None:
    made: dict[str, list[str]] = {}  # template id -> each country's id of it
    generated: set[str] = set()  # the ids no file had before the template made them
    for template in extra.get("state_templates", []):
        for country in load("countries")["countries"]:
            actor = _from_template(template, country)
            made.setdefault(template["id"], []).append(actor["id"])
            if actor["id"] not in by_id:
                actors.append(actor)
                by_id[actor["id"]] = actor
                generated.add(actor["id"])
    for entry in extra.get("actors", []):
        known = by_id.get(entry["id"])
        if known is None:
            actors.append(dict(entry))
            by_id[entry["id"]] = actors[-1]
            continue
        aliases = {lang: list(forms) for lang, forms in known.get("aliases", {}).items()}
        for lang, forms in entry.get("aliases", {}).items():
            aliases[lang] = list(dict.fromkeys([*aliases.get(lang, []), *forms]))
        known["aliases"] = aliases
        if known["id"] in generated:
            known["name"] = entry["name"]  # a force's own name for the made-up one
    for entry in extra.get("generic", []):
        actor = {**entry, "resolves_to": made.get(entry["resolves_to"], [])}
        actors.append(actor)
        by_id[actor["id"]] = actor


def _from_template(template: dict[str, Any], country: dict[str, Any]) -> dict[str, Any]:
    name, code = country["name"], country["code"].lower()
    # the name itself stands as an adjective too ("Myanmar troops", "Sudan army")
    adjectives = list(dict.fromkeys([*country["adjectives"].get("en", []), f"{name}'s", name]))
    forms = [form.format(adj=adj, name=name) for form in template["en"]
             for adj in (adjectives if "{adj}" in form else [""])]
    return {"id": template["id"].format(code=code), "name": template["name"].format(name=name),
            "kind": template["kind"], "country": country["code"],
            "aliases": {"en": list(dict.fromkeys(forms))}}


def source_kinds() -> list[str]:
    """The source kind codes, in the vocabulary's order."""
    return [k for k in load("source_kinds") if not k.startswith("_")]


def check_source_kind(kind: str) -> str:
    """Return ``kind`` if it is a known source kind, else fail naming the choices."""
    kinds = load("source_kinds")
    if kind not in kinds:
        raise BadInput(f"unknown source kind '{kind}': choose one of {', '.join(kinds)}")
    return kind
