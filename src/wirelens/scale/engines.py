"""Engines behind one small interface: start, map a function (the input scan), run the
partition job with retries and yield outcomes as partitions complete, stop.

- `LocalEngine`: this machine; one process (workers=1) or a spawn process pool, the model
  loaded once per process by the pool's initializer.
- `DaskEngine`: `distributed` — a `LocalCluster` (one single-threaded worker process per core)
  or an existing scheduler; one task per partition with `retries`, results as completed.
- `SparkEngine`: PySpark — a DataFrame with a row per partition to run, one Spark partition
  each, and `mapPartitions` running the job; Python workers are the project's interpreter
  (`PYSPARK_PYTHON`) and are reused (`spark.python.worker.reuse`), so each loads the model once.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial

from wirelens.scale.datasets import read_marker
from wirelens.scale.job import preload, process_partition
from wirelens.scale.plan import Part
from wirelens.settings import Settings

log = logging.getLogger("wirelens.scale")

ENGINES = ("local", "dask", "spark")


@dataclass
class Outcome:
    part: Part
    summary: dict | None = None  # None: failed after the retries
    error: str | None = None


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class EngineUnavailable(RuntimeError):
    """The engine's package is not installed (or it cannot start)."""


class Engine(ABC):
    name = "?"

    def __init__(self, workers: int | None = None, address: str | None = None, retries: int = 2):
        self.workers = workers or default_workers()
        self.address = address
        self.retries = retries
        self.info: dict = {"name": self.name}
        self.loads: list[dict] = []  # model loads at start-up, one per worker process

    @abstractmethod
    def start(self, settings: Settings) -> None:
        """Start (or connect to) the engine and load the model on every worker."""

    @abstractmethod
    def map(self, fn: Callable, items: list) -> list:
        """[fn(item) for item in items], on the workers."""

    @abstractmethod
    def run(self, parts: list[Part], out: str, settings: Settings) -> Iterator[Outcome]:
        """Run `process_partition` on every part; yield each outcome as it completes."""

    def stop(self) -> None:  # noqa: B027 (nothing to stop by default)
        return None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def make_engine(
    name: str, workers: int | None = None, address: str | None = None, retries: int = 2
) -> Engine:
    if name == "local":
        return LocalEngine(workers, address, retries)
    if name == "dask":
        return DaskEngine(workers, address, retries)
    if name == "spark":
        return SparkEngine(workers, address, retries)
    raise ValueError(f"unknown engine {name!r} (expected one of {', '.join(ENGINES)})")


# -- local ----------------------------------------------------------------------------------


def _init_local_worker(settings: Settings) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    preload(settings)


class LocalEngine(Engine):
    name = "local"

    def start(self, settings: Settings) -> None:
        self.info.update(workers=self.workers, version=None)
        self.pool = None
        if self.workers == 1:
            self.loads = [preload(settings)]
        else:
            self.settings = settings
            self.pool = self._new_pool()
            # one no-op per worker: returns when every process has started and loaded the model
            self.loads = list(self.pool.map(preload, [settings] * self.workers))

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_local_worker,
            initargs=(self.settings,),
        )

    def map(self, fn: Callable, items: list) -> list:
        if self.pool is None:
            return [fn(x) for x in items]
        return list(self.pool.map(fn, items))

    def run(self, parts: list[Part], out: str, settings: Settings) -> Iterator[Outcome]:
        job = partial(process_partition, out=out, settings=settings)
        if self.pool is None:
            for part in parts:
                yield self._attempts(job, part)
            return
        yield from self._run_pool(job, parts)

    def _attempts(self, job: Callable, part: Part) -> Outcome:
        for attempt in range(self.retries + 1):
            try:
                return Outcome(part, job(part))
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.warning("partition %d failed (attempt %d): %s", part.index, attempt + 1, error)
        return Outcome(part, error=error)

    def _run_pool(self, job: Callable, parts: list[Part]) -> Iterator[Outcome]:
        todo = list(reversed(parts))
        tries: dict[int, int] = {}
        inflight: dict[Future, Part] = {}
        while todo or inflight:
            while todo and len(inflight) < 2 * self.workers:
                part = todo.pop()
                inflight[self.pool.submit(job, part)] = part
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                part = inflight.pop(fut)
                try:
                    yield Outcome(part, fut.result())
                    continue
                except BrokenProcessPool:
                    broken = True
                    error = "a worker process died"
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"
                tries[part.index] = tries.get(part.index, 0) + 1
                log.warning(
                    "partition %d failed (attempt %d): %s", part.index, tries[part.index], error
                )
                if tries[part.index] > self.retries:
                    yield Outcome(part, error=error)
                else:
                    todo.append(part)
            if broken:  # every unit in flight is lost with the pool: run them again
                todo += list(inflight.values())
                inflight.clear()
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()

    def stop(self) -> None:
        if getattr(self, "pool", None) is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


# -- Dask -----------------------------------------------------------------------------------


_TRIM = "MALLOC_TRIM_THRESHOLD_"


class DaskEngine(Engine):
    name = "dask"

    def start(self, settings: Settings) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(
                "--engine dask needs Dask: pip install 'wirelens[dask]'"
            ) from exc
        self.cluster = None
        if self.address:
            self.client = Client(self.address)
        else:
            # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in its workers (against fragmentation);
            # it disables glibc's adaptive mmap threshold, and spaCy then runs 25% slower
            # (measured: 7.5 instead of 9.7 articles/s per process). Unset it, as Dask allows.
            with dask.config.set({"distributed.nanny.pre-spawn-environ." + _TRIM: None}):
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,  # spaCy is not thread-parallel: a process per core
                    processes=True,
                    dashboard_address=os.environ.get("WIRELENS_DASK_DASHBOARD", ":8787"),
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
        try:
            info = self.client.scheduler_info(n_workers=-1)  # all of them (newer distributed)
        except TypeError:
            info = self.client.scheduler_info()
        workers = list(info["workers"])
        if not workers:
            self.client.wait_for_workers(1)
            workers = list(self.client.scheduler_info()["workers"])
        self.workers = len(workers)
        self.info.update(
            version=dask.__version__,
            scheduler=self.client.scheduler.address,
            dashboard=self.client.dashboard_link,
            workers=self.workers,
        )
        # the model, once per worker process, now: later tasks find it cached
        futures = [
            self.client.submit(preload, settings, workers=[w], pure=False, key=f"preload-{i}")
            for i, w in enumerate(workers)
        ]
        self.loads = self.client.gather(futures)

    def map(self, fn: Callable, items: list) -> list:
        if not items:
            return []
        return self.client.gather(self.client.map(fn, items, pure=False))

    def run(self, parts: list[Part], out: str, settings: Settings) -> Iterator[Outcome]:
        from distributed import as_completed

        job = partial(process_partition, out=out, settings=settings)
        todo = iter(parts)
        limit = max(64, 4 * self.workers)  # specs in flight: the client never holds them all
        by_key: dict[str, Part] = {}

        def submit(part: Part):
            key = f"wirelens-{part.name}-{os.urandom(4).hex()}"
            by_key[key] = part
            return self.client.submit(job, part, key=key, retries=self.retries, pure=False)

        ac = as_completed([submit(p) for p in _take(todo, limit)])
        for fut in ac:
            part = by_key.pop(fut.key)
            if fut.status == "finished":
                yield Outcome(part, fut.result())
            else:
                exc = fut.exception() if fut.status == "error" else None
                error = f"{type(exc).__name__}: {exc}" if exc else f"task {fut.status}"
                yield Outcome(part, error=error)
            fut.release()
            for p in _take(todo, 1):
                ac.add(submit(p))

    def stop(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None
        if getattr(self, "cluster", None) is not None:
            self.cluster.close()
            self.cluster = None


def _take(it: Iterator, n: int) -> list:
    out = []
    for x in it:
        out.append(x)
        if len(out) >= n:
            break
    return out


# -- Spark ----------------------------------------------------------------------------------


def _spark_job(rows, specs, out: str, settings: Settings, retries: int):
    """mapPartitions: the wirelens partitions of one Spark partition (one, normally), each
    looked up by its row number in the broadcast specs. An exception is retried here first; a
    worker that dies is Spark's to retry."""
    for row in rows:
        part = Part.from_dict(json.loads(specs.value[row.id]))
        error = None
        for _ in range(retries + 1):
            try:
                yield json.dumps(process_partition(part, out, settings))
                break
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
        else:
            yield json.dumps({"part": part.index, "failed": error})


def _spark_preload(rows, settings: Settings):
    yield json.dumps(preload(settings))


class SparkEngine(Engine):
    name = "spark"

    def start(self, settings: Settings) -> None:
        try:
            import pyspark
            from pyspark.sql import SparkSession
        except ImportError as exc:
            raise EngineUnavailable(
                "--engine spark needs PySpark: pip install 'wirelens[spark]' (and Java 17)"
            ) from exc
        # executors run this interpreter (the one with wirelens and spaCy), not `python3`
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        # local[N,F]: N cores, a task tried F times (plain local[N] never retries)
        master = self.address or f"local[{self.workers},{self.retries + 1}]"
        builder = (
            SparkSession.builder.master(master)
            .appName("wirelens")
            .config("spark.python.worker.reuse", "true")
            .config("spark.task.maxFailures", str(self.retries + 1))
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "false")
        )
        self.spark = builder.getOrCreate()
        sc = self.spark.sparkContext
        sc.setLogLevel("ERROR")
        self.workers = sc.defaultParallelism
        self.info.update(
            version=pyspark.__version__, master=sc.master, ui=sc.uiWebUrl, workers=self.workers
        )
        n = max(1, sc.defaultParallelism)
        loads = sc.parallelize(range(n), n).mapPartitions(
            partial(_spark_preload, settings=settings)
        )
        self.loads = [json.loads(x) for x in loads.collect()]

    def map(self, fn: Callable, items: list) -> list:
        if not items:
            return []
        sc = self.spark.sparkContext
        return sc.parallelize(items, len(items)).map(fn).collect()

    def run(self, parts: list[Part], out: str, settings: Settings) -> Iterator[Outcome]:
        if not parts:
            return
        sc = self.spark.sparkContext
        # A DataFrame made by the JVM (no Python stage upstream, which would take a second
        # Python worker per task): row i is the i-th partition to run, one per Spark partition;
        # the specs travel once to each executor as a broadcast.
        specs = sc.broadcast([json.dumps(p.to_dict()) for p in parts])
        df = self.spark.range(0, len(parts), 1, numPartitions=len(parts))
        job = partial(_spark_job, specs=specs, out=out, settings=settings, retries=self.retries)
        results: dict[str, object] = {}

        def collect() -> None:
            try:
                results["rows"] = df.rdd.mapPartitions(job).collect()
            except BaseException as exc:  # the job aborted: partitions without a marker failed
                results["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"

        thread = threading.Thread(target=collect, name="wirelens-spark", daemon=True)
        thread.start()
        pending = {p.index: p for p in parts}
        try:
            while thread.is_alive():  # progress: markers appear on the shared output
                thread.join(1.0)
                for i in list(pending):
                    summary = read_marker(out, i)
                    if summary is not None:
                        yield Outcome(pending.pop(i), summary)
        except BaseException:
            sc.cancelAllJobs()
            raise
        failed = {}
        for line in results.get("rows", []):
            s = json.loads(line)
            if "failed" in s:
                failed[s["part"]] = s["failed"]
        for i, part in sorted(pending.items()):
            summary = read_marker(out, i)
            if summary is not None:
                yield Outcome(part, summary)
            else:
                yield Outcome(part, error=failed.get(i) or results.get("error", "not run"))

    def stop(self) -> None:
        if getattr(self, "spark", None) is not None:
            self.spark.stop()
            self.spark = None
