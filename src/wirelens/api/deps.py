"""The store, opened read-only for each request (one SQLite connection per request: no
connection is shared between threads, and an ingest running meanwhile is seen as it commits)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from wirelens.errors import WirelensError
from wirelens.store import SQLiteStore, open_store


def _store(request: Request) -> Iterator[SQLiteStore]:
    try:
        store = open_store(request.app.state.db_path, readonly=True)
    except WirelensError as exc:
        raise HTTPException(503, f"store unavailable: {exc}") from None
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[SQLiteStore, Depends(_store)]
