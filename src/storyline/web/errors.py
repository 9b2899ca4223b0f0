"""One error shape for the JSON API (``{"error": {"code": "E...", "message": "..."}}``) with its HTTP
status, and an error page with the same message for the HTML pages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from storyline.errors import Errors, StoreError, StorylineError, printable

log = logging.getLogger(__name__)

# the HTTP status of each error code a request can meet (anything else is a bad request: 400)
STATUS = {"E201": 503, "E203": 404, "E204": 404, "E205": 404, "E603": 503, "E604": 504, "E605": 404, "E606": 405,
          "E607": 500, "E608": 404}


def install(app: FastAPI) -> None:
    app.add_exception_handler(StorylineError, _storyline_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def error_response(request: Request, message: str) -> Response:
    """``message`` (``E... text``) as JSON under ``/api``, else as an error page, with its status."""
    code = message.split(" ", 1)[0]
    status = STATUS.get(code, 400)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    from storyline.web.templates import render

    return render(request, "error.html", status_code=status, code=code, message=message)


async def _storyline_error(request: Request, exc: Exception) -> Response:
    message = str(exc)
    if isinstance(exc, StoreError) and message.startswith("E201"):
        message = Errors.E201.format(path=request.app.state.settings.db.name, detail="cannot open it to read")
    return error_response(request, printable(message, 400))


async def _invalid(request: Request, exc: Exception) -> Response:
    problems = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = problems[0] if problems else {"loc": ("?",), "msg": str(exc), "input": None}
    name = str(first["loc"][-1])
    detail = printable(first.get("msg", "invalid"), 120)
    return error_response(request, Errors.E602.format(name=name, value=printable(first.get("input"), 80), detail=detail))


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        return error_response(request, Errors.E606.format(method=request.method))
    return error_response(request, Errors.E605.format(path=printable(request.url.path, 120)))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("request %s failed", request.url.path)
    return error_response(request, Errors.E607.format(detail=type(exc).__name__))
