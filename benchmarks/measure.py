"""Timing, percentiles, profiling and the plain table every benchmark reports into."""

from __future__ import annotations

import cProfile
import io
import math
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    """One figure beside its same-run reference; ``met`` is None for information only."""

    bench: str
    figure: str
    value: str
    reference: str = ""
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None


def note(message: str) -> None:
    """Progress for the person watching; the figures themselves go to the table."""
    print(f"  … {message}", file=sys.stderr, flush=True)


def timed(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


class Profiler:
    """Profiles the calls it is asked to run when enabled; prints the top functions later."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.reports: list[str] = []

    def run(self, label: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if not self.enabled:
            return fn(*args, **kwargs)
        profile = cProfile.Profile()
        result = profile.runcall(fn, *args, **kwargs)
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs()
        stats.sort_stats("tottime").print_stats(15)
        self.reports.append(f"== profile: {label} (by own time; timings inflated) ==\n"
                            + out.getvalue())
        return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def rate(count: float, seconds: float, unit: str) -> str:
    return f"{count / seconds:,.1f} {unit}/s" if seconds > 0 else f"inf {unit}/s"


def print_table(rows: list[Row]) -> None:
    """A plain, aligned table: figure, value, reference, ratio, goal, result."""
    header = ("bench", "figure", "value", "same-run reference", "ratio", "goal", "result")
    lines = [header] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)
    print(rule)
    for n, line in enumerate(lines):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print(rule)
    print(rule)


def _cells(r: Row) -> tuple[str, ...]:
    ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
    result = {None: "", True: "ok", False: "MISSED"}[r.met]
    return (r.bench, r.figure, r.value, r.reference, ratio, r.goal, result)
