"""An upload's title, publication date and kind, and their correction on the source html
(issue 18, points 2 and 6): over HTTP on both engines, then in a real browser.

What a person gives wins over what the text says of itself, dates such as "yesterday" are
resolved against the date given, each value is audited; a bad value is a 400 naming the
field, a correction read at an old version a 409; a corrected date offers re-extraction.
The source html lists the incidents found in it, the incident html links to its sources,
the finished upload to its sources and the queue."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rightsledger.records import audit
from rightsledger.web.app import create_app
from tests.web.conftest import csrf_of, sign_in, sign_in_page
from tests.web.test_browser import SHOTS, page, server  # noqa: F401  (the fixtures)

# A headline and a date line of its own (9 October), and a relative date in the body.
ARTICLE = ("Cathedral of Shushi hit by shelling\n\n"
           "By A. Writer | Friday, 9 October 2020\n\n"
           "Shushi was shelled yesterday, the ombudsman of the republic said; the roof of the "
           "cathedral was hit twice.\n")
GIVEN = {"title": "Ghazanchetsots cathedral struck", "published": "2020-10-20",
         "kind": "press_release"}


def _upload(client: TestClient, fields: dict[str, str], text: str = ARTICLE,
            name: str = "cathedral.txt") -> Any:
    csrf = csrf_of(client, "/upload")
    return client.post("/upload", data={"csrf": csrf, **fields},
                       files=[("files", (name, text.encode(), "text/plain"))],
                       follow_redirects=False)


def _finished(client: TestClient, location: str) -> str:
    for _ in range(300):
        html = client.get(location).text
        if "finished" in html.split("</h1>")[0]:
            return html
        time.sleep(0.1)
    raise AssertionError("the upload did not finish in 30 s")


def _uploaded_source(client: TestClient, fields: dict[str, str]) -> tuple[str, str]:
    """Upload ARTICLE with ``fields``; the finished html and the new source's id."""
    sent = _upload(client, fields)
    assert sent.status_code == 303, sent.text
    html = _finished(client, sent.headers["location"])
    ids = re.findall(r'href="/sources/([0-9a-f]{64})"', html)
    assert len(ids) == 1, html
    return html, ids[0]


def _entries(client: TestClient, source_id: str) -> list[audit.AuditEntry]:
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    with ledger.store.reading() as conn:
        return list(audit.entries(conn, "source", source_id))


def _dates_marked(html: str) -> list[str]:
    return re.findall(r'<mark class="m-dates" title="date: ([0-9-]+)">', html)


def _version(html: str) -> str:
    return html.split('name="version" value="')[1].split('"')[0]


def test_the_form_gives_title_date_and_kind_over_the_text_and_audits_them(
        client: TestClient) -> None:
    sign_in(client, "ana")
    form = client.get("/upload").text
    for field in ("title", "published", "kind", "publisher", "author", "language"):
        assert f'name="{field}"' in form
    assert '<option value="press_release">Press release</option>' in form
    finished, source_id = _uploaded_source(client, GIVEN)
    assert "Go to the review queue" in finished and GIVEN["title"] in finished
    source = client.app.state.ledger.store.get_source(source_id)  # type: ignore[attr-defined]
    assert (source.title, source.published, source.kind) == (
        GIVEN["title"], "2020-10-20", "press_release")  # not the headline, not 9 October
    html = client.get(f"/sources/{source_id}").text
    assert _dates_marked(html) == ["2020-10-19"]  # "yesterday" of the date given
    given = [e for e in _entries(client, source_id) if e.action == "describe"]
    assert [(e.actor, e.after) for e in given] == [("ana", GIVEN)]


def test_without_fields_the_text_says_its_own_title_and_date(client: TestClient) -> None:
    sign_in(client, "ana")
    _, source_id = _uploaded_source(client, {"kind": "article"})
    html = client.get(f"/sources/{source_id}").text
    assert "<h1>Cathedral of Shushi hit by shelling</h1>" in html
    assert _dates_marked(html) == ["2020-10-08"]


@pytest.mark.parametrize(("fields", "named"), [
    ({"published": "2023-02-30"}, "published: '2023-02-30' is not a date"),
    ({"published": "banana"}, "published: 'banana' is not a date"),
    ({"published": "2999-01-01"}, "published: 2999-01-01 is after today"),
    ({"kind": "rumour"}, "kind: unknown source kind 'rumour'"),
    ({"language": "english"}, "language: 'english' is not a language code"),
    ({"title": "x" * 501}, "title: 501 characters, over 500"),
])
def test_a_bad_field_is_refused_naming_it_and_nothing_is_uploaded(
        client: TestClient, fields: dict[str, str], named: str) -> None:
    sign_in(client, "ana")
    before = client.app.state.ledger.store.count_sources()  # type: ignore[attr-defined]
    sent = _upload(client, {"kind": "article", **fields})
    assert sent.status_code == 400
    assert named in sent.text.replace("&#39;", "'")
    assert client.app.state.ledger.store.count_sources() == before  # type: ignore[attr-defined]
    assert "Your recent uploads" not in client.get("/upload").text  # no job was made


def test_a_correction_is_audited_and_an_old_version_is_refused(client: TestClient) -> None:
    sign_in(client, "ana")
    _, source_id = _uploaded_source(client, GIVEN)
    html = client.get(f"/sources/{source_id}").text
    csrf, read = csrf_of(client, f"/sources/{source_id}"), _version(html)
    fix = {"csrf": csrf, "version": read, "title": "Cathedral struck twice",
           "published": "2020-10-20", "kind": "statement"}
    done = client.post(f"/sources/{source_id}/edit", data=fix, follow_redirects=False)
    assert done.status_code == 303
    source = client.app.state.ledger.store.get_source(source_id)  # type: ignore[attr-defined]
    assert (source.title, source.kind) == ("Cathedral struck twice", "statement")
    edits = [e for e in _entries(client, source_id) if e.action == "edit"]
    assert [(e.actor, e.before, e.after) for e in edits] == [
        ("ana", {"title": GIVEN["title"], "kind": "press_release"},
         {"title": "Cathedral struck twice", "kind": "statement"})]
    stale = client.post(f"/sources/{source_id}/edit", data={**fix, "title": "Other"},
                        follow_redirects=False)
    assert stale.status_code == 409
    assert "you read version 1" in stale.text and "by ana" in stale.text
    assert client.app.state.ledger.store.get_source(  # type: ignore[attr-defined]
        source_id).title == "Cathedral struck twice"
    bad = client.post(f"/sources/{source_id}/edit", data={
        **fix, "version": str(int(read) + 1), "published": "2020-02-31"})
    assert bad.status_code == 400 and "published: &#39;2020-02-31&#39; is not a date" in bad.text


def test_a_corrected_date_offers_extraction_again_against_it(client: TestClient) -> None:
    sign_in(client, "ana")
    _, source_id = _uploaded_source(client, GIVEN)
    html = client.get(f"/sources/{source_id}").text
    assert "stale-dates" not in html
    client.post(f"/sources/{source_id}/edit", data={
        "csrf": csrf_of(client, f"/sources/{source_id}"), "version": _version(html),
        "title": GIVEN["title"], "published": "2020-11-02", "kind": "press_release"})
    html = client.get(f"/sources/{source_id}").text
    assert "corrected from 2020-10-20 to 2020-11-02" in html
    assert _dates_marked(html) == ["2020-10-19"]  # still the old date's yesterday
    again = client.post(f"/sources/{source_id}/reextract",
                        data={"csrf": csrf_of(client, f"/sources/{source_id}")},
                        follow_redirects=False)
    assert again.status_code == 303
    html = client.get(f"/sources/{source_id}").text
    assert _dates_marked(html) == ["2020-11-01"] and "stale-dates" not in html
    assert [e.after for e in _entries(client, source_id) if e.action == "re-extract"] == [
        {"published": "2020-11-02"}]


def test_a_viewer_cannot_correct_a_source(client: TestClient) -> None:
    sign_in(client, "ana")
    _, source_id = _uploaded_source(client, GIVEN)
    client.cookies.clear()  # signed out
    sign_in(client, "vic")
    html = client.get(f"/sources/{source_id}").text
    assert 'action="/sources/' not in html
    refused = client.post(f"/sources/{source_id}/edit", data={
        "csrf": "x", "version": "1", "title": "Mine", "kind": "other"}, follow_redirects=False)
    assert refused.status_code == 403


def test_sources_and_incidents_link_to_each_other_but_not_in_public(
        client: TestClient) -> None:
    sign_in(client, "ana")
    _, source_id = _uploaded_source(client, GIVEN)
    html = client.get(f"/sources/{source_id}").text
    found = html.split("Incidents found in this source")[1].split("</section>")[0]
    links = re.findall(r'href="/incidents/(\d+)"', found)
    assert links and "shelling" in found and "2020-10-19" in found
    incident = client.get(f"/incidents/{links[0]}").text
    assert f'href="/sources/{source_id}"' in incident
    version = incident.split('name="version" value="')[1].split('"')[0]
    client.post(f"/incidents/{links[0]}/decide", data={
        "csrf": csrf_of(client, f"/incidents/{links[0]}"), "action": "accept",
        "version": version})
    with TestClient(create_app(client.app.state.ledger.path,  # type: ignore[attr-defined]
                               public=True)) as public:
        shown = public.get(f"/incidents/{links[0]}").text
    assert source_id[:12] in shown  # the source is named, but its page is not public
    assert 'href="/sources/' not in shown


# -- in a real browser ------------------------------------------------------------------------
def test_upload_with_fields_correct_them_and_follow_the_links(
        server: str, page: object, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in_page(page, f"{server}/login")
    document = tmp_path / "cathedral.txt"
    document.write_text(ARTICLE, "utf-8")
    page.goto(f"{server}/upload")
    page.locator("#files").set_input_files(str(document))
    page.get_by_label("Kind").select_option("press_release")
    page.get_by_label("Title").fill(GIVEN["title"])
    page.get_by_label("Publication date").fill("2020-10-20")
    page.screenshot(path=str(SHOTS / "upload-with-fields.png"), full_page=True)
    page.get_by_role("button", name="Ingest").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("finished", timeout=30_000)
    expect(page.get_by_role("link", name="Go to the review queue")).to_be_visible()
    page.screenshot(path=str(SHOTS / "upload-finished-sources.png"), full_page=True)
    page.get_by_role("link", name=GIVEN["title"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GIVEN["title"])
    expect(page.locator("p.meta")).to_contain_text("press release")
    expect(page.locator("p.meta")).to_contain_text("2020-10-20")
    expect(page.locator("article.text mark.m-dates")).to_have_attribute("title", "date: 2020-10-19")
    page.get_by_text("Correct the title, publication date or kind").click()
    form = page.locator("#edit-source")
    form.get_by_label("Title").fill("Cathedral struck twice")
    form.get_by_label("Publication date").fill("2020-11-02")
    form.get_by_label("Kind").select_option("statement")
    form.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cathedral struck twice")
    expect(page.locator("p.meta")).to_contain_text("statement")
    expect(page.locator("#stale-dates")).to_contain_text("corrected from 2020-10-20")
    expect(page.locator("table.history")).to_contain_text("ana")
    page.screenshot(path=str(SHOTS / "source-corrected.png"), full_page=True)
    page.get_by_role("button", name="Extract again with the new date").click()
    expect(page.locator("#stale-dates")).to_have_count(0)
    expect(page.locator("article.text mark.m-dates")).to_have_attribute("title", "date: 2020-11-01")
    page.locator("ul.incidents-found a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("shelling")
    page.screenshot(path=str(SHOTS / "incident-source-links.png"), full_page=True)
    page.locator(".source a", has_text=re.compile("^[0-9a-f]{12}$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cathedral struck twice")
