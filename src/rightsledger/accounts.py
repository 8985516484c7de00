"""Accounts: users with a role, argon2id password hashes, API tokens, login sessions.

Roles: admin (users, settings), analyst (ingest, review, edit), viewer (read, no sensitive
fields). Tokens and session ids are random; only their SHA-256 is stored, so a copy of the
database does not let anyone log in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, select, update

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.ground import utc_now
from rightsledger.privacy.fields import FieldCipher
from rightsledger.records import audit

ROLES = ("admin", "analyst", "viewer", "public")  # strongest first; public: no account
SESSION_HOURS = 12  # OWASP ASVS 3.3.2: signed out after 12 hours at most
IDLE_MINUTES = 30  # or after 30 minutes without a request
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this user has ``role`` or a stronger one."""
        return ROLES.index(self.role) <= ROLES.index(role)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(conn: Connection, name: str, role: str, password: str | None,
             actor: str) -> str:
    """Create a user; returns the password (a generated one when none is given)."""
    if role not in ROLES[:3]:
        raise BadInput(f"role: '{role}' is not one of {', '.join(ROLES[:3])}")
    if not name.strip() or conn.execute(select(schema.users.c.id).where(
            schema.users.c.name == name)).first():
        raise BadInput(f"user '{name}' already exists (or the name is empty)")
    password = password or secrets.token_urlsafe(12)
    check_new_password(name, password)
    key = conn.execute(schema.users.insert().values(
        name=name, role=role, password_hash=_hasher.hash(password), disabled=0,
        created_at=utc_now(), created_by=actor)).inserted_primary_key
    user_id = int(key[0]) if key else 0
    audit.write(conn, actor, "create", "user", user_id, after={"name": name, "role": role})
    return password


MIN_PASSWORD, MAX_PASSWORD = 12, 128


@cache
def _common() -> frozenset[str]:
    """30,000 passwords seen most often in breaches (zxcvbn's list, shipped with it)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.casefold() for p in FREQUENCY_LISTS["passwords"])


def check_new_password(name: str, password: str) -> None:
    """OWASP ASVS 2.1.1, 2.1.2 and 2.1.7: 12 to 128 characters, not a common breached
    password, and not built on the user's own name; any characters, spaces included."""
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"password: use at least {MIN_PASSWORD} characters (a phrase of a few "
                       "words is easiest to remember)")
    if len(password) > MAX_PASSWORD:
        raise BadInput(f"password: use at most {MAX_PASSWORD} characters")
    if password.casefold() in _common():
        raise BadInput("password: it is on the list of the most common breached passwords: "
                       "choose another")
    if len(name) >= 3 and name.casefold() in password.casefold():
        raise BadInput("password: do not build it on the user's name")


def check_password(conn: Connection, name: str, password: str) -> User | None:
    """The user, if the name and password match an enabled account."""
    t = schema.users
    row = conn.execute(select(t).where(t.c.name == name, t.c.disabled == 0)).mappings().first()
    try:
        if row is None or not _hasher.verify(row["password_hash"], password):
            return None
    except (VerificationError, InvalidHashError):
        return None
    return User(row["id"], row["name"], row["role"])


def new_token(conn: Connection, name: str, actor: str) -> str:
    """A new API token for a user (replacing the old one); shown once."""
    token = "rl_" + secrets.token_urlsafe(24)
    t = schema.users
    done = conn.execute(update(t).where(t.c.name == name).values(token_hash=_digest(token)))
    if done.rowcount != 1:
        raise NotFound(f"no user '{name}'")
    audit.write(conn, actor, "token", "user", name)
    return token


def by_token(conn: Connection, token: str) -> User | None:
    t = schema.users
    row = conn.execute(select(t).where(t.c.token_hash == _digest(token),
                                       t.c.disabled == 0)).mappings().first()
    return User(row["id"], row["name"], row["role"]) if row else None


def open_session(conn: Connection, user: User) -> tuple[str, str]:
    """A new session for a user: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (datetime.now(UTC) + timedelta(hours=SESSION_HOURS)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    conn.execute(schema.sessions.insert().values(token_hash=_digest(token), user_id=user.id,
                                                 csrf=csrf, expires_at=expires,
                                                 seen_at=_stamp(datetime.now(UTC))))
    return token, csrf


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def session_user(conn: Connection, token: str,
                 now: datetime | None = None) -> tuple[User, str, bool] | None:
    """The user and CSRF token of a live session (not past its 12 hours, seen within the
    last 30 minutes), and whether its last request was noted over a minute ago: then
    ``touch_session`` notes this one (at most one write a minute per session, to spare the
    database's write lock)."""
    s, u = schema.sessions, schema.users
    moment = now or datetime.now(UTC)
    row = conn.execute(select(u.c.id, u.c.name, u.c.role, s.c.csrf, s.c.seen_at)
                       .join(u, u.c.id == s.c.user_id)
                       .where(s.c.token_hash == _digest(token), u.c.disabled == 0,
                              s.c.expires_at > _stamp(moment),
                              s.c.seen_at > _stamp(moment - timedelta(minutes=IDLE_MINUTES))
                              )).first()
    if row is None:
        return None
    stale = row.seen_at < _stamp(moment - timedelta(minutes=1))
    return User(row.id, row.name, row.role), row.csrf, stale


def touch_session(conn: Connection, token: str, now: datetime | None = None) -> None:
    """Note a request in the session."""
    s = schema.sessions
    conn.execute(update(s).where(s.c.token_hash == _digest(token))
                 .values(seen_at=_stamp(now or datetime.now(UTC))))


def close_session(conn: Connection, token: str) -> None:
    conn.execute(delete(schema.sessions).where(schema.sessions.c.token_hash == _digest(token)))


def list_users(conn: Connection) -> list[dict[str, object]]:
    t = schema.users
    return [dict(r) for r in conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.disabled,
                                                 t.c.created_at).order_by(t.c.id)).mappings()]


# -- the second factor: TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) --------------
TOTP_STEP, TOTP_DIGITS = 30, 6
_TOTP_FIELD = "users.totp_secret"


def totp_at(secret_b32: str, moment: float, offset: int = 0) -> str:
    """The code of ``secret_b32`` for the 30-second step of ``moment`` (plus ``offset``)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8), casefold=True)
    counter = int(moment // TOTP_STEP) + offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[start:start + 4])[0] & 0x7FFFFFFF
    return str(number % 10**TOTP_DIGITS).zfill(TOTP_DIGITS)


def enrol_totp(conn: Connection, secret: bytes, name: str, actor: str) -> str:
    """Give a user a new TOTP secret (replacing any); return it in base32, shown once."""
    code_secret = base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")
    t = schema.users
    done = conn.execute(update(t).where(t.c.name == name).values(
        totp_secret=FieldCipher(secret).encrypt(code_secret, _TOTP_FIELD), totp_step=None))
    if done.rowcount != 1:
        raise NotFound(f"no user '{name}'")
    audit.write(conn, actor, "totp", "user", name)
    return code_secret


def totp_secret_of(conn: Connection, secret: bytes, name: str) -> str | None:
    t = schema.users
    token = conn.execute(select(t.c.totp_secret).where(t.c.name == name)).scalar()
    return FieldCipher(secret).decrypt(token, _TOTP_FIELD) if token else None


def second_factor(conn: Connection, secret: bytes, user: User, code: str,
                  moment: float | None = None) -> str | None:
    """Why the second factor refuses this sign-in, or None when it passes. Admins must have
    one (OWASP ASVS 2.7, 2.8); others use theirs when enrolled. A code is accepted once
    (ASVS 2.8.4): its time step is kept, and a code of that step or an earlier one is
    refused. Call inside a write transaction."""
    t = schema.users
    row = conn.execute(select(t.c.totp_secret, t.c.totp_step)
                       .where(t.c.name == user.name)).first()
    if row is None or not row.totp_secret:
        return ("admins sign in with a second factor: enrol one with `rightsledger users "
                "totp LEDGER NAME`") if user.role == "admin" else None
    enrolled = FieldCipher(secret).decrypt(row.totp_secret, _TOTP_FIELD)
    now = time.time() if moment is None else moment
    given = "".join(code.split())
    step = next((int(now // TOTP_STEP) + offset for offset in (-1, 0, 1)
                 if hmac.compare_digest(given, totp_at(enrolled, now, offset))), None)
    if step is None:
        return "wrong name, password or code"
    if row.totp_step is not None and step <= row.totp_step:
        return "that code was used already: wait for the next one"
    conn.execute(update(t).where(t.c.name == user.name).values(totp_step=step))
    return None
