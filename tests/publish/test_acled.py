"""acled.csv as ACLED's users read it (pandas) against ACLED's codebook kept as data in the
project (publish/data/acled_codebook.json), and the date columns of every export as one
EDTF value read back by an EDTF parser (python-edtf, the Library of Congress spec)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from edtf import parse_edtf

from rightsledger.ledger import Ledger
from rightsledger.publish import acled, edtf
from rightsledger.publish.export import export
from rightsledger.records import acts, incidents
from rightsledger.review.decide import regrade

CODEBOOK = acled.data("codebook")


@pytest.fixture
def more(ledger: Ledger, filled: dict[str, Any]) -> dict[str, int]:
    """Beside the conftest's records (exact days without a precision, as imported rows have
    them): a detention known by its month in Goris with its doer, a 65-day blockade of the
    whole region, and a cut near Stepanakert still going on."""
    with ledger.store.writing() as conn:
        made = {
            "month": incidents.create(conn, {
                "type": "detention", "date_start": "2023-01-01", "date_end": "2023-01-31",
                "date_precision": "month", "places": ["Goris"],
                "description": "Two drivers held at a post, a monitor reports."}, "setup"),
            "blockade": incidents.create(conn, {
                "type": "blockade", "date_start": "2022-12-12", "date_end": "2023-02-14",
                "date_precision": "range", "places": ["Nagorno-Karabakh"]}, "setup"),
            "ongoing": incidents.create(conn, {
                "type": "infrastructure_disruption", "date_start": "2023-03-01",
                "places": ["Stepanakert"], "place_precision": "near"}, "setup"),
        }
        acts.add(conn, made["month"], {"by": "Azerbaijani Armed Forces", "act": "detained"},
                 "setup")
        acts.add(conn, filled["shelling"], {"by": "Azerbaijani Armed Forces",
                                            "act": "shelled"}, "setup")
        for found in made.values():
            regrade(conn, found, "setup")
    return {**made, "shelling": filled["shelling"]}


@pytest.fixture
def frame(ledger: Ledger, more: dict[str, int], tmp_path: Path) -> pd.DataFrame:
    export(ledger, "acled", tmp_path / "acled", "t")
    found = pd.read_csv(tmp_path / "acled" / "acled.csv")
    return found.set_index("event_id_cnty", drop=False)


def _row(frame: pd.DataFrame, incident: int) -> pd.Series:
    return frame.loc[f"RL{incident}"]


def test_columns_and_vocabularies_are_the_codebooks(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == CODEBOOK["columns"]
    assert len(frame.columns) == 31 and "iso3" not in frame.columns  # removed in March 2023
    types = CODEBOOK["event_types"]
    for _, r in frame.iterrows():
        assert r.sub_event_type in types[r.event_type], (r.event_type, r.sub_event_type)
        assert r.disorder_type == types[r.event_type][r.sub_event_type]
        assert r.disorder_type in CODEBOOK["disorder_types"]
        assert "grade" not in str(r.tags)
        assert pd.isna(r.source) or set(r.source_scale.split("-")) <= set(
            CODEBOOK["source_scales"])  # an incident with sources has their scale
    assert pd.api.types.is_integer_dtype(frame.iso)  # numeric ISO 3166-1, never "AZ"
    assert pd.api.types.is_integer_dtype(frame.timestamp)
    assert pd.api.types.is_integer_dtype(frame.time_precision)
    assert pd.api.types.is_integer_dtype(frame.geo_precision)
    assert set(frame.geo_precision) <= {1, 2, 3} and set(frame.time_precision) <= {1, 2, 3}
    assert pd.to_datetime(frame.event_date, format="%Y-%m-%d").notna().all()
    assert (frame.year == pd.to_datetime(frame.event_date).dt.year).all()


def test_inter_codes_and_interaction_follow_the_codebook(frame: pd.DataFrame,
                                                         more: dict[str, int]) -> None:
    codes = {int(c) for c in CODEBOOK["inter_codes"]}
    for _, r in frame.iterrows():
        for column in ("inter1", "inter2"):
            assert pd.isna(r[column]) or int(r[column]) in codes, (column, r[column])
        if pd.notna(r.interaction):
            assert int(r.interaction) in CODEBOOK["interaction_codes"]
            pair = sorted((int(r.inter1), 0 if pd.isna(r.inter2) else int(r.inter2)))
            low, high = (pair[0], pair[1]) if pair[0] else (pair[1], 0)
            assert int(r.interaction) == low * 10 + high  # the smaller code first
    held = _row(frame, more["month"])
    assert (held.actor1, held.inter1) == ("Azerbaijani Armed Forces", 1)
    assert (held.actor2, held.inter2, held.interaction) == ("Civilians (Armenia)", 7, 17)
    assert held.civilian_targeting == CODEBOOK["civilian_targeting"]
    shelled = _row(frame, more["shelling"])  # no civilian recorded: a one-sided event
    assert (shelled.actor1, shelled.inter1, shelled.interaction) == (
        "Azerbaijani Armed Forces", 1, 10)
    assert pd.isna(shelled.actor2) and pd.isna(shelled.civilian_targeting)


def test_time_precision_of_an_exact_day_and_a_month(frame: pd.DataFrame,
                                                    more: dict[str, int]) -> None:
    shelled = _row(frame, more["shelling"])  # created without a precision, as imports are
    assert (shelled.event_date, shelled.time_precision) == ("2023-01-08", 1)
    held = _row(frame, more["month"])  # a month: its middle, code 3, as ACLED dates them
    assert (held.event_date, held.time_precision) == ("2023-01-15", 3)


def test_geography_iso_region_admin1_and_precision(frame: pd.DataFrame,
                                                   more: dict[str, int]) -> None:
    near, held = _row(frame, more["ongoing"]), _row(frame, more["month"])
    assert (near.iso, near.country, near.region, near.location) == (
        31, "Azerbaijan", "Caucasus and Central Asia", "Stepanakert")
    assert (held.iso, held.country, held.region, held.admin1) == (
        51, "Armenia", "Caucasus and Central Asia", "Syunik")
    assert pd.isna(near.admin1)  # Nagorno-Karabakh is not an administrative division
    assert (held.location, held.geo_precision) == ("Goris", 1)  # a town
    assert _row(frame, more["blockade"]).geo_precision == 3  # the whole region
    assert _row(frame, more["ongoing"]).geo_precision == 2  # near Stepanakert


def test_intervals_are_one_row_with_the_interval_in_tags_and_notes(
        frame: pd.DataFrame, more: dict[str, int], ledger: Ledger, tmp_path: Path) -> None:
    blockade = _row(frame, more["blockade"])
    assert list(frame.event_id_cnty).count(f"RL{more['blockade']}") == 1
    assert blockade.event_date == "2022-12-12" and blockade.time_precision == 1
    assert blockade.tags == "interval=2022-12-12/2023-02-14"
    assert "65 days" in blockade.notes and blockade.notes.startswith("From 2022-12-12")
    ongoing = _row(frame, more["ongoing"])
    assert ongoing.tags == "interval=2023-03-01/.."
    assert ongoing.notes.startswith("Since 2023-03-01") and "near Stepanakert" in ongoing.notes
    assert pd.isna(_row(frame, more["shelling"]).tags)  # one day: nothing to say
    assert pd.isna(_row(frame, more["month"]).tags)  # a month is a date, not an interval
    held = _row(frame, more["month"])
    assert held.notes == ("In 2023-01: detention in Goris. Two drivers held at a post, a "
                          "monitor reports.")  # a description, never the claims line
    shelled = _row(frame, more["shelling"])
    assert "Defence Ministry" not in shelled.notes and "Martuni" in shelled.notes
    snap = export(ledger, "json", tmp_path / "json", "t").snapshot
    midnight = datetime.combine(date.fromisoformat(snap["as_of"]), datetime.min.time(), UTC)
    assert set(frame.timestamp) == {int(midnight.timestamp())}


def test_incidents_without_a_day_or_a_place_stay_out(ledger: Ledger, more: dict[str, int],
                                                     tmp_path: Path) -> None:
    with ledger.store.writing() as conn:
        nowhere = incidents.create(conn, {"type": "killing", "date_start": "2023-01-02"},
                                   "setup")
        undated = incidents.create(conn, {"type": "killing", "places": ["Martuni"]}, "setup")
    export(ledger, "acled", tmp_path / "a", "t")
    ids = set(pd.read_csv(tmp_path / "a" / "acled.csv").event_id_cnty)
    assert f"RL{more['shelling']}" in ids
    assert {f"RL{nowhere}", f"RL{undated}"}.isdisjoint(ids)


# -- dates as one EDTF value ------------------------------------------------------------------
@pytest.mark.parametrize(("start", "end", "precision", "value"), [
    ("2023-01-08", "2023-01-08", None, "2023-01-08"),
    ("2023-01-08", "2023-01-08", "day", "2023-01-08"),
    ("2022-12-12", "2023-02-14", "range", "2022-12-12/2023-02-14"),
    ("2022-12-12", None, None, "2022-12-12/.."),
    ("2023-01-01", "2023-01-31", "month", "2023-01"),
    ("2023-01-01", "2023-01-31", None, "2023-01-01/2023-01-31"),
    ("2023-01-01", "2023-01-10", "month", "2023-01-01/2023-01-10"),
    ("2023-01-01", "2023-12-31", "year", "2023"),
    (None, None, None, ""),
])
def test_edtf_value(start: str | None, end: str | None, precision: str | None,
                    value: str) -> None:
    assert edtf.interval(start, end, precision) == value
    if value:
        parsed = parse_edtf(value)  # a real EDTF reader takes it
        assert str(parsed) == value
    if end is None and start:
        assert str(parse_edtf(value).upper) == ".."  # open, not the unknown empty end


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def test_every_export_writes_the_same_edtf_date(ledger: Ledger, more: dict[str, int],
                                                tmp_path: Path) -> None:
    export(ledger, "csv", tmp_path / "csv", "t")
    export(ledger, "geojson", tmp_path / "geo", "t")
    found = _csv(tmp_path / "csv" / "incidents.csv")
    expected = {more["blockade"]: "2022-12-12/2023-02-14", more["ongoing"]: "2023-03-01/..",
                more["shelling"]: "2023-01-08", more["month"]: "2023-01"}
    assert {i: found[str(i)]["date"] for i in expected} == expected
    features = json.loads((tmp_path / "geo" / "incidents.geojson").read_text())["features"]
    assert {f["properties"]["id"]: f["properties"]["date"] for f in features
            if f["properties"]["id"] in expected} == expected
    cuts = {r["area"]: r["date"] for r in _csv(tmp_path / "csv" / "disruptions.csv").values()}
    assert cuts == {"Lachin corridor": "2022-12-12/..", "Nagorno-Karabakh":
                    "2023-01-17/2023-01-20"}
    geo = json.loads((tmp_path / "geo" / "disruptions.geojson").read_text())["features"]
    assert {f["properties"]["area"]: f["properties"]["date"] for f in geo} == cuts
    for value in [*expected.values(), *cuts.values()]:
        assert str(parse_edtf(value)) == value
