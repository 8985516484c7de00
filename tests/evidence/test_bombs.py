"""Promise 11, hostile uploads (docs/security.md): decompression bombs, ingested for real.

Each hostile file is built here: DOCX zips whose member is 300 MB (6 GiB with
RIGHTSLEDGER_SOAK=1) of LZMA- or deflate-packed spaces declared as 4,096 bytes in the
central directory and the local header, one declaring 150 times its packed size, one of
junk XML under every ratio ceiling; a PDF whose page stream inflates to 300 MB, one whose
page is drawn by five streams of 40 MB each (and, in the soak, 30 such pages); a PNG pixel
flood. Each is ingested by `rightsledger ingest` in its own process, whose peak memory
(ru_maxrss) must stay under 500 MB; it must fail in one line, with exit code 1 (one failed
file), and leave no object, no record, no custody entry.
"""

from __future__ import annotations

import functools
import lzma
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rightsledger.ledger import Ledger

SOAK = os.environ.get("RIGHTSLEDGER_SOAK") == "1"
PEAK_MB = 500
MiB = 2**20
BOMB = (6 * 1024 if SOAK else 300) * MiB  # bytes of spaces a bomb member unpacks to
LIES = 4096  # what its index says instead


@dataclass(frozen=True)
class Member:
    name: str
    method: int  # 0 stored, 8 deflate, 14 LZMA
    packed: bytes
    crc: int
    declared: int  # the uncompressed size the index gives, true or not


def zip_of(members: list[Member]) -> bytes:
    """A zip written by hand, so that its index says what the test wants it to say."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        fields = (20, 0, m.method, 0, 0x21, m.crc, len(m.packed), m.declared)
        central += struct.pack("<4s2H", b"PK\x01\x02", 20, 20)
        central += struct.pack("<4H3L5H2L", *fields[1:], len(name), 0, 0, 0, 0, 0, len(out))
        central += name
        out += struct.pack("<4sH2H2H3L2H", b"PK\x03\x04", *fields, len(name), 0) + name
        out += m.packed
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(out), 0)
    return bytes(out + central + end)


def spaces(total: int) -> Iterator[bytes]:
    block = b" " * MiB
    for _ in range(total // MiB):
        yield block


@functools.cache
def deflated(total: int) -> tuple[bytes, int]:
    packer, packed, crc = zlib.compressobj(9, zlib.DEFLATED, -15), bytearray(), 0
    for block in spaces(total):
        packed += packer.compress(block)
        crc = zlib.crc32(block, crc)
    return bytes(packed + packer.flush()), crc


@functools.cache
def lzma_packed(total: int) -> tuple[bytes, int]:
    """LZMA as a zip holds it: version, properties' length, LZMA1 properties, raw stream."""
    dict_size, (lc, lp, pb) = 2**18, (3, 0, 2)  # preset 0
    packer = lzma.LZMACompressor(lzma.FORMAT_RAW, filters=[
        {"id": lzma.FILTER_LZMA1, "preset": 0, "dict_size": dict_size, "lc": lc, "lp": lp,
         "pb": pb}])
    packed, crc = bytearray(struct.pack("<2BHBL", 9, 4, 5, (pb * 5 + lp) * 9 + lc,
                                        dict_size)), 0
    for block in spaces(total):
        packed += packer.compress(block)
        crc = zlib.crc32(block, crc)
    return bytes(packed + packer.flush()), crc


def docx_bomb(method: int, packed: bytes, crc: int, declared: int) -> bytes:
    types = b"<Types/>"
    return zip_of([Member("[Content_Types].xml", 0, types, zlib.crc32(types), len(types)),
                   Member("word/document.xml", method, packed, crc, declared)])


def junk_runs(total: int) -> tuple[bytes, int]:
    """Bytes that deflate only about 25 to 1: runs of random bytes, each 10 to 60 long.

    Under every ratio ceiling, so only the ceiling on bytes produced can stop them."""
    import numpy

    rng = numpy.random.default_rng(15)
    packer, packed, crc, made = zlib.compressobj(1, zlib.DEFLATED, -15), bytearray(), 0, 0
    while made < total:
        values = rng.integers(0, 256, 200_000, dtype=numpy.uint8)
        block = numpy.repeat(values, rng.integers(10, 60, 200_000)).tobytes()[:total - made]
        packed += packer.compress(block)
        crc, made = zlib.crc32(block, crc), made + len(block)
    return bytes(packed + packer.flush()), crc


def pdf_of(pages: list[list[bytes]]) -> bytes:
    """A PDF written by hand: each page drawn by its FlateDecode content streams."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for streams in pages:
        kids.append(b"%d 0 R" % (len(objects) + 1))
        first = len(objects) + 2
        parts = b" ".join(b"%d 0 R" % (first + i) for i in range(len(streams)))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                       b">> >> >> /Contents [" + parts + b"] >>")
        objects += [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                    + stream + b"\nendstream" for stream in streams]
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>"
                  % len(pages))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def spaces_flated(size: int) -> bytes:
    return zlib.compress(b" " * size, 9)


def png_flood(width: int, height: int) -> bytes:
    """An RGBA PNG of blank rows: a few hundred KB declaring width x height pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">L", len(body)) + kind + body + struct.pack(
            ">L", zlib.crc32(kind + body))
    packer, row = zlib.compressobj(9), b"\0" * (1 + 4 * width)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">2L5B", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    peak_mb: float


# A child's ru_maxrss starts from its parent's resident size (Linux keeps the high-water
# mark across fork and exec), and this test process holds the bombs it built: the ingest is
# started by a small interpreter that reports its child's peak alone.
MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
           "open(sys.argv[1], 'w').write(str(resource.getrusage("
           "resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(code)")


def ingest_alone(ledger: Path, path: Path) -> Run:
    """`rightsledger ingest` in its own process, and its peak resident memory."""
    out, err, peak = (ledger.parent / n for n in ("out.txt", "err.txt", "peak.txt"))
    with out.open("w") as stdout, err.open("w") as stderr:
        code = subprocess.call([sys.executable, "-c", MEASURE, str(peak), sys.executable,
                                "-m", "rightsledger.cli.main", "ingest", str(ledger),
                                str(path)], stdout=stdout, stderr=stderr, timeout=600)
    return Run(code, out.read_text(), err.read_text(), int(peak.read_text()) / 1024)


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bombs") / "ledger"
    Ledger.init(folder).close()
    return folder


def lzma_bomb() -> bytes:
    return docx_bomb(14, *lzma_packed(BOMB), LIES)


def deflate_bomb() -> bytes:
    return docx_bomb(8, *deflated(BOMB), LIES)


def deflate_bomb_within_its_index() -> bytes:
    """Declares 150 times its packed size (the index alone passes), then unpacks past it."""
    packed, crc = deflated(BOMB)
    return docx_bomb(8, packed, crc, 150 * len(packed))


def junk_bomb() -> bytes:
    """100 MB of junk XML that declares its true size and ratio: only the XML ceiling holds."""
    packed, crc = junk_runs(100 * MiB)
    return docx_bomb(8, packed, crc, 100 * MiB)


# name: (build the file, what its one line must say)
HOSTILE = {
    "lzma-bomb.docx": (lzma_bomb, "declares"),
    "deflate-bomb.docx": (deflate_bomb, "declares"),
    "deflate-bomb-named-otherwise.bin": (deflate_bomb, "declares"),
    "deflate-bomb-within-its-index.docx": (deflate_bomb_within_its_index, "times its"),
    "junk-bomb.docx": (junk_bomb, "more than 64 MB"),
    "flate-bomb.pdf": (lambda: pdf_of([[spaces_flated(300 * MiB)]]), "more than 64 MB"),
    "flate-page.pdf": (lambda: pdf_of([[spaces_flated(40 * MiB)] * 5]), "more than 64 MB"),
    "pixel-flood.png": (lambda: png_flood(12_000, 12_000), "12,000 x 12,000 pixels"),
}
if SOAK:  # 30 pages of 40 MB each: a second or two of inflating per GB, then refused
    HOSTILE["flate-pages.pdf"] = (lambda: pdf_of([[spaces_flated(40 * MiB)]] * 30),
                                  "more than 1024 MB in all")


@pytest.mark.parametrize("name", HOSTILE)
def test_promise_11_a_bomb_is_refused_in_one_line_under_500_mb(
        ledger_path: Path, tmp_path: Path, name: str) -> None:
    build, why = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(build())
    run = ingest_alone(ledger_path, path)
    print(f"{name}: {path.stat().st_size / MiB:.2f} MB file, peak {run.peak_mb:.0f} MB, "
          f"{run.stderr.strip()}")
    assert run.peak_mb < PEAK_MB, f"{name} took {run.peak_mb:.0f} MB"
    assert run.code == 1, run.stderr
    assert run.stderr.count("\n") == 1 and run.stderr.startswith(f"failed: {path}: ")
    assert "refused" in run.stderr and why in run.stderr, run.stderr
    assert "0 new" in run.stdout and "1 failed" in run.stdout
    with Ledger.open(ledger_path) as ledger:
        assert ledger.store.count_sources() == 0
        assert list(ledger.objects.names()) == []
        assert not [e for e in ledger.store.custody() if e.action == "ingest"]
