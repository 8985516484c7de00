"""Who makes a call, and each demand by where it is (issue 16, item 5). Every sentence here
is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.extract.pipeline import extract_text
from rightsledger.extract.statements import demand_spans, split_demands


def _statements(text: str, language: str = "en") -> list[dict]:
    found = extract_text(text, language, date(2024, 11, 1)).found["statements"]
    assert found, f"no statement in {text!r}"
    return found


def test_the_office_speaks_not_its_holder() -> None:
    found = _statements("Amnesty International's secretary general Agnès Callamard called on "
                        "the authorities to release the detained journalists.")
    assert found[0]["by"] == "Amnesty International"


def test_the_source_of_a_reporting_phrase_makes_the_call() -> None:
    found = _statements("\u201cThe authorities must release the journalists at once,\u201d said a "
                        "researcher at Human Rights Watch.")
    assert found[0]["by"] == "Human Rights Watch"


@pytest.mark.parametrize("second", [
    "It also calls on the government to open the road to aid convoys.",
    "The mission urges the government to open the road to aid convoys.",
    "We urge the government to open the road to aid convoys.",
])
def test_a_pronoun_speaker_is_the_one_named_before(second: str) -> None:
    found = _statements("UNICEF called on all parties to protect schools in the region. "
                        + second)
    assert [s["by"] for s in found] == ["UNICEF", "UNICEF"]


def test_an_unknown_organisation_is_the_speaker_by_its_shape() -> None:
    found = _statements("The Kassala Federal Union of Teachers called on the governor to "
                        "reopen the schools.")
    assert found[0]["by"] == "Kassala Federal Union of Teachers"


def test_no_speaker_is_guessed() -> None:
    assert _statements("All parties must let the convoys through.")[0]["by"] is None


def test_each_demand_has_its_place_in_the_text() -> None:
    text = "UNICEF urged the sides to stop the shelling and to allow aid convoys through."
    found = _statements(text)[0]
    assert found["demands"] == ["the sides to stop the shelling", "allow aid convoys through"]
    assert [text[a:b] for a, b in found["demand_spans"]] == found["demands"]


@pytest.mark.parametrize("text", [
    "to stop X now and to allow Y in", "food and medicine for the town", " : to reopen the road.",
    "stop", ""])
def test_demand_spans_agree_with_the_split(text: str) -> None:
    assert [text[a:b] for a, b in demand_spans(text, 0, len(text))] == split_demands(text)
