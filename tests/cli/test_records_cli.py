"""The records commands as a user runs them: the demo's records script end to end, the
review prompt, and one clear error line for bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsledger.ledger import Ledger
from tests.cli.test_cli import rl
from tests.conftest import DEMO_DOCUMENTS
from tests.privacy.test_seizure import PASSPHRASE, ByteSearch

SCRIPTS = tuple(DEMO_DOCUMENTS.parent / f"{name}.sh" for name in ("records", "media", "report"))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo ledger after demo/records.sh, media.sh and report.sh, as `make demo` leaves
    it — but encrypted (`init --encrypt`, promise 6 of docs/security.md): every command of
    the demo runs on an encrypted ledger as on a plain one (make demo itself runs plain)."""
    folder = tmp_path_factory.mktemp("records") / "ledger"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RIGHTSLEDGER_PASSPHRASE", PASSPHRASE)
        assert rl("init", str(folder), "--encrypt").returncode == 0
        done = rl("ingest", str(folder), str(DEMO_DOCUMENTS), "--manifest",
                  str(DEMO_DOCUMENTS.parent / "manifest.csv"))
        assert done.returncode == 0 and "incidents proposed for review" in done.stdout, \
            done.stdout
        binary = str(Path(sys.executable).parent / "rightsledger")
        said = []
        for script in SCRIPTS:
            ran = subprocess.run(["bash", str(script), str(folder)], capture_output=True,
                                 text=True, timeout=600, env={**os.environ, "RL": binary})
            assert ran.returncode == 0, ran.stdout + ran.stderr
            said.append(ran.stdout)
        (folder.parent / "script-output.txt").write_text("".join(said))
        yield folder


def test_promise_6_the_encrypted_demo_ledger_holds_nothing_readable(recorded: Path) -> None:
    """The people's details and the documents' words are nowhere in the ledger's bytes."""
    people = ["Lilit Demoyan", "Aram Demo-Fixer"]
    details = ["4 Demo Street, Stepanakert", "+374 00 000 777", "+374 00 000 001"]
    media = (DEMO_DOCUMENTS.parent / "media.sh").read_text("utf-8")
    assert all(f'"{text}"' in media for text in people + details)  # as the script says
    with Ledger.open(recorded, PASSPHRASE) as ledger:
        texts = [ledger.store.get_source(s.id).text for s in ledger.store.list_sources()]
    middles = [" ".join(t.split()[len(t.split()) // 2:][:6]) for t in texts if t]
    phrases = [m for m in middles if len(m) >= 25]
    assert len(phrases) >= 15 and (recorded / "keys" / "vault.json").is_file()
    assert ByteSearch(people).hits(recorded) == {}
    assert ByteSearch(details + phrases, names=False).hits(recorded) == {}


def test_the_demo_script_counts_days_and_tracks_the_order(recorded: Path) -> None:
    said = (recorded.parent / "script-output.txt").read_text()
    assert "Lachin corridor: day 100 (2022-12-12 – ongoing, 120,000 people)" in said
    assert "electricity" in said and "gas " not in said.split("disruptions")[-1].split("==")[0]
    assert "Provisional measures on the Lachin corridor — not_complied since 2023-03-01" in said


def test_accepted_incidents_are_exported_and_the_ledger_still_verifies(recorded: Path) -> None:
    exported = json.loads(Path(f"{recorded}-export", "records.json").read_text("utf-8"))
    accepted = exported["incidents"]
    assert [i["id"] for i in accepted] == [14, 10]  # oldest first
    blockade = accepted[0]
    assert blockade["type"] == "blockade" and len(blockade["sources"]) == 6
    assert blockade["grade_reasons"][0].startswith("5 independent source(s)")  # a copy: once
    assert blockade["grade"] == "contested" and "denies" in blockade["claims_side_by_side"]
    assert exported["obligations"][0]["status"] == "not_complied"
    assert rl("verify", str(recorded)).returncode == 0
    listed = json.loads(rl("incidents", str(recorded), "--status", "accepted",
                           "--format", "json").stdout)
    later = sorted({i["id"] for i in listed} - {i["id"] for i in accepted})
    assert len(later) == 8 and min(later) > 15  # report.sh imported a partner's incidents


def test_disruptions_json_and_obligation_status_by_day(recorded: Path) -> None:
    on = json.loads(rl("disruptions", str(recorded), "--on", "2023-01-18", "--format",
                       "json").stdout)
    assert {(d["kind"], d["day"]) for d in on} == {("road", 38), ("gas", 2),
                                                    ("electricity", 10)}
    before = json.loads(rl("obligations", str(recorded), "--on", "2023-02-23", "--format",
                           "json").stdout)
    assert before[0]["status"] == "pending"


def test_a_stale_version_gets_one_conflict_line(recorded: Path) -> None:
    first = rl("edit", str(recorded), "9", "--description", "first edit", "--version", "1")
    second = rl("edit", str(recorded), "9", "--description", "second edit", "--version", "1")
    assert first.returncode != 0 or second.returncode != 0
    failed = second if second.returncode else first
    assert failed.returncode == 2
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "reload it and apply your edit again" in lines[0]


def test_import_of_a_bad_file_is_one_line_and_imports_nothing(recorded: Path,
                                                              tmp_path: Path) -> None:
    before = json.loads(rl("incidents", str(recorded), "--format", "json").stdout)
    bad = tmp_path / "bad.csv"
    bad.write_text("type,date_start,date_end\nshelling,2020-10-03,2020-10-01\n", "utf-8")
    done = rl("import", str(recorded), str(bad))
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: bad.csv: row 1, column date_end: the end 2020-10-01 is "
                                   "before the start 2020-10-03; nothing was imported")
    assert json.loads(rl("incidents", str(recorded), "--format", "json").stdout) == before


def test_the_demo_photo_bank_story_and_network(recorded: Path) -> None:
    said = (recorded.parent / "script-output.txt").read_text()
    assert "check: taken 271 km from Lachin corridor (EXIF GPS)" in said
    assert "check: taken 331 days before the incident began (EXIF time)" in said
    assert "near-identical: #3, #4" in said
    assert "the real name of V-" in said and "'Lilit Demoyan'" in said
    public_story = said.split("consent 4 recorded for story 1")[1].split("==")[0]
    assert "Lilit" not in public_story and "Demoyan" not in public_story
    exported = (recorded.parent / "ledger-export" / "records.json").read_text("utf-8")
    data = json.loads(exported)
    assert [p["id"] for p in data["photos"]] == [2, 1]  # 3 withdrawn, 4 and 5 unconfirmed
    assert [s["id"] for s in data["stories"]] == [1]
    for secret in ("Lilit", "Demoyan", "Demo-Fixer", "+374 00", "Syunik", "Queue participant"):
        assert secret not in exported, secret
    assert rl("verify", str(recorded)).returncode == 0


def test_the_demo_report_and_open_data_are_signed_and_keep_names_out(recorded: Path,
                                                                     tmp_path: Path) -> None:
    folder = Path(f"{recorded}-report")
    assert {p.name for p in folder.iterdir()} == {"report.html", "report.pdf",
                                                  "press-release.md", "photos", "manifest.json",
                                                  "SHA256SUMS", "SHA256SUMS.sig",
                                                  "SHA256SUMS.sshsig"}
    html = (folder / "report.html").read_text("utf-8")
    assert "Caucasus Civil Rights Network (demo)</strong>: 3 killed" in html
    assert "Ministry of Defence of Azerbaijan</strong>: 2 killed" in html  # side by side
    assert "Right to education" in html and "Family life" in html
    data = json.loads(Path(f"{recorded}-export", "records.json").read_text("utf-8"))
    consented = data["photos"]  # photo 3, whose consent was withdrawn, is not among them
    shown = {p.stem for p in (folder / "photos").iterdir()}
    assert shown == {p["public_sha"] for p in consented}
    everything = html + (folder / "press-release.md").read_text("utf-8") + "".join(
        p.read_text("utf-8") for p in Path(f"{recorded}-open-data").glob("*.csv"))
    for secret in ("Lilit", "Demoyan", "Demo-Fixer", "+374 00", "Queue participant"):
        assert secret not in everything, secret
    key = f"{recorded}.pub"
    assert rl("verify-export", str(folder), "--key", key).returncode == 0
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    with (copy / "report.html").open("a", encoding="utf-8") as f:
        f.write("<!-- edited -->")
    checked = rl("verify-export", str(copy), "--key", key)
    assert checked.returncode == 1
    assert checked.stdout.startswith("FAIL report.html: altered (sha256 ")
    assert "do not trust these files" in checked.stderr


@pytest.mark.parametrize(("args", "line"), [
    (("incidents", "--from", "banana"), "error: --from: 'banana' is not a date (write YYYY-MM-DD)"),
    (("incidents", "--from", "2023-13-01"), "error: --from: '2023-13-01' is not a date"),
    (("incidents", "--type", "shellng"), "error: --type: unknown incident type 'shellng'"),
    (("incidents", "--status", "acepted"), "error: --status: 'acepted' is not one of proposed"),
    (("incidents", "--limit", "0"), "error: --limit: 0 is not 1 to 100,000"),
    (("incidents", "--place", "Stepanakertt"), "error: --place: unknown place 'Stepanakertt'"),
    (("search", "gas", "--from", "2023-02-30"), "error: --from: '2023-02-30' is not a date"),
    (("search", "gas", "--kind", "tweet"), "error: --kind: unknown source kind 'tweet'"),
])
def test_a_bad_filter_is_one_line_and_exit_2(recorded: Path, args: tuple[str, ...],
                                             line: str) -> None:
    """Issue 18, point 4: every filter is checked once, in the library; never a silent 0."""
    command, *rest = args
    done = rl(command, str(recorded), *rest)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), lines
