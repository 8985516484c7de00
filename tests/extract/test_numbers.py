"""Numbers: digits and words in en, ru, fr, hy, az, qualifiers, units, vague counts, non-numbers.

Every sentence here is written for these tests. A case names the exact words the figure
spans (qualifier and multiplier included, the counted noun not), so offsets are checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

from rightsledger.extract.document import Doc
from rightsledger.extract.numbers import STAGE, find_numbers


def _numbers(text: str, language: str | None = "en") -> list[dict[str, Any]]:
    return find_numbers(Doc(text, language=language))


def _only(text: str, language: str | None = "en") -> dict[str, Any]:
    (number,) = _numbers(text, language)
    assert text[number["start"]:number["end"]] == number["text"]
    return number


FIGURES = [
    # digits with every kind of separator
    ("en", "The siege left 120,000 residents without gas.", "120,000", 120000, "residents"),
    ("en", "Officials counted 120.000 residents in the region.", "120.000", 120000, "residents"),
    ("fr", "On estime à 120 000 habitants la population.", "120 000", 120000, "habitants"),
    ("fr", "Elle compte 120\u202f000 habitants.", "120\u202f000", 120000, "habitants"),
    ("ru", "В регионе 120\u00a0000 человек.", "120\u00a0000", 120000, "человек"),
    ("en", "The clinic treated 1,100 patients.", "1,100", 1100, "patients"),
    ("en", "A convoy brought 2.5 tonnes of flour.", "2.5", 2.5, "tonnes"),
    ("en", "A losses estimate of 3,154 casualties was given.", "3,154", 3154, "casualties"),
    # multipliers
    ("en", "The fund asked for 2.5 million dollars.", "2.5 million", 2500000, "dollars"),
    ("en", "Some 120 thousand people were cut off.", "Some 120 thousand", 120000, "people"),
    ("ru", "Без газа остались 120 тысяч человек.", "120 тысяч", 120000, "человек"),
    ("ru", "Эвакуировали 1.5 тыс. жителей.", "1.5 тыс.", 1500, "жителей"),
    ("ru", "Ущерб составил 2,5 млн долларов.", "2,5 млн", 2500000, "долларов"),
    ("hy", "Շրջափակման մեջ է 120 հազար մարդ։", "120 հազար", 120000, "մարդ"),
    ("hy", "Դպրոց չեն գնում 30 հազար երեխա։", "30 հազար", 30000, "երեխա"),
    ("az", "Bölgədə 120 min nəfər yaşayır.", "120 min", 120000, "nəfər"),
    ("fr", "Il faudrait 2 millions d'euros.", "2 millions", 2000000, "euros"),
    # number words
    ("en", "The attack killed four servicemen.", "four", 4, "servicemen"),
    ("en", "Twenty-five houses burned.", "Twenty-five", 25, "houses"),
    ("en", "It was blocked by a hundred activists.", "a hundred", 100, "activists"),
    ("en", "They found one hundred and twenty graves.", "one hundred and twenty", 120, "graves"),
    ("en", "One civilian was wounded.", "One", 1, "civilian"),
    ("ru", "Погибли четыре военнослужащих.", "четыре", 4, "военнослужащих"),
    ("ru", "Ранены двадцать пять человек.", "двадцать пять", 25, "человек"),
    ("ru", "Сгорело сто домов.", "сто", 100, "домов"),
    ("ru", "Родственники четырёх погибших обратились в суд.", "четырёх", 4, "погибших"),
    ("ru", "Обменяли двух пленных.", "двух", 2, "пленных"),
    ("ru", "Прибыли две тысячи беженцев.", "две тысячи", 2000, "беженцев"),
    ("fr", "Le bombardement a tué quatre civils.", "quatre", 4, "civils"),
    ("fr", "On compte vingt-cinq blessés.", "vingt-cinq", 25, "blessés"),
    ("fr", "Il reste quatre-vingt-dix familles.", "quatre-vingt-dix", 90, "familles"),
    ("hy", "Զոհվել է չորս զինծառայող։", "չորս", 4, "զինծառայող"),
    ("hy", "Վիրավորվել է երկու քաղաքացի։", "երկու", 2, "քաղաքացի"),
    ("hy", "Տեղահանվել է հարյուր ընտանիք։", "հարյուր", 100, "ընտանիք"),
    ("hy", "Գյուղում կար հազար բնակիչ։", "հազար", 1000, "բնակիչ"),
    ("hy", "Սպանվել է քսանհինգ մարդ։", "քսանհինգ", 25, "մարդ"),
    ("az", "Dörd əsgər yaralanıb.", "Dörd", 4, "əsgər"),
    # counted nouns
    ("en", "The blockade has lasted 44 days.", "44", 44, "days"),
    ("en", "After the 44-day war, talks began.", "44", 44, "day"),
    ("en", "Troops hold nearly 150 km2 of land.", "nearly 150", 150, "km2"),
    ("en", "They destroyed 368 armored vehicles.", "368", 368, "vehicles"),
    ("en", "Ambulances carried 4 Armenian children.", "4", 4, "children"),
    ("ru", "Армия заняла 150 кв. км территории.", "150", 150, "km2"),
    ("en", "Prices rose by 80% in a month.", "80", 80, "%"),
    ("en", "Shelters for $5 million were promised.", "$5 million", 5000000, "USD"),
    ("en", "It is day 100 of the blockade.", "100", 100, "day"),
    ("en", "The 100th day of the blockade passed quietly.", "100th", 100, "day"),
    ("ru", "На 100-й день блокады прошла акция.", "100-й", 100, "день"),
    ("hy", "Շրջափակման 100-րդ օրը անցավ։", "100-րդ", 100, "օրը"),
    ("ru", "Ранены 4-х военнослужащих.", "4-х", 4, "военнослужащих"),
    ("ru", "В 90 мирных жителей попали осколки.", "90", 90, "жителей"),
]


@pytest.mark.parametrize(("language", "text", "words", "value", "unit"), FIGURES)
def test_figures_are_normalised_with_their_counted_noun(language: str, text: str, words: str,
                                                        value: float, unit: str) -> None:
    number = _only(text, language)
    assert number["text"] == words
    assert number["start"] == text.index(words)
    assert (number["value"], number["unit"]) == (value, unit)
    assert type(number["value"]) is type(value)


QUALIFIED = [
    ("en", "More than 4,000 soldiers died.", "More than 4,000", 4000, "at_least"),
    ("en", "At least 30 homes burned.", "At least 30", 30, "at_least"),
    ("en", "It went on for over 50 days.", "over 50", 50, "at_least"),
    ("en", "Up to 300 trucks wait at the bridge.", "Up to 300", 300, "at_most"),
    ("en", "Less than 10 trucks passed.", "Less than 10", 10, "at_most"),
    ("en", "Some 30,000 children are affected.", "Some 30,000", 30000, "about"),
    ("en", "About 200 people gathered.", "About 200", 200, "about"),
    ("en", "Around 90 shells fell.", "Around 90", 90, "about"),
    ("en", "Nearly 150 families left.", "Nearly 150", 150, "about"),
    ("en", "Approximately 40 villages lost power.", "Approximately 40", 40, "about"),
    ("en", "4,000 or more people fled.", "4,000 or more", 4000, "at_least"),
    ("en", "More than a hundred volunteers came.", "More than a hundred", 100, "at_least"),
    ("ru", "Пострадали не менее 30 детей.", "не менее 30", 30, "at_least"),
    ("ru", "Без света более 120 тыс. человек.", "более 120 тыс.", 120000, "at_least"),
    ("ru", "Повреждено свыше 200 домов.", "свыше 200", 200, "at_least"),
    ("ru", "Очередь выросла до 300 машин.", "до 300", 300, "at_most"),
    ("ru", "Около 30 тысяч детей не учатся.", "Около 30 тысяч", 30000, "about"),
    ("ru", "Примерно 50 человек ранены.", "Примерно 50", 50, "about"),
    ("ru", "Погибли более тысячи человек.", "более тысячи", 1000, "at_least"),
    ("fr", "Plus de 4 000 soldats sont morts.", "Plus de 4 000", 4000, "at_least"),
    ("fr", "Environ 120 000 habitants sont isolés.", "Environ 120 000", 120000, "about"),
    ("fr", "Près de 150 km2 sont occupés.", "Près de 150", 150, "about"),
    ("fr", "Plus d'un million de personnes.", "Plus d'un million", 1000000, "at_least"),
    ("fr", "Une centaine de manifestants bloquent la route.", "Une centaine", 100, "about"),
    ("hy", "Ավելի քան 4000 զինծառայող է զոհվել։", "Ավելի քան 4000", 4000, "at_least"),
    ("hy", "Մոտ 30 հազար երեխա չի սովորում։", "Մոտ 30 հազար", 30000, "about"),
    ("hy", "Այնտեղ կա 100-ից ավելի մարդ։", "100-ից ավելի", 100, "at_least"),
    ("az", "Təxminən 30 min uşaq məktəbə getmir.", "Təxminən 30 min", 30000, "about"),
    ("az", "100-dən çox sakin yaralanıb.", "100-dən çox", 100, "at_least"),
]


@pytest.mark.parametrize(("language", "text", "words", "value", "qualifier"), QUALIFIED)
def test_qualifiers(language: str, text: str, words: str, value: int, qualifier: str) -> None:
    number = _only(text, language)
    assert (number["text"], number["start"]) == (words, text.index(words))
    assert (number["value"], number["qualifier"]) == (value, qualifier)


def test_a_plain_figure_is_exact() -> None:
    assert _only("The army lost 13 tanks.")["qualifier"] == "exact"


VAGUE = [
    ("en", "Hundreds of families fled.", "Hundreds", "hundreds", "families"),
    ("en", "Dozens of civilians were detained.", "Dozens", "dozens", "civilians"),
    ("en", "Thousands of people marched.", "Thousands", "thousands", "people"),
    ("en", "Tens of thousands of refugees arrived.", "Tens of thousands", "tens of thousands",
     "refugees"),
    ("en", "Several hundred homes were hit.", "Several hundred", "hundreds", "homes"),
    ("ru", "Сотни людей вышли на улицы.", "Сотни", "hundreds", "людей"),
    ("ru", "Десятки домов разрушены.", "Десятки", "dozens", "домов"),
    ("ru", "Десятки тысяч беженцев ждут.", "Десятки тысяч", "tens of thousands", "беженцев"),
    ("fr", "Des centaines de civils ont fui.", "Des centaines", "hundreds", "civils"),
    ("fr", "Des dizaines de milliers de réfugiés.", "Des dizaines de milliers",
     "tens of thousands", "réfugiés"),
    ("hy", "Հարյուրավոր ընտանիքներ լքեցին տները։", "Հարյուրավոր", "hundreds", "ընտանիքներ"),
    ("hy", "Հազարավոր մարդիկ հավաքվեցին։", "Հազարավոր", "thousands", "մարդիկ"),
    ("az", "Yüzlərlə insan toplaşdı.", "Yüzlərlə", "hundreds", "insan"),
]


@pytest.mark.parametrize(("language", "text", "words", "label", "unit"), VAGUE)
def test_vague_counts_are_kept_without_inventing_a_number(language: str, text: str, words: str,
                                                          label: str, unit: str) -> None:
    number = _only(text, language)
    assert (number["text"], number["start"]) == (words, text.index(words))
    assert number["value"] is None and number["qualifier"] == "vague"
    assert (number["vague"], number["unit"]) == (label, unit)


NOT_NUMBERS = [
    ("en", "The road was closed on 12 December 2022."),
    ("en", "The road was closed on December 12, 2022."),
    ("en", "The order of 22 February 2023 was ignored."),
    ("en", "Pogroms took place from 22 to 26 March 1920."),
    ("en", "The report is dated 12.12.2022 and 2022-12-12."),
    ("en", "The war of 2020 changed everything."),
    ("en", "In the 1990s the front moved."),
    ("en", "It started at 10:30 am (GMT+4)."),
    ("en", "Call +374 10 123456 or (010) 55-66-77."),
    ("en", "This breaches Article 2 and § 3 of the Convention."),
    ("en", "See Articles 2, 3 and 14 and Protocol No. 1."),
    ("en", "Security Council resolution 884 was cited."),
    ("en", "Su-25 jets and Bayraktar TB2 drones flew over."),
    ("en", "No one was hurt."),
    ("en", "One of them spoke."),
    ("en", "The second convoy arrived on the 3rd."),
    ("en", "The thousand-year-old church stood."),
    ("en", "They posted the video 24/7 (1)."),
    ("en", "Read https://example.org/news/12345 today."),
    ("ru", "Дорогу перекрыли 12 декабря 2022 года."),
    ("ru", "В 2020 году началась война."),
    ("ru", "Это нарушает статью 2 и п. 4 конвенции."),
    ("ru", "Один из них выжил."),
    ("fr", "La route est fermée depuis le 12 décembre 2022."),
    ("fr", "Un homme a été blessé selon l'article 3."),
    ("hy", "Ճանապարհը փակվել է 2022 թ. դեկտեմբերի 12-ին։"),
    ("hy", "Դա խախտում է հոդված 3-ը։"),
    ("az", "Yol 12 dekabr 2022-ci ildə bağlandı."),
    ("az", "Bir gün sonra danışıqlar başladı."),
]


@pytest.mark.parametrize(("language", "text"), NOT_NUMBERS)
def test_dates_references_and_codes_are_not_numbers(language: str, text: str) -> None:
    assert _numbers(text, language) == []


def test_a_year_counting_people_is_a_number() -> None:
    number = _only("About 2000 people sheltered in the basement.")
    assert (number["value"], number["unit"]) == (2000, "people")


def test_figures_after_a_date_are_found() -> None:
    text = "On 12 December 2022, 120,000 people were cut off; in December 4,000 left."
    found = [(n["text"], n["value"]) for n in _numbers(text)]
    assert found == [("120,000", 120000), ("4,000", 4000)]


def test_several_figures_in_one_sentence_in_order() -> None:
    text = "The war killed more than 4,000 Armenians and left 12,000 disabled."
    found = _numbers(text)
    assert [(n["text"], n["value"], n["unit"]) for n in found] == [
        ("more than 4,000", 4000, "Armenians"), ("12,000", 12000, "disabled")]
    assert [(n["start"], n["end"]) for n in found] == [(15, 30), (50, 56)]


RANGES = [
    ("en", "Between 5 and 10 ambulances wait at the bridge.", "ambulances"),
    ("en", "The closure covers 5–10 km of road.", "km"),
    ("ru", "У КПП стоят от 5 до 10 машин.", "машин"),
    ("fr", "Entre 5 et 10 camions attendent.", "camions"),
]


@pytest.mark.parametrize(("language", "text", "unit"), RANGES)
def test_a_range_gives_a_low_and_a_high_end(language: str, text: str, unit: str) -> None:
    low, high = _numbers(text, language)
    assert (low["value"], low["qualifier"], low["unit"]) == (5, "at_least", unit)
    assert (high["value"], high["qualifier"], high["unit"]) == (10, "at_most", unit)


def test_two_figures_joined_by_and_are_not_a_range() -> None:
    first, second = _numbers("The shelling killed 4 and wounded 12 people.")
    assert (first["qualifier"], second["qualifier"]) == ("exact", "exact")


def test_unknown_language_uses_every_language() -> None:
    assert _only("Около 30 тысяч детей.", None)["value"] == 30000
    assert _only("Plus de 4 000 soldats.", None)["qualifier"] == "at_least"


def test_stage_declares_what_it_adds() -> None:
    assert (STAGE.name, STAGE.needs, STAGE.adds) == ("numbers.v1", (), "numbers")
    doc = Doc("Four trucks passed.", language="en")
    STAGE.apply(doc)
    assert doc.found["numbers"][0]["value"] == 4 and not doc.warnings


def test_long_text_is_scanned_in_one_pass() -> None:
    text = "On 3 May 2021, 1,200 people left and about 40 homes burned. " * 2000
    found = _numbers(text)
    assert len(found) == 4000 and found[-1]["end"] <= len(text)
