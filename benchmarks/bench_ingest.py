"""Ingest throughput beside a floor: the least any durable evidence store must do per file.

The floor reads each file, hashes it with SHA-256 and stores a copy under its hash exactly
as durably as our object store does (temp file, fsync, rename, fsync of the folder). Ingest
does that plus reading the text, language identification, the MinHash fingerprint, the
record, its search row and a signed custody entry, and near-duplicate grouping at the end.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from generate import write_articles
from measure import Profiler, Row, note, rate, timed

from rightsledger.ground import fsync_dir
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest

NAME = "ingest"
GOAL_RATIO = 3.0


def copy_floor(source: Path, target: Path, durable: bool = True) -> int:
    """Read, hash and store every file of ``source`` under ``target``; return the count."""
    tmp = target / "tmp"
    tmp.mkdir(parents=True)
    count = 0
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        data = Path(entry.path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        _store(target, tmp, sha, data, durable)
        count += 1
    return count


def _store(root: Path, tmp: Path, sha: str, data: bytes, durable: bool) -> None:
    shard = root / sha[:2]
    shard_is_new = not shard.is_dir()
    shard.mkdir(exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp, prefix="put-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        if durable:
            f.flush()
            os.fsync(f.fileno())
    os.chmod(tmp_name, 0o444)
    os.replace(tmp_name, shard / sha[2:])
    if durable:
        fsync_dir(shard)
        if shard_is_new:
            fsync_dir(root)


def warm_up(work: Path) -> None:
    """Ingest one article into a throwaway ledger: loads the language and extraction models."""
    write_articles(work / "warm-up", 1, seed=99)
    with Ledger.init(work / "warm-up-ledger") as ledger:
        ingest(ledger, [work / "warm-up"], {"kind": "article"})


def _ingest(profiler: Profiler, folder: Path, ledger_dir: Path, count: int,
            extract: bool) -> float:
    """Seconds to ingest ``folder`` into a new ledger."""
    with Ledger.init(ledger_dir) as ledger:
        summary, took = timed(profiler.run, "ingest", ingest, ledger, [folder],
                              {"kind": "article", "publisher": "Bench"}, extract=extract)
    if summary.added != count or summary.failed:
        raise RuntimeError(f"ingest added {summary.added} of {count} files, "
                           f"{summary.failed} failed: {summary.failures[:3]}")
    return took


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 300 if quick else 3000
    with tempfile.TemporaryDirectory(prefix="rl-bench-ingest-") as tmp:
        work = Path(tmp)
        note(f"ingest: writing {count} articles")
        size = write_articles(work / "articles", count)
        mb = size / 1e6
        note("ingest: floor (read, sha256, durable copy)")
        os.sync()  # else the floor's first fsyncs would also flush the articles just written
        _, floor = timed(copy_floor, work / "articles", work / "floor")
        _, loose = timed(copy_floor, work / "articles", work / "loose", durable=False)
        os.sync()
        _, warmup = timed(warm_up, work)
        words = sum(len(p.read_text("utf-8").split()) for p in (work / "articles").iterdir())
        note(f"ingest: {count} files into a new SQLite ledger, --no-extract")
        took = _ingest(profiler, work / "articles", work / "ledger", count, extract=False)
        note(f"ingest: {count} files into a new SQLite ledger, with extraction")
        full = _ingest(profiler, work / "articles", work / "ledger-x", count, extract=True)
    ratio = took / floor
    return [
        Row(NAME, f"floor: {count} files, {mb:.1f} MB",
            f"{rate(count, floor, 'docs')}, {rate(mb, floor, 'MB')}"),
        Row(NAME, f"ingest --no-extract into SQLite ({count} docs)",
            f"{rate(count, took, 'docs')}, {rate(mb, took, 'MB')}",
            f"floor {floor:.2f} s vs ingest {took:.2f} s", ratio,
            f"ratio <= {GOAL_RATIO:g}", ratio <= GOAL_RATIO),
        Row(NAME, f"ingest with extraction ({count} docs, info)",
            f"{rate(count, full, 'docs')}, {rate(words, full, 'words')}",
            f"floor {floor:.2f} s vs ingest {full:.2f} s", full / floor),
        Row(NAME, "ingest vs floor without fsync (info)", f"{took:.2f} s",
            f"no-fsync floor {loose:.2f} s ({rate(count, loose, 'docs')})", took / loose),
        Row(NAME, "warm-up: first ingest of 1 file, once (info)", f"{warmup:.2f} s",
            "models loading; outside the timed ingest"),
    ]
