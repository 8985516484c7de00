"""Cross-validation of `make eval` (eval/folds.py): the split by source and its report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

import folds  # noqa: E402
from folds import DEVELOPMENT, UNSEEN, Document  # noqa: E402


def _doc(id_: str, outlet: str, topic: str, labels: int = 1) -> Document:
    record = {"incidents": [{}] * labels, "statements": [], "tallies": []}
    return Document(id_, outlet, topic, UNSEEN, record, "")


DOCS = [
    _doc("a1", "wire a", "gaza", 5), _doc("a2", "wire a", "sudan", 2),  # one outlet, two wars
    _doc("b1", "paper b", "sudan", 1), _doc("c1", "paper c", "yemen", 3),
    _doc("d1", "paper d", "syria", 3), _doc("e1", "paper e", "syria", 1),
    _doc("f1", "paper f", "mali", 2), _doc("g1", "paper g", "iran", 2),
]


def test_an_outlet_or_a_conflict_never_straddles_two_folds() -> None:
    groups = folds.source_groups(DOCS)
    assert sorted(groups) == ["gaza+sudan", "iran", "mali", "syria", "yemen"]
    for k in (2, 3, 5):
        where = {}
        for i, names in enumerate(folds.split(DOCS, k)):
            for name in names:
                for doc in groups[name]:
                    where[doc.id] = i
        assert where["a1"] == where["a2"] == where["b1"]  # outlet a joins gaza and sudan
        assert where["d1"] == where["e1"]  # two outlets, one conflict
        assert len(where) == len(DOCS)


def test_the_split_is_deterministic_and_balanced_largest_first() -> None:
    first = folds.split(DOCS, 2, seed=7)
    assert first == folds.split(list(reversed(DOCS)), 2, seed=7)
    assert first[0][0] == "gaza+sudan"  # 8 labels go first, to fold 1
    loads = [sum(d.weight for n in names for d in folds.source_groups(DOCS)[n])
             for names in first]
    assert sorted(loads) == [9, 10]


def test_the_seed_orders_only_groups_of_equal_size() -> None:
    orders = {tuple(map(tuple, folds.split(DOCS, 5, seed=s))) for s in range(20)}
    assert len(orders) > 1  # iran and mali (2 labels each) swap with the seed
    for order in orders:
        assert order[0] == ("gaza+sudan",)


def test_more_folds_than_source_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="only 5 source groups"):
        folds.split(DOCS, 6)
    with pytest.raises(ValueError, match="at least 2"):
        folds.split(DOCS, 1)


def test_an_outlet_is_its_name_without_the_wire_or_the_quoted_source() -> None:
    assert folds.outlet("Africanews (AFP)", "x") == folds.outlet("Africanews", "y")
    assert folds.outlet("Interfax-Ukraine, quoting the head", "x") == "interfax-ukraine"
    assert folds.outlet(None, "seed-001.txt") == "unnamed publisher of seed-001.txt"


def test_the_development_set_keeps_our_texts_apart_from_real_excerpts() -> None:
    docs = folds.documents()
    kinds = {d.id: d.kind for d in docs}
    assert all(kinds[i] == UNSEEN for i in kinds if i.startswith("real/"))
    assert all(kinds[i] == DEVELOPMENT for i in kinds if not i.startswith("real/"))
    groups = folds.source_groups(docs)
    ours = next(n for n, members in groups.items()
                if any(d.id.startswith("written/") for d in members))
    assert all(d.topic == folds.OWN_TOPIC for d in groups[ours] if d.outlet == folds.OWN_OUTLET)


def test_cross_validation_reports_both_columns_and_writes_json(tmp_path: Path) -> None:
    texts = [("w-1", "Shells hit Stepanakert on 2 October 2020, killing two civilians."),
             ("w-2", "The ministry called on the UN to send an international mission.")]
    docs = [Document(f"written/{i}", f"outlet {n}", f"topic {n}", DEVELOPMENT,
                     {"id": i, "language": "en", "published": "2020-10-04", "text": t,
                      "incidents": [], "statements": [], "tallies": []}, t)
            for n, (i, t) in enumerate(texts)]
    result = folds.cross_validate(docs, 2, seed=1)
    lines = list(folds.report(result))
    assert any("learned components: sentence_classes" in line for line in lines)
    assert result["fields"]["incident type"]["held_out"]["per_fold"][0]["labels"] == 0
    out = tmp_path / "eval.json"
    folds.write_json(result, out)
    assert json.loads(out.read_text())["folds"] == 2


def test_scoring_uses_the_model_it_is_given() -> None:
    from rightsledger.extract import sentence_classes

    text = "Shells hit Stepanakert on 2 October 2020, killing two civilians."
    doc = Document("written/w-1", "outlet", "topic", DEVELOPMENT,
                   {"id": "w-1", "language": "en", "published": "2020-10-04", "text": text,
                    "incidents": [], "statements": [], "tallies": []}, text)
    rules = folds.score({"sentence_classes": None}, [doc])["incident type"]
    # a model that has only ever seen background: sure that every sentence is background
    history = sentence_classes.train([(["w:shells", "trig:shelling"], "background")] * 5)
    learned = folds.score({"sentence_classes": history}, [doc])["incident type"]
    assert (rules.tp + rules.fp, learned.tp + learned.fp) == (1, 0)
