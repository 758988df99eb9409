"""The one write endpoint: POST /api/documents, guarded by a bearer token.

Accepts what ``ingest`` accepts: a JSON document or a list of them (fields of the
JSONL format: text, date, source, title, url, lang, id), an uploaded file
(multipart field ``file``: seed .txt, .jsonl, .csv, .html, .gz …) or a seed-format
text body (``text/plain``). The body is written to a temporary file and ingested,
so the API and the CLI share one ingest path.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from . import schemas
from .errors import ApiError, error_responses

router = APIRouter(prefix="/api", tags=["write"])
bearer = HTTPBearer(auto_error=False, description="The server's $QUOTETRACKER_TOKEN")

_DOCUMENT_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string"},
        "id": {"type": "string"},
        "date": {"type": "string", "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
        "source": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "lang": {"type": "string"},
    },
    "additionalProperties": True,
}
_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [_DOCUMENT_SCHEMA, {"type": "array", "items": _DOCUMENT_SCHEMA}]}},
        "multipart/form-data": {
            "schema": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        "text/plain": {"schema": {"type": "string", "description": "one article in the seed format (date line, text, byline)"}},
    },
}

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "writing is disabled on this server: start it with QUOTETRACKER_TOKEN set to enable POST /api/documents")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "missing bearer token: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "invalid bearer token", headers={"WWW-Authenticate": "Bearer"})


def _json_documents(raw: bytes) -> list[dict[str, Any]]:
    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"body is not valid JSON: {exc}") from None
    docs = payload if isinstance(payload, list) else [payload]
    if not docs:
        raise ApiError(400, "empty list: nothing to ingest")
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict):
            raise ApiError(400, f"document {i}: expected a JSON object with at least a 'text' field")
        if not isinstance(doc.get("text"), str) or not doc["text"].strip():
            raise ApiError(400, f"document {i}: 'text' must be a non-empty string")
    return docs


def _summary(result: Any) -> Any:
    if result is None:
        return None
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    if isinstance(result, (dict, list, int, float, str)):
        return result
    return str(result)


async def _write_body(request: Request, folder: Path) -> Path:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        docs = _json_documents(await request.body())
        path = folder / "upload.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        return path
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "multipart upload needs a file in the field 'file'")
        name = _SAFE_NAME.sub("_", Path(upload.filename or "upload.txt").name).lstrip(".") or "upload.txt"
        path = folder / name
        path.write_bytes(await upload.read())
        if path.stat().st_size == 0:
            raise ApiError(400, f"uploaded file {name!r} is empty")
        return path
    if content_type == "text/plain":
        body = await request.body()
        if not body.strip():
            raise ApiError(400, "empty body: nothing to ingest")
        path = folder / "upload.txt"
        path.write_bytes(body)
        return path
    raise ApiError(415, "send application/json (a document or a list), multipart/form-data (field 'file') or text/plain (seed format)")


@router.post(
    "/documents",
    status_code=201,
    summary="Ingest documents (needs Authorization: Bearer $QUOTETRACKER_TOKEN)",
    responses={
        200: {"model": schemas.IngestOut, "description": "nothing new: every document was already stored"},
        201: {"model": schemas.IngestOut, "description": "ingested"},
        **error_responses(400, 401, 403, 413, 415, 422, 500),
    },
    openapi_extra={"requestBody": _REQUEST_BODY},
)
async def post_documents(request: Request, _credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> JSONResponse:
    check_token(request)
    backend = request.app.state.backend
    if not backend.can_ingest:
        raise ApiError(403, "this server was started over a read-only query service: ingest is not available")
    with tempfile.TemporaryDirectory(prefix="quotetracker-upload-") as tmp:
        path = await _write_body(request, Path(tmp))
        try:
            result = await run_in_threadpool(backend.tracker.ingest, [str(path)])
        finally:
            backend.cache.clear()  # summaries may have changed
        summary = _summary(result)
    if isinstance(summary, dict):
        for reject in summary.get("rejects") or []:
            if isinstance(reject, dict) and reject.get("path"):
                reject["path"] = Path(str(reject["path"])).name  # not the server's temporary folder
    accepted = summary.get("accepted", 0) if isinstance(summary, dict) else None
    rejected = summary.get("rejected", 0) if isinstance(summary, dict) else 0
    if accepted == 0 and rejected:
        first = (summary.get("rejects") or [{}])[0]
        reason = first.get("reason", "rejected") if isinstance(first, dict) else "rejected"
        raise ApiError(422, f"nothing ingested: {rejected} input(s) rejected, e.g. {reason}", details=summary)
    status = 201 if accepted else 200  # 200: everything was already stored
    return JSONResponse({"ingested": path.name, "summary": summary}, status_code=status)
