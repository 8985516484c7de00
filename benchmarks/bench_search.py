"""Search latency on a large ledger, on SQLite and on PostgreSQL.

Documents are loaded straight into the records store (not through files) in transactions of
2,000. The queries mix rare names, common words, two-word queries and quoted phrases, all
taken from the loaded text so that every one has matches. The reference is a primary-key
lookup of one source through the same store (``sources_by_num``), timed in the same run.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generate import Doc, search_docs
from measure import Profiler, Row, ms, note, percentile, rate, timed

from rightsledger.db import RecordStore
from rightsledger.db.pgcluster import PostgresMissing, new_database, postgres_server
from rightsledger.domain import Source
from rightsledger.ledger import Ledger
from rightsledger.search import SearchFilters, search
from rightsledger.search.text import parse

NAME = "search"
GOAL_P95 = 0.050
BATCH = 2000
PER_KIND = 50
PHRASES = ("Lachin corridor", "remained closed", "according to", "had not reached",
           "the road was checked", "asked the ombudsman", "human rights defender")


def load(store: RecordStore, docs: list[Doc]) -> None:
    for start in range(0, len(docs), BATCH):
        with store.writing() as conn:
            for doc in docs[start:start + BATCH]:
                store.add_source(conn, _source(doc), None)


def _source(doc: Doc) -> Source:
    return Source(id=doc.id, size=len(doc.text.encode()), media_type="text/plain",
                  original_name=f"{doc.id[:12]}.txt", kind="article", reader="text.v1",
                  ingested_at="2024-01-01T00:00:00Z", publisher="Bench", title=doc.title,
                  published=doc.published, language="en", text=doc.text)


def queries(docs: list[Doc], seed: int = 5) -> list[tuple[str, str]]:
    """(kind, query) pairs: rare names, common words, two words, phrases; PER_KIND each."""
    rng = random.Random(seed)
    df = Counter(w for d in docs for w in set(parse(d.text).words))
    by_df = sorted((n, w) for w, n in df.items() if len(w) >= 4 and not w.isdigit())
    rare = [w for n, w in by_df if n <= 5]
    common = [w for _, w in by_df[-40:]]
    middle = [w for n, w in by_df if len(docs) // 200 <= n <= len(docs) // 20]
    phrases = [p for p in PHRASES if p.split()[0].lower() in df]
    out = [("rare", rng.choice(rare)) for _ in range(PER_KIND)]
    out += [("common", rng.choice(common)) for _ in range(PER_KIND)]
    out += [("two words", f"{rng.choice(common)} {rng.choice(middle)}") for _ in range(PER_KIND)]
    out += [("phrase", f'"{rng.choice(phrases)}"') for _ in range(PER_KIND)]
    rng.shuffle(out)
    return out


def latencies(fn: Callable[[str], object], args: list[str]) -> list[float]:
    return [timed(fn, a)[1] for a in args]


def measure_engine(engine: str, store: RecordStore, qs: list[tuple[str, str]],
                   nums: list[int], ids: list[str], profiler: Profiler) -> list[Row]:
    filters = SearchFilters()
    texts = [q for _, q in qs]
    latencies(lambda q: search(store, q, filters), texts[:20])  # warm the caches
    lat = profiler.run(f"search on {engine}", latencies,
                       lambda q: search(store, q, filters, limit=20, cap=2000), texts)
    sql = latencies(lambda q: store.search_nums(parse(q), filters, 20, 2000), texts)
    pk = latencies(lambda n: store.sources_by_num([int(n)]), [str(n) for n in nums])
    by_id = latencies(store.get_source, ids)
    ref = percentile(pk, 50)
    p50, p95 = percentile(lat, 50), percentile(lat, 95)
    kinds = sorted({k for k, _ in qs})
    per_kind = ", ".join(
        f"{k} {ms(percentile([t for (kk, _), t in zip(qs, lat, strict=True) if kk == k], 95))}"
        for k in kinds)
    return [
        Row(NAME, f"{engine}: search p50 ({len(texts)} queries)", ms(p50),
            f"primary-key lookup p50 {ms(ref)}", p50 / ref),
        Row(NAME, f"{engine}: search p95", ms(p95), f"primary-key lookup p50 {ms(ref)}",
            p95 / ref, f"p95 < {GOAL_P95 * 1000:g} ms", p95 < GOAL_P95),
        Row(NAME, f"{engine}: p95 by query kind (info)", per_kind),
        Row(NAME, f"{engine}: engine query only, p50 / p95 (info)",
            f"{ms(percentile(sql, 50))} / {ms(percentile(sql, 95))}",
            "search_nums, without loading rows and snippets"),
        Row(NAME, f"{engine}: get_source(full id) p50 (info)", ms(percentile(by_id, 50)),
            f"primary-key lookup p50 {ms(ref)}", percentile(by_id, 50) / ref),
    ]


def bench_engine(engine: str, folder: Path, url: str | None, docs: list[Doc],
                 qs: list[tuple[str, str]], profiler: Profiler) -> list[Row]:
    rng = random.Random(11)
    with Ledger.init(folder, url) as ledger:
        note(f"search: loading {len(docs):,} documents into {engine}")
        _, took = timed(load, ledger.store, docs)
        if engine == "PostgreSQL":
            _analyze(ledger.store)
        nums = [rng.randint(1, len(docs)) for _ in range(len(qs))]
        ids = [rng.choice(docs).id for _ in range(len(qs))]
        note(f"search: {len(qs)} queries on {engine}")
        rows = measure_engine(engine, ledger.store, qs, nums, ids, profiler)
    load_row = Row(NAME, f"{engine}: bulk load (info)",
                   f"{took:.1f} s, {rate(len(docs), took, 'docs')}")
    return [load_row, *rows]


def _analyze(store: RecordStore) -> None:
    """What autovacuum would do within a minute of a bulk load; done now to be repeatable."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def run(quick: bool, profiler: Profiler) -> list[Row]:
    count = 10_000 if quick else 100_000
    note(f"search: generating {count:,} documents")
    docs = search_docs(count)
    qs = queries(docs)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rl-bench-search-") as tmp:
        rows += bench_engine("SQLite", Path(tmp) / "sqlite", None, docs, qs, profiler)
        try:
            with postgres_server() as server:
                rows += bench_engine("PostgreSQL", Path(tmp) / "pg", new_database(server),
                                     docs, qs, profiler)
        except PostgresMissing as exc:
            rows.append(Row(NAME, "PostgreSQL: not measured", str(exc), met=False))
    return rows
