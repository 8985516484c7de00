"""Promise 13, the security log (docs/security.md), on both engines: a scripted scenario —
a wrong password, a sign-in, a page the role may not see, a contact's details revealed, a
sign-out, a visit without a session — yields exactly the expected events, hash-chained, in
UTC, each with the request id its response carried; and neither the password nor the
session token appears anywhere in the ledger's files."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from rightsledger.records import audit
from tests.web.conftest import FIXER_NAME, PASSWORDS, code_of, csrf_of


def _login(client: TestClient, name: str, password: str) -> tuple[int, str]:
    csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    done = client.post("/login", data={"name": name, "password": password, "csrf": csrf,
                                       "next": "/", "code": code_of(name)},
                       follow_redirects=False)
    return done.status_code, done.headers["x-request-id"]


def test_promise_13_a_scenario_yields_exactly_the_expected_events(client: TestClient) -> None:
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    with ledger.store.reading() as conn:
        start = audit.head(conn)[0]
    assert _login(client, "vic", "not-the-password")[0] == 401
    status, signed_in = _login(client, "vic", PASSWORDS["vic"])
    assert status == 303
    token = client.cookies.get("rl_session") or next(iter(client.cookies.values()))
    denied = client.get("/admin/users", follow_redirects=False)
    assert denied.status_code == 403
    client.post("/logout", data={"csrf": csrf_of(client, "/")}, follow_redirects=False)
    _login(client, "admin", PASSWORDS["admin"])
    csrf = csrf_of(client, "/contacts/1")
    shown = client.post("/contacts/1/reveal", data={"csrf": csrf})
    assert FIXER_NAME in shown.text
    client.post("/logout", data={"csrf": csrf_of(client, "/")}, follow_redirects=False)
    anonymous = client.get("/api/incidents", follow_redirects=False)
    assert anonymous.status_code == 401
    with ledger.store.reading() as conn:
        events = [e for e in audit.entries(conn) if e.seq > start]
        assert audit.first_break(conn) is None  # hash-chained
    said = [(e.actor, e.action, e.entity) for e in events]
    assert said == [("anonymous", "login-failed", "security"), ("vic", "login", "security"),
                    ("vic", "denied", "security"), ("vic", "logout", "security"),
                    ("admin", "login", "security"), ("admin", "reveal", "contact"),
                    ("admin", "logout", "security"), ("anonymous", "denied", "security")]
    assert events[1].after["request"] == signed_in and events[1].after["role"] == "viewer"
    assert events[2].after == {"request": denied.headers["x-request-id"], "method": "GET",
                               "path": "/admin/users", "needs": "admin", "status": 403,
                               "role": "viewer"}
    assert events[-1].after["request"] == anonymous.headers["x-request-id"]
    assert all(e.at.endswith("Z") for e in events)  # UTC
    secrets = [PASSWORDS["vic"].encode(), PASSWORDS["admin"].encode(), b"not-the-password",
               token.encode()]
    files = [p for p in Path(ledger.path).rglob("*") if p.is_file()]
    leaked = [(p.name, s) for p in files for s in secrets if s in p.read_bytes()]
    assert leaked == []
    if ledger.store.dialect == "postgresql":
        with ledger.store.reading() as conn:
            dumped = repr([tuple(r) for r in conn.exec_driver_sql("SELECT * FROM audit")])
        assert not [s for s in secrets if s.decode() in dumped]
