"""Casualty figures as ranges (issue 16, item 7): bounds stay bounds, a span of time is never
a count of people. Every sentence is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.extract import sentence_classes
from rightsledger.extract.pipeline import extract_text
from rightsledger.review.propose import claimed_figures


def _figures(text: str) -> dict:
    with sentence_classes.using(None):  # the rules' figures, whatever the model keeps out
        (incident,) = extract_text(text, "en", date(2023, 3, 1)).found["incidents"]
    return {k: v for k, v in incident.items()
            if k in ("killed", "injured", "killed_max", "injured_max") and v is not None}


@pytest.mark.parametrize("text, figures", [
    ("Rockets hit the market of Martuni on Sunday, killing between eight and more than 30 "
     "people.", {"killed": 8, "killed_max": "open"}),
    ("At least 27 people were killed and up to 200 wounded in the shelling of Martuni on "
     "Monday.", {"killed": 27, "killed_max": "open", "injured_max": 200}),
    ("Four civilians were killed and 12 were wounded in the shelling of Martuni on Monday.",
     {"killed": 4, "injured": 12}),
    ("Dozens of civilians were killed in the shelling of Martuni on Monday.", {}),
    ("The 44-day war left more than 4,000 Armenians dead.", {"killed": 4000,
                                                           "killed_max": "open"}),
    # a counted noun that merely begins like a unit of time is still counted
    ("Three orphans were injured in the shelling of Martuni on Monday.", {"injured": 3}),
    ("Annual reports aside, 5 anaesthetists were injured in the shelling of Martuni.",
     {"injured": 5}),
])
def test_figures_keep_their_bounds(text: str, figures: dict) -> None:
    assert _figures(text) == figures


def test_a_bound_becomes_a_range_on_the_claim_never_an_exact_figure() -> None:
    assert claimed_figures({"killed": 8, "killed_max": "open", "injured": None,
                            "injured_max": 200}) == {"killed": (8, None, None),
                                                     "injured": (None, None, 200)}
    assert claimed_figures({"killed": 4, "injured": 12}) == {"killed": 4, "injured": 12}
