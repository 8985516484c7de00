"""Trigger words of wire copy about any conflict (issue 16). Every sentence is our own."""

from __future__ import annotations

from datetime import date

import pytest

from rightsledger.extract.pipeline import extract_text


def _types(text: str) -> list[str]:
    return [i["type"] for i in extract_text(text, "en", date(2024, 6, 1)).found["incidents"]]


@pytest.mark.parametrize("text", [
    "A strike on a school in Kadugli on 3 May 2024 killed four people.",
    "The army struck the market of Kadugli on 3 May 2024, killing four people.",
    "Artillery pounding the town of Kadugli on 3 May 2024 killed four people.",
])
def test_a_strike_is_a_shelling_before_it_is_a_killing(text: str) -> None:
    assert _types(text)[0] == "shelling"


def test_a_hunger_strike_is_no_shelling() -> None:
    assert "shelling" not in _types("Four detainees began a hunger strike in Kadugli prison "
                                    "on 3 May 2024.")
