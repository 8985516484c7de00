"""From candidates to dates: keep the longest of overlapping ones, join "A to B" into
ranges, and give every date its year — written, inherited from its range partner, or taken
from the publication date.

A date written without its year ("on 12 December") takes the year that puts it closest
before, or on, the publication date. With no publication date, the latest date earlier in
the text stands in for it (texts seldom leave out the year of old events), and the date may
also fall up to 90 days after it, as a narrative moves on ("12 December 2022 ... on 9
January"); with neither, it is dropped. A weekday written with it ("Monday, December 12")
picks among the recent years.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from rightsledger.extract.dating.model import Context, Dated, Found, Parts

_CONNECT = re.compile(r"\s*(?:[-–—]|to|until|till|through|по|до|au|à|jusqu['’]au"
                      r"|jusqu['’]à|մինչև)\s*(?:the\s+|le\s+|l['’])?", re.I)
_AND = re.compile(r"\s*(?:and|et|и)\s+(?:the\s+|le\s+)?", re.I)
_SPACE = re.compile(r"\s+")
_FROM = re.compile(r"(?<!\w)(?:(?P<between>between|entre|между)|from|du|de|с|со|от)\s+"
                   r"(?:the\s+|le\s+)?$", re.I)
_DATELINE_BEFORE = re.compile(r"[ \t]*(?:[A-ZА-ЯԱ-Ֆ][\w .'’-]{0,40},[ \t]*)?")
_DATELINE_AFTER = re.compile(r"[ \t]*[-–—]")
_UNTIL = re.compile(r"\s+(?:qədər|kimi)(?!\w)", re.I)
_AHEAD = timedelta(days=90)  # how far past the latest date a yearless one may fall
_WEEKDAY_YEARS = 7  # every day of the year falls on every weekday within seven years


def select(candidates: Iterable[Found]) -> list[Found]:
    """The longest candidates that do not overlap, in text order (earlier wins a tie)."""
    starts: list[int] = []
    kept: list[Found] = []
    for f in sorted(candidates, key=lambda f: (-f.size, f.start)):
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and kept[i - 1].end > f.start or i < len(kept) and kept[i].start < f.end:
            continue
        starts.insert(i, f.start)
        kept.insert(i, f)
    return kept


def join(text: str, found: list[Found]) -> list[Found]:
    """Join "from A to B", "between A and B", "с A по B", "A-ից B" into ranges."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        joined = _join_pair(text, a, b) if b is not None else None
        if joined is None:
            out.append(a)
            i += 1
        else:
            out.append(joined)
            i += 2
    return out


def _join_pair(text: str, a: Found, b: Found) -> Found | None:
    if not (a.absolute and b.absolute and a.hi is None and b.hi is None and not b.open):
        return None
    assert a.lo is not None and b.lo is not None
    if (a.lo.d is None) != (b.lo.d is None) and a.lo.m is None:
        return None  # a year cannot run to a day
    gap = text[a.end:b.start]
    before = _FROM.search(text, max(0, a.start - 16), a.start)
    if _AND.fullmatch(gap):
        if not (before and before.group("between")):
            return None
    elif not (_CONNECT.fullmatch(gap) or a.open and _SPACE.fullmatch(gap)):
        return None
    start = before.start() if before and not a.open else a.start
    tail = _UNTIL.match(text, b.end)
    return Found(start, tail.end() if tail else b.end, a.lo, b.lo)


def resolve(text: str, found: list[Found],
            published: date | None) -> list[tuple[Found, Dated]]:
    """Each candidate with its dates, in text order; those that cannot be dated are left out.

    An undated text's dateline ("PARIS, January 16, 2023 – Today, ...") is the reference
    date of what follows it.
    """
    out = []
    ctx = Context(published, None, None)
    for f in found:
        dated = f.resolver(ctx) if f.resolver is not None else _absolute(f, ctx)
        if dated is not None and published is None and _dateline(text, f, dated):
            ctx.published = dated.lo.first_day()
        if dated is None or not _valid(dated):
            continue
        out.append((f, dated))
        ctx.previous = dated
        if f.absolute and (ctx.anchor is None or _key(dated.last()) > _key(ctx.anchor)):
            ctx.anchor = dated.last()
    return out


def _dateline(text: str, f: Found, dated: Dated) -> bool:
    """A full date at the start of a line, after at most a place name, before a dash."""
    if dated.precision() != "day" or dated.relative:
        return False
    line_start = text.rfind("\n", 0, f.start) + 1
    return bool(_DATELINE_BEFORE.fullmatch(text, line_start, f.start)
                and _DATELINE_AFTER.match(text, f.end))


def _absolute(f: Found, ctx: Context) -> Dated | None:
    assert f.lo is not None
    if f.century is not None:
        return _two_digit_year(f, ctx)
    lo, hi = f.lo, f.hi
    if hi is not None and lo.y is None and hi.y is None:
        hi = _with_year(hi, ctx, None)
        if hi is None:
            return None
    if hi is not None:
        lo, hi = _share_years(lo, hi)
        assert f.hi is not None
        return Dated(lo, hi, relative=f.lo.y is None and f.hi.y is None)
    if lo.y is not None:
        return Dated(lo, open=f.open)
    dated = _with_year(lo, ctx, f.weekday)
    return Dated(dated, open=f.open, relative=True) if dated is not None else None


def _two_digit_year(f: Found, ctx: Context) -> Dated | None:
    """"12.12.22": the latest year ending in 22 on or before the reference date."""
    assert f.lo is not None and f.century is not None
    reference = ctx.published or (ctx.anchor.first_day() if ctx.anchor else None)
    if reference is None:
        return None
    year = reference.year - (reference.year - f.century) % 100
    parts = f.lo.with_year(year)
    if parts.valid() and parts.first_day() > reference:
        parts = parts.with_year(year - 100)
    return Dated(parts, relative=True)


def _share_years(lo: Parts, hi: Parts) -> tuple[Parts, Parts]:
    """"27 February to 1 March 1988": the start takes the end's year, or the one before."""
    if lo.y is None and hi.y is not None:
        lo = lo.with_year(hi.y)
        if _key(lo) > _key(hi):
            lo = lo.with_year(hi.y - 1)
    elif hi.y is None and lo.y is not None:
        hi = hi.with_year(lo.y)
        if _key(hi) < _key(lo):
            hi = hi.with_year(lo.y + 1)
    return lo, hi


def _with_year(parts: Parts, ctx: Context, weekday: int | None) -> Parts | None:
    if ctx.published is not None:
        p = ctx.published
        this_year = parts.with_year(p.year)
        before = this_year if _key(this_year) <= (p.year, p.month, p.day) else parts.with_year(
            p.year - 1)
        return _on_weekday(before, weekday)
    if ctx.anchor is not None:
        limit = ctx.anchor.first_day() + _AHEAD
        years = [parts.with_year(limit.year - i) for i in (0, 1, 2)]
        return next((y for y in years if y.valid() and y.first_day() <= limit), None)
    return None


def _on_weekday(parts: Parts, weekday: int | None) -> Parts:
    """The latest of the recent years in which the day falls on the weekday written with it."""
    if weekday is None or parts.d is None or parts.y is None:
        return parts
    for year in range(parts.y, parts.y - _WEEKDAY_YEARS, -1):
        candidate = replace(parts, y=year)
        if candidate.valid() and candidate.first_day().weekday() == weekday:
            return candidate
    return parts


def _valid(dated: Dated) -> bool:
    if not dated.lo.valid() or dated.hi is not None and not dated.hi.valid():
        return False
    return dated.hi is None or _key(dated.lo) <= _key(dated.hi)


def _key(parts: Parts) -> tuple[int, int, int]:
    return (parts.y or 0, parts.m or 1, parts.d or 1)


