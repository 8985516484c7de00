"""What each audience sees of a record.

``analyst`` sees everything; ``viewer`` and ``public`` get copies without any SENSITIVE key
(removed, not blanked, at every depth of nested dicts and lists); ``public`` also loses
internal notes, the names of the staff who made, changed or decided a record, and the
machine's suggestions (quoted from the source they came from, an interview note perhaps).

The public view of each record kind is here, in ``PUBLIC_VIEWS``, and nowhere else:
``public(kind, value)`` is what every public JSON route (web/api.py's route class), every
public page (web/pages.render) and every public publication (publish/snapshot.py) passes
its records through (promise 10 of docs/security.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from rightsledger.errors import NotFound

SENSITIVE = ("real_name", "contact", "address")
PUBLIC_ONLY_HIDDEN = ("notes_internal", "identity_hash", "created_by", "updated_by",
                      "decided_by", "suggested")
INTERNAL_SOURCE_KINDS = ("interview",)  # interview notes never leave the office
# review.grading.final signs an override: "set to GRADE by REVIEWER (computed: GRADE): why"
SIGNED_OVERRIDE = re.compile(r"^set to (?P<grade>\S+) by .*? \(computed: ", re.DOTALL)
UNSIGNED_OVERRIDE = r"set to \g<grade> by a reviewer (computed: "


class Audience(StrEnum):
    ANALYST = "analyst"
    VIEWER = "viewer"
    PUBLIC = "public"


_HIDDEN: dict[Audience, frozenset[str]] = {
    Audience.ANALYST: frozenset(),
    Audience.VIEWER: frozenset(SENSITIVE),
    Audience.PUBLIC: frozenset(SENSITIVE + PUBLIC_ONLY_HIDDEN),
}


def redact(record: dict[str, Any], audience: Audience | str) -> dict[str, Any]:
    """A copy of ``record`` (nested dicts and lists copied too) fit for ``audience``; for the
    public, a reviewer's grade override no longer names the reviewer."""
    shown = Audience(audience)
    copy: dict[str, Any] = _without(record, _HIDDEN[shown], shown is Audience.PUBLIC)
    return copy


def _without(value: Any, hidden: frozenset[str], unsign: bool) -> Any:
    if isinstance(value, dict):
        return {k: _unsigned(v) if unsign and k == "grade_reasons" else
                _without(v, hidden, unsign) for k, v in value.items() if k not in hidden}
    if isinstance(value, list | tuple):
        items = [_without(v, hidden, unsign) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def _unsigned(reasons: Any) -> Any:
    if not isinstance(reasons, list | tuple):
        return reasons
    return [SIGNED_OVERRIDE.sub(UNSIGNED_OVERRIDE, r) if isinstance(r, str) else r
            for r in reasons]


# -- the public view of each record kind ----------------------------------------------------
def public_incident(detail: dict[str, Any]) -> dict[str, Any]:
    """An incident (a row of a list, or the full detail) as the public sees it: redacted for
    the public audience, without the sources of internal kinds, and without the quotes and
    source ids of the claims those sources make."""
    internal = {s["id"] for s in detail.get("sources", []) if s.get("kind")
                in INTERNAL_SOURCE_KINDS}
    shown = redact(detail, Audience.PUBLIC)
    if "sources" in shown:
        shown["sources"] = [s for s in shown["sources"] if s["id"] not in internal]
    if "claims" in shown:
        shown["claims"] = [{**c, "quote": "", "source_id": None}
                           if c.get("source_id") in internal else c for c in shown["claims"]]
    return shown


def _published_incident(record: dict[str, Any]) -> dict[str, Any] | None:
    return public_incident(record) if record.get("status") == "accepted" else None


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Records with nothing internal but their bookkeeping (who made or changed them)."""
    return redact(record, Audience.PUBLIC)


def _incident_map(collection: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON of incidents: the published ones' points only."""
    shown = _plain(collection)
    shown["features"] = [f for f in shown.get("features", [])
                         if f.get("properties", {}).get("status") == "accepted"]
    return shown


PUBLIC_VIEWS: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
    "incident": _published_incident,  # None: not published (left out, or not found)
    "incident_map": _incident_map,
    "disruption": _plain,
    "obligation": _plain,
    "statement": _plain,
    "inquiry": _plain,  # its routes need a viewer: the public view answers 404
    "source": _plain,  # likewise: a source's text may name victims
    "photo": _plain,  # media.photos.public_fields chose its fields already
    "story": _plain,  # media.stories.public_of, likewise
    "reference": _plain,  # no records of ours: the gazetteer's towns
}


def public(kind: str, value: Any) -> Any:
    """``value`` — one record of ``kind``, or a list of them — as the public sees it. A
    record the public may not see is left out of a list, and alone is not found."""
    view = PUBLIC_VIEWS[kind]
    if isinstance(value, list):
        return [shown for v in value if (shown := view(v)) is not None]
    shown = view(value)
    if shown is None:
        raise NotFound("not published")
    return shown


def public_page(context: dict[str, Any]) -> dict[str, Any]:
    """What a public page is rendered from: every value redacted for the public (the
    incident page has already taken its incident's public view)."""
    return {k: _without(v, _HIDDEN[Audience.PUBLIC], True) for k, v in context.items()}
