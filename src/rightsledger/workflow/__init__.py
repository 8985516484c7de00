"""The workflows: one home for what runs the stages in order.

Each is called alike by the CLI, the web app and the tests:

    ingest      discover -> store -> extract -> regroup near-duplicates -> propose
    reextract   sources extracted by older stage versions, extracted again
    propose     candidates not yet proposed -> proposed incidents for review
    verify      the whole ledger: objects, custody chain, audit log, staging, anchoring
    importing   incidents from a CSV or JSON file, graded as a reviewer's edit is

The workflow layer stands above the stages (evidence, extract, review, records, anchor,
uploads) and calls down into them; no stage imports it (docs/development.md, "Layers").
"""

from rightsledger.workflow.importing import Imported, import_file
from rightsledger.workflow.ingest import FileResult, IngestSummary, ingest, ingest_found
from rightsledger.workflow.propose import propose
from rightsledger.workflow.reextract import reextract
from rightsledger.workflow.verify import VerifyReport, verify

__all__ = ["FileResult", "Imported", "IngestSummary", "VerifyReport", "import_file",
           "ingest", "ingest_found", "propose", "reextract", "verify"]
