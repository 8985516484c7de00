"""No page tells another host that someone uses the tool (issue 18, point 5): every HTML
page an analyst can open — reached from the app's own routes, so a new one is read
without anyone listing it — references this site only (no http(s) URL to another host in a
src, href, action, srcset or CSS url(), nor in the stylesheets the pages load), and its
Content-Security-Policy names no other origin. In a real browser the API's docs page,
opened under a host name as an office server has one, asks nothing of another host (Swagger
UI's default validator badge would ask validator.swagger.io). The public view's pages
are read the same way."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from fastapi.testclient import TestClient

from tests.web.conftest import sign_in, sign_in_page
from tests.web.test_browser import CHROMIUM, FLAGS, server  # noqa: F401  (the fixture)
from tests.web.test_headers import every_url

OWN = "testserver"
ATTRIBUTE = re.compile(r"""\s(?:src|href|action|poster|srcset|content|data-[\w-]+)\s*=\s*"""
                       r"""["']([^"']*)["']""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""", re.I)
ABSOLUTE = re.compile(r"(?:https?:)?//[^\s\"'<>),]+", re.I)
OWN_SOURCES = {"'self'", "'none'", "data:"}


def outside(text: str, host: str = OWN) -> list[str]:
    """The URLs to another host that ``text`` references in attributes and CSS url()."""
    values = ATTRIBUTE.findall(text) + CSS_URL.findall(text)
    found = [u for v in values if not v.strip().lower().startswith("data:")
             for u in ABSOLUTE.findall(v)]
    return [u for u in found if urlsplit(u if "//" in u else "//" + u).hostname != host]


def policy_sources(policy: str) -> set[str]:
    return {s for directive in policy.split(";") for s in directive.split()[1:]}


def test_outside_finds_what_it_must() -> None:  # the check itself can see a leak
    page = ('<link href="https://cdn.example.net/x.css"><img srcset="//img.example.org/a.png 2x">'
            '<a href="/incidents">x</a><img src="data:image/png;base64,iVB//x==">'
            '<p title="https://ok.example">a</p><div data-api="https://api.example"></div>'
            '<style>b{background:url("http://t.example.com/b.png")}</style>'
            '<meta http-equiv="refresh" content="0; url=https://away.example/">')
    assert outside(page) == ["https://cdn.example.net/x.css", "//img.example.org/a.png",
                             "https://api.example", "https://away.example/",
                             "http://t.example.com/b.png"]


def _read_every_page(client: TestClient) -> tuple[int, set[str]]:
    """Check every HTML page and the policy of every GET; the pages read, the stylesheets
    they load."""
    pages, sheets = 0, set()
    for method, url in every_url(client.app):  # type: ignore[arg-type]
        if method != "GET" or url.startswith(("/vendor/", "/static/", "/logout")):
            continue
        got = client.get(url, follow_redirects=False)
        assert not policy_sources(got.headers["content-security-policy"]) - OWN_SOURCES, url
        if not got.headers.get("content-type", "").startswith("text/html"):
            continue
        pages += 1
        assert outside(got.text) == [], url
        sheets |= {urljoin(url, h) for h in re.findall(
            r"""<link[^>]*href=["']([^"']+\.css)["']""", got.text)}
    for sheet in sorted(sheets):
        got = client.get(sheet)
        assert got.status_code == 200, sheet
        assert outside(got.text) == [], sheet
    return pages, sheets


def test_every_page_references_this_site_only(client: TestClient) -> None:
    sign_in(client, "ana")
    pages, sheets = _read_every_page(client)
    assert pages > 20 and {"/static/style.css", "/vendor/swagger/swagger-ui.css"} <= sheets


def test_every_public_page_references_this_site_only(public_client: TestClient) -> None:
    pages, sheets = _read_every_page(public_client)
    assert pages > 3 and "/static/style.css" in sheets


def test_the_docs_page_asks_no_other_host(server: str, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    port = urlsplit(server).port
    office = f"http://ledger.office.test:{port}"  # not localhost: Swagger UI checks that
    asked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            *FLAGS, "--host-resolver-rules=MAP ledger.office.test 127.0.0.1"])
        page = browser.new_page()
        page.on("request", lambda r: asked.append(r.url))
        page.add_init_script("""window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.blockedURI));""")
        sign_in_page(page, f"{office}/login?next=/docs")
        page.goto(f"{office}/docs")
        page.locator(".opblock").first.wait_for(timeout=20_000)
        page.wait_for_load_state("networkidle")
        shown = page.eval_on_selector_all("[src]", "els => els.map(e => e.src)")
        violations = page.evaluate("window.__csp")
        browser.close()
    assert [u for u in asked + shown if not u.startswith((office, "data:"))] == []
    assert violations == []
