"""The audit log's bulk path hashes exactly what compute_hash hashes (records.audit)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rightsledger.evidence.custody import compute_hash
from rightsledger.records import audit

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12)
    | st.floats(allow_nan=False, allow_infinity=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12)
_record = st.none() | st.dictionaries(_text, _json, max_size=6)


@given(seq=st.integers(1, 10**9), at=_text, actor=_text, action=_text, entity=_text,
       entity_id=_text, before=_record, after=_record, prev=_text)
def test_the_bulk_entry_hash_is_compute_hash_of_the_same_entry(
        seq: int, at: str, actor: str, action: str, entity: str, entity_id: str,
        before: dict[str, Any] | None, after: dict[str, Any] | None, prev: str) -> None:
    details = {"entity": entity, "id": entity_id, "before": before, "after": after}
    fast = audit._entry_hash(seq, at, actor, action, entity, entity_id, audit._dump(before),
                             audit._dump(after), prev)
    assert fast == compute_hash(seq, at, actor, action, "", details, prev)


@given(record=_record)
def test_a_record_stored_in_the_log_reads_back_as_it_was(record: dict[str, Any] | None) -> None:
    stored = audit._dump(record)
    assert (None if stored is None else json.loads(stored)) == record
