"""Web captures: capturing the demo's statement page (served on 127.0.0.1 here) into a
ledger — Chromium started, the page loaded, screenshot, PDF, WARC and WACZ written, the
source ingested and extracted — beside the reference of fetching the same page and its
two parts with a plain HTTP client, measured in the same run.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from measure import Profiler, Row, note

from rightsledger.evidence.capture import CHROMIUM
from rightsledger.ledger import Ledger
from rightsledger.workflow.capture import capture_one

NAME = "capture"
SITE = Path(__file__).resolve().parents[1] / "demo" / "web"
PAGE = "ministry-statement.html"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def run(quick: bool, profiler: Profiler) -> list[Row]:
    if not os.access(CHROMIUM, os.X_OK):
        return [Row(NAME, "capture", "not measured", f"{CHROMIUM} is missing")]
    count = 3 if quick else 10
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        note(f"capture: {count} captures of the demo's statement page")
        started = time.perf_counter()
        for _ in range(count * 10):
            for part in (PAGE, "site.css", "pipeline-section.svg"):
                with urllib.request.urlopen(f"{base}/{part}") as answer:
                    answer.read()
        plain = (time.perf_counter() - started) / (count * 10)
        with tempfile.TemporaryDirectory(prefix="rl-bench-capture-") as tmp, \
                Ledger.init(Path(tmp) / "ledger") as ledger:
            started = time.perf_counter()
            for _ in range(count):
                done = profiler.run("capture", capture_one, ledger, f"{base}/{PAGE}")
            seconds = (time.perf_counter() - started) / count
            size = ledger.store.get_source(done.source_id or "").size
    finally:
        server.shutdown()
        server.server_close()
    return [Row(NAME, f"capture a page with 2 parts ({count} times), into a ledger",
                f"{seconds:.2f} s per capture, WACZ {size / 1024:.0f} KB",
                f"plain HTTP fetch of the 3 files {plain * 1000:.1f} ms", seconds / plain)]
