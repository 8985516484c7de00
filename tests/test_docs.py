"""The documentation follows the code: generated pages are current, every command is toured."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from rightsledger.cli.main import app
from rightsledger.cli.reference import cli_markdown, settings_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text("utf-8") == cli_markdown(), "run `make docs`"


def test_settings_page_is_current() -> None:
    assert (ROOT / "docs" / "settings.md").read_text("utf-8") == settings_markdown(), \
        "run `make docs`"


def test_readme_names_the_doors_and_every_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"rightsledger {name}" in readme, f"README's tour lacks `rightsledger {name}`"
