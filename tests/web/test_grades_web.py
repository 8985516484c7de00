"""A rejected incident shows no grade (issue 18, point 8)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in


def test_a_rejected_incident_shows_no_grade(client: TestClient) -> None:
    sign_in(client, "ana")
    assert 'class="grade grade-' in client.get("/incidents/1").text
    csrf = csrf_of(client, "/incidents/1")
    version = re.search(r'name="version" value="(\d+)"', client.get("/incidents/1").text)
    assert version is not None
    done = client.post("/incidents/1/decide", data={"action": "reject",
                                                    "version": int(version.group(1)),
                                                    "reason": "a duplicate", "csrf": csrf},
                       follow_redirects=False)
    assert done.status_code == 303
    page = client.get("/incidents/1").text
    assert "Not graded: rejected" in page and 'class="grade grade-' not in page
    listing = client.get("/incidents?status=rejected").text
    assert "#1" in listing and 'class="grade grade-' not in listing
