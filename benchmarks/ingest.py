"""Ingest throughput against bare spaCy, on the same texts and model, in one run.

    .venv/bin/python benchmarks/ingest.py [-n 2000] [--texts PATH] [--model fr_core_news_md]
                                          [--workers 1,2]

Makes N articles by repeating the texts of a JSONL file (the French dev set by default), each
copy at its own URL so that every one is a new article to the store, then times:

1. the baseline: `nlp.pipe(texts)` of the bare spaCy model, one process (and with
   `n_process=W` for the largest W, for reference);
2. `wirelens ingest` of the same N articles into a fresh SQLite store, for each worker count:
   reading, hashing, cleaning, metadata, spaCy, quotations, canonical actors and the writes.

It prints articles/s, the ratio of each to the one-process baseline, and the speed-up of W
workers over one. Model loads are timed apart: "run" rates exclude one model load (a worker
pool loads the model once per worker, in parallel). Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from speed import DEFAULT_TEXTS, load_texts  # noqa: E402  (same folder: the same texts)


def main(argv: list[str] | None = None) -> None:
    from wirelens.store.ingest import default_workers

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="number of articles (default 2000)")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="JSONL with a 'text' field")
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument(
        "--workers",
        default=f"1,{default_workers()}",
        help=f"worker counts to time, comma-separated (default 1,{default_workers()})",
    )
    a = ap.parse_args(argv)
    worker_counts = [int(w) for w in a.workers.split(",")]

    texts = load_texts(a.texts, a.n)
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    print(f"{n} articles, {words:,} words, model {a.model}, {default_workers()} cores")

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(a.model)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    base = time.perf_counter() - t0
    base_rate = n / base
    print(f"{'bare spaCy, 1 process':34s} {base_rate:7.1f} articles/s  (load {load:.1f} s)")
    wmax = max(worker_counts)
    if wmax > 1:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=wmax):
            pass
        t = time.perf_counter() - t0
        print(
            f"{f'bare spaCy, n_process={wmax}':34s} {n / t:7.1f} articles/s  "
            f"({n / t / base_rate:.2f}x one process, model loads included)"
        )
    del nlp

    from wirelens.settings import Settings
    from wirelens.store import open_store
    from wirelens.store.ingest import ingest

    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "articles.jsonl")
        with src.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                rec = {"id": f"a{i}", "text": text, "url": f"https://bench.example/{i}"}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        for workers in worker_counts:
            db = Path(tmp, f"w{workers}.db")
            with open_store(db) as store:
                t0 = time.perf_counter()
                report = ingest(
                    [str(src)], store, Settings(model=a.model), workers=workers, progress=False
                )
                total = time.perf_counter() - t0
            assert report.added == n, report
            run = max(total - load, 1e-9)
            rates[workers] = n / run
            print(
                f"{f'wirelens ingest, {workers} worker(s)':34s} {n / run:7.1f} articles/s  "
                f"({n / run / base_rate:.2f}x bare spaCy; {n / total:.1f}/s with model "
                f"load, {total:.1f} s; store {os.path.getsize(db) / 1e6:.1f} MB)"
            )
    if 1 in rates:
        for workers, rate in rates.items():
            if workers > 1:
                print(f"speed-up of {workers} workers over 1: {rate / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
