"""The HTML interface: server-side pages (Jinja2, autoescaped), a stylesheet and one small
script served from this package; no CDN, no inline script.

Article and quotation text is untrusted: every value goes through Jinja2's autoescaping, no
template marks untrusted text `|safe`, and links to article URLs are kept only for http(s).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from wirelens import __version__

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"


def safe_url(value: str | None) -> str | None:
    """`value` if it is an http(s) URL, else None (no `javascript:` or `data:` links)."""
    if not value or not isinstance(value, str):
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def _query(params: dict, **changes) -> str:
    """A query string from the current parameters with some changed (None drops a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["thousands"] = lambda n: f"{n:,}".replace(",", "\u202f") if n is not None else "–"
    env.globals["query"] = _query
    env.globals["version"] = __version__
    return env


templates = Jinja2Templates(env=_env())


def render(request: Request, name: str, status_code: int = 200, **context):
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, status_code: int, message: str):
    return render(
        request, "error.html", status_code=status_code, status=status_code, message=message
    )
