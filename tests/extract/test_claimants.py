"""Who says it, in documents about any conflict (issue 16). Every sentence here is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger import vocabularies
from rightsledger.extract.document import Doc
from rightsledger.extract.organizations import find_organizations
from rightsledger.extract.pipeline import extract_text


def _incidents(text: str, language: str = "en") -> list[dict]:
    found = extract_text(text, language, date(2024, 11, 1)).found["incidents"]
    assert found, f"no incident in {text!r}"
    return found


@pytest.mark.parametrize("text, actor_id", [
    ("The Chadian health ministry gave new figures.", "td-health-ministry"),
    ("Officials of the Ministry of Health of Mali spoke on Monday.", "ml-health-ministry"),
    ("Kenya's army moved north.", "ke-armed-forces"),
    ("The Nigerian police arrived.", "ng-police"),
    ("The Colombian foreign ministry replied.", "co-mfa"),
])
def test_every_country_of_the_list_has_its_state_bodies(text: str, actor_id: str) -> None:
    assert [o["actor_id"] for o in find_organizations(Doc(text))] == [actor_id]


def test_a_force_known_by_its_own_name_is_one_actor_with_the_made_up_one() -> None:
    """"IDF" and "the Israeli military" are one actor, under the force's own name."""
    found = find_organizations(Doc("The IDF said it hit targets; the Israeli military added "
                                   "that more would follow."))
    assert {o["actor_id"] for o in found} == {"il-armed-forces"}
    assert {o["name"] for o in found} == {"Israel Defense Forces"}


def test_a_bare_office_resolves_to_the_country_named_before_it() -> None:
    found = find_organizations(Doc("The Malian health ministry spoke first. Later the health "
                                   "ministry gave a second toll."))
    assert [o["actor_id"] for o in found] == ["ml-health-ministry", "ml-health-ministry"]


def test_world_actors_add_to_the_list_without_replacing_it() -> None:
    ids = [a["id"] for a in vocabularies.actors()["actors"]]
    assert len(ids) == len(set(ids))
    base = {a["id"] for a in vocabularies.load("actors")["actors"]}
    assert base <= set(ids) and "save-the-children" in ids
    # an actor of actors.json keeps its own name though a template makes the same id
    names = {a["id"]: a["name"] for a in vocabularies.actors()["actors"]}
    assert names["az-armed-forces"] == "Azerbaijani Armed Forces"


@pytest.mark.parametrize("text, claimant", [
    ("A clinic near Kadugli was shelled on Monday, killing four people, Save the Children "
     "said.", "Save the Children"),
    ("The Malian health ministry said that 12 people were killed in the attack on the market "
     "of Mopti on Sunday.", "Ministry of Health of Mali"),
])
def test_a_source_of_any_conflict_is_the_claimant(text: str, claimant: str) -> None:
    assert _incidents(text)[0]["claimed_by"] == claimant


@pytest.mark.parametrize("second", [
    "Two of the wounded were children, it said.",
    "The aid group, which runs the clinic, said that two nurses were wounded in the shelling.",
    "Two nurses were wounded in the shelling, said the organisation.",
])
def test_a_pronoun_speaker_is_the_source_named_before(second: str) -> None:
    text = ("A clinic near Kadugli was shelled on Monday, killing four people, Save the "
            "Children said. " + second)
    found = _incidents(text)
    assert len(found) == 2
    assert found[1]["claimed_by"] == "Save the Children"


def test_no_source_before_means_no_claimant() -> None:
    """A pronoun with nothing named before it stays unattributed; nothing is guessed."""
    found = _incidents("Two nurses were wounded in the shelling of Kadugli on Monday, it "
                       "said.")
    assert found[0]["claimed_by"] is None


def test_a_pronoun_far_from_the_verb_is_not_the_speaker() -> None:
    """"it" as an object ("… struck it, the ministry said") is not who speaks; a sentence
    with no named source and no pronoun subject carries nothing."""
    text = ("A clinic near Kadugli was shelled on Monday, killing four people, Save the "
            "Children said. A shell struck the roof of the school and destroyed it on "
            "Tuesday, witnesses reported.")
    found = _incidents(text)
    assert found[-1]["claimed_by"] is None


@pytest.mark.parametrize("text, language, agent", [
    ("Вчора російські військові обстріляли Херсон, загинула одна людина.", "uk",
     "Armed Forces of Russia"),
    ("On 4 May 2024 the troops of the Russian Federation shelled Kherson, killing one man.",
     "en", "Armed Forces of Russia"),
    ("Chadian troops shelled the market of Abeche on Monday, killing five people.", "en",
     "Armed Forces of Chad"),
    ("Malian security forces opened fire in Mopti on Monday, killing five people.", "en",
     "Security forces of Mali"),
    ("The US-led coalition carried out airstrikes on the town on 3 May 2017.", "en",
     "US-led coalition"),
])
def test_the_agent_of_any_conflict(text: str, language: str, agent: str) -> None:
    assert _incidents(text, language)[0]["attributed_to"] == agent
