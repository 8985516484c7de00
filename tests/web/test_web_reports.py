"""Reports and exports from the web (issue 18, point 6): an analyst asks for one with the
form, the job runs in the background while its page shows progress, and the signed folder
comes down as a zip holding exactly its files, which the recipes of docs/publishing.md
verify once unzipped. Bad requests are refused naming the field; viewers get 403 and the
public view no page; who built what is in the audit log; a failed or killed build says so
in one line and leaves no half-written folder."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from rightsledger.db import schema
from rightsledger.evidence import keys
from rightsledger.ledger import Ledger
from rightsledger.publish import jobs, manifest, report, sshsig
from rightsledger.records import audit
from tests.publish.test_verify_recipe import FOLDER, KEY, RECIPES, SIGNERS, run
from tests.web.conftest import PASSWORDS, csrf_of, free_port, sign_in, sign_in_page, wait_for
from tests.web.routes import served
from tests.web.test_browser import SHOTS, page, server  # noqa: F401 - fixtures

REPORT = {"kind": "report", "title": "Forty days", "date_from": "2020-09-27",
          "date_to": "2023-03-21", "format": "html", "public": "on", "lang": "en"}


def _ask(client: TestClient, form: dict[str, str]) -> httpx.Response:
    return client.post("/reports", data={"csrf": csrf_of(client, "/reports"), **form},
                       follow_redirects=False)


def _built(client: TestClient, form: dict[str, str]) -> str:
    """Ask for ``form``'s publication and wait for its job to end; returns the job id."""
    asked = _ask(client, form)
    assert asked.status_code == 303, asked.text[:500]
    job = asked.headers["location"].rsplit("/", 1)[1]
    for _ in range(600):
        shown = client.get(f"/reports/{job}").text
        if "http-equiv=\"refresh\"" not in shown:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job} did not end in 60 s: {shown[:800]}")


def _ledger_of(client: TestClient) -> Ledger:
    ledger: Ledger = client.app.state.ledger  # type: ignore[attr-defined]
    return ledger


def _unzipped(body: bytes, where: Path) -> tuple[list[str], Path]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        archive.extractall(where / FOLDER)
    return names, where / FOLDER


def test_an_analyst_builds_a_report_follows_its_progress_and_downloads_the_signed_folder(
        client: TestClient, tmp_path: Path) -> None:
    sign_in(client, "ana")
    form = client.get("/reports")
    assert form.status_code == 200
    assert 'name="date_from"' in form.text and 'name="series"' in form.text
    job = _built(client, REPORT)
    shown = client.get(f"/reports/{job}").text
    assert "3 of 3 steps done" in shown and "signed: manifest sha256" in shown, shown[:1500]
    assert f'href="/reports/{job}/zip"' in shown
    got = client.get(f"/reports/{job}/zip")
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/zip"
    assert f'filename="report-{_job(client, job).created_at[:10]}-{job}.zip"' in \
        got.headers["content-disposition"]
    names, folder = _unzipped(got.content, tmp_path)
    signed = Path(_job(client, job).folder)
    on_disk = sorted(p.relative_to(signed).as_posix() for p in signed.rglob("*") if p.is_file())
    assert sorted(names) == on_disk  # exactly the signed folder's files, nothing else
    assert {"manifest.json", "SHA256SUMS", "SHA256SUMS.sig", "SHA256SUMS.sshsig",
            "report.html"} <= set(names)
    found, problems = manifest.check(folder, keys.load_public(_ledger_of(client)
                                                              .public_key_path))
    assert problems == [] and found["kind"] == "report" and found["public"] is True
    assert found["period"] == {"from": "2020-09-27", "to": "2023-03-21"}
    assert "Forty days" in (folder / "report.html").read_text("utf-8")


def _job(client: TestClient, job_id: str) -> jobs.Job:
    with _ledger_of(client).store.reading() as conn:
        found = jobs.get(conn, job_id)
    assert found is not None
    return found


def test_who_asked_for_what_is_in_the_audit_log_and_the_custody_log(
        client: TestClient) -> None:
    sign_in(client, "ana")
    job = _built(client, REPORT)
    ledger = _ledger_of(client)
    with ledger.store.reading() as conn:
        logged = list(audit.entries(conn, jobs.ENTITY, job))
    assert [(e.action, e.actor) for e in logged] == [("request", "ana"), ("publish", "ana")]
    assert logged[0].after is not None and logged[0].after["title"] == "Forty days"
    assert logged[1].after is not None
    assert logged[1].after["manifest_sha"] == _job(client, job).manifest_sha
    built = [e for e in ledger.store.custody(action="report")
             if e.details.get("path") == _job(client, job).folder]
    assert [e.actor for e in built] == ["ana"]


def test_a_second_report_continues_a_series_and_an_unknown_series_is_refused(
        client: TestClient) -> None:
    sign_in(client, "ana")
    _built(client, {**REPORT, "title": "Blockade, first report", "date_to": "2022-12-31"})
    form = client.get("/reports").text
    assert '<option value="Blockade, first report">' in form
    later = _built(client, {**REPORT, "title": "Blockade, second report",
                            "series": "Blockade, first report"})
    assert _job(client, later).state == jobs.FINISHED
    refused = _ask(client, {**REPORT, "series": "Blockade, third"})
    assert refused.status_code == 400
    assert "series: 'Blockade, third' is not a series of this ledger" in unescape(refused.text)


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"date_from": "2023-02-30"}, "date_from", "'2023-02-30' is not a date"),
    ({"date_to": "banana"}, "date_to", "'banana' is not a date"),
    ({"date_from": "2023-03-01", "date_to": "2023-02-01"}, "date_to",
     "the period ends (2023-02-01) before it starts (2023-03-01)"),
    ({"title": "  "}, "title", "a report needs a title"),
    ({"format": "docx"}, "format", "'docx' is not a report format"),
    ({"lang": "xx"}, "lang", "'xx' is not a language"),
    ({"kind": "export", "format": "xml"}, "format", "'xml' is not an export format"),
    ({"kind": "export", "format": "csv", "licence": "WTFPL"}, "licence", "'WTFPL'"),
    ({"kind": "export", "format": "csv", "include_proposed": "on"}, "include_proposed",
     "accepted incidents only"),
    ({"kind": "leaflet"}, "kind", "'leaflet' is not something to publish"),
])
def test_a_bad_request_is_a_400_naming_the_field_and_no_job(
        client: TestClient, change: dict[str, str], field: str, words: str) -> None:
    sign_in(client, "ana")
    refused = _ask(client, {**REPORT, **change})
    assert refused.status_code == 400, refused.text[:300]
    said = unescape(refused.text)
    assert f"{field}: " in said and words in said
    with _ledger_of(client).store.reading() as conn:
        count = conn.execute(select(func.count()).select_from(schema.publication_jobs))
        assert count.scalar() == 0


def test_an_export_from_the_web_is_a_signed_data_package(client: TestClient,
                                                         tmp_path: Path) -> None:
    sign_in(client, "ana")
    job = _built(client, {"kind": "export", "format": "csv", "public": "on",
                          "licence": "CC0-1.0"})
    got = client.get(f"/reports/{job}/zip")
    assert got.status_code == 200
    names, folder = _unzipped(got.content, tmp_path)
    assert "datapackage.json" in names and "incidents.csv" in names
    assert '"CC0-1.0"' in (folder / "datapackage.json").read_text("utf-8")
    assert manifest.check(folder, keys.load_public(_ledger_of(client).public_key_path))[1] \
        == []


def test_the_recipes_of_docs_publishing_verify_the_unzipped_folder(
        client: TestClient, tmp_path: Path) -> None:
    """openssl + sha256sum, ssh-keygen, Python and the manifest's own signature, as the page
    writes them, on the zip unzipped; and they fail when one byte of the zip's files
    changes."""
    sign_in(client, "ana")
    job = _built(client, REPORT)
    got = client.get(f"/reports/{job}/zip")
    _names, folder = _unzipped(got.content, tmp_path)
    public = keys.load_public(_ledger_of(client).public_key_path)
    shutil.copy(_ledger_of(client).public_key_path, tmp_path / KEY)
    (tmp_path / SIGNERS).write_text(sshsig.allowed_signer(public), "ascii")
    listed = (folder / manifest.SUMS).read_text("utf-8").splitlines()
    for name in RECIPES:
        done = run(name, tmp_path)
        assert done.returncode == 0, (name, done.stdout, done.stderr)
    openssl = run("openssl", tmp_path).stdout.splitlines()
    assert openssl[1] == "Signature Verified Successfully"
    assert openssl[2:] == [f"{line[66:]}: OK" for line in listed]
    html = folder / "report.html"
    html.write_bytes(html.read_bytes().replace(b"Forty days", b"Fifty days", 1))
    assert all(run(name, tmp_path).returncode != 0 for name in RECIPES)


def test_a_folder_altered_since_it_was_signed_is_not_handed_out(client: TestClient) -> None:
    sign_in(client, "ana")
    job = _built(client, REPORT)
    (Path(_job(client, job).folder) / "report.html").write_text("forged", "utf-8")
    refused = client.get(f"/reports/{job}/zip")
    assert refused.status_code == 409
    assert "does not match its signed manifest" in unescape(refused.text)


def test_viewers_cannot_build_and_see_no_link(client: TestClient) -> None:
    sign_in(client, "ana")
    job = _built(client, REPORT)
    analyst = client.get("/").text
    assert '<a href="/reports">Reports</a>' in analyst  # the navigation
    assert 'href="/reports?date_to=' in analyst  # the dashboard
    client.cookies.clear()
    sign_in(client, "vic")
    assert '<a href="/reports">Reports</a>' not in client.get("/").text
    assert "/reports?" not in client.get("/").text
    for path in ("/reports", f"/reports/{job}", f"/reports/{job}/zip"):
        assert client.get(path).status_code == 403, path
    refused = client.post("/reports", data={"csrf": "x", **REPORT})
    assert refused.status_code == 403
    client.cookies.clear()
    sign_in(client, "admin")
    assert client.get(f"/reports/{job}").status_code == 200  # admins see every job


def test_the_public_view_has_no_reports_page(public_client: TestClient) -> None:
    """The routes are served by the public app too (one app factory), and refuse."""
    paths = {path for path, _route in served(public_client.app)}  # type: ignore[arg-type]
    assert {"/reports", "/reports/{job_id}", "/reports/{job_id}/zip"} <= paths
    for path in ("/reports", "/reports/0123456789abcdef", "/reports/0123456789abcdef/zip"):
        assert public_client.get(path).status_code == 404, path
    assert public_client.post("/reports", data=REPORT).status_code == 404
    assert "/reports" not in public_client.get("/").text


def test_a_failed_build_says_why_in_one_line_and_leaves_no_folder(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the printer ran out of paper")

    monkeypatch.setattr(report, "write", broken)
    sign_in(client, "ana")
    job = _built(client, REPORT)
    shown = client.get(f"/reports/{job}").text
    line = re.search(r'<p id="note" class="error" role="status">([^<]*)</p>', shown)
    assert line, shown[:1500]
    assert line.group(1) == ("failed: the printer ran out of paper; nothing was published: "
                             "correct it and build it again")
    assert "Download" not in shown
    assert client.get(f"/reports/{job}/zip").status_code == 409
    publications = _ledger_of(client).path / jobs.FOLDER
    assert list(publications.iterdir()) == []  # no folder, no hidden .JOB.partial-…
    with _ledger_of(client).store.reading() as conn:
        assert [e.action for e in audit.entries(conn, jobs.ENTITY, job)] == ["request", "fail"]


# -- a server killed mid-build ------------------------------------------------------------
class _Server:
    def __init__(self, ledger: Path):
        self.ledger, self.port = ledger, free_port()
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> httpx.Client:
        self.proc = subprocess.Popen([sys.executable, "-m", "rightsledger.cli.main", "serve",
                                      str(self.ledger), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     text=True)
        wait_for(self.port, self.proc)
        web = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60)
        login = web.get("/login").text
        done = web.post("/login", data={"name": "ana", "password": PASSWORDS["ana"],
                                        "csrf": _csrf(login), "next": "/", "code": ""})
        assert done.status_code == 303, done.text
        return web

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)


def _csrf(text: str) -> str:
    return text.split('name="csrf" value="')[1].split('"')[0]


@pytest.fixture
def killable(served_ledger: Path) -> Iterator[_Server]:
    running = _Server(served_ledger)
    try:
        yield running
    finally:
        running.stop()


def test_a_build_killed_mid_way_is_named_cut_at_the_next_start_with_nothing_half_written(
        killable: _Server) -> None:
    web = killable.start()
    asked = web.post("/reports", data={"csrf": _csrf(web.get("/reports").text),
                                       **REPORT, "format": "pdf"})
    assert asked.status_code == 303, asked.text[:300]
    job = asked.headers["location"].rsplit("/", 1)[1]
    publications = killable.ledger / jobs.FOLDER
    for _ in range(3000):  # until the build has begun writing beside its target
        if list(publications.glob(f".{job}.partial-*")):
            break
        time.sleep(0.005)
    else:
        raise AssertionError("the build did not start writing in 15 s")
    killable.stop(signal.SIGKILL)
    assert not (publications / job / manifest.NAME).exists(), "the kill must land mid-build"
    assert list(publications.glob(f".{job}.partial-*")), "a kill leaves the partial folder"

    web = killable.start()
    shown = web.get(f"/reports/{job}").text
    assert "http-equiv=\"refresh\"" not in shown
    line = re.search(r'<p id="note" class="error" role="status">([^<]*)</p>', shown)
    assert line and line.group(1) == ("cut: the server stopped before the report was signed; "
                                      "nothing was published: build it again"), shown[:1500]
    assert list(publications.iterdir()) == []  # the partial folder is gone
    assert web.get(f"/reports/{job}/zip").status_code == 409


# -- in a real browser ------------------------------------------------------------------------
def test_in_the_browser_an_analyst_builds_a_report_and_downloads_the_zip(
        server: str, page: object, tmp_path: Path) -> None:  # noqa: F811 - fixtures
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in_page(page, f"{server}/login")
    page.locator("#dashboard-reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports and exports")
    page.get_by_role("navigation").get_by_role("link", name="Reports").click()
    page.locator("#report-title").fill("A hundred days")
    page.locator("#report-from").fill("2022-12-12")
    page.locator("#report-to").fill("2023-03-21")
    page.screenshot(path=str(SHOTS / "20-reports.png"), full_page=True)
    page.get_by_role("button", name="Build the report").click()
    expect(page.locator("#state")).to_have_text("finished", timeout=120_000)
    expect(page.locator("#note")).to_contain_text("signed: manifest sha256")
    page.screenshot(path=str(SHOTS / "21-report-job.png"), full_page=True)
    with page.expect_download() as fetched:
        page.locator("#download").click()
    saved = tmp_path / fetched.value.suggested_filename
    fetched.value.save_as(saved)
    assert saved.name.startswith("report-") and saved.suffix == ".zip"
    with zipfile.ZipFile(saved) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    listed = dict(reversed(line.split("  ", 1))
                  for line in contents["SHA256SUMS"].decode("utf-8").splitlines())
    assert {"report.html", "report.pdf", "manifest.json"} <= set(listed)
    assert sorted(listed) == sorted(set(contents) - {"SHA256SUMS", "SHA256SUMS.sig",
                                                     "SHA256SUMS.sshsig"})
    for name, digest in listed.items():
        assert hashlib.sha256(contents[name]).hexdigest() == digest, name
    assert contents["report.pdf"].startswith(b"%PDF")
