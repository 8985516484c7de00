"""Finding places: aliases, inflection in ru/hy/az, ambiguity, longest match, capitals.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from rightsledger.gazetteer import lookup
from rightsledger.gazetteer.build import ALIASES
from rightsledger.gazetteer.lookup import Match, find
from rightsledger.gazetteer.places import by_id

STEPANAKERT, SHUSHA, LACHIN = "gn:146970", "gn:147105", "gn:147625"
MARTUNI_NK, MARTUNI_AM = "gn:146969", "gn:616438"
CORRIDOR, NK = "rl:lachin-corridor", "rl:nagorno-karabakh"


def found(text: str, language: str | None = None) -> list[tuple[str, str]]:
    matches = find(text, language)
    for m in matches:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.place.id) for m in matches]


def only(text: str, language: str | None = None) -> Match:
    matches = find(text, language)
    assert len(matches) == 1, [(m.text, m.place.id) for m in matches]
    return matches[0]


def test_every_curated_name_finds_its_place() -> None:
    for entry in json.loads(ALIASES.read_text("utf-8"))["places"]:
        for language, names in entry["names"].items():
            for name in names:
                match = only(f"«{name}»", language)
                assert match.text == name
                assert entry["id"] in {c.id for c in match.candidates}, (name, match.place)


@pytest.mark.parametrize(("text", "language"), [
    ("Shells fell on Stepanakert overnight.", "en"),
    ("Azerbaijani officials now call the city Khankendi.", "en"),
    ("Xankəndi şəhərində işıq yoxdur.", "az"),
    ("Xankendi is written without the schwa here.", "en"),
    ("Жители Степанакерт покидают город.", "ru"),
    ("Ստեփանակերտ քաղաքը մութ է։", "hy"),
    ("STEPANAKERT — the capital was quiet on Sunday.", "en"),
])
def test_alias_variants_resolve_to_one_place(text: str, language: str) -> None:
    assert only(text, language).place.id == STEPANAKERT


def test_shushi_and_shusha_are_one_place() -> None:
    texts = [("Shushi was hit.", "en"), ("Shusha was hit.", "en"), ("Chouchi fut touchée.", "fr"),
             ("Şuşa atəşə tutuldu.", "az"), ("Шуши обстреляли.", "ru"),
             ("Шуша под обстрелом.", "ru"), ("Շուշին ռմբակոծվեց։", "hy")]
    assert {only(t, lang).place.id for t, lang in texts} == {SHUSHA}


@pytest.mark.parametrize(("text", "word", "place"), [
    ("Вчера в Степанакерте отключили газ.", "Степанакерте", STEPANAKERT),
    ("Улицы Степанакерта опустели.", "Степанакерта", STEPANAKERT),
    ("Связь со Степанакертом прервана.", "Степанакертом", STEPANAKERT),
    ("Блокада Лачинского коридора длится месяц.", "Лачинского коридора", CORRIDOR),
    ("По Лачинскому коридору не идут машины.", "Лачинскому коридору", CORRIDOR),
    ("В Нагорном Карабахе нет света.", "Нагорном Карабахе", NK),
    ("Снаряд попал в Шушу.", "Шушу", SHUSHA),
])
def test_russian_case_endings(text: str, word: str, place: str) -> None:
    match = only(text, "ru")
    assert (match.text, match.place.id) == (word, place)
    assert match.start == text.index(word) and match.end == match.start + len(word)


@pytest.mark.parametrize(("text", "word", "place"), [
    ("Ստեփանակերտում լույս չկա։", "Ստեփանակերտում", STEPANAKERT),
    ("Ստեփանակերտը շրջափակման մեջ է։", "Ստեփանակերտը", STEPANAKERT),
    ("Ստեփանակերտի փողոցները դատարկ են։", "Ստեփանակերտի", STEPANAKERT),
    ("Նրանք դուրս եկան Ստեփանակերտից։", "Ստեփանակերտից", STEPANAKERT),
    ("Բեռները անցան Բերձորով։", "Բերձորով", LACHIN),
    ("Շուշին կրկին հրետակոծվեց։", "Շուշին", SHUSHA),
    ("Լաչինի միջանցքում մեքենաներ չկան։", "Լաչինի միջանցքում", CORRIDOR),
    ("Արցախից հեռացան հազարավոր մարդիկ։", "Արցախից", NK),
])
def test_armenian_suffixes(text: str, word: str, place: str) -> None:
    match = only(text, "hy")
    assert (match.text, match.place.id) == (word, place)
    assert text[match.start:match.end] == word


@pytest.mark.parametrize(("text", "word", "place"), [
    ("Xankəndidə elektrik kəsilib.", "Xankəndidə", STEPANAKERT),
    ("Şuşada bərpa işləri gedir.", "Şuşada", SHUSHA),
    ("Köç Laçından başladı.", "Laçından", LACHIN),
    ("Laçın dəhlizində aksiya davam edir.", "Laçın dəhlizində", CORRIDOR),
    ("Şuşa'da bayram keçirildi.", "Şuşa", SHUSHA),
])
def test_azerbaijani_suffixes(text: str, word: str, place: str) -> None:
    match = only(text, "az")
    assert (match.text, match.place.id) == (word, place)


@pytest.mark.parametrize(("text", "language"), [
    ("степанакертский рынок закрыт.", "ru"),
    ("Степанакертский рынок закрыт.", "ru"),
    ("Ստեփանակերտցի կինը պատմեց։", "hy"),
    ("The Azerbaijani side denied it.", "en"),
    ("Azərbaycanlı jurnalistlər gəldi.", "az"),
])
def test_words_built_on_a_name_are_not_the_place(text: str, language: str) -> None:
    assert found(text, language) == []


def test_martuni_in_karabakh_when_the_text_is_about_karabakh() -> None:
    text = "Martuni was shelled at dawn; Askeran and Stepanakert reported damage too."
    assert find(text, "en")[0].place.id == MARTUNI_NK
    assert len(find(text, "en")[0].candidates) == 3
    ru = "Мартуни обстреляли, в Степанакерте тревога."
    assert find(ru, "ru")[0].place.id == MARTUNI_NK


def test_martuni_in_armenia_when_the_text_is_about_lake_sevan() -> None:
    assert find("Martuni lies near Gavar.", "en")[0].place.id == MARTUNI_AM
    assert find("Martuni is a town on Lake Sevan.", "en")[0].place.id == MARTUNI_AM
    assert find("Մարտունին Սևանա լճի ափին է։", "hy")[0].place.id == MARTUNI_AM


def test_martuni_alone_is_the_most_populous() -> None:
    assert only("Martuni.", "en").place.id == MARTUNI_AM


def test_longest_name_wins() -> None:
    match = only("Trucks queued at the Lachin corridor for weeks.", "en")
    assert (match.text, match.place.id, match.place.kind) == ("Lachin corridor", CORRIDOR,
                                                              "corridor")
    assert only("The town of Lachin was emptied.", "en").place.id == LACHIN
    assert only("le corridor de Latchine", "fr").place.kind == "corridor"
    assert only("the Lachin (Berdzor) corridor", "en").place.id == CORRIDOR
    assert only("the Hakari bridge", "en").place.kind == "bridge"
    road = only("the Goris – Stepanakert Highway was closed", "en")
    assert (road.text, road.place.kind) == ("Goris – Stepanakert Highway", "road")


def test_names_do_not_cross_sentence_punctuation() -> None:
    assert found("They left Lachin. Corridor talks began.", "en") == [("Lachin", LACHIN)]


def test_lowercase_common_words_are_not_places() -> None:
    text = "the rest of the human rights side marks a turning point; van, batman, shusha"
    assert found(text, "en") == []
    assert found("Human rights defenders met on Side street.", "en") == []


def test_first_names_before_surnames_are_not_places() -> None:
    assert found("Ararat Mirzoyan met the envoy.", "en") == []
    assert found("Ararat is a town south of Yerevan.", "en")[0][0] == "Ararat"


def test_diacritics_pick_the_place_spelled_that_way() -> None:
    assert only("Şuşa", "az").place.id == SHUSHA


def test_short_names_must_be_spelled_exactly() -> None:
    assert only("ABŞ bəyanat yaydı.", "az").place.country == "US"
    assert found("ABS brakes", "en") == []


def test_every_match_has_coordinates_and_a_known_country() -> None:
    text = "From Yerevan to Goris, then the Lachin corridor to Stepanakert, Artsakh."
    for m in find(text, "en"):
        assert m.place.lat is not None and m.place.lon is not None
        assert len(m.place.country) == 2
        assert by_id()[m.place.id] == m.place


# -- the automaton's cache: built once, then read (the speed is in `make bench`) ------------
CACHE_TEXT = "Shelling of Stepanakert and Шуши; the Lachin corridor was closed."


def _found(matcher: lookup.Matcher) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.place.id) for m in matcher.find(CACHE_TEXT)]


def test_the_automaton_is_cached_and_read_back(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache" / "gazetteer.automaton"
    built = lookup.load(cache)
    assert cache.is_file() and stat.S_IMODE(cache.parent.stat().st_mode) == 0o700

    def no_build(places: object) -> None:
        raise AssertionError("built again although cached")

    monkeypatch.setattr(lookup.Matcher, "_build", staticmethod(no_build))
    read = lookup.load(cache)
    assert _found(read) == _found(built) == [
        (12, 23, "gn:146970"), (28, 32, "gn:147105"), (38, 53, "rl:lachin-corridor")]


def test_a_damaged_cache_is_built_again(tmp_path: Path) -> None:
    cache = tmp_path / "gazetteer.automaton"
    cache.write_bytes(b"\x80\x05 not a pickle of an automaton")
    assert len(_found(lookup.load(cache))) == 3
    assert lookup._read_cache(cache) is not None  # rewritten whole


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache's folder would be", "utf-8")
    assert len(_found(lookup.load(blocked / "gazetteer.automaton"))) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_the_cache_is_named_by_the_data_and_the_code(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RIGHTSLEDGER_CACHE_DIR", str(tmp_path))
    first = lookup.cache_file()
    assert first.parent == tmp_path and first.name.startswith("gazetteer-")
    monkeypatch.setattr(lookup, "CACHE_FORMAT", lookup.CACHE_FORMAT + 1)
    assert lookup.cache_file() != first
