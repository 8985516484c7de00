"""The dates.v1 stage: absolute dates in five languages, ranges, open intervals, relative
dates resolved against the publication date, and numbers that are not dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rightsledger.extract.dates import STAGE, find_dates
from rightsledger.extract.document import Doc

CONTRACT = {"value", "precision", "text", "start", "end"}
SUNDAY = "2020-10-04"  # a Sunday
WEDNESDAY = "2023-01-18"


def _dates(text: str, language: str | None = "en",
           published: date | str | None = None) -> list[dict[str, Any]]:
    if isinstance(published, str):
        published = date.fromisoformat(published)
    found = find_dates(Doc(text, language=language, published=published))
    for item in found:
        assert set(item) - {"relative"} == CONTRACT
        assert text[item["start"]:item["end"]] == item["text"]
    return found


def _one(text: str, span: str, value: str, precision: str, language: str | None = "en",
         published: date | str | None = None) -> dict[str, Any]:
    """``text`` holds exactly one date: ``span``, with this value and precision."""
    found = _dates(text, language, published)
    assert [(f["text"], f["value"], f["precision"]) for f in found] == [
        (span, value, precision)]
    assert (found[0]["start"], found[0]["end"]) == (text.index(span), text.index(span) + len(span))
    return found[0]


def _values(text: str, language: str | None = "en",
            published: date | str | None = None) -> list[tuple[str, str]]:
    return [(f["text"], f["value"]) for f in _dates(text, language, published)]


def test_stage_declaration() -> None:
    assert (STAGE.name, STAGE.needs, STAGE.adds) == ("dates.v1", (), "dates")
    doc = Doc("Gas was cut on 17 January 2023.", language="en")
    STAGE.apply(doc)
    assert doc.found["dates"][0]["value"] == "2023-01-17"
    assert not doc.warnings


# --- absolute dates --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "span", "language"), [
    ("The convoy was stopped on 12 December 2022 near Shushi.", "12 December 2022", "en"),
    ("The convoy was stopped on December 12, 2022 near Shushi.", "December 12, 2022", "en"),
    ("The convoy was stopped on 12th of December 2022.", "12th of December 2022", "en"),
    ("Stopped on 12.12.2022, the convoy turned back.", "12.12.2022", "en"),
    ("Log entry 2022-12-12: convoy stopped.", "2022-12-12", "en"),
    ("DATELINE 12 DECEMBER 2022 — convoy stopped.", "12 DECEMBER 2022", "en"),
    ("Колонну остановили 12 декабря 2022 года у Шуши.", "12 декабря 2022 года", "ru"),
    ("Колонну остановили 12 дек. 2022 г. у Шуши.", "12 дек. 2022 г.", "ru"),
    ("Le convoi a été arrêté le 12 décembre 2022 près de Chouchi.", "12 décembre 2022", "fr"),
    ("Շարասյունը կանգնեցվել է 12 դեկտեմբերի 2022թ.։", "12 դեկտեմբերի 2022թ.", "hy"),
    ("Շարասյունը 2022 թվականի դեկտեմբերի 12-ին կանգնեցվեց։", "2022 թվականի դեկտեմբերի 12-ին",
     "hy"),
    ("Karvan 12 dekabr 2022-ci il tarixində saxlanıldı.", "12 dekabr 2022-ci il", "az"),
    ("Karvan 2022-ci ilin 12 dekabrında saxlanıldı.", "2022-ci ilin 12 dekabrında", "az"),
])
def test_a_day_in_five_languages(text: str, span: str, language: str) -> None:
    _one(text, span, "2022-12-12", "day", language)


def test_a_weekday_with_the_date_stays_in_the_span() -> None:
    _one("Wednesday, 14 December 2022: no gas.", "Wednesday, 14 December 2022", "2022-12-14",
         "day")


@pytest.mark.parametrize(("text", "span", "language"), [
    ("Power cuts began in January 2023 across the region.", "January 2023", "en"),
    ("Отключения начались в январе 2023 года.", "январе 2023 года", "ru"),
    ("Les coupures ont commencé en janvier 2023.", "janvier 2023", "fr"),
    ("Անջատումները սկսվեցին 2023 թվականի հունվարին։", "2023 թվականի հունվարին", "hy"),
    ("Kəsintilər 2023-cü ilin yanvarında başladı.", "2023-cü ilin yanvarında", "az"),
])
def test_a_month_and_year(text: str, span: str, language: str) -> None:
    _one(text, span, "2023-01", "month", language)


@pytest.mark.parametrize(("text", "span", "language"), [
    ("The war resumed in 2020 after years of talks.", "2020", "en"),
    ("Война возобновилась в 2020 году.", "2020 году", "ru"),
    ("La guerre a repris en 2020.", "2020", "fr"),
    ("Պատերազմը վերսկսվեց 2020 թվականին։", "2020 թվականին", "hy"),
    ("Müharibə 2020-ci ildə yenidən başladı.", "2020-ci ildə", "az"),
    ("Refugees of the 2020 war are still displaced.", "2020", "en"),
])
def test_a_year_alone_with_a_word_that_makes_it_a_date(text: str, span: str,
                                                       language: str) -> None:
    _one(text, span, "2020", "year", language)


@pytest.mark.parametrize("text", [
    "The blockade lasted 44 days.",
    "Some 120,000 people live in the region, 30 000 children among them.",
    "On day 100 of the blockade the ombudsman reported again.",
    "The road is 5 km long; 2 of 3 bridges are closed.",
    "Call +374 10 12 12 12 or 091-12-2022 for help.",
    "Prices rose by 20% and 12.5% in the region.",
    "The convoy carried 2020 tonnes of flour, and 1999 is a room number.",
    "In 2021 people returned to 1990 houses.",
    "Option 2 may be better than option 3.",
    "The meeting starts at 10:30, room 12.",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert _dates(text, "en", "2023-01-18") == []


def test_a_count_after_a_date_is_not_a_day_of_a_list() -> None:
    assert _values("On March 5, 12 people were killed.", published=WEDNESDAY) == [
        ("March 5", "2022-03-05")]


def test_a_day_month_that_is_impossible_is_left_out() -> None:
    assert _dates("Filed on 31 February 2022 and 30.02.2022.") == []


def test_slashes_read_day_first_unless_the_text_writes_them_month_first() -> None:
    """A police statement's "10/08/2023" is 10 August, in English as in Russian; a text
    with "8/25/2023" in it writes month first, so its "10/08/2023" is 8 October."""
    assert _values("Entries of 12/05/2022 and 25/12/2022.") == [
        ("12/05/2022", "2022-05-12"), ("25/12/2022", "2022-12-25")]
    assert _values("On 10/08/2023, at dawn, the post was attacked.") == [
        ("10/08/2023", "2023-08-10")]
    assert _values("Записи от 12/05/2022.", "ru") == [("12/05/2022", "2022-05-12")]
    assert _values("Filed 8/25/2023; heard 10/08/2023.") == [
        ("8/25/2023", "2023-08-25"), ("10/08/2023", "2023-10-08")]


def test_offsets_survive_a_capital_dotted_i() -> None:
    text = "İnsanlar 12 İyun 2023 tarixində köçdü."
    _one(text, "12 İyun 2023", "2023-06-12", "day", "az")


# --- missing years ----------------------------------------------------------------------

@pytest.mark.parametrize(("published", "value"), [
    ("2023-01-18", "2022-12-12"),
    ("2022-12-20", "2022-12-12"),
    ("2022-12-12", "2022-12-12"),
    ("2022-12-11", "2021-12-12"),
])
def test_a_missing_year_is_the_one_closest_before_publication(published: str,
                                                              value: str) -> None:
    found = _one("The road was closed on 12 December.", "12 December", value, "day",
                 published=published)
    assert found["relative"] is True


def test_a_missing_year_without_publication_date_comes_from_the_text() -> None:
    text = "The road closed on 12 December 2022. Gas stopped on 15 December, power on 9 January."
    assert _values(text) == [("12 December 2022", "2022-12-12"), ("15 December", "2022-12-15"),
                             ("9 January", "2023-01-09")]
    assert _dates("Gas stopped on 15 December.") == []


def test_without_publication_date_the_latest_date_stands_in_for_it() -> None:
    # a dateline, a reminder of 2020, then a yearless date half a year before the dateline
    text = ("Paris, March 21, 2023. Since the statement of November 9, 2020 the ceasefire has "
            "been broken; on September 13 the army crossed the border.")
    assert _values(text)[-1] == ("September 13", "2022-09-13")


def test_a_weekday_picks_the_year() -> None:
    # 12 December fell on a Monday in 2022; the closest earlier year would be 2023's
    found = _one("Since Monday, December 12, the road is closed.", "Since Monday, December 12",
                 "2022-12-12/..", "range", published="2024-01-16")
    assert found["relative"] is True


# --- ranges and open intervals ----------------------------------------------------------

@pytest.mark.parametrize(("text", "span", "value", "language", "published"), [
    ("Shelling went on from 12 to 14 December 2022.", "from 12 to 14 December 2022",
     "2022-12-12/2022-12-14", "en", None),
    ("Shelling went on 12–14 December, officials said.", "12–14 December",
     "2022-12-12/2022-12-14", "en", "2023-01-18"),
    ("Shelling went on December 12-14, 2022.", "December 12-14, 2022",
     "2022-12-12/2022-12-14", "en", None),
    ("The corridor was shut between December 12, 2022 and March 21, 2023.",
     "between December 12, 2022 and March 21, 2023", "2022-12-12/2023-03-21", "en", None),
    ("The corridor was shut from 12 December 2022 to 21 March 2023.",
     "from 12 December 2022 to 21 March 2023", "2022-12-12/2023-03-21", "en", None),
    ("Pogroms took place (27 February to 1 March 1988) in the town.",
     "27 February to 1 March 1988", "1988-02-27/1988-03-01", "en", None),
    ("Коридор был закрыт с 12 декабря по 21 марта.", "с 12 декабря по 21 марта",
     "2022-12-12/2023-03-21", "ru", "2023-03-25"),
    ("Обстрелы шли с 12 по 14 декабря 2022 года.", "с 12 по 14 декабря 2022 года",
     "2022-12-12/2022-12-14", "ru", None),
    ("Les tirs ont duré du 12 au 14 décembre 2022.", "du 12 au 14 décembre 2022",
     "2022-12-12/2022-12-14", "fr", None),
    ("Le corridor a été fermé entre le 12 décembre 2022 et le 21 mars 2023.",
     "entre le 12 décembre 2022 et le 21 mars 2023", "2022-12-12/2023-03-21", "fr", None),
    ("Միջանցքը փակ էր դեկտեմբերի 12-ից մինչև մարտի 21-ը։", "դեկտեմբերի 12-ից մինչև մարտի 21-ը",
     "2022-12-12/2023-03-21", "hy", "2023-03-25"),
    ("Dəhliz 12 dekabrdan 21 marta qədər bağlı idi.", "12 dekabrdan 21 marta qədər",
     "2022-12-12/2023-03-21", "az", "2023-03-25"),
    ("The conflict of 1988–1994 displaced many.", "1988–1994", "1988/1994", "en", None),
    ("Было это в 2020–2023 годах.", "2020–2023 годах", "2020/2023", "ru", None),
])
def test_ranges(text: str, span: str, value: str, language: str,
                published: str | None) -> None:
    _one(text, span, value, "range", language, published)


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Convoys passed on 12 and 14 December 2022.", "en",
     [("12", "2022-12-12"), ("14 December 2022", "2022-12-14")]),
    ("Колонны прошли 10, 11 и 12 января 2023 года.", "ru",
     [("10", "2023-01-10"), ("11", "2023-01-11"), ("12 января 2023 года", "2023-01-12")]),
    ("Convoys passed on January 10 and 11, 2023.", "en",
     [("January 10", "2023-01-10"), ("11", "2023-01-11")]),
    ("Yanvarın 10-da və 11-də işıq kəsildi.", "az",
     [("Yanvarın 10-da", "2023-01-10"), ("11-də", "2023-01-11")]),
])
def test_a_list_of_days_is_not_a_range(text: str, language: str,
                                       expected: list[tuple[str, str]]) -> None:
    assert _values(text, language, "2023-01-18") == expected


@pytest.mark.parametrize(("text", "span", "value", "language"), [
    ("Since 12 December 2022 the road has been closed.", "Since 12 December 2022",
     "2022-12-12/..", "en"),
    ("Since 12 December the road has been closed.", "Since 12 December", "2022-12-12/..", "en"),
    ("С 12 декабря дорога закрыта.", "С 12 декабря", "2022-12-12/..", "ru"),
    ("La route est fermée depuis le 12 décembre.", "depuis le 12 décembre", "2022-12-12/..",
     "fr"),
    ("Դեկտեմբերի 12-ից ի վեր ճանապարհը փակ է։", "Դեկտեմբերի 12-ից ի վեր", "2022-12-12/..", "hy"),
    ("Yol 12 dekabrdan bəri bağlıdır.", "12 dekabrdan bəri", "2022-12-12/..", "az"),
    ("Sanctions apply since 2020.", "since 2020", "2020/..", "en"),
    ("Санкции действуют с 2020 года.", "с 2020 года", "2020/..", "ru"),
])
def test_open_intervals(text: str, span: str, value: str, language: str) -> None:
    _one(text, span, value, "range", language, "2023-01-18")


# --- relative dates ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "span", "value", "precision", "language"), [
    ("On Saturday morning the shelling resumed.", "Saturday morning", "2020-10-03", "day",
     "en"),
    ("Yesterday the shelling resumed.", "Yesterday", "2020-10-03", "day", "en"),
    ("Today the shelling resumed.", "Today", "2020-10-04", "day", "en"),
    ("This morning the shelling resumed.", "This morning", "2020-10-04", "day", "en"),
    ("The city was shelled last week.", "last week", "2020-09-21/2020-09-27", "range", "en"),
    ("For the past three days the city has been shelled.", "For the past three days",
     "2020-10-02/2020-10-04", "range", "en"),
    ("The city was shelled three days ago.", "three days ago", "2020-10-01", "day", "en"),
    ("Since Monday the city has been shelled.", "Since Monday", "2020-09-28/..", "range", "en"),
    ("Вчера город снова обстреляли.", "Вчера", "2020-10-03", "day", "ru"),
    ("Город обстреляли в субботу утром.", "субботу утром", "2020-10-03", "day", "ru"),
    ("Город обстреляли на прошлой неделе.", "прошлой неделе", "2020-09-21/2020-09-27", "range",
     "ru"),
    ("За последние три дня город обстреливали.", "За последние три дня", "2020-10-02/2020-10-04",
     "range", "ru"),
    ("Hier, la ville a été bombardée.", "Hier", "2020-10-03", "day", "fr"),
    ("La ville a été bombardée samedi.", "samedi", "2020-10-03", "day", "fr"),
    ("La ville est bombardée depuis trois jours.", "depuis trois jours",
     "2020-10-02/2020-10-04", "range", "fr"),
    ("Երեկ քաղաքը կրկին ռմբակոծվեց։", "Երեկ", "2020-10-03", "day", "hy"),
    ("Քաղաքը ռմբակոծվեց շաբաթ օրը։", "շաբաթ օրը", "2020-10-03", "day", "hy"),
    ("Dünən şəhər atəşə tutuldu.", "Dünən", "2020-10-03", "day", "az"),
    ("Şəhər şənbə günü atəşə tutuldu.", "şənbə günü", "2020-10-03", "day", "az"),
])
def test_relative_dates_resolve_against_publication(text: str, span: str, value: str,
                                                    precision: str, language: str) -> None:
    found = _one(text, span, value, precision, language, SUNDAY)
    assert found["relative"] is True


def test_the_weekday_of_publication_is_that_day() -> None:
    _one("On Saturday morning the shelling resumed.", "Saturday morning", "2020-10-03", "day",
         published="2020-10-03")


def test_last_week_from_a_wednesday() -> None:
    _one("Gas was cut last week.", "last week", "2023-01-09/2023-01-15", "range",
         published=WEDNESDAY)


def test_since_a_weekday_and_a_date() -> None:
    _one("Since Monday, December 12, the corridor has been closed.",
         "Since Monday, December 12", "2022-12-12/..", "range", published="2023-01-16")


def test_later_counts_from_the_date_mentioned_before() -> None:
    text = "Gas was cut on 17 January 2023. Two days later it came back; the next day it failed."
    assert _values(text, published=WEDNESDAY) == [
        ("17 January 2023", "2023-01-17"), ("Two days later", "2023-01-19"),
        ("the next day", "2023-01-20")]
    # it needs the text, not the publication date
    assert _values(text, published=None)[1] == ("Two days later", "2023-01-19")


@pytest.mark.parametrize(("text", "span", "value", "language"), [
    ("On 19 September 2023 the offensive began; 24 hours later it ended.", "24 hours later",
     "2023-09-20", "en"),
    ("13 декабря прошёл митинг; неделю спустя ввели талоны.", "неделю спустя", "2022-12-20",
     "ru"),
    ("Le 12 décembre 2022, la route a été coupée ; le lendemain, le gaz aussi.", "le lendemain",
     "2022-12-13", "fr"),
    ("2022 թվականի դեկտեմբերի 12-ին ճանապարհը փակվեց, երկու օր անց՝ գազը։", "երկու օր անց",
     "2022-12-14", "hy"),
    ("Yol 12 dekabr 2022-ci ildə bağlandı, iki gün sonra qaz kəsildi.", "iki gün sonra",
     "2022-12-14", "az"),
])
def test_later_in_every_language(text: str, span: str, value: str, language: str) -> None:
    assert _values(text, language, "2023-01-18")[-1] == (span, value)


@pytest.mark.parametrize(("text", "language"), [
    ("On Saturday morning the shelling resumed, yesterday too, and last week.", "en"),
    ("For the past three days the city has been shelled, since Monday.", "en"),
    ("Вчера и в субботу город обстреливали.", "ru"),
    ("Hier et samedi, la ville a été bombardée.", "fr"),
    ("Երեկ և շաբաթ օրը քաղաքը ռմբակոծվեց։", "hy"),
    ("Dünən və şənbə günü şəhər atəşə tutuldu.", "az"),
    ("Two days later it came back.", "en"),
])
def test_relative_dates_without_publication_date_are_skipped(text: str,
                                                             language: str) -> None:
    assert _dates(text, language, None) == []


def test_a_dateline_is_the_reference_date_of_an_undated_text() -> None:
    text = "PARIS, January 16, 2023 – Today the corridor is still closed, as it is since Friday."
    assert _values(text, published=None) == [
        ("January 16, 2023", "2023-01-16"), ("Today", "2023-01-16"),
        ("since Friday", "2023-01-13/..")]
    # a date inside a sentence is no dateline
    assert _values("It was January 16, 2023 – and today the road is closed.") == [
        ("January 16, 2023", "2023-01-16")]


def test_last_saturday_is_the_latest_saturday_on_or_before_publication() -> None:
    _one("The convoy turned back last Saturday.", "last Saturday", "2020-10-03", "day",
         published="2020-10-03")


@pytest.mark.parametrize(("text", "language", "published", "value"), [
    ("Протокол от 12.12.22 г. подписан.", "ru", "2023-01-18", "2022-12-12"),
    ("Report of 03.04.98 on the displaced.", "en", "2023-01-18", "1998-04-03"),
])
def test_two_digit_years_take_the_latest_fitting_century(text: str, language: str,
                                                        published: str, value: str) -> None:
    assert [v for _, v in _values(text, language, published)] == [value]


def test_relative_words_of_every_language_when_the_language_is_unknown() -> None:
    assert _values("вчера, в субботу, hier, samedi", None, WEDNESDAY) == [
        ("вчера", "2023-01-17"), ("субботу", "2023-01-14"), ("hier", "2023-01-17"),
        ("samedi", "2023-01-14")]


def test_month_alone_takes_the_closest_year() -> None:
    assert _values("In December the road closed; since May talks stalled.",
                   published=WEDNESDAY) == [("December", "2022-12"), ("since May", "2022-05/..")]
    assert _values("In December the road closed.") == []


def test_a_mixed_text_in_order() -> None:
    text = ("Azerbaijan blocked the corridor on 12 December 2022. On 17 January 2023 gas was "
            "cut again, for the 4th time since the blockade began, and 120,000 people were left "
            "without heating for the past three days.")
    assert _values(text, published="2023-01-19") == [
        ("12 December 2022", "2022-12-12"), ("17 January 2023", "2023-01-17"),
        ("for the past three days", "2023-01-17/2023-01-19")]
