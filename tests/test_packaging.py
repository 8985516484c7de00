"""The first run prints only the project's own lines (issue 18, point 10): the packaging
metadata is what setuptools reads without a deprecation warning."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_licence_is_an_spdx_expression_for_a_setuptools_that_reads_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    # a table ({text = ...}) makes setuptools >= 77 print a deprecation box at every install
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    build = project["build-system"]["requires"]
    pinned = next(r for r in build if r.startswith("setuptools"))
    version = re.search(r">=\s*(\d+)", pinned)
    assert version and int(version.group(1)) >= 77  # PEP 639 licence expressions
    assert not any(c.startswith("License ::") for c in project["project"].get(
        "classifiers", []))  # with an expression, setuptools refuses licence classifiers
