"""Privacy: the ledger's secret, field encryption, pseudonyms and redaction."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import stat
import threading
from pathlib import Path

import pytest

from rightsledger.errors import BadInput, LedgerError
from rightsledger.privacy import (
    Audience,
    FieldCipher,
    identity_hash,
    normalize_identity,
    pseudonym,
    redact,
    secret,
)
from rightsledger.privacy.pseudonyms import CROCKFORD

CONTEXT = "victims.real_name"
TEXTS = ["Anna Petrosyan, +374 55 010101", "Анна Петросян, ул. Ленина 5, кв. 12",
         "Աննա Պետրոսյան, Ստեփանակերտ, Թումանյան 5"]
PSEUDONYM = re.compile(r"^V-[0-9A-HJKMNP-TV-Z]{8}$")


@pytest.fixture
def key(tmp_path: Path) -> bytes:
    return secret.create(tmp_path / "keys")


def _blob(token: str) -> bytes:
    body = token.removeprefix("v1.")
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def _token(blob: bytes) -> str:
    return "v1." + base64.urlsafe_b64encode(blob).decode("ascii").rstrip("=")


# -- the secret ------------------------------------------------------------------------------

def test_secret_file_is_owner_only_and_holds_what_create_returned(tmp_path: Path) -> None:
    keys_dir = tmp_path / "keys"
    made = secret.create(keys_dir)
    assert len(made) == 32
    assert (keys_dir / secret.NAME).read_bytes() == made
    assert stat.S_IMODE(os.stat(keys_dir / secret.NAME).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(keys_dir).st_mode) == 0o700
    assert os.listdir(keys_dir) == [secret.NAME], "no temp file is left behind"


def test_create_never_replaces_a_secret(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(LedgerError, match="already exists"):
        secret.create(tmp_path / "keys")
    assert secret.load(tmp_path / "keys") == key


def test_load_or_create_twice_returns_the_same_bytes(tmp_path: Path) -> None:
    first = secret.load_or_create(tmp_path / "keys")
    assert secret.load_or_create(tmp_path / "keys") == first
    assert secret.load(tmp_path / "keys") == first


def test_load_or_create_racing_threads_all_get_the_winners_secret(tmp_path: Path) -> None:
    barrier, got = threading.Barrier(8), []

    def race() -> None:
        barrier.wait()
        got.append(secret.load_or_create(tmp_path / "keys"))

    threads = [threading.Thread(target=race) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 and set(got) == {secret.load(tmp_path / "keys")}
    assert os.listdir(tmp_path / "keys") == [secret.NAME]


def test_missing_secret_is_a_clear_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match=r"secret\.key is missing: restore it") as info:
        secret.load(tmp_path / "keys")
    assert "\n" not in str(info.value) and info.value.__cause__ is None


def test_secret_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    (tmp_path / secret.NAME).write_bytes(b"short")
    with pytest.raises(LedgerError, match="holds 5 bytes, not 32"):
        secret.load(tmp_path)


def test_subkeys_differ_per_purpose_and_from_the_secret(key: bytes) -> None:
    subkeys = {secret.subkey(key, label)
               for label in (secret.FIELD_KEY, secret.PSEUDONYM_KEY, secret.IDENTITY_KEY)}
    assert len(subkeys) == 3 and key not in subkeys
    assert secret.subkey(key, secret.FIELD_KEY) == secret.subkey(key, secret.FIELD_KEY)


# -- field encryption ------------------------------------------------------------------------

@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_in_english_russian_armenian(key: bytes, text: str) -> None:
    cipher = FieldCipher(key)
    token = cipher.encrypt(text, CONTEXT)
    assert token.startswith("v1.") and re.fullmatch(r"v1\.[A-Za-z0-9_-]+", token)
    assert FieldCipher(key).decrypt(token, CONTEXT) == text


@pytest.mark.parametrize("text", TEXTS)
def test_ciphertext_does_not_contain_the_plaintext(key: bytes, text: str) -> None:
    token = FieldCipher(key).encrypt(text, CONTEXT)
    blob = _blob(token)
    assert len(blob) == 12 + len(text.encode("utf-8")) + 16
    for encoded in (text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16")):
        assert encoded not in blob
    assert text.split()[0] not in token


def test_two_encryptions_of_the_same_text_differ(key: bytes) -> None:
    cipher = FieldCipher(key)
    first, second = cipher.encrypt(TEXTS[0], CONTEXT), cipher.encrypt(TEXTS[0], CONTEXT)
    assert first != second
    assert _blob(first)[:12] != _blob(second)[:12], "each call draws a new nonce"


def test_a_token_moved_to_another_field_does_not_decrypt(key: bytes) -> None:
    cipher = FieldCipher(key)
    token = cipher.encrypt(TEXTS[1], "victims.real_name")
    with pytest.raises(LedgerError, match="cannot decrypt victims.address") as info:
        cipher.decrypt(token, "victims.address")
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.parametrize("position", [0, 11, 12, -1])
def test_a_flipped_byte_is_detected(key: bytes, position: int) -> None:
    cipher = FieldCipher(key)
    blob = bytearray(_blob(cipher.encrypt(TEXTS[2], CONTEXT)))
    blob[position] ^= 0x01
    with pytest.raises(LedgerError, match="altered"):
        cipher.decrypt(_token(bytes(blob)), CONTEXT)


def test_another_ledgers_secret_cannot_decrypt(tmp_path: Path, key: bytes) -> None:
    other = secret.create(tmp_path / "other")
    token = FieldCipher(key).encrypt(TEXTS[0], CONTEXT)
    with pytest.raises(LedgerError, match="another ledger's secret"):
        FieldCipher(other).decrypt(token, CONTEXT)


@pytest.mark.parametrize("token", ["Anna Petrosyan", "v1.", "v1.AAAA", "v2.AAAAAAAAAAAAAAAA",
                                   "v1.not base64!"])
def test_something_that_is_not_a_token_is_refused(key: bytes, token: str) -> None:
    with pytest.raises(LedgerError, match=CONTEXT):
        FieldCipher(key).decrypt(token, CONTEXT)


def test_optional_fields_pass_none_through(key: bytes) -> None:
    cipher = FieldCipher(key)
    assert cipher.encrypt_optional(None, CONTEXT) is None
    assert cipher.decrypt_optional(None, CONTEXT) is None
    token = cipher.encrypt_optional(TEXTS[0], CONTEXT)
    assert token is not None and token != TEXTS[0]
    assert cipher.decrypt_optional(token, CONTEXT) == TEXTS[0]


# -- pseudonyms ------------------------------------------------------------------------------

@pytest.mark.parametrize("variants", [
    ("  Anna  PETROSYAN ", "anna petrosyan", "Anna\tPetrosyan.", "ANNA\u00a0PETROSYAN"),
    ("Анна Петросян", "  АННА   ПЕТРОСЯН  ", "Анна, Петросян"),
    ("Աննա Պետրոսյան", "ԱՆՆԱ ՊԵՏՐՈՍՅԱՆ", "Աննա  Պետրոսյան։"),
    ("Ter-Petrosyan", "ter petrosyan"),
    ("O'Brien", "O\u2019Brien", "obrien"),
])
def test_normalization_variants_are_one_identity(key: bytes, variants: tuple[str, ...]) -> None:
    assert len({normalize_identity(v) for v in variants}) == 1
    assert len({pseudonym(key, v) for v in variants}) == 1
    assert len({identity_hash(key, v) for v in variants}) == 1


def test_normalize_identity_keeps_letters_of_every_script() -> None:
    assert normalize_identity("  Anna  PETROSYAN ") == "anna petrosyan"
    assert normalize_identity("Анна ПЕТРОСЯН") == "анна петросян"
    assert normalize_identity("ԱՆՆԱ Պետրոսյան") == "աննա պետրոսյան"


def test_pseudonym_is_stable_and_well_formed(key: bytes) -> None:
    first = pseudonym(key, "Anna Petrosyan")
    assert PSEUDONYM.match(first), first
    assert all(pseudonym(key, "Anna Petrosyan") == first for _ in range(5))
    assert pseudonym(key, "Anna Petrosyan", prefix="W") == "W-" + first[2:]
    assert not set(first[2:]) & set("ILOU") and set(first[2:]) <= set(CROCKFORD)


def test_different_people_and_different_secrets_differ(tmp_path: Path, key: bytes) -> None:
    other = secret.create(tmp_path / "other")
    assert pseudonym(key, "Anna Petrosyan") != pseudonym(key, "Aram Petrosyan")
    assert pseudonym(key, "Anna Petrosyan") != pseudonym(other, "Anna Petrosyan")
    assert identity_hash(key, "Anna Petrosyan") != identity_hash(other, "Anna Petrosyan")


def test_identity_hash_is_not_derivable_from_the_pseudonym_key(key: bytes) -> None:
    found = identity_hash(key, "Anna Petrosyan")
    assert re.fullmatch(r"[0-9a-f]{64}", found)
    text = normalize_identity("Anna Petrosyan").encode("utf-8")
    pseudonym_mac = hmac.new(secret.subkey(key, secret.PSEUDONYM_KEY), text,
                             hashlib.sha256).hexdigest()
    plain_mac = hmac.new(key, text, hashlib.sha256).hexdigest()
    assert found not in (pseudonym_mac, plain_mac)
    code = pseudonym(key, "Anna Petrosyan")[2:]
    assert code != pseudonym(key, "x")[2:]  # sanity: codes vary with the name
    assert _crockford40(bytes.fromhex(found)[:5]) != code
    assert _crockford40(bytes.fromhex(pseudonym_mac)[:5]) == code


def _crockford40(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    return "".join(CROCKFORD[(number >> s) & 31] for s in range(35, -1, -5))


def test_a_name_without_letters_is_refused(key: bytes) -> None:
    with pytest.raises(BadInput, match="no letters or digits"):
        pseudonym(key, " ,.- ")


# -- redaction -------------------------------------------------------------------------------

RECORD = {
    "id": 7, "pseudonym": "V-7KQ3M2XD", "real_name": "Anna Petrosyan", "notes_internal": "x",
    "contact": "+374", "harms": [{"incident": 3, "address": "Tumanyan 5", "harm": "injured"}],
    "family": {"spouse": {"real_name": "Aram", "contact": None, "age_group": "adult"}},
}


def _all_keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _all_keys(v)}
    if isinstance(value, list | tuple):
        return {k for v in value for k in _all_keys(v)}
    return set()


def test_analyst_sees_everything_in_a_copy() -> None:
    seen = redact(RECORD, Audience.ANALYST)
    assert seen == RECORD
    seen["family"]["spouse"]["real_name"] = "changed"
    assert RECORD["family"]["spouse"]["real_name"] == "Aram"  # type: ignore[index]


@pytest.mark.parametrize("audience", [Audience.VIEWER, Audience.PUBLIC, "viewer", "public"])
def test_viewer_and_public_lose_every_nested_sensitive_key(audience: Audience | str) -> None:
    seen = redact(RECORD, audience)
    assert not _all_keys(seen) & {"real_name", "contact", "address"}
    assert seen["harms"] == [{"incident": 3, "harm": "injured"}]
    assert seen["family"] == {"spouse": {"age_group": "adult"}}
    assert seen["pseudonym"] == "V-7KQ3M2XD"
    assert RECORD["real_name"] == "Anna Petrosyan" and "address" in RECORD["harms"][0]  # type: ignore[index]


def test_only_public_loses_internal_notes() -> None:
    assert redact(RECORD, Audience.VIEWER)["notes_internal"] == "x"
    assert "notes_internal" not in redact(RECORD, Audience.PUBLIC)
    assert "notes_internal" in redact(RECORD, Audience.ANALYST)


def test_unknown_audience_is_refused() -> None:
    with pytest.raises(ValueError, match="everyone"):
        redact(RECORD, "everyone")
