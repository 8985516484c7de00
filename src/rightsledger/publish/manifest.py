"""Signed manifests: what a published folder holds, signed with the ledger's Ed25519 key.

Every export and report folder carries four files that say what it holds, all public:

``manifest.json``
    the SHA-256 of each file in the folder, the hash of the data snapshot it was built
    from, when, which ledger, and the head of the custody chain at the time, with an
    Ed25519 signature (128 hex digits) over the *canonical JSON* of the ``manifest`` object:
    ``json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``
    encoded as UTF-8 (``ground.canonical``)::

        {"manifest": {"format": 2, "kind": "report", "ledger_id": "…", "created_at": "…",
                      "snapshot": "…", "public": true, "chain_head": {"seq": 41, "hash": "…"},
                      "files": {"report.html": "…", "report.pdf": "…"}},
         "key": "<fingerprint>", "signature": "<hex>"}

``SHA256SUMS`` (format 2 on)
    the same files and ``manifest.json`` itself, one ``<sha256>  <name>`` line each, sorted
    by name, in the form ``sha256sum -c`` reads;

``SHA256SUMS.sig`` (format 2 on)
    the Ed25519 signature (64 bytes) of the exact bytes of ``SHA256SUMS``, in base64 in
    lines of 64 characters, as ``openssl pkeyutl -sign -rawin | openssl base64`` writes it
    (``openssl base64 -d`` gives back what ``openssl pkeyutl -verify -sigfile`` reads);

``SHA256SUMS.sshsig`` (format 2 on)
    the same bytes signed as ``ssh-keygen -Y sign -n rightsledger`` signs them
    (``publish.sshsig``), for ``ssh-keygen -Y verify``.

So anyone holding only the ledger's public key (``rightsledger keys``: PEM
SubjectPublicKeyInfo, or an allowed signers line for ssh-keygen) can check with openssl or
ssh-keygen and sha256sum alone that nothing was altered, removed or added
(docs/publishing.md has the recipes), and ``verify-export`` checks all three signatures.
Folders of format 1 (before ``SHA256SUMS``) have ``manifest.json`` only and are still
checked.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsledger.errors import BadInput, LedgerError
from rightsledger.evidence import keys
from rightsledger.evidence.keys import fingerprint
from rightsledger.evidence.objects import sha256_bytes, sha256_file
from rightsledger.ground import canonical, write_atomic
from rightsledger.publish import sshsig

NAME = "manifest.json"
SUMS = "SHA256SUMS"
SUMS_SIG = "SHA256SUMS.sig"
SUMS_SSH = "SHA256SUMS.sshsig"
FORMAT = 2
OWN = {1: (NAME,), 2: (NAME, SUMS, SUMS_SIG, SUMS_SSH)}  # by format: what describes the rest


def files_of(folder: Path, own: tuple[str, ...] = OWN[FORMAT]) -> dict[str, str]:
    """Every file under ``folder`` but the manifest's own, by relative path, with its
    SHA-256."""
    found = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
             if p.is_file()}
    return {name: sha256_file(p) for name, p in found.items() if name not in own}


def sums_text(files: dict[str, str]) -> bytes:
    """``files`` as ``sha256sum`` writes them: ``<sha256>  <name>`` lines, sorted by name."""
    for name in files:
        if any(c in name for c in "\\\n\r"):
            raise LedgerError(f"{name!r}: a published file's name may not hold a backslash or "
                              "a line break (sha256sum would escape it)")
    return "".join(f"{sha}  {name}\n" for name, sha in sorted(files.items())).encode("utf-8")


def sign(folder: Path, key: Ed25519PrivateKey,
         fields: dict[str, Any]) -> tuple[bytes, tuple[str, ...]]:
    """Write the signed manifest of everything in ``folder``, then ``SHA256SUMS`` (which
    also lists the manifest) and its two signatures; give the manifest's bytes and the
    names of the files it lists."""
    listed = files_of(folder)
    manifest = {"format": FORMAT, **fields, "files": listed}
    body = {"manifest": manifest, "key": fingerprint(key.public_key()),
            "signature": keys.sign(key, canonical(manifest))}
    data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    sums = sums_text({**listed, NAME: sha256_bytes(data)})
    for name, content in ((NAME, data), (SUMS, sums), (SUMS_SIG, _base64(key.sign(sums))),
                          (SUMS_SSH, sshsig.sign(key, sums))):
        write_atomic(folder / name, content)
        (folder / name).chmod(0o644)  # they are public
    return data, tuple(sorted(listed))


def check(folder: Path, public: Ed25519PublicKey) -> tuple[dict[str, Any], list[str]]:
    """The manifest of a published folder and the problems found, each naming its file."""
    path = folder / NAME
    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder: give the folder an export or report wrote")
    try:
        body = json.loads(path.read_text("utf-8"))
        manifest, signature = body["manifest"], body["signature"]
        listed, own = dict(manifest["files"]), OWN.get(manifest.get("format", 1))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, [f"{NAME}: missing or unreadable ({exc.__class__.__name__}): nothing in "
                    f"{folder} can be checked"]
    if own is None:
        return manifest, [f"{NAME}: format {manifest['format']!r} is newer than this "
                          f"RightsLedger knows ({', '.join(map(str, OWN))}): update it"]
    problems = [] if keys.is_valid(public, canonical(manifest), str(signature)) else [
        f"{NAME}: the signature does not match this key: the manifest was altered, or "
        "another ledger signed it"]
    problems += _file_problems(listed, files_of(folder, own))
    if SUMS in own:
        problems += _sums_problems(folder, public, listed)
    return manifest, problems


def _sums_problems(folder: Path, public: Ed25519PublicKey, listed: dict[str, str]) -> list[str]:
    """What is wrong with ``SHA256SUMS`` and its signature, beside a format-2 manifest."""
    try:
        sums, sig, ssh = ((folder / n).read_bytes() for n in (SUMS, SUMS_SIG, SUMS_SSH))
    except OSError as exc:
        gone = Path(str(exc.filename)).name
        return [f"{gone}: missing (a manifest of format 2 comes with {SUMS}, {SUMS_SIG} and "
                f"{SUMS_SSH})"]
    problems = [f"{SUMS}: its signature {name} does not match this key: one of them was "
                "altered, or another ledger signed it" for name, ok in (
                    (SUMS_SIG, keys.is_valid(public, sums, _unbase64(sig))),
                    (SUMS_SSH, sshsig.is_valid(public, sums, ssh))) if not ok]
    if sums != sums_text({**listed, NAME: sha256_file(folder / NAME)}):
        problems.append(f"{SUMS}: does not list the same files and hashes as {NAME}")
    return problems


def _base64(signature: bytes) -> bytes:
    text = base64.b64encode(signature)
    return b"".join(text[i:i + 64] + b"\n" for i in range(0, len(text), 64))


def _unbase64(text: bytes) -> str:
    """The signature in ``text`` as hex, or "" when ``text`` is not as ``sign`` wrote it
    (a changed byte is reported even where a lenient base64 reader would skip it)."""
    try:
        signature = base64.b64decode(text)
    except (binascii.Error, ValueError):
        return ""
    return signature.hex() if _base64(signature) == text else ""


def _file_problems(listed: dict[str, str], present: dict[str, str]) -> list[str]:
    problems = []
    for name, sha in sorted(listed.items()):
        if name not in present:
            problems.append(f"{name}: missing (listed in the manifest)")
        elif present[name] != sha:
            problems.append(f"{name}: altered (sha256 {present[name][:12]}…, the manifest "
                            f"says {str(sha)[:12]}…)")
    return problems + [f"{name}: added (not in the manifest)" for name in sorted(present)
                       if name not in listed]
