"""Import at size: `rightsledger import` of a partner's CSV of incidents, on SQLite and on
PostgreSQL, beside a plain bulk insert of the same rows measured in the same run.

The file has 100,000 rows by default (20,000 with --quick; any number with
``--import-rows``, e.g. 1,000,000): type, dates, one or two places, a description, a
claimant (40 distinct) and casualty figures, the shape of a partner's event list. The
**reference** reads the same file with the csv module and inserts every row, as it is,
into a bare table of the same database with one ``executemany`` in one transaction: the
least any importer must do. The import does that plus checking every cell, places and
claimants, grading, the claim, the incident's places and an audit entry per record.

Each import runs in a child process so that its peak resident size is its own
(``VmHWM`` of the child: ``ru_maxrss`` would keep the parent's, inherited at fork); an
empty child (the same imports, the ledger opened, nothing read) is measured beside it.
Goal: 1,000,000 rows in under 5 minutes on 2 cores, i.e. at least 3,334 rows/s at any size
(the import is linear: batches of 1,000 rows).
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import Profiler, Row, note, rate

from rightsledger.db.pgcluster import PostgresMissing, new_database, postgres_server
from rightsledger.ledger import Ledger
from rightsledger.workflow.importing import import_file

NAME = "import"
ROWS: int | None = None  # set by run.py --import-rows
GOAL_SECONDS_PER_MILLION = 300.0
GOAL_RATE = 1_000_000 / GOAL_SECONDS_PER_MILLION
PLACES = ["Stepanakert", "Shushi", "Goris", "Martakert", "Lachin corridor", "Askeran",
          "Hadrut", "Kapan"]
TYPES = ["shelling", "killing", "injury", "blockade", "detention", "property_destruction",
         "other"]
CLAIMANTS = [f"Partner Monitor {n}" for n in range(40)]
HEADER = ["type", "date_start", "date_end", "places", "description", "claimed_by", "killed",
          "injured"]

CHILD = """
import json, sys, time
from pathlib import Path
from rightsledger.ledger import Ledger
from rightsledger.workflow.importing import import_file
folder, path = sys.argv[1], sys.argv[2]
with Ledger.open(Path(folder)) as ledger:
    start = time.perf_counter()
    done = import_file(ledger, Path(path), "bench") if path else None
    took = time.perf_counter() - start
status = Path("/proc/self/status").read_text()
peak = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:")))
print(json.dumps({"seconds": took, "created": done.created if done else 0, "peak_kb": peak}))
"""


def write_csv(path: Path, count: int, seed: int = 3) -> None:
    """``count`` synthetic rows, the same on every run."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for n in range(count):
            day = f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            out.writerow([rng.choice(TYPES), day, day,
                          ";".join(rng.sample(PLACES, rng.choice((1, 1, 2)))),
                          f"Event {n} reported by the partner network", rng.choice(CLAIMANTS),
                          rng.choice(("", "", 1, 2, 3)), rng.choice(("", 1, 4))])


def plain_insert(ledger: Ledger, path: Path) -> float:
    """The reference: csv rows as they are into a bare table, one executemany."""
    columns = ", ".join(f"{h} TEXT" for h in HEADER)
    sqlite = ledger.store.engine.dialect.name == "sqlite"
    marks = ", ".join(f":{h}" if sqlite else f"%({h})s" for h in HEADER)
    key = "INTEGER PRIMARY KEY" if sqlite else "SERIAL PRIMARY KEY"
    start = time.perf_counter()
    with ledger.store.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE bench_plain (id {key}, {columns})")
        with path.open(encoding="utf-8", newline="") as f:
            conn.exec_driver_sql(f"INSERT INTO bench_plain ({', '.join(HEADER)}) VALUES "
                                 f"({marks})", list(csv.DictReader(f)))
    return time.perf_counter() - start


def in_child(folder: Path, path: Path | None) -> dict[str, float]:
    found = subprocess.run([sys.executable, "-c", CHILD, str(folder),
                            str(path) if path else ""], check=True, capture_output=True,
                           text=True)
    result: dict[str, float] = json.loads(found.stdout.strip().splitlines()[-1])
    return result


def bench_engine(engine: str, folder: Path, url: Callable[[], str | None], path: Path,
                 count: int, profiler: Profiler) -> list[Row]:
    """``url`` gives a new database for each ledger (None: SQLite in the ledger folder)."""
    with Ledger.init(folder / "ref", url()) as ledger:
        note(f"import: plain insert of {count:,} rows into {engine} (reference)")
        reference = plain_insert(ledger, path)
    Ledger.init(folder / "ledger", url()).close()
    empty = in_child(folder / "ledger", None)
    note(f"import: {count:,} rows into {engine}")
    if profiler.enabled:
        with Ledger.init(folder / "profiled", url()) as ledger:
            profiler.run(f"import on {engine}", import_file, ledger, path, "bench")
    done = in_child(folder / "ledger", path)
    took = done["seconds"]
    if done["created"] != count:
        raise RuntimeError(f"import created {done['created']} of {count} incidents")
    return [
        Row(NAME, f"{engine}: import of {count:,} rows", f"{took:.1f} s, "
            f"{rate(count, took, 'rows')}", f"plain executemany {reference:.1f} s, "
            f"{rate(count, reference, 'rows')}", took / reference,
            f">= {GOAL_RATE:,.0f} rows/s (1M in 5 min)", count / took >= GOAL_RATE),
        Row(NAME, f"{engine}: peak memory of the importing process (info)",
            f"{done['peak_kb'] / 1024:,.0f} MB", f"the same process importing nothing "
            f"{empty['peak_kb'] / 1024:,.0f} MB", done["peak_kb"] / empty["peak_kb"]),
    ]


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = ROWS or (20_000 if quick else 100_000)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rl-bench-import-") as tmp:
        work = Path(tmp)
        note(f"import: writing a CSV of {count:,} rows")
        write_csv(work / "incidents.csv", count)
        rows += bench_engine("SQLite", work / "sqlite", lambda: None, work / "incidents.csv",
                             count, profiler)
        try:
            with postgres_server() as server:
                rows += bench_engine("PostgreSQL", work / "pg",
                                     lambda: new_database(server),
                                     work / "incidents.csv", count, profiler)
        except PostgresMissing as exc:
            rows.append(Row(NAME, "PostgreSQL: not measured", str(exc), met=False))
    return rows
