"""The inquiry commands as a user runs them, on both engines: add with the letter, reply
with the document, remind, close, the listing as of a day (text and JSON), and bad input:
one line, exit code 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.ledger import Ledger
from tests.cli.test_cli import rl

ADD = ["--reference", "OMB/2023/017", "--to", "Ministry of Territorial Administration",
       "--sent", "2023-03-01", "--subject", "Gas supply",
       "--question", "On which days was the gas cut?",
       "--question", "When will it be restored?", "--right", "ICESCR 11"]


@pytest.fixture
def folder(tmp_path: Path, database_url: str | None) -> Path:
    with Ledger.init(tmp_path / "ledger", database_url) as ledger:
        return ledger.path


def _ok(*args: str) -> str:
    done = rl(*args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _listed(folder: Path, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(_ok("inquiries", str(folder), *args,
                                                 "--format", "json"))
    return found


def test_an_inquiry_from_letter_to_closing(folder: Path, tmp_path: Path) -> None:
    letter, answer = tmp_path / "letter-017.txt", tmp_path / "reply-017.txt"
    letter.write_text("The Office asks about the gas supply cut on 17 January 2023.\n")
    answer.write_text("The gas supply was cut on 17 January 2023; repairs are under way.\n")
    said = _ok("inquiry", "add", str(folder), *ADD, "--letter", str(letter),
               "--deadline-days", "20")
    assert said.strip() == ("inquiry 1 recorded: 2 question(s) to Ministry of Territorial "
                            "Administration, deadline 2023-03-21")
    listed = _ok("inquiries", str(folder), "--overdue", "--on", "2023-03-25")
    assert "#1 OMB/2023/017 2023-03-01" in listed and "overdue by 4 day(s)" in listed
    assert "1 inquiry(ies) to 1 body(ies) on 2023-03-25: 0 answered in time, 1 overdue" \
        in listed
    _ok("inquiry", "remind", str(folder), "1", "--sent", "2023-03-23", "--channel", "email")
    replied = _ok("inquiry", "reply", str(folder), "1", "--received", "2023-03-28",
                  "--answer", "1=answered", "--answer", "2=partly", "--document", str(answer))
    assert replied.strip() == "reply 1 recorded on inquiry 1: now answered"
    _ok("inquiry", "close", str(folder), "1", "--date", "2023-04-10", "--reason", "answered")
    (late,) = _listed(folder, "--on", "2023-03-30")
    assert (late["status"], late["in_time"], late["answered_on"]) == ("answered", False,
                                                                      "2023-03-28")
    assert [q["status"] for q in late["questions"]] == ["answered", "partly"]
    assert [r["channel"] for r in late["reminders_so_far"]] == ["email"]
    assert _listed(folder, "--on", "2023-03-25", "--overdue")[0]["id"] == 1
    assert _listed(folder, "--on", "2023-04-10", "--status", "closed")[0]["closed"] \
        == "2023-04-10"
    assert _listed(folder, "--on", "2023-02-01") == []
    sources = json.loads(_ok("sources", str(folder), "--format", "json"))
    assert sorted(s["kind"] for s in sources) == ["inquiry", "inquiry_reply"]
    shown = _ok("inquiry", "show", str(folder), "1", "--on", "2023-03-30")
    assert "2. When will it be restored? — partly" in shown


@pytest.mark.parametrize(("args", "message"), [
    (["inquiry", "add", "{f}", *ADD[:-2], "--right", "gas"],
     "error: rights: 'gas' is not a right of vocabularies/rights.json (e.g. 'ICCPR 12')"),
    (["inquiry", "add", "{f}", *ADD, "--sent", "March"],
     "error: sent: 'March' is not a date (write YYYY-MM-DD)"),
    (["inquiry", "add", "{f}", *ADD, "--letter", "{f}/missing.pdf"],
     "error: letter: {f}/missing.pdf is not a file"),
    (["inquiry", "reply", "{f}", "7", "--received", "2023-03-10", "--answer", "1=answered"],
     "error: no inquiry 7"),
    (["inquiry", "remind", "{f}", "seven", "--sent", "2023-03-10"],
     "error: 'seven' is not an inquiry id: ids are numbers (see the list command)"),
    (["inquiries", "{f}", "--on", "2023-13-01"],
     "error: on: '2023-13-01' is not a date (write YYYY-MM-DD)"),
    (["inquiries", "{f}", "--status", "late"],
     "error: status: 'late' is not one of open, answered, overdue, closed"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(folder: Path, args: list[str],
                                                          message: str) -> None:
    done = rl(*[a.replace("{f}", str(folder)) for a in args])
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip().splitlines() == [message.replace("{f}", str(folder))]
    assert _written(folder) == (0, 0, 0)


def _written(folder: Path) -> tuple[int, int, int]:
    """Inquiries, audit entries and sources in the ledger."""
    with Ledger.open(folder) as ledger, ledger.store.reading() as conn:
        counted = [conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in (schema.inquiries, schema.audit)]
        return counted[0], counted[1], ledger.store.count_sources()


def test_a_bad_answer_to_an_inquiry_writes_no_reply(folder: Path, tmp_path: Path) -> None:
    _ok("inquiry", "add", str(folder), *ADD)
    answer = tmp_path / "reply.txt"
    answer.write_text("We decline to answer.\n")
    for given, line in ((["--answer", "1"], "error: --answer: '1' is not QUESTION=STATUS "
                                            "(e.g. 1=answered)"),
                        (["--answer", "3=refused"], "error: answers: the inquiry has no "
                                                    "question 3 (it has 1, 2)")):
        done = rl("inquiry", "reply", str(folder), "1", "--received", "2023-03-10", *given,
                  "--document", str(answer))
        assert (done.returncode, done.stderr.strip()) == (2, line)
    with Ledger.open(folder) as ledger, ledger.store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(schema.inquiry_replies)) \
            .scalar_one() == 0
    assert _written(folder)[0::2] == (1, 0)


def test_a_missing_required_option_is_exit_2(folder: Path) -> None:
    done = rl("inquiry", "add", str(folder), "--reference", "R/2")
    assert done.returncode == 2 and "Missing option" in done.stderr


def test_every_inquiry_command_has_an_example() -> None:
    for name in ("add", "reply", "remind", "close", "show"):
        done = rl("inquiry", name, "--help", env={"COLUMNS": "200"})
        assert done.returncode == 0 and f"Example: rightsledger inquiry {name}" in done.stdout
    assert "Example: rightsledger inquiries" in rl("inquiries", "--help").stdout
