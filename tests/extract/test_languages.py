"""Incident triggers beyond the region's first languages: Ukrainian, Italian, Spanish and
Arabic carry every incident type, and the casualty and attribution words, so that a text in
one of them gets candidates of the right type with their figures (in digits or in words,
with their qualifiers), dated by their written dates; Italian is detected apart from
Spanish. Number words are read in Ukrainian, Italian and Spanish, not yet in Arabic. The
sentences are ours, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.evidence.language import detect_language
from rightsledger.extract.pipeline import extract_text
from rightsledger.extract.triggers import vocabulary

NEW = ("uk", "it", "es", "ar")
SENTENCES = [
    ("uk", "Унаслідок обстрілу села загинули двоє мирних жителів, ще п'ятеро поранені.",
     "shelling", 2),
    ("uk", "Окупанти затримали трьох волонтерів на блокпосту.", "detention", None),
    ("it", "Nel raid aereo sul mercato sono morti 9 civili, ha riferito la protezione civile.",
     "airstrike", 9),
    ("it", "Centinaia di famiglie sfollate hanno lasciato il villaggio.", "displacement", None),
    ("es", "Cuatro campesinos fueron asesinados por hombres armados, informó la Defensoría.",
     "killing", 4),
    ("es", "La explosión dejó 12 heridos en el mercado.", "injury", None),
    ("ar", "وقال المرصد إن 7 مدنيين قتلوا في غارة جوية على القرية.", "airstrike", 7),
    ("ar", "أدى القصف إلى تدمير المدرسة.", "shelling", None),
]


def test_every_new_language_has_every_type_and_word_list() -> None:
    vocab = vocabulary()
    for language in NEW:
        missing = [t for t, table in vocab["types"].items() if language not in table]
        assert missing == [], (language, missing)
        for group in ("killed_words", "injured_words", "attribution", "denial"):
            assert vocab[group].get(language), (language, group)


@pytest.mark.parametrize(("language", "text", "kind", "killed"), SENTENCES)
def test_a_sentence_in_the_language_gets_a_candidate_of_its_type(
        language: str, text: str, kind: str, killed: int | None) -> None:
    doc = extract_text(text, language, date(2024, 5, 1))
    found = doc.found.get("incidents", [])
    assert [c["type"] for c in found] == [kind], found
    if killed is not None:
        assert found[0].get("killed") == killed, found[0]


def test_italian_is_told_from_spanish() -> None:
    italian = ("Secondo la protezione civile, il bombardamento ha distrutto due case e "
               "ferito quattro persone nel centro del paese durante la notte.")
    spanish = ("Según la Defensoría del Pueblo, el bombardeo destruyó dos casas e hirió a "
               "cuatro personas en el centro del pueblo durante la noche.")
    assert (detect_language(italian), detect_language(spanish)) == ("it", "es")


@pytest.mark.parametrize(("language", "text"), [
    ("it", "Il 7 maggio 2020 il villaggio è stato bombardato."),
    ("es", "El 7 de mayo de 2020 fueron asesinados 4 campesinos."),
    ("uk", "7 травня 2020 року окупанти обстріляли село."),
])
def test_a_written_date_in_the_language_dates_the_candidate(language: str, text: str) -> None:
    doc = extract_text(text, language, date(2020, 5, 10))
    assert [c["date"] for c in doc.found["incidents"]] == ["2020-05-07"]


@pytest.mark.parametrize(("language", "text", "killed", "killed_max"), [
    ("it", "Più di 30 persone sono state uccise nel villaggio.", 30, "open"),
    ("es", "Al menos doce civiles murieron en el ataque.", 12, "open"),
    ("uk", "Унаслідок обстрілу загинули щонайменше 7 людей.", 7, "open"),
    ("uk", "Унаслідок обстрілу загинули 3 людини.", 3, None),
])
def test_figures_in_the_language_keep_their_qualifier(language: str, text: str, killed: int,
                                                      killed_max: str | None) -> None:
    doc = extract_text(text, language, date(2024, 5, 1))
    found = doc.found["incidents"]
    assert [(c["killed"], c.get("killed_max")) for c in found] == [(killed, killed_max)]


def test_a_day_and_month_in_the_language_is_no_count() -> None:
    doc = extract_text("27 травня 2022 року окупанти обстріляли село.", "uk", date(2022, 5, 30))
    assert doc.found.get("numbers", []) == []
