"""The web application: server-rendered pages (FastAPI, Jinja2) and a JSON API over the
same library functions the CLI calls. Start it with `rightsledger serve`."""
