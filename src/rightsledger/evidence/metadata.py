"""Metadata that comes with files: command-line defaults, a CSV manifest, JSON sidecars.

Later wins: defaults < manifest.csv row < ``name.ext.json`` sidecar. What a reader finds in
the document itself (an HTML title, a PDF author) fills only what none of these gave.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.vocabularies import check_source_kind

FIELDS = ("kind", "publisher", "author", "url", "title", "published", "language",
          "captured_at", "captured_by")
MANIFEST = "manifest.csv"
SIDECAR_SUFFIX = ".json"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def clean(values: dict[str, Any], where: str) -> dict[str, str]:
    """Keep known, non-empty fields; fail on unknown fields, a bad date or an unknown kind."""
    unknown = set(values) - set(FIELDS) - {"file"}
    if unknown:
        raise BadInput(f"{where}: unknown metadata field(s) {', '.join(sorted(unknown))}; "
                       f"known are {', '.join(FIELDS)}")
    out = {k: str(v).strip() for k, v in values.items() if k in FIELDS and v not in (None, "")}
    if "published" in out and not _DATE.match(out["published"]):
        raise BadInput(f"{where}: published date '{out['published']}' is not YYYY-MM-DD")
    if "kind" in out:
        check_source_kind(out["kind"])
    return out


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX) and path.with_name(path.name[:-5]).exists()


def read_sidecar(path: Path) -> dict[str, str]:
    """The sidecar of ``path`` if there is one, else {}."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        values = json.loads(side.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"sidecar {side.name} is not valid JSON: {exc}") from exc
    if not isinstance(values, dict):
        raise BadInput(f"sidecar {side.name} must hold a JSON object")
    return clean(values, f"sidecar {side.name}")


def read_manifest(path: Path) -> dict[Path, dict[str, str]]:
    """Rows of a CSV manifest keyed by the resolved path of the file each describes."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BadInput(f"cannot read manifest: {exc}") from exc
    entries = {}
    for line, row in enumerate(rows, start=2):
        if not row.get("file"):
            raise BadInput(f"manifest line {line}: the 'file' column is empty")
        target = (path.parent / row["file"]).resolve()
        entries[target] = clean(row, f"manifest line {line}")
    return entries
