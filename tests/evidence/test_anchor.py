"""Promise 4, anchored chain heads (docs/security.md): someone with write access to the
database and the ledger's key rewrites the tail of the custody log and recomputes every hash
and signature. `verify` alone cannot see it; `verify --against` a head kept outside the
ledger (a head file, or any published folder's signed manifest) names the entry."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, update
from tests.cli.test_cli import rl

from rightsledger import anchor
from rightsledger.db import schema
from rightsledger.errors import BadInput
from rightsledger.evidence import keys
from rightsledger.evidence.custody import compute_hash
from rightsledger.ledger import Ledger
from rightsledger.publish.export import export
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify


def _ingest(ledger: Ledger, folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"Field note {name}: the road to Martakert was closed.")
    ingest(ledger, [folder / n for n in names], extract=False)


def _rewrite_from(ledger: Ledger, first: int) -> None:
    """The attack: change entry ``first``'s details, then recompute and re-sign it and every
    entry after it with the ledger's own key, writing the rows back."""
    key = keys.load_private(ledger.path / "keys")
    entries = list(ledger.store.custody())
    prev = entries[first - 2].entry_hash
    with ledger.store.writing() as conn:
        for e in entries[first - 1:]:
            details = {**e.details, "path": "/elsewhere/forged.txt"} if e.seq == first \
                else e.details
            digest = compute_hash(e.seq, e.at, e.actor, e.action, e.object, details, prev)
            conn.execute(update(schema.custody).where(schema.custody.c.seq == e.seq).values(
                details=json.dumps(details), prev_hash=prev, entry_hash=digest,
                signature=keys.sign(key, bytes.fromhex(digest))))
            prev = digest


def test_promise_4_a_rewritten_tail_fails_against_a_kept_head(ledger: Ledger,
                                                              tmp_path: Path) -> None:
    _ingest(ledger, tmp_path / "a", ["1.txt", "2.txt", "3.txt"])
    head = tmp_path / "head.json"
    head.write_text(json.dumps(anchor.head_of(ledger)))
    kept = anchor.read(head, ledger)
    _ingest(ledger, tmp_path / "b", ["4.txt"])  # the log grows: the anchor still holds
    assert anchor.problems(ledger, kept) == []
    _rewrite_from(ledger, kept.seq - 1)
    assert verify(ledger).ok  # the chain checks out: without the anchor, nothing shows
    assert anchor.problems(ledger, kept) == [
        f"custody entry {kept.seq}: hash {_hash_at(ledger, kept.seq)[:12]}…, but {head} "
        f"anchored {kept.hash[:12]}…: the log was rewritten after the anchor"]
    with ledger.store.writing() as conn:
        conn.execute(delete(schema.custody).where(schema.custody.c.seq >= kept.seq))
    assert "missing, but" in anchor.problems(ledger, kept)[0]


def _hash_at(ledger: Ledger, seq: int) -> str:
    return next(e.entry_hash for e in ledger.store.custody() if e.seq == seq)


def test_promise_4_every_published_folder_anchors_the_chain(ledger: Ledger,
                                                            tmp_path: Path) -> None:
    _ingest(ledger, tmp_path / "a", ["1.txt", "2.txt"])
    done = export(ledger, "json", tmp_path / "export", "t")
    kept = anchor.read(done.folder or tmp_path, ledger)
    assert kept.seq >= 3 and anchor.problems(ledger, kept) == []
    _rewrite_from(ledger, 2)
    assert verify(ledger).ok
    assert anchor.problems(ledger, kept)[0].startswith(f"custody entry {kept.seq}: hash ")


def test_a_forged_or_foreign_head_is_refused(ledger: Ledger, tmp_path: Path) -> None:
    signed = anchor.head_of(ledger)
    signed["head"]["seq"] = 99
    (tmp_path / "forged.json").write_text(json.dumps(signed))
    with pytest.raises(BadInput, match="its signature does not match this ledger's key"):
        anchor.read(tmp_path / "forged.json", ledger)
    (tmp_path / "other.json").write_text("{}")
    with pytest.raises(BadInput, match="not a chain head or a publication's manifest"):
        anchor.read(tmp_path / "other.json", ledger)


def test_head_and_verify_against_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    assert rl("init", str(folder)).returncode == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.txt").write_text("A note about Goris.")
    assert rl("ingest", str(folder), str(tmp_path / "in")).returncode == 0
    assert rl("head", str(folder), "--out", str(tmp_path / "head.json")).returncode == 0
    assert rl("verify", str(folder), "--against", str(tmp_path / "head.json")).returncode == 0
    with Ledger.open(folder) as ledger:
        _rewrite_from(ledger, 2)
    done = rl("verify", str(folder), "--against", str(tmp_path / "head.json"))
    assert done.returncode == 1 and "the log was rewritten after the anchor" in done.stderr


def _age_until(ledger: Ledger, last: int, days: int) -> None:
    """Test data from the past: entries 1 to ``last`` written ``days`` ago, the chain
    recomputed and re-signed with the ledger's key (the code's clock is left alone)."""
    when = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    prev = "0" * 64
    with ledger.store.writing() as conn:
        for e in list(ledger.store.custody()):
            at = when if e.seq <= last else e.at
            digest = compute_hash(e.seq, at, e.actor, e.action, e.object, e.details, prev)
            conn.execute(update(schema.custody).where(schema.custody.c.seq == e.seq).values(
                at=at, prev_hash=prev, entry_hash=digest,
                signature=keys.sign(ledger.signing_key, bytes.fromhex(digest))))
            prev = digest


def _keep(ledger: Ledger, path: Path) -> int:
    """Keep a head in ``path`` as `rightsledger head --out` does; return its sequence."""
    signed = anchor.keep(ledger, str(path), lambda s: path.write_text(json.dumps(s)))
    return int(signed["head"]["seq"])


def test_promise_4_verify_warns_when_the_last_kept_head_is_older_than_head_warn_days(
        ledger: Ledger, tmp_path: Path) -> None:
    _ingest(ledger, tmp_path / "a", ["1.txt", "2.txt"])
    kept = _keep(ledger, tmp_path / "head.json")
    _ingest(ledger, tmp_path / "b", ["3.txt"])
    _age_until(ledger, kept, days=8)
    report = verify(ledger)
    assert report.ok  # a warning is not a problem
    assert report.warnings == [
        f"1 custody entry written since entry {kept}, the last chain head kept outside the "
        "ledger, 8 days ago: removing the log's last entries would go unnoticed; keep one "
        "now with `rightsledger head --out FILE` (setting head_warn_days)"]
    _keep(ledger, tmp_path / "now.json")
    assert verify(ledger).warnings == []  # a head kept today answers it


def test_promise_4_no_warning_for_a_fresh_ledger_or_an_old_head_with_nothing_after_it(
        ledger: Ledger, tmp_path: Path) -> None:
    _ingest(ledger, tmp_path / "a", ["1.txt"])
    assert verify(ledger).warnings == []  # made today, no head yet: nothing to say
    _age_until(ledger, 10**6, days=30)
    assert "no chain head was ever kept outside the ledger (made 30 days ago)" in \
        verify(ledger).warnings[0]
    _age_until(ledger, _keep(ledger, tmp_path / "head.json"), days=30)
    assert verify(ledger).warnings == []  # the old head covers every entry


def test_promise_4_the_head_command_notes_the_head_it_anchors(tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    assert rl("init", str(folder)).returncode == 0
    assert rl("head", str(folder), "--out", str(tmp_path / "head.json")).returncode == 0
    with Ledger.open(folder) as ledger:
        note = list(ledger.store.custody())[-1]
        kept = anchor.read(tmp_path / "head.json", ledger)
    assert (note.action, note.details) == ("head", {"out": str(tmp_path / "head.json")})
    assert kept.seq == note.seq  # the head kept covers its own note
    failed = rl("head", str(folder), "--out", str(tmp_path / "head.json" / "inside.json"))
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
    assert "cannot write" in failed.stderr and "no head was kept" in failed.stderr
    with Ledger.open(folder) as ledger:
        assert list(ledger.store.custody())[-1].seq == note.seq  # no note for a head not kept
