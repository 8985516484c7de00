"""Signed manifests: what a published folder holds, signed with the ledger's Ed25519 key.

Every export and report folder carries ``manifest.json``: the SHA-256 of each file in it,
the hash of the data snapshot it was built from, when, which ledger, and the head of the
custody chain at the time, with an Ed25519 signature over the canonical JSON of all that.
Anyone holding only the ledger's public key (``rightsledger keys``) can check that nothing
was altered, removed or added::

    {"manifest": {"format": 1, "kind": "report", "ledger_id": "…", "created_at": "…",
                  "snapshot": "…", "public": true, "chain_head": {"seq": 41, "hash": "…"},
                  "files": {"report.html": "…", "report.pdf": "…"}},
     "key": "<fingerprint>", "signature": "<hex>"}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.evidence.keys import fingerprint
from rightsledger.evidence.objects import sha256_file
from rightsledger.ground import canonical, write_atomic

NAME = "manifest.json"
FORMAT = 1


def files_of(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` but the manifest, by relative path, with its SHA-256."""
    found = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
             if p.is_file()}
    return {name: sha256_file(p) for name, p in found.items() if name != NAME}


def sign(folder: Path, key: Ed25519PrivateKey,
         fields: dict[str, Any]) -> tuple[bytes, tuple[str, ...]]:
    """Write the signed manifest of everything in ``folder``; give its bytes and the names
    of the files it lists."""
    listed = files_of(folder)
    manifest = {"format": FORMAT, **fields, "files": listed}
    body = {"manifest": manifest, "key": fingerprint(key.public_key()),
            "signature": keys.sign(key, canonical(manifest))}
    data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomic(folder / NAME, data)
    (folder / NAME).chmod(0o644)  # a manifest is public
    return data, tuple(sorted(listed))


def check(folder: Path, public: Ed25519PublicKey) -> tuple[dict[str, Any], list[str]]:
    """The manifest of a published folder and the problems found, each naming its file."""
    path = folder / NAME
    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder: give the folder an export or report wrote")
    try:
        body = json.loads(path.read_text("utf-8"))
        manifest, signature = body["manifest"], body["signature"]
        listed = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {}, [f"{NAME}: missing or unreadable ({exc.__class__.__name__}): nothing in "
                    f"{folder} can be checked"]
    problems = [] if keys.is_valid(public, canonical(manifest), str(signature)) else [
        f"{NAME}: the signature does not match this key: the manifest was altered, or "
        "another ledger signed it"]
    present = files_of(folder)
    for name, sha in sorted(listed.items()):
        if name not in present:
            problems.append(f"{name}: missing (listed in the manifest)")
        elif present[name] != sha:
            problems.append(f"{name}: altered (sha256 {present[name][:12]}…, the manifest "
                            f"says {str(sha)[:12]}…)")
    problems += [f"{name}: added (not in the manifest)" for name in sorted(present)
                 if name not in listed]
    return manifest, problems
