"""The command line end to end, as a user runs it, on the demo documents."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from rightsledger.cli.main import app
from tests.conftest import DEMO_DOCUMENTS


def rl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rightsledger.cli.main", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "ledger"
    assert rl("init", str(folder)).returncode == 0
    done = rl("ingest", str(folder), str(DEMO_DOCUMENTS), "--manifest",
              str(DEMO_DOCUMENTS.parent / "manifest.csv"), "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def test_every_command_has_help_with_an_example() -> None:
    command = get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        assert "Example:" in (sub.help or ""), f"`rightsledger {name} --help` has no example"


def test_demo_ingest_reports_every_file(demo_ledger: Path) -> None:
    listed = json.loads(rl("sources", str(demo_ledger), "--format", "json").stdout)
    files = [p for p in DEMO_DOCUMENTS.rglob("*")
             if p.is_file() and not p.name.endswith(".json")]
    assert len(listed) == len(files)
    assert {s["language"] for s in listed} >= {"en", "ru", "hy", "fr"}


def test_search_finds_inflected_russian(demo_ledger: Path) -> None:
    found = json.loads(rl("search", str(demo_ledger), "Степанакерт", "--format", "json").stdout)
    assert found["hits"] and all(h["language"] == "ru" for h in found["hits"])
    assert any("<mark>Степанакерт" in h["snippet"] for h in found["hits"])


def test_ledger_from_environment(demo_ledger: Path) -> None:
    done = rl("search", "Lachin", "--format", "json", env={"RIGHTSLEDGER_HOME": str(demo_ledger)})
    assert done.returncode == 0 and json.loads(done.stdout)["hits"]


def test_show_gives_metadata_text_and_custody(demo_ledger: Path) -> None:
    first = json.loads(rl("sources", str(demo_ledger), "--format", "json").stdout)[0]
    shown = json.loads(rl("show", str(demo_ledger), first["id"][:10], "--format", "json").stdout)
    assert shown["source"]["id"] == first["id"]
    assert [e["action"] for e in shown["custody"]][0] == "ingest"


def test_verify_passes_then_names_a_tampered_object(demo_ledger: Path, tmp_path: Path) -> None:
    assert rl("verify", str(demo_ledger)).returncode == 0
    copy = tmp_path / "copy"
    shutil.copytree(demo_ledger, copy)
    victim = json.loads(rl("sources", str(copy), "--format", "json").stdout)[-1]["id"]
    path = copy / "objects" / victim[:2] / victim[2:]
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes() + b"x")
    done = rl("verify", str(copy))
    assert done.returncode == 1 and victim in done.stderr


def test_errors_are_one_clear_line(tmp_path: Path) -> None:
    done = rl("sources", str(tmp_path / "nothing-here"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "no ledger at" in done.stderr and "rightsledger init" in done.stderr


def test_failed_file_makes_exit_code_nonzero(tmp_path: Path) -> None:
    assert rl("init", str(tmp_path / "l")).returncode == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    done = rl("ingest", str(tmp_path / "l"), str(tmp_path / "in"))
    assert done.returncode == 1
    assert "broken.pdf" in done.stderr and "1 failed" in done.stdout
