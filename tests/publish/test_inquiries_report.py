"""The report's methodology annex counts the inquiries sent in its period, on both engines:
"N inquiries sent to M bodies, K answered in time, J overdue", the overdue ones named by
addressee, their status as of the report's last day."""

from __future__ import annotations

from datetime import date

from rightsledger.ledger import Ledger
from rightsledger.publish import report, snapshot
from rightsledger.publish.snapshot import Period
from rightsledger.records import inquiries

ASKED = [  # reference, addressee, sent, the day a reply answered every question (or None)
    ("OMB/017", "Ministry of Health", "2023-03-01", "2023-03-20"),  # in time
    ("OMB/018", "Ministry of Health", "2023-03-02", "2023-04-25"),  # late
    ("OMB/019", "Ministry of Territorial Administration", "2023-03-03", None),  # overdue
    ("OMB/020", "State Water Committee", "2023-04-20", None),  # open: its deadline is later
    ("OMB/001", "State Water Committee", "2023-01-05", None),  # before the period
]


def _html(ledger: Ledger, period: Period, on: date) -> str:
    with ledger.store.reading() as conn:
        snap = snapshot.build(conn, ledger_id=ledger.id, secret=ledger.secret,
                              use=report.USE_PUBLIC, on=on, period=period, public=True)
    return report.render_html(report.model_of(snap, None))


def test_the_methodology_counts_inquiries_as_of_the_reports_last_day(ledger: Ledger) -> None:
    with ledger.store.writing() as conn:
        for reference, to, sent, answered in ASKED:
            made = inquiries.add(conn, {"reference": reference, "addressee": to,
                                        "sent": sent, "subject": "Supplies",
                                        "questions": ["What was delivered?"]}, "setup")
            if answered:
                inquiries.reply(conn, made, {"received": answered,
                                             "answers": {"1": "answered"}}, "setup")
    april = _html(ledger, Period("2023-03-01", "2023-04-30"), date(2023, 6, 1))
    march = _html(ledger, Period("2023-03-01", "2023-03-31"), date(2023, 6, 1))
    assert ("4 inquiries sent to 3 bodies in the period, 1 answered in time, 1 overdue on "
            "2023-04-30: Ministry of Territorial Administration") in " ".join(april.split())
    assert ("3 inquiries sent to 2 bodies in the period, 1 answered in time, 0 overdue on "
            "2023-03-31.") in " ".join(march.split())


def test_no_inquiry_no_paragraph(ledger: Ledger) -> None:
    html = _html(ledger, Period("2023-03-01", "2023-04-30"), date(2023, 6, 1))
    assert "Annex: methodology" in html and "Inquiries to state bodies" not in html
