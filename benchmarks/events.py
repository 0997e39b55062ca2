"""Event-coding quality on the shared gold sets, scored by the shared scorer.

    .venv/bin/python benchmarks/events.py [--shared ../shared] [--out DIR] [--errors N]
                                          [--sets sample,gsr,dev]

Writes one prediction file per set (`{"id", "events": [...]}` per line, the layout
`score_events.py` reads) and prints the scorer's report for each:

- sample: the founding AFP story against `samples/afp-putin-xi.fr.events.gold.json`;
- gsr: the 322 French PLOVER gold-standard sentences (`--recall-only`: one gold event each);
- dev: the French development articles against `data/dev/fr.events.gold.jsonl`.

Not run by the tests (it needs the shared data and takes about half a minute).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _event_json(event) -> dict:
    return {
        "type": event.type,
        "mode": event.mode,
        "actor": [p.model_dump() for p in event.actor],
        "recipient": [p.model_dump() for p in event.recipient],
        "trigger": {"text": event.trigger.text, "start": event.trigger.start},
        "sentence": event.sentence.text,
        "flags": event.flags,
    }


def predict(items: list[dict], out: Path) -> None:
    import wirelens

    with out.open("w", encoding="utf-8") as fh:
        for art in wirelens.extract_many(items):
            row = {"id": art.id, "events": [_event_json(e) for e in art.events]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def score(shared: Path, gold: Path, pred: Path, texts: Path, errors: int, *extra: str) -> str:
    cmd = [sys.executable, str(shared / "eval" / "score_events.py"), str(gold), str(pred)]
    cmd += ["--texts", str(texts), "--errors", str(errors), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, help="folder for the prediction files (default: temp)")
    ap.add_argument("--errors", type=int, default=0, help="errors listed per set")
    ap.add_argument("--sets", default="sample,gsr,dev")
    a = ap.parse_args(argv)
    out = a.out or Path(tempfile.mkdtemp(prefix="wirelens-events-"))
    out.mkdir(parents=True, exist_ok=True)
    sets = a.sets.split(",")

    def rows(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    if "sample" in sets:
        text = (a.shared / "samples" / "afp-putin-xi.fr.txt").read_text(encoding="utf-8")
        gold = json.loads((a.shared / "samples" / "afp-putin-xi.fr.events.gold.json").read_text())
        rid = str(gold["id"])
        (out / "sample.gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n")
        texts = out / "sample.texts.jsonl"
        texts.write_text(json.dumps({"id": rid, "text": text}, ensure_ascii=False) + "\n")
        predict([{"id": rid, "text": text, "published": "2022-12-30"}], out / "sample.pred.jsonl")
        print("== founding sample")
        print(score(a.shared, out / "sample.gold.jsonl", out / "sample.pred.jsonl", texts, a.errors))
    if "gsr" in sets:
        gsr = a.shared / "data" / "events" / "plover_gsr.fr.jsonl"
        items = [{"id": r["id"], "text": r["text"], "lang": "fr"} for r in rows(gsr)]
        predict(items, out / "gsr.pred.jsonl")
        print("== PLOVER gold-standard sentences, French")
        print(score(a.shared, gsr, out / "gsr.pred.jsonl", gsr, a.errors, "--recall-only"))
    if "dev" in sets:
        dev = a.shared / "data" / "dev" / "fr.jsonl"
        items = [
            {"id": r["id"], "text": r["text"], "published": r.get("published"), "lang": "fr"}
            for r in rows(dev)
        ]
        predict(items, out / "dev.pred.jsonl")
        print("== French dev articles")
        gold = a.shared / "data" / "dev" / "fr.events.gold.jsonl"
        print(score(a.shared, gold, out / "dev.pred.jsonl", dev, a.errors))
    print(f"predictions in {out}")


if __name__ == "__main__":
    main()
