"""Scale-out throughput: local, Dask and Spark on the same N articles, start-up apart.

    .venv/bin/python benchmarks/scale.py [-n 2000] [--texts PATH] [--model fr_core_news_md]
                                         [--runs local:1,dask:1,dask:2,spark:2]
                                         [--partition-size 100]

Makes N articles by repeating the texts of a JSONL file (the French dev set by default; each
copy at its own URL) in one JSONL file, then runs `wirelens.scale.run` on it for each
ENGINE:WORKERS, into a fresh output folder each time, and prints:

- start-up: starting the engine (cluster, JVM) and loading the model on every worker;
- processing: from the first partition submitted to the last written (reading, pipeline,
  Parquet), hence the per-article rate;
- overall: everything, planning and stopping included.

Then a prediction for 1 M and 100 M articles on clusters of 2-core workers, from the measured
per-process rate. Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "fr.jsonl"


def make_input(texts_path: Path, n: int, dest: Path) -> int:
    with texts_path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    words = 0
    with dest.open("w", encoding="utf-8") as out:
        for i, row in enumerate(islice(cycle(rows), n)):
            words += len(row["text"].split())
            rec = {
                "id": f"a{i}",
                "text": row["text"],
                "lang": row.get("lang"),
                "url": f"https://example.org/{i}",
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return words


def main(argv: list[str] | None = None) -> None:
    from wirelens.scale import run
    from wirelens.scale.engines import default_workers
    from wirelens.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="JSONL with a 'text' field")
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--runs", default="local:1,dask:1,dask:2,spark:2", help="ENGINE:WORKERS,...")
    ap.add_argument("--partition-size", type=int, default=100)
    a = ap.parse_args(argv)

    os.environ.setdefault("WIRELENS_DASK_DASHBOARD", ":0")
    settings = Settings(model=a.model)
    results = []
    with tempfile.TemporaryDirectory(prefix="wirelens-scale-") as tmp:
        src = Path(tmp, "input.jsonl")
        words = make_input(a.texts, a.n, src)
        print(
            f"{a.n} articles, {words:,} words, model {a.model}, {default_workers()} cores, "
            f"partitions of {a.partition_size}"
        )
        print(
            f"{'engine':10s} {'start-up':>9s} {'processing':>11s} {'articles/s':>11s} "
            f"{'per worker':>11s} {'overall':>9s} {'overall/s':>10s}"
        )
        for spec in a.runs.split(","):
            engine, workers = spec.split(":")
            t0 = time.perf_counter()
            report = run(
                [str(src)],
                Path(tmp, f"out-{engine}-{workers}"),
                settings,
                engine=engine,
                workers=int(workers),
                partition_size=a.partition_size,
                progress=False,
                echo=lambda line: None,
            )
            total = time.perf_counter() - t0
            t = report.timings
            n = report.counts["records"]
            rate = n / t["process_s"]
            w = report.engine.get("workers", int(workers))
            results.append(
                {
                    "engine": spec,
                    "workers": w,
                    "startup_s": t["startup_s"],
                    "process_s": t["process_s"],
                    "rate": rate,
                    "total_s": total,
                    "articles": report.counts["articles"],
                }
            )
            print(
                f"{spec:10s} {t['startup_s']:8.1f}s {t['process_s']:10.1f}s {rate:11.1f} "
                f"{rate / w:11.1f} {total:8.1f}s {n / total:10.1f}",
                flush=True,
            )
    predict(results)


def predict(results: list[dict]) -> None:
    """Time for 1 M and 100 M articles on K machines of 2 cores (2 worker processes each),
    from each engine's measured rate per worker process and its start-up, scaling perfectly
    otherwise (inputs and output on shared storage that keeps up)."""
    print("\nprediction for machines of 2 cores (2 worker processes each), perfect scaling:")
    for r in results:
        if r["engine"].startswith("local"):
            continue
        per_proc = r["rate"] / r["workers"]
        print(
            f"  {r['engine']} ({per_proc:.1f} articles/s per process, "
            f"{1e6 / per_proc / 3600:.0f} core-hours per million articles):"
        )
        for n in (1_000_000, 100_000_000):
            cells = []
            for machines in (10, 50, 250):
                secs = r["startup_s"] + n / (per_proc * 2 * machines)
                cells.append(f"{machines} machines {_human(secs)}")
            print(f"    {n:>11,} articles: " + "; ".join(cells))


def _human(secs: float) -> str:
    if secs < 3600:
        return f"{secs / 60:.0f} min"
    if secs < 48 * 3600:
        return f"{secs / 3600:.1f} h"
    return f"{secs / 86400:.1f} days"


if __name__ == "__main__":
    main()
