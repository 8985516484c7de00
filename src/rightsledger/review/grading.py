"""Grades of corroboration, after Airwars' scheme, computed from an incident's sources and
claims; the reasons are kept with the grade. The method is written up in docs/grading.md.

    discounted  every claim that it happened is rebutted (and the rebuttal stands)
    confirmed   the party said to be responsible acknowledges it, or a court found it
    contested   someone denies it, and nobody responsible acknowledged it
    fair        two or more independent sources report it
    weak        one source reports it (republications of one text count once)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rightsledger.search.text import fold

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


@dataclass(frozen=True)
class Grade:
    grade: str
    reasons: tuple[str, ...]


def independent(sources: list[dict[str, Any]]) -> list[str]:
    """One name per independent source: republications of one text (a near-duplicate group)
    count once, and so do several reports by one publisher."""
    seen_groups: set[str] = set()
    outlets: dict[str, str] = {}
    for s in sources:
        group = s.get("dup_group") or s["id"]
        if group in seen_groups:
            continue
        seen_groups.add(group)
        publisher = s.get("publisher") or s.get("original_name") or s["id"][:12]
        outlets.setdefault(fold(publisher).strip() or group, publisher)
    return list(outlets.values())


def corroborating(sources: list[dict[str, Any]],
                  claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources that report the incident: not those whose every claim denies it (a
    ministry's denial is heard as a denial, not counted as a second source)."""
    stances: dict[Any, set[str]] = {}
    for c in claims:
        if c.get("source_num") is not None:
            stances.setdefault(c["source_num"], set()).add(str(c.get("stance")))
    return [s for s in sources if stances.get(s.get("num"), {"asserts"}) != {"denies"}]


def compute(sources: list[dict[str, Any]], claims: list[dict[str, Any]],
            perpetrators: set[int]) -> Grade:
    """The grade and its reasons, from the sources, the claims and who is said to have acted.
    A source whose claims only deny it is never among the sources that report it."""
    outlets = independent(corroborating(sources, claims))
    rebutted = _rebutted(claims)
    live = [c for c in claims if c["id"] not in rebutted]
    asserting = [c for c in claims if c["stance"] == "asserts"]
    reasons = [f"{len(outlets)} independent source(s): {', '.join(outlets)}" if outlets
               else "no source linked yet"]
    if asserting and all(c["id"] in rebutted for c in asserting):
        return Grade("discounted", (*reasons, "every claim that it happened is rebutted"))
    acknowledged = _acknowledgement(sources, live, perpetrators)
    if acknowledged:
        return Grade("confirmed", (*reasons, acknowledged))
    denials = [c for c in live if c["stance"] == "denies"]
    if denials:
        who = ", ".join(sorted({str(c.get("by") or c.get("publisher") or "?") for c in denials}))
        return Grade("contested", (*reasons, f"denied by {who}"))
    spread = _figures_differ(live)
    extra = (f"figures differ between claims: {spread}",) if spread else ()
    if len(outlets) >= 2:
        return Grade("fair", (*reasons, *extra))
    return Grade("weak", (*reasons, "a single source", *extra))


def _rebutted(claims: list[dict[str, Any]]) -> set[int]:
    """Claims disputed by a rebuttal that is not itself rebutted."""
    by_id = {c["id"]: c for c in claims}
    targets = {c["rebuts"]: c["id"] for c in claims if c.get("rebuts") in by_id}
    return {target for target, rebuttal in targets.items() if rebuttal not in targets}


def _acknowledgement(sources: list[dict[str, Any]], claims: list[dict[str, Any]],
                     perpetrators: set[int]) -> str | None:
    for c in claims:
        if c["stance"] == "asserts" and c.get("actor_id") in perpetrators:
            return f"acknowledged by {c.get('by')}, named as responsible"
    courts = [s for s in sources if s.get("kind") == "court_decision"]
    if courts:
        return f"found by a court decision ({courts[0].get('publisher') or courts[0]['id'][:12]})"
    return None


def _figures_differ(claims: list[dict[str, Any]]) -> str | None:
    killed = sorted({c["killed_best"] for c in claims if c.get("killed_best") is not None})
    return f"{killed[0]} to {killed[-1]} killed" if len(killed) > 1 else None


def final(computed: Grade, override: str | None, reason: str | None,
          by: str | None) -> Grade:
    """The grade to show: a reviewer's override, with its reason, wins over the computation."""
    if not override:
        return computed
    note = f"set to {override} by {by or 'a reviewer'} (computed: {computed.grade}): {reason}"
    return Grade(override, (note, *computed.reasons))
