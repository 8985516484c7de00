"""The learned sentence classes (issue 16): trained from scratch, deterministic, small, and
used only to keep background and loss tallies out of the review queue. Our own sentences."""

from __future__ import annotations

from datetime import date

from rightsledger.extract import sentence_classes
from rightsledger.extract.pipeline import extract_text

EVENTS = ["Artillery shelled the village of {} on Monday, killing two residents.",
          "A drone struck a bus near {} yesterday, wounding four people.",
          "The road to {} has been blocked since Sunday, officials said."]
BACKGROUND = ["The war of 1992 left thousands dead in {} and its villages.",
              "In 1920 the town of {} was burned and its people killed."]
TOWNS = ["Martuni", "Hadrut", "Askeran", "Goris", "Kapan", "Sisian"]


def _examples() -> list[tuple[list[str], str]]:
    out = []
    for label, texts in (("event", EVENTS), ("background", BACKGROUND)):
        for template in texts:
            for town in TOWNS:
                text = template.format(town)
                doc = extract_text(text, "en", date(2023, 3, 1))
                out.append((sentence_classes.features(doc, 0, len(text)), label))
    return out


def test_training_is_deterministic_and_the_model_round_trips() -> None:
    examples = _examples()
    first, second = sentence_classes.train(examples), sentence_classes.train(examples)
    assert first.to_json() == second.to_json()
    again = sentence_classes.Model.from_json(first.to_json())
    assert again.to_json() == first.to_json() and again.classes == first.classes


def test_a_model_tells_history_from_news_on_sentences_it_was_not_trained_on() -> None:
    model = sentence_classes.train(_examples())
    with sentence_classes.using(model):
        news = extract_text("Rockets hit the market of Berdzor on Friday, killing a woman.",
                            "en", date(2023, 3, 1))
        old = extract_text("In 1915 the villages around Berdzor were burned and their people "
                           "killed.", "en", date(2023, 3, 1))
        assert sentence_classes.classify(news, 0, len(news.text))[0] == "event"
        assert sentence_classes.classify(old, 0, len(old.text))[0] == "background"


def test_background_the_model_is_sure_of_is_not_proposed() -> None:
    model = sentence_classes.train(_examples())
    text = "In 1920 the town of Shushi was burned and its people killed."
    with sentence_classes.using(model):
        assert extract_text(text, "en", date(2023, 3, 1)).found["incidents"] == []
    with sentence_classes.using(None):  # the rules alone propose it
        assert [i["type"] for i in extract_text(text, "en", date(2023, 3, 1)).found[
            "incidents"]] == ["killing"]


def test_the_shipped_model_is_small_and_loads() -> None:
    model = sentence_classes.shipped()
    assert model is not None and model.classes == sentence_classes.CLASSES
    assert model.trained_on > 500 and len(model.weights) < 20_000
