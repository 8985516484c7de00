"""The recipes of docs/publishing.md, "Verifying a publication without RightsLedger", taken
from the page itself and run as written with the real openssl, sha256sum, bash and Python
against a real export and a real report: each passes on the folder as signed and fails when
one byte of one file changes, when the manifest changes and with another key. And
verify-export still checks the folders published before SHA256SUMS (format 1)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rightsledger.evidence import keys
from rightsledger.ground import canonical
from rightsledger.ledger import Ledger
from rightsledger.publish import manifest, sshsig
from rightsledger.publish.export import Options, export
from rightsledger.publish.report import ReportOptions, build
from tests.cli.test_cli import rl
from tests.publish.conftest import fill

DOCS = Path(__file__).resolve().parents[2] / "docs" / "publishing.md"
FOLDER, KEY, SIGNERS = "open-data", "ledger.pub", "allowed_signers"  # as the recipes say
RECIPES = ("openssl", "ssh", "python", "inline")


def recipe(name: str) -> str:
    """The code block between ``<!-- verify-recipe: NAME -->`` and its end marker."""
    found = re.search(rf"<!-- verify-recipe: {name} -->\n```\w+\n(.*?)```\n"
                      r"<!-- /verify-recipe -->", DOCS.read_text("utf-8"), re.S)
    assert found, f"docs/publishing.md has no '{name}' verify recipe between markers"
    return found.group(1)


def run(name: str, where: Path) -> subprocess.CompletedProcess[str]:
    """Run recipe ``name`` in ``where`` (which holds open-data/, ledger.pub and
    allowed_signers)."""
    if name == "python":
        (where / "verify.py").write_text(recipe(name), "utf-8")
        command = [sys.executable, "verify.py", FOLDER, KEY]
    else:  # each step must pass, as a reader checks each output before the next
        command = ["bash", "-euo", "pipefail", "-c", recipe(name)]
    return subprocess.run(command, cwd=where, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """An open-data export (flat) and an HTML report (photos/ inside), signed by one ledger;
    and that ledger's public key as `rightsledger keys` writes it, in PEM and for ssh."""
    base = tmp_path_factory.mktemp("published")
    with Ledger.init(base / "ledger") as ledger:
        fill(ledger, base / "documents")
        export(ledger, "csv", base / "export", "t", Options(public=True))
        build(ledger, base / "report", ReportOptions(title="Verify", public=True, fmt="html"),
              "t")
    given = rl("keys", str(base / "ledger"), "--out", str(base / KEY), "--allowed-signers",
               str(base / SIGNERS))
    assert given.returncode == 0, given.stderr
    assert any("/" in name for name in manifest.files_of(base / "report"))
    yield {"export": base / "export", "report": base / "report", "key": base / KEY,
           "signers": base / SIGNERS}


def _copy(published: dict[str, Path], kind: str, where: Path) -> Path:
    shutil.copytree(published[kind], where / FOLDER)
    shutil.copy(published["key"], where / KEY)
    if "signers" in published:
        shutil.copy(published["signers"], where / SIGNERS)
    return where / FOLDER


@pytest.mark.parametrize("kind", ["export", "report"])
def test_every_recipe_passes_on_the_folder_as_signed(published: dict[str, Path], kind: str,
                                                     tmp_path: Path) -> None:
    folder = _copy(published, kind, tmp_path)
    listed = (folder / manifest.SUMS).read_text("utf-8").splitlines()
    signed = manifest.files_of(folder)
    assert sorted(line[66:] for line in listed) == sorted([*signed, manifest.NAME])
    fingerprint = keys.fingerprint(keys.load_public(published["key"])).replace(" ", "")
    done = {name: run(name, tmp_path) for name in RECIPES}
    for name, result in done.items():
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    openssl = done["openssl"].stdout.splitlines()
    assert openssl[0] == fingerprint
    assert openssl[1] == "Signature Verified Successfully"
    assert openssl[2:] == [f"{line[66:]}: OK" for line in listed]  # and diff said nothing
    ssh = done["ssh"].stdout.splitlines()
    assert ssh[0] == fingerprint
    assert ssh[1].startswith('Good "rightsledger" signature for ledger with ED25519 key')
    assert ssh[2:] == openssl[2:]
    python = done["python"].stdout.splitlines()
    assert python[0] == f"key fingerprint: {fingerprint}"
    assert python[1].startswith(f"ok: {len(listed)} files; {kind} of ledger ")
    inline = done["inline"].stdout.splitlines()
    assert inline == ["Signature Verified Successfully", *(f"{n}: OK" for n in signed)]
    assert manifest.check(folder, keys.load_public(published["key"]))[1] == []


def _flip_one_byte(folder: Path) -> str:
    name = max(manifest.files_of(folder), key=lambda n: (n.count("/"), n))  # photos/… first
    data = bytearray((folder / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / name).write_bytes(bytes(data))
    return name


def _edit_manifest(folder: Path) -> str:
    body = json.loads((folder / manifest.NAME).read_text("utf-8"))
    body["manifest"]["created_at"] = "2020-01-01T00:00:00.000000Z"  # backdated
    (folder / manifest.NAME).write_text(json.dumps(body, indent=2), "utf-8")
    return manifest.NAME


def _forge_sums(folder: Path) -> str:
    """A file altered and its line in SHA256SUMS "fixed" to match: only the signature
    can tell."""
    name = _flip_one_byte(folder)
    sums = (folder / manifest.SUMS).read_text("utf-8")
    old = next(line for line in sums.splitlines() if line.endswith(f"  {name}"))
    fixed = f"{manifest.files_of(folder)[name]}  {name}"
    (folder / manifest.SUMS).write_text(sums.replace(old, fixed), "utf-8")
    return manifest.SUMS


def _another_key(folder: Path) -> str:
    stranger = Ed25519PrivateKey.generate().public_key()
    (folder.parent / KEY).write_bytes(keys.public_pem(stranger))
    (folder.parent / SIGNERS).write_text(sshsig.allowed_signer(stranger), "ascii")
    return KEY


def _remove_one(folder: Path) -> str:
    name = sorted(manifest.files_of(folder))[0]
    (folder / name).unlink()
    return name


def _add_one(folder: Path) -> str:
    (folder / "notes").mkdir(exist_ok=True)
    (folder / "notes" / "slipped-in.txt").write_text("not signed", "utf-8")
    return "notes/slipped-in.txt"


CHANGES = {"one_byte": _flip_one_byte, "manifest": _edit_manifest, "sums": _forge_sums,
           "another_key": _another_key, "removed": _remove_one, "added": _add_one}
SAYS = {  # what the openssl recipe's failing step prints
    "one_byte": "FAILED", "manifest": f"{manifest.NAME}: FAILED",
    "sums": "Signature Verification Failure", "another_key": "Signature Verification Failure",
    "removed": "FAILED open or read", "added": "> notes/slipped-in.txt"}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("kind", ["export", "report"])
def test_every_recipe_fails_on_a_changed_folder(published: dict[str, Path], kind: str,
                                                change: str, tmp_path: Path) -> None:
    folder = _copy(published, kind, tmp_path)
    named = CHANGES[change](folder)
    # the inline recipe reads manifest.json's own list: a file added is the reader's to see
    recipes = [r for r in RECIPES if not (r == "inline" and change == "added")]
    for name in recipes:
        result = run(name, tmp_path)
        assert result.returncode != 0, (name, change, result.stdout, result.stderr)
    said = run("openssl", tmp_path)
    assert SAYS[change] in said.stdout + said.stderr
    said = run("ssh", tmp_path)
    assert SAYS[change].replace("Signature Verification Failure", "Could not verify "
                                "signature.") in said.stdout + said.stderr
    if change not in ("manifest", "another_key", "sums"):
        assert named in run("python", tmp_path).stderr  # the file is named
    public = keys.load_public(tmp_path / KEY)
    assert manifest.check(folder, public)[1] != []  # verify-export agrees


# -- verify-export: folders of format 1 (before SHA256SUMS) and of format 2 ----------------------
def _as_format_1(folder: Path, key: Ed25519PrivateKey) -> None:
    """Rewrite ``folder`` as RightsLedger wrote it before SHA256SUMS: manifest.json alone,
    signed in-line."""
    for name in (manifest.SUMS, manifest.SUMS_SIG, manifest.SUMS_SSH):
        (folder / name).unlink()
    body = json.loads((folder / manifest.NAME).read_text("utf-8"))
    old = {**body["manifest"], "format": 1}
    body.update(manifest=old, signature=keys.sign(key, canonical(old)))
    (folder / manifest.NAME).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n",
                                        "utf-8")


def test_verify_export_checks_folders_of_both_formats(tmp_path: Path) -> None:
    with Ledger.init(tmp_path / "ledger") as ledger:
        fill(ledger, tmp_path / "documents")
        for name in ("old", "new"):
            export(ledger, "json", tmp_path / name, "t", Options(public=True))
        _as_format_1(tmp_path / "old", ledger.signing_key)
        pub = str(ledger.public_key_path)
    for name in ("old", "new"):
        done = rl("verify-export", str(tmp_path / name), "--key", pub)
        assert done.returncode == 0 and done.stdout.startswith("ok: 1 file(s)"), done.stderr
    (tmp_path / "copy").mkdir()
    _copy({"old": tmp_path / "old", "key": Path(pub)}, "old", tmp_path / "copy")
    inline = run("inline", tmp_path / "copy")  # the in-line signature's recipe reads it too
    assert inline.returncode == 0 and inline.stdout.startswith("Signature Verified"), inline
    (tmp_path / "old" / manifest.SUMS).write_text("", "utf-8")  # not part of a format-1 folder
    (tmp_path / "new" / manifest.SUMS_SIG).write_bytes(b"AAAA\n")
    said = {n: rl("verify-export", str(tmp_path / n), "--key", pub) for n in ("old", "new")}
    assert said["old"].returncode == 1 and said["old"].stdout == (
        "FAIL SHA256SUMS: added (not in the manifest)\n")
    assert said["new"].returncode == 1 and said["new"].stdout.startswith(
        "FAIL SHA256SUMS: its signature SHA256SUMS.sig does not match this key")
    (tmp_path / "new" / manifest.SUMS_SIG).unlink()
    assert rl("verify-export", str(tmp_path / "new"), "--key", pub).stdout.startswith(
        "FAIL SHA256SUMS.sig: missing")


# -- the SSH signature is OpenSSH's own ---------------------------------------------------------
def test_our_ssh_signature_is_byte_for_byte_what_ssh_keygen_writes(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    (tmp_path / "id").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption()))
    (tmp_path / "id").chmod(0o600)
    message = "".join(f"{i:064x}  file-{i}.csv\n" for i in range(3)).encode("ascii")
    (tmp_path / manifest.SUMS).write_bytes(message)
    signed = subprocess.run(["ssh-keygen", "-Y", "sign", "-f", str(tmp_path / "id"), "-n",
                             sshsig.NAMESPACE, str(tmp_path / manifest.SUMS)],
                            capture_output=True, text=True, timeout=60)
    assert signed.returncode == 0, signed.stderr
    theirs = (tmp_path / f"{manifest.SUMS}.sig").read_bytes()
    assert sshsig.sign(key, message) == theirs
    public = key.public_key()
    assert sshsig.is_valid(public, message, theirs)
    assert not sshsig.is_valid(public, message + b"\n", theirs)
    assert not sshsig.is_valid(public, message, theirs, namespace="git")
    assert not sshsig.is_valid(Ed25519PrivateKey.generate().public_key(), message, theirs)
    assert not sshsig.is_valid(public, message, theirs.replace(b"\n", b"\r\n"))
