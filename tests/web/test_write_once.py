"""Promise 5, originals are write-once (docs/security.md): an admin calls every route of the
application that could write — every POST, PUT, PATCH and DELETE of the real route table,
and PUT/DELETE on every page — with and without plausible form fields; afterwards every
stored object has the same bytes and is still read-only. New objects (derivatives, uploads)
may appear; none may change or go."""

from __future__ import annotations

import hashlib
import re
import stat
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _objects(root: Path) -> dict[str, tuple[str, int]]:
    return {p.parent.name + p.name: (hashlib.sha256(p.read_bytes()).hexdigest(),
                                     stat.S_IMODE(p.stat().st_mode))
            for p in (root / "objects").rglob("*") if p.is_file()}


def test_promise_5_no_route_changes_or_deletes_an_original(client: TestClient) -> None:
    ledger = client.app.state.ledger  # type: ignore[attr-defined]
    sign_in(client, "admin")
    before = _objects(ledger.path)
    assert before and all(mode & 0o222 == 0 for _sha, mode in before.values())  # read-only
    source = ledger.store.list_sources(limit=1)[0].id
    csrf = csrf_of(client, "/")
    forms = [{"csrf": csrf},
             {"csrf": csrf, "version": "1", "action": "reject", "reason": "test", "into": "1",
              "incident": "1", "place": "Goris", "caption": "c", "credit": "c", "title": "t",
              "body": "b", "person": "P", "scopes": "web", "item_kind": "photo",
              "item_id": "1", "name": "n", "role": "admin", "kind": "fixer",
              "source": source, "sha": source}]
    statuses = []
    paths = client.get("/openapi.json").json()["paths"]
    for template, declared in paths.items():
        if template in ("/login", "/logout"):
            continue
        path = re.sub(r"\{(sha|source_id)\}", source, template)
        path = re.sub(r"\{[a-z_]+\}", "1", path)
        methods = {m.upper() for m in declared} & WRITES or {"PUT", "DELETE"}
        for method in sorted(methods):
            for form in forms:
                done = client.request(method, path, data=form, follow_redirects=False)
                statuses.append((method, path, done.status_code))
    assert len(statuses) > 60
    assert [s for s in statuses if s[2] >= 500] == []
    assert sum(1 for m, _p, code in statuses if m == "POST" and code in (200, 303)) >= 5
    after = _objects(ledger.path)
    changed = {sha for sha in before if after.get(sha) != before[sha]}
    assert changed == set()
    assert all(mode & 0o222 == 0 for _sha, mode in after.values())
    ledger.objects.put(b"other bytes", sha=next(iter(before)))  # a put cannot overwrite
    assert _objects(ledger.path)[next(iter(before))] == before[next(iter(before))]
