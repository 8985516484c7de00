"""Promise 8, accounts (docs/security.md): the OWASP ASVS level 2 requirements that fit,
each test named after its requirement number, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from rightsledger import accounts
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.ledger import Ledger
from rightsledger.records import audit
from rightsledger.web.app import create_app
from rightsledger.web.auth import ACCOUNT_FAILURES, LoginLimiter
from tests.web.conftest import PASSWORDS, code_of, csrf_of, sign_in


def _add(ledger: Ledger, name: str, password: str) -> str:
    with ledger.store.writing() as conn:
        return accounts.add_user(conn, name, "viewer", password, "t")


def test_asvs_2_1_1_and_2_1_2_passwords_of_12_to_128_characters(ledger: Ledger) -> None:
    with pytest.raises(BadInput, match="use at least 12 characters"):
        _add(ledger, "short", "eleven chr!")
    with pytest.raises(BadInput, match="use at most 128 characters"):
        _add(ledger, "long", "x" * 129)
    assert _add(ledger, "spaces", "a river of tea at dawn") == "a river of tea at dawn"
    assert len(_add(ledger, "made", "")) >= 12  # a generated one


def test_asvs_2_1_7_common_breached_passwords_are_refused(ledger: Ledger) -> None:
    for common in ("1qaz2wsx3edc", "QWERTY123456", "leavemealone"):
        with pytest.raises(BadInput, match="most common breached passwords"):
            _add(ledger, "nora", common)
    with pytest.raises(BadInput, match="do not build it on the user's name"):
        _add(ledger, "nora", "Nora-is-the-best-2023")


def test_asvs_2_4_1_passwords_are_stored_as_argon2id(ledger: Ledger) -> None:
    _add(ledger, "vera", "a quiet street in Goris")
    with ledger.store.reading() as conn:
        stored = conn.execute(select(schema.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "Goris" not in stored


def test_asvs_2_2_1_at_most_100_failures_per_account_an_hour_from_any_address() -> None:
    limiter = LoginLimiter()
    for n in range(ACCOUNT_FAILURES):
        assert not limiter.blocked((f"10.0.{n // 250}.{n % 250}", "ana"))
        limiter.failed((f"10.0.{n // 250}.{n % 250}", "ana"))
    assert limiter.blocked(("192.168.1.1", "ana"))  # a new address: still refused
    assert not limiter.blocked(("192.168.1.1", "ben"))  # another account is not


def test_asvs_2_2_1_throttled_sign_ins_get_429_and_an_audit_event(client: TestClient) -> None:
    csrf = csrf_of(client, "/login")
    codes = [client.post("/login", data={"name": "ana", "password": "wrong-password",
                                         "csrf": csrf}).status_code for _ in range(6)]
    assert codes[-1] == 429
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    with ledger.store.reading() as conn:
        assert [e.action for e in audit.entries(conn, "security")][-1] == "login-throttled"


def test_asvs_3_2_1_and_3_2_2_a_new_random_token_at_every_sign_in(client: TestClient) -> None:
    tokens = []
    for _ in range(2):
        sign_in(client, "vic")
        tokens.append(client.cookies.get("rl_session"))
        client.post("/logout", data={"csrf": csrf_of(client, "/")})
    assert tokens[0] != tokens[1] and all(len(t) >= 43 for t in tokens)  # 256 random bits


def test_asvs_3_3_1_a_session_is_dead_after_sign_out(client: TestClient) -> None:
    sign_in(client, "vic")
    token = client.cookies.get("rl_session")
    client.post("/logout", data={"csrf": csrf_of(client, "/")})
    client.cookies.set("rl_session", token)  # someone kept the old cookie
    assert client.get("/", follow_redirects=False).status_code == 303


def test_asvs_3_3_2_sessions_end_after_30_idle_minutes_or_12_hours(ledger: Ledger) -> None:
    _add(ledger, "ida", "a lantern by the gate")
    start = datetime.now(UTC)
    with ledger.store.writing() as conn:
        user = accounts.check_password(conn, "ida", "a lantern by the gate")
        assert user is not None
        token = accounts.open_session(conn, user)[0]
    with ledger.store.writing() as conn:
        assert accounts.session_user(conn, token, start + timedelta(minutes=29))
        assert accounts.session_user(conn, token, start + timedelta(minutes=31)) is None
        moment = start
        for _ in range(24 * 2):  # a request every 29 minutes keeps it alive… for 12 hours
            moment += timedelta(minutes=29)
            alive = accounts.session_user(conn, token, moment) is not None
            if not alive:
                break
            accounts.touch_session(conn, token, moment)
        assert not alive and timedelta(hours=11, minutes=30) < moment - start <= \
            timedelta(hours=12, minutes=29)


def test_asvs_3_4_1_to_3_4_4_cookie_attributes(ledger: Ledger) -> None:
    _add(ledger, "cora", "the long road to Goris")
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path), base_url="https://testserver") as client:
        csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        done = client.post("/login", data={"name": "cora", "password": "the long road to Goris",
                                           "csrf": csrf}, follow_redirects=False)
    header = done.headers["set-cookie"]
    assert header.startswith("__Host-rl_session=")
    for attribute in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert attribute.lower() in header.lower(), attribute
    assert "domain=" not in header.lower()


def test_asvs_4_2_2_state_changes_need_the_csrf_token(client: TestClient) -> None:
    sign_in(client, "ana")
    refused = client.post("/incidents/2/decide", data={"action": "accept", "version": 1})
    assert refused.status_code == 403 and "CSRF" in refused.text
    assert PASSWORDS["ana"] not in refused.text


def test_asvs_2_7_and_2_8_admins_need_their_second_factor(client: TestClient) -> None:
    def attempt(name: str, code: str) -> int:
        csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        return client.post("/login", data={"name": name, "password": PASSWORDS[name],
                                           "csrf": csrf, "code": code},
                           follow_redirects=False).status_code

    assert attempt("admin", "") == 401  # the right password alone is not enough
    right = code_of("admin")
    wrong = str((int(right) + 1) % 10**6).zfill(6)
    assert attempt("admin", wrong) == 401
    assert attempt("admin", right) == 303
    client.cookies.clear()
    assert attempt("ana", "") == 303  # others: their password, until they enrol a factor


def test_asvs_2_8_1_codes_follow_rfc_6238(ledger: Ledger) -> None:
    import base64

    secret = base64.b32encode(b"12345678901234567890").decode()  # the RFC's test key
    assert [accounts.totp_at(secret, t) for t in (59, 1111111109, 1234567890)] == [
        "287082", "081804", "005924"]  # the RFC's SHA-1 vectors, last six digits
    _add(ledger, "root", "a long winter in the hills")
    with ledger.store.writing() as conn:
        user = accounts.check_password(conn, "root", "a long winter in the hills")
        assert user is not None
        admin = accounts.User(user.id, user.name, "admin")
        assert "enrol one" in (accounts.second_factor(conn, ledger.secret, admin, "") or "")
        factor = accounts.enrol_totp(conn, ledger.secret, "root", "t")
        now = 1_700_000_000.0
        for drift in (-30, 0, 30):  # a step either way: clocks drift
            code = accounts.totp_at(factor, now + drift)
            assert accounts.second_factor(conn, ledger.secret, admin, code, now) is None
        late = accounts.totp_at(factor, now - 90)
        assert accounts.second_factor(conn, ledger.secret, admin, late, now)
        stored = conn.execute(select(schema.users.c.totp_secret).where(
            schema.users.c.name == "root")).scalar_one()
    assert factor not in stored  # encrypted at rest


def test_asvs_2_8_4_a_code_signs_in_once(ledger: Ledger) -> None:
    """A code seen over a shoulder, or replayed from a captured request, is refused; so is a
    code of an earlier step once a later one was used. A new factor starts afresh."""
    _add(ledger, "root", "a long winter in the hills")
    now = 1_700_000_000.0
    with ledger.store.writing() as conn:
        user = accounts.check_password(conn, "root", "a long winter in the hills")
        assert user is not None
        admin = accounts.User(user.id, user.name, "admin")
        factor = accounts.enrol_totp(conn, ledger.secret, "root", "t")
        code = accounts.totp_at(factor, now)
        assert accounts.second_factor(conn, ledger.secret, admin, code, now) is None
        assert accounts.second_factor(conn, ledger.secret, admin, code, now + 5) == \
            "that code was used already: wait for the next one"
        earlier = accounts.totp_at(factor, now - 30)  # still within the drift window
        assert accounts.second_factor(conn, ledger.secret, admin, earlier, now) == \
            "that code was used already: wait for the next one"
        later = accounts.totp_at(factor, now + 30)
        assert accounts.second_factor(conn, ledger.secret, admin, later, now + 30) is None
        renewed = accounts.enrol_totp(conn, ledger.secret, "root", "t")
        fresh = accounts.totp_at(renewed, now + 30)
        assert accounts.second_factor(conn, ledger.secret, admin, fresh, now + 30) is None
