"""The extraction pipeline: stages in order of what they need, one document at a time.

    doc = extract_text(text, language="ru", published=date(2023, 1, 18))
    contract(doc)  # the JSON of DESIGN.md's extraction contract
"""

from __future__ import annotations

import importlib
from datetime import date
from functools import cache
from typing import Any

from rightsledger.extract import zones
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage

# Modules of rightsledger.extract holding a STAGE, in an order that satisfies their needs.
STAGE_MODULES = ("zones", "sentences", "dates", "places", "organizations", "numbers", "denials",
                 "statements", "incidents")
CONTRACT_KEYS = ("zones", "places", "dates", "organizations", "numbers", "incidents", "statements")
MAX_CHARS = 2_000_000  # longer texts are cut, with a warning, to keep memory flat


@cache
def stages() -> tuple[Stage, ...]:
    """Every stage, checked so that each one's needs come before it."""
    loaded = tuple(importlib.import_module(f"rightsledger.extract.{m}").STAGE
                   for m in STAGE_MODULES)
    done: set[str] = set()
    for stage in loaded:
        missing = set(stage.needs) - done
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {sorted(missing)} before it")
        done.add(stage.adds)
    return loaded


def stage_versions() -> dict[str, str]:
    """What each stage adds, and the versioned name of the stage that adds it."""
    return {s.adds: s.name for s in stages()}


def extract_text(text: str, language: str | None = None,
                 published: date | None = None) -> Doc:
    """Run every stage over ``text``; failures become warnings on the document."""
    doc = Doc(text=text, language=language, published=published)
    if len(text) > MAX_CHARS:
        doc.text = text[:MAX_CHARS]
        doc.warnings.append(f"text cut to its first {MAX_CHARS:,} characters")
    if not doc.text.strip():
        doc.warnings.append("no text to extract from")
    if doc.language is None and doc.text.strip():
        from rightsledger.evidence.language import detect_language

        doc.language = detect_language(doc.text)
    whole = doc.text
    for stage in stages():
        stage.apply(doc)
        if stage.adds == "zones":
            _read_zones(doc)
        else:
            _tag_datelines(doc, doc.found[stage.adds])
    doc.text = whole
    return doc


def _tag_datelines(doc: Doc, items: list[dict[str, Any]]) -> None:
    """A place or date in a dateline is where and when the text was written: it stays a
    mention, marked ``"zone": "dateline"``, and is never an incident's place or date."""
    for zone in doc.found.get("zones", []):
        if zone["kind"] == "dateline":
            for item in items:
                if zone["start"] <= item.get("start", -1) < zone["end"]:
                    item["zone"] = "dateline"


def _read_zones(doc: Doc) -> None:
    """After zoning: the later stages see the article only (every zone blanked, offsets
    kept), and the publication day comes from the text when nothing else gave it."""
    found = doc.found.get("zones", [])
    told = zones.metadata(found)
    doc.title = told.get("title")
    if doc.published is None and told.get("published"):
        doc.published = date.fromisoformat(told["published"])
        doc.warnings.append(f"publication date {told['published']} read from the text")
    doc.text = zones.masked(doc.text, [z for z in found if z["kind"] != "dateline"])


def contract(doc: Doc, path: str | None = None) -> dict[str, Any]:
    """The document's findings in the shape of the extraction contract."""
    out: dict[str, Any] = {"path": path, "language": doc.language,
                           "published": doc.published.isoformat() if doc.published else None,
                           "title": doc.title}
    for key in CONTRACT_KEYS:
        out[key] = doc.found.get(key, [])
    out["denials"] = doc.found.get("denials", [])
    out["warnings"] = doc.warnings
    return out


_LABEL = {"places": "place_id", "dates": "value", "organizations": "actor_id",
          "numbers": "unit", "incidents": "type", "statements": "by", "denials": "by",
          "zones": "kind"}


def mention_rows(doc: Doc) -> list[dict[str, Any]]:
    """What the stages found, as rows to store: kind, stage, span, a label to filter on."""
    versions = stage_versions()
    rows = []
    for kind, label in _LABEL.items():
        for item in doc.found.get(kind, []):
            value = item.get(label) if label != "actor_id" else item.get(label) or item.get(
                "name")
            rows.append({"kind": kind, "stage": versions[kind], "span_start": item["start"],
                         "span_end": item["end"],
                         "label": None if value is None else str(value), "data": item})
    return rows
