"""A record's dates as one value: an ISO 8601-2 / EDTF (Extended Date/Time Format, level 1)
date or interval, the form every export writes in its ``date`` column.

    2023-01-08               one day
    2023-01                  a month, when the record's precision is the month (a year: 2023)
    2022-12-12/2023-02-15    an interval of days, both ends included
    2022-12-12/..            an interval still open (ongoing): ".." is EDTF's open end

An open interval is never written with an empty end ("2022-12-12/"): EDTF reads an empty
end as *unknown*, which is not what an ongoing blockade is. A record without a start day
gets an empty value.
"""

from __future__ import annotations

import calendar
from datetime import date

OPEN = ".."


def interval(start: str | None, end: str | None, precision: str | None = None) -> str:
    """The EDTF value of the days ``start`` to ``end`` (ISO days; ``end`` None: still open,
    as records and disruptions store an ongoing interval); ``precision`` is the record's
    (day, month, year, range)."""
    if not start:
        return ""
    if end is None:
        return f"{start}/{OPEN}"
    whole = _coarse(start, end, precision)
    if whole:
        return whole
    return start if start == end else f"{start}/{end}"


def _coarse(start: str, end: str, precision: str | None) -> str | None:
    """"2023-01" or "2023" when the precision is the month or the year and the days are
    exactly that whole month or year; else None."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    month_end = calendar.monthrange(first.year, first.month)[1]
    if precision == "month" and first.day == 1 and (first.year, first.month) == (
            last.year, last.month) and last.day == month_end:
        return start[:7]
    if precision == "year" and start.endswith("-01-01") and end == f"{start[:4]}-12-31":
        return start[:4]
    return None
