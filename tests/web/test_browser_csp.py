"""Promise 16 in a real browser (Debian's chromium against `rightsledger serve`): under the
Content-Security-Policy every page still works — the map draws its markers, the upload
page's drop zone is wired, the API's Swagger UI (served from our origin, not a CDN) lists
the routes — and the browser reports no violation of the policy on any of them."""

from __future__ import annotations

from pathlib import Path

from tests.web.conftest import sign_in_page
from tests.web.test_browser import page, server  # noqa: F401  (the fixtures)

WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""
PAGES = ("/?on=2023-03-21", "/incidents", "/incidents/1", "/disruptions", "/timeline",
         "/trackers", "/photos", "/photos/1", "/stories", "/sources", "/search?q=Stepanakert",
         "/upload", "/contacts", "/engagements")


def test_promise_16_pages_work_under_the_policy_with_no_violation(
        server: str, page: object, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(WATCH)
    sign_in_page(page, f"{server}/login?next=/map")
    expect(page.locator("#map-count")).to_have_text("1 incident location(s)", timeout=20_000)
    assert page.locator(".leaflet-interactive.incident").count() >= 1
    seen = {"/map": page.evaluate("window.__csp")}
    for path in PAGES:
        page.goto(f"{server}{path}")
        seen[path] = page.evaluate("window.__csp")
    page.goto(f"{server}/upload")  # its script, now a file, still wires the drop zone
    page.dispatch_event("#drop", "dragover")
    expect(page.locator("#drop")).to_have_class("drop over")
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=20_000)
    assert "/api/incidents" in page.locator("#swagger-ui").inner_text()
    seen["/docs"] = page.evaluate("window.__csp")
    page.screenshot(path=str(tmp_path / "docs.png"))
    assert {p: v for p, v in seen.items() if v} == {}
    assert [m for m in console if "Content Security Policy" in m] == []
