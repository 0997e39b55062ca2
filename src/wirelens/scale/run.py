"""`wirelens run`: the pipeline over many inputs on an engine, results as Parquet datasets.

    plan (partitions of the inputs) → engine start (model loaded on every worker) →
    one task per partition (skipping those already done) → manifest

The plan is saved in the output (`_plan.json`) and reused by a rerun, so partition numbers
stay the same and completed partitions (those with a marker) are skipped: an interrupted run
resumes, and a rerun of a complete one does nothing. A rerun with other inputs or settings
over the same output is refused.
"""

from __future__ import annotations

import contextlib
import json
import logging
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from wirelens import __version__
from wirelens.model import SCHEMA_VERSION
from wirelens.scale.datasets import (
    DATASETS,
    MANIFEST,
    PLAN,
    read_marker,
    remove_stale_temporaries,
    write_json_atomic,
)
from wirelens.scale.engines import Engine, Outcome, make_engine
from wirelens.scale.plan import Part, expand_inputs, fingerprint, plan, scan_file
from wirelens.settings import Settings

log = logging.getLogger("wirelens.scale")

SCAN_ON_WORKERS_BYTES = 64 << 20  # larger splittable inputs are indexed on the workers
COUNTS = ("records", "articles", "quotes", "entities", "mentions", "events", "errors")


class PlanMismatch(ValueError):
    """The output folder holds the results of other inputs or settings."""


@dataclass
class RunReport:
    out: str
    status: str = "running"  # complete | incomplete (failed partitions) | interrupted
    partitions: int = 0
    processed: int = 0  # partitions run by this call
    skipped: int = 0  # partitions already complete
    failed: list[dict] = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # over the whole output
    timings: dict = field(default_factory=dict)
    engine: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)


def _plan_key(inputs: list[str], settings: Settings, partitions, partition_size) -> dict:
    return {
        "inputs": list(inputs),
        "partitions": partitions,
        "partition_size": partition_size,
        "settings": {
            "model": settings.model if settings.nlp else None,
            "nlp": settings.nlp,
            "max_chars": settings.max_chars,
        },
    }


def _check_saved(saved: dict, key: dict, files: list[dict], out: Path) -> None:
    for name in ("inputs", "settings", "partitions", "partition_size"):
        if saved["key"].get(name) != key[name]:
            raise PlanMismatch(
                f"{out} holds a run with other {name.replace('_', ' ')} "
                f"({saved['key'].get(name)!r}, now {key[name]!r}); give another --output "
                "or delete it"
            )
    if saved["files"] != files:
        changed = [a["path"] for a, b in zip(saved["files"], files, strict=False) if a != b] or [
            "the list of input files"
        ]
        raise PlanMismatch(
            f"inputs changed since {out} was planned ({', '.join(changed[:3])}); give another "
            "--output or delete it"
        )


class _Progress:
    """tqdm on a terminal, else a line every `every` seconds (logs, CI)."""

    def __init__(self, total: int, parts: int, echo: Callable[[str], None], enabled: bool):
        self.total, self.parts, self.echo, self.enabled = total, parts, echo, enabled
        self.done_parts = self.records = self.articles = self.errors = 0
        self.start = self.last = time.monotonic()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="record", desc="run", file=sys.stderr)

    def update(self, summary: dict) -> None:
        self.done_parts += 1
        self.records += summary["records"]
        self.articles += summary["articles"]
        self.errors += summary["errors"]
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(summary["records"])
            self.bar.set_postfix(parts=f"{self.done_parts}/{self.parts}", errors=self.errors)
            return
        now = time.monotonic()
        if now - self.last >= 10 or self.done_parts == self.parts:
            self.last = now
            self.echo(self.line())

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.records / elapsed
        left = max(self.total - self.records, 0)
        eta = time.strftime("%H:%M:%S", time.gmtime(left / rate)) if rate else "?"
        return (
            f"run: {self.done_parts:,}/{self.parts:,} partitions, {self.records:,}/~{self.total:,} "
            f"records, {rate:.1f}/s, ETA {eta}; {self.articles:,} articles, "
            f"{self.errors:,} errors"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(
    inputs: list[str],
    out: str | Path,
    settings: Settings | None = None,
    *,
    engine: str | Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partitions: int | None = None,
    partition_size: int | None = None,
    retries: int = 2,
    progress: bool = True,
    echo: Callable[[str], None] | None = None,
) -> RunReport:
    """Process `inputs` on `engine` into the Parquet datasets of `out` (see
    `wirelens.scale.datasets`). KeyboardInterrupt stops it: the manifest says "interrupted" and
    the exception is re-raised; running the same call again resumes."""
    settings = settings or Settings()
    echo = echo or (lambda line: print(line, file=sys.stderr, flush=True))
    out = Path(out)
    t_begin = time.perf_counter()
    files = expand_inputs(inputs)
    prints = fingerprint(files)
    key = _plan_key(inputs, settings, partitions, partition_size)
    saved = None
    if (out / PLAN).exists():
        saved = json.loads((out / PLAN).read_text(encoding="utf-8"))
        _check_saved(saved, key, prints, out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)

    eng = engine if isinstance(engine, Engine) else make_engine(engine, workers, scheduler, retries)
    report = RunReport(out=str(out))
    timings = report.timings
    prog = None
    try:
        t0 = time.perf_counter()
        eng.start(settings)
        timings["startup_s"] = round(time.perf_counter() - t0, 3)
        report.engine = dict(eng.info)
        _announce(eng, echo)

        t0 = time.perf_counter()
        if saved is not None:
            parts = [Part.from_dict(d) for d in saved["parts"]]
        else:
            parts = plan(
                inputs,
                partitions=partitions,
                partition_size=partition_size,
                scan=partial(_scan, eng),
            )
            write_json_atomic(
                out / PLAN, {"key": key, "files": prints, "parts": [p.to_dict() for p in parts]}
            )
        timings["plan_s"] = round(time.perf_counter() - t0, 3)
        todo = [p for p in parts if read_marker(out, p.index) is None]
        report.partitions, report.skipped = len(parts), len(parts) - len(todo)
        echo(
            f"{len(parts):,} partitions of ~{sum(p.weight for p in parts):,} records"
            + (f"; {report.skipped:,} already done, skipped" if report.skipped else "")
        )

        t0 = time.perf_counter()
        prog = _Progress(sum(p.weight for p in todo), len(todo), echo, progress)
        for outcome in eng.run(todo, str(out), settings):
            _take(outcome, report, prog, echo)
        timings["process_s"] = round(time.perf_counter() - t0, 3)
        report.status = "incomplete" if report.failed else "complete"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    except BaseException:
        report.status = "failed"
        raise
    finally:
        if prog is not None:
            prog.close()
        t0 = time.perf_counter()
        eng.stop()
        timings["stop_s"] = round(time.perf_counter() - t0, 3)
        timings["total_s"] = round(time.perf_counter() - t_begin, 3)
        if report.partitions:
            report.manifest = write_manifest(out, inputs, prints, settings, eng, report)
    return report


def _scan(eng: Engine, paths: list[str], max_step: int | None) -> list:
    size = sum(Path(p).stat().st_size for p in paths)
    fn = partial(scan_file, max_step=max_step)
    if size > SCAN_ON_WORKERS_BYTES:
        return eng.map(fn, paths)
    return [fn(p) for p in paths]


def _announce(eng: Engine, echo: Callable[[str], None]) -> None:
    info = eng.info
    if info["name"] == "dask":
        echo(f"dask: scheduler {info['scheduler']}, {info['workers']} workers")
        echo(f"dask: dashboard {info['dashboard']}")
    elif info["name"] == "spark":
        echo(f"spark: master {info['master']}, {info['workers']} cores")
        if info.get("ui"):
            echo(f"spark: UI {info['ui']}")
    else:
        echo(f"local: {info['workers']} worker process{'es' if info['workers'] > 1 else ''}")
    if eng.loads and eng.loads[0].get("model"):
        slowest = max(x["load_s"] for x in eng.loads)
        echo(f"model {eng.loads[0]['model']} loaded by {len(eng.loads)} workers ({slowest:.1f} s)")


def _take(outcome: Outcome, report: RunReport, prog: _Progress, echo) -> None:
    if outcome.summary is None:
        report.failed.append({"part": outcome.part.index, "error": outcome.error})
        echo(f"error: partition {outcome.part.index} failed after retries: {outcome.error}")
        return
    if not outcome.summary.get("skipped"):
        report.processed += 1
    else:
        report.skipped += 1
    prog.update(outcome.summary)


def _versions(eng: Engine, summaries: list[dict]) -> dict:
    import pyarrow

    versions = {
        "wirelens": __version__,
        "schema": SCHEMA_VERSION,
        "python": platform.python_version(),
        "pyarrow": pyarrow.__version__,
    }
    if eng.info.get("version"):
        versions[eng.name] = eng.info["version"]  # dask or pyspark
    try:
        import spacy

        versions["spacy"] = spacy.__version__
    except ImportError:  # pragma: no cover
        versions["spacy"] = None
    models = {s["model"] for s in summaries if s.get("model")} | {
        x["model"] for x in eng.loads if x.get("model")
    }
    versions["model"] = sorted(models)[0] if len(models) == 1 else sorted(models) or None
    return versions


def write_manifest(
    out: Path, inputs: list[str], prints: list[dict], settings: Settings, eng: Engine, report
) -> dict:
    """manifest.json: what was read, what came out, with what, how long. Counts are over every
    completed partition (this run's and earlier ones')."""
    plan_doc = json.loads((out / PLAN).read_text(encoding="utf-8"))
    summaries = [s for i in range(len(plan_doc["parts"])) if (s := read_marker(out, i))]
    counts = {k: sum(s.get(k, 0) for s in summaries) for k in COUNTS}
    report.counts = counts
    previous = {}
    with contextlib.suppress(OSError, ValueError):
        previous = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    busy = sum(s["seconds"] for s in summaries)
    this_run = {
        "status": report.status,
        "engine": report.engine or {"name": eng.name},
        "partitions_processed": report.processed,
        "partitions_skipped": report.skipped,
        "partitions_failed": report.failed,
        "timings": report.timings,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    manifest = {
        "status": "complete" if len(summaries) == len(plan_doc["parts"]) else report.status,
        "versions": _versions(eng, summaries),
        "settings": asdict(settings),
        "inputs": inputs,
        "input_files": prints,
        "partitions": {
            "total": len(plan_doc["parts"]),
            "complete": len(summaries),
            "failed": report.failed,
        },
        "counts": counts,
        "datasets": {d: f"{d}/part-*.parquet" for d in DATASETS},
        "timings": {
            **report.timings,
            "partition_seconds_total": round(busy, 3),
            "partition_seconds_max": max((s["seconds"] for s in summaries), default=0),
            "model_load_s": [x["load_s"] for x in eng.loads],
        },
        "engine": report.engine or {"name": eng.name},
        "runs": previous.get("runs", []) + [this_run],
    }
    write_json_atomic(out / MANIFEST, manifest)
    return manifest
