"""The web application: the JSON API (`/api/`), the HTML interface, its documentation.

`create_app(db_path)` builds it over a store; `wirelens serve` runs it with uvicorn, bound to
127.0.0.1 by default. Everything is read-only except `POST /api/extract`, which stores
nothing. Errors are JSON `{"detail": ...}` under `/api/` and HTML pages elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirelens import __version__
from wirelens.api.extract import DEFAULT_MAX_BYTES, Extractor
from wirelens.errors import WirelensError
from wirelens.settings import DEFAULT_MODEL, Settings

# pages and scripts come only from this server: no inline script, no CDN, no framing
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

DESCRIPTION = """Read-only access to a wirelens store (articles, quotations, canonical actors)
and `POST /api/extract`, which runs the pipeline on one posted article without storing it.

Every list is paginated (`limit` ≤ 500, `offset`) and answers
`{"total", "limit", "offset", "items"}`. Bad parameters get a 4xx answer with a JSON body
`{"detail": ...}`. The machine-readable schema is `/openapi.json`."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def create_app(
    db_path: str | Path,
    *,
    model: str = DEFAULT_MODEL,
    max_extract_bytes: int = DEFAULT_MAX_BYTES,
    check: bool = True,
) -> FastAPI:
    """The ASGI app over the store at `db_path` (opened read-only for each request).

    `model`: the spaCy model of `/api/extract` (loaded on its first call);
    `max_extract_bytes`: the largest body it accepts; `check`: open the store once now, so
    that a missing or unusable store is a clear `WirelensError` at start.
    """
    from wirelens.api.routes import router as api_router
    from wirelens.web import STATIC_DIR, render_error
    from wirelens.web.routes import router as web_router

    if check:
        from wirelens.store import open_store

        open_store(db_path, readonly=True).close()
    app = FastAPI(
        title="wirelens",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # /docs is served from this package (no CDN), see wirelens.web
        redoc_url=None,
    )
    app.state.db_path = str(db_path)
    app.state.max_extract_bytes = max_extract_bytes
    app.state.extractor = Extractor(Settings(model=model))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in _HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _is_api(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return render_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        errors = [
            {k: v for k, v in e.items() if k in ("type", "loc", "msg", "input")}
            for e in exc.errors()
        ]
        if _is_api(request):
            return JSONResponse({"detail": _jsonable(errors)}, status_code=422)
        msg = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in errors if e.get("loc"))
        return render_error(request, 400, msg or "bad parameters")

    @app.exception_handler(WirelensError)
    async def bad_query(request: Request, exc: WirelensError):
        # the store's answer to a bad filter value (e.g. not an ISO date)
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return render_error(request, 400, str(exc))

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
