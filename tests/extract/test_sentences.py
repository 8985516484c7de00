"""Paragraphs and sentences, with Armenian "։" and abbreviations."""

from __future__ import annotations

from rightsledger.extract.document import Doc
from rightsledger.extract.sentences import find_sentences


def _sentences(text: str) -> list[str]:
    doc = Doc(text)
    find_sentences(doc)
    return [text[a:b] for a, b in doc.sentences]


def test_english_sentences_and_abbreviations() -> None:
    text = "Dr. Petrosyan met the convoy. It was stopped again! Why?\n\nA new paragraph."
    assert _sentences(text) == ["Dr. Petrosyan met the convoy.", "It was stopped again!",
                                "Why?", "A new paragraph."]


def test_armenian_full_stop() -> None:
    text = "Ստեփանակերտում գազ չկա։ Դպրոցները փակ են։"
    assert _sentences(text) == ["Ստեփանակերտում գազ չկա։", "Դպրոցները փակ են։"]


def test_russian_abbreviated_year_does_not_end_a_sentence() -> None:
    text = "12 дек. 2022 г. дорогу перекрыли. Жители ждут."
    assert _sentences(text) == ["12 дек. 2022 г. дорогу перекрыли.", "Жители ждут."]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert _sentences('He said: "Stop." Then he left.') == ['He said: "Stop."',
                                                             "Then he left."]


def test_offsets_point_into_the_text() -> None:
    text = "  First one.\n\n  Second one.  "
    doc = Doc(text)
    spans = find_sentences(doc)
    assert [text[s["start"]:s["end"]] for s in spans] == ["First one.", "Second one."]
