"""The files ``rightsledger import`` reads besides its own columns (docs/records.md,
"Importing other files"): our own exports (open-data ``incidents.csv``, ``records.json``,
``uwazi-import.csv``, ``acled.csv``), an export of an Uwazi instance, and an ACLED event list.

A dialect is chosen from the file's columns and maps each row to the import's own columns
(workflow/importing.py), as text cells; the import then checks them as it checks its own.
Columns a format derives from the rest (a grade, the claims line, coordinates of a known
place, counts of sources) are not read: the ledger computes them again. Sources are not
recreated by an import: they are evidence, and are ingested.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rightsledger.errors import BadInput

Row = dict[str, Any]
Dialect = Callable[[Row], Row]

# ACLED's sub-event types → our incident types (the reverse of the ACLED export's table)
ACLED_SUB_EVENTS = {
    "shelling/artillery/missile attack": "shelling", "air/drone strike": "airstrike",
    "attack": "killing", "abduction/forced disappearance": "detention",
    "armed clash": "ceasefire_violation", "looting/property destruction": "property_destruction",
    "remote explosive/landmine/ied": "shelling", "grenade": "shelling",
    "sexual violence": "torture", "arrests": "detention", "destruction of property":
    "property_destruction",
}
TIME_PRECISION = {"1": "day", "2": "range", "3": "month"}
_RL_ID = re.compile(r"^RL-?(\d{1,12})$")


def safe_name(column: str) -> str:
    """A column name as Uwazi matches it: lower case, every character but a-z, 0-9 made _."""
    return re.sub(r"[^a-z0-9]", "_", column.strip(), flags=re.IGNORECASE).lower()


def choose(columns: list[str]) -> tuple[str, Dialect]:
    """The dialect of a file, from its columns (the first row's keys)."""
    names = {safe_name(c) for c in columns}
    if "event_id_cnty" in names:
        return "ACLED", acled
    if "claims_side_by_side" in names:
        return "open data", open_data
    if "title" in names and ({"event_type", "rightsledger_id"} & names):
        return "Uwazi", uwazi
    return "RightsLedger", lambda row: row


def _figure(row: Row, figure: str) -> str:
    """A casualty range as the import writes it: "2" or "2-3"."""
    low, high = row.get(f"{figure}_low"), row.get(f"{figure}_high")
    if low in (None, "") and high in (None, ""):
        return ""
    if low in (None, "") or high in (None, "") or str(low) == str(high):
        return str(high if low in (None, "") else low)
    return f"{low}-{high}"


def _claimed(incident: Row, figure: str) -> str:
    """(lowest, highest) of a figure over a records.json incident's asserting claims."""
    known = [c.get(f"{figure}_{k}") for c in incident.get("claims") or []
             if isinstance(c, dict) and c.get("stance") == "asserts"
             for k in ("min", "best", "max")]
    found = [v for v in known if isinstance(v, int)]
    return _figure({f"{figure}_low": min(found), f"{figure}_high": max(found)}, figure) \
        if found else ""


def open_data(row: Row) -> Row:
    """A row of the open data's incidents.csv, or an incident of records.json."""
    out = {k: row.get(k) for k in ("id", "type", "date_start", "date_end", "date_precision",
                                   "description") if row.get(k) not in (None, "")}
    # lists as they come ("a | b" in the CSV, a list in the JSON): the import splits them
    out["places"], out["rights"] = row.get("places"), row.get("rights")
    for figure in ("killed", "injured"):
        out[figure] = _figure(row, figure) if f"{figure}_low" in row else _claimed(row, figure)
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def _label(value: str) -> str:
    """An Uwazi thesaurus label as our slug: "Ceasefire violation" → "ceasefire_violation"."""
    return re.sub(r"\s+", "_", value.strip().lower())


def _day(text: str, column: str) -> str:
    for fmt in ("%Y/%m/%d", "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    raise BadInput(f"column {column}: '{text}' is not a date (YYYY-MM-DD or YYYY/MM/DD)")


def uwazi(row: Row) -> Row:
    """A row of our uwazi-import.csv, or of an Uwazi instance's CSV export of the template
    (its header the properties' labels, its date ranges "from~to")."""
    cells = {safe_name(k): v for k, v in row.items()}
    out: Row = {}
    ref = str(cells.get("rightsledger_id") or "").strip()
    if ref:
        found = _RL_ID.match(ref)
        if not found:
            raise BadInput(f"column rightsledger_id: '{ref}' is not a RightsLedger id (RL-12)")
        out["id"] = found.group(1)
    if cells.get("event_type"):
        out["type"] = _label(cells["event_type"])
    span = str(cells.get("date_range") or "").strip()
    if span:
        start, _, end = span.replace("~", ":").partition(":")  # ours ":", Uwazi's export "~"
        if start.strip():
            out["date_start"] = _day(start, "date_range")
        if end.strip():
            out["date_end"] = _day(end, "date_range")
    if cells.get("date_precision"):
        out["date_precision"] = _label(cells["date_precision"])
    out["places"], out["rights"] = cells.get("places"), cells.get("rights_affected")
    for figure in ("killed", "injured"):
        out[figure] = _figure(cells, figure)
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def acled(row: Row) -> Row:
    """A row of an ACLED event list (ours or a partner's). Our own rows (event_id_cnty
    "RL12") update or recreate incident 12; a partner's rows are new incidents, their event
    id kept in the description. actor1/actor2 (who acted) are not read: the import records
claims, not acts; a single source is the claimant of the fatalities."""
    out: Row = {}
    event = str(row.get("event_id_cnty") or "").strip()
    ours = _RL_ID.match(event)
    if ours:
        out["id"] = ours.group(1)
    sub = str(row.get("sub_event_type") or "").strip().lower()
    out["type"] = ACLED_SUB_EVENTS.get(sub, "other")
    if row.get("event_date"):
        out["date_start"] = out["date_end"] = _day(str(row["event_date"]), "event_date")
    precision = str(row.get("time_precision") or "").strip()
    if precision:
        if precision not in TIME_PRECISION:
            raise BadInput(f"column time_precision: '{precision}' is not 1, 2 or 3")
        out["date_precision"] = TIME_PRECISION[precision]
    if row.get("location"):
        out["places"] = str(row["location"]).strip()
    notes = str(row.get("notes") or "").strip()
    out["description"] = notes if ours or not event else f"{notes} (ACLED {event})".strip()
    fatalities = str(row.get("fatalities") or "").strip()
    if fatalities and fatalities != "0":
        out["killed"] = fatalities
    source = str(row.get("source") or "").strip()
    if "killed" in out and source and ";" not in source:  # who gives the figure
        out["claimed_by"] = source
    return {k: v for k, v in out.items() if v not in (None, "", [])}
