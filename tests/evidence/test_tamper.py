"""Promise 3, tamper evidence (docs/security.md), as a property: Hypothesis makes 1,000
random mutations of a small ledger and one of its publications — a flipped bit, a
truncation or a deletion of an object; an edited, deleted, swapped or forged (hash
recomputed) custody or audit line; a source record changed or deleted; a published file
altered, removed or added; an incident or a claim edited, a claim deleted or one slipped
in, straight in the database — and every one is detected and named, by `verify` (which
replays the audit log against the records), the audit chain, a chain head kept at the end
of the setup, or `verify-export`. 100 clean copies
report nothing.

On SQLite: each example works on a fresh copy of one template ledger folder (PostgreSQL
copies would cost a database each; the same checks run on both engines in test_verify.py
and test_anchor.py)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update

from rightsledger import anchor
from rightsledger.db import schema
from rightsledger.evidence import keys
from rightsledger.ledger import Ledger
from rightsledger.publish import manifest
from rightsledger.publish.export import export
from rightsledger.records import audit, claims, incidents
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify

KINDS = ("flip", "truncate", "delete_object", "edit_custody", "delete_custody",
         "swap_custody", "forge_custody", "edit_audit", "delete_audit", "forge_audit",
         "source_id", "delete_source", "edit_record", "delete_record", "add_record",
         "alter_published", "remove_published", "add_published")
SOAK = os.environ.get("RIGHTSLEDGER_SOAK") == "1"  # make soak: ten times as many
SETTINGS = settings(max_examples=10000 if SOAK else 1000, deadline=None, database=None,
                    derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """A ledger with five sources, an incident with claims (audit entries), a published
    export, and a head file taken last."""
    with tempfile.TemporaryDirectory(prefix="rl-tamper-") as tmp:
        root = Path(tmp)
        (root / "inbox").mkdir()
        for i in range(5):
            (root / "inbox" / f"n{i}.txt").write_text(
                f"Note {i}: the gas supply to Stepanakert stopped on day {i + 30}.", "utf-8")
        with Ledger.init(root / "ledger") as ledger:
            ingest(ledger, [root / "inbox"], extract=False)
            with ledger.store.writing() as conn:
                found = incidents.create(conn, {"type": "blockade", "date_start": "2023-01-17",
                                                "places": ["Stepanakert"],
                                                "description": "No gas for ten days"},
                                         "setup")
                claims.add(conn, {"incident_id": found, "by": "Monitor", "killed": 1}, "setup")
                claims.add(conn, {"incident_id": found, "by": "Ministry", "stance": "denies"},
                           "setup")
            export(ledger, "json", root / "published", "setup")
            (root / "head.json").write_text(json.dumps(anchor.head_of(ledger)))
        shutil.rmtree(root / "inbox")
        yield root


def _findings(root: Path) -> str:
    """Everything the checks say about a copy, as one text."""
    with Ledger.open(root / "ledger") as ledger:
        said = verify(ledger).problems
        with ledger.store.reading() as conn:
            said += [p for p in [audit.first_break(conn)] if p]
        said += anchor.problems(ledger, anchor.read(root / "head.json", ledger))
        said += manifest.check(root / "published",
                               keys.load_public(ledger.public_key_path))[1]
    return "\n".join(said)


def _rows(ledger: Ledger, table: Any, order: str = "") -> list[dict[str, Any]]:
    order = order or ("seq" if "seq" in table.c else "num")
    with ledger.store.reading() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c[order]))
                .mappings()]


def _object_file(root: Path, data: st.DataObject) -> tuple[str, Path]:
    files = sorted(p for p in (root / "ledger" / "objects").rglob("*") if p.is_file())
    path = data.draw(st.sampled_from(files))
    return path.parent.name + path.name, path


def _mutate(root: Path, kind: str, data: st.DataObject) -> str:
    """Apply one mutation; give the name the findings must mention."""
    if kind in ("flip", "truncate", "delete_object"):
        sha, path = _object_file(root, data)
        body = path.read_bytes()
        path.chmod(0o644)
        if kind == "flip":
            at = data.draw(st.integers(0, len(body) - 1))
            bit = data.draw(st.integers(0, 7))
            path.write_bytes(body[:at] + bytes([body[at] ^ (1 << bit)]) + body[at + 1:])
        elif kind == "truncate":
            path.write_bytes(body[:data.draw(st.integers(0, len(body) - 1))])
        else:
            path.unlink()
        return sha
    if kind in ("alter_published", "remove_published", "add_published"):
        return _mutate_published(root / "published", kind, data)
    with Ledger.open(root / "ledger") as ledger:
        if kind.endswith("custody"):
            return _mutate_log(ledger, schema.custody, kind, data, "custody entry")
        if kind.endswith("audit"):
            return _mutate_log(ledger, schema.audit, kind, data, "audit entry")
        if kind.endswith("record"):
            return _mutate_record(ledger, kind, data)
        return _mutate_source(ledger, kind, data)


def _mutate_published(folder: Path, kind: str, data: st.DataObject) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != manifest.NAME)
    if kind == "add_published":
        name = data.draw(st.sampled_from(["extra.csv", "notes/readme.txt", ".hidden"]))
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("slipped in")
        return name
    path = data.draw(st.sampled_from(files))
    if kind == "remove_published":
        path.unlink()
    else:
        body = path.read_bytes()
        at = data.draw(st.integers(0, len(body) - 1))
        path.write_bytes(body[:at] + bytes([body[at] ^ 1]) + body[at + 1:])
    return path.relative_to(folder).as_posix()


def _mutate_log(ledger: Ledger, table: Any, kind: str, data: st.DataObject,
                noun: str) -> str:
    rows = _rows(ledger, table)
    row = data.draw(st.sampled_from(rows))
    seq = named = row["seq"]
    last = seq == rows[-1]["seq"]
    key = "details" if "details" in table.c else "after"
    with ledger.store.writing() as conn:
        where = table.c.seq == seq
        if kind.startswith("edit"):
            conn.execute(update(table).where(where).values(actor=row["actor"] + "x"))
        elif kind.startswith("delete"):
            conn.execute(delete(table).where(where))
            named = seq if last else seq + 1  # the next line's link breaks; the last: anchor
        elif kind.startswith("swap"):
            other = data.draw(st.sampled_from([r for r in rows if r["seq"] != seq]))
            for a, b in ((row, other), (other, row)):
                conn.execute(update(table).where(table.c.seq == a["seq"]).values(
                    {c: b[c] for c in b if c != "seq"}))
            named = min(seq, other["seq"])
        else:  # forged: new content, its own hash recomputed to match
            forged = json.dumps({"forged": True})
            values = _forged_hash(table, row, key, forged)
            conn.execute(update(table).where(where).values({key: forged, **values}))
            if table is schema.audit and not last:
                named = seq + 1  # unsigned: its hash checks out, the next line's link breaks
    return f"{noun} {named}:"


def _forged_hash(table: Any, row: dict[str, Any], key: str, forged: str) -> dict[str, str]:
    from rightsledger.evidence.custody import compute_hash

    if key == "details":
        digest = compute_hash(row["seq"], row["at"], row["actor"], row["action"],
                              row["object"], json.loads(forged), row["prev_hash"])
    else:
        details = {"entity": row["entity"], "id": row["entity_id"],
                   "before": json.loads(row["before"]) if row["before"] else None,
                   "after": json.loads(forged)}
        digest = compute_hash(row["seq"], row["at"], row["actor"], row["action"], "",
                              details, row["prev_hash"])
    return {"entry_hash": digest}


def _mutate_record(ledger: Ledger, kind: str, data: st.DataObject) -> str:
    """An incident or a claim changed, a claim deleted or slipped in, in the database."""
    t = schema.claims
    claim = data.draw(st.sampled_from(_rows(ledger, t, "id")))
    with ledger.store.writing() as conn:
        if kind == "add_record":
            added = conn.execute(t.insert().values(
                incident_id=claim["incident_id"], stance="asserts", text="slipped in",
                killed_min=40, quote="", machine=0, created_at=claim["created_at"],
                created_by="setup")).inserted_primary_key[0]
            return f"claim {added}:"
        if kind == "delete_record":
            conn.execute(delete(t).where(t.c.id == claim["id"]))
            return f"claim {claim['id']}:"
        if data.draw(st.booleans()):
            row = _rows(ledger, schema.incidents, "id")[0]
            column = data.draw(st.sampled_from(["description", "type", "date_start"]))
            new = {"description": "Nothing happened", "type": "shelling",
                   "date_start": "2022-01-01"}[column]
            conn.execute(update(schema.incidents).where(schema.incidents.c.id == row["id"])
                         .values({column: new}))
            return f"incident {row['id']}: {column}"
        column = data.draw(st.sampled_from(["text", "quote", "stance", "killed_min"]))
        new = {"text": "invented", "quote": "invented words",
               "stance": "asserts" if claim["stance"] == "denies" else "denies",
               "killed_min": (claim["killed_min"] or 0) + 5}[column]
        conn.execute(update(t).where(t.c.id == claim["id"]).values({column: new}))
        return f"claim {claim['id']}: {column}"


def _mutate_source(ledger: Ledger, kind: str, data: st.DataObject) -> str:
    row = data.draw(st.sampled_from(_rows(ledger, schema.sources)))
    with ledger.store.writing() as conn:
        where = schema.sources.c.num == row["num"]
        if kind == "delete_source":
            conn.execute(delete(schema.sources).where(where))
        else:
            conn.execute(update(schema.sources).where(where).values(id="f" * 64))
    return row["id"]


@SETTINGS
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_promise_3_every_mutation_is_detected_and_named(template: Path, kind: str,
                                                        data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="rl-copy-") as tmp:
        root = Path(tmp) / "copy"
        shutil.copytree(template, root)
        name = _mutate(root, kind, data)
        found = _findings(root)
    assert found, f"{kind} went unnoticed"
    assert name in found, f"{kind}: {name!r} not named in:\n{found}"


@settings(max_examples=100, deadline=None, database=None, derandomize=True)
@given(st.integers(0, 10**6))
def test_promise_3_clean_copies_report_nothing(template: Path, _n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="rl-copy-") as tmp:
        root = Path(tmp) / "copy"
        shutil.copytree(template, root)
        assert _findings(root) == ""
