"""Search on both engines: diacritics, inflected forms, phrases, filters, snippets."""

from __future__ import annotations

import hashlib

import pytest

from rightsledger.domain import Source
from rightsledger.errors import RightsLedgerError
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.search import SearchFilters, search

DOCS = [
    ("Road closed", "en", "article", "2022-12-14",
     "The Lachin corridor stayed closed for a third day; gas supply was cut overnight."),
    ("Şuşa", "az", "statement", "2023-01-10",
     "Rəsmilər Şuşa şəhərində yeni yol barədə bəyanat yaydılar."),
    ("Газ", "ru", "article", "2023-01-20",
     "В Степанакерте снова отключили газ, сообщили местные власти."),
    ("Գազ", "hy", "article", "2023-02-01",
     "Ստեփանակերտում կրկին անջատվել է գազամատակարարումը։"),
    ("Electricity", "en", "report", "2023-03-01",
     "Rolling blackouts continued across the region, the ombudsman's report says."),
]


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    with ledger.store.writing() as conn:
        for title, lang, kind, published, text in DOCS:
            sha = hashlib.sha256(text.encode()).hexdigest()
            ledger.store.add_source(conn, Source(
                id=sha, size=len(text), media_type="text/plain", original_name=f"{title}.txt",
                kind=kind, reader="text.v1", ingested_at=utc_now(), title=title,
                language=lang, published=published, text=text), None)
    return ledger


def _titles(ledger: Ledger, query: str, **filters: str) -> set[str]:
    result = search(ledger.store, query, SearchFilters(**filters))
    return {h.source.title for h in result.hits}


def test_plain_words_all_required(filled: Ledger) -> None:
    assert _titles(filled, "Lachin gas") == {"Road closed"}
    assert _titles(filled, "Lachin blackouts") == set()


def test_diacritics_do_not_matter(filled: Ledger) -> None:
    assert _titles(filled, "Susa") == {"Şuşa"}
    assert _titles(filled, "ŞUŞA") == {"Şuşa"}


def test_inflected_russian_and_armenian_forms_are_found(filled: Ledger) -> None:
    assert _titles(filled, "Степанакерт") == {"Газ"}
    assert _titles(filled, "Ստեփանակերտ") == {"Գազ"}


def test_phrase_matches_exact_sequence(filled: Ledger) -> None:
    assert _titles(filled, '"Lachin corridor"') == {"Road closed"}
    assert _titles(filled, '"corridor Lachin"') == set()


def test_filters_language_kind_and_dates(filled: Ledger) -> None:
    assert _titles(filled, "газ", language="ru") == {"Газ"}
    assert _titles(filled, "газ", language="en") == set()
    assert _titles(filled, "report", kind="report") == {"Electricity"}
    assert _titles(filled, "the", date_from="2023-01-01", date_to="2023-12-31") \
        == {"Electricity"}


def test_snippet_highlights_the_original_words(filled: Ledger) -> None:
    result = search(filled.store, "susa")
    assert "<mark>Şuşa</mark>" in result.hits[0].snippet


def test_count_only_on_request(filled: Ledger) -> None:
    assert search(filled.store, "the").total is None
    assert search(filled.store, "the", count=True).total == 2


def test_empty_query_is_a_clear_error(filled: Ledger) -> None:
    with pytest.raises(RightsLedgerError, match="nothing to search"):
        search(filled.store, "  ...  ")
