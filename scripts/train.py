"""`make train`: build the learned components of extraction from the labelled development set.

    src/rightsledger/extract/models/sentence_classes.json   what a sentence is (event report,
                                                             background, demand, denial,
                                                             tally, other)

Reproducible: the same labels give the same file, byte for byte (full-batch training from
zero weights, sorted features). The labels point into ../shared/corpus by offset and into
our own texts (eval/devset); the model holds hashed feature weights, never a sentence.
See docs/extraction.md (Learned components) and docs/annotation-guideline.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

import run  # noqa: E402  (eval/run.py: the labelled documents)

from rightsledger.extract import sentence_classes  # noqa: E402
from rightsledger.extract.pipeline import extract_text  # noqa: E402

OUT = ROOT / "src" / "rightsledger" / "extract" / "models" / "sentence_classes.json"


def labelled_examples(docs=None) -> list[tuple[list[str], str]]:
    """Every sentence of the labelled documents as (features, class), rules only (no model
    in the loop, so that training never sees its own output)."""
    out: list[tuple[list[str], str]] = []
    with sentence_classes.using(None):
        for record, text in run.incident_docs() if docs is None else docs:
            doc = extract_text(text, record.get("language"), run._day(record.get("published")))
            doc.text = text
            out += sentence_classes.examples(doc, record)
    return out


def main() -> int:
    examples = labelled_examples()
    model = sentence_classes.train(examples)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(model.to_json() + "\n", encoding="utf-8")
    counts = Counter(label for _, label in examples)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(examples)} sentences "
          f"({', '.join(f'{c} {n}' for c, n in counts.most_common())}), "
          f"{len(model.weights)} features, {OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
