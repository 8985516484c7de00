"""The whole pipeline: the contract's shape, offsets, failing stages, storage with a ledger."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import text as sql

from rightsledger.extract.document import Doc
from rightsledger.extract.pipeline import CONTRACT_KEYS, contract, extract_text
from rightsledger.extract.stage import Stage
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.reextract import reextract
from tests.conftest import DEMO_DOCUMENTS

REPORT = ("On 3 October 2020 Stepanakert was shelled again, the Human Rights Defender of "
          "Artsakh said; 4 civilians were killed and 12 were wounded.\n\n"
          "Amnesty International urged both sides to stop using cluster munitions.")


def test_contract_shape_and_offsets() -> None:
    doc = extract_text(REPORT, "en", date(2020, 10, 4))
    out = contract(doc, "report.txt")
    assert set(CONTRACT_KEYS) <= set(out) and out["path"] == "report.txt"
    assert out["language"] == "en" and out["published"] == "2020-10-04"
    for key in ("places", "dates", "organizations", "numbers"):
        for m in out[key]:
            assert REPORT[m["start"]:m["end"]] == m["text"], (key, m)
    for item in out["incidents"] + out["statements"]:
        assert REPORT[item["start"]:item["end"]] == item["quote"]
    json.dumps(out)  # JSON-ready


def test_report_gives_the_incident_and_the_statement() -> None:
    out = contract(extract_text(REPORT, "en", date(2020, 10, 4)))
    (incident,) = out["incidents"]
    assert (incident["type"], incident["date"]) == ("shelling", "2020-10-03")
    assert incident["place"] == "Stepanakert"
    assert (incident["killed"], incident["injured"]) == (4, 12)
    (statement,) = out["statements"]
    assert statement["by"] == "Amnesty International"


def test_a_failing_stage_becomes_a_warning() -> None:
    doc = Doc("Some text.")
    Stage("broken.v1", (), "broken", run=lambda d: [1 / 0]).apply(doc)
    assert doc.found["broken"] == []
    assert doc.warnings and "broken.v1" in doc.warnings[0]


def test_empty_and_odd_texts_do_not_crash() -> None:
    for text in ("", "   ", "\x00\x01 garbage ¤¤¤ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "日本語のテキストです。" * 50,
                 "Степанакерт Stepanakert Ստեփանակերտ " * 200):
        out = contract(extract_text(text))
        assert isinstance(out["warnings"], list)
    assert contract(extract_text(""))["warnings"]


def test_extract_command_on_a_folder_gives_one_line_per_file() -> None:
    done = subprocess.run([sys.executable, "-m", "rightsledger.cli.main", "extract",
                           str(DEMO_DOCUMENTS), "--format", "jsonl", "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    files = sorted(p for p in DEMO_DOCUMENTS.iterdir() if not p.name.endswith(".json"))
    assert [Path(r["path"]).name for r in lines] == [p.name for p in files]
    assert sum(len(r["incidents"]) for r in lines) > 5


def test_ingest_stores_candidates_and_reextract_redoes_old_versions(ledger: Ledger) -> None:
    assert ingest(ledger, [DEMO_DOCUMENTS]).failed == 0
    stored = ledger.store.mentions("incidents")
    assert stored and all(c["quote"] in s.text for s, c in stored)
    gas = ledger.store.mentions("incidents", "infrastructure_disruption")
    assert gas and all(c["type"] == "infrastructure_disruption" for _, c in gas)
    assert reextract(ledger) == (ledger.store.count_sources(), 0)
    with ledger.store.writing() as conn:
        conn.execute(sql("UPDATE source_extraction SET versions = '{\"dates\": \"dates.v0\"}'"))
    checked, redone = reextract(ledger)
    assert redone == checked
    assert [e.action for e in ledger.store.custody()][-1] == "re-extract"
    assert len(ledger.store.mentions("incidents")) == len(stored)


def test_a_50_mb_text_is_cut_with_a_warning() -> None:
    huge = ("Stepanakert was shelled on 3 October 2020, the ICRC said. " * 900_000)[:50_000_000]
    doc = extract_text(huge, "en", date(2020, 10, 4))
    assert any("cut to its first" in w for w in doc.warnings)
    assert doc.found["incidents"] and max(i["end"] for i in doc.found["incidents"]) <= len(
        doc.text) < len(huge)


def test_a_bad_file_in_a_folder_gets_an_error_line_and_the_rest_go_on(tmp_path: Path) -> None:
    (tmp_path / "a-broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "b-good.txt").write_text(REPORT, "utf-8")
    done = subprocess.run([sys.executable, "-m", "rightsledger.cli.main", "extract",
                           str(tmp_path), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    broken, good = [json.loads(line) for line in done.stdout.splitlines()]
    assert "error" in broken and "PDF" in broken["error"]
    assert good["incidents"] and "error" not in good
