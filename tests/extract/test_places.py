"""The places stage: the contract's keys, offsets into the text, one place per mention."""

from __future__ import annotations

import json

from rightsledger.extract.document import Doc
from rightsledger.extract.places import STAGE, find_places

KEYS = {"name", "place_id", "lat", "lon", "country", "text", "start", "end", "kind"}
KINDS = {"settlement", "road", "corridor", "bridge", "checkpoint", "region", "country"}


def test_stage_declares_its_name_needs_and_output() -> None:
    assert (STAGE.name, STAGE.needs, STAGE.adds) == ("places.v1", (), "places")


def test_mentions_follow_the_contract() -> None:
    text = ("On 3 October shells hit Stepanakert and Shushi; since 12 December the Lachin "
            "corridor between Armenia and Nagorno-Karabakh has been blocked.")
    doc = Doc(text, "en")
    STAGE.apply(doc)
    places = doc.found["places"]
    assert doc.warnings == []
    assert [p["text"] for p in places] == ["Stepanakert", "Shushi", "Lachin corridor",
                                           "Armenia", "Nagorno-Karabakh"]
    for p in places:
        assert set(p) == KEYS and p["kind"] in KINDS
        assert text[p["start"]:p["end"]] == p["text"]
        assert isinstance(p["lat"], float) and isinstance(p["lon"], float)
    json.dumps(places)


def test_name_is_english_and_text_is_what_the_source_wrote() -> None:
    text = "Колонна вышла из Степанакерта в сторону Гориса."
    places = find_places(Doc(text, "ru"))
    assert [(p["name"], p["text"], p["country"]) for p in places] == [
        ("Stepanakert", "Степанакерта", "AZ"), ("Goris", "Гориса", "AM")]


def test_contested_names_share_one_id_and_keep_their_words() -> None:
    en = find_places(Doc("Lachin and Berdzor are one town.", "en"))
    fr = find_places(Doc("La ville de Latchine.", "fr"))
    assert {p["place_id"] for p in en + fr} == {"gn:147625"}
    assert [p["text"] for p in en + fr] == ["Lachin", "Berdzor", "Latchine"]


def test_unknown_language_and_empty_text() -> None:
    assert find_places(Doc("", None)) == []
    assert [p["text"] for p in find_places(Doc("Xankəndi, Şuşa", None))] == ["Xankəndi", "Şuşa"]
