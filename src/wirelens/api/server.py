"""`wirelens serve`: the app run by uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from pathlib import Path

from wirelens.settings import DEFAULT_MODEL

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    db_path: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    model: str = DEFAULT_MODEL,
    log_level: str = "info",
) -> None:
    """Serve the store at `db_path` until interrupted (a missing store raises WirelensError)."""
    import uvicorn

    from wirelens.api.app import create_app

    app = create_app(db_path, model=model)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        proxy_headers=False,
    )
