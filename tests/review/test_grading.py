"""Grades from sources and claims: each rule of docs/grading.md, and the override."""

from __future__ import annotations

from typing import Any

from rightsledger.review.grading import Grade, compute, final, independent


def _source(sid: str, publisher: str | None, kind: str = "article",
            group: str | None = None) -> dict[str, Any]:
    return {"id": sid * 32, "publisher": publisher, "kind": kind, "dup_group": group,
            "original_name": f"{sid}.txt"}


def _claim(cid: int, stance: str = "asserts", by: str | None = None, actor_id: int | None = None,
           rebuts: int | None = None, killed: int | None = None) -> dict[str, Any]:
    return {"id": cid, "stance": stance, "by": by, "actor_id": actor_id, "rebuts": rebuts,
            "killed_best": killed, "publisher": None}


def test_republications_and_one_publisher_count_once() -> None:
    sources = [_source("a1", "Armenpress", group="g1"), _source("b2", "News.am", group="g1"),
               _source("c3", "Armenpress"), _source("d4", "OC Media")]
    assert independent(sources) == ["Armenpress", "OC Media"]


def test_one_source_is_weak_and_two_independent_are_fair() -> None:
    one = compute([_source("a1", "Armenpress")], [_claim(1)], set())
    two = compute([_source("a1", "Armenpress"), _source("b2", "OC Media")],
                  [_claim(1), _claim(2)], set())
    assert (one.grade, two.grade) == ("weak", "fair")
    assert "2 independent source(s): Armenpress, OC Media" in two.reasons


def test_a_denial_makes_it_contested_and_names_who() -> None:
    graded = compute([_source("a1", "Armenpress"), _source("b2", "OC Media")],
                     [_claim(1), _claim(2, "denies", by="Ministry of Defence of Azerbaijan")],
                     set())
    assert graded.grade == "contested"
    assert "denied by Ministry of Defence of Azerbaijan" in graded.reasons


def test_acknowledgement_by_the_party_responsible_confirms() -> None:
    graded = compute([_source("a1", "Armenpress")],
                     [_claim(1), _claim(2, by="Armed Forces X", actor_id=7)], {7})
    assert graded.grade == "confirmed"
    assert any("acknowledged by Armed Forces X" in r for r in graded.reasons)


def test_a_court_decision_confirms() -> None:
    graded = compute([_source("a1", "ICJ", kind="court_decision")], [_claim(1)], set())
    assert graded.grade == "confirmed"


def test_every_claim_rebutted_is_discounted_unless_the_rebuttal_is_rebutted() -> None:
    sources = [_source("a1", "Armenpress")]
    rebutted = compute(sources, [_claim(1), _claim(2, "denies", rebuts=1)], set())
    assert rebutted.grade == "discounted"
    restored = compute(sources, [_claim(1), _claim(2, "denies", rebuts=1), _claim(3, rebuts=2)],
                       set())
    assert restored.grade == "weak"


def test_differing_figures_are_noted_not_averaged() -> None:
    graded = compute([_source("a1", "A"), _source("b2", "B")],
                     [_claim(1, killed=1), _claim(2, killed=12)], set())
    assert graded.grade == "fair"
    assert "figures differ between claims: 1 to 12 killed" in graded.reasons


def test_an_override_wins_and_keeps_the_computation_in_its_reason() -> None:
    computed = Grade("fair", ("2 independent source(s): A, B",))
    shown = final(computed, "discounted", "the video is from 2016", "ana")
    assert shown.grade == "discounted"
    assert shown.reasons[0] == ("set to discounted by ana (computed: fair): "
                                "the video is from 2016")
    assert final(computed, None, None, None) == computed
