"""Promise 11 and 9 of docs/security.md for uploads: every uploaded file is kept whatever its
name (two of one name, a name too long for the file system, a file and a folder of one name),
and an upload job is seen by its uploader and by admins only."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path, PurePosixPath

import pytest
from fastapi.testclient import TestClient

from rightsledger import accounts
from rightsledger.ledger import Ledger
from rightsledger.records import audit
from rightsledger.web import upload
from tests.web.conftest import csrf_of, sign_in

TEXTS = ("Goris was shelled on 2 October 2020, the ombudsman said.\n",
         "Martuni was shelled on 4 October 2020, the ombudsman said.\n",
         "Askeran was shelled on 6 October 2020, the ombudsman said.\n")


def _send(client: TestClient, files: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """Upload (name, text) pairs; the finished job's page and the names of the sources it
    added, as their records keep them."""
    before = {s.id for s in _ledger(client).store.list_sources()}
    csrf = csrf_of(client, "/upload")
    sent = client.post("/upload", data={"csrf": csrf, "kind": "article"}, follow_redirects=False,
                       files=[("files", (name, text.encode(), "text/plain"))
                              for name, text in files])
    assert sent.status_code == 303, sent.text
    for _ in range(300):
        page = client.get(sent.headers["location"]).text
        if "finished" in page.split("</h1>")[0]:
            return page, sorted(s.original_name for s in _ledger(client).store.list_sources()
                                if s.id not in before)
        time.sleep(0.1)
    raise AssertionError("the upload did not finish in 30 s")


def _ledger(client: TestClient) -> Ledger:
    ledger: Ledger = client.app.state.ledger  # type: ignore[attr-defined]
    return ledger


LONG = "a" * 296 + ".txt"  # 300 characters: past the file system's 255 bytes


@pytest.mark.parametrize(("files", "summary", "kept"), [
    pytest.param([("notes.txt", TEXTS[0]), ("notes.txt", TEXTS[1]), ("NOTES.txt", TEXTS[2])],
                 "3 of 3 file(s): 3 new", ["NOTES.txt", "notes.txt", "notes.txt"],
                 id="two_files_of_one_name_are_both_kept"),
    pytest.param([(f"inbox/{'b' * 300}/{LONG}", TEXTS[0])], "1 of 1 file(s): 1 new", [LONG],
                 id="a_300_character_name_is_kept_with_its_name"),
    pytest.param([("inbox/day1", TEXTS[0]), ("inbox/day1/report.md", TEXTS[1]),
                  ("inbox/day1/report.md", TEXTS[2])],
                 "3 of 3 file(s): 3 new", ["day1", "report.md", "report.md"],
                 id="a_file_and_a_folder_of_one_name_are_both_kept"),
])
def test_promise_11_every_uploaded_file_is_kept_with_its_name(
        client: TestClient, files: list[tuple[str, str]], summary: str,
        kept: list[str]) -> None:
    sign_in(client, "ana")
    page, names = _send(client, files)
    assert summary in page
    assert names == kept


def test_staged_names_are_distinct_short_and_inside_the_folder() -> None:
    names = ["a/b.txt", "a/b.txt", "A/B.TXT", "a", "a/b.txt/c.txt", "../../etc/passwd",
             "x" * 300 + ".pdf", "", "/abs/olute.txt"]
    staged = upload.plan([upload.clean_name(n) or "unnamed" for n in names])
    assert len({str(p).casefold() for p in staged}) == len(names)
    assert all(len(part.encode()) <= upload.SEGMENT_BYTES for p in staged for part in p.parts)
    assert all(".." not in p.parts and not p.is_absolute() for p in staged)
    assert staged[:2] == [PurePosixPath("a/b.txt"), PurePosixPath("a/b~2.txt")]
    assert staged[3] == PurePosixPath("a~2")  # a file named like the folder already there
    assert staged[6].suffix == ".pdf"


def test_promise_9_a_job_is_seen_by_its_uploader_and_admins_only(client: TestClient) -> None:
    ledger = _ledger(client)
    with ledger.store.writing() as conn:
        accounts.add_user(conn, "bea", "analyst", "second-analyst-pass-31", "setup")
    sign_in(client, "ana")
    _send(client, [("mine.txt", TEXTS[0])])
    job = client.get("/upload").text.split('href="/upload/')[1].split('"')[0]
    assert client.get(f"/upload/{job}").status_code == 200
    client.cookies.clear()
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/login", data={"name": "bea", "password": "second-analyst-pass-31",
                                       "csrf": csrf, "next": "/", "code": ""},
                       follow_redirects=False).status_code == 303
    assert client.get(f"/upload/{job}").status_code == 404
    assert f"/upload/{job}" not in client.get("/upload").text
    with ledger.store.reading() as conn:
        denied = [e for e in audit.entries(conn) if e.entity == "security"
                  and e.action == "denied" and (e.after or {}).get("upload") == job]
    assert [e.actor for e in denied] == ["bea"]
    client.cookies.clear()
    sign_in(client, "admin")
    assert client.get(f"/upload/{job}").status_code == 200


def test_staging_is_readable_by_the_server_only(tmp_path: Path) -> None:
    folder = tmp_path / "upload-x"
    upload.make_staging(folder)
    target = folder / "sub" / "f.txt"

    class File:
        filename = "f.txt"
        file = open(os.devnull, "rb")  # noqa: SIM115 - closed below

    try:
        upload.receive(File, target, 10)  # type: ignore[arg-type]
    finally:
        File.file.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
