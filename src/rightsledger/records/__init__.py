"""Records: what people decide from the evidence — incidents with their sources, acts and
claims, victims, disruptions, statements, obligations — each write audited.

Every function takes a write connection from ``ledger.store.writing()`` and the name of
the person acting; the CLI and the web app call these same functions. Importing a file of
incidents, which grades them as review does, is a workflow (rightsledger.workflow.importing).
"""
