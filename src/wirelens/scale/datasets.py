"""The output layout: one Parquet dataset per kind of row, one file per partition.

    DIR/manifest.json                 inputs, counts, versions, timings (see `wirelens.scale.run`)
    DIR/_plan.json                    the partitions (slices of the inputs), reused by a rerun
    DIR/_done/part-00000.json         a partition's marker: written last, so it means complete
    DIR/articles/part-00000.parquet   one row per article, with its full JSON (`article_json`)
    DIR/quotes/  DIR/entities/  DIR/mentions/  DIR/events/  DIR/errors/   the same names

Every dataset has a file for every completed partition (maybe with no rows), so any Parquet
reader (pyarrow, DuckDB, Spark, pandas) reads `DIR/quotes/` as one table. Files are written
under a hidden temporary name (`.part-00000.parquet.<random>`, ignored by readers) and renamed
into place; the marker comes after the renames. `part` and `seq` (the record's position in its
partition) give the input order of articles and errors together.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DATASETS = ("articles", "quotes", "entities", "mentions", "events", "errors")
DONE = "_done"
PLAN = "_plan.json"
MANIFEST = "manifest.json"

_s, _i, _f = pa.string(), pa.int32(), pa.float64()
_KEY = [("part", _i), ("seq", _i), ("hash", _s)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        _KEY
        + [
            ("record_id", _s),
            ("source", _s),
            ("url", _s),
            ("domain", _s),
            ("title", _s),
            ("published", _s),
            ("lang", _s),
            ("lang_confidence", _f),
            ("dateline_place", _s),
            ("agencies", pa.list_(_s)),
            ("authors", pa.list_(_s)),
            ("n_quotes", _i),
            ("n_entities", _i),
            ("n_events", _i),
            ("text", _s),
            ("article_json", _s),
        ]
    ),
    "quotes": pa.schema(
        _KEY
        + [
            ("record_id", _s),
            ("n", _i),
            ("type", _s),
            ("text", _s),
            ("start", _i),
            ("end", _i),
            ("cue", _s),
            ("cue_lemma", _s),
            ("speaker", _s),
            ("speaker_actor", _s),
            ("speaker_mention", _s),
            ("speaker_kind", _s),
            ("addressee", _s),
            ("addressee_actor", _s),
            ("confidence", _f),
            ("published", _s),
            ("lang", _s),
            ("domain", _s),
            ("quote_key", _s),
        ]
    ),
    "entities": pa.schema(
        _KEY + [("entity", _s), ("name", _s), ("type", _s), ("actor_id", _s), ("mentions", _i)]
    ),
    "mentions": pa.schema(
        _KEY + [("entity", _s), ("start", _i), ("end", _i), ("text", _s), ("kind", _s)]
    ),
    "events": pa.schema(
        _KEY
        + [
            ("record_id", _s),
            ("n", _i),
            ("type", _s),
            ("mode", _s),
            ("actor", pa.list_(_s)),
            ("recipient", pa.list_(_s)),
            ("trigger", _s),
            ("trigger_start", _i),
            ("trigger_end", _i),
            ("sentence_start", _i),
            ("sentence_end", _i),
            ("confidence", _f),
            ("event_json", _s),
        ]
    ),
    "errors": pa.schema(_KEY + [("record", _s), ("reason", _s)]),
}


def part_file(out: str | os.PathLike, dataset: str, index: int) -> Path:
    return Path(out, dataset, f"part-{index:05d}.parquet")


def marker_file(out: str | os.PathLike, index: int) -> Path:
    return Path(out, DONE, f"part-{index:05d}.json")


def write_json_atomic(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def read_marker(out: str | os.PathLike, index: int) -> dict | None:
    try:
        return json.loads(marker_file(out, index).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class PartWriter:
    """The six Parquet files of one partition, written a row group at a time (so a large
    partition never sits whole in memory) and put in place together by `commit()`."""

    # rows held before a row group is written: articles carry their text and JSON
    FLUSH = {"articles": 256, "errors": 1024}

    def __init__(self, out: str | os.PathLike, index: int) -> None:
        self.out, self.index = Path(out), index
        self.rows: dict[str, list[dict]] = {d: [] for d in DATASETS}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.tmp: dict[str, Path] = {}
        self.counts = dict.fromkeys(DATASETS, 0)

    def add(self, dataset: str, row: dict) -> None:
        row["part"] = self.index
        self.rows[dataset].append(row)
        self.counts[dataset] += 1
        if len(self.rows[dataset]) >= self.FLUSH.get(dataset, 8192):
            self._flush(dataset)

    def _writer(self, dataset: str) -> pq.ParquetWriter:
        w = self.writers.get(dataset)
        if w is None:
            final = part_file(self.out, dataset, self.index)
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}")
            self.tmp[dataset] = tmp
            w = self.writers[dataset] = pq.ParquetWriter(tmp, SCHEMAS[dataset], compression="zstd")
        return w

    def _flush(self, dataset: str) -> None:
        rows = self.rows[dataset]
        table = pa.Table.from_pylist(rows, schema=SCHEMAS[dataset])
        self._writer(dataset).write_table(table)
        rows.clear()

    def commit(self) -> None:
        for d in DATASETS:
            if self.rows[d] or d not in self.writers:
                self._flush(d)  # an empty partition still gets a (typed, empty) file
            self.writers[d].close()
        for d in DATASETS:
            os.replace(self.tmp[d], part_file(self.out, d, self.index))
        self.writers.clear()

    def abort(self) -> None:
        for d, w in self.writers.items():
            try:
                w.close()
            finally:
                self.tmp[d].unlink(missing_ok=True)
        self.writers.clear()


def remove_stale_temporaries(out: str | os.PathLike) -> int:
    """Temporary files left by an interrupted run (hidden, so readers never saw them)."""
    n = 0
    for d in (*DATASETS, DONE):
        folder = Path(out, d)
        if folder.is_dir():
            for f in folder.glob(".part-*"):
                f.unlink(missing_ok=True)
                n += 1
    return n


def read_dataset(out: str | os.PathLike, dataset: str) -> pa.Table:
    """A whole dataset of a run's output, completed partitions only, in input order."""
    files = sorted(Path(out, dataset).glob("part-*.parquet"))
    done = {p.stem for p in Path(out, DONE).glob("part-*.json")}
    tables = [pq.read_table(f) for f in files if f.stem in done]
    if not tables:
        return SCHEMAS[dataset].empty_table()
    return pa.concat_tables(tables)
