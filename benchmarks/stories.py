"""Story detection: precision and recall of copy pairs, indexing speed, query speed at 100,000.

    .venv/bin/python benchmarks/stories.py [--texts FR.jsonl EN.jsonl] [--background 100000]

1. Quality: every text of the dev sets and its six synthetic copies
   (`wirelens.stories.variants`: junk added, paragraphs dropped, headline changed, paragraphs
   reordered, truncated, mixed) are stored; pairs of articles put in one story are compared with
   the true pairs (same source text): precision, recall, per variant.
2. Indexing: articles/s for fingerprinting (MinHash + bands + facts) and for the store write
   (LSH lookup, verification, story update), measured on the articles of step 1.
3. Query at scale: the store is filled with BACKGROUND unrelated articles (random signatures:
   no shared band with anything, as for unrelated news), then one new copy at a time is indexed
   and timed (lookup, verification, story assignment, insert).

No spaCy (stories depend on the text only). Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from hashlib import sha256
from itertools import combinations
from pathlib import Path

import numpy as np

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def load(paths: list[Path]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            out += [(d["id"], d["text"]) for d in map(json.loads, fh) if d.get("text")]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, nargs="+", default=[DEV / "fr.jsonl", DEV / "en.jsonl"])
    ap.add_argument("--background", type=int, default=100_000)
    ap.add_argument("--threshold", type=float, default=0.5)
    a = ap.parse_args(argv)

    from wirelens.ingest import Record
    from wirelens.pipeline import process_records
    from wirelens.settings import Settings
    from wirelens.store import open_store
    from wirelens.store.rows import article_rows
    from wirelens.stories import fingerprint
    from wirelens.stories.variants import VARIANTS, copies

    texts = load(a.texts)
    records = []
    for n, (rid, text) in enumerate(texts):
        records.append(Record(source=rid, id=rid, text=text, url=f"https://origin.example/{rid}"))
        for k, (name, copy) in enumerate(copies(text, seed=n).items()):
            url = f"https://site{k}.example/{rid}"
            records.append(Record(source=f"{rid}/{name}", id=f"{rid}/{name}", text=copy, url=url))
    articles = [x for x in process_records(records, Settings(nlp=False)) if hasattr(x, "text")]
    print(
        f"{len(texts)} texts, {len(articles)} articles with their copies, threshold {a.threshold}"
    )

    t0 = time.perf_counter()
    rows = [article_rows(art, sha256(art.id.encode()).hexdigest()) for art in articles]
    t_rows = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp, "q.db"), copy_threshold=a.threshold) as store:
            run = store.start_run(["bench"], 1, None)
            t0 = time.perf_counter()
            for r in rows:
                store.write(run, [r], [])
            t_write = time.perf_counter() - t0
            story = dict(store.db.execute("SELECT record_id, story_id FROM articles").fetchall())
        ids = sorted(story)
        gold = {(x, y) for x, y in combinations(ids, 2) if x.split("/")[0] == y.split("/")[0]}
        found = {(x, y) for x, y in combinations(ids, 2) if story[x] == story[y]}
        tp = len(gold & found)
        print(
            f"pairs: precision {tp / max(len(found), 1):.3f}, recall {tp / len(gold):.3f} "
            f"({tp} of {len(gold)} true pairs found, {len(found) - tp} false)"
        )
        missed = Counter(y.split("/")[1] if "/" in y else x.split("/")[1] for x, y in gold - found)
        for name in VARIANTS:
            print(
                f"  {name:10s} copies separated from their original or another copy: {missed[name]}"
            )
        n = len(rows)
        print(
            f"indexing: {n / t_rows:.0f} articles/s to fingerprint (cleaned text → MinHash, "
            f"bands, facts; includes row building), {n / t_write:.0f} articles/s to store and "
            "match"
        )

        with open_store(Path(tmp, "big.db"), copy_threshold=a.threshold) as store:
            db = store.db
            rng = np.random.default_rng(0)
            t0 = time.perf_counter()
            with db:
                for start in range(0, a.background, 10_000):
                    batch = range(start, min(start + 10_000, a.background))
                    db.executemany(
                        "INSERT INTO articles (id, hash, text, doc, story_id) VALUES (?,?,'','{}',?)",
                        [(i + 1, f"bg{i}", i + 1) for i in batch],
                    )
                    db.executemany(
                        "INSERT INTO stories (id, representative, size) VALUES (?,?,1)",
                        [(i + 1, i + 1) for i in batch],
                    )
                    sigs = rng.integers(
                        0, 2**32, size=(len(batch), fingerprint.NUM_PERM), dtype=np.uint32
                    )
                    db.executemany(
                        "INSERT INTO signatures (article_id, minhash, shingles) VALUES (?,?,300)",
                        [(i + 1, fingerprint.to_blob(s)) for i, s in zip(batch, sigs, strict=True)],
                    )
                    db.executemany(
                        "INSERT INTO lsh_bands (band, key, article_id) VALUES (?,?,?)",
                        [
                            (b, k, i + 1)
                            for i, s in zip(batch, sigs, strict=True)
                            for b, k in enumerate(fingerprint.band_keys(s))
                        ],
                    )
            print(
                f"background: {a.background:,} articles indexed in {time.perf_counter() - t0:.1f} s"
            )
            run = store.start_run(["bench"], 1, None)
            originals = [r for r, art in zip(rows, articles, strict=True) if "/" not in art.id]
            for r in originals:
                store.write(run, [r], [])
            queries = [r for r, art in zip(rows, articles, strict=True) if "/" in art.id][:200]
            t0 = time.perf_counter()
            for r in queries:
                store.write(run, [r], [])
            t_query = (time.perf_counter() - t0) / len(queries)
            joined = sum(
                1
                for (sid,) in db.execute("SELECT story_id FROM articles WHERE record_id LIKE '%/%'")
                if sid is not None and sid > a.background
            )
            print(
                f"query: one new article against {a.background + len(originals):,} indexed: "
                f"{t_query * 1000:.1f} ms ({1 / t_query:.0f} articles/s), store write included; "
                f"{joined} of {len(queries)} copies joined their original's story"
            )


if __name__ == "__main__":
    main()
