"""A pipeline stage: a versioned name, what it needs, what it adds, and a function.

    STAGE = Stage("dates.v1", needs=("sentences",), adds="dates", run=find_dates)

``run(doc)`` returns the list stored under ``doc.found[adds]``. A stage that raises is
reported in ``doc.warnings`` and the document carries on without what it would have added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rightsledger.extract.document import Doc


@dataclass(frozen=True)
class Stage:
    name: str  # "<adds>.v<version>", recorded with every fact the stage produces
    needs: tuple[str, ...]
    adds: str
    run: Callable[[Doc], list[dict[str, Any]]]

    def apply(self, doc: Doc) -> None:
        try:
            doc.found[self.adds] = self.run(doc)
        except Exception as exc:  # noqa: BLE001 - a failing stage must not stop the document
            doc.found[self.adds] = []
            doc.warnings.append(f"stage {self.name} failed: {type(exc).__name__}: {exc}")
