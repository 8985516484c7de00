"""The photo bank: photos (and videos) ingested as evidence; each photo gets a public copy
made by our code.

The original goes in like any source (hashed, stored untouched, custody entry, EXIF read by
the image reader). The bank row adds the photographer, credit, licence, caption, the
incident and place it shows, the capture time, camera and GPS position from the EXIF, and a
perceptual hash for grouping near-identical photos. The public copy — pixels only, resized,
faces blurred on request — is a new object whose custody entry (``derive``) names the
original's hash. A photo appears in a public output only when a person confirmed its public
copy and its consent records cover that use (media.consent). A video is kept as evidence
with what its container says (time, duration, GPS) and checked against its incident like a
photo, but gets no public copy: its metadata cannot be stripped without re-encoding it,
which this version does not do, so a video is never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.gazetteer.places import Place
from rightsledger.gazetteer.resolve import distance_km
from rightsledger.ground import utc_now
from rightsledger.ledger import Ledger
from rightsledger.media import consent, pictures
from rightsledger.records import audit, incidents, places, rows
from rightsledger.workflow.ingest import ingest

FAR_KM = 50.0  # a photo's GPS farther than this from the incident's places is flagged
LATE_DAYS = 3  # ... and a capture time this many days outside the incident's dates
FIELDS = ("incident_id", "place", "photographer", "credit", "licence", "caption")
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi")


@dataclass(frozen=True)
class Added:
    path: Path
    photo_id: int | None  # None: refused, see message
    message: str = ""


def add(ledger: Ledger, path: Path, values: dict[str, Any], actor: str,
        blur_faces: bool = False) -> int:
    """Ingest the image at ``path`` as evidence and put it in the photo bank with its public
    copy; returns the photo's id. The same image twice is refused with the photo's id."""
    done = add_many(ledger, [path], values, actor, blur_faces)[0]
    if done.photo_id is None:
        raise BadInput(f"{path.name}: {done.message}")
    return done.photo_id


def add_many(ledger: Ledger, paths: list[Path], values: dict[str, Any], actor: str,
             blur_faces: bool = False) -> list[Added]:
    """Add several photos (or videos) with the same details: the originals are ingested
    together (one transaction per batch), then each gets its public copy and bank row. A
    file that cannot be read or is already in the bank is refused alone, with its reason."""
    results: dict[Path, Any] = {}
    for kind in ("photo", "video"):
        chosen = [p for p in paths if (p.suffix.lower() in VIDEO_SUFFIXES) == (kind == "video")]
        if chosen:
            ingest(ledger, chosen, {"kind": kind, "author": values.get("photographer") or ""},
                   on_result=lambda r: results.__setitem__(Path(r.path).resolve(), r),
                   extract=False)
    out = []
    for path in paths:
        result = results.get(path.resolve())
        if result is None or result.source_id is None:
            out.append(Added(path, None, result.message if result else "nothing was read"))
            continue
        try:
            out.append(Added(path, from_source(ledger, result.source_id, values, actor,
                                               blur_faces)))
        except BadInput as exc:
            out.append(Added(path, None, str(exc)))
    return out


def from_source(ledger: Ledger, ref: str, values: dict[str, Any], actor: str,
                blur_faces: bool = False) -> int:
    """Put an ingested image source into the photo bank."""
    source = ledger.store.get_source(ref)
    video = source.media_type.startswith("video/")
    if not (video or source.media_type.startswith("image/")):
        raise BadInput(f"source {source.short_id} is {source.media_type}, not a photo or video")
    copy = None if video else pictures.public_copy(ledger.objects.read(source.id), blur_faces)
    public_sha = ledger.objects.put(copy.data) if copy else None
    gps = source.meta.get("gps") or {}
    with ledger.store.writing() as conn:
        num = ledger.store.num_of(conn, source.id)
        t = schema.photos
        known = conn.execute(select(t.c.id).where(t.c.source_num == num)).scalar()
        if known is not None:
            raise BadInput(f"this file is already in the photo bank as photo {known}")
        row = {**_checked(conn, values), "source_num": num,
               "captured_at": source.meta.get("captured_at"),
               "camera": source.meta.get("camera") or None, "lat": gps.get("lat"),
               "lon": gps.get("lon"), "phash": copy.phash if copy else None,
               "public_sha": public_sha, "faces_found": copy.faces_found if copy else None,
               "faces_blurred": int(bool(copy and copy.boxes))}
        if not row["caption"]:
            row["caption"] = source.text.strip()
        photo_id = rows.insert(conn, t, row, actor)
        if copy and public_sha:
            ledger.record(conn, "derive", public_sha,
                          {"parent": source.id, "kind": "public_copy", "photo": photo_id,
                           "faces_blurred": len(copy.boxes)}, actor)
        audit.write(conn, actor, "create", "photo", photo_id, after=row)
    return photo_id


def _checked(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise BadInput(f"unknown photo field(s): {', '.join(sorted(unknown))}")
    incident_id = rows.record_id(values.get("incident_id"), "incident_id")
    if incident_id is not None:
        rows.fetch(conn, schema.incidents, incident_id, "incident")
    place = values.get("place")
    return {"incident_id": incident_id,
            "place_id": places.resolve(conn, place) if place else None,
            **{f: (str(values.get(f) or "").strip() or None)
               for f in ("photographer", "credit", "licence")},
            "caption": str(values.get("caption") or "").strip()}


def edit(conn: Connection, photo_id: int, values: dict[str, Any], actor: str,
         version: int | None = None) -> None:
    """Change what the bank says of a photo (incident, place, credits, caption); the fields
    not given keep their values."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise BadInput(f"unknown photo field(s): {', '.join(sorted(unknown))}")
    current = get_row(conn, photo_id)
    merged = {f: values.get(f, current.get(f)) for f in FIELDS if f != "place"}
    merged["place"] = values.get("place", current["place_id"])
    changes = _checked(conn, merged)
    before = rows.update_checked(conn, schema.photos, photo_id, changes, actor, version, "photo")
    audit.write(conn, actor, "update", "photo", photo_id,
                before={k: before[k] for k in changes}, after=changes)


def confirm(conn: Connection, photo_id: int, actor: str, version: int | None = None) -> None:
    """A person has looked at the public copy (faces blurred, nothing identifying left)."""
    row = get_row(conn, photo_id)
    if not row["public_sha"]:
        raise BadInput(f"photo {photo_id} is a video: it has no public copy to confirm, and "
                       "videos are not published by this version")
    if row["confirmed_at"]:
        raise BadInput(f"photo {photo_id}'s public copy was already confirmed by "
                       f"{row['confirmed_by']}")
    confirmed = {"confirmed_at": utc_now(), "confirmed_by": actor}
    rows.update_checked(conn, schema.photos, photo_id, confirmed, actor, version, "photo")
    audit.write(conn, actor, "confirm", "photo", photo_id,
                after={"public_sha": row["public_sha"], **confirmed})


def get_row(conn: Connection, photo_id: int) -> dict[str, Any]:
    return rows.fetch(conn, schema.photos, photo_id, "photo")


def get(conn: Connection, photo_id: int, on: date | None = None) -> dict[str, Any]:
    """One photo with its original's id, checks against its incident, place name, consent
    records (names encrypted) and whether it may be published on the web and in reports."""
    row = get_row(conn, photo_id)
    return _shaped(conn, [row], on or date.today())[0]


def find(conn: Connection, *, incident_id: int | None = None, place: str | None = None,
         photographer: str | None = None, date_from: str | None = None,
         date_to: str | None = None, only: set[int] | None = None,
         limit: int = 500, on: date | None = None) -> list[dict[str, Any]]:
    """Photos by incident, place, photographer and capture day range; newest first; whether
    each may be published is told for day ``on`` (today by default)."""
    t = schema.photos
    stmt = select(t)
    if incident_id is not None:
        stmt = stmt.where(t.c.incident_id == incident_id)
    if place:
        stmt = stmt.where(t.c.place_id == places.resolve(conn, place))
    if photographer:
        stmt = stmt.where(t.c.photographer == photographer)
    if date_from:
        stmt = stmt.where(t.c.captured_at >= date_from)
    if date_to:
        stmt = stmt.where(t.c.captured_at < date_to + "T99")
    if only is not None:
        stmt = stmt.where(t.c.id.in_(sorted(only)))
    stmt = stmt.order_by(t.c.captured_at.desc(), t.c.id.desc()).limit(limit)
    return _shaped(conn, [rows.decode(r) for r in conn.execute(stmt).mappings()],
                   on or date.today())


def published(conn: Connection, use: str, on: date | None = None,
              **filters: Any) -> list[dict[str, Any]]:
    """The photos a public output of ``use`` may show on ``on``: confirmed public copy and
    consent covering the use; ``filters`` as for ``find``."""
    day = on or date.today()
    allowed = consent.allowed_ids(conn, "photo", use, day)
    return [p for p in find(conn, only=allowed, on=day, **filters) if p["confirmed_at"]]


def visible(conn: Connection, public: bool, **filters: Any) -> list[dict[str, Any]]:
    """What a web visitor sees: everything for people signed in, the photos published on
    the web for the public."""
    return published(conn, "web", **filters) if public else find(conn, **filters)


def public_fields(photo: dict[str, Any]) -> dict[str, Any]:
    """What a public output says of a photo: the public copy, never the original or EXIF, and
    the credit line rather than the photographer's name (a local photographer may be at
    risk; the credit is what they chose to have printed)."""
    keep = ("id", "public_sha", "caption", "credit", "licence", "incident_id", "place_name")
    return {k: photo.get(k) for k in keep}


def photographers(conn: Connection) -> list[str]:
    t = schema.photos
    return [p for p in conn.execute(select(t.c.photographer).distinct()
                                    .order_by(t.c.photographer)).scalars() if p]


def near_identical(conn: Connection) -> list[list[int]]:
    """Groups of photos whose perceptual hashes are within pictures.SIMILAR_BITS."""
    t = schema.photos
    return pictures.groups(dict(conn.execute(select(t.c.id, t.c.phash)
                                             .where(t.c.phash.is_not(None))).all()))


def _shaped(conn: Connection, found: list[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    nums = [r["source_num"] for r in found]
    s = schema.sources
    ids = dict(conn.execute(select(s.c.num, s.c.id).where(s.c.num.in_(nums))).all())
    incident_ids = sorted({r["incident_id"] for r in found if r["incident_id"]})
    linked = {i["id"]: i for i in incidents.find_by_ids(conn, incident_ids)}
    wanted = {p for i in linked.values() for p in i["places"]}
    wanted |= {r["place_id"] for r in found if r["place_id"]}
    named = places.get_many(conn, sorted(wanted))
    agreements = consent.of_items(conn, "photo", [r["id"] for r in found])
    out = []
    for r in found:
        incident = linked.get(r["incident_id"]) if r["incident_id"] else None
        agreed = agreements[r["id"]]
        out.append({**r, "source_id": ids.get(r["source_num"]),
                    "place_name": named[r["place_id"]]["name"] if r["place_id"] in named
                    else None,
                    "incident": incident, "flags": checks(r, incident, named),
                    "consents": agreed,
                    "web": _publishable(r, agreed, "web", on),
                    "reports": _publishable(r, agreed, "reports", on)})
    return out


def _publishable(row: dict[str, Any], agreed: list[dict[str, Any]], use: str, on: date) -> str:
    if not row["public_sha"]:
        return "a video: never published by this version"
    if not row["confirmed_at"]:
        return "public copy not confirmed yet"
    return consent.status(agreed, use, on)


def checks(photo: dict[str, Any], incident: dict[str, Any] | None,
           named: dict[str, dict[str, Any]]) -> list[str]:
    """What in the EXIF disagrees with the incident (or place) the photo is linked to."""
    flags = []
    spots = [named[p] for p in (incident["places"] if incident else []) if p in named]
    if photo["place_id"] in named:
        spots.append(named[photo["place_id"]])
    if photo["lat"] is not None and spots:
        taken = Place(id="exif", name="EXIF GPS", kind="point", country="",
                      lat=photo["lat"], lon=photo["lon"])
        near = min(spots, key=lambda p: distance_km(taken, _place(p)))
        km = distance_km(taken, _place(near))
        if km > FAR_KM and km != float("inf"):
            flags.append(f"taken {km:.0f} km from {near['name']} (EXIF GPS)")
    day = (photo["captured_at"] or "")[:10]
    if incident and day and incident["date_start"]:
        start = date.fromisoformat(incident["date_start"])
        end = date.fromisoformat(incident["date_end"]) if incident["date_end"] else None
        taken_on = date.fromisoformat(day)
        if (start - taken_on).days > LATE_DAYS:
            flags.append(f"taken {(start - taken_on).days} days before the incident began "
                         "(EXIF time)")
        elif end and (taken_on - end).days > LATE_DAYS:
            flags.append(f"taken {(taken_on - end).days} days after the incident ended "
                         "(EXIF time)")
    if incident and not day:
        flags.append("no capture time in the EXIF")
    return flags


def _place(row: dict[str, Any]) -> Place:
    return Place(id=row["id"], name=row["name"], kind=row["kind"],
                 country=row["country"] or "", lat=row["lat"], lon=row["lon"])


def public_copy(ledger: Ledger, photo_id: int) -> bytes:
    """The bytes of a photo's public copy."""
    with ledger.store.reading() as conn:
        sha = get_row(conn, photo_id)["public_sha"]
    if not sha:
        raise NotFound(f"photo {photo_id} is a video: it has no public copy")
    return ledger.objects.read(sha)

