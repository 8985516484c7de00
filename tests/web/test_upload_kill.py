"""Promise 1 of docs/security.md for web uploads: a server killed (SIGKILL) in the middle of
an upload's ingest loses nothing. At its next start it resumes the job from its staged
copies; when those are gone, it marks the job cut and names every file not ingested. A
staging folder that no unfinished job owns is named by `verify`."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rightsledger import uploads
from rightsledger.ledger import Ledger
from tests.web.conftest import PASSWORDS, free_port, wait_for

FILES = 150


class Server:
    """`rightsledger serve` on a ledger, in a process of its own."""

    def __init__(self, ledger: Path):
        self.ledger, self.port = ledger, free_port()
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> httpx.Client:
        self.proc = subprocess.Popen([sys.executable, "-m", "rightsledger.cli.main", "serve",
                                      str(self.ledger), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     text=True)
        wait_for(self.port, self.proc)
        client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60)
        page = client.get("/login").text
        done = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"],
                                           "csrf": _csrf(page), "next": "/", "code": ""})
        assert done.status_code == 303, done.text
        return client

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture
def server(served_ledger: Path) -> Iterator[Server]:
    running = Server(served_ledger)
    try:
        yield running
    finally:
        running.stop()


def _csrf(page: str) -> str:
    return page.split('name="csrf" value="')[1].split('"')[0]


def _upload(client: httpx.Client, batch: str) -> str:
    files = [("files", (f"{batch}/day-{n:03}.txt", (
        f"Village {batch}-{n} was shelled on {1 + n % 28} October 2020, the ombudsman said; "
        f"{n % 7} civilians were injured.\n").encode(), "text/plain")) for n in range(FILES)]
    sent = client.post("/upload", data={"csrf": _csrf(client.get("/upload").text),
                                        "kind": "article"}, files=files)
    assert sent.status_code == 303, sent.text[:300]
    return sent.headers["location"].rsplit("/", 1)[1]


def _progress(client: httpx.Client, job: str) -> tuple[int, str]:
    page = client.get(f"/upload/{job}").text
    found = re.search(rf"(\d+) of {FILES} file\(s\)", page)
    assert found, page[:500]
    return int(found.group(1)), page


def _kill_mid_ingest(server: Server, client: httpx.Client, job: str) -> int:
    for _ in range(600):
        done, _page = _progress(client, job)
        if done >= 5:
            server.kill()
            return done
        time.sleep(0.02)
    raise AssertionError("the ingest did not start in 12 s")


def _job(ledger_path: Path, job: str) -> uploads.Job:
    with Ledger.open(ledger_path) as ledger, ledger.store.reading() as conn:
        found = uploads.get(conn, job)
    assert found is not None
    return found


def test_promise_1_a_killed_server_resumes_the_upload(server: Server) -> None:
    client = server.start()
    job = _upload(client, "first")
    _kill_mid_ingest(server, client, job)
    killed = _job(server.ledger, job)
    assert killed.state == uploads.INGESTING and Path(killed.staging).is_dir()
    assert 0 < killed.done < FILES, "the kill must land mid-ingest"

    client = server.start()
    for _ in range(600):
        done, page = _progress(client, job)
        if "finished" in page.split("</h1>")[0]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the resumed upload did not finish in 60 s")
    ended = _job(server.ledger, job)
    assert ended.state == uploads.FINISHED and ended.done == FILES
    assert ended.failures == []
    # files of the batch the kill cut, stored but not yet marked in the job, are "seen"
    assert ended.added + ended.seen == FILES and ended.added > 0
    assert "resumed after the server restarted" in page
    assert not Path(ended.staging).exists()
    with Ledger.open(server.ledger) as ledger:
        names = [s.original_name for s in ledger.store.list_sources()]
    assert sorted(n for n in names if n.startswith("day-")) == sorted(
        f"day-{n:03}.txt" for n in range(FILES))


def test_promise_1_an_upload_whose_copies_are_gone_is_cut_and_named(server: Server) -> None:
    client = server.start()
    job = _upload(client, "second")
    _kill_mid_ingest(server, client, job)
    killed = _job(server.ledger, job)
    pending = [f.name for f in killed.files if f.status == uploads.PENDING]
    assert pending
    orphan = server.ledger / "tmp" / "upload-left-by-hand"
    shutil.move(killed.staging, orphan)  # as if tmp/ had been emptied, the copy kept aside

    verified = subprocess.run([sys.executable, "-m", "rightsledger.cli.main", "verify",
                               str(server.ledger)], capture_output=True, text=True)
    assert verified.returncode == 1
    said = " ".join(verified.stderr.split())
    held = sum(1 for p in orphan.rglob("*") if p.is_file())
    assert f"staging folder {orphan}: {held} file(s) received over the web that no " \
           "unfinished upload job owns" in said, said

    client = server.start()
    done, page = _progress(client, job)
    assert "cut, finished" in page and done == FILES
    cut = _job(server.ledger, job)
    assert cut.state == uploads.CUT
    failed = {name for name, why in cut.failures if why.startswith("not ingested:")}
    assert failed == set(pending)
    assert all(f"<strong>{name}</strong>" in page for name in pending)
