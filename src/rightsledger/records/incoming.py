"""Files to import, read as a stream of rows: CSV (UTF-8, comma-separated, a header row)
or JSON (a list of objects, or {"incidents": [...]}).

Whatever is wrong with a file is one BadInput line naming the line or the row and column,
never a traceback (docs/security.md, promise 12): text that is not UTF-8 (a UTF-16 file, a
stray Latin-1 byte), NUL bytes, a line or a cell over its limit, another separator than the
comma, a header naming a column twice, JSON nested deeper than a record can be.

A CSV is read a line at a time (memory stays bounded whatever its size); a JSON file is
read as text and walked one record at a time, so only its text is held, not a tree of it.
A CSV cell written by our exports with a leading ``'`` (``rightsledger.spreadsheet``) gets
its original text back.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rightsledger import spreadsheet
from rightsledger.errors import BadInput

CELL_LIMIT = 131_072  # characters: Python's default limit, set again before each read (a
# library such as frictionless raises the process-wide limit when it is imported)
LINE_LIMIT = 4 * 1024 * 1024  # characters in one line of a CSV
RECORD_LIMIT = 8 * 1024 * 1024  # characters in one CSV record (a cell may span lines)
CHUNK = 1024 * 1024
BOMS = {codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",
        codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}
OTHER_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "bars"}
Row = tuple[int, dict[str, Any]]


def rows(path: Path) -> Iterator[Row]:
    """(row number from 1, {column: value}) for each record of ``path``."""
    if path.suffix.lower() == ".json":
        return _json_rows(path, _text(path))
    _check_text(path)
    return _csv_rows(path)


def _fail(path: Path, where: str, what: str) -> BadInput:
    return BadInput(f"{path.name}: {where}{': ' if where else ''}{what}; nothing was imported")


# -- the bytes ----------------------------------------------------------------------------------
def _check_text(path: Path) -> None:
    """UTF-8 without NUL bytes, checked in one pass over the bytes (a line named)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    try:
        with path.open("rb") as f:
            head = f.read(4)
            _refuse_bom(path, head)
            f.seek(0)
            while chunk := f.read(CHUNK):
                if b"\0" in chunk:
                    at = line + chunk[:chunk.index(b"\0")].count(b"\n")
                    raise _fail(path, f"line {at}", "a NUL byte: this is not a text CSV file "
                                "(export it again as CSV UTF-8)")
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    at = line + chunk[:exc.start].count(b"\n")
                    raise _fail(path, f"line {at}", "not UTF-8 text (save the file as CSV "
                                "UTF-8)") from None
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _fail(path, f"line {line}", "the file ends inside a character: not UTF-8 "
                    "text") from None
    except OSError as exc:
        raise _fail(path, "", f"cannot read it: {exc.strerror or exc}") from None


def _refuse_bom(path: Path, head: bytes) -> None:
    for bom, name in BOMS.items():
        if head.startswith(bom):
            raise _fail(path, "", f"the file is {name} text: save it as UTF-8")


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, "", f"cannot read it: {exc.strerror or exc}") from None
    _refuse_bom(path, data[:4])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _fail(path, f"line {line}", "not UTF-8 text (save the file as UTF-8)") from None


# -- CSV ----------------------------------------------------------------------------------------
class _Lines:
    """The file's lines for csv.reader, each at most LINE_LIMIT long, keeping the lines of
    the record being read (to name the column a reading error is in)."""

    def __init__(self, path: Path, f: Any):
        self.path, self.f = path, f
        self.record: list[str] = []
        self.size = 0
        self.number = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.f.readline(LINE_LIMIT)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) >= LINE_LIMIT and not line.endswith("\n"):
            raise _fail(self.path, f"line {self.number}", f"a line over {LINE_LIMIT:,} "
                        "characters (is this a CSV file?)")
        self.size += len(line)
        if self.size > RECORD_LIMIT:
            raise _fail(self.path, f"line {self.number}", f"one record over "
                        f"{RECORD_LIMIT:,} characters (an unclosed quote?)")
        self.record.append(line)
        return line

    def done(self) -> None:
        self.record, self.size = [], 0


def _csv_rows(path: Path) -> Iterator[Row]:
    csv.field_size_limit(CELL_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = _Lines(path, f)
        reader = csv.reader(lines)
        header = _header(path, reader, lines)
        number = 0
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _fail(path, f"row {number}, column {_column_at(lines, header)}",
                            _csv_reason(exc)) from None
            lines.done()
            if len(cells) > len(header):
                raise _fail(path, f"row {number}", f"{len(cells)} cells but the header names "
                            f"{len(header)} columns")
            yield number, {h: spreadsheet.restore(c) for h, c in zip(header, cells, strict=False)}


def _header(path: Path, reader: Any, lines: _Lines) -> list[str]:
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise _fail(path, "header", _csv_reason(exc)) from None
    lines.done()
    if not header:
        raise _fail(path, "", "the file is empty (a header row is needed: type,date_start,…)")
    if len(header) == 1:
        for sep, name in OTHER_SEPARATORS.items():
            if sep in header[0]:
                raise _fail(path, "header", f"one column '{header[0][:60]}': the file seems "
                            f"separated by {name}; save it separated by commas")
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise _fail(path, "header", f"column {twice[0]} is named twice")
    return header


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell over {CELL_LIMIT:,} characters"
    return f"not readable as CSV ({text})"


def _column_at(lines: _Lines, header: list[str]) -> str:
    """The column a partly read record stopped in: commas counted outside quotes."""
    index, quoted = 0, False
    for char in "".join(lines.record):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            index += 1
    return header[index] if index < len(header) else str(index + 1)


# -- JSON ---------------------------------------------------------------------------------------
_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


class _Walk:
    """A cursor over JSON text: values decoded one at a time with raw_decode."""

    def __init__(self, path: Path, text: str):
        self.path, self.text, self.at = path, text, 0

    def skip(self) -> str:
        while self.at < len(self.text) and self.text[self.at] in _SPACE:
            self.at += 1
        return self.text[self.at:self.at + 1]

    def expect(self, char: str, where: str) -> None:
        if self.skip() != char:
            raise self.error(where, f"'{char}' expected")
        self.at += 1

    def value(self, where: str) -> Any:
        self.skip()
        try:
            value, self.at = _DECODER.raw_decode(self.text, self.at)
        except RecursionError:
            raise self.error(where, "nested too deeply (a record's cell is a text, a number "
                             "or a list of texts)") from None
        except ValueError as exc:
            raise self.error(where, f"not valid JSON ({_reason(exc)})") from None
        return value

    def error(self, where: str, what: str) -> BadInput:
        line = self.text.count("\n", 0, self.at) + 1
        return _fail(self.path, where or f"line {line}", what)


def _reason(exc: ValueError) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


def _json_rows(path: Path, text: str) -> Iterator[Row]:
    walk = _Walk(path, text)
    if walk.skip() == "{":
        _to_incidents(walk)
    elif walk.skip() != "[":
        raise walk.error("", "a JSON list of incidents, or {\"incidents\": [...]}, expected")
    walk.at += 1
    number = 0
    while walk.skip() != "]":
        number += 1
        if number > 1:
            walk.expect(",", f"row {number}")
        yield number, _object(walk, number)
    walk.at += 1
    if walk.skip() == ",":  # the rest of an export's object (records.json): read, not used
        while walk.skip() == ",":
            walk.at += 1
            walk.value("")
            walk.expect(":", "")
            walk.value("")
    if walk.skip() == "}":
        walk.at += 1
    if walk.skip() != "":
        raise walk.error("", "text after the list of incidents")


def _to_incidents(walk: _Walk) -> None:
    """Move into the value of the top-level object's "incidents" key."""
    walk.at += 1
    while walk.skip() != "}":
        key = walk.value("")
        walk.expect(":", "")
        if key == "incidents":
            if walk.skip() != "[":
                raise walk.error("key incidents", "a list of incidents expected")
            return
        walk.value(f"key {key}")
        if walk.skip() == ",":
            walk.at += 1
    raise walk.error("", "no \"incidents\" key with a list of incidents")


def _object(walk: _Walk, number: int) -> dict[str, Any]:
    """One record, each value decoded alone so that an error names its column."""
    where = f"row {number}"
    if walk.skip() != "{":
        raise walk.error(where, "each incident is a JSON object {\"type\": …}")
    walk.at += 1
    record: dict[str, Any] = {}
    while walk.skip() != "}":
        if record:
            walk.expect(",", where)
        key = walk.value(where)
        if not isinstance(key, str):
            raise walk.error(where, "a column name must be a text")
        walk.expect(":", f"{where}, column {key}")
        record[key] = walk.value(f"{where}, column {key}")
    walk.at += 1
    return record
