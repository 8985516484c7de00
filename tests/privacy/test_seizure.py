"""Promise 6, seizure resistance (docs/security.md).

1,000 canaries — 800 people's names (victims, contacts, consent givers, in story bodies and
in the documents) and 200 phrases (in the documents, incident descriptions and claims) — are
seeded into an encrypted ledger. Its whole folder is then copied as a seizure would: with the
database's WAL still holding the last writes, the temporary folder with a write left behind
by a crash, and a backup. The copy's bytes are searched for every canary, as written, in
capitals, in lower case, without diacritics and decomposed, each in UTF-8, UTF-16-LE and
UTF-16-BE, case-folded: zero hits. The same search finds them in a plain ledger seeded alike,
so the search itself is proven to see them. `rightsledger panic` then destroys the keys in
well under 5 seconds, after which the folder does not open, with the passphrase or without.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import ahocorasick
import pytest
from fastapi.testclient import TestClient

from rightsledger import backup
from rightsledger.cli.ledger import passphrase
from rightsledger.db import pgcluster
from rightsledger.errors import BadInput, LedgerError
from rightsledger.ledger import MEMORY, Ledger
from rightsledger.media import consent, stories
from rightsledger.network import contacts
from rightsledger.records import claims, incidents, victims
from rightsledger.web.app import create_app
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify
from tests.cli.test_cli import rl
from tests.privacy.test_no_real_names import SYLLABLES, _plain, people
from tests.web.conftest import csrf_of, fill, sign_in

PASSPHRASE = "seven lanterns under the bridge"
NAMES, PHRASES, DOCUMENTS = 800, 200, 100


def canaries() -> tuple[list[str], list[str]]:
    """800 names ("First Surname", some with diacritics) and 200 invented phrases."""
    names = [f"{first} {surname}" for first, surname in people(NAMES)]
    phrases = [f"safe house {SYLLABLES[n % 16]}{SYLLABLES[n // 16 % 16]}{n:03d} quarter"
               for n in range(PHRASES)]
    return names, phrases


def seed(ledger: Ledger, inbox: Path) -> None:
    """Every canary into the documents, and the names into the records too."""
    names, phrases = canaries()
    everything = names + phrases
    inbox.mkdir()
    per = len(everything) // DOCUMENTS
    for n in range(DOCUMENTS):
        chunk = everything[n * per:(n + 1) * per]
        (inbox / f"note-{n:03d}.txt").write_text(
            f"Field note {n}, Stepanakert, 12 January 2023. " + ". ".join(
                f"{c} was seen near the checkpoint" for c in chunk) + ".", "utf-8")
    ingest(ledger, [inbox], {"kind": "interview", "publisher": "Field team"}, extract=False)
    with ledger.store.writing() as conn:
        nums = [ledger.store.num_of(conn, s.id) for s in ledger.store.list_sources(limit=DOCUMENTS)]
        for n, phrase in enumerate(phrases[:50]):
            found = incidents.create(conn, {
                "type": "detention", "date_start": f"2023-01-{n % 28 + 1:02d}",
                "places": ["Stepanakert"], "description": f"Held at the {phrase}"}, "t")
            claims.add(conn, {"incident_id": found, "source_num": nums[n], "detained": 1,
                              "text": f"one person held at the {phrase}",
                              "quote": f"they took him to the {phrase}"}, "t")
            group = names[n * 16:(n + 1) * 16]
            ids = [victims.add(conn, ledger.secret, {"real_name": name, "incident_id": found,
                                                     "harm": "detained"}, "t")
                   for name in group]
            story = stories.add(conn, ledger.secret, {
                "title": f"Testimony {n}", "body": f"{group[1]} remembers the {phrase}.",
                "incident_ids": [found], "victim_ids": ids[:1]}, "t")
            consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story,
                                              "person": group[2], "scopes": "internal"}, "t")
            contacts.add(conn, ledger.secret, {"name": group[3], "reach": f"+374 91 {n:06d}",
                                               "notes": f"lives near the {phrase}"}, "t")


class ByteSearch:
    """Aho–Corasick over raw bytes (read as Latin-1, lower-cased alike on both sides); for
    names, the surname alone too."""

    def __init__(self, texts: list[str], names: bool = True):
        self.automaton = ahocorasick.Automaton()
        for text in texts:
            forms = {text, text.upper(), text.lower(), text.casefold(), _plain(text),
                     unicodedata.normalize("NFD", text)}
            if names:
                forms |= {text.split()[-1], _plain(text.split()[-1])}
            for form in forms:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    key = form.encode(encoding).decode("latin-1").lower()
                    self.automaton.add_word(key, text)
        self.automaton.make_automaton()

    def hits(self, folder: Path) -> dict[str, set[str]]:
        """Each file (relative name) with the canaries found in its bytes."""
        found: dict[str, set[str]] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hay = path.read_bytes().decode("latin-1").lower()
                seen = {canary for _end, canary in self.automaton.iter(hay)}
                if seen:
                    found[str(path.relative_to(folder))] = seen
        return found


def seize(ledger: Ledger, tmp: Path) -> Path:
    """The ledger's folder copied while it is open, with a backup, a crash's leftover and
    the WAL holding the last writes."""
    backup.backup(ledger, ledger.path / "backups" / "monday")
    sha = next(sha for sha, _size in ledger.store.source_ids())
    data = ledger.objects.read(sha)  # a crash between writing an object and renaming it:
    seal = ledger.objects.seal
    (ledger.path / "tmp" / "put-crashed").write_bytes(seal.seal(sha, data) if seal else data)
    with ledger.store.writing() as conn:  # the last write stays in the WAL (no checkpoint)
        incidents.create(conn, {"type": "detention", "date_start": "2023-02-01",
                                "places": ["Stepanakert"],
                                "description": f"Held at the {canaries()[1][-1]}"}, "t")
    copy = tmp / "seized"
    shutil.copytree(ledger.path, copy)
    assert (copy / "records.db-wal").stat().st_size > 0
    return copy


def test_promise_6_a_seized_copy_of_an_encrypted_ledger_holds_no_canary(
        tmp_path: Path) -> None:
    names, phrases = canaries()
    search = ByteSearch(names + phrases)
    with Ledger.init(tmp_path / "plain") as plain:
        seed(plain, tmp_path / "in-plain")
        control = search.hits(seize(plain, tmp_path / "plain-seized"))
    # the search sees them where a plain ledger keeps them: documents, database, backup
    assert any(f.startswith("objects/") for f in control)
    assert "records.db-wal" in control and "backups/monday/records.db" in control
    assert len(set().union(*control.values())) == NAMES + PHRASES

    with Ledger.init(tmp_path / "sealed", passphrase=PASSPHRASE) as ledger:
        seed(ledger, tmp_path / "in-sealed")
        assert verify(ledger).ok
        with ledger.store.reading() as conn:  # the names are there, readable with the key
            shown = victims.identifying(conn, ledger.secret, list(range(1, NAMES + 1)))
        assert {v["real_name"] for v in shown} == set(names)
        copy = seize(ledger, tmp_path / "seized")
        files = sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if p.is_file())
        assert search.hits(copy) == {}
    assert "records.db-wal" in files and "tmp/put-crashed" in files
    assert sum(f.startswith("objects/") for f in files) == DOCUMENTS
    assert sum(f.startswith("backups/monday/objects/") for f in files) == DOCUMENTS
    # the copy opens with the passphrase (and only with it)
    with Ledger.open(copy, PASSPHRASE) as opened:
        assert verify(opened).ok
    with pytest.raises(LedgerError, match="wrong passphrase"):
        Ledger.open(copy, "seven lanterns under the bridgf")


def test_promise_6_panic_destroys_the_keys_in_under_5_seconds(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    env = {"RIGHTSLEDGER_PASSPHRASE": PASSPHRASE}
    assert rl("init", str(folder), "--encrypt", env=env).returncode == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("Anahit Tarvenkoryan was detained.", "utf-8")
    assert rl("ingest", str(folder), str(tmp_path / "in"), env=env).returncode == 0
    refused = rl("panic", str(folder))
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    assert (folder / "keys" / "vault.json").is_file()
    started = time.monotonic()
    done = rl("panic", str(folder), "--yes")  # no passphrase needed
    took = time.monotonic() - started
    assert done.returncode == 0 and "destroyed vault.json" in done.stdout, done.stderr
    assert took < 5, f"panic took {took:.1f} s"
    assert sorted(p.name for p in (folder / "keys").iterdir()) == ["ledger.pub"]
    after = rl("verify", str(folder), env=env)
    assert after.returncode == 2
    assert after.stderr.strip().splitlines() == [
        f"error: this ledger is encrypted and its keys are gone ({folder / 'keys'}/vault.json "
        "is missing; destroyed by `rightsledger panic`?): it cannot be decrypted; restore a "
        "backup to recover it"]
    with pytest.raises(LedgerError, match="keys are gone"):
        Ledger.open(folder, PASSPHRASE)


def test_promise_6_passphrase_is_asked_checked_and_changed(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    short = rl("init", str(folder), "--encrypt", env={"RIGHTSLEDGER_PASSPHRASE": "short"})
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    assert not folder.exists()
    no_tty = {k: v for k, v in os.environ.items() if k != "RIGHTSLEDGER_PASSPHRASE"}
    assert rl("init", str(folder), "--encrypt",
              env={"RIGHTSLEDGER_PASSPHRASE": PASSPHRASE}).returncode == 0
    asked = subprocess_without_passphrase(folder, no_tty)
    assert asked.returncode == 2 and "a passphrase is needed" in asked.stderr
    wrong = rl("verify", str(folder), env={"RIGHTSLEDGER_PASSPHRASE": "not the right one"})
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == "error: wrong passphrase for this ledger"
    changed = rl("passphrase", str(folder), env={
        "RIGHTSLEDGER_PASSPHRASE": PASSPHRASE,
        "RIGHTSLEDGER_NEW_PASSPHRASE": "a brand new passphrase"})
    assert changed.returncode == 0, changed.stderr
    assert rl("verify", str(folder), env={"RIGHTSLEDGER_PASSPHRASE": PASSPHRASE}) \
        .returncode == 2
    assert rl("verify", str(folder), env={
        "RIGHTSLEDGER_PASSPHRASE": "a brand new passphrase"}).returncode == 0
    with Ledger.init(tmp_path / "plain") as plain:
        with pytest.raises(BadInput, match="not encrypted"):
            passphrase(str(plain.path))


def subprocess_without_passphrase(folder: Path,
                                  env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`verify` with no passphrase in the environment and no terminal to ask on."""
    return subprocess.run([sys.executable, "-m", "rightsledger.cli.main", "verify",
                           str(folder)], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_promise_6_an_encrypted_ledger_works_backs_up_and_names_tampering(
        tmp_path: Path, database_url: str | None, request: pytest.FixtureRequest) -> None:
    """On both engines: the documents are sealed and read back, a backup restores with the
    passphrase, and a sealed document altered on disk is named by verify. (With PostgreSQL
    the server's own files are not encrypted by us: see docs/security.md.)"""
    (tmp_path / "in").mkdir()
    note = "Gohar Belmalyan was taken to the safe house galros007 quarter.\n"
    (tmp_path / "in" / "note.txt").write_text(note, "utf-8")
    search = ByteSearch(["Gohar Belmalyan", "safe house galros007 quarter"])
    with Ledger.init(tmp_path / "ledger", database_url, PASSPHRASE) as ledger:
        assert ledger.encrypted
        ingest(ledger, [tmp_path / "in"], {"kind": "interview"}, extract=False)
        sha = next(sha for sha, _size in ledger.store.source_ids())
        assert ledger.objects.read(sha) == note.encode()
        assert not (ledger.path / "objects" / sha[:2] / sha[2:]).exists()  # keyed names
        assert search.hits(ledger.path / "objects") == {}
        backup.backup(ledger, tmp_path / "backup")
        stored = ledger.objects.path(sha)
    env = {"RIGHTSLEDGER_PASSPHRASE": PASSPHRASE}
    restore = [str(tmp_path / "backup"), str(tmp_path / "restored")]
    if database_url:
        server = request.getfixturevalue("postgres_server")
        restore += ["--database", pgcluster.new_database(server, "r_")]
    done = rl("restore", *restore, env=env)
    assert done.returncode == 0 and "verified: no problems" in done.stdout, done.stderr
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x01
    os.chmod(stored, 0o644)
    stored.write_bytes(bytes(data))
    with Ledger.open(tmp_path / "ledger", PASSPHRASE) as ledger:
        problems = verify(ledger).problems
        with pytest.raises(LedgerError, match=f"object {sha}: altered"):
            ledger.objects.read(sha)
    assert problems == [f"object {sha}: altered (it no longer decrypts, or another object's "
                        "file was put in its place)"]


def test_promise_6_the_web_application_serves_an_encrypted_ledger(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upload is staged in memory (/dev/shm), never in the ledger's folder in the clear;
    the original is stored sealed and downloads as it was sent."""
    with Ledger.init(tmp_path / "ledger", passphrase=PASSPHRASE) as ledger:
        fill(ledger)
    staged: list[Path] = []
    real = Ledger.staging
    monkeypatch.setattr(Ledger, "staging",
                        lambda self, kind: staged.append(real(self, kind)) or staged[-1])
    note = b"Nune Korsedyan was held at the safe house vatlur042 quarter.\n"
    with TestClient(create_app(tmp_path / "ledger", passphrase=PASSPHRASE)) as client:
        sign_in(client, "ana")
        sent = client.post("/upload", data={"csrf": csrf_of(client, "/upload"),
                                            "kind": "interview"},
                           files=[("files", ("note.txt", note, "text/plain"))],
                           follow_redirects=False)
        assert sent.status_code == 303
        for _ in range(300):
            if "finished" in client.get(sent.headers["location"]).text.split("</h1>")[0]:
                break
            time.sleep(0.1)
        sha = hashlib.sha256(note).hexdigest()
        assert client.get(f"/sources/{sha}/original").content == note
    assert [p.parent for p in staged] == [MEMORY] and not staged[0].exists()
    assert ByteSearch(["Nune Korsedyan", "safe house vatlur042 quarter"]).hits(
        tmp_path / "ledger") == {}

