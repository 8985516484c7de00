"""Web pages served from 127.0.0.1 for the capture tests and the demo: no outside network.

``serve()`` starts a threaded HTTP server on a free port and yields its base URL. Its pages
were written for RightsLedger's tests (the facts are made up); one changes every time it is
asked (``/changing.html``), others redirect, fail, stall, are huge or are not HTML.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fpdf import FPDF
from PIL import Image

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Water cut in Stepanakert for a third day</title>
<link rel="stylesheet" href="/style.css"></head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Water cut in Stepanakert for a third day</h1>
<p>STEPANAKERT, 21 January 2023. The water supply of Stepanakert was cut on 19 January 2023
and has not been restored, the city administration said on Saturday. About 50,000 residents
are affected, and the pumping station has no power since the high-voltage line was damaged.</p>
<p>The administration said repair teams were refused access to the line near the village of
Berdzor.</p>
<img src="/img/pumping-station.png" alt="The pumping station">
</article>
<footer>Comments are closed.</footer></body></html>"""
STYLE = b"body { font-family: serif; max-width: 40em; margin: 2em auto; } img { width: 320px; }"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (90, 120, 160)).save(out, "PNG")
    return out.getvalue()


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Statement of the city administration, 21 January 2023. The water "
                         "supply of Stepanakert was cut on 19 January 2023.")
    return bytes(pdf.output())


class _Pages(BaseHTTPRequestHandler):
    counter = 0
    lock = threading.Lock()
    png, pdf = _png(), _pdf()

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, mime: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the handler's own name
        path = self.path.split("?")[0]
        html = "text/html; charset=utf-8"
        if path in ("/", "/article.html"):
            self._send(200, ARTICLE.encode(), html, X_Served_By="rightsledger-tests")
        elif path == "/style.css":
            self._send(200, STYLE, "text/css")
        elif path == "/img/pumping-station.png":
            self._send(200, self.png, "image/png")
        elif path == "/changing.html":
            with self.lock:
                _Pages.counter += 1
                n = _Pages.counter
            body = (f"<!doctype html><html><head><title>Checkpoint notice</title></head><body>"
                    f"<p>Notice number {n}: the checkpoint on the road is closed to all "
                    f"traffic until further notice, the authority said.</p></body></html>")
            self._send(200, body.encode(), html)
        elif path == "/old-address":
            self._send(301, b"", html, Location="/article.html")
        elif path == "/gone.html":
            self._send(404, b"<!doctype html><html><head><title>Not found</title></head>"
                            b"<body><p>This statement was removed.</p></body></html>", html)
        elif path == "/broken.html":
            self._send(500, b"<html><body>Internal error</body></html>", html)
        elif path == "/slow.html":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            self.wfile.write(b"<!doctype html><html><head><title>Slow</title></head><body>"
                             b"<p>The first part of a slow page arrived.</p>")
            self.wfile.flush()
            time.sleep(6)
            self.wfile.write(b"</body></html>")
        elif path == "/huge.html":
            filler = ("<p>" + "A long list of names of the places affected. " * 40
                      + "</p>\n") * 1500
            self._send(200, f"<html><body>{filler}</body></html>".encode(), html)
        elif path == "/statement.pdf":
            self._send(200, self.pdf, "application/pdf")
        else:
            self._send(404, b"not here", "text/plain")


@contextmanager
def serve() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
