"""What people say about a source: its title, publication date and kind, given at upload or
corrected later, each change checked and audited.

A source's bytes never change (its id is their sha256); what is known about it may. People
give the title, the publication date and the kind when they upload, and correct them later;
what they give wins over what a reader found in the file. Each correction is an entry of
the audit log (entity ``source``, the source's id), and the log is also the source's
version: version N has N-1 corrections behind it, so a form read at an older version is
refused (Conflict: 409) instead of overwriting someone's correction.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, update

from rightsledger import vocabularies
from rightsledger.db import schema
from rightsledger.errors import BadInput, Conflict, NotFound
from rightsledger.records import audit
from rightsledger.records.dates import parse_day

EDITABLE = ("title", "published", "kind")  # what the source page corrects
GIVEN = (*EDITABLE, "publisher", "author", "language")  # what the upload form also gives
TITLE_MAX = 500  # characters
ENTITY = "source"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check(values: dict[str, Any]) -> dict[str, str]:
    """The given fields, trimmed and checked: a real day not after today for
    ``published``, a kind of the vocabulary, a language code, a title of one line. An
    empty value is left out (the file, or nothing, says it); a wrong one is BadInput
    naming the field."""
    out: dict[str, str] = {}
    for field in GIVEN:
        value = _CONTROL.sub(" ", str(values.get(field) or "")).strip()
        if value:
            out[field] = value
    if "published" in out:
        out["published"] = _published(out["published"])
    if "kind" in out and out["kind"] not in vocabularies.source_kinds():
        raise BadInput(f"kind: unknown source kind '{out['kind']}' (choose one of "
                       f"{', '.join(vocabularies.source_kinds())})")
    if "language" in out and not _LANGUAGE.match(out["language"]):
        raise BadInput(f"language: '{out['language']}' is not a language code (two or three "
                       "letters: en, ru, hy…)")
    if len(out.get("title", "")) > TITLE_MAX:
        raise BadInput(f"title: {len(out['title'])} characters, over {TITLE_MAX}: shorten it")
    return out


def _published(value: str) -> str:
    day = parse_day(value, "published")
    assert day is not None
    if day > date.today():
        raise BadInput(f"published: {day} is after today; a publication date is in the past")
    return day.isoformat()


def version(conn: Connection, source_id: str) -> int:
    """The source's version: 1, and one more for each correction in the audit log."""
    t = schema.audit
    edits = conn.execute(select(func.count()).select_from(t).where(
        t.c.entity == ENTITY, t.c.entity_id == source_id, t.c.action == "edit")).scalar()
    return 1 + int(edits or 0)


def edit(conn: Connection, source_id: str, changes: dict[str, Any], actor: str,
         expected_version: int) -> dict[str, Any]:
    """Correct a source's title, publication date or kind (inside a write transaction,
    which holds the ledger's write lock); refused if it was corrected since
    ``expected_version`` was read. A field given empty is cleared (the kind cannot be).
    Returns the fields as they were before; nothing is written when nothing changed."""
    wanted = _wanted(changes)
    before = _row(conn, source_id)
    now = version(conn, source_id)
    if expected_version != now:
        raise Conflict(f"source {source_id[:12]} was corrected by {_last_editor(conn, source_id)}"
                       f" (now version {now}, you read version {expected_version}): reload "
                       "it and apply your correction again")
    changed = {k: v for k, v in wanted.items() if before[k] != v}
    if changed:
        t = schema.sources
        conn.execute(update(t).where(t.c.id == source_id).values(**changed))
        audit.write(conn, actor, "edit", ENTITY, source_id,
                    before={k: before[k] for k in changed}, after=changed)
    return {k: before[k] for k in EDITABLE}


def _wanted(changes: dict[str, Any]) -> dict[str, str | None]:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise BadInput(f"{', '.join(sorted(unknown))}: not a field of a source that can be "
                       f"corrected (these can: {', '.join(EDITABLE)})")
    checked = check(changes)
    if "kind" in changes and "kind" not in checked:
        raise BadInput("kind: a source needs a kind (choose one of "
                       f"{', '.join(vocabularies.source_kinds())})")
    return {k: checked.get(k) for k in changes}


def _row(conn: Connection, source_id: str) -> dict[str, Any]:
    t = schema.sources
    row = conn.execute(select(*(t.c[k] for k in EDITABLE)).where(t.c.id == source_id)) \
        .mappings().first()
    if row is None:
        raise NotFound(f"no source {source_id[:12]}: see `rightsledger sources`")
    return dict(row)


def _last_editor(conn: Connection, source_id: str) -> str:
    t = schema.audit
    who = conn.execute(select(t.c.actor).where(
        t.c.entity == ENTITY, t.c.entity_id == source_id, t.c.action == "edit")
        .order_by(t.c.seq.desc()).limit(1)).scalar()
    return str(who or "someone")


def given_at_ingest(conn: Connection, source_id: str, values: dict[str, str],
                    actor: str) -> None:
    """Audit what a person gave for a new source (upload form, command-line options,
    manifest, sidecar) as it was recorded."""
    if values:
        audit.write(conn, actor, "describe", ENTITY, source_id, after=values)


def history(conn: Connection, source_id: str) -> list[audit.AuditEntry]:
    """The audit entries of a source, oldest first."""
    return list(audit.entries(conn, ENTITY, source_id))


def stale_dates(conn: Connection, source_id: str, published: str | None
                ) -> tuple[bool, str | None]:
    """Whether the source's dates were resolved against another publication date than
    ``published`` (the one it has now), and that date. Extraction used the date the source
    had at ingest, or at its last re-extraction (logged as ``re-extract``); a correction of
    ``published`` since then leaves relative dates ("yesterday") resolved against the old
    one until the source is extracted again."""
    old: str | None = published
    for entry in reversed(history(conn, source_id)):
        if entry.action == "re-extract":
            break
        if entry.action == "edit" and entry.before and "published" in entry.before:
            old = entry.before["published"]  # the earliest since: what extraction used
    return old != published, old


def reextracted(conn: Connection, source_id: str, published: str | None, actor: str) -> None:
    """Audit that the source was extracted again, its dates resolved against
    ``published``."""
    audit.write(conn, actor, "re-extract", ENTITY, source_id, after={"published": published})


def titles(conn: Connection, source_ids: list[str]) -> dict[str, str]:
    """Each source's title, or its file name where it has none, by id."""
    if not source_ids:
        return {}
    t = schema.sources
    found = conn.execute(select(t.c.id, t.c.title, t.c.original_name)
                         .where(t.c.id.in_(sorted(set(source_ids)))))
    return {r.id: r.title or r.original_name for r in found}


def kind_names() -> dict[str, str]:
    """Each source kind's code and its words ("press_release": "Press release"), in the
    vocabulary's order, for a form's choices."""
    words = vocabularies.load("source_kinds")
    return {k: str(words[k]) for k in vocabularies.source_kinds()}
