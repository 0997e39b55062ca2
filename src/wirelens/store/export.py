"""Export articles and quotations from a store to JSONL, CSV or Parquet, streamed.

JSONL articles are the full `Article` JSON (as `wirelens extract` writes it) plus `store_id`
and `hash`; CSV and Parquet articles are flat (one row an article, no nested lists). Quotes are
flat in every format, one row a quotation, with their article's id, hash, title and URL.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from wirelens.errors import WirelensError
from wirelens.store.base import QuoteQuery
from wirelens.store.sqlite import SQLiteStore

FORMATS = ("jsonl", "csv", "parquet")

ARTICLE_COLUMNS = {  # column → Arrow type name
    "store_id": "int64",
    "hash": "string",
    "story_id": "int64",
    "id": "string",
    "source": "string",
    "url": "string",
    "title": "string",
    "published": "string",
    "lang": "string",
    "agencies": "string",
    "dateline": "string",
    "text": "string",
    "quotes": "int64",
    "entities": "int64",
    "removed": "int64",
}
QUOTE_COLUMNS = {
    "id": "int64",
    "article_id": "int64",
    "article_hash": "string",
    "story_id": "int64",
    "published": "string",
    "lang": "string",
    "domain": "string",
    "type": "string",
    "speaker": "string",
    "speaker_actor": "string",
    "speaker_mention": "string",
    "speaker_kind": "string",
    "cue": "string",
    "cue_lemma": "string",
    "addressee": "string",
    "addressee_actor": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "confidence": "float64",
    "title": "string",
    "url": "string",
}


def format_of(path: str | Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    name = str(path).lower()
    for f in FORMATS:
        if name.endswith("." + f):
            return f
    raise WirelensError(f"cannot tell the format of {path}: give --format ({', '.join(FORMATS)})")


def flat_article(doc: dict) -> dict:
    dateline = doc.get("dateline") or {}
    return {
        "store_id": doc["store_id"],
        "hash": doc["hash"],
        "story_id": doc.get("story_id"),
        "id": doc.get("id"),
        "source": doc.get("source"),
        "url": doc.get("url"),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "lang": (doc.get("language") or {}).get("code"),
        "agencies": ";".join(doc.get("agencies") or []),
        "dateline": dateline.get("text"),
        "text": doc["text"],
        "quotes": len(doc.get("quotes") or []),
        "entities": len(doc.get("entities") or []),
        "removed": len(doc.get("removed") or []),
    }


def export_articles(store: SQLiteStore, path: str | Path, fmt: str | None = None) -> int:
    fmt = format_of(path, fmt)
    docs = store.iter_articles()
    if fmt == "jsonl":
        return _write_jsonl(docs, path)
    return _write_table((flat_article(d) for d in docs), ARTICLE_COLUMNS, path, fmt)


def export_quotes(
    store: SQLiteStore, path: str | Path, fmt: str | None = None, query: QuoteQuery | None = None
) -> int:
    fmt = format_of(path, fmt)
    rows = store.iter_quote_rows(query or QuoteQuery(limit=None))
    if fmt == "jsonl":
        return _write_jsonl(rows, path)
    return _write_table(rows, QUOTE_COLUMNS, path, fmt)


def _open_text(path: str | Path) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise WirelensError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_jsonl(items: Iterable[dict], path: str | Path) -> int:
    n = 0
    with _open_text(path) as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(rows: Iterable[dict], columns: Iterable[str], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _batches(rows: Iterable[dict], size: int = 5000) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_table(rows: Iterable[dict], columns: dict[str, str], path: str | Path, fmt: str) -> int:
    if fmt == "csv":
        with _open_text(path) as out:
            return write_csv(rows, columns, out)
    if fmt != "parquet":
        raise WirelensError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in columns.items()])
    n = 0
    try:
        with pq.ParquetWriter(str(path), schema) as writer:
            for batch in _batches(rows):
                table = pa.Table.from_pylist(
                    [{c: row.get(c) for c in columns} for row in batch], schema=schema
                )
                writer.write_table(table)
                n += len(batch)
    except OSError as exc:
        raise WirelensError(f"cannot write {path}: {exc}") from None
    return n
