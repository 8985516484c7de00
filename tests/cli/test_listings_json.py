"""Every listing command takes `--format json` and prints JSON, as the README promises.

The listings are found in the CLI app itself, not in a list kept here: a command is a
listing when it runs on the ledger folder alone (nothing else required) and either its name
is a plural noun (`sources`, `stories`, `users list`) or it already offers `--format`. Each
runs with `--format json` on a small ledger holding one of everything; its output must be
JSON and must not be empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from rightsledger.cli.main import app
from tests.conftest import DEMO_DOCUMENTS
from tests.media import images

RUNNER = CliRunner()
ENV: dict[str, str | None] = {"RIGHTSLEDGER_ACTOR": "tester", "RIGHTSLEDGER_HOME": None}


def _walk(name: tuple[str, ...], cmd: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``cmd`` with its words (`users list`); typer's click may be its
    own copy, so groups are told by their ``commands``."""
    if hasattr(cmd, "commands"):
        for sub_name, sub in cmd.commands.items():
            yield from _walk((*name, sub_name), sub)
    else:
        yield name, cmd


def _ledger_only(cmd: Any) -> bool:
    """The command's one argument is the ledger folder and no option is required."""
    arguments = [p for p in cmd.params if p.param_type_name == "argument"]
    return (len(arguments) == 1 and arguments[0].envvar == "RIGHTSLEDGER_HOME"
            and not any(p.required for p in cmd.params))


def _is_listing(name: tuple[str, ...], cmd: Any) -> bool:
    plural = name[-1] == "list" or name[-1].endswith("s")
    has_format = any("--format" in getattr(p, "opts", ()) for p in cmd.params)
    return _ledger_only(cmd) and (plural or has_format)


def listings() -> list[tuple[str, ...]]:
    return sorted(name for name, cmd in _walk((), get_command(app)) if _is_listing(name, cmd))


def run(*args: str) -> tuple[int, str]:
    done = RUNNER.invoke(app, list(args), env=ENV, catch_exceptions=False)
    return done.exit_code, done.stdout if done.exit_code == 0 else done.output


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One source with candidates, an incident, a photo, a story with its consent, a
    contact, an engagement, a disruption, a statement, an obligation, a user and an
    inquiry."""
    root = tmp_path_factory.mktemp("listings")
    ledger = str(root / "ledger")
    photo = images.write(root / "in", "queue.jpg", images.photo())
    steps = [
        ["init", ledger],
        ["ingest", ledger, str(DEMO_DOCUMENTS / "gas-cut-2023-01.txt"),
         str(DEMO_DOCUMENTS / "lachin-corridor-day-50.html")],
        ["photo-add", ledger, str(photo), "--incident", "1", "--photographer", "P"],
        ["story-add", ledger, "--title", "Night", "--text", "We waited all night.",
         "--incident", "1"],
        ["consent", ledger, "--story", "1", "--person", "Someone", "--scopes", "reports"],
        ["contact-add", ledger, "--name", "Someone Else", "--kind", "fixer"],
        ["engagement-add", ledger, "--kind", "press_trip", "--title", "Trip",
         "--from", "2023-02-01"],
        ["disruption", ledger, "--kind", "gas", "--area", "Region", "--start", "2023-01-17"],
        ["statement", ledger, "--by", "Some NGO", "--date", "2023-02-09",
         "--demand", "restore the gas"],
        ["obligation", ledger, "--kind", "court_order", "--issuer", "A court",
         "--addressee", "A state", "--title", "Order", "--date", "2023-02-22"],
        ["users", "add", ledger, "ana", "--role", "analyst"],
        ["inquiry", "add", ledger, "--reference", "R/1", "--to", "A ministry", "--sent",
         "2023-03-01", "--subject", "Gas", "--question", "When?"],
    ]
    for step in steps:
        code, output = run(*step)
        assert code == 0, f"{' '.join(step)}: {output}"
    return root / "ledger"


def test_the_listings_are_found_in_the_app() -> None:
    found = {" ".join(name) for name in listings()}
    # the two that refused --format json, and one of a group, must be among those found
    assert {"stories", "consents", "users list", "sources", "incidents"} <= found, found


@pytest.mark.parametrize("name", listings(), ids=" ".join)
def test_every_listing_prints_json(small_ledger: Path, name: tuple[str, ...]) -> None:
    code, output = run(*name, str(small_ledger), "--format", "json")
    assert code == 0, f"rightsledger {' '.join(name)} --format json: {output}"
    parsed = json.loads(output)
    assert parsed, f"rightsledger {' '.join(name)} listed nothing from the small ledger"
