"""Speed of wirelens against bare spaCy, on the same texts and model, in one process.

    .venv/bin/python benchmarks/speed.py [-n 200] [--texts PATH] [--model fr_core_news_md]

Takes N texts from a JSONL file of `{"id","text"}` (the dev set by default; repeated to reach
N), then times:

1. the baseline: `spacy.load(MODEL)` + `nlp.pipe(texts)`;
2. wirelens: `extract_many(texts)` with the same model (cleaning, metadata, spaCy, quotations).

and prints articles/s, words/s and the ratio wirelens/baseline of the times (how many times
slower wirelens is than spaCy alone), with and without loading the model; the baseline loads
the model first, cold, so the second load is usually faster. Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import cycle, islice
from pathlib import Path

DEFAULT_TEXTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "fr.jsonl"


def load_texts(path: Path, n: int) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    if not texts:
        raise SystemExit(f"no texts in {path}")
    return list(islice(cycle(texts), n))


def line(name: str, seconds: float, n_articles: int, n_words: int) -> str:
    return (
        f"{name:10s} {seconds:8.2f} s  {n_articles / seconds:8.1f} articles/s  "
        f"{n_words / seconds:10.0f} words/s"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=200, help="number of texts (default 200)")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="JSONL with a 'text' field")
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args(argv)

    texts = load_texts(a.texts, a.n)
    n_words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {n_words:,} words, model {a.model}, batch {a.batch_size}")

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(a.model)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=a.batch_size):
        pass
    t_pipe = time.perf_counter() - t0
    base = t_load + t_pipe
    print(line("spaCy", base, len(texts), n_words) + f"  (load {t_load:.2f} s)")

    import wirelens
    from wirelens.nlp import load_nlp
    from wirelens.settings import Settings

    t0 = time.perf_counter()
    load_nlp(a.model)  # the same model, with the wirelens component added
    w_load = time.perf_counter() - t0
    settings = Settings(model=a.model, batch_size=a.batch_size)
    items = [{"id": str(i), "text": t, "lang": "fr"} for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    n_quotes = sum(len(art.quotes) for art in wirelens.extract_many(items, settings))
    w_run = time.perf_counter() - t0
    ours = w_load + w_run
    print(
        line("wirelens", ours, len(texts), n_words) + f"  (load {w_load:.2f} s, {n_quotes} quotes)"
    )
    print(
        f"ratio wirelens/baseline {ours / base:.2f}x the time "
        f"({w_run / t_pipe:.2f}x without loading the model)"
    )


if __name__ == "__main__":
    main()
