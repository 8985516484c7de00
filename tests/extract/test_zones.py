"""Document zoning (issue 16): headline, byline, date line, dateline and furniture are told
apart from the article, with their offsets. Every text here is our own."""

from __future__ import annotations

from rightsledger.extract.document import Doc
from rightsledger.extract.zones import find_zones, masked, metadata

ARTICLE = (
    "Night shelling leaves Martuni without power\n\n"
    "By Caucasus Monitor | Tuesday, 17 January 2023\n\n"
    "The regional substation near Martuni was hit by artillery fire late on Monday, and "
    "some 8,000 residents have had no electricity since then, local officials said.\n\n"
    "Repair crews were waiting for a guarantee of safe access on Tuesday morning.\n\n"
    "You May Also Like\n\n"
    "Concert in London raises funds for Goris hospital\n\n"
    "Football: a £12m transfer is agreed in Prague…\n"
)


def _kinds(text: str, language: str = "en") -> list[str]:
    return [z["kind"] for z in find_zones(Doc(text, language=language))]


def _zone(text: str, kind: str) -> dict:
    return next(z for z in find_zones(Doc(text, language="en")) if z["kind"] == kind)


def test_the_headline_byline_and_publication_day_are_read_from_a_plain_text() -> None:
    zones = find_zones(Doc(ARTICLE, language="en"))
    assert [z["kind"] for z in zones] == ["headline", "byline", "furniture"]
    assert zones[0]["text"] == "Night shelling leaves Martuni without power"
    assert metadata(zones) == {"title": "Night shelling leaves Martuni without power",
                               "published": "2023-01-17"}


def test_every_zone_keeps_its_offsets() -> None:
    for zone in find_zones(Doc(ARTICLE, language="en")):
        assert ARTICLE[zone["start"]:zone["end"]].startswith(zone["text"])


def test_a_related_articles_list_is_furniture_to_the_end() -> None:
    tail = _zone(ARTICLE, "furniture")
    assert ARTICLE[tail["start"]:].startswith("You May Also Like")
    assert tail["end"] == len(ARTICLE.rstrip())
    kept = masked(ARTICLE, find_zones(Doc(ARTICLE, language="en")))
    assert "London" not in kept and "£12m" not in kept and "Prague" not in kept
    assert "Martuni was hit by artillery fire" in kept
    assert len(kept) == len(ARTICLE) and kept.count("\n") == ARTICLE.count("\n")


def test_reader_comments_after_the_article_are_furniture() -> None:
    text = ("The water pumping station of Askeran stopped working on Sunday after its power "
            "line was cut, the municipality said in a statement issued in the evening.\n\n"
            "Residents were asked to store drinking water until the line is repaired.\n\n"
            "2 Comments\n\n"
            "  1. They should blow up the dam, that would teach them a lesson about "
            "killing people.\n\n"
            "Leave a Reply\n\nYour email address will not be published.\n")
    kept = masked(text, find_zones(Doc(text, language="en")))
    assert "dam" not in kept and "killing" not in kept
    assert "pumping station of Askeran" in kept


def test_a_dateline_is_the_place_of_writing_not_of_the_event() -> None:
    text = ("PARIS, January 30, 2023 – How long can a town of 50,000 people live without gas "
            "in winter, asked the association, whose volunteers returned from Stepanakert "
            "last week.\n")
    zone = _zone(text, "dateline")
    assert (zone["place"], zone["value"]) == ("Paris", "2023-01-30")
    assert "PARIS" not in masked(text, [zone]) and "Stepanakert" in masked(text, [zone])


def test_a_wire_dateline_with_an_agency() -> None:
    text = ("BAKU, March 2 (Wire) - The ministry said two servicemen were wounded near Lachin "
            "on Thursday, in a statement carried by state media and repeated by others.\n")
    zone = _zone(text, "dateline")
    assert zone["place"] == "Baku"
    assert text[zone["start"]:zone["end"]] == "BAKU, March 2 (Wire) -"


def test_a_sentence_that_begins_with_a_country_is_no_dateline() -> None:
    text = ("Armenia – which had asked for observers in December – said on Friday that the "
            "road to Goris had been closed for the third day running by the other side.\n")
    assert "dateline" not in _kinds(text)


def test_a_short_last_sentence_is_not_a_headline_and_a_caption_is_furniture() -> None:
    text = ("Hospital damaged in Hadrut\n\n"
            "The ward seen from the courtyard (Photo: the hospital's staff, 4 October)\n\n"
            "The maternity ward of the Hadrut hospital was damaged by a rocket on Sunday "
            "night, the Health Ministry of the region said on Monday morning in a brief "
            "note to the press.\n\nNo one was hurt.\n")
    assert _kinds(text) == ["headline", "furniture"]


def test_a_text_without_a_body_has_no_zones() -> None:
    assert find_zones(Doc("Gas cut\nWater cut\nRoad closed", language="en")) == []


def test_russian_furniture_words_are_data() -> None:
    text = ("В ночь на понедельник в Степанакерте снова отключили газ, сообщили в местной "
            "администрации, добавив, что ремонт пока невозможен из-за обстрелов.\n\n"
            "Читайте также\n\nКонцерт в Москве собрал сто человек\n")
    kept = masked(text, find_zones(Doc(text, language="ru")))
    assert "Москве" not in kept and "Степанакерте" in kept


def test_the_pipeline_sees_the_article_only() -> None:
    from rightsledger.extract.pipeline import contract, extract_text

    found = contract(extract_text(ARTICLE, "en"))
    assert {p["name"] for p in found["places"]} == {"Martuni"}
    assert all(n["value"] != 12_000_000 for n in found["numbers"])
    assert found["title"] == "Night shelling leaves Martuni without power"
    assert found["published"] == "2023-01-17"  # so "late on Monday" is resolved
    assert [i["date"] for i in found["incidents"]][:1] == ["2023-01-16"]


def test_a_dateline_city_is_not_the_place_of_the_event() -> None:
    from rightsledger.extract.pipeline import contract, extract_text

    text = ("PARIS, January 30, 2023 – The association said the blockade of the Lachin "
            "corridor had left the region's 120,000 people without gas for most of the "
            "month, and asked for an airlift of food.\n")
    found = contract(extract_text(text, "en"))
    paris = [p for p in found["places"] if p["name"] == "Paris"]
    assert [p.get("zone") for p in paris] == ["dateline"]  # a mention, of the writing
    assert found["published"] == "2023-01-30"
    assert [i["place"] for i in found["incidents"]] == ["Lachin corridor"]


def test_a_date_given_by_the_caller_wins_over_the_text() -> None:
    from datetime import date

    from rightsledger.extract.pipeline import extract_text

    assert extract_text(ARTICLE, "en", date(2023, 2, 1)).published == date(2023, 2, 1)
