"""Web pages captured as evidence: one URL fetched by headless Chromium (Debian's chromium,
driven by Playwright with ``executable_path``) and packed as one WACZ file.

The WACZ (WACZ 1.1.1: a zip of ``archive/data.warc.gz``, ``indexes/index.cdx``,
``pages/pages.jsonl``, ``datapackage.json`` with every part's SHA-256, and
``datapackage-digest.json``) holds, as a web archive does:

- a WARC ``response`` record (warcio) for every response the page loaded, with its HTTP
  status and headers, and a ``request`` record for each request;
- ``resource`` records for what a person saw: the full-page screenshot
  (``urn:view:URL``, PNG), the page printed to PDF (``urn:pdf:URL``) and its text
  (``urn:text:URL``), as Browsertrix and ArchiveWeb.page name them;
- in ``datapackage.json`` under ``rightsledger``: the URL as asked and as finally seen, the
  moment, the redirects, the main response's status and headers, and what is partial.

Chromium decodes bodies (gzip, br) before Playwright hands them on: a response record holds
the decoded body, its Content-Encoding header kept as ``X-Archive-Orig-Content-Encoding``
(pywb's convention) and its Content-Length set to the bytes recorded.

Nothing is fetched but the URL a person asked for and what its page loads: no prefetch,
no background networking, no service workers, no second visit. Settings give a proxy and a
user agent. A URL that cannot be reached at all is refused with one line (nothing is
stored); a page that answers 4xx/5xx, loads past the timeout or past the size limit, or is
not a web page (a PDF, an image), is captured as far as it went and marked partial.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from rightsledger.errors import BadInput

FORMAT = "rightsledger-capture.v1"
WACZ_VERSION = "1.1.1"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
         "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions"]
_DROPPED = ("content-encoding", "transfer-encoding", "content-length")
_UNREACHABLE = ("ERR_CONNECTION_REFUSED", "ERR_NAME_NOT_RESOLVED", "ERR_ADDRESS_UNREACHABLE",
                "ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_CERT_", "ERR_SSL_",
                "ERR_INTERNET_DISCONNECTED", "ERR_PROXY_CONNECTION_FAILED",
                "ERR_TUNNEL_CONNECTION_FAILED", "ERR_EMPTY_RESPONSE", "ERR_INVALID_URL",
                "ERR_UNSAFE_PORT", "ERR_CONNECTION_TIMED_OUT", "ERR_TIMED_OUT")


@dataclass(frozen=True)
class Options:
    timeout_s: float = 30.0
    max_bytes: int = 100 * 2**20
    user_agent: str = ""  # empty: Chromium's own
    proxy: str = ""  # http://host:port, socks5://host:port; empty: none
    chromium: str = CHROMIUM


@dataclass
class Exchange:
    """One request and its response, as Chromium saw them."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes | None
    at: str


@dataclass
class Capture:
    url: str  # as asked
    final_url: str
    fetched_at: str
    status: int | None = None
    reason: str = ""
    mime: str = ""
    title: str = ""
    redirects: list[dict[str, Any]] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    screenshot: bytes | None = None
    pdf: bytes | None = None
    html: str | None = None
    partial: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What a person is told about this capture, one line each."""
        told = [f"{' → '.join(r['url'] for r in self.redirects)} → {self.final_url}: "
                "redirected"] if self.redirects else []
        if self.status and self.status >= 400:
            told.append(f"the server answered {self.status} {self.reason}: captured as such")
        return told + self.partial


def check_url(url: str) -> str:
    """The URL, or BadInput naming it when it is no http(s) address."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(f"url: '{url[:200]}' is not an http:// or https:// address")
    return url


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fetch(url: str, options: Options = Options()) -> Capture:
    """Load the URL in headless Chromium and record everything it answered."""
    url = check_url(url)
    if not os.access(options.chromium, os.X_OK):
        raise BadInput(f"{options.chromium} is missing: install Debian's chromium "
                       "(`bash scripts/system-deps.sh`)")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    capture = Capture(url=url, final_url=url, fetched_at=_now())
    responses: list[Any] = []
    with sync_playwright() as pw:
        launch: dict[str, Any] = {"executable_path": options.chromium, "args": FLAGS}
        if options.proxy:
            launch["proxy"] = {"server": options.proxy}
        browser = pw.chromium.launch(**launch)
        try:
            context = browser.new_context(
                user_agent=options.user_agent or None, service_workers="block",
                viewport={"width": 1280, "height": 900}, accept_downloads=False)
            page = context.new_page()
            page.on("response", lambda response: responses.append(response))
            main = None
            try:
                main = page.goto(url, wait_until="load", timeout=options.timeout_s * 1000)
            except PlaywrightTimeout:
                capture.partial.append(f"the page did not finish loading in "
                                       f"{options.timeout_s:g} s: captured as far as it loaded")
            except PlaywrightError as exc:
                message = str(exc)
                if "Download is starting" in message or "ERR_ABORTED" in message:
                    return _file(context, capture, options)
                raise _unreachable(url, message) from exc
            if main is not None:
                _settle(page, PlaywrightTimeout)
            _record_page(page, main, capture, PlaywrightError)
            _record_exchanges(responses, capture, options)
            if main is not None and not _is_html(capture.mime):
                _served_file(context, capture, options)
        finally:
            browser.close()
    return capture


def _unreachable(url: str, message: str) -> BadInput:
    first = message.splitlines()[0] if message else "failed"
    code = next((c for c in _UNREACHABLE if c in first), "")
    why = first.split("net::", 1)[1].split(" ")[0] if "net::" in first else first[:160]
    hint = "check the address and the network (or the setting capture_proxy)" if code else \
        "try again, or save the page from a browser and ingest the file"
    return BadInput(f"cannot capture {url}: {why}; {hint}")


def _settle(page: Any, timeout: type[Exception]) -> None:
    """A moment for what the page loads after 'load' (images, fonts): at most 3 s."""
    try:
        page.wait_for_load_state("networkidle", timeout=3000)
    except timeout:
        pass


def _record_page(page: Any, main: Any, capture: Capture, error: type[Exception]) -> None:
    if main is not None:
        capture.final_url, capture.status = main.url, main.status
        capture.reason = main.status_text or ""
        capture.headers = [(h["name"], h["value"]) for h in main.headers_array()]
        capture.mime = (main.header_value("content-type") or "").split(";")[0].strip()
        request, chain = main.request.redirected_from, []
        while request is not None:
            answered = request.response()
            chain.append({"url": request.url, "status": answered.status if answered else None})
            request = request.redirected_from
        capture.redirects = list(reversed(chain))
    try:
        capture.title = page.title()
        capture.html = page.content()
    except error as exc:
        capture.partial.append(f"the page's content could not be read: {str(exc)[:120]}")
    try:
        capture.screenshot = page.screenshot(full_page=True, type="png", timeout=30_000)
    except error as exc:
        capture.partial.append(f"no screenshot: {str(exc).splitlines()[0][:120]}")
    if not _is_html(capture.mime):
        return  # a PDF printed from the browser's PDF viewer would add nothing
    try:
        capture.pdf = page.pdf(print_background=True)
    except error as exc:
        capture.partial.append(f"no PDF: {str(exc).splitlines()[0][:120]}")


def _record_exchanges(responses: list[Any], capture: Capture, options: Options) -> None:
    kept = 0
    for response in responses:
        if not response.url.startswith(("http://", "https://")):
            continue  # the browser's own (its PDF viewer's chrome-extension:// files)
        body: bytes | None = None
        if not 300 <= response.status < 400:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - Playwright: a body it no longer holds
                body = None
        if body is not None and kept + len(body) > options.max_bytes:
            if not any("size limit" in p for p in capture.partial):
                capture.partial.append(
                    f"the page's responses pass the size limit of "
                    f"{options.max_bytes // 2**20} MB (setting capture_max_mb): later ones "
                    "are recorded without their bodies")
            body = None
        kept += len(body or b"")
        request = response.request
        capture.exchanges.append(Exchange(
            url=response.url, method=request.method,
            request_headers=[(h["name"], h["value"]) for h in request.headers_array()],
            status=response.status, reason=response.status_text or "",
            headers=[(h["name"], h["value"]) for h in response.headers_array()],
            body=body, at=_now()))


def _is_html(mime: str) -> bool:
    return mime in ("", "text/html", "application/xhtml+xml")


def _served_file(context: Any, capture: Capture, options: Options) -> None:
    """A PDF or an image the browser showed: the file as served is the evidence. What
    Chromium's viewer hands on under the file's URL is its own wrapper, not the file: the
    file is asked for once more (the same context: proxy, user agent) and recorded."""
    capture.partial.append(f"not a web page ({capture.mime}): the file is archived as it "
                           "was served, with a screenshot of how the browser showed it")
    capture.exchanges = [e for e in capture.exchanges if e.url != capture.final_url]
    _fetch_file(context, capture, options, capture.final_url)


def _file(context: Any, capture: Capture, options: Options) -> Capture:
    """A download (the browser would not show it): the file fetched as it is, without a
    screenshot."""
    _fetch_file(context, capture, options, capture.url)
    capture.partial.append(f"not a web page ({capture.mime or 'unknown type'}): the file is "
                           "archived as it was served; no screenshot or PDF")
    return capture


def _fetch_file(context: Any, capture: Capture, options: Options, url: str) -> None:
    """The file at ``url`` fetched with the capture's context, recorded as its answer."""
    answer = context.request.get(url, timeout=options.timeout_s * 1000, max_redirects=20)
    try:
        body = answer.body()
        capture.final_url, capture.status = answer.url, answer.status
        capture.reason = answer.status_text or ""
        capture.headers = [(h["name"], h["value"]) for h in answer.headers_array]
        capture.mime = (answer.headers.get("content-type") or "").split(";")[0].strip()
    finally:
        answer.dispose()
    if len(body) > options.max_bytes:
        capture.partial.append(f"the file passes the size limit of "
                               f"{options.max_bytes // 2**20} MB (setting capture_max_mb): "
                               "recorded without its body")
        body = b""
    capture.exchanges.append(Exchange(
        url=capture.final_url, method="GET", request_headers=[], status=capture.status,
        reason=capture.reason, headers=capture.headers, body=body, at=_now()))


# -- the package ------------------------------------------------------------------------

def _warc_date(at: str) -> str:
    return at[:19] + "Z"


def _timestamp(at: str) -> str:
    return at[:19].replace("-", "").replace(":", "").replace("T", "")


def surt(url: str) -> str:
    """The URL's sort key (SURT): host labels reversed, then the path: 'org,example)/a?b'."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host.replace(".", "").isdigit():
        host = ",".join(reversed(host.split(".")))
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path or "/"
    return f"{host}{port}){path.lower()}" + (f"?{parts.query}" if parts.query else "")


def package(capture: Capture, software: str, extra: dict[str, Any] | None = None) -> bytes:
    """The capture as one WACZ file's bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc, index = io.BytesIO(), []
    writer = WARCWriter(warc, gzip=True)

    def put(record: Any, url: str, mime: str, status: str, at: str) -> None:
        offset = warc.tell()
        writer.write_record(record)
        digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
        index.append((surt(url), _timestamp(at), {
            "url": url, "mime": mime, "status": status, "digest": digest,
            "length": str(warc.tell() - offset), "offset": str(offset),
            "filename": "data.warc.gz"}))

    info = writer.create_warcinfo_record("data.warc.gz", {
        "software": software, "format": "WARC File Format 1.1",
        "isPartOf": capture.url, "description": "captured by RightsLedger as evidence"})
    writer.write_record(info)
    for ex in capture.exchanges:
        headers = [(k, v) for k, v in ex.headers if k.lower() not in _DROPPED]
        headers += [(f"X-Archive-Orig-{k}", v) for k, v in ex.headers
                    if k.lower() in ("content-encoding", "transfer-encoding")]
        body = ex.body or b""
        headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), headers,
                                protocol="HTTP/1.1")
        mime = next((v.split(";")[0].strip() for k, v in ex.headers
                     if k.lower() == "content-type"), "")
        response = writer.create_warc_record(
            ex.url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": _warc_date(ex.at)},
            length=None)
        put(response, ex.url, mime, str(ex.status), ex.at)
        parts = urlsplit(ex.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            ex.url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"{ex.method} {target} HTTP/1.1",
                                          ex.request_headers, is_http_request=True),
            warc_headers_dict={"WARC-Date": _warc_date(ex.at), "WARC-Concurrent-To":
                               response.rec_headers.get_header("WARC-Record-ID")})
        writer.write_record(request)
    text = extract_text(capture)
    for prefix, mime, data in (("urn:view:", "image/png", capture.screenshot),
                               ("urn:pdf:", "application/pdf", capture.pdf),
                               ("urn:text:", "text/plain; charset=utf-8",
                                text.encode("utf-8") if text else None)):
        if data:
            record = writer.create_warc_record(
                prefix + capture.url, "resource", payload=io.BytesIO(data),
                warc_content_type=mime,
                warc_headers_dict={"WARC-Date": _warc_date(capture.fetched_at)})
            put(record, prefix + capture.url, mime.split(";")[0], "200", capture.fetched_at)
    cdx = "".join(f"{key} {ts} {json.dumps(fields, sort_keys=True)}\n"
                  for key, ts, fields in sorted(index, key=lambda i: (i[0], i[1])))
    pages = (json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})
             + "\n" + json.dumps({"id": uuid.uuid4().hex, "url": capture.url,
                                  "ts": capture.fetched_at, "title": capture.title})
             + "\n")
    parts_of = {"archive/data.warc.gz": warc.getvalue(),
                "indexes/index.cdx": cdx.encode("utf-8"),
                "pages/pages.jsonl": pages.encode("utf-8")}
    datapackage = {
        "profile": "data-package", "wacz_version": WACZ_VERSION, "software": software,
        "created": capture.fetched_at, "title": capture.title or capture.url,
        "mainPageUrl": capture.url, "mainPageDate": capture.fetched_at,
        "resources": [{"name": path.rsplit("/", 1)[1], "path": path,
                       "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                       "bytes": len(data)} for path, data in parts_of.items()],
        "rightsledger": {**facts(capture), **(extra or {})},
    }
    package_json = json.dumps(datapackage, indent=2, ensure_ascii=False).encode("utf-8")
    digest = {"path": "datapackage.json",
              "hash": "sha256:" + hashlib.sha256(package_json).hexdigest()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as wacz:
        for path, data in parts_of.items():  # the WARC is gzipped already: stored
            wacz.writestr(path, data, zipfile.ZIP_STORED if path.endswith(".gz")
                          else zipfile.ZIP_DEFLATED)
        wacz.writestr("datapackage.json", package_json, zipfile.ZIP_DEFLATED)
        wacz.writestr("datapackage-digest.json", json.dumps(digest), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def facts(capture: Capture) -> dict[str, Any]:
    """What the capture says of itself, kept in the WACZ and in the source's metadata."""
    def sha(data: bytes | None) -> str | None:
        return hashlib.sha256(data).hexdigest() if data else None

    return {
        "format": FORMAT, "url": capture.url, "final_url": capture.final_url,
        "fetched_at": capture.fetched_at, "status": capture.status, "reason": capture.reason,
        "mime": capture.mime, "redirects": capture.redirects,
        "headers": [[k, v] for k, v in capture.headers], "responses": len(capture.exchanges),
        "partial": capture.partial, "screenshot_sha256": sha(capture.screenshot),
        "pdf_sha256": sha(capture.pdf),
    }


def extract_text(capture: Capture) -> str:
    """The page's text as a person saw it (the rendered page, main text only)."""
    if capture.html:
        from rightsledger.evidence.readers import html

        try:
            return html.read(capture.html.encode("utf-8")).text
        except BadInput:
            return ""
    return ""
