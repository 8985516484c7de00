"""Opening a captured page offline: the WACZ's records by URL, written out as files or
served on 127.0.0.1 so a browser shows the page as it was archived.

The served copy loads only what the archive holds: the page's own address answers its
archived HTML, every other path the archived response of the same path on the page's
origin (404 when none was captured). No script runs and nothing is fetched from anywhere
else (``Content-Security-Policy: default-src 'self'; script-src 'none'``); the capture's
screenshot and PDF are at /_capture/screenshot.png and /_capture/page.pdf.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rightsledger.errors import BadInput
from rightsledger.evidence.readers import wacz

POLICY = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; frame-ancestors 'none'; form-action 'none'")


@dataclass
class Archived:
    url: str  # as asked
    final_url: str
    responses: dict[str, dict[str, Any]]  # by URL: status, mime, body
    screenshot: bytes | None
    pdf: bytes | None
    text: str
    facts: dict[str, Any]

    def main(self) -> dict[str, Any] | None:
        return self.responses.get(self.final_url) or self.responses.get(self.url)

    def at_path(self, target: str) -> dict[str, Any] | None:
        """The archived response of ``target`` (a path and query) on the page's origin."""
        origin = urlsplit(self.final_url)
        return self.responses.get(f"{origin.scheme}://{origin.netloc}{target}")


def load(data: bytes) -> Archived:
    """A WACZ's records; its parts' hashes are checked as the reader checks them."""
    package = wacz.unpack(data)  # refuses a damaged package with one line
    responses: dict[str, dict[str, Any]] = {}
    resources: dict[str, bytes] = {}
    for r in package.records:
        if r["type"] == "response" and r["url"] not in responses:
            responses[r["url"]] = r
        elif r["type"] == "resource":
            resources[r["url"]] = r["body"]
    url = package.main
    return Archived(url, package.final, responses, resources.get(f"urn:view:{url}"),
                    resources.get(f"urn:pdf:{url}"), wacz.reading_of(package).text,
                    package.facts)


def write_out(archived: Archived, folder: Path) -> list[Path]:
    """The page, its screenshot, PDF, text and the capture's facts as files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    main = archived.main()
    written = []
    for name, data in (("page" + _suffix(main), main["body"] if main else None),
                       ("screenshot.png", archived.screenshot), ("page.pdf", archived.pdf),
                       ("text.txt", archived.text.encode("utf-8") if archived.text else None),
                       ("capture.json", json.dumps(archived.facts, indent=2,
                                                   ensure_ascii=False).encode("utf-8"))):
        if data:
            (folder / name).write_bytes(data)
            written.append(folder / name)
    return written


def _suffix(main: dict[str, Any] | None) -> str:
    mime = (main or {}).get("mime", "").split(";")[0].strip()
    return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        mime, ".html")


def server(archived: Archived, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:``port`` answering from the archive only."""
    if archived.main() is None:
        raise BadInput("the capture holds no response for its page (it was not reached): "
                       "see its screenshot and facts with --out DIR")
    main_target = _target(archived.final_url)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/_capture/screenshot.png":
                return self._send(200, archived.screenshot, "image/png")
            if self.path == "/_capture/page.pdf":
                return self._send(200, archived.pdf, "application/pdf")
            found = archived.main() if self.path in ("/", main_target) else \
                archived.at_path(self.path)
            if found is None:
                return self._send(404, b"not in this capture", "text/plain")
            return self._send(int(found["status"] or 200), found["body"],
                              found["mime"] or "application/octet-stream")

        def _send(self, status: int, body: bytes | None, mime: str) -> None:
            if body is None:
                status, body, mime = 404, b"not in this capture", "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", POLICY)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
