"""Issue 18, a complete API: a client generated with `openapi-python-client` from the
running server's /openapi.json, used against that server as a partner tool would use it:
list incidents, read one with typed attributes, page with the cursor, and get a typed
problem detail for a bad filter."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from rightsledger.ledger import Ledger
from rightsledger.records import incidents
from tests.web.conftest import fill, free_port, wait_for

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "rightsledger_client"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`rightsledger serve` over a ledger with five incidents; its address and an analyst's
    API token."""
    with Ledger.init(tmp_path / "ledger") as ledger:
        token = fill(ledger)
        with ledger.store.writing() as conn:
            for day in ("2021-05-01", "2021-06-01", "2021-07-01"):
                incidents.create(conn, {"type": "shelling", "date_start": day,
                                        "date_end": day, "places": ["Stepanakert"]}, "setup")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rightsledger.cli.main", "serve",
                             str(tmp_path / "ledger"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(port, proc)
        yield f"http://127.0.0.1:{port}", token
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def generated(url: str, folder: Path) -> ModuleType:
    """The client package generated from the server's own OpenAPI document, imported."""
    spec = folder / "openapi.json"
    spec.write_bytes(httpx.get(f"{url}/openapi.json").raise_for_status().content)
    made = subprocess.run([str(GENERATOR), "generate", "--path", str(spec), "--meta", "none",
                           "--output-path", str(folder / PACKAGE)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))


def operation(name: str) -> Any:
    """A generated operation module, ``api.default.NAME``."""
    return importlib.import_module(f"{PACKAGE}.api.default.{name}")


def cursor_of(link: str) -> str:
    """The cursor of a ``Link: <PATH?…>; rel="next"`` header."""
    target, relation = link.split(";", 1)
    assert relation.strip() == 'rel="next"'
    return parse_qs(urlsplit(target.strip().strip("<>")).query)["cursor"][0]


def test_a_generated_client_lists_reads_pages_and_gets_problem_details(
        server: tuple[str, str], tmp_path: Path) -> None:
    url, token = server
    package = generated(url, tmp_path)
    models = importlib.import_module(f"{PACKAGE}.models")
    client = package.AuthenticatedClient(base_url=url, token=token)
    listing = operation("api_incidents_api_incidents_get")

    everything = listing.sync(client=client, limit=1000)
    assert [type(i) for i in everything] == [models.Incident] * 5
    assert {i.status for i in everything} == {"accepted", "proposed"}
    assert [i.date_start for i in everything] == sorted((i.date_start for i in everything),
                                                        reverse=True)

    first = listing.sync_detailed(client=client, limit=2)
    assert first.status_code == 200 and len(first.parsed) == 2
    pages, link = [first.parsed], first.headers.get("link")
    while link:
        more = listing.sync_detailed(client=client, limit=2, cursor=cursor_of(link))
        assert more.status_code == 200
        pages.append(more.parsed)
        link = more.headers.get("link")
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [i.id for p in pages for i in p] == [i.id for i in everything]

    shelling = next(i for i in everything if i.type_ == "shelling" and i.grade)
    one = operation("api_incident_api_incidents_incident_id_get").sync(
        incident_id=shelling.id, client=client)
    assert isinstance(one, models.IncidentDetail)
    assert one.place_names == ["Stepanakert"] and one.status == "accepted"
    assert [(c.by, c.stance) for c in one.claims] == [("Ombudsman B", "asserts"),
                                                      ("Army C", "denies")]
    assert one.claims[0].killed_best == 12 and isinstance(one.claims[0], models.Claim)
    assert one.victims[0].pseudonym.startswith("V-") and not hasattr(one.victims[0],
                                                                     "real_name")

    refused = listing.sync_detailed(client=client, place="Stepanakertt")
    assert refused.status_code == 400
    assert isinstance(refused.parsed, models.Problem)
    assert refused.parsed.status == 400 and refused.parsed.title == "Bad Request"
    assert refused.parsed.detail.startswith("place: unknown place 'Stepanakertt'")
    assert refused.headers["content-type"] == "application/problem+json"

    stale = listing.sync_detailed(client=client, cursor="not-a-cursor")
    assert stale.status_code == 400 and stale.parsed.detail.startswith("cursor: ")
