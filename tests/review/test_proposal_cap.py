"""Promise 11, hostile uploads (docs/security.md): one long text cannot flood the review
queue. A source feeds at most ``max_proposals_per_source`` incidents into review; its other
candidates stay recorded and listed, and the source says how many were not proposed."""

from __future__ import annotations

import json
from pathlib import Path

from rightsledger.extract.ledger import notes_of
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose
from tests.cli.test_cli import rl

TOWNS = ("Stepanakert", "Martuni", "Hadrut", "Askeran", "Goris", "Kapan", "Martakert",
         "Shushi")


def _report(folder: Path) -> Path:
    """One text telling eight shellings, each on its own day and in its own town."""
    folder.mkdir()
    path = folder / "long.txt"
    path.write_text("\n\n".join(
        f"{town} was shelled on {day + 1} October 2020, the Human Rights Defender said."
        for day, town in enumerate(TOWNS)), "utf-8")
    return path


def test_promise_11_one_source_proposes_at_most_the_cap_and_says_how_many_more(
        ledger: Ledger, tmp_path: Path) -> None:
    ledger.settings["max_proposals_per_source"] = 3
    assert ingest(ledger, [_report(tmp_path / "in")]).added == 1
    (source,) = ledger.store.list_sources()
    done = propose(ledger)
    assert done.proposed == 3 and sum(done.capped.values()) == 5
    assert len([s for s, _ in ledger.store.mentions("incidents") if s.id == source.id]) == 8
    assert notes_of(ledger, source.id) == [
        "5 more candidates not proposed (at most 3 incidents are proposed from one source, "
        f"setting max_proposals_per_source); see `rightsledger candidates --source "
        f"{source.id[:12]}`"]
    again = propose(ledger)
    assert (again.proposed, again.capped) == (0, {})  # the watermark passed them: once only
    assert len(notes_of(ledger, source.id)) == 1


def test_promise_11_the_note_shows_in_show_and_candidates_lists_them_all(
        tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    assert rl("init", str(folder)).returncode == 0
    config = json.loads((folder / "ledger.json").read_text())
    config["settings"]["max_proposals_per_source"] = 2
    (folder / "ledger.json").write_text(json.dumps(config))
    done = rl("ingest", str(folder), str(_report(tmp_path / "in")), "--format", "json")
    assert json.loads(done.stdout.splitlines()[-1])["summary"]["proposed"] == 2
    with Ledger.open(folder) as ledger:
        (source,) = ledger.store.list_sources()
    shown = rl("show", str(folder), source.id[:12])
    assert "note  6 more candidates not proposed" in shown.stdout
    listed = rl("candidates", str(folder), "--source", source.id[:12])
    assert listed.stdout.rstrip().endswith("8 candidate(s)")
    as_json = json.loads(rl("show", str(folder), source.id, "--format", "json").stdout)
    assert as_json["notes"][0].startswith("6 more candidates not proposed")
