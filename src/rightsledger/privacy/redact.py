"""What each audience sees of a record.

``analyst`` sees everything; ``viewer`` and ``public`` get copies without any SENSITIVE key
(removed, not blanked, at every depth of nested dicts and lists); ``public`` also loses
internal notes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

SENSITIVE = ("real_name", "contact", "address")
PUBLIC_ONLY_HIDDEN = ("notes_internal", "identity_hash", "created_by", "updated_by",
                      "decided_by", "suggested")
INTERNAL_SOURCE_KINDS = ("interview",)  # interview notes never leave the office


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
    """A copy of ``record`` (nested dicts and lists copied too) fit for ``audience``."""
    copy: dict[str, Any] = _without(record, _HIDDEN[Audience(audience)])
    return copy


def _without(value: Any, hidden: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, hidden) for k, v in value.items() if k not in hidden}
    if isinstance(value, list | tuple):
        items = [_without(v, hidden) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def public_incident(detail: dict[str, Any]) -> dict[str, Any]:
    """An incident as the public sees it: redacted for the public audience, without the
    sources of internal kinds, and without the quotes and source ids of their claims."""
    internal = {s["id"] for s in detail.get("sources", []) if s.get("kind")
                in INTERNAL_SOURCE_KINDS}
    shown = redact(detail, Audience.PUBLIC)
    shown["sources"] = [s for s in shown.get("sources", []) if s["id"] not in internal]
    shown["claims"] = [{**c, "quote": "", "source_id": None} if c.get("source_id") in internal
                       else c for c in shown.get("claims", [])]
    return shown
