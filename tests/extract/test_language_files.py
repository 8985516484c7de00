"""Language data as data (issue 16, item 6): month, weekday and number words live in one file
per language, read by one loader; Arabic is one more file. Every sentence here is our own."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from rightsledger.extract import numbers
from rightsledger.extract.dating import words
from rightsledger.extract.pipeline import extract_text


def _files() -> dict[str, dict]:
    folder = resources.files("rightsledger.vocabularies").joinpath("languages")
    return {f.name.removesuffix(".json"): json.loads(f.read_text("utf-8"))
            for f in folder.iterdir() if f.name.endswith(".json")}


def test_every_language_file_is_complete_and_read() -> None:
    files = _files()
    assert {"en", "fr", "ru", "hy", "az", "uk", "it", "es", "ar"} <= set(files)
    assert set(words.languages()) == set(files)
    for lang, data in files.items():
        assert len(data["months"]) == 12, lang
        assert all(data["months"]), lang
        assert len(data.get("weekdays", [[]] * 7)) == 7, lang
        forms = {f for fs in data["months"] for f in fs}
        assert set(data.get("short_months", [])) <= forms | {f.rstrip(".") for f in forms}
        assert set(data.get("inflected_months", [])) <= forms, lang


def test_month_names_have_one_home() -> None:
    """The dates and the numbers' date masks read the same forms."""
    for lang, data in _files().items():
        for month, forms in enumerate(data["months"], start=1):
            for form in forms:
                assert words.MONTHS[form] == month, (lang, form)
        assert lang in numbers.MONTHS


@pytest.mark.parametrize("text, day, killed", [
    ("قتل ١٢ شخصا في قصف على المدينة في ٣ أكتوبر ٢٠٢٣.", "2023-10-03", 12),
    ("قصف الجيش القرية في 4 آب 2020 وقتل 3 أشخاص.", "2020-08-04", 3),
    ("قتل خمسة مدنيين في قصف يوم 9 تشرين الأول 2024.", "2024-10-09", None),
])
def test_arabic_dates_with_either_digits_and_both_month_names(text: str, day: str,
                                                              killed: int | None) -> None:
    found = extract_text(text, "ar", date(2024, 10, 20)).found
    assert [d["value"] for d in found["dates"]] == [day]
    assert found["incidents"][0]["date"] == day
    if killed is not None:  # the day of the month is never the toll
        assert found["incidents"][0]["killed"] == killed
