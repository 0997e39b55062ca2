"""The store: articles, quotes and canonical actors of a whole corpus, searchable.

`open_store(path)` opens (or creates) the default SQLite store; `ingest(paths, store)` runs the
pipeline over inputs into it; the `Store` methods answer queries (`quotes`, `actors`, `article`,
`stats`); `wirelens.store.export` writes JSONL, CSV and Parquet.
"""

from wirelens.store.base import ArticleQuery, ErrorRow, QuoteQuery, Store
from wirelens.store.sqlite import DEFAULT_DB, SQLiteStore, open_store

__all__ = [
    "DEFAULT_DB",
    "ArticleQuery",
    "ErrorRow",
    "QuoteQuery",
    "SQLiteStore",
    "Store",
    "open_store",
]
