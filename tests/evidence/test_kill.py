"""Promise 1, crash atomicity (docs/security.md): SIGKILL during ingest, many times at random
moments with varied batch sizes (10 on SQLite and 4 on PostgreSQL in make test, 50 and 20 in
make soak): after each, verify passes (the database's integrity check and the FTS index
check, every object re-hashed, the custody chain, ingest entries one-to-one with source
records), every acknowledged file is recorded, and running the same ingest again completes
it."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rightsledger.ledger import Ledger
from rightsledger.workflow.verify import verify

SOAK = os.environ.get("RIGHTSLEDGER_SOAK") == "1"  # make soak: the heavier variant
KILLS = {"sqlite": 50, "postgresql": 20} if SOAK else {"sqlite": 10, "postgresql": 4}
FILES = 2500


def _inbox(folder: Path, n: int) -> Path:
    folder.mkdir()
    rng = random.Random(7)
    words = ("gas electricity road corridor bridge checkpoint shelling ombudsman report "
             "residents Stepanakert Martuni Hadrut Lachin convoy flour medicine school").split()
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(120))
        (folder / f"doc-{i:04d}.txt").write_text(f"Document {i}. {text}.", "utf-8")
    return folder


def _run_ingest(ledger_dir: Path, inbox: Path, batch: int,
                *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "rightsledger.cli.main", "ingest", str(ledger_dir), str(inbox),
           "--format", "json", "--batch-size", str(batch), *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _parse(line: str) -> dict:
    try:
        return json.loads(line)
    except ValueError:
        return {}  # the last line may be cut by the kill


def _kill_after(proc: subprocess.Popen[str], new_files: int, delay: float) -> list[dict]:
    """Read acknowledgements until ``new_files`` were added, wait ``delay``, SIGKILL."""
    assert proc.stdout is not None
    lines: list[dict] = []
    while sum(r.get("status") == "added" for r in lines) < new_files:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(_parse(line))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    return lines + [_parse(line) for line in rest.splitlines()]


@pytest.mark.slow
@pytest.mark.timeout(3600 if SOAK else 600)  # about a minute per engine here (make test)
def test_promise_1_sigkill_at_random_moments_loses_nothing(tmp_path: Path, database_url: str | None,
                                                 request: pytest.FixtureRequest) -> None:
    engine = request.node.callspec.params["database_url"]
    with Ledger.init(tmp_path / "ledger", database_url) as led:
        ledger_dir = led.path
    inbox = _inbox(tmp_path / "inbox", FILES)
    rng = random.Random(2022_12_12)
    acknowledged: set[str] = set()
    interrupted = 0
    for _ in range(KILLS[engine]):
        proc = _run_ingest(ledger_dir, inbox, rng.choice([1, 3, 16, 64]))
        lines = _kill_after(proc, rng.randrange(0, 200), rng.uniform(0, 0.05))
        acknowledged |= {r["source_id"] for r in lines if r.get("status") in ("added", "seen")}
        interrupted += not any("summary" in r for r in lines)
        with Ledger.open(ledger_dir) as led:
            report = verify(led)
            assert report.ok, report.problems
            recorded = {sha for sha, _ in led.store.source_ids()}
        assert acknowledged <= recorded
    final = _run_ingest(ledger_dir, inbox, 64, "--no-extract")  # the rest, quickly
    out, _ = final.communicate(timeout=300)
    assert final.returncode == 0
    with Ledger.open(ledger_dir) as led:
        report = verify(led)
        assert report.ok and report.unreferenced == []
        assert led.store.count_sources() == FILES
    assert interrupted == KILLS[engine], "an ingest finished before its kill: nothing was proved"
