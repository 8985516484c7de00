"""The photo bank, story and contact commands as a user runs them: several photos at once
with one refused by name, the public copy written to a file, the story check's exit
status, a contact's details only with --reveal (audited)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from rightsledger.ledger import Ledger
from rightsledger.records import audit
from tests.cli.test_cli import rl
from tests.media import images


def test_photo_add_takes_several_files_and_names_the_one_refused(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    good = images.write(tmp_path / "in", "queue.jpg", images.photo())
    other = images.write(tmp_path / "in", "roof.jpg", images.photo(shade=70))
    cut = images.write(tmp_path / "in", "cut.jpg", images.photo()[:1500])
    done = rl("photo-add", str(ledger), str(good), str(cut), str(other), "--photographer", "P")
    assert done.returncode == 2
    assert "photo 1 added from queue.jpg" in done.stdout
    assert "photo 2 added from roof.jpg" in done.stdout
    assert done.stderr.startswith("refused: cut.jpg: ") and "Traceback" not in done.stderr
    listed = json.loads(rl("photos", str(ledger), "--format", "json").stdout)
    assert sorted(p["id"] for p in listed["photos"]) == [1, 2]
    copy = tmp_path / "copy.jpg"
    assert rl("photo-copy", str(ledger), "1", "--out", str(copy)).returncode == 0
    with Image.open(io.BytesIO(copy.read_bytes())) as img:
        assert not img.getexif()
    assert rl("verify", str(ledger)).returncode == 0


def test_story_check_and_contact_reveal(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    rl("import", str(ledger), str(_incidents(tmp_path)))
    assert rl("victim", str(ledger), "1", "--name", "Canary Storyname").returncode == 0
    body = tmp_path / "story.txt"
    body.write_text("Canary Storyname waited all night.", "utf-8")
    added = rl("story-add", str(ledger), "--title", "Night", "--file", str(body),
               "--incident", "1", "--victim", "1")
    assert "warning: the text holds the real name of V-" in added.stdout
    assert rl("story", str(ledger), "1", "--check").returncode == 1
    public = rl("story", str(ledger), "1", "--public")
    assert public.returncode == 0 and "Canary" not in public.stdout
    made = rl("contact-add", str(ledger), "--name", "Canary Fixer", "--kind", "fixer",
              "--reach", "+374 99 000 111")
    assert made.returncode == 0 and " added as C-" in made.stdout
    hidden = rl("contact", str(ledger), "1")
    assert "Canary" not in hidden.stdout and "+374" not in hidden.stdout
    shown = rl("contact", str(ledger), "1", "--reveal", env={"RIGHTSLEDGER_ACTOR": "boss"})
    assert "Canary Fixer" in shown.stdout and "+374 99 000 111" in shown.stdout
    assert "Canary" not in rl("contacts", str(ledger), "--format", "json").stdout
    edited = rl("contact-edit", str(ledger), "1", "--last-contact", "2023-03-01",
                "--version", "1")
    assert edited.returncode == 0, edited.stderr
    stale = rl("contact-edit", str(ledger), "1", "--region", "Lori", "--version", "1")
    assert stale.returncode == 2 and "was changed by" in stale.stderr
    listed = json.loads(rl("contacts", str(ledger), "--format", "json").stdout)[0]
    assert listed["last_contact"] == "2023-03-01" and listed["kind"] == "fixer"
    with Ledger.open(ledger) as opened, opened.store.reading() as conn:
        reveals = [e.actor for e in audit.entries(conn, "contact", 1) if e.action == "reveal"]
    assert reveals == ["boss"]


def _incidents(folder: Path) -> Path:
    path = folder / "incidents.csv"
    path.write_text("type,date_start,places\nblockade,2022-12-12,Stepanakert\n", "utf-8")
    return path


def test_photo_edit_links_an_incident_and_the_checks_run_again(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    rl("import", str(ledger), str(_incidents(tmp_path)))
    far = images.write(tmp_path / "in", "far.jpg", images.photo(images.TBILISI))
    assert rl("photo-add", str(ledger), str(far)).returncode == 0
    edited = rl("photo-edit", str(ledger), "1", "--incident", "1", "--credit", "RL")
    assert edited.returncode == 0 and "check: taken" in edited.stdout
    unknown = rl("photo-edit", str(ledger), "1", "--incident", "9")
    assert unknown.returncode == 2 and "no incident 9" in unknown.stderr
