"""Settings: one table of name, default and help. Unknown keys fail at start with a hint."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from rightsledger.errors import LedgerError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", None,
            "SQLAlchemy URL of the records database; empty means records.db inside the ledger "
            "(SQLite, WAL). A postgresql+psycopg://user@host:port/db URL selects server mode."),
    Setting("max_file_size_mb", 512, "Files larger than this many MiB are refused at ingest."),
    Setting("ingest_workers", 2,
            "Processes that read and extract files during an ingest of 256 files or more "
            "(with extraction); 1 does all the work in the ingesting process."),
    Setting("near_duplicate_threshold", 0.7,
            "Estimated Jaccard similarity of word 5-shingles above which two sources are "
            "grouped as near-duplicates."),
    Setting("search_candidate_cap", 2000,
            "How many of the newest matches are ranked by relevance for a search; an exact "
            "total is counted only on request."),
    Setting("contact_details_role", "admin",
            "The weakest role that may read contacts' names and how to reach them (admin or "
            "analyst); every reading is audited. Viewers never may."),
    Setting("trusted_proxies", "",
            "Addresses or networks of the reverse proxies in front of `serve` (comma-separated: "
            "127.0.0.1, 10.0.0.0/24) whose X-Forwarded-For and X-Forwarded-Proto are believed; "
            "empty believes nobody's, and sign-in limits count each connection's own address."),
    Setting("max_proposals_per_source", 200,
            "At most this many incidents are proposed for review from one source; its other "
            "candidates stay listed by `rightsledger candidates`, and the source says how "
            "many were not proposed."),
    Setting("head_warn_days", 7,
            "`verify` warns when custody entries were written since the last chain head kept "
            "outside the ledger (`rightsledger head`, a publication) and that head, or the "
            "ledger if none was kept, is older than this many days."),
    Setting("inquiry_deadline_days", 30,
            "Days a state body has to answer an inquiry under the law of the ledger's "
            "country (30 in many ombudsman laws): an inquiry sent without its own "
            "`--deadline-days` is overdue after this many days without an answer."),
    Setting("ocr_languages", "eng+fra+aze+rus+hye",
            "Tesseract languages that read scanned PDF pages and images ingested as documents "
            "(any kind but photo), joined by '+'; each page is read again in the one it is "
            "written in. Empty turns OCR off (docs/ocr.md)."),
    Setting("capture_timeout_s", 30,
            "Seconds `capture` waits for a page to load; a slower page is captured as far as "
            "it loaded and marked partial (docs/capture.md)."),
    Setting("capture_max_mb", 100,
            "MiB of responses one capture records with their bodies; past it, responses "
            "are recorded without them and the capture is marked partial."),
    Setting("capture_user_agent", "",
            "The User-Agent `capture` sends; empty sends Chromium's own."),
    Setting("capture_proxy", "",
            "A proxy for `capture` (http://host:port or socks5://host:port, e.g. Tor's "
            "socks5://127.0.0.1:9050); empty connects directly."),
)

_BY_NAME = {s.name: s for s in SETTINGS}
# settings that were removed, and why: a ledger that still sets one is told what to do
RETIRED = {name: "the web map draws its own world basemap and fetches no tiles (no page may "
                 "load anything from another origin): delete it from the ledger's settings"
           for name in ("map_tile_url", "map_tile_attribution")}


def defaults() -> dict[str, Any]:
    """Every setting at its default."""
    return {s.name: s.default for s in SETTINGS}


def validate(values: dict[str, Any]) -> dict[str, Any]:
    """Return the full settings, failing with a hint on an unknown key."""
    for key in values:
        if key in RETIRED:
            raise LedgerError(f"setting '{key}' was removed: {RETIRED[key]}")
        if key not in _BY_NAME:
            close = difflib.get_close_matches(key, _BY_NAME, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise LedgerError(f"unknown setting '{key}'{hint}; see docs/settings.md")
    return {**defaults(), **values}


def as_markdown() -> str:
    """The settings table as Markdown, for docs/settings.md."""
    rows = ["| name | default | help |", "|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"
