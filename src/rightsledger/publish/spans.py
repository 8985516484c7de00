"""How long a disruption lasted, as of a report's last day, in one place for every part of
a report that says it: the summary, the disruptions table and chart, the press release and
an incident that is the disruption seen as an event (a blockade, a cut).

The day counted to is the report's: the end of its period, or the snapshot's day when the
period is open or ends later (``counted_to``), never the day the report happens to be
printed. An ended cut shows its length; one still running on that day shows "day N as of
that day". (records.disruptions counts from the database to a day it is given; this works
on a snapshot's rows, which carry the same start and end.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# Incident types that describe a disruption as an event, and the disruption kinds each may
# stand for: a blockade closes a road and stops food and medicine; a cut stops a utility.
EVENT_KINDS = {"blockade": ("road", "corridor", "food", "medicine"),
               "infrastructure_disruption": ("gas", "electricity", "internet", "mobile",
                                             "water")}


@dataclass(frozen=True)
class Span:
    start: str
    last: str  # the last day counted: its end, or the report's day while ongoing
    days: int
    ongoing: bool

    @property
    def text(self) -> str:
        """"2022-12-13 – 2022-12-15 (3 days)" or "since 2022-12-12: day 100 as of
        2023-03-21 (ongoing)"."""
        if self.ongoing:
            return f"since {self.start}: day {self.days} as of {self.last} (ongoing)"
        length = f"{self.days} day{'' if self.days == 1 else 's'}"
        return f"{self.start} ({length})" if self.start == self.last else \
            f"{self.start} – {self.last} ({length})"


def counted_to(period_end: str | None, as_of: str) -> str:
    """The report's last day: its period's end, unless that is after the snapshot's day."""
    return period_end if period_end and period_end < as_of else as_of


def span(disruption: dict[str, Any], to: str) -> Span:
    """``disruption`` (start, end or None) counted up to the day ``to``."""
    start, end = str(disruption["start"]), disruption.get("end")
    ongoing = end is None or end > to
    last = to if end is None or ongoing else str(end)
    days = (date.fromisoformat(last) - date.fromisoformat(start)).days + 1
    return Span(start, last, days, ongoing)


def disruption_of(incident: dict[str, Any], disruptions: list[dict[str, Any]]
                  ) -> dict[str, Any] | None:
    """The disruption an incident records as an event, if any: the incident is a blockade or
    an infrastructure cut, begins on the disruption's first day, and takes place where the
    disruption is located. A kind the incident's type stands for wins over another kind; then
    the lowest id."""
    kinds = EVENT_KINDS.get(incident.get("type") or "")
    if kinds is None or not incident.get("date_start"):
        return None
    places = set(incident.get("places") or [])
    found = [d for d in disruptions if d["start"] == incident["date_start"]
             and (d.get("location_id") or d.get("place_id")) in places]
    found.sort(key=lambda d: (d["kind"] not in kinds, d["id"]))
    return found[0] if found else None
