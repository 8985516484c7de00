"""Places the gazetteer lacks, named by the shape of their mention (issue 16). Every
sentence here is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.extract.pipeline import extract_text


def _incident(text: str, language: str = "en") -> dict:
    found = extract_text(text, language, date(2024, 6, 1)).found["incidents"]
    assert found, f"no incident in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, language, place", [
    ("Two houses in the village of Oktoberovka were shelled on 3 May 2024.", "en",
     "Oktoberovka"),
    ("A drone strike hit Wadi Qumrin camp on 3 May 2024, killing four people.", "en",
     "Wadi Qumrin camp"),
    ("The shelling of Al-Nuri Hospital on 3 May 2024 wounded two nurses.", "en",
     "Al-Nuri Hospital"),
    ("Le village de Kfar Tibna a été bombardé le 3 mai 2024.", "fr", "Kfar Tibna"),
    ("3 мая 2024 года обстреляли дома в селе Верхние Вербицы.", "ru", "Верхние Вербицы"),
])
def test_a_place_named_by_its_shape_is_the_incidents(text: str, language: str,
                                                     place: str) -> None:
    found = _incident(text, language)
    assert (found["place"], found["place_id"]) == (place, None)


def test_a_place_of_the_gazetteer_is_preferred_where_the_shape_names_it() -> None:
    """"the town of Stepanakert" is the gazetteer's Stepanakert, with its id."""
    found = _incident("The town of Stepanakert was shelled on 3 May 2024.")
    assert found["place_id"] == "gn:146970"


def test_the_first_precise_place_wins_over_a_town_named_after_it() -> None:
    found = _incident("The village of Oktoberovka near Stepanakert was shelled on 3 May "
                      "2024.")
    assert found["place"] == "Oktoberovka"


def test_a_shaped_place_beats_a_region_or_a_country() -> None:
    found = _incident("In Azerbaijan, the village of Oktoberovka was shelled on 3 May 2024.")
    assert found["place"] == "Oktoberovka"


def test_an_organisations_school_is_not_a_named_place() -> None:
    found = _incident("A UN school in Stepanakert was shelled on 3 May 2024.")
    assert found["place_id"] == "gn:146970"
