"""Grades and statuses that do not confuse (issue 18, point 8): a denial is never a
corroboration; a rejected incident shows no grade; supporting quotes speak of the incident
first. Every text here is our own."""

from __future__ import annotations

from rightsledger.review import grading
from rightsledger.review.decide import by_relevance


def _source(num: int, publisher: str) -> dict:
    return {"num": num, "id": f"{num:064x}", "publisher": publisher, "dup_group": None,
            "kind": "press_release"}


def test_a_denying_source_is_not_counted_as_a_second_source() -> None:
    sources = [_source(1, "Ombudsman B"), _source(2, "Ministry of Defence C")]
    claims = [{"id": 1, "stance": "asserts", "rebuts": None, "source_num": 1, "by": "Ombudsman B"},
              {"id": 2, "stance": "denies", "rebuts": None, "source_num": 2,
               "by": "Ministry of Defence C"}]
    graded = grading.compute(sources, claims, set())
    assert graded.grade == "contested"
    assert graded.reasons[0] == "1 independent source(s): Ombudsman B"


def test_two_reporting_sources_still_make_it_fair() -> None:
    sources = [_source(1, "Ombudsman B"), _source(2, "Agency D")]
    claims = [{"id": 1, "stance": "asserts", "rebuts": None, "source_num": n, "by": p}
              for n, p in ((1, "Ombudsman B"), (2, "Agency D"))]
    assert grading.compute(sources, claims, set()).grade == "fair"


def test_the_quotes_that_speak_of_the_incident_come_first() -> None:
    incident = {"type": "blockade", "place_names": ["Lachin corridor"]}
    power = {"text": "Power cuts of six hours a day hit Stepanakert.", "start": 0, "end": 45}
    road = {"text": "The Lachin corridor has been blocked for a month.", "start": 60,
            "end": 108}
    other = {**_source(1, "Ombudsman B"), "quotes": [{"text": "A statement was issued.",
                                                     "start": 0, "end": 23}]}
    told = {**_source(2, "Agency D"), "quotes": [power, road]}
    ranked = by_relevance(incident, [other, told])
    assert ranked[0]["publisher"] == "Agency D"
    assert ranked[0]["quotes"] == [road, power] and ranked[0]["quote"] == road["text"]
    assert ranked[1]["quotes"][0]["text"] == "A statement was issued."
