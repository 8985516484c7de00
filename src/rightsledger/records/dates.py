"""Dates of records: ISO days, intervals with a precision, day counters."""

from __future__ import annotations

import calendar
from datetime import date

from rightsledger.errors import BadInput

PRECISIONS = ("day", "month", "year", "range")


def parse_day(value: str | None, field: str) -> date | None:
    """An ISO day (YYYY-MM-DD) or None; anything else is refused naming the field."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(f"{field}: '{value}' is not a date (write YYYY-MM-DD)") from None


def interval(start: str | None, end: str | None,
             field: str = "date") -> tuple[str | None, str | None]:
    """A checked (start, end): both ISO days or None, and the end not before the start."""
    first, last = parse_day(start, f"{field} start"), parse_day(end, f"{field} end")
    if first and last and last < first:
        raise BadInput(f"{field}: the end {last} is before the start {first}")
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def from_extracted(value: str | None) -> tuple[str | None, str | None, str | None]:
    """Extraction's date value ("2022-12-12", "2022-12", "2022", "A/B", "A/.." or an older
    "A/") as start,
    end and precision; an open interval keeps its end empty. A month or a year stands for
    its first day at the start of an interval and its last day at the end."""
    if not value:
        return None, None, None
    if "/" in value:
        start, end = value.split("/", 1)
        end = "" if end == ".." else end
        return (_days(start)[0] if start else None, _days(end)[1] if end else None, "range")
    first, last = _days(value)
    return first, last, {3: "day", 2: "month"}.get(value.count("-") + 1, "year")


def _days(value: str) -> tuple[str, str]:
    """The first and last day of a day, a month ("2023-01") or a year ("2023")."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{value}-01", f"{value}-{last:02d}"
    return f"{parts[0]}-01-01", f"{parts[0]}-12-31"


def day_number(start: str, on: date) -> int:
    """'Day N' of something that began on ``start``: its first day is day 1."""
    return (on - date.fromisoformat(start)).days + 1


def overlaps(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two intervals share a day; an unknown start or end is open on that side."""
    a_start, a_end = a[0] or "0000", a[1] or "9999"
    b_start, b_end = b[0] or "0000", b[1] or "9999"
    return a_start <= b_end and b_start <= a_end
