"""Promise 8 of docs/security.md (ASVS 2.2.1), on both engines: the sign-in limit counts the
client's real address. X-Forwarded-For is believed only from a proxy the ledger's
``trusted_proxies`` setting names; a client that rotates the header itself is still
refused after five failures — through the app, and through a real `rightsledger serve`,
whose uvicorn would otherwise believe any client on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rightsledger.errors import LedgerError
from rightsledger.ledger import Ledger
from rightsledger.web.app import create_app
from rightsledger.web.security import trusted_proxies
from tests.web.conftest import fill
from tests.web.test_browser import server  # noqa: F401  (the fixture: a real serve)

ATTEMPTS = 7  # past the limit of 5 per address and name


def _set(path: Path, **settings: str) -> None:
    config = json.loads((path / "ledger.json").read_text("utf-8"))
    config.setdefault("settings", {}).update(settings)
    (path / "ledger.json").write_text(json.dumps(config), "utf-8")


@pytest.fixture
def filled(ledger: Ledger) -> Iterator[Path]:
    fill(ledger)
    yield ledger.path
    ledger.close()


def _failures(client: httpx.Client | TestClient, forwarded: list[str]) -> list[int]:
    """Failed sign-ins of ana, each claiming to come from the next forwarded address."""
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    return [client.post("/login", headers={"X-Forwarded-For": address},
                        data={"name": "ana", "password": "wrong-password", "csrf": csrf}
                        ).status_code for address in forwarded]


ROTATED = [f"203.0.113.{n}" for n in range(ATTEMPTS)]


def test_promise_8_a_rotated_forwarded_for_from_an_untrusted_client_is_limited(
        filled: Path) -> None:
    _set(filled, trusted_proxies="10.9.9.9")  # a proxy, but not this client
    with TestClient(create_app(filled), client=("198.51.100.7", 40000)) as client:
        codes = _failures(client, ROTATED)
    assert codes[:5] == [401] * 5 and codes[5:] == [429] * (ATTEMPTS - 5)


def test_promise_8_a_named_proxy_forwards_its_clients_addresses(filled: Path) -> None:
    _set(filled, trusted_proxies="127.0.0.1, 10.0.0.0/24")
    with TestClient(create_app(filled), client=("10.0.0.5", 40000)) as client:
        rotated = _failures(client, ROTATED)  # seven people behind the proxy
        one = _failures(client, ["198.51.100.20"] * ATTEMPTS)  # one person, seven times
    assert rotated == [401] * ATTEMPTS
    assert one[:5] == [401] * 5 and one[5:] == [429] * (ATTEMPTS - 5)


def test_promise_8_serve_believes_no_forwarded_header_by_default(server: str) -> None:  # noqa: F811
    with httpx.Client(base_url=server, timeout=30) as client:
        codes = _failures(client, ROTATED)
    assert codes[:5] == [401] * 5 and codes[5:] == [429] * (ATTEMPTS - 5)


def test_promise_8_a_wrong_trusted_proxy_is_one_line() -> None:
    assert trusted_proxies("") == [] and trusted_proxies(["::1"]) == ["::1"]
    assert trusted_proxies("127.0.0.1, 10.0.0.0/24") == ["127.0.0.1", "10.0.0.0/24"]
    with pytest.raises(LedgerError, match="'proxy.example.org' is not an address or a network"):
        trusted_proxies("127.0.0.1, proxy.example.org")
