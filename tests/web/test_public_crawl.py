"""Promise 10 of docs/security.md, on both engines: public output carries no staff names and
no interview notes. A reviewer with a canary name accepts, edits, overrides and records
things; an interview note holds a canary sentence that the machine proposes an incident
from. Then every GET route of the public app — enumerated from the app's own routes, so a
new route is crawled without anyone adding it here — is read with every id we made, and
`export --public` (every format) and `report --public` are written: neither canary is in
any of them. The same records read by staff do hold both (so the canaries are planted)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, Request
from fastapi.testclient import TestClient

from rightsledger.ledger import Ledger
from rightsledger.publish import export, report
from rightsledger.records import disruptions, obligations, statements
from rightsledger.review import decide
from rightsledger.web.api import PublicViewRoute
from rightsledger.web.app import create_app
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.propose import propose
from tests.web.conftest import fill
from tests.web.routes import api_routes

REVIEWER = "Canary Reviewername"
NOTE = ("Canarynote: Martuni was shelled on 5 October 2020, a witness told our team; "
        "3 civilians were killed.")
CANARIES = (REVIEWER, "Canarynote", "a witness told our team")
IDS = range(1, 8)  # more than any kind of record the ledger holds


def plant(ledger: Ledger, tmp: Path) -> None:
    """The interview note, the machine's proposals from it, and the reviewer's work."""
    (tmp / "inbox").mkdir()
    (tmp / "inbox" / "interview.txt").write_text(NOTE + "\n", "utf-8")
    ingest(ledger, [tmp / "inbox"], {"kind": "interview", "publisher": "Field team"})
    assert propose(ledger).proposed >= 1
    with ledger.store.writing() as conn:
        for incident in decide.queue(conn, 50):
            decide.accept(conn, incident["id"], REVIEWER, incident["version"])
        decide.edit(conn, 1, {"description": "Shelling of the town centre."}, REVIEWER, None)
        decide.override_grade(conn, 1, "confirmed", "two sources agree", REVIEWER)
        cut = disruptions.add(conn, {"kind": "gas", "area": "Stepanakert",
                                     "start": "2023-01-17"}, REVIEWER)
        statements.add(conn, {"by": "Canary Office", "date": "2023-02-10",
                              "demands": ["restore the gas"]}, REVIEWER)
        order = obligations.add(conn, {"kind": "court_order", "issuer": "A court",
                                       "addressee": "A state", "title": "Restore supply",
                                       "date": "2023-02-11"}, REVIEWER)
        obligations.observe(conn, order, {"date": "2023-03-02", "finding": "not_complied",
                                          "disruption_id": cut}, REVIEWER)


@pytest.fixture
def planted(ledger: Ledger, tmp_path: Path) -> Iterator[tuple[Path, str, dict[str, str]]]:
    """The ledger's path, an analyst's token, and the public exports and report as text."""
    token = fill(ledger)
    plant(ledger, tmp_path)
    yield ledger.path, token, _publications(ledger, tmp_path / "out")


def _publications(ledger: Ledger, out: Path) -> dict[str, str]:
    written: dict[str, str] = {}
    for fmt in export.FORMATS:
        export.export(ledger, fmt, out / fmt, "t", export.Options(public=True))
    report.build(ledger, out / "report", report.ReportOptions(
        title="Canaries", public=True, fmt="html"), "t")
    for p in sorted(out.rglob("*")):
        if p.is_file() and p.suffix not in (".jpg", ".png"):
            written[str(p.relative_to(out))] = p.read_bytes().decode("utf-8", "replace")
    return written


def public_urls(client: TestClient) -> Iterator[str]:
    """Every GET route of the app, each path parameter filled with every id we made (and
    every source's id), each ``status`` query also asked for proposed incidents."""
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    refs = [s.id for s in ledger.store.list_sources(limit=100)]
    for path, route in api_routes(client.app):  # type: ignore[arg-type]
        names = [p.name for p in route.dependant.path_params]
        queries = {p.name for p in route.dependant.query_params}
        for filled in _filled(path, names, refs):
            yield filled
            if "status" in queries:
                yield f"{filled}?status=proposed"


def _filled(path: str, names: list[str], refs: list[str]) -> Iterator[str]:
    if not names:
        yield path
        return
    name, rest = names[0], names[1:]
    values: list[Any] = refs if name == "ref" else list(IDS) + ["none"]
    for value in values:
        yield from _filled(path.replace(f"{{{name}}}", str(value)), rest, refs)


def _found(text: str) -> list[str]:
    return [c for c in CANARIES if c.casefold() in text.casefold()]


def test_promise_10_no_staff_name_or_interview_note_on_any_public_route(
        planted: tuple[Path, str, dict[str, str]]) -> None:
    path, _, _ = planted
    with TestClient(create_app(path, public=True)) as client:
        urls = list(public_urls(client))
        answered = {u: client.get(u, follow_redirects=False) for u in urls}
    leaks = {u: _found(r.text) for u, r in answered.items() if _found(r.text)}
    assert leaks == {}
    ok_api = {u for u, r in answered.items() if u.startswith("/api/") and r.status_code == 200}
    assert {"/api/incidents", "/api/incidents/4", "/api/disruptions", "/api/obligations",
            "/api/statements", "/api/map"} <= ok_api
    assert len(answered["/api/incidents"].json()) == 4  # the reviewer's decisions are shown
    assert "by a reviewer" in answered["/api/incidents/1"].text


def test_promise_10_the_canaries_are_there_for_staff(
        planted: tuple[Path, str, dict[str, str]]) -> None:
    path, token, _ = planted
    with TestClient(create_app(path)) as client:
        client.headers["authorization"] = f"Bearer {token}"
        listed, detail = client.get("/api/incidents").text, client.get("/api/incidents/4").text
        made = client.get("/api/disruptions").text + client.get("/api/statements").text
    assert REVIEWER in listed and "Canarynote" in listed  # decided_by, suggested.quote
    assert "a witness told our team" in detail and REVIEWER in made


def test_promise_10_no_staff_name_or_interview_note_in_public_publications(
        planted: tuple[Path, str, dict[str, str]]) -> None:
    _, _, written = planted
    assert len(written) >= len(export.FORMATS) + 1 and "report/report.html" in written
    leaks = {name: _found(text) for name, text in written.items() if _found(text)}
    assert leaks == {}
    assert re.search(r"Martuni", written["report/report.html"])  # the incident is published


def test_promise_10_every_api_route_goes_through_a_public_view(client: TestClient) -> None:
    api = [r for path, r in api_routes(client.app)  # type: ignore[arg-type]
           if path.startswith("/api/")]
    assert len(api) >= 9 and all(isinstance(r, PublicViewRoute) for r in api)
    router = APIRouter(route_class=PublicViewRoute)
    with pytest.raises(TypeError, match="name the records it answers with"):
        @router.get("/forgotten")
        def forgotten(request: Request) -> list[dict[str, Any]]:
            return []
