"""`wirelens ingest --from-parquet DIR`: a `wirelens run` output into the store.

Each article's store rows are rebuilt from its full JSON (`article_json`) by
`wirelens.store.rows.article_rows`, with the content hash the run computed, so the store stays
idempotent: loading the same output twice, or an output and an ingest of the same inputs, adds
nothing twice. Errors are stored with their reason. Only completed partitions are read, in
order; spaCy is not needed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq

from wirelens.model import Article
from wirelens.scale.datasets import DONE, MANIFEST, part_file
from wirelens.store.base import ErrorRow, Store
from wirelens.store.ingest import IngestReport, Progress, recorded_run
from wirelens.store.rows import ArticleRows, article_rows


class NotARunOutput(ValueError):
    pass


def completed_parts(out: str | Path) -> list[int]:
    out = Path(out)
    if not (out / MANIFEST).exists() and not (out / DONE).is_dir():
        raise NotARunOutput(f"{out} is not the output of `wirelens run` (no {MANIFEST})")
    return sorted(int(p.stem.split("-")[1]) for p in (out / DONE).glob("part-*.json"))


def _rows(out: Path, index: int) -> Iterator[tuple[int, str, str | None, dict]]:
    """(seq, "article"|"error", hash, row) of one partition, in input order."""
    arts = pq.read_table(part_file(out, "articles", index), columns=["seq", "hash", "article_json"])
    errs = pq.read_table(
        part_file(out, "errors", index), columns=["seq", "hash", "record", "reason"]
    )
    items = [(r["seq"], "article", r["hash"], r) for r in arts.to_pylist()]
    items += [(r["seq"], "error", r["hash"], r) for r in errs.to_pylist()]
    yield from sorted(items, key=lambda x: x[0])


def load_parquet(
    out: str | Path,
    store: Store,
    *,
    batch: int = 64,
    progress: bool = True,
    on_error: Callable[[ErrorRow], None] | None = None,
) -> IngestReport:
    out = Path(out)
    parts = completed_parts(out)
    model = None
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        model = manifest.get("versions", {}).get("model")
        total = manifest.get("counts", {}).get("records")
    except (OSError, ValueError):
        total = None
    run_id = store.start_run([f"parquet:{out}"], 1, model if isinstance(model, str) else None)
    report = IngestReport(run_id=run_id)
    bar = Progress(total, enabled=progress)
    started = time.monotonic()
    seen: set[str] = set()

    def write(items: list) -> None:
        known = store.known_hashes(h for _, _, h, _ in items if h)
        arts: list[ArticleRows] = []
        errors: list[ErrorRow] = []
        for _, what, hash_, row in items:
            if hash_ and (hash_ in known or hash_ in seen):
                report.skipped += 1
                continue
            if hash_:
                seen.add(hash_)
            if what == "article":
                try:
                    arts.append(
                        article_rows(Article.model_validate_json(row["article_json"]), hash_)
                    )
                    continue
                except Exception as exc:  # a bad row costs itself only
                    err = ErrorRow(hash_, f"cannot load: {type(exc).__name__}: {exc}", hash_)
            else:
                err = ErrorRow(row["record"], row["reason"], hash_)
            errors.append(err)
            if on_error:
                on_error(err)
        added = store.write(run_id, arts, errors)
        report.tally(added, len(arts), errors)
        bar.update(report, len(items))

    with recorded_run(store, report, bar, started):
        pending: list = []
        for index in parts:
            for item in _rows(out, index):
                pending.append(item)
                if len(pending) >= batch:
                    write(pending)
                    pending = []
        if pending:
            write(pending)
    return report
