"""The API's documentation page, /docs: Swagger UI over /openapi.json, its files served from
the fastapi-offline package under /vendor/swagger (no CDN: the machines are offline, and
the Content-Security-Policy allows this site's own scripts only), started by our own
static/docs.js rather than an inline script."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

SWAGGER = Path(fastapi_offline.__file__).resolve().parent / "static"
PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>RightsLedger API</title>
  <link rel="stylesheet" href="/vendor/swagger/swagger-ui.css">
  <link rel="icon" href="/vendor/swagger/favicon.png">
</head>
<body>
  <div id="swagger-ui" data-openapi="/openapi.json"></div>
  <script src="/vendor/swagger/swagger-ui-bundle.js"></script>
  <script src="/static/docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """Serve /docs and its files (the app is made with docs_url=None, redoc_url=None)."""
    app.mount("/vendor/swagger", StaticFiles(directory=SWAGGER), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(PAGE)
