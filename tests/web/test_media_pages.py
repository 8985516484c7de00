"""The photo bank, stories, contacts and trips in the web application, on both engines:
what each role sees, consent withdrawal taking a photo off the public pages, contact details
shown only to the roles given access and every showing audited."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from PIL import Image

from rightsledger.records import audit
from rightsledger.web.app import create_app
from tests.media import images
from tests.web.conftest import FIXER_NAME, FIXER_PHONE, SECRET_NAME, csrf_of, sign_in


def _as(client: TestClient, name: str) -> None:
    client.cookies.clear()
    sign_in(client, name)


def _public(client: TestClient) -> TestClient:
    return TestClient(create_app(client.app.state.ledger.path, public=True))  # type: ignore


def test_the_public_sees_consented_photos_only_and_withdrawal_removes_them(
        client: TestClient) -> None:
    with _public(client) as public:
        gallery = public.get("/photos").text
        assert 'href="/photos/1"' in gallery and 'href="/photos/2"' not in gallery
        assert public.get("/photos/2").status_code == 404
        assert public.get("/photos/2/copy.jpg").status_code == 404
        copy = public.get("/photos/1/copy.jpg")
        assert copy.headers["x-content-type-options"] == "nosniff"
        with Image.open(io.BytesIO(copy.content)) as img:
            assert not img.getexif()
        assert "EXIF GPS" not in public.get("/photos/1").text
        assert "P. One" not in public.get("/photos/1").text + gallery  # the credit instead
        assert "RL test" in public.get("/photos/1").text
        assert [p["id"] for p in public.get("/api/photos").json()] == [1]
        assert public.get("/api/photos").json()[0]["copy"] == "/photos/1/copy.jpg"
        assert [s["title"] for s in public.get("/api/stories").json()] == [
            "A night in the shelter"]
        incident = public.get("/incidents/1").text
        assert "/photos/1/copy.jpg" in incident and "A night in the shelter" in incident
    _as(client, "ana")
    client.post("/consents/1/withdraw", data={"reason": "asked by phone",
                                              "csrf": csrf_of(client, "/photos/1")})
    with _public(client) as public:
        assert 'href="/photos/1"' not in public.get("/photos").text
        assert public.get("/photos/1").status_code == 404
        assert public.get("/photos/1/copy.jpg").status_code == 404
        assert "/photos/1/copy.jpg" not in public.get("/incidents/1").text
        assert public.get("/api/photos").json() == []
    page = client.get("/photos/1").text
    assert "withdrawn on" in page and "asked by phone" in page
    with client.app.state.ledger.store.reading() as conn:  # type: ignore[attr-defined]
        assert [e.actor for e in audit.entries(conn, "photo", 1)
                if e.action == "unpublish"] == ["ana"]


def test_a_viewer_cannot_see_contact_details_and_an_admins_view_is_audited(
        client: TestClient) -> None:
    _as(client, "vic")
    page = client.get("/contacts/1").text
    assert "Syunik" in page and FIXER_NAME not in page and 'id="reveal"' not in page
    denied = client.post("/contacts/1/reveal", data={"csrf": csrf_of(client, "/contacts/1")})
    assert denied.status_code == 403 and FIXER_NAME not in denied.text
    _as(client, "ana")  # analysts neither, under the default contact_details_role
    assert client.post("/contacts/1/reveal",
                       data={"csrf": csrf_of(client, "/contacts/1")}).status_code == 403
    _as(client, "admin")
    assert FIXER_NAME not in client.get("/contacts/1").text  # only on request
    shown = client.post("/contacts/1/reveal", data={"csrf": csrf_of(client, "/contacts/1")})
    assert FIXER_NAME in shown.text and FIXER_PHONE in shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert client.post("/contacts/1/reveal", data={"csrf": "forged"}).status_code == 403
    with client.app.state.ledger.store.reading() as conn:  # type: ignore[attr-defined]
        reveals = [e for e in audit.entries(conn, "contact", 1) if e.action == "reveal"]
    assert [e.actor for e in reveals] == ["admin"]
    assert FIXER_NAME not in client.get("/engagements/1").text  # participants by code


def test_an_analyst_adds_a_photo_confirms_it_and_records_consent(client: TestClient) -> None:
    _as(client, "ana")
    csrf = csrf_of(client, "/photos")
    far = images.photo(images.TBILISI, "2019:10:03 12:00:00", shade=30)
    added = client.post("/photos", data={"csrf": csrf, "incident": "1", "photographer": "Q",
                                         "blur_faces": "1"},
                        files={"file": ("far.jpg", far, "image/jpeg")}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/photos/3"
    page = client.get("/photos/3").text
    assert "km from Stepanakert" in page and "days before the incident began" in page
    assert "TestCam T-100" in page  # EXIF for analysts
    client.post("/photos/3/confirm", data={"csrf": csrf, "version": 1})
    recorded = client.post("/consents", data={"csrf": csrf, "item_kind": "photo",
                                              "item_id": 3, "person": "Someone",
                                              "scopes": ["web", "press"]})
    assert recorded.status_code == 200, recorded.text  # after the redirect to the photo
    assert "<th>web</th><td>allowed</td>" in client.get("/photos/3").text.replace("\n", "")
    moved = client.post("/photos/3/edit", data={"csrf": csrf, "version": 2, "incident": "",
                                                "place": "Tbilisi", "caption": "Tbilisi"})
    assert moved.status_code == 200 and "km from" not in moved.text  # checks made again
    stale = client.post("/photos/3/edit", data={"csrf": csrf, "version": 2})
    assert stale.status_code == 409 and "was changed by ana" in stale.text
    broken = client.post("/photos", data={"csrf": csrf},
                         files={"file": ("cut.jpg", far[:3000], "image/jpeg")})
    assert broken.status_code == 400 and "cut.jpg" in broken.text
    assert "Traceback" not in broken.text
    assert 'href="/photos/4"' not in client.get("/photos").text
    _as(client, "vic")
    assert "TestCam" not in client.get("/photos/3").text  # viewers: no EXIF


def test_a_story_with_a_planted_name_warns_the_analyst_and_shows_pseudonyms_to_others(
        client: TestClient) -> None:
    _as(client, "ana")
    csrf = csrf_of(client, "/stories")
    done = client.post("/stories", data={"csrf": csrf, "title": "The queue",
                                         "body": f"{SECRET_NAME} waited for bread all night.",
                                         "incident_ids": "1", "victim_ids": "1"},
                       follow_redirects=False)
    assert done.headers["location"] == "/stories/2"
    page = client.get("/stories/2").text
    assert "still holds what identifies a victim" in page and "the real name of V-" in page
    _as(client, "vic")
    seen = client.get("/stories/2").text + client.get("/stories").text
    assert SECRET_NAME not in seen and "V-" in seen
    with _public(client) as public:
        assert public.get("/stories/2").status_code == 404  # no consent recorded
        listed = public.get("/stories").text
        assert "A night in the shelter" in listed and "The queue" not in listed


def test_a_press_trip_is_recorded_with_coverage(client: TestClient) -> None:
    _as(client, "ana")
    csrf = csrf_of(client, "/engagements")
    source = client.app.state.ledger.store.list_sources(limit=1)[0].id  # type: ignore
    done = client.post("/engagements", data={
        "csrf": csrf, "kind": "conference", "title": "Briefing in Yerevan",
        "start": "2023-03-21", "places": "Yerevan", "participants": "1\nA. Reporter (Wire)",
        "materials": "report:100 days of blockade"}, follow_redirects=False)
    assert done.headers["location"] == "/engagements/2"
    client.post("/engagements/2/coverage", data={"csrf": csrf, "sources": source[:12]})
    page = client.get("/engagements/2").text
    assert "Yerevan" in page and "A. Reporter (Wire)" in page and f"/sources/{source}" in page
    assert "Briefing in Yerevan" in client.get("/engagements").text
    bad = client.post("/engagements", data={"csrf": csrf, "kind": "party", "title": "x",
                                            "start": "2023-03-21"})
    assert bad.status_code == 400 and "kind" in bad.text


def test_a_video_in_the_photo_bank_is_shown_as_evidence_only(client: TestClient) -> None:
    _as(client, "ana")
    csrf = csrf_of(client, "/photos")
    added = client.post("/photos", data={"csrf": csrf, "incident": "1"},
                        files={"file": ("clip.mp4", images.video(), "video/mp4")},
                        follow_redirects=False)
    assert added.headers["location"] == "/photos/3"
    page = client.get("/photos/3").text
    assert "never published" in page and "I checked the public copy" not in page
    assert client.get("/photos/3/copy.jpg").status_code == 404
    assert "kept as evidence, not published" in client.get("/photos").text
