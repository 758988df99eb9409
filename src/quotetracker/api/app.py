"""The FastAPI application factory: JSON API, web UI, local API docs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from . import routes_api, routes_web, routes_write
from .backend import resolve_backend
from .errors import install_error_handlers
from .middleware import BodySizeLimit, RejectNulBytes, SecurityHeaders

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

DESCRIPTION = """Who said what, about whom, when and where — attributed statements from dated news.

Every list is paginated (`limit`, `offset`; `limit` at most 500) and statement lists take the
same filters as the CLI: `speaker`, `about`, `q`, `kind`, `since`, `until`, `source`, `topic`, `lang`.
Errors are JSON: `{"error": "...", "status": 404, "message": "..."}`.
Writing (`POST /api/documents`) needs `Authorization: Bearer $QUOTETRACKER_TOKEN`; it is off when
the server has no token configured.
"""


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every piece of article text and metadata is escaped
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    env.filters["thousands"] = lambda value: f"{int(value or 0):,}".replace(",", "\u202f")
    return Jinja2Templates(env=env)


def create_app(
    url_or_tracker: Any = None,
    *,
    token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    cache_ttl: float = 30.0,
) -> FastAPI:
    """Build the app over a database URL, a tracker (``quotetracker.open(...)``) or a QueryService.

    ``token`` enables ``POST /api/documents``; default ``$QUOTETRACKER_TOKEN``. Corpus-wide
    summaries (overview, topics, top speakers and entities) are cached ``cache_ttl`` seconds
    (0 turns the cache off) and dropped after every ingest through the API.
    """
    backend = resolve_backend(url_or_tracker)
    backend.cache.ttl = cache_ttl
    app = FastAPI(
        title="quotetracker",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served below with local assets instead of a CDN
        redoc_url=None,
    )
    app.state.backend = backend
    app.state.token = token if token is not None else (os.environ.get("QUOTETRACKER_TOKEN") or None)
    app.state.templates = _templates()

    install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the chart bundles are ~800 kB, ~250 kB gzipped
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(RejectNulBytes)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="quotetracker API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    app.include_router(routes_api.router)
    app.include_router(routes_write.router)
    app.include_router(routes_web.router)
    return app
