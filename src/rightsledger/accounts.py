"""Accounts: users with a role, argon2id password hashes, API tokens, login sessions.

Roles: admin (users, settings), analyst (ingest, review, edit), viewer (read, no sensitive
fields). Tokens and session ids are random; only their SHA-256 is stored, so a copy of the
database does not let anyone log in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, select, update

from rightsledger.db import schema
from rightsledger.errors import BadInput, NotFound
from rightsledger.evidence.custody import utc_now
from rightsledger.records import audit

ROLES = ("admin", "analyst", "viewer", "public")  # strongest first; public: no account
SESSION_HOURS = 12
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
    if len(password) < 10:
        raise BadInput("password: use at least 10 characters")
    key = conn.execute(schema.users.insert().values(
        name=name, role=role, password_hash=_hasher.hash(password), disabled=0,
        created_at=utc_now(), created_by=actor)).inserted_primary_key
    user_id = int(key[0]) if key else 0
    audit.write(conn, actor, "create", "user", user_id, after={"name": name, "role": role})
    return password


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
                                                 csrf=csrf, expires_at=expires))
    return token, csrf


def session_user(conn: Connection, token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session."""
    s, u = schema.sessions, schema.users
    row = conn.execute(select(u.c.id, u.c.name, u.c.role, s.c.csrf)
                       .join(u, u.c.id == s.c.user_id)
                       .where(s.c.token_hash == _digest(token), u.c.disabled == 0,
                              s.c.expires_at > utc_now()[:19] + "Z")).first()
    return (User(row.id, row.name, row.role), row.csrf) if row else None


def close_session(conn: Connection, token: str) -> None:
    conn.execute(delete(schema.sessions).where(schema.sessions.c.token_hash == _digest(token)))


def list_users(conn: Connection) -> list[dict[str, object]]:
    t = schema.users
    return [dict(r) for r in conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.disabled,
                                                 t.c.created_at).order_by(t.c.id)).mappings()]
