"""Who did it, kept apart from who says it (issue 16). Every sentence here is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.extract.pipeline import extract_text

AZ_FORCES = "Azerbaijani Armed Forces"  # the actor list's name of Armed Forces of Azerbaijan


def _incident(text: str, language: str = "en") -> dict:
    found = extract_text(text, language, date(2023, 3, 1)).found["incidents"]
    assert found, f"no incident in {text!r}"
    return found[0]


@pytest.mark.parametrize("text, agent", [
    ("The village of Taghavard was shelled by Azerbaijani forces on Monday, the ministry "
     "said.", AZ_FORCES),
    ("The Azerbaijani army shelled civilian objects in Martuni on Saturday.", AZ_FORCES),
    ("Russian strikes hit the port of Odesa on Sunday, killing two people.",
     "Armed Forces of Russia"),
    ("Azerbaijan has blocked the Lachin corridor since 12 December 2022.",
     "Government of Azerbaijan"),
    ("The camp was attacked by the Arakan Army on Friday, killing 12 people.", "Arakan Army"),
    ("Fighters of the Rapid Support Forces shelled the market of El Fasher on Friday.",
     "Rapid Support Forces"),
    ("Belarusian police detained 40 protesters in Minsk on Sunday.", "Police of Belarus"),
    ("Вчера азербайджанская армия обстреляла Мартуни.", AZ_FORCES),
])
def test_the_agent_is_found_in_active_passive_and_nominal_forms(text: str, agent: str) -> None:
    assert _incident(text, "ru" if text[0] == "В" else "en")["attributed_to"] == agent


def test_the_victims_are_not_the_agent() -> None:
    assert _incident("Two Armenian soldiers were killed near Sotk on Tuesday, the ministry "
                     "said.")["attributed_to"] is None


def test_the_claimant_is_not_the_agent() -> None:
    found = _incident("According to the Human Rights Defender of Artsakh, Azerbaijani "
                      "forces shelled Martuni on Sunday.")
    assert found["attributed_to"] == AZ_FORCES
    assert found["claimed_by"] == "Human Rights Defender of Artsakh"


def test_the_agent_named_earlier_in_the_paragraph_carries_over() -> None:
    text = ("Azerbaijani forces shelled Martuni at dawn on Sunday. Two houses were destroyed "
            "in the shelling.\n\nIn a separate report, a school was damaged.")
    found = extract_text(text, "en", date(2023, 3, 1)).found["incidents"]
    assert [i["attributed_to"] for i in found] == [AZ_FORCES, AZ_FORCES, None]


def test_a_shelling_that_a_ministry_reports_has_no_agent_of_its_own() -> None:
    found = _incident("The ministry reported that the town of Goris was shelled on Monday.")
    assert found["attributed_to"] is None


@pytest.mark.parametrize(("text", "claimant"), [
    ("The Riverside District Police Command has confirmed that 3 farmers were killed in "
     "Upper Mill on 2 March 2023.", "Riverside District Police Command"),
    ("Two shelters were shelled on 4 May 2024, according to the Northern Observatory for "
     "Civil Rights.", "Northern Observatory for Civil Rights"),
])
def test_a_claimant_the_actor_list_lacks_is_found_by_its_shape(text: str,
                                                                claimant: str) -> None:
    doc = extract_text(text, "en", date(2024, 5, 5))
    assert [i["claimed_by"] for i in doc.found["incidents"]] == [claimant]


def test_a_capitalised_name_far_from_the_reporting_phrase_is_no_claimant() -> None:
    text = ("The Riverside District Police Command building in Upper Mill was shelled on 2 "
            "March 2023 while families sheltered in its basement, residents said.")
    doc = extract_text(text, "en", date(2024, 5, 5))
    assert [i["claimed_by"] for i in doc.found["incidents"]] == [None]


def test_an_acronym_the_text_defines_names_its_organisation_later() -> None:
    text = ("Two villagers were killed on 3 May 2024 in an attack by the paramilitary Northern "
            "Defence Forces (NDF) near the river, the district office said. The NDF shelled "
            "the market on 4 May 2024.")
    doc = extract_text(text, "en", date(2024, 5, 5))
    assert [i["attributed_to"] for i in doc.found["incidents"]] == [
        "Northern Defence Forces", "Northern Defence Forces"]


def test_the_texts_own_acronym_beats_the_actor_lists() -> None:
    # RSF is Reporters Without Borders in the actor list; this text defines it otherwise
    text = ("The Rapid Support Forces (RSF) shelled the camp on 2 June 2024, the health ministry "
            "said. Later that day the RSF opened fire on a convoy.")
    doc = extract_text(text, "en", date(2024, 6, 3))
    found = doc.found["incidents"]
    assert [i["attributed_to"] for i in found] == ["Rapid Support Forces"] * 2
    assert "Reporters Without Borders" not in [i["claimed_by"] for i in found]


def test_who_accuses_is_the_claimant_and_the_accused_the_agent() -> None:
    text = ("The Ministry of Defence of Armenia accused Azerbaijani forces of shelling Jermuk "
            "on 13 September 2022.")
    doc = extract_text(text, "en", date(2022, 9, 20))
    assert [(i["attributed_to"], i["claimed_by"]) for i in doc.found["incidents"]] == [
        ("Azerbaijani Armed Forces", "Ministry of Defence of Armenia")]


def test_who_denies_is_named_without_a_reporting_phrase() -> None:
    text = "The Azerbaijani Ministry of Defence denied that its forces shelled Jermuk."
    doc = extract_text(text, "en", date(2022, 9, 20))
    assert doc.found["incidents"] == []
    assert [(d["by"], d["denies"]) for d in doc.found["denials"]] == [
        ("Ministry of Defence of Azerbaijan", ["shelling"])]


@pytest.mark.parametrize("text", [
    "On 7 May 2020 police arrested dozens of protesters in Minsk, the centre said.",
    "Police detained 15 protesters in Minsk on 8 May 2020, the centre said.",
])
def test_a_body_of_the_state_named_alone_takes_the_country_of_the_place(text: str) -> None:
    doc = extract_text(text, "en", date(2020, 5, 10))
    assert [i["attributed_to"] for i in doc.found["incidents"]] == ["Police of Belarus"]


def test_a_body_of_the_state_without_a_place_stays_unnamed_by_country() -> None:
    doc = extract_text("Police detained 15 protesters on 8 May 2020, the centre said.", "en",
                       date(2020, 5, 10))
    assert [i["attributed_to"] for i in doc.found["incidents"]] == ["Police"]  # no country made up
