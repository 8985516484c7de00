"""Zip archives read without trusting them: the one reader for every zip-based format.

DOCX goes through here today; XLSX, ODT, EPUB and WACZ are zips too and must as well. A
zip's index (central directory and local headers) says how large each member unpacks, and a
hostile one lies: 6 GiB of LZMA-packed spaces declared as 4,096 bytes. Nothing here believes
it. The index is parsed by this module (at most ``Limits.members`` entries, so a
million-entry index costs nothing either), and each member is decompressed in slices of at
most ``SLICE`` bytes (``max_length``), counted as they come out. A member is refused the
moment it produces more than it declared, more than ``Limits.member``, more than
``Limits.ratio`` times the packed bytes read so far, or when all members together pass
``Limits.total``, so memory stays near the ceiling whatever the archive claims. Encrypted
members and compression methods other than stored, deflate, bzip2 and LZMA are refused.

Python's zipfile is not used for reading: it inflates a whole chunk's output at once (LZMA)
or the whole member in one call (deflate, when read to the end). What passed can be handed
on as a rebuilt zip of stored members (``rebuild``), which a library such as python-docx
may then open with zipfile safely: its index is ours and true.
"""

from __future__ import annotations

import bz2
import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rightsledger.errors import BadInput

MiB = 2**20
SLICE = MiB  # most bytes one decompression call may produce
FEED = 16 * 1024  # packed bytes handed to the decompressor at a time
STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14
_METHODS = {STORED: "stored", DEFLATED: "deflate", BZIP2: "bzip2", LZMA: "LZMA"}
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")
_FULL32, _FULL16 = 0xFFFFFFFF, 0xFFFF


@dataclass(frozen=True)
class Limits:
    """Ceilings on what reading one archive may produce, whatever its index says."""

    member: int = 256 * MiB  # bytes out of one member
    total: int = 256 * MiB  # bytes out of all members together
    ratio: int = 200  # bytes out per packed byte read, checked once a member passed...
    ratio_from: int = MiB  # ...this many bytes out (small parts compress well)
    members: int = 10_000  # entries in the index


@dataclass(frozen=True)
class Entry:
    """One member as the central directory declares it (sizes not to be believed)."""

    name: str
    method: int
    flags: int
    crc: int
    packed: int
    size: int
    offset: int  # of its local header


@dataclass(frozen=True)
class Archive:
    """A zip's bytes and how to speak of it: 'DOCX', and what the user can do about it."""

    data: bytes
    kind: str = "zip"
    remedy: str = "create the archive again"
    limits: Limits = Limits()

    def corrupt(self, why: str) -> BadInput:
        return BadInput(f"corrupt {self.kind} ({why}): {self.remedy}")

    def refused(self, why: str) -> BadInput:
        return BadInput(f"{self.kind} refused: {why} (a zip bomb?); save it again without "
                        "padding, or send it as PDF")


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def names(data: bytes, limits: Limits = Limits()) -> list[str] | None:
    """The member names in a zip's index, or None when it is not a zip we can read.

    Only the index is read: nothing is decompressed."""
    try:
        return [entry.name for entry in entries(Archive(data, limits=limits))]
    except BadInput:
        return None


def entries(archive: Archive) -> list[Entry]:
    """The central directory, parsed here with a cap on its entries."""
    data = archive.data
    if not is_zip(data):
        raise BadInput(f"not a {archive.kind} file (not a zip archive): check the file type")
    count, size, start = _directory(archive)
    if count > archive.limits.members:
        raise archive.refused(f"its index lists {count:,} parts, over "
                              f"{archive.limits.members:,}")
    found: list[Entry] = []
    pos, end = start, start + size
    while pos < end and len(found) <= archive.limits.members:
        entry, pos = _central_entry(archive, pos)
        found.append(entry)
    if len(found) > archive.limits.members:
        raise archive.refused(f"its index lists over {archive.limits.members:,} parts")
    seen = [e.name for e in found]
    if len(set(seen)) != len(seen):
        raise archive.corrupt("two parts have the same name")
    return found


def _directory(archive: Archive) -> tuple[int, int, int]:
    """Entries, size and offset of the central directory, from the end record(s)."""
    data = archive.data
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - _EOCD.size - 65535))
    if at < 0 or at + _EOCD.size > len(data):
        raise archive.corrupt("no end of central directory: truncated?")
    _, _, _, _, count, size, start, _ = _EOCD.unpack_from(data, at)
    if count == _FULL16 or _FULL32 in (size, start):
        count, size, start = _zip64_directory(archive, at)
    if start + size > at or start < 0:
        raise archive.corrupt("its index points outside the file")
    return count, size, start


def _zip64_directory(archive: Archive, eocd: int) -> tuple[int, int, int]:
    data = archive.data
    at = eocd - _ZIP64_LOCATOR.size
    if at < 0 or data[at:at + 4] != b"PK\x06\x07":
        raise archive.corrupt("ZIP64 end record missing")
    record = _ZIP64_LOCATOR.unpack_from(data, at)[2]
    if record + _ZIP64_EOCD.size > at or data[record:record + 4] != b"PK\x06\x06":
        raise archive.corrupt("ZIP64 end record out of place")
    fields = _ZIP64_EOCD.unpack_from(data, record)
    return fields[7], fields[8], fields[9]


def _central_entry(archive: Archive, pos: int) -> tuple[Entry, int]:
    data = archive.data
    if pos + _CENTRAL.size > len(data) or data[pos:pos + 4] != b"PK\x01\x02":
        raise archive.corrupt("bad entry in its index")
    (_, _, _, flags, method, _, _, crc, packed, size, name_len, extra_len, comment_len,
     _, _, _, offset) = _CENTRAL.unpack_from(data, pos)
    name_at = pos + _CENTRAL.size
    raw = data[name_at:name_at + name_len]
    extra = data[name_at + name_len:name_at + name_len + extra_len]
    size, packed, offset = _zip64_sizes(extra, size, packed, offset)
    name = raw.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
    entry = Entry(name, method, flags, crc, packed, size, offset)
    return entry, name_at + name_len + extra_len + comment_len


def _zip64_sizes(extra: bytes, size: int, packed: int, offset: int) -> tuple[int, int, int]:
    """Sizes and offset from the ZIP64 extra field, for those the entry marks as 0xFFFFFFFF."""
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<2H", extra, pos)
        if tag == 1:
            values = list(struct.unpack_from(f"<{length // 8}Q", extra, pos + 4))
            if size == _FULL32 and values:
                size = values.pop(0)
            if packed == _FULL32 and values:
                packed = values.pop(0)
            if offset == _FULL32 and values:
                offset = values.pop(0)
            break
        pos += 4 + length
    return size, packed, offset


def declared_total(archive: Archive) -> int:
    """What the index says all members unpack to (honest bombs are refused on this)."""
    return sum(e.size for e in entries(archive))


class _Budget:
    """Bytes produced so far by this archive, against its total ceiling."""

    def __init__(self, archive: Archive) -> None:
        self.archive, self.produced = archive, 0

    def take(self, entry: Entry, produced: int, consumed: int, amount: int) -> None:
        limits, archive = self.archive.limits, self.archive
        self.produced += amount
        if produced > entry.size:
            raise archive.refused(f"its part {entry.name} unpacks to more than the "
                                  f"{entry.size:,} bytes its index declares")
        if produced > limits.member:
            raise archive.refused(f"its part {entry.name} unpacks to more than "
                                  f"{limits.member // MiB} MB")
        if produced > limits.ratio_from and produced > limits.ratio * max(consumed, 1):
            raise archive.refused(f"its part {entry.name} unpacks to more than "
                                  f"{limits.ratio} times its packed size")
        if self.produced > limits.total:
            raise archive.refused(f"its parts unpack to more than {limits.total // MiB} MB")


def chunks(archive: Archive, entry: Entry, budget: _Budget | None = None) -> Iterator[bytes]:
    """A member's bytes, a slice at a time, each counted against the limits as it is made.

    The CRC and the size are checked at the end: a member must unpack to exactly what it
    declares."""
    budget = budget or _Budget(archive)
    packed = _packed(archive, entry)
    produced, crc = 0, 0
    for piece, consumed in _decompress(archive, entry, packed):
        produced += len(piece)
        budget.take(entry, produced, consumed, len(piece))
        crc = zlib.crc32(piece, crc)
        yield piece
    if produced != entry.size or crc != entry.crc:
        raise archive.corrupt(f"part {entry.name} is damaged (size or CRC-32 does not match)")


def _packed(archive: Archive, entry: Entry) -> memoryview:
    """The member's packed bytes, after its local header."""
    data, at = archive.data, entry.offset
    if entry.flags & 0x1:
        raise BadInput(f"{archive.kind} has encrypted parts ({entry.name}): remove the "
                       "password and ingest again")
    if entry.method not in _METHODS:
        raise archive.corrupt(f"part {entry.name} uses compression method {entry.method}, "
                              "which is not read")
    if at + _LOCAL.size > len(data) or data[at:at + 4] != b"PK\x03\x04":
        raise archive.corrupt(f"part {entry.name} has no local header")
    name_len, extra_len = _LOCAL.unpack_from(data, at)[9:11]
    start = at + _LOCAL.size + name_len + extra_len
    if start + entry.packed > len(data):
        raise archive.corrupt(f"part {entry.name} runs past the end of the file: truncated?")
    return memoryview(data)[start:start + entry.packed]


def _decompress(archive: Archive, entry: Entry,
                packed: memoryview) -> Iterator[tuple[bytes, int]]:
    """(slice of output, packed bytes read so far), each slice at most SLICE bytes."""
    try:
        if entry.method == STORED:
            for pos in range(0, len(packed), SLICE):
                yield bytes(packed[pos:pos + SLICE]), min(pos + SLICE, len(packed))
        elif entry.method == DEFLATED:
            yield from _inflate(packed)
        else:
            yield from _unpack(_decompressor(archive, entry, packed), packed, entry.method)
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError) as exc:
        raise archive.corrupt(f"part {entry.name} does not unpack: {exc}") from exc


def _inflate(packed: memoryview) -> Iterator[tuple[bytes, int]]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for pos in range(0, len(packed), FEED):
        tail = feed = bytes(packed[pos:pos + FEED])
        while tail and not inflater.eof:
            piece = inflater.decompress(tail, SLICE)
            tail = inflater.unconsumed_tail
            yield piece, pos + len(feed) - len(tail)
        if inflater.eof:
            return
    while not inflater.eof and (piece := inflater.decompress(b"", SLICE)):
        yield piece, len(packed)


def _decompressor(archive: Archive, entry: Entry,
                  packed: memoryview) -> lzma.LZMADecompressor | bz2.BZ2Decompressor:
    if entry.method == BZIP2:
        return bz2.BZ2Decompressor()
    # LZMA in a zip: 2 bytes of version, 2 of properties' length, then LZMA1 properties:
    # one byte (pb * 5 + lp) * 9 + lc and the dictionary size.
    if len(packed) < 9:
        raise archive.corrupt(f"part {entry.name} has no LZMA header")
    props_len = struct.unpack_from("<H", packed, 2)[0]
    byte, dict_size = struct.unpack_from("<BL", packed, 4)
    if props_len != 5 or byte >= 9 * 5 * 5:
        raise archive.corrupt(f"part {entry.name} has a bad LZMA header")
    lc, rest = byte % 9, byte // 9
    # No back-reference reaches further than the output, which may not pass the member
    # ceiling: a dictionary declared larger (up to 4 GiB) is cut to it.
    dict_size = max(4096, min(dict_size, archive.limits.member))
    flt = {"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": rest % 5,
           "pb": rest // 5}
    return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[flt])


def _unpack(unpacker: lzma.LZMADecompressor | bz2.BZ2Decompressor, packed: memoryview,
            method: int) -> Iterator[tuple[bytes, int]]:
    start = 9 if method == LZMA else 0
    for pos in range(start, len(packed), FEED):
        piece = unpacker.decompress(bytes(packed[pos:pos + FEED]), SLICE)
        read = min(pos + FEED, len(packed))
        yield piece, read
        while not unpacker.eof and not unpacker.needs_input:
            yield unpacker.decompress(b"", SLICE), read
        if unpacker.eof:
            return


def read_members(archive: Archive) -> dict[str, bytes]:
    """Every member's bytes, each checked against the limits as it was unpacked."""
    budget = _Budget(archive)
    return {e.name: b"".join(chunks(archive, e, budget)) for e in entries(archive)
            if not e.name.endswith("/")}


def rebuild(archive: Archive, keep: Callable[[str], bool] = lambda name: True,
            held: int | None = None) -> io.BytesIO:
    """A new zip of stored members holding exactly what passed the limits, with a true index.

    Members stream from the hostile archive into the new one, so one copy is held. A member
    ``keep`` says no to (a photo, for a reader that wants text) is checked all the same and
    stored empty; the kept ones may unpack to ``held`` bytes in all."""
    budget, kept = _Budget(archive), 0
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rebuilt:
        for entry in entries(archive):
            if entry.name.endswith("/"):
                continue
            wanted = keep(entry.name)
            with rebuilt.open(entry.name, "w") as part:
                for piece in chunks(archive, entry, budget):
                    if wanted:
                        kept += len(piece)
                        if held is not None and kept > held:
                            raise archive.refused(f"its text parts unpack to more than "
                                                  f"{held // MiB} MB")
                        part.write(piece)
    out.seek(0)
    return out
