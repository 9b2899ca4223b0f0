"""Jinja2 templates with autoescape on everywhere, and the filters they use to show strangers' text
(page text, comments, names, titles, URLs): nothing stored is ever marked safe; a link is made only
for an http(s) URL; path parts are percent-encoded."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from storyline import __version__
from storyline.query import QUAD_CLASSES

TEMPLATES = Path(__file__).parent / "templates"


def http_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http or https URL (the only links made), else ``None``."""
    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def path_part(value: object) -> str:
    """One URL path segment: every character but unreserved ones percent-encoded ('/' too)."""
    return quote(str(value), safe="")


def query_string(params: dict[str, Any]) -> str:
    """``?a=1&b=2`` from a mapping (lists repeat their key); empty values are left out."""
    pairs = [(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list | tuple) else [vs])
             if v not in (None, "")]
    return "?" + urlencode(pairs) if pairs else ""


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["path_part"] = path_part
    env.globals["query_string"] = query_string
    env.globals["quad_names"] = QUAD_CLASSES
    env.globals["version"] = __version__
    return env


ENV = _environment()


def render(request: Request, name: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(name).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
