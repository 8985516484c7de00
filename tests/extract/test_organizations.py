"""Organisations: actors from vocabularies/actors.json in en, ru, fr, hy, az, with offsets.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from rightsledger.errors import BadInput
from rightsledger.extract.document import Doc
from rightsledger.extract.organizations import (
    KINDS,
    STAGE,
    _check,
    find_organizations,
    fold,
    vocabulary,
)


def _found(text: str, language: str | None = "en") -> list[dict[str, Any]]:
    return find_organizations(Doc(text, language=language))


def _pairs(text: str, language: str | None = "en") -> list[tuple[str, str]]:
    return [(o["text"], o["actor_id"]) for o in _found(text, language)]


MENTIONS = [
    ("en", "The International Committee of the Red Cross visited detainees.",
     "International Committee of the Red Cross", "icrc"),
    ("en", "Delegates of the ICRC crossed the bridge.", "ICRC", "icrc"),
    ("en", "The ICJ ordered free movement.", "ICJ", "icj"),
    ("en", "An order of the International Court of Justice was ignored.",
     "International Court of Justice", "icj"),
    ("en", "A report by HRW described the cuts.", "HRW", "hrw"),
    ("en", "Human Rights Watch called for access.", "Human Rights Watch", "hrw"),
    ("en", "PACE adopted a resolution.", "PACE", "pace"),
    ("en", "The UN did not send a mission.", "UN", "un"),
    ("en", "The UN's envoy stayed home.", "UN", "un"),
    ("en", "The UN Security Council met in December.", "UN Security Council", "un-sc"),
    ("en", "The UN Secretary-General voiced concern.", "UN Secretary-General", "un-sg"),
    ("en", "UNICEF warned about children without heating.", "UNICEF", "unicef"),
    ("en", "The UN Refugee Agency counted arrivals.", "UN Refugee Agency", "unhcr"),
    ("en", "The OHCHR issued a note.", "OHCHR", "ohchr"),
    ("en", "UN special rapporteurs wrote to Baku.", "UN special rapporteurs",
     "un-special-rapporteurs"),
    ("en", "The European Court of Human Rights granted interim measures.",
     "European Court of Human Rights", "echr"),
    ("en", "An ECHR ruling followed.", "ECHR", "echr"),
    ("en", "The European Parliament adopted a text.", "European Parliament", "ep"),
    ("en", "The Council of Europe sent a delegation.", "Council of Europe", "coe"),
    ("en", "The OSCE Minsk Group co-chairs met.", "OSCE Minsk Group co-chairs",
     "osce-minsk-group"),
    ("en", "The EU offered aid.", "EU", "eu"),
    ("en", "Amnesty International documented the case.", "Amnesty International", "amnesty"),
    ("en", "Freedom House lowered the score.", "Freedom House", "freedom-house"),
    ("en", "The Lemkin Institute issued an alert.", "Lemkin Institute", "lemkin-institute"),
    ("en", "Genocide Watch raised its level.", "Genocide Watch", "genocide-watch"),
    ("en", "Reporters Without Borders condemned it.", "Reporters Without Borders", "rsf"),
    ("en", "The CPJ asked for the release.", "CPJ", "cpj"),
    ("en", "The State Department urged restraint.", "State Department", "us-state-department"),
    ("en", "The Armenian Ministry of Defense denied it.", "Armenian Ministry of Defense",
     "am-mod"),
    ("en", "Azerbaijan's Ministry of Defence published a video.",
     "Azerbaijan's Ministry of Defence", "az-mod"),
    ("en", "The Azerbaijani Foreign Ministry replied.", "Azerbaijani Foreign Ministry", "az-mfa"),
    ("en", "The Russian Foreign Ministry commented.", "Russian Foreign Ministry", "ru-mfa"),
    ("en", "The Russian peacekeeping contingent stood by.", "Russian peacekeeping contingent",
     "ru-peacekeepers"),
    ("en", "The Defence Army reported two wounded.", "Defence Army", "nk-defence-army"),
    ("en", "Azerbaijani Armed Forces advanced.", "Azerbaijani Armed Forces", "az-armed-forces"),
    ("en", "Armenia's Human Rights Defender visited the border.",
     "Armenia's Human Rights Defender", "am-hrd"),
    ("en", "Artsakh's Ombudsman published a report.", "Artsakh's Ombudsman", "nk-hrd"),
    ("en", "The Azerbaijani Ombudsman answered.", "Azerbaijani Ombudsman", "az-ombudsman"),
    ("en", "The Government of Armenia applied again.", "Government of Armenia",
     "am-government"),
    ("en", "The President of Azerbaijan spoke.", "President of Azerbaijan", "az-president"),
    ("en", "Vladimir Putin called Baku.", "Vladimir Putin", "ru-putin"),
    ("ru", "Представители Международного комитета Красного Креста посетили город.",
     "Международного комитета Красного Креста", "icrc"),
    ("ru", "Сотрудники МККК вывезли раненых.", "МККК", "icrc"),
    ("ru", "В МИД Азербайджана это опровергли.", "МИД Азербайджана", "az-mfa"),
    ("ru", "По данным Министерства обороны Армении, обстрел продолжался.",
     "Министерства обороны Армении", "am-mod"),
    ("ru", "Решение Международного суда ООН не выполнено.", "Международного суда ООН", "icj"),
    ("ru", "Жалобу подали в Европейский суд по правам человека.",
     "Европейский суд по правам человека", "echr"),
    ("ru", "Российские миротворцы не вмешались.", "Российские миротворцы", "ru-peacekeepers"),
    ("ru", "Генеральный секретарь ООН призвал к диалогу.", "Генеральный секретарь ООН",
     "un-sg"),
    ("ru", "Депутаты ПАСЕ обсудили доклад.", "ПАСЕ", "pace"),
    ("fr", "Le CICR a livré de la farine.", "CICR", "icrc"),
    ("fr", "La Cour internationale de Justice a rendu une ordonnance.",
     "Cour internationale de Justice", "icj"),
    ("fr", "La CIJ a été saisie.", "CIJ", "icj"),
    ("fr", "Le Parlement européen a voté une résolution.", "Parlement européen", "ep"),
    ("fr", "Le ministère azerbaïdjanais de la Défense dément.",
     "ministère azerbaïdjanais de la Défense", "az-mod"),
    ("fr", "Les Nations unies n'ont pas réagi.", "Nations unies", "un"),
    ("hy", "Կարմիր խաչի միջազգային կոմիտեն տարհանեց հիվանդներին։",
     "Կարմիր խաչի միջազգային կոմիտեն", "icrc"),
    ("hy", "ՄԱԿ-ի Անվտանգության խորհրդի նիստը հետաձգվեց։", "ՄԱԿ-ի Անվտանգության խորհրդի",
     "un-sc"),
    ("hy", "ՀՀ պաշտպանության նախարարությունը հերքեց։", "ՀՀ պաշտպանության նախարարությունը",
     "am-mod"),
    ("hy", "Արցախի մարդու իրավունքների պաշտպանը զեկույց հրապարակեց։",
     "Արցախի մարդու իրավունքների պաշտպանը", "nk-hrd"),
    ("hy", "Արդարադատության միջազգային դատարանի որոշումը չկատարվեց։",
     "Արդարադատության միջազգային դատարանի", "icj"),
    ("az", "Azərbaycan Respublikasının Müdafiə Nazirliyinin məlumatına görə atəş açılıb.",
     "Azərbaycan Respublikasının Müdafiə Nazirliyinin", "az-mod"),
    ("az", "Beynəlxalq Qırmızı Xaç Komitəsinin nümayəndələri gəldi.",
     "Beynəlxalq Qırmızı Xaç Komitəsinin", "icrc"),
    ("az", "İlham Əliyev bəyanat verdi.", "İlham Əliyev", "az-aliyev"),
    ("az", "BMT-nin Təhlükəsizlik Şurası toplandı.", "BMT-nin Təhlükəsizlik Şurası", "un-sc"),
]


@pytest.mark.parametrize(("language", "text", "words", "actor_id"), MENTIONS)
def test_actors_are_found_with_exact_offsets(language: str, text: str, words: str,
                                             actor_id: str) -> None:
    (mention,) = _found(text, language)
    assert (mention["text"], mention["actor_id"]) == (words, actor_id)
    assert (mention["start"], mention["end"]) == (text.index(words),
                                                  text.index(words) + len(words))
    assert mention["kind"] in KINDS and mention["name"]


NOT_ACTORS = [
    ("en", "They did not UNDERSTAND the request."),
    ("en", "A fund for the families was opened."),
    ("en", "The pace of talks was slow."),
    ("en", "An amnesty law was debated."),
    ("en", "They claim the hrw rule is void."),
    ("fr", "Un homme et une femme ont été blessés."),
    ("fr", "Il a eu peur."),
    ("ru", "Он нашёл ооновский флаг."),
]


@pytest.mark.parametrize(("language", "text"), NOT_ACTORS)
def test_lowercase_words_and_word_parts_are_not_abbreviations(language: str, text: str) -> None:
    assert _found(text, language) == []


def test_longest_alias_wins_and_each_occurrence_is_a_mention() -> None:
    text = ("The UN Security Council and the UN met; the UN Security Council and the "
            "Parliamentary Assembly of the Council of Europe (PACE) did too.")
    assert _pairs(text) == [("UN Security Council", "un-sc"), ("UN", "un"),
                            ("UN Security Council", "un-sc"),
                            ("Parliamentary Assembly of the Council of Europe", "pace"),
                            ("PACE", "pace")]


def test_russian_inflections_through_the_cases() -> None:
    text = ("Министерство обороны Армении сообщило, Министерству обороны Армении ответили, "
            "с Министерством обороны Армении согласились.")
    assert [a for _, a in _pairs(text, "ru")] == ["am-mod"] * 3


def test_a_ministry_without_a_country_takes_the_one_named_before() -> None:
    text = ("The Azerbaijani Ministry of Defence denied the report. The Ministry of Defence "
            "later published a video.")
    first, second = _found(text)
    assert (first["actor_id"], second["actor_id"]) == ("az-mod", "az-mod")
    assert second["resolved_from"] == "mod" and second["text"] == "Ministry of Defence"


def test_a_ministry_without_a_country_stays_generic_when_none_was_named() -> None:
    (mention,) = _found("The Ministry of Defence reported shelling.")
    assert (mention["actor_id"], mention["name"]) == (
        "mod", "Ministry of Defence (country not named)")


def test_mention_carries_canonical_name_kind_and_country() -> None:
    (mention,) = _found("Сотрудники МИД Азербайджана выступили.", "ru")
    assert (mention["name"], mention["kind"], mention["country"]) == (
        "Ministry of Foreign Affairs of Azerbaijan", "state_body", "AZ")


def test_folding_keeps_offsets() -> None:
    for text in ("İlham Əliyev", "Вооружённые силы", "Artsakh’s\u00a0Ombudsman", "ß"):
        assert len(fold(text)) == len(text)


def test_vocabulary_has_the_actors_the_project_needs() -> None:
    actors = vocabulary().actors
    assert len(actors) >= 45
    for needed in ("am-mod", "az-mod", "ru-mod", "am-mfa", "az-mfa", "ru-mfa", "az-armed-forces",
                   "am-armed-forces", "nk-defence-army", "ru-peacekeepers", "am-hrd", "nk-hrd",
                   "az-ombudsman", "icrc", "un", "un-sc", "un-sg", "ohchr", "unicef", "unhcr",
                   "un-special-rapporteurs", "icj", "echr", "ep", "pace", "coe", "osce",
                   "osce-minsk-group", "eu", "amnesty", "hrw", "freedom-house",
                   "lemkin-institute", "genocide-watch", "rsf", "cpj", "am-government",
                   "az-government", "ru-government", "am-president", "az-president",
                   "ru-president", "us-state-department"):
        assert needed in actors, needed
    for actor in actors.values():
        assert actor["kind"] in KINDS
        assert actor["country"] is None or len(actor["country"]) == 2


def test_a_malformed_vocabulary_fails_with_one_clear_line() -> None:
    data = json.loads(resources.files("rightsledger.vocabularies").joinpath(
        "actors.json").read_text("utf-8"))
    data["actors"][0]["kind"] = "club"
    with pytest.raises(BadInput, match="kind 'club'"):
        _check(data, {a["id"]: a for a in data["actors"]})


def test_stage_declares_what_it_adds() -> None:
    assert (STAGE.name, STAGE.needs, STAGE.adds) == ("organizations.v2", (), "organizations")
    doc = Doc("The ICRC arrived.", language="en")
    STAGE.apply(doc)
    assert doc.found["organizations"][0]["actor_id"] == "icrc" and not doc.warnings
