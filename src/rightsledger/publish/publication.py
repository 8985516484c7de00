"""Writing a publication folder: all or nothing, signed, and recorded in custody.

The files are written into a hidden folder beside the target; the signed manifest goes in
last; the snapshot the files were built from is kept in the evidence store (named by its
hash, so the same publication can be rebuilt and the next one of a series compared with
it) and the publication is recorded in custody; only then is the folder renamed into
place. A crash leaves at most a hidden ``.NAME.partial-…`` folder, never a half publication
under the name asked for.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightsledger.errors import BadInput
from rightsledger.evidence.objects import sha256_bytes
from rightsledger.ground import canonical, fsync_dir, utc_now
from rightsledger.ledger import Ledger
from rightsledger.publish import manifest


@dataclass(frozen=True)
class Published:
    folder: Path | None
    snapshot: dict[str, Any]
    snapshot_sha: str
    manifest_sha: str
    files: tuple[str, ...]


def target(out: Path) -> Path:
    """The folder to publish into: new, empty, or an earlier publication (replaced)."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise BadInput(f"--out {out} is a file: give a folder for the publication and its "
                       "signed manifest")
    if out.is_dir() and any(out.iterdir()) and not (out / manifest.NAME).is_file():
        raise BadInput(f"--out {out} holds other files: give a new or empty folder")
    return out


def keep_snapshot(ledger: Ledger, snap: dict[str, Any]) -> str:
    """Store the snapshot in the evidence store (once per content); give its hash."""
    body = canonical(snap)
    sha = sha256_bytes(body)
    if not ledger.objects.has(sha):
        ledger.objects.put(body, sha)
    return sha


def publish(ledger: Ledger, out: Path, kind: str, snap: dict[str, Any],
            render: Callable[[Path], dict[str, Any]], actor: str) -> Published:
    """Render ``snap`` into ``out`` with ``render(folder) -> details``, sign, record."""
    out = target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    snap_sha = keep_snapshot(ledger, snap)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    work.chmod(0o755)  # a publication is meant to be shared
    try:
        details = render(work)
        with ledger.store.reading() as conn:
            seq, head = ledger.store.chain_head(conn)
        body, files = manifest.sign(work, ledger.signing_key, {
            "kind": kind, "ledger_id": ledger.id, "created_at": utc_now(),
            "snapshot": snap_sha, "public": snap["public"], "period": snap["period"],
            "chain_head": {"seq": seq, "hash": head}})
        manifest_sha = sha256_bytes(body)
        known = any(True for _ in ledger.store.custody(snap_sha))
        with ledger.store.writing() as conn:
            if not known:
                ledger.record(conn, "snapshot", snap_sha, {"kind": kind}, actor)
            ledger.record(conn, kind, manifest_sha, {
                **details, "path": str(out), "snapshot": snap_sha, "public": snap["public"],
                "period": snap["period"], "files": len(files)}, actor)
        _replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Published(out, snap, snap_sha, manifest_sha, files)


def _replace(work: Path, out: Path) -> None:
    """Move the finished folder into place (an earlier publication there is replaced)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{work.name.rsplit('-', 1)[-1]}")
        out.rename(old)
    work.rename(out)
    fsync_dir(out.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
