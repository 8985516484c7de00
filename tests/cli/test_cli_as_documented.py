"""The CLI says what its docs say: help text printed whole, one clear line for a missing
file, ingest's counts naming what `candidates` and `incidents` list, titles readable in
an 80-column terminal."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from rightsledger.cli.main import app
from rightsledger.cli.reference import cli_markdown
from tests.cli.test_cli import rl
from tests.conftest import DEMO_DOCUMENTS

CHOICES = "[a]ccept, [e]dit, [r]eject, [m]erge, [s]kip, [q]uit"


def _commands(name: str, cmd: Any) -> Iterator[tuple[str, Any]]:
    if hasattr(cmd, "commands"):
        for sub_name, sub in cmd.commands.items():
            yield from _commands(f"{name} {sub_name}".strip(), sub)
    else:
        yield name, cmd


def test_review_help_keeps_its_brackets() -> None:
    done = rl("review", "--help", env={"COLUMNS": "160"})
    assert done.returncode == 0 and CHOICES in done.stdout, done.stdout
    assert CHOICES in cli_markdown()  # docs/cli.md says the same


def test_no_help_loses_bracketed_words() -> None:
    """Any `[x]word` a command's help holds is printed as written (rich markup would eat
    it unless escaped)."""
    for name, cmd in _commands("", get_command(app)):
        written = (cmd.help or "").replace("\\[", "[")
        shown = CliRunner().invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
        for word in re.findall(r"\[\w+\]\w*", written):
            assert word in shown.stdout, f"`rightsledger {name} --help` lost {word}"


def test_extract_of_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = rl("extract", str(missing))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"error: {missing}: no such file or folder"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A ledger with the demo documents, ingested as `make demo` does; ingest's line."""
    folder = tmp_path_factory.mktemp("as-documented") / "ledger"
    assert rl("init", str(folder)).returncode == 0
    done = rl("ingest", str(folder), str(DEMO_DOCUMENTS), "--manifest",
              str(DEMO_DOCUMENTS.parent / "manifest.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    return folder, done.stdout


def _listed(*args: str) -> list[dict[str, Any]]:
    done = rl(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def test_ingest_counts_what_candidates_and_incidents_list(demo: tuple[Path, str]) -> None:
    folder, line = demo
    found = re.search(r"(\d+) incident candidates found .*?(\d+) incidents proposed for "
                      r"review", line)
    assert found, line
    candidates = _listed("candidates", str(folder), "--limit", "100000")
    proposed = _listed("incidents", str(folder), "--status", "proposed")
    assert int(found[1]) == len(candidates), line
    assert int(found[2]) == len(proposed), line
    shown = rl("candidates", str(folder), "--limit", "100000").stdout.splitlines()[-1]
    assert shown == f"{len(candidates)} candidate(s)"


@pytest.mark.parametrize("columns", [80, 100])
def test_sources_titles_fit_an_80_column_terminal(demo: tuple[Path, str],
                                                  columns: int) -> None:
    folder, _ = demo
    titles = [s["title"] for s in _listed("sources", str(folder))]
    done = rl("sources", str(folder), env={"COLUMNS": str(columns)})
    assert done.returncode == 0
    assert max(len(line) for line in done.stdout.splitlines()) <= columns
    for title in titles:
        assert title[:40] in done.stdout, f"title cut at {columns} columns: {title}"
