"""HTTP API and web interface over a store: `create_app(db_path)`, run by `wirelens serve`."""

from wirelens.api.app import create_app

__all__ = ["create_app"]
