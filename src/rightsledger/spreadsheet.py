"""CSV cells that a spreadsheet opens as text, never as a formula (docs/security.md, 15).

Excel, LibreOffice Calc and Google Sheets evaluate a cell whose first character is ``=``,
``+``, ``-`` or ``@`` (and, in some versions, a tab, a carriage return, a line feed or a NUL
before one), so a record's text such as ``=HYPERLINK("http://x")`` would become a live link
or a command in the hands of whoever opens an export. Following OWASP's advice on CSV
injection, such a cell is written with a single quote in front (``'=HYPERLINK(...)``),
which spreadsheets take as "this is text".

Kept as they are: numbers (an ``int`` or ``float`` such as a latitude, or a string that is a
plain decimal number such as ``-3.5``): a spreadsheet reads them as numbers, which cannot be
formulas. A text that already starts with quotes before such a character gets one more, so
``restore`` (used by ``rightsledger import``) gives back every original exactly:
``restore(guard(v)) == v`` for every text ``v``.

Every text cell is also written between double quotes (numbers are not), so a line break
or a separator inside a cell cannot start a new row or cell where a formula could hide.

Every CSV RightsLedger writes goes through ``writer``/``guard``; records (import) and
publish (exports) both use this module, which imports nothing of ours.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

TRIGGERS = frozenset("=+-@\t\r\n\0")
QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def guard(value: Any) -> Any:
    """The cell to write for ``value``: a text that could start a formula gets a leading
    ``'``; numbers and other texts are returned unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if _guarded(value) or (value[0] in TRIGGERS and not _NUMBER.fullmatch(value)):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The original text of a cell written by ``guard`` (a cell ``guard`` left alone is
    returned unchanged)."""
    return cell[1:] if _guarded(cell) else cell


def _guarded(text: str) -> bool:
    """Whether ``text`` is one or more quotes followed by a formula character."""
    rest = text.lstrip(QUOTE)
    return len(rest) < len(text) and rest[:1] in TRIGGERS


class Writer:
    """A ``csv.DictWriter`` whose every cell passes through ``guard``."""

    def __init__(self, f: IO[str], header: list[str]):
        self.header = header
        # every text quoted (OWASP's advice too): a lone CR inside a cell, which the csv
        # module would leave bare with "\n" line ends, cannot end the row early
        self._out = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)

    def writeheader(self) -> None:
        self._out.writerow([guard(h) for h in self.header])

    def writerow(self, row: dict[str, Any]) -> None:
        self._out.writerow([guard(_plain(row.get(k))) for k in self.header])

    def writerows(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(f: IO[str], header: list[str]) -> Writer:
    """The one way RightsLedger writes a CSV: a header row, then guarded cells."""
    return Writer(f, header)


def _plain(value: Any) -> Any:
    return "" if value is None else value
