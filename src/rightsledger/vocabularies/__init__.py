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


def source_kinds() -> list[str]:
    """The source kind codes, in the vocabulary's order."""
    return [k for k in load("source_kinds") if not k.startswith("_")]


def check_source_kind(kind: str) -> str:
    """Return ``kind`` if it is a known source kind, else fail naming the choices."""
    kinds = load("source_kinds")
    if kind not in kinds:
        raise BadInput(f"unknown source kind '{kind}': choose one of {', '.join(kinds)}")
    return kind
