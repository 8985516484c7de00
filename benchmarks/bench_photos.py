"""The photo bank: adding camera-sized photos (ingest, public copy, perceptual hash) beside
ingesting the same files as plain evidence; face blurring beside the copy without it; and
grouping near-identical photos among many.

The reference for adding is what any evidence store does with a photo anyway (our ingest:
hash, durable copy, EXIF read, record, custody entry); the photo bank adds decoding the
whole image again, resizing and encoding the public copy, and storing it durably.
"""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from measure import Profiler, Row, note, rate, timed
from PIL import Image, ImageDraw, ImageFilter

from rightsledger.ledger import Ledger
from rightsledger.media import photos, pictures
from rightsledger.workflow.ingest import ingest

NAME = "photos"
GOAL_ADD = 4.0  # adding to the bank costs at most this many times a plain ingest
GOAL_GROUP_S = 1.0  # grouping 20,000 photos' hashes (the photo bank page does it)


def write_photos(folder: Path, count: int, size: tuple[int, int], seed: int) -> None:
    """Camera-sized JPEGs of noisy drawn scenes (so they compress like photos), with EXIF."""
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for n in range(count):
        img = Image.effect_noise(size, 40).convert("RGB")
        draw = ImageDraw.Draw(img, "RGBA")
        for _ in range(30):
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            draw.rectangle((x, y, x + rng.randrange(50, 900), y + rng.randrange(50, 600)),
                           fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256),
                                 160))
        img = img.filter(ImageFilter.GaussianBlur(1))
        exif = img.getexif()
        exif[0x010F], exif[0x0110] = "BenchCam", "B-1"
        exif.get_ifd(0x8769)[0x9003] = f"2023:01:{1 + n % 28:02d} 10:00:00"
        out = io.BytesIO()
        img.save(out, "JPEG", quality=90, exif=exif)
        (folder / f"photo-{n:04d}.jpg").write_bytes(out.getvalue())


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 8 if quick else 40
    size = (4000, 3000)  # a 12-megapixel phone camera
    with tempfile.TemporaryDirectory(prefix="rl-bench-photos-") as tmp:
        work = Path(tmp)
        note(f"photos: drawing {count} photos of {size[0]}x{size[1]}")
        write_photos(work / "photos", count, size, seed=5)
        files = sorted((work / "photos").iterdir())
        megabytes = sum(f.stat().st_size for f in files) / 2**20
        with Ledger.init(work / "plain") as plain:
            _, ingesting = timed(ingest, plain, [work / "photos"], {"kind": "photo"},
                                 extract=False)
        with Ledger.init(work / "bank") as bank:
            _, adding = timed(profiler.run, "photos.add", _add_all, bank, files, False)
        with Ledger.init(work / "blurred") as blurred:
            _, blurring = timed(_add_all, blurred, files, True)
    hashes = {i: f"{random.Random(i).getrandbits(64):016x}" for i in range(20_000)}
    groups, grouping = timed(pictures.groups, hashes)
    ratio = adding / ingesting
    return [
        Row(NAME, f"add {count} photos of 12 MP ({megabytes:.0f} MB) to the bank",
            f"{rate(count, adding, 'photos')}",
            f"plain ingest {rate(count, ingesting, 'photos')}", ratio,
            f"ratio <= {GOAL_ADD:g}", ratio <= GOAL_ADD),
        Row(NAME, "add with faces detected and blurred (info)",
            f"{rate(count, blurring, 'photos')}",
            f"without detection {rate(count, adding, 'photos')}", blurring / adding),
        Row(NAME, "group near-identical among 20,000 photos", f"{grouping:.2f} s",
            f"{len(groups)} group(s) of random hashes", None, f"< {GOAL_GROUP_S:g} s",
            grouping < GOAL_GROUP_S),
    ]


def _add_all(ledger: Ledger, files: list[Path], blur: bool) -> None:
    done = photos.add_many(ledger, files, {}, "bench", blur_faces=blur)
    assert all(d.photo_id for d in done), [d.message for d in done if not d.photo_id]
