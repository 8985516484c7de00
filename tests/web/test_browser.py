"""A real browser (Debian's chromium, driven by Playwright) against `rightsledger serve`:
sign in, read the dashboard's day counter, review an incident from the queue."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import FIXER_NAME, PASSWORDS, code_of, free_port, sign_in_page, wait_for

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def server(served_ledger: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rightsledger.cli.main", "serve",
                             str(served_ledger), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(port, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[object]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make system-deps` installs Debian's chromium",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


def test_an_analyst_signs_in_reads_the_counter_and_accepts_from_the_queue(
        server: str, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{server}/?on=2023-03-21")
    expect(page).to_have_url(f"{server}/login?next=/")
    page.get_by_label("Name").fill("ana")
    page.get_by_label("Password").fill(PASSWORDS["ana"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server}/?on=2023-03-21")
    expect(page.locator(".counter")).to_contain_text("Lachin corridor")
    expect(page.locator(".counter .day")).to_have_text("day 100")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="#2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("blockade")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("accepted")
    expect(page.locator("table.small").last).to_contain_text("accept")
    page.screenshot(path=str(tmp_path / "incident.png"), full_page=True)
    assert (tmp_path / "incident.png").stat().st_size > 10_000


def test_the_map_draws_incidents_offline_with_popups(server: str, page: object,
                                                     tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{server}/login?next=/map")
    page.get_by_label("Name").fill("vic")
    page.get_by_label("Password").fill(PASSWORDS["vic"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#map-count")).to_have_text("1 incident location(s)", timeout=20_000)
    page.locator("path.incident").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_contain_text("#1 shelling — 2020-10-03")
    page.screenshot(path=str(tmp_path / "map.png"))
    page.goto(f"{server}/map?type=blockade")
    expect(page.locator("#map-count")).to_have_text("0 incident location(s)", timeout=20_000)


SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
UPLOADED = ("Shushi was shelled on 8 October 2020, the ombudsman said; the roof of the "
            "cathedral was hit twice.\n")


def test_the_whole_tour_upload_review_accept_map_search_sign_out(
        server: str, page: object, tmp_path: Path) -> None:
    """Log in, upload a document, find its candidate in the review queue, accept it, see
    it on the map and in search, log out; a screenshot of each page for people to look at."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    page.goto(f"{server}/login")
    shot("01-sign-in")
    page.get_by_label("Name").fill("ana")
    page.get_by_label("Password").fill(PASSWORDS["ana"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard")
    shot("02-dashboard")
    document = tmp_path / "shushi-cathedral.txt"
    document.write_text(UPLOADED, "utf-8")
    page.get_by_role("link", name="Upload").click()
    page.locator("#files").set_input_files(str(document))
    shot("03-upload")
    page.get_by_role("button", name="Ingest").click()
    expect(page.locator("#progress")).to_contain_text("1 new", timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("finished", timeout=30_000)
    shot("04-upload-finished")
    page.get_by_role("link", name="Go to the review queue").click()
    row = page.locator("tr", has_text="Shusha")
    expect(row).to_contain_text("proposed")
    shot("05-review-queue")
    row.get_by_role("link").first.click()
    expect(page.locator("blockquote")).to_contain_text("cathedral was hit twice")
    shot("06-incident-proposed")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("accepted")
    shot("07-incident-accepted")
    page.get_by_role("link", name="Map").click()
    expect(page.locator("#map-count")).to_have_text("2 incident location(s)", timeout=20_000)
    shot("08-map")
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Words").fill("cathedral")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".snippet mark")).to_have_text("cathedral")
    shot("09-search")
    page.get_by_role("link", name="Timeline").click()
    shot("10-timeline")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server}/login")
    page.goto(f"{server}/incidents")
    expect(page).to_have_url(f"{server}/login?next=/incidents")
    assert len(list(SHOTS.glob("*.png"))) >= 10


def test_the_photo_bank_and_contacts_pages(server: str, page: object, tmp_path: Path) -> None:
    """An admin adds a portrait through the photo bank's form (faces blurred), checks and
    confirms its public copy, records consent, then opens a fixer's details (audited); a
    viewer gets no way to see them. Screenshots for people to look at."""
    from playwright.sync_api import Page, expect

    from tests.media import images

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def sign_in(name: str) -> None:
        page.goto(f"{server}/login")
        page.get_by_label("Name").fill(name)
        page.get_by_label("Password").fill(PASSWORDS[name])
        page.get_by_label("Code").fill(code_of(name))
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard")

    sign_in("admin")
    page.get_by_role("link", name="Photos").click()
    expect(page.locator(".photo-card")).to_have_count(2)
    loaded = page.locator(".photo-card img").first.evaluate(  # once it has loaded or failed
        "img => img.complete ? img.naturalWidth : new Promise(done => {"
        " img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); })")
    assert loaded > 0  # the public copy is served and decodes
    portrait = images.portrait()
    face = tmp_path / "portrait.jpg"
    face.write_bytes(images.photo(base=portrait, size=portrait.size))
    page.locator("#add-photo input[name=file]").set_input_files(str(face))
    page.locator("#add-photo input[name=photographer]").fill("Browser Test")
    page.get_by_role("button", name="Add to the photo bank").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Photo #3")
    expect(page.locator("figcaption")).to_contain_text("1 face(s) blurred")
    expect(page.locator("table.small")).to_contain_text("public copy not confirmed yet")
    shot("11-photo-before-check")
    page.get_by_role("button", name="I checked the public copy").click()
    page.get_by_label("Person (encrypted)").fill("A person in the photo")
    page.locator("#add-consent input[value=web]").check()
    page.get_by_role("button", name="Record consent").click()
    expect(page.locator("table.small")).to_contain_text("allowed")
    shot("12-photo-published")
    page.get_by_role("link", name="Photos").click()
    expect(page.locator(".photo-card")).to_have_count(3)
    shot("13-photo-bank")
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="C-").first.click()
    expect(page.locator("body")).not_to_contain_text(FIXER_NAME)
    page.get_by_role("button", name="Show name and how to reach them (logged)").click()
    expect(page.locator("#contact-name")).to_have_text(FIXER_NAME)
    expect(page.locator("body")).to_contain_text("Who has seen the details")
    shot("14-contact-shown")
    page.get_by_role("button", name="Sign out").click()
    sign_in("vic")
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="C-").first.click()
    expect(page.locator("#reveal")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("shown only to the roles given access")
    expect(page.locator("body")).not_to_contain_text(FIXER_NAME)


def test_a_scanned_reply_uploaded_in_the_browser_reads_as_machine_read(
        server: str, page: object, tmp_path: Path) -> None:
    """An analyst uploads the scan of a ministry's reply as a reply to an inquiry; its
    source page shows the OCR text under a "Machine-read" note with the confidence."""
    from playwright.sync_api import Page, expect

    from tests import scans

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    scan = tmp_path / "reply-14-2207.pdf"
    scan.write_bytes(scans.scanned_pdf([scans.page(scans.LETTERS["eng"], seed=31)]))
    sign_in_page(page, f"{server}/login")
    page.get_by_role("link", name="Upload").click()
    page.locator("#files").set_input_files(str(scan))
    page.locator("#kind").select_option("inquiry_reply")
    page.get_by_role("button", name="Ingest").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("finished", timeout=60_000)
    page.get_by_role("navigation").get_by_role("link", name="Sources").click()
    page.locator("tr", has_text="inquiry_reply").get_by_role("link").first.click()
    note = page.locator("#machine-read")
    expect(note).to_contain_text("Machine-read.")
    expect(note).to_contain_text("mean confidence")
    expect(page.locator("article.text")).to_contain_text("wounded by shelling")
    page.screenshot(path=str(SHOTS / "14-source-machine-read.png"), full_page=True)


def test_a_link_captured_in_the_browser_shows_its_capture(server: str, page: object) -> None:
    """An analyst captures a page with the upload page's form; the source page shows the
    address asked and seen, the redirect, and the screenshot served from our origin."""
    from playwright.sync_api import Page, expect

    from tests.pages import serve

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in_page(page, f"{server}/login")
    page.get_by_role("link", name="Upload").click()
    with serve() as site:
        page.locator("#capture-url").fill(f"{site}/old-address")
        page.get_by_role("button", name="Capture").click()
        section = page.locator("#capture")
        expect(section).to_contain_text(f"{site}/article.html", timeout=60_000)
    expect(section).to_contain_text("301")
    shot = section.locator("img")
    loaded = shot.evaluate("img => img.complete ? img.naturalWidth : new Promise(done => {"
                           " img.onload = () => done(img.naturalWidth);"
                           " img.onerror = () => done(0); })")
    assert loaded > 0  # the screenshot is served from the WACZ and decodes
    page.screenshot(path=str(SHOTS / "15-source-captured.png"), full_page=True)
