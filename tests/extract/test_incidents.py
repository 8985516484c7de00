"""Incident candidates, denials and statements from sentences whose mentions are given.

The mentions that the date, place, organisation and number stages would add are written
out by hand here, so these tests check only what this stage decides.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rightsledger.extract.denials import find_denials
from rightsledger.extract.document import Doc
from rightsledger.extract.incidents import find_incidents
from rightsledger.extract.pipeline import extract_text
from rightsledger.extract.sentences import find_sentences
from rightsledger.extract.statements import find_statements


def _span(text: str, words: str, **extra: Any) -> dict[str, Any]:
    start = text.index(words)
    return {"text": words, "start": start, "end": start + len(words), **extra}


def _doc(text: str, language: str = "en", **found: list[dict[str, Any]]) -> Doc:
    doc = Doc(text, language=language, published=date(2023, 1, 18))
    find_sentences(doc)
    doc.found.update({"dates": [], "places": [], "organizations": [], "numbers": [],
                      **found})
    doc.found["denials"] = find_denials(doc)
    return doc


def test_shelling_with_date_place_casualties_and_source() -> None:
    text = ("According to the Ministry of Defence, Stepanakert was shelled on 3 October 2020; "
            "4 civilians were killed and 12 were wounded.")
    doc = _doc(text,
               dates=[_span(text, "3 October 2020", value="2020-10-03", precision="day")],
               places=[_span(text, "Stepanakert", name="Stepanakert", place_id="nk-stepanakert")],
               organizations=[_span(text, "Ministry of Defence", name="Ministry of Defence")],
               numbers=[_span(text, "4", value=4, unit="civilians"),
                        _span(text, "12", value=12, unit=None)])
    (incident,) = find_incidents(doc)
    assert incident["type"] == "shelling"
    assert (incident["date"], incident["place"], incident["place_id"]) == (
        "2020-10-03", "Stepanakert", "nk-stepanakert")
    assert (incident["killed"], incident["injured"]) == (4, 12)
    assert incident["claimed_by"] == "Ministry of Defence"  # who says it
    assert incident["attributed_to"] is None  # the sentence names no doer
    assert incident["quote"] == text and (incident["start"], incident["end"]) == (0, len(text))
    assert "ICCPR 6" in incident["rights"]


def test_russian_gas_cut_is_an_infrastructure_disruption() -> None:
    text = "В Степанакерте снова отключили газ, сообщили местные власти."
    doc = _doc(text, "ru", places=[_span(text, "Степанакерте", name="Stepanakert",
                                         place_id="nk-stepanakert")])
    (incident,) = find_incidents(doc)
    assert (incident["type"], incident["place"]) == ("infrastructure_disruption", "Stepanakert")


def test_date_carries_over_from_the_paragraph() -> None:
    text = "On 12 December 2022 protesters stopped all cars. The corridor remained blocked."
    doc = _doc(text, dates=[_span(text, "12 December 2022", value="2022-12-12",
                                  precision="day")])
    incidents = find_incidents(doc)
    assert [i["type"] for i in incidents] == ["blockade"]
    assert incidents[0]["date"] == "2022-12-12"


def test_denial_is_kept_as_a_denial_not_an_incident() -> None:
    text = "The Ministry of Defence denied that its forces shelled the village."
    doc = _doc(text, organizations=[_span(text, "Ministry of Defence",
                                          name="Ministry of Defence")])
    assert find_incidents(doc) == []
    (denial,) = doc.found["denials"]
    assert denial["denies"] == ["shelling"]
    assert denial["quote"] == text


def test_sentence_without_trigger_gives_nothing() -> None:
    assert find_incidents(_doc("The weather in Goris was mild for the season.")) == []


def test_statement_with_speaker_addressee_and_demands() -> None:
    text = ("Amnesty International urges Azerbaijan to restore free movement through the "
            "Lachin corridor without delay.")
    doc = _doc(text, organizations=[_span(text, "Amnesty International",
                                          name="Amnesty International")])
    (statement,) = find_statements(doc)
    assert statement["by"] == "Amnesty International"
    assert statement["demands"] == ["Azerbaijan to restore free movement through the Lachin "
                                    "corridor without delay"]
    assert statement["date"] == "2023-01-18"  # no date in the text: the publication date


def test_russian_call_is_a_statement() -> None:
    text = "МККК призывает стороны обеспечить доступ гуманитарных грузов."
    doc = _doc(text, "ru", organizations=[_span(text, "МККК", name="ICRC")])
    (statement,) = find_statements(doc)
    assert statement["by"] == "ICRC"
    assert statement["demands"] == ["стороны обеспечить доступ гуманитарных грузов"]


@pytest.mark.parametrize(("text", "demands"), [
    ("The office calls on Azerbaijan to stop the blockade and to let food and medicine "
     "through.", ["Azerbaijan to stop the blockade", "let food and medicine through"]),
    ("The committee urged the parties to free the detainees; to open the road to Goris, as "
     "well as to allow inspections.",
     ["the parties to free the detainees", "open the road to Goris", "allow inspections"]),
    ("Le comité appelle les parties à épargner les civils et à laisser passer l'aide.",
     ["parties à épargner les civils", "laisser passer l'aide"]),
])
def test_each_demand_is_its_own_item(text: str, demands: list[str]) -> None:
    doc = extract_text(text, None, date(2023, 3, 1))
    assert [s["demands"] for s in doc.found["statements"]] == [demands]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The office called for an independent inquiry into the shelling of Martuni."),
    ("en", "The ombudsman implored the international community to reopen the road."),
    ("en", "The court ordered Azerbaijan to ensure free movement along the corridor."),
    ("en", "All parties must let humanitarian convoys pass without delay."),
    ("fr", "Les autorités doivent libérer les personnes détenues sans attendre."),
    ("uk", "Омбудсман закликав міжнародні організації допомогти евакуації."),
    ("it", "L'organizzazione ha chiesto l'apertura immediata di un corridoio umanitario."),
    ("es", "La Defensoría hizo un llamado a proteger a los líderes sociales."),
])
def test_a_call_in_words_of_its_language_is_a_statement(language: str, text: str) -> None:
    doc = extract_text(text, language, date(2023, 3, 1))
    assert [s["quote"] for s in doc.found["statements"]] == [text]


def test_a_plain_report_is_no_statement() -> None:
    doc = extract_text("Two houses were damaged in Martuni on 1 March 2023.", "en",
                       date(2023, 3, 1))
    assert doc.found["statements"] == []
