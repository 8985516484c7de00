"""What a date pattern finds: a span and the parts of a date, possibly incomplete.

``Parts`` may lack its year ("12 December") until it is resolved against the publication
date or a neighbouring date; a relative expression ("yesterday") carries a function that
computes its dates from the publication date or from the date mentioned before it.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class Parts:
    """A calendar day, month or year; ``y`` is None while the year is still unknown."""

    y: int | None
    m: int | None = None
    d: int | None = None

    @staticmethod
    def of(day: date) -> Parts:
        return Parts(day.year, day.month, day.day)

    def with_year(self, year: int) -> Parts:
        return replace(self, y=year)

    def valid(self) -> bool:
        if self.y is not None and not 1000 <= self.y <= 2999:
            return False
        if self.m is not None and not 1 <= self.m <= 12:
            return False
        if self.d is None:
            return True
        if self.m is None:
            return False
        days = monthrange(self.y if self.y is not None else 2000, self.m)[1]
        return 1 <= self.d <= days

    def first_day(self) -> date:
        """The first day this stands for (its year must be known)."""
        assert self.y is not None
        return date(self.y, self.m or 1, self.d or 1)

    def iso(self) -> str:
        if self.m is None:
            return f"{self.y:04d}"
        if self.d is None:
            return f"{self.y:04d}-{self.m:02d}"
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.m is None else "month" if self.d is None else "day"


@dataclass
class Dated:
    """A resolved date: one point, a closed range, or an open one (``hi`` None, open)."""

    lo: Parts
    hi: Parts | None = None
    open: bool = False
    relative: bool = False

    def value(self) -> str:
        if self.open:  # EDTF's open end ("2022-12-12/" would read as an unknown end)
            return self.lo.iso() + "/.."
        if self.hi is not None and self.hi != self.lo:
            return f"{self.lo.iso()}/{self.hi.iso()}"
        return self.lo.iso()

    def precision(self) -> str:
        if self.open or (self.hi is not None and self.hi != self.lo):
            return "range"
        return self.lo.precision

    def last(self) -> Parts:
        """The point a following "two days later" counts from."""
        return self.hi if self.hi is not None and not self.open else self.lo


@dataclass
class Context:
    """What a relative expression may resolve against."""

    published: date | None
    previous: Dated | None  # the date mentioned last before this one
    anchor: Parts | None  # the latest absolute date before this one


Resolver = Callable[[Context], Dated | None]


@dataclass
class Found:
    """A candidate: its span and either absolute parts (``lo``/``hi``) or a resolver."""

    start: int
    end: int
    lo: Parts | None = None
    hi: Parts | None = None
    open: bool = False
    weekday: int | None = None
    resolver: Resolver | None = None
    century: int | None = None  # the two digits of "12.12.22": the century is resolved

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def absolute(self) -> bool:
        return self.resolver is None
