"""`rightsledger import` of hostile and large files, on both engines: every unreadable file
is one line and exit 2 with nothing written (docs/security.md, promise 12); the batched
import is all-or-nothing across batches, grades as review does, and leaves an audit log
that replays and verifies."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rightsledger.cli.main import main
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import audit, incidents
from rightsledger.review.decide import grade_of
from rightsledger.workflow import importing
from rightsledger.workflow.importing import import_file
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify

HEADER = "type,date_start,date_end,places,killed,claimed_by,description\n"
GOOD = "shelling,2020-10-03,2020-10-03,Stepanakert,4,Human Rights Defender of Artsakh,hit\n"


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


HOSTILE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    # name: (file name, how to write it, what the one line says)
    "a cell over 131,072 characters": (
        "big.csv", lambda p: p.write_text(HEADER + GOOD + "shelling,2020-10-03,,,,,"
                                          + "x" * 140_000 + "\n", "utf-8"),
        "big.csv: row 2, column description: a cell over 131,072 characters; nothing was "
        "imported"),
    "JSON nested 100,000 deep in a cell": (
        "deep.json", lambda p: p.write_text('[{"type": "shelling"}, {"type": "shelling", '
                                            '"description": ' + _deep(100_000) + "}]"),
        "deep.json: row 2, column description: nested too deeply"),
    "JSON nested 100,000 deep as a record": (
        "deeper.json", lambda p: p.write_text("[" + _deep(100_000) + "]"),
        "deeper.json: row 1: each incident is a JSON object"),
    "a Latin-1 byte": (
        "latin1.csv", lambda p: p.write_bytes((HEADER + GOOD).encode()
                                              + b"shelling,,,,,,caf\xe9\n"),
        "latin1.csv: line 3: not UTF-8 text (save the file as CSV UTF-8)"),
    "a UTF-16 file": (
        "utf16.csv", lambda p: p.write_bytes(codecs.BOM_UTF16_LE
                                             + (HEADER + GOOD).encode("utf-16-le")),
        "utf16.csv: the file is UTF-16 text: save it as UTF-8"),
    "NUL bytes": (
        "nul.csv", lambda p: p.write_bytes((HEADER + GOOD).encode() + b"shelling\0\0,,,,,,\n"),
        "nul.csv: line 3: a NUL byte"),
    "a NUL character in JSON": (
        "nul.json", lambda p: p.write_text('[{"type": "shelling", "description": "a\\u0000"}]'),
        "nul.json: row 1, column description: a NUL character is not text"),
    "one huge line": (
        "line.csv", lambda p: p.write_text(HEADER + "x" * (importing.incoming.LINE_LIMIT + 10)),
        "line.csv: line 2: a line over 4,194,304 characters"),
    "semicolons for commas": (
        "semi.csv", lambda p: p.write_text("type;date_start\nshelling;2020-10-03\n"),
        "semi.csv: header: one column 'type;date_start': the file seems separated by "
        "semicolons; save it separated by commas"),
    "more cells than columns": (
        "wide.csv", lambda p: p.write_text("type,description\nshelling,a,b\n"),
        "wide.csv: row 1: 3 cells but the header names 2 columns"),
    "a column named twice": (
        "twice.csv", lambda p: p.write_text("type,type\nshelling,shelling\n"),
        "twice.csv: header: column type is named twice"),
    "an empty file": ("empty.csv", lambda p: p.write_text(""), "empty.csv: the file is empty"),
    "an object as a cell": (
        "object.json", lambda p: p.write_text('[{"type": {"code": "shelling"}}]'),
        "object.json: row 1, column type: an object is not a cell value"),
    "broken JSON": (
        "broken.json", lambda p: p.write_text('[{"type": "shelling"}, {"type": }]'),
        "broken.json: row 2, column type: not valid JSON"),
    "JSON that is not a list": (
        "number.json", lambda p: p.write_text("5"),
        "number.json: line 1: a JSON list of incidents"),
    "a fraction as a count": (
        "fraction.json", lambda p: p.write_text('[{"type": "shelling", "killed": 2.5}]'),
        "fraction.json: row 1, column killed: '2.5' is not a whole number"),
    "a folder for a file": ("folder.csv", lambda p: p.mkdir(), "folder.csv: cannot read it"),
}


def _written(ledger: Ledger) -> tuple[int, int]:
    with ledger.store.reading() as conn:
        count = conn.execute(select(func.count()).select_from(schema.incidents)).scalar_one()
        return count, len(list(audit.entries(conn)))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_promise_12_a_hostile_import_file_is_one_line_exit_2_and_nothing_written(
        ledger: Ledger, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    name, write, says = HOSTILE[case]
    path = tmp_path / name
    write(path)
    monkeypatch.setattr(sys, "argv", ["rightsledger", "import", str(ledger.path), str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    lines = capsys.readouterr().err.strip().splitlines()
    assert exited.value.code == 2 and len(lines) == 1, lines
    assert lines[0].startswith("error: " + says), lines[0]
    assert _written(ledger) == (0, 0)


def test_a_utf8_bom_and_quoted_line_breaks_are_read(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + (HEADER + 'shelling,,,,,,"two\r\nlines"\n').encode())
    assert import_file(ledger, path, "ana").created == 1
    with ledger.store.reading() as conn:
        assert incidents.find(conn)[0]["description"] == "two\r\nlines"


def test_a_bad_row_after_several_batches_imports_nothing(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BATCH", 40)  # batches of 40 rows: the test stays fast
    rows = importing.BATCH * 2 + 500
    path = tmp_path / "long.csv"
    path.write_text(HEADER + GOOD * rows + "bombing,2020-10-03,,,,,\n", "utf-8")
    with pytest.raises(BadInput, match=f"row {rows + 1}, column type: unknown"):
        import_file(ledger, path, "ana")
    assert _written(ledger) == (0, 0)


def test_a_batched_import_grades_as_review_does_and_verifies(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "BATCH", 40)
    (tmp_path / "court.txt").write_text("The court found the shelling unlawful.\n", "utf-8")
    found: list[str | None] = []
    ingest(ledger, [tmp_path / "court.txt"], {"kind": "court_decision",
                                               "publisher": "District Court (test)"},
           extract=False, on_result=lambda r: found.append(r.source_id))
    court = str(found[0])[:12]
    lines = ["type,date_start,places,source,claimed_by,killed,injured,description"]
    for n in range(importing.BATCH * 2 + 30):
        kind = ("shelling,2020-10-03,Stepanakert;Shushi,,Monitor A,3,,plain",
                f"killing,2020-10-04,Martakert,{court},Monitor B,1,2,with a court",
                "blockade,2022-12-12,Lachin corridor,,,,,no claim")[n % 3]
        lines.append(kind)
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert import_file(ledger, path, "ana").created == importing.BATCH * 2 + 30
    update = tmp_path / "update.json"
    update.write_text(json.dumps([{"id": 2, "type": "killing", "killed": 5,
                                   "claimed_by": "Monitor C"}, {"type": "other"}]))
    assert import_file(ledger, update, "ben") == importing.Imported(created=1, updated=1)
    with ledger.store.reading() as conn:
        stored = incidents.find(conn)
        grades = {(r["grade"], tuple(r["grade_reasons"])) for r in stored}
        for row in stored:
            shown = grade_of(conn, row)
            assert (row["grade"], tuple(row["grade_reasons"])) == (shown.grade, shown.reasons)
        assert audit.first_break(conn) is None and audit.row_problems(conn) == []
        places = conn.execute(select(func.count()).select_from(schema.incident_places)) \
            .scalar_one()
    assert {g for g, _ in grades} == {"weak", "confirmed"}
    kinds = [n % 3 for n in range(importing.BATCH * 2 + 30)]
    assert len(stored) == importing.BATCH * 2 + 31
    assert places == sum(2 if k == 0 else 1 for k in kinds)  # Stepanakert;Shushi: two
    assert verify(ledger).ok
    with ledger.store.writing() as conn:  # ids go on after an import, on both engines
        assert incidents.create(conn, {"type": "other"}, "ana") == importing.BATCH * 2 + 32


def test_the_cell_limit_holds_after_a_library_raises_the_csv_module_limit(
        ledger: Ledger, tmp_path: Path) -> None:
    """frictionless raises csv.field_size_limit for the whole process when it is imported;
    the import sets its own limit again before each read."""
    import csv
    raised = csv.field_size_limit(sys.maxsize)
    try:
        big = tmp_path / "big.csv"
        big.write_text(HEADER + GOOD + "shelling,2020-10-03,,,,," + "x" * 140_000 + "\n",
                       "utf-8")
        with pytest.raises(BadInput, match="row 2, column description: a cell over 131,072"):
            import_file(ledger, big, "t")
    finally:
        csv.field_size_limit(raised)
    assert _written(ledger) == (0, 0)
