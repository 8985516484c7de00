"""The photo bank on both engines: originals kept as evidence, public copies without EXIF or
GPS (read back), faces blurred, EXIF checked against the incident, near-identical grouping."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from rightsledger.errors import BadInput, NotFound
from rightsledger.evidence.objects import sha256_bytes
from rightsledger.ledger import Ledger
from rightsledger.media import photos, pictures
from rightsledger.records import incidents
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify
from tests.media import images


def _incident(ledger: Ledger) -> int:
    with ledger.store.writing() as conn:
        return incidents.create(conn, {"type": "shelling", "date_start": "2023-01-19",
                                       "date_end": "2023-01-20", "places": ["Stepanakert"]},
                                "test")


def test_the_original_is_evidence_and_the_public_copy_has_no_exif_or_gps(
        ledger: Ledger, tmp_path: Path) -> None:
    original = images.photo(size=(2400, 1800))
    photo_id = photos.add(ledger, images.write(tmp_path, "a.jpg", original),
                          {"photographer": "Demo Photographer", "credit": "RL demo",
                           "licence": "CC-BY-4.0"}, "tester")
    with ledger.store.reading() as conn:
        shown = photos.get(conn, photo_id)
    assert shown["source_id"] == sha256_bytes(original)
    assert ledger.objects.read(shown["source_id"]) == original  # untouched
    assert shown["captured_at"] == "2023-01-20T10:15:00" and shown["camera"] == "TestCam T-100"
    assert shown["lat"] == pytest.approx(images.STEPANAKERT[0], abs=1e-3)
    public = photos.public_copy(ledger, photo_id)
    with Image.open(io.BytesIO(public)) as img:
        assert max(img.size) == pictures.MAX_SIDE
        assert not img.getexif() and not img.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(img.info)
    assert b"Exif" not in public and b"TestCam" not in public
    entries = [e for e in ledger.store.custody() if e.action == "derive"]
    assert [e.object for e in entries] == [sha256_bytes(public)]
    assert entries[0].details["parent"] == shown["source_id"]
    report = verify(ledger)
    assert report.ok and report.unreferenced == [], report.problems


def test_a_deleted_public_copy_is_reported_by_verify(ledger: Ledger, tmp_path: Path) -> None:
    photo_id = photos.add(ledger, images.write(tmp_path, "a.jpg", images.photo()), {}, "t")
    with ledger.store.reading() as conn:
        sha = photos.get(conn, photo_id)["public_sha"]
    ledger.objects.path(sha).chmod(0o600)
    ledger.objects.path(sha).unlink()
    assert any(sha in p and "derivative" in p for p in verify(ledger).problems)


def test_faces_are_blurred_in_the_public_copy(ledger: Ledger, tmp_path: Path) -> None:
    portrait = images.portrait()
    data = images.photo(base=portrait, size=portrait.size)
    photo_id = photos.add(ledger, images.write(tmp_path, "p.jpg", data), {}, "t",
                          blur_faces=True)
    with ledger.store.reading() as conn:
        shown = photos.get(conn, photo_id)
    assert shown["faces_found"] == 1 and shown["faces_blurred"] == 1
    (x, y, w, h), = pictures.detect_faces(portrait)
    with Image.open(io.BytesIO(photos.public_copy(ledger, photo_id))) as img:
        copy = img.convert("L")
        assert pictures.detect_faces(img.convert("RGB")) == ()
    face = copy.crop((x + w // 4, y + h // 4, x + 3 * w // 4, y + 3 * h // 4))
    before = portrait.convert("L").crop((x + w // 4, y + h // 4, x + 3 * w // 4, y + 3 * h // 4))
    assert _detail(face) < _detail(before) / 4  # the features are gone
    assert shown["web"] == "public copy not confirmed yet"


def _detail(img: Image.Image) -> float:
    """Mean absolute difference of neighbouring pixels: high for features, low for blur."""
    px = img.tobytes()
    w = img.width
    diffs = [abs(px[i] - px[i + 1]) for i in range(len(px) - 1) if (i + 1) % w]
    return sum(diffs) / len(diffs)


def test_exif_is_checked_against_the_incident(ledger: Ledger, tmp_path: Path) -> None:
    incident = _incident(ledger)
    here = photos.add(ledger, images.write(tmp_path, "a.jpg", images.photo()),
                      {"incident_id": incident}, "t")
    far = photos.add(ledger, images.write(tmp_path, "b.jpg", images.photo(
        images.TBILISI, "2022:01:15 09:00:00", shade=40)), {"incident_id": incident}, "t")
    with ledger.store.reading() as conn:
        assert photos.get(conn, here)["flags"] == []
        flags = photos.get(conn, far)["flags"]
    assert any("km from Stepanakert" in f for f in flags)
    assert any("369 days before the incident began" in f for f in flags)


def test_near_identical_photos_are_grouped_and_browsed(ledger: Ledger, tmp_path: Path) -> None:
    incident = _incident(ledger)
    first = images.photo(size=(1200, 900))
    smaller = images.photo(size=(900, 675), when="2023:01:20 10:16:00")
    other = images.photo(base=images.portrait(), size=(600, 700), when="2023:01:25 12:00:00")
    ids = [photos.add(ledger, images.write(tmp_path, n, d),
                      {"photographer": who, "incident_id": incident, "place": "Stepanakert"},
                      "t")
           for n, d, who in (("a.jpg", first, "A"), ("b.jpg", smaller, "B"),
                             ("c.jpg", other, "A"))]
    with ledger.store.reading() as conn:
        assert photos.near_identical(conn) == [ids[:2]]
        assert [p["id"] for p in photos.find(conn, photographer="A")] == [ids[2], ids[0]]
        assert {p["id"] for p in photos.find(conn, place="Stepanakert")} == set(ids)
        assert [p["id"] for p in photos.find(conn, incident_id=incident,
                                             date_from="2023-01-20", date_to="2023-01-20")
                ] == [ids[1], ids[0]]
        assert photos.photographers(conn) == ["A", "B"]


def test_bad_images_and_repeats_are_refused_whole(ledger: Ledger, tmp_path: Path) -> None:
    good = images.write(tmp_path, "a.jpg", images.photo())
    photos.add(ledger, good, {}, "t")
    with pytest.raises(BadInput, match="already in the photo bank as photo 1"):
        photos.add(ledger, good, {}, "t")
    broken = images.write(tmp_path, "broken.jpg", images.photo()[:2000])
    with pytest.raises(BadInput, match="broken.jpg"):
        photos.add(ledger, broken, {}, "t")
    text = images.write(tmp_path, "note.txt", b"Gas was cut on 17 January 2023.")
    with pytest.raises(BadInput, match="not a photo"):
        photos.add(ledger, text, {}, "t")
    with pytest.raises(BadInput, match="unknown photo field"):
        photos.add(ledger, images.write(tmp_path, "c.jpg", images.photo(shade=20)),
                   {"colour": "red"}, "t")
    with ledger.store.reading() as conn:
        assert [p["id"] for p in photos.find(conn)] == [1]


def test_a_video_is_kept_as_evidence_checked_but_never_published(ledger: Ledger,
                                                                 tmp_path: Path) -> None:
    incident = _incident(ledger)
    data = images.video(images.TBILISI, "2023-01-20T09:30:00", seconds=42)
    photo_id = photos.add(ledger, images.write(tmp_path, "clip.mp4", data),
                          {"incident_id": incident, "photographer": "Resident"}, "t")
    source = ledger.store.get_source(sha256_bytes(data))
    assert source.kind == "video" and source.media_type == "video/mp4"
    assert source.meta["duration_s"] == 42.0
    with ledger.store.reading() as conn:
        shown = photos.get(conn, photo_id)
    assert shown["captured_at"] == "2023-01-20T09:30:00" and shown["public_sha"] is None
    assert any("km from Stepanakert" in f for f in shown["flags"])
    assert shown["web"] == "a video: never published by this version"
    with ledger.store.writing() as conn, pytest.raises(BadInput, match="is a video"):
        photos.confirm(conn, photo_id, "t")
    with pytest.raises(NotFound, match="is a video"):
        photos.public_copy(ledger, photo_id)
    assert verify(ledger).ok


def test_a_photo_add_cut_short_after_the_ingest_completes_when_run_again(
        ledger: Ledger, tmp_path: Path) -> None:
    """A crash between storing the original and writing the bank's row leaves the original
    as evidence; running the same command again finds it and finishes."""
    path = images.write(tmp_path, "a.jpg", images.photo())
    ingest(ledger, [path], {"kind": "photo"}, extract=False)  # as far as the crash got
    photo_id = photos.add(ledger, path, {"photographer": "P"}, "t")
    with ledger.store.reading() as conn:
        assert [p["id"] for p in photos.find(conn)] == [photo_id]
    assert len(ledger.store.list_sources()) == 1 and verify(ledger).ok
