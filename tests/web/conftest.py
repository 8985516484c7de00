"""A ledger with records and users, and the app over it (a real server for the browser)."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rightsledger import accounts
from rightsledger.ledger import Ledger
from rightsledger.media import consent, photos, stories
from rightsledger.network import contacts, engagements
from rightsledger.records import (
    claims,
    disruptions,
    incidents,
    inquiries,
    obligations,
    statements,
    victims,
)
from rightsledger.review.decide import regrade
from rightsledger.web.app import create_app
from rightsledger.workflow.ingest import ingest
from tests.media import images

FIXER_NAME, FIXER_PHONE = "Canary Fixername", "+374 99 555 777"
PASSWORDS = {"admin": "river-stone-4411", "ana": "morning-bread-77", "vic": "quiet-valley-958"}
SECRET_NAME = "Canary Victimname"
FACTORS: dict[str, str] = {}  # the admin's TOTP secret of the ledger filled last


def code_of(name: str) -> str:
    """The user's current sign-in code, if they have a second factor."""
    return accounts.totp_at(FACTORS[name], time.time()) if name in FACTORS else ""


REPORT = ("Stepanakert was shelled on 3 October 2020, the Human Rights Defender of Artsakh "
          "said; 12 civilians were killed.\n")


def fill(ledger: Ledger) -> str:
    """Two incidents (one proposed), the corridor, an unmet order and an inquiry, three
    users; returns
    an API token of the analyst."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "report.txt").write_text(REPORT, "utf-8")
        ingest(ledger, [Path(tmp)], {"kind": "report", "publisher": "Ombudsman B"})
    with ledger.store.writing() as conn:
        statements.add(conn, {"by": "Amnesty International", "date": "2023-02-09",
                              "demands": ["reopen the corridor"]}, "setup")
        for name, role in (("admin", "admin"), ("ana", "analyst"), ("vic", "viewer")):
            accounts.add_user(conn, name, role, PASSWORDS[name], "setup")
        FACTORS["admin"] = accounts.enrol_totp(conn, ledger.secret, "admin", "setup")
        shelling = incidents.create(conn, {"type": "shelling", "date_start": "2020-10-03",
                                           "date_end": "2020-10-03",
                                           "places": ["Stepanakert"]}, "setup")
        claims.add(conn, {"incident_id": shelling, "by": "Ombudsman B", "killed": 12}, "setup")
        claims.add(conn, {"incident_id": shelling, "by": "Army C", "stance": "denies"}, "setup")
        victims.add(conn, ledger.secret, {"real_name": SECRET_NAME, "incident_id": shelling,
                                          "harm": "injured"}, "setup")
        regrade(conn, shelling, "setup")
        incidents.create(conn, {"type": "blockade", "date_start": "2022-12-12",
                                "places": ["Lachin corridor"]}, "setup", status="proposed")
        corridor = disruptions.add(conn, {"kind": "road", "area": "Lachin corridor",
                                          "start": "2022-12-12", "population": 120000},
                                   "setup")
        order = obligations.add(conn, {"kind": "court_order",
                                       "issuer": "International Court of Justice",
                                       "addressee": "Republic of Azerbaijan",
                                       "title": "Provisional measures", "date": "2023-02-22"},
                                "setup")
        obligations.observe(conn, order, {"date": "2023-03-01", "finding": "not_complied",
                                          "disruption_id": corridor}, "setup")
        inquiries.add(conn, {"reference": "OMB/2023/017", "addressee": "Ministry of Health",
                             "sent": "2023-03-01", "subject": "Dialysis patients",
                             "questions": ["How many patients were moved?"],
                             "disruptions": [corridor]}, "setup")
        token = accounts.new_token(conn, "ana", "setup")
    _media(ledger, shelling)
    return token


def _media(ledger: Ledger, incident: int) -> None:
    """A published photo (1) and an unpublished one (2), a story with consent for the web,
    a fixer and a press trip."""
    with tempfile.TemporaryDirectory() as tmp:
        published = images.write(Path(tmp), "queue.jpg", images.photo(when="2020:10:03 12:00:00"))
        hidden = images.write(Path(tmp), "shelves.jpg", images.photo(shade=60))
        first = photos.add(ledger, published, {"incident_id": incident, "photographer": "P. One",
                                               "credit": "RL test", "licence": "CC-BY-4.0"},
                           "setup")
        photos.add(ledger, hidden, {"photographer": "P. Two"}, "setup")
    with ledger.store.writing() as conn:
        photos.confirm(conn, first, "setup")
        consent.add(conn, ledger.secret, {"item_kind": "photo", "item_id": first,
                                          "person": "Depicted Person", "scopes": "web,press"},
                    "setup")
        story = stories.add(conn, ledger.secret, {
            "title": "A night in the shelter", "body": "She spent the night in the basement.",
            "incident_ids": [incident], "victim_ids": [1]}, "setup")
        consent.add(conn, ledger.secret, {"item_kind": "story", "item_id": story,
                                          "person": "Quoted Person", "scopes": "web"}, "setup")
        fixer = contacts.add(conn, ledger.secret, {"name": FIXER_NAME, "reach": FIXER_PHONE,
                                                   "kind": "fixer", "region": "Syunik",
                                                   "expertise": "roads"}, "setup")
        engagements.add(conn, {"kind": "press_trip", "title": "The road to Goris",
                               "start": "2023-02-01", "places": ["Goris"],
                               "participants": [str(fixer), "Jane Example (Daily Example)"],
                               "materials": [f"photo:{first}"]}, "setup")


@pytest.fixture(scope="session", autouse=True)
def _hash_each_password_once() -> Iterator[None]:
    """Argon2id takes about 0.1 s per hash by design; every web test makes the same three
    users, so each password is hashed once per session and the hash reused (salted once;
    verifying at sign-in stays the real, full check)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_hasher", _HashOnce(accounts._hasher))
        yield


class _HashOnce:
    """A password hasher that hashes each password once and reuses the hash."""

    def __init__(self, real: Any) -> None:
        self._real, self._made = real, {}

    def hash(self, password: str) -> str:
        if password not in self._made:
            self._made[password] = self._real.hash(password)
        return str(self._made[password])

    def __getattr__(self, name: str) -> Any:  # verify, check_needs_rehash…
        return getattr(self._real, name)


@pytest.fixture
def client(ledger: Ledger) -> Iterator[TestClient]:
    token = fill(ledger)
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path)) as test_client:
        test_client.headers["x-test-token"] = token  # where the API test finds it
        yield test_client


def sign_in(client: TestClient, name: str) -> None:
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    done = client.post("/login", data={"name": name, "password": PASSWORDS[name],
                                       "csrf": csrf, "next": "/", "code": code_of(name)},
                       follow_redirects=False)
    assert done.status_code == 303, done.text


def sign_in_page(page: Any, login_url: str, name: str = "ana") -> None:
    """In a real browser (a Playwright page): open the sign-in form at ``login_url`` and
    sign in as ``name`` (a user without a second factor)."""
    page.goto(login_url)
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()


def csrf_of(client: TestClient, path: str) -> str:
    return client.get(path).text.split('name="csrf" value="')[1].split('"')[0]


@pytest.fixture
def served_ledger(tmp_path: Path) -> Path:
    with Ledger.init(tmp_path / "ledger") as ledger:
        fill(ledger)
        return ledger.path


@pytest.fixture
def public_client(ledger: Ledger) -> Iterator[TestClient]:
    fill(ledger)
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path, public=True)) as test_client:
        yield test_client


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, for a real `rightsledger serve`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, proc: subprocess.Popen[str]) -> None:
    """Until the server of ``proc`` listens on ``port`` (at most 20 s)."""
    for _ in range(200):
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited: {proc.stdout.read() if proc.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("serve did not start listening in 20 s")
