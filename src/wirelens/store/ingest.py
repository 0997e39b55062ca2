"""`wirelens ingest`: run the pipeline over inputs into a store, in parallel, resumably.

The main process reads records, hashes them and skips those already stored (as an article or
as a failed record), so re-ingesting adds nothing and an interrupted ingest resumes where it
stopped. Units of `chunk_size` records (one spaCy batch) go to worker processes, each of which
loads the spaCy model once and returns ready-to-insert rows (`ArticleRows`); the main process
writes each unit in one transaction. A record that fails is stored as an error with its reason; a worker that
dies has its records retried one by one, so one poisonous record costs only itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.settings import Settings
from wirelens.store.base import ErrorRow, Store
from wirelens.store.rows import ArticleRows, article_rows, content_hash

log = logging.getLogger("wirelens.ingest")

Unit = list[tuple[str, Record]]  # (content hash, record)


@dataclass
class IngestReport:
    run_id: int
    added: int = 0  # articles stored by this run
    skipped: int = 0  # already in the store (or repeated in the input)
    failed: int = 0  # records stored as errors
    errors: list[ErrorRow] = field(default_factory=list)
    status: str = "running"
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.added + self.skipped + self.failed

    def tally(self, added: int, articles: int, errors: list[ErrorRow]) -> None:
        """Count one write: `added` of `articles` stored (the others were already there) and
        `errors` stored as failures."""
        self.added += added
        self.skipped += articles - added
        self.failed += len(errors)
        self.errors += errors


# -- work done in a worker process ----------------------------------------------------------

_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _settings
    _settings = settings
    # Ctrl-C reaches the whole process group: only the main process handles it (it stops the
    # pool), so workers do not die mid-unit with a traceback each
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _load_model(settings)


def _load_model(settings: Settings) -> None:
    """Load the model once per process, then move everything loaded out of the garbage
    collector's way: the model and knowledge base are never freed, and scanning them at each
    collection cost about 0.5 ms per article."""
    import gc

    if settings.nlp:
        from wirelens.nlp import load_nlp

        load_nlp(settings.model)
    gc.collect()
    gc.freeze()


def process_unit(unit: Unit, settings: Settings | None = None) -> list[ArticleRows | ErrorRow]:
    """Records → store rows (an `ErrorRow` for each record that fails)."""
    from wirelens.pipeline import process_records

    settings = settings or _settings or Settings()
    out: list[ArticleRows | ErrorRow] = []
    results = process_records([rec for _, rec in unit], settings)
    for (hash_, rec), result in zip(unit, results, strict=True):
        if isinstance(result, RecordError):
            out.append(ErrorRow(result.record, result.reason, hash_))
            continue
        try:
            out.append(article_rows(result, hash_))
        except Exception as exc:  # a bug on one record must not lose the others
            out.append(ErrorRow(rec.source, f"internal error: {type(exc).__name__}: {exc}", hash_))
    return out


# -- progress -------------------------------------------------------------------------------


class Progress:
    """A progress bar on a terminal (tqdm), plain log lines every `every` seconds otherwise."""

    def __init__(self, total: int | None, *, enabled: bool = True, every: float = 10.0) -> None:
        self.total, self.every = total, every
        self.start = self.last = time.monotonic()
        self.bar = None
        self.enabled = enabled
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", desc="ingest", file=sys.stderr)

    def update(self, report: IngestReport, n: int) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            self.bar.set_postfix(
                stored=report.added, skipped=report.skipped, failed=report.failed, refresh=False
            )
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            print(self.line(report), file=sys.stderr, flush=True)

    def line(self, report: IngestReport) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        done = report.seen
        rate = done / elapsed
        if self.total:
            left = max(self.total - done, 0)
            eta = time.strftime("%H:%M:%S", time.gmtime(left / rate)) if rate else "?"
            head = f"{done:,}/{self.total:,} records ({100 * done / self.total:.0f}%)"
            tail = f", ETA {eta}"
        else:
            head, tail = f"{done:,} records", ""
        return (
            f"ingest: {head}, {rate:.1f}/s{tail}; "
            f"{report.added:,} stored, {report.skipped:,} skipped, {report.failed:,} failed"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def estimate_total(paths: list[str]) -> int | None:
    """Records in the inputs, counted cheaply (files, JSONL lines); None when unknown
    (stdin, WARC)."""
    import gzip
    from pathlib import Path

    from wirelens.ingest.readers import STDIN, kind_of, walk

    total = 0
    for p in paths:
        if p == STDIN:
            return None
        path = Path(p)
        files = walk(path) if path.is_dir() else [path]
        for f in files:
            kind = kind_of(f)
            if kind == "warc":
                return None
            if kind != "jsonl":
                total += 1
                continue
            try:
                opener = gzip.open if f.name.lower().endswith(".gz") else open
                with opener(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                total += 1
    return total


# -- the ingest loop ------------------------------------------------------------------------


def _units(
    records: Iterable[Record | RecordError],
    store: Store,
    report: IngestReport,
    chunk_size: int,
    seen: set[str],
    pending_errors: list[ErrorRow],
    progress: Progress,
) -> Iterator[Unit]:
    """Records not yet stored, in units of `chunk_size`; read errors and skips are counted."""

    def flush(batch: list[tuple[str, Record]]) -> Iterator[Unit]:
        known = store.known_hashes(h for h, _ in batch)
        unit = []
        for h, rec in batch:
            if h in known or h in seen:
                report.skipped += 1
                progress.update(report, 1)
            else:
                seen.add(h)
                unit.append((h, rec))
        if unit:
            yield unit

    batch: list[tuple[str, Record]] = []
    for rec in records:
        if isinstance(rec, RecordError):
            pending_errors.append(ErrorRow(rec.record, rec.reason))
            report.failed += 1
            report.errors.append(pending_errors[-1])
            progress.update(report, 1)
            continue
        batch.append((content_hash(rec), rec))
        if len(batch) >= chunk_size:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ingest(
    paths: list[str],
    store: Store,
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
    on_error: Callable[[ErrorRow], None] | None = None,
    records: Iterable[Record | RecordError] | None = None,
) -> IngestReport:
    """Run the pipeline over `paths` (or the given `records`) into `store`.

    Ctrl-C (KeyboardInterrupt) stops cleanly: what was written stays, the run is marked
    "interrupted", and the exception is re-raised; running the same ingest again resumes.
    """
    from wirelens.ingest.readers import read_paths

    settings = settings or Settings()
    chunk_size = chunk_size or settings.batch_size  # a unit is one spaCy batch, one transaction
    workers = workers or default_workers()
    run_id = store.start_run(list(paths), workers, settings.model if settings.nlp else None)
    report = IngestReport(run_id=run_id)
    started = time.monotonic()
    bar = Progress(estimate_total(paths) if records is None else None, enabled=progress)
    source = records if records is not None else read_paths(paths, settings.max_chars)
    pending_errors: list[ErrorRow] = []
    units = _units(source, store, report, chunk_size, set(), pending_errors, bar)

    def write(results: list[ArticleRows | ErrorRow]) -> None:
        articles = [r for r in results if isinstance(r, ArticleRows)]
        errors = [r for r in results if isinstance(r, ErrorRow)]
        for err in errors:
            if on_error:
                on_error(err)
        for err in pending_errors:
            if on_error:
                on_error(err)
        added = store.write(run_id, articles, errors + pending_errors)
        pending_errors.clear()
        report.tally(added, len(articles), errors)  # pending errors were counted when read
        bar.update(report, len(results))

    with recorded_run(store, report, bar, started):
        if workers == 1:
            _load_model(settings)
            for unit in units:
                write(process_unit(unit, settings))
        else:
            _run_parallel(units, settings, workers, write)
        if pending_errors:
            write([])
    return report


@contextmanager
def recorded_run(store: Store, report: IngestReport, bar: Progress, started: float):
    """Close a run in the store whatever happens: done, interrupted (Ctrl-C) or failed."""
    try:
        yield
        report.status = "done"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    except BaseException:
        report.status = "failed"
        raise
    finally:
        bar.close()
        report.seconds = time.monotonic() - started
        store.finish_run(report.run_id, report.status, report.added, report.skipped, report.failed)


def _run_parallel(
    units: Iterator[Unit],
    settings: Settings,
    workers: int,
    write: Callable[[list[ArticleRows | ErrorRow]], None],
    work: Callable[[Unit], list[ArticleRows | ErrorRow]] = process_unit,
) -> None:
    """Keep `2 × workers` units in flight; write each as it completes.

    If a worker process dies (a crash or the OOM killer), the pool breaks and every unit in
    flight is lost: their records are retried one at a time in a fresh pool, so the one that
    kills a worker again is the one stored as an error, and the others are processed.
    """
    ctx = multiprocessing.get_context("spawn")  # no fork: workers start clean, load the model

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(settings,)
        )

    pool = new_pool()
    inflight: dict[Future, tuple[Unit, bool]] = {}  # future → (unit, is a single-record retry)
    retries: list[Unit] = []
    source = iter(units)
    exhausted = False
    try:
        while True:
            if retries:
                if not inflight:  # retries run alone, so a death is the retried record's own
                    unit = retries.pop(0)
                    inflight[pool.submit(work, unit)] = (unit, True)
            else:
                while not exhausted and len(inflight) < 2 * workers:
                    unit = next(source, None)
                    if unit is None:
                        exhausted = True
                    else:
                        inflight[pool.submit(work, unit)] = (unit, False)
            if not inflight:
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                unit, retried = inflight.pop(fut)
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    broken = True
                    if retried:
                        write([_worker_died(unit[0])])
                    else:
                        retries.extend([item] for item in unit)
                    continue
                write(results)
            if broken:
                log.warning("a worker process died; retrying its records one at a time")
                for unit, retried in inflight.values():
                    if retried:
                        write([_worker_died(unit[0])])
                    else:
                        retries.extend([item] for item in unit)
                inflight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_died(item: tuple[str, Record]) -> ErrorRow:
    hash_, rec = item
    return ErrorRow(rec.source, "worker process died while processing this record", hash_)
