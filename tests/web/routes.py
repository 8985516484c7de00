"""The app's routes as they are served (full paths, routers' prefixes included), for tests
that must reach every route: a route added later is reached without anyone listing it."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute


def served(app: FastAPI) -> Iterator[tuple[str, BaseRoute]]:
    """(full path, route) of every route of ``app``, mounts included."""
    try:  # FastAPI 0.16x keeps included routers whole; this walks them
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI copied every route into app.routes
        for route in app.routes:
            yield getattr(route, "path", ""), route
        return
    for context in iter_route_contexts(app.routes):
        yield context.path or "", context.original_route


def api_routes(app: FastAPI, method: str = "GET") -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) of every route of ``app`` that answers ``method``."""
    for path, route in served(app):
        if isinstance(route, APIRoute) and method in route.methods:
            yield path, route
