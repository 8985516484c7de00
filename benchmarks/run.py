"""Run the benchmarks and print each figure beside a reference measured in the same run.

    .venv/bin/python benchmarks/run.py                 # full sizes (make bench), ~4 minutes
    .venv/bin/python benchmarks/run.py --quick         # small sizes, a smoke test (~1 minute)
    .venv/bin/python benchmarks/run.py --only search   # one benchmark
    .venv/bin/python benchmarks/run.py --quick --profile   # where the time goes (cProfile)
    .venv/bin/python benchmarks/run.py --only import --import-rows 1000000   # 1M rows

Progress goes to stderr, the table to stdout. A missed goal is marked MISSED in the table;
the exit status stays 0 unless --strict is given (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

import bench_capture
import bench_duplicates
import bench_encryption
import bench_extract
import bench_import
import bench_ingest
import bench_ocr
import bench_photos
import bench_propose
import bench_report
import bench_review
import bench_search
from measure import Profiler, Row, print_table

BENCHES = {"ingest": bench_ingest.run, "duplicates": bench_duplicates.run,
           "search": bench_search.run, "extract": bench_extract.run,
           "review": bench_review.run, "photos": bench_photos.run,
           "report": bench_report.run, "encryption": bench_encryption.run,
           "import": bench_import.run, "propose": bench_propose.run, "ocr": bench_ocr.run,
           "capture": bench_capture.run}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="RightsLedger benchmarks: figures beside same-run references.",
        epilog="example: .venv/bin/python benchmarks/run.py --quick --only duplicates")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--only", choices=sorted(BENCHES), action="append",
                        help="run only this benchmark (may be repeated)")
    parser.add_argument("--profile", action="store_true",
                        help="profile the timed calls with cProfile and print the top "
                             "functions (figures are then inflated)")
    parser.add_argument("--import-rows", type=int, metavar="N",
                        help="rows of the import benchmark's CSV (default 100,000; 20,000 "
                             "with --quick), e.g. 1000000")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a goal is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    profiler = Profiler(args.profile)
    bench_import.ROWS = args.import_rows
    rows: list[Row] = []
    started = time.perf_counter()
    for name in args.only or list(BENCHES):
        print(f"{name}{' (quick)' if args.quick else ''}", file=sys.stderr, flush=True)
        rows += BENCHES[name](args.quick, profiler)
    print(f"RightsLedger benchmarks{' --quick' if args.quick else ''}: "
          f"Python {platform.python_version()}, {platform.machine()}, "
          f"finished in {time.perf_counter() - started:.0f} s")
    print_table(rows)
    for report in profiler.reports:
        print("\n" + report)
    missed = [r for r in rows if r.met is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
