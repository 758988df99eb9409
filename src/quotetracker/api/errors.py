"""Errors as clear JSON for the API (and a page for browsers); never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..query import QueryError

log = logging.getLogger("quotetracker.api")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raised by handlers for a 4xx with a message the client can act on."""

    def __init__(self, status: int, message: str, details: Any = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.headers = headers


def error_body(status: int, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": _STATUS_CODES.get(status, "error"), "status": status, "message": message}
    if details is not None:
        body["details"] = details
    return body


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.startswith("/static/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(request: Request, status: int, message: str, details: Any = None, headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
        )
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Keep location, message and type; drop echoed input (may be large or sensitive).
    out = []
    for e in exc.errors():
        out.append({"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg"), "type": e.get("type")})
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.message, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _STATUS_CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        return _respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else {}
        where = ".".join(p for p in first.get("loc", []) if p not in ("query", "path", "body"))
        message = f"invalid parameter {where}: {first.get('msg')}" if where else f"invalid request: {first.get('msg')}"
        return _respond(request, 422, message, details)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError) -> Response:
        return _respond(request, 400, str(exc).lstrip("-"))

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> Response:
        # the DBAPI's class for values the database cannot take (too long, out of range, bad encoding)
        log.warning("database rejected a value on %s %s: %s", request.method, request.url.path, exc.orig)
        return _respond(request, 400, "a parameter has a value the database cannot use")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _respond(request, 500, "internal server error (details are in the server log)")


class ErrorBody(BaseModel):
    """What every error response looks like."""

    error: str
    status: int
    message: str
    details: Any | None = None


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error codes a route can answer (replaces FastAPI's default 422 shape)."""
    return {code: {"model": ErrorBody, "description": _STATUS_CODES.get(code, "error").replace("_", " ")} for code in codes}
