"""A ledger is a folder: ledger.json, the records database, evidence objects and keys.

    ledger/
      ledger.json        id, format, settings
      records.db         SQLite records (unless settings.database_url names PostgreSQL)
      objects/ab/cdef…   originals, content-addressed, read-only
      keys/ledger.key    Ed25519 signing key (owner-only); keys/ledger.pub
      keys/secret.key    32 random bytes: field encryption and pseudonyms (owner-only)
      tmp/               atomic writes in progress

An encrypted ledger (`init --encrypt`, promise 6 of docs/security.md) keeps no key in the
clear: keys/vault.json holds its master key wrapped under the passphrase, and the signing
key, the field secret, the database's key (SQLCipher) and the objects' keys are derived from
it. ledger.json says "encrypted": true; keys/ledger.pub stays public.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection

from rightsledger import settings as settings_mod
from rightsledger.db import open_store
from rightsledger.db.store import GENESIS
from rightsledger.domain import CustodyEntry
from rightsledger.errors import LedgerError
from rightsledger.evidence import custody, keys
from rightsledger.evidence.objects import ObjectStore, Seal
from rightsledger.ground import write_atomic
from rightsledger.privacy import secret as privacy_secret
from rightsledger.privacy import vault
from rightsledger.privacy.secret import subkey

CONFIG = "ledger.json"
MEMORY = Path("/dev/shm")  # a memory file system on Linux
FORMAT = 1


def actor_name() -> str:
    """Who is acting: RIGHTSLEDGER_ACTOR, else the operating-system user."""
    return os.environ.get("RIGHTSLEDGER_ACTOR") or getpass.getuser()


class Ledger:
    """An open ledger: settings, records store, evidence objects and signing key."""

    def __init__(self, path: Path, config: dict[str, Any], master: bytes | None = None):
        self.path = path
        self.id: str = config["ledger_id"]
        self.settings = settings_mod.validate(config.get("settings", {}))
        self.master = master
        self.store = open_store(_database_url(path, config),
                                subkey(master, vault.DATABASE_KEY) if master else None)
        self.objects = ObjectStore(path, Seal(subkey(master, vault.OBJECT_WRAP_KEY),
                                              subkey(master, vault.OBJECT_NAME_KEY))
                                   if master else None)
        self._key: Ed25519PrivateKey | None = None
        self._secret: bytes | None = None

    @property
    def encrypted(self) -> bool:
        return self.master is not None

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def init(cls, path: Path, database_url: str | None = None,
             passphrase: str | None = None) -> Ledger:
        """Create a new ledger in an empty or missing folder; on failure leave no folder.
        With ``passphrase``, everything in it is encrypted (see the module's help)."""
        path = path.resolve()
        if (path / CONFIG).exists():
            raise LedgerError(f"{path} already holds a ledger: open it instead of init")
        if path.exists() and any(path.iterdir()):
            raise LedgerError(f"{path} is not empty: choose a new folder for the ledger")
        created = not path.exists()
        path.mkdir(parents=True, exist_ok=True)
        try:
            return cls._create(path, database_url, passphrase)
        except BaseException:
            if created:
                shutil.rmtree(path)
            else:
                _empty(path)
            raise

    @classmethod
    def _create(cls, path: Path, database_url: str | None,
                passphrase: str | None) -> Ledger:
        config: dict[str, Any] = {
            "format": FORMAT, "ledger_id": str(uuid.uuid4()),
            "settings": {"database_url": database_url} if database_url else {}}
        master = None
        if passphrase is not None:
            config["encrypted"] = True
            master = vault.create(path / "keys", passphrase)
        ledger = cls(path, config, master)
        try:
            ledger.store.require_durable()
            ledger.store.migrate()
            other = ledger.store.get_meta("ledger_id")
            if other:
                raise LedgerError(f"the database already holds ledger {other}: give an empty "
                                  "database to a new ledger")
            if master is None:
                keys.create(path / "keys")
                privacy_secret.create(path / "keys")
            else:
                keys.write_public(path / "keys", ledger.signing_key)
            ledger.objects.create()
            with ledger.store.writing() as conn:
                ledger.store.set_meta(conn, "ledger_id", ledger.id)
                ledger.record(conn, "init", details={"ledger_id": ledger.id})
        except BaseException:
            ledger.close()
            raise
        _write_json_atomic(path / CONFIG, config)
        return ledger

    @classmethod
    def open(cls, path: Path | str | None, passphrase: str | None = None) -> Ledger:
        """Open the ledger at ``path`` (or RIGHTSLEDGER_HOME); an encrypted one with
        ``passphrase``, else RIGHTSLEDGER_PASSPHRASE, else asked on the terminal."""
        path = Path(path or os.environ.get("RIGHTSLEDGER_HOME") or "")
        config = read_config(path)
        master = None
        if config.get("encrypted"):
            master = vault.unlock(path / "keys", vault.ask() if passphrase is None
                                  else passphrase)
        ledger = cls(path.resolve(), config, master)
        try:
            ledger.store.require_durable()
        except BaseException:
            ledger.close()
            raise
        ledger.store.migrate()
        ledger._check_identity()
        ledger.objects.clean_tmp()
        return ledger

    def staging(self, kind: str) -> Path:
        """A new folder's path for files received over the web before they are ingested:
        tmp/KIND-… in the ledger; for an encrypted ledger, in memory (/dev/shm), so that
        they never reach its disk in the clear."""
        name = f"{kind}-{uuid.uuid4().hex}"
        if self.encrypted and MEMORY.is_dir():
            return MEMORY / f"rightsledger-{name}"
        return self.path / "tmp" / name

    def _check_identity(self) -> None:
        stored = self.store.get_meta("ledger_id")
        if stored != self.id:
            raise LedgerError(f"the database belongs to ledger {stored}, not to {self.id}: "
                              "check database_url in ledger.json")

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- custody ----------------------------------------------------------------------------
    @property
    def public_key_path(self) -> Path:
        return self.path / "keys" / keys.PUBLIC

    def record(self, conn: Connection, action: str, obj: str = "",
               details: dict[str, Any] | None = None, actor: str | None = None) -> CustodyEntry:
        """Append a signed custody entry inside the caller's write transaction."""
        entry = custody.new_entry(self.store.chain_head(conn), self.signing_key,
                                  actor or actor_name(), action, obj, details)
        self.store.append_custody(conn, entry)
        return entry

    @property
    def signing_key(self) -> Ed25519PrivateKey:
        """The ledger's Ed25519 key: keys/ledger.key, or derived from the master key."""
        if self._key is None:
            self._key = (keys.load_private(self.path / "keys") if self.master is None else
                         keys.from_seed(subkey(self.master, vault.SIGNING_KEY)))
        return self._key

    @property
    def secret(self) -> bytes:
        """The ledger's secret for sensitive fields (made now for ledgers older than it)."""
        if self._secret is None and self.master is not None:
            self._secret = subkey(self.master, vault.SECRET_KEY)
        if self._secret is None:
            keys_dir = self.path / "keys"
            # Only a ledger without encrypted fields may get a new secret: with victims,
            # contacts, consents or stories recorded, a lost secret.key is an error, never
            # silently replaced.
            self._secret = (privacy_secret.load(keys_dir) if self.store.has_encrypted_fields()
                            else privacy_secret.load_or_create(keys_dir))
        return self._secret

    def chain_break(self) -> tuple[int, str | None]:
        """How many custody entries were checked, and the first broken one if any."""
        public = keys.load_public(self.public_key_path)
        return custody.first_break(self.store.custody(), public, GENESIS)


def read_config(path: Path) -> dict[str, Any]:
    """The ledger.json of the ledger at ``path``; a one-line LedgerError if there is none."""
    if not str(path):
        raise LedgerError("no ledger given: pass its folder or set RIGHTSLEDGER_HOME")
    config_file = path / CONFIG
    if not config_file.is_file():
        raise LedgerError(f"no ledger at {path}: create one with `rightsledger init {path}`")
    try:
        config: dict[str, Any] = json.loads(config_file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise LedgerError(f"{config_file} is unreadable: {exc}") from exc
    return config


def _empty(path: Path) -> None:
    for child in path.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def _database_url(path: Path, config: dict[str, Any]) -> str:
    url = config.get("settings", {}).get("database_url")
    return url or f"sqlite:///{(path / 'records.db').resolve()}"


def _write_json_atomic(target: Path, value: dict[str, Any]) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    write_atomic(target, text.encode("utf-8"))
