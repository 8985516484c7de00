"""Write the generated documentation pages: docs/cli.md and docs/settings.md."""

from pathlib import Path

from rightsledger.cli.reference import cli_markdown, settings_markdown

docs = Path(__file__).resolve().parent.parent / "docs"
(docs / "cli.md").write_text(cli_markdown(), encoding="utf-8")
(docs / "settings.md").write_text(settings_markdown(), encoding="utf-8")
print("wrote docs/cli.md and docs/settings.md")
