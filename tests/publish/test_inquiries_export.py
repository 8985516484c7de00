"""An export for the office carries the period's inquiries (inquiries.csv, described in the
data package, and records.json's inquiry_records) with their status, questions and replies
on the export's day; a public export carries none of them, only the report's tally. Both
engines."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frictionless

from rightsledger.ledger import Ledger
from rightsledger.publish.export import Options, export
from rightsledger.publish.snapshot import Period
from rightsledger.records import inquiries


def _asked(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        late = inquiries.add(conn, {"reference": "OMB/031", "addressee": "Ministry of Health",
                                    "sent": "2023-03-01", "subject": "Insulin deliveries",
                                    "questions": ["How many doses arrived?",
                                                  "When is the next delivery?"]}, "setup")
        inquiries.reply(conn, late, {"received": "2023-03-12",
                                     "answers": {"1": "partly"}}, "setup")
        inquiries.remind(conn, late, {"sent": "2023-04-10"}, "setup")
        done = inquiries.add(conn, {"reference": "OMB/032", "addressee": "State Water Committee",
                                    "sent": "2023-03-05", "subject": "Water supply",
                                    "questions": ["Which districts have no water?"]}, "setup")
        inquiries.reply(conn, done, {"received": "2023-03-20",
                                     "answers": {"1": "answered"}}, "setup")
        inquiries.add(conn, {"reference": "OMB/002", "addressee": "Ministry of Health",
                             "sent": "2022-11-02", "subject": "Before the period",
                             "questions": ["Anything?"]}, "setup")


def test_an_office_export_lists_the_periods_inquiries_as_valid_open_data(
        ledger: Ledger, tmp_path: Path) -> None:
    _asked(ledger)
    period = Period("2023-03-01", "2023-04-30")
    export(ledger, "csv", tmp_path / "csv", "t", Options(period=period))
    folder = tmp_path / "csv"
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, [e.type for t in report.tasks for e in t.errors]
    with (folder / "inquiries.csv").open(encoding="utf-8", newline="") as f:
        found = {r["reference"]: r for r in csv.DictReader(f)}
    assert sorted(found) == ["OMB/031", "OMB/032"]  # OMB/002 was sent before the period
    late, done = found["OMB/031"], found["OMB/032"]
    assert late["addressee"] == "Ministry of Health"  # as the office wrote it, not a generic
    assert (late["status"], late["in_time"], late["late_days"]) == ("overdue", "False", "30")
    assert late["reminders"] == "2023-04-10"  # the status is that of the period's last day
    assert [(q["number"], q["status"]) for q in json.loads(late["questions"])] == [
        (1, "partly"), (2, "not_answered")]
    assert [r["received"] for r in json.loads(late["replies"])] == ["2023-03-12"]
    assert (done["status"], done["answered_on"], done["in_time"]) == (
        "answered", "2023-03-20", "True")
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert "inquiries" in [r["name"] for r in package["resources"]]

    export(ledger, "json", tmp_path / "json", "t", Options(period=period))
    records = json.loads((tmp_path / "json" / "records.json").read_text("utf-8"))
    assert sorted(i["reference"] for i in records["inquiry_records"]) == ["OMB/031", "OMB/032"]
    assert records["inquiries"]["overdue"] == 1  # the tally beside the records


def test_a_public_export_has_the_tally_but_no_inquiry(ledger: Ledger, tmp_path: Path) -> None:
    _asked(ledger)
    period = Period("2023-03-01", "2023-04-30")
    export(ledger, "csv", tmp_path / "csv", "t", Options(public=True, period=period))
    assert not (tmp_path / "csv" / "inquiries.csv").exists()
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text("utf-8"))
    assert "inquiries" not in [r["name"] for r in package["resources"]]
    export(ledger, "json", tmp_path / "json", "t", Options(public=True, period=period))
    text = (tmp_path / "json" / "records.json").read_text("utf-8")
    records = json.loads(text)
    assert records["inquiry_records"] == [] and records["inquiries"]["sent"] == 2
    assert "OMB/031" not in text and "Insulin" not in text
