"""SIGKILL during ingest, many times at random moments: the ledger stays verifiable, every
acknowledged file is recorded, and running the same ingest again completes it."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rightsledger.evidence.verify import verify
from rightsledger.ledger import Ledger

KILLS = {"sqlite": 25, "postgresql": 10}


def _inbox(folder: Path, n: int) -> Path:
    folder.mkdir()
    rng = random.Random(7)
    words = ("gas electricity road corridor bridge checkpoint shelling ombudsman report "
             "residents Stepanakert Martuni Hadrut Lachin convoy flour medicine school").split()
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(120))
        (folder / f"doc-{i:04d}.txt").write_text(f"Document {i}. {text}.", "utf-8")
    return folder


def _run_ingest(ledger_dir: Path, inbox: Path, batch: int) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "rightsledger.cli.main", "ingest", str(ledger_dir), str(inbox),
           "--format", "json", "--batch-size", str(batch)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _acknowledged(output: str) -> set[str]:
    ids = set()
    for line in output.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the last line may be cut by the kill
        if record.get("status") in ("added", "seen"):
            ids.add(record["source_id"])
    return ids


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path, database_url: str | None,
                                                 request: pytest.FixtureRequest) -> None:
    engine = request.node.callspec.params["database_url"]
    with Ledger.init(tmp_path / "ledger", database_url) as led:
        ledger_dir = led.path
    inbox = _inbox(tmp_path / "inbox", 400)
    rng = random.Random(2022_12_12)
    acknowledged: set[str] = set()
    for _ in range(KILLS[engine]):
        proc = _run_ingest(ledger_dir, inbox, rng.choice([1, 3, 16, 64]))
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged |= _acknowledged(out)
        with Ledger.open(ledger_dir) as led:
            report = verify(led)
            assert report.ok, report.problems
            recorded = {sha for sha, _ in led.store.source_ids()}
        assert acknowledged <= recorded
    final = _run_ingest(ledger_dir, inbox, 64)
    out, _ = final.communicate(timeout=300)
    assert final.returncode == 0
    with Ledger.open(ledger_dir) as led:
        report = verify(led)
        assert report.ok and report.unreferenced == []
        assert led.store.count_sources() == 400
    assert acknowledged, "no kill happened after an acknowledgement: the test proved nothing"
